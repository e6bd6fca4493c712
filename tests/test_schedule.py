"""Conference schedules: real published schedules import, exports pass the schedule JSON Schema, round trips hold.

The schema (``tests/schemas/schedule``) and the specimens
(``tests/specimens/schedules``) come from the C3VOC schedule tools; see the
``SOURCE.md`` beside each.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import (
    Event,
    EventFormat,
    KnowledgeBase,
    Location,
    Participation,
    Person,
    Role,
    Stakeholder,
    analysis,
    changes,
    formats,
    limits,
    reports,
)
from gpworkshop import strategies as gws
from gpworkshop._validators import day_of
from gpworkshop.cli import main
from gpworkshop.serialize import format_of
from gpworkshop.vocab import StakeholderKind
from tests.records import EXAMPLES, RECORDS

HERE = Path(__file__).resolve().parent
SPECIMENS = HERE / "specimens" / "schedules"
BAD = HERE / "bad-schedules"
SCHEMA = json.loads((HERE / "schemas" / "schedule" / "schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft6Validator(SCHEMA, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)


SCHEMA2 = json.loads((HERE / "schemas" / "schedule" / "schema2.json").read_text(encoding="utf-8"))
VALIDATOR2 = jsonschema.Draft6Validator(SCHEMA2, format_checker=jsonschema.Draft6Validator.FORMAT_CHECKER)


def schema_errors(text: str) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in VALIDATOR.iter_errors(json.loads(text))]


def schema2_errors(text: str) -> list[str]:
    return [f"{list(error.absolute_path)}: {error.message}" for error in VALIDATOR2.iter_errors(json.loads(text))]


def test_a_real_conference_schedule_imports_validates_and_reports() -> None:
    kb = gw.load(SPECIMENS / "frab-camp2019.json")

    conference = kb.event("camp2019")
    assert "Chaos Communication Camp 2019" == conference.title
    assert EventFormat.CONFERENCE is conference.format
    assert (dt.date(2019, 8, 21), dt.date(2019, 8, 26)) == (conference.start, conference.end)
    assert conference.location == Location(timezone="Europe/Berlin")
    opening = kb.event("camp2019-10386-opening-ceremony")
    assert "camp2019" == opening.part_of
    berlin = dt.timezone(dt.timedelta(hours=2))
    assert dt.datetime(2019, 8, 21, 11, tzinfo=berlin) == opening.start
    assert dt.datetime(2019, 8, 21, 11, 30, tzinfo=berlin) == opening.end
    assert ("Curie", "Europe/Berlin") == (opening.location.venue, opening.location.timezone)  # type: ignore[union-attr]
    assert (("CCC",), ("en",), ("lecture",)) == (opening.themes, opening.languages, opening.categories)
    assert "https://fahrplan.events.ccc.de/camp/2019/Fahrplan/events/10386.html" == opening.url
    [speakers] = opening.participants
    assert (Role.SPEAKER,) == speakers.roles
    assert ["jinxx", "smtw"] == [person.name for person in speakers.people]
    assert StakeholderKind.OTHER is kb.stakeholder(speakers.stakeholder).kind
    assert 79 == len(kb.sessions_of(conference))
    assert [] == [problem for problem in gw.validate(kb) if problem.severity is gw.Severity.ERROR]
    page = reports.render(reports.outcome_report(kb, "camp2019"), "html")
    assert "Opening Ceremony" in page
    assert "21 August 2019, 11:00–11:30 (UTC+02:00)" in page


def test_pretalx_schedule_imports_with_its_speakers_and_zone() -> None:
    kb = gw.load(SPECIMENS / "pretalx-democon.json")

    assert "UTC" == kb.event("democon").location.timezone  # type: ignore[union-attr]
    talk = kb.event("democon-25-focused-5thgeneration-hardware")
    assert isinstance(talk.start, dt.datetime)
    assert dt.timedelta(hours=1) == talk.start.utcoffset()
    assert ["Brian Robinson"] == [person.name for p in talk.participants for person in p.people]


def test_a_schedule_of_the_second_version_lists_its_talks_beside_the_conference() -> None:
    kb = gw.load(SPECIMENS / "hub-38c3.json")

    congress = kb.event("38c3")
    assert ("Europe/Berlin", ("en", "de")) == (congress.location.timezone, congress.languages)  # type: ignore[union-attr]
    opening = kb.event("38c3-opening-ceremony")
    assert dt.datetime(2024, 12, 27, 10, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))) == opening.start
    assert ("Saal 1", ("ccc",)) == (opening.location.venue, opening.themes)  # type: ignore[union-attr]
    [people] = opening.participants
    assert (Role.SPEAKER, Role.PARTICIPANT) == people.roles
    assert ["Gabriela Bogk", "Aline Blankertz", "Senficon"] == [person.name for person in people.people]
    slides = [resource for resource in opening.resources if resource.kind is gw.ResourceKind.PRESENTATION]
    assert ["https://example.net/foo/bar/1235.pdf"] == [resource.url for resource in slides]
    assert [] == [problem for problem in gw.validate(kb) if problem.severity is gw.Severity.ERROR]
    assert [] == schema_errors(formats.get("schedule").write(kb))  # type: ignore[misc]


@pytest.mark.parametrize(
    ("specimen", "version"),
    [("frab-camp2019.json", "schedule"), ("pretalx-democon.json", "schedule"), ("hub-38c3.json", "schedule2")],
)
def test_import_export_import_is_the_identity_on_real_schedules(specimen: str, version: str) -> None:
    """Each schedule, written back in its own version of the format, reads as the same record: no difference."""
    kb = gw.load(SPECIMENS / specimen)

    text = formats.get(version).write(kb)  # type: ignore[misc]

    assert [] == (schema_errors(text) if version == "schedule" else schema2_errors(text))
    assert "No changes.\n" == changes.diff(kb, gw.loads(text, "schedule")).text()


def test_a_schedule_is_told_from_a_record_by_its_content(tmp_path: Path) -> None:
    record = tmp_path / "record.json"
    gw.dump(gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml"), record)

    assert "schedule" == format_of(SPECIMENS / "frab-camp2019.json")
    assert "json" == format_of(record)
    assert "json" == format_of(tmp_path / "not-yet-written.json")


def test_the_command_line_imports_a_schedule_by_its_content(tmp_path: Path) -> None:
    out, err = io.StringIO(), io.StringIO()

    status = main(
        ["import", str(SPECIMENS / "frab-camp2019.json"), "-o", str(tmp_path / "camp.yaml")], out=out, err=err
    )

    assert (0, "") == (status, err.getvalue())
    assert gw.load(tmp_path / "camp.yaml") == gw.load(SPECIMENS / "frab-camp2019.json")


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_each_example_exports_a_schedule_of_the_second_version_its_schema_accepts(record: str) -> None:
    kb = analysis.narrowed(gw.load(EXAMPLES / record), events=[RECORDS[record]])

    text = formats.get("schedule2").write(kb)  # type: ignore[misc]

    assert [] == schema2_errors(text)
    back = gw.loads(text, "schedule")
    assert [event.title for event in kb.events] == [event.title for event in back.events]


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_each_example_exports_a_schedule_the_schema_accepts(record: str) -> None:
    kb = analysis.narrowed(gw.load(EXAMPLES / record), events=[RECORDS[record]])

    text = formats.get("schedule").write(kb)  # type: ignore[misc]

    assert [] == schema_errors(text)
    back = gw.loads(text, "schedule")
    assert [event.title for event in kb.events] == [event.title for event in back.events]


def test_a_record_of_several_conferences_needs_one_chosen() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")

    with pytest.raises(gw.FormatError, match=r"2 top-level events .*--event ID"):
        formats.get("schedule").write(kb)  # type: ignore[misc]


def test_speakers_keep_the_organisation_the_schedule_names() -> None:
    text = json.dumps(
        {
            "schedule": {
                "version": "1",
                "conference": {
                    "acronym": "lgf2024",
                    "title": "Forum",
                    "start": "2024-05-06",
                    "end": "2024-05-06",
                    "days": [
                        {
                            "rooms": {
                                "Hall": [
                                    {
                                        "title": "Panel",
                                        "date": "2024-05-06T09:00:00+09:00",
                                        "duration": "1:15",
                                        "persons": [
                                            {"name": "Ji-won Park", "organization": "KRILA"},
                                            {"name": "Sam Lee", "organization": "KRILA"},
                                            {"public_name": "Ana Cruz"},
                                        ],
                                    }
                                ]
                            }
                        }
                    ],
                },
            }
        }
    )

    kb = gw.loads(text, "schedule")

    [panel] = kb.sessions_of("lgf2024")
    assert dt.datetime(2024, 5, 6, 10, 15, tzinfo=dt.timezone(dt.timedelta(hours=9))) == panel.end
    assert [("krila", ["Ji-won Park", "Sam Lee"]), ("lgf2024-speakers", ["Ana Cruz"])] == [
        (p.stakeholder, [person.name for person in p.people]) for p in panel.participants
    ]
    assert "KRILA" == kb.stakeholder("krila").name
    written = json.loads(formats.get("schedule").write(kb))  # type: ignore[misc]
    talk = written["schedule"]["conference"]["days"][0]["rooms"]["Hall"][0]
    assert [("Ji-won Park", "KRILA"), ("Sam Lee", "KRILA"), ("Ana Cruz", None)] == [
        (person["name"], person.get("organization")) for person in talk["persons"]
    ]


#: File → every problem expected, as (code, line, column).
EXPECTED: dict[str, list[tuple[str, int, int]]] = {
    "syntax.json": [("GPW101", 4, 61)],
    "not-a-schedule.json": [("GPW106", 1, 1)],
    "no-conference.json": [("GPW201", 2, 15)],
    "conference-without-title.json": [("GPW201", 4, 19)],
    "days-not-a-list.json": [("GPW203", 8, 15)],
    "several-problems.json": [
        ("GPW204", 21, 25),
        ("GPW206", 30, 29),
        ("GPW207", 32, 29),
        ("GPW203", 33, 45),
        ("GPW201", 33, 50),
        ("GPW201", 35, 15),
        ("GPW203", 39, 28),
        ("GPW203", 42, 23),
        ("GPW203", 45, 9),
    ],
    "values-out-of-range.json": [
        ("GPW206", 20, 29),
        ("GPW206", 26, 29),
        ("GPW206", 32, 29),
        ("GPW203", 40, 26),
        ("GPW203", 41, 32),
        ("GPW203", 48, 25),
        ("GPW203", 49, 25),
        ("GPW203", 57, 19),
        ("GPW203", 59, 28),
    ],
}


def test_the_corpus_is_the_table() -> None:
    assert sorted(EXPECTED) == sorted(path.name for path in BAD.glob("*.json"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_bad_schedule_reports_every_problem_at_its_place(name: str) -> None:
    path = BAD / name
    with pytest.raises(gw.LoadError) as raised:
        gw.load(path, format="schedule")

    found = [(problem.code, problem.line, problem.column) for problem in raised.value.problems]
    assert EXPECTED[name] == found
    assert {str(path)} == {problem.source for problem in raised.value.problems}


def test_the_command_line_prints_schedule_problems_with_their_places() -> None:
    out, err = io.StringIO(), io.StringIO()
    path = BAD / "several-problems.json"

    status = main(["import", str(path), "--from", "schedule", "-o", "-"], out=out, err=err)

    assert 1 == status
    lines = err.getvalue().splitlines()
    assert (
        f"{path}:30:29: GPW206: 'duration' must be hours and minutes such as '01:30', got the text 'an hour'" in lines
    )
    assert "9 errors" == lines[-1]
    assert "Traceback" not in err.getvalue()


def _speakers(draw: st.DrawFn, stakeholder: str) -> Participation:
    names = draw(st.lists(gws.texts(max_size=30).map(str.strip).filter(bool), min_size=1, max_size=3, unique=True))
    return Participation(stakeholder=stakeholder, roles=(Role.SPEAKER,), people=tuple(Person(name=n) for n in names))


@st.composite
def schedules(draw: st.DrawFn) -> KnowledgeBase:
    """Records a schedule holds in full: a conference of talks in rooms, with speakers, tracks and a language."""
    zone = draw(st.sampled_from(["UTC", "Asia/Seoul", "Europe/Berlin", "America/New_York", "Asia/Kathmandu"]))
    day = draw(gws.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31)))
    conference = Event(
        id="conf",
        title=draw(gws.texts(max_size=40)).strip() or "Conference",
        format=EventFormat.CONFERENCE,
        start=day,
        end=day + dt.timedelta(days=draw(st.integers(0, 3))),
        location=Location(timezone=zone),
    )
    offset = dt.timezone(dt.timedelta(minutes=draw(st.sampled_from([0, 60, 120, 540, -300, 345]))))
    talks = []
    organisations = ["org-a", "org-b", "conf-speakers"]
    for number in range(draw(st.integers(0, 4))):
        start = dt.datetime.combine(day, dt.time(8), tzinfo=offset) + dt.timedelta(minutes=30 * number)
        talks.append(
            Event(
                id=f"talk-{number}",
                title=draw(gws.texts(max_size=40)).strip() or "Talk",
                format=draw(st.sampled_from([EventFormat.SESSION, EventFormat.WORKSHOP])),
                categories=(),
                start=start,
                end=start + dt.timedelta(minutes=draw(st.integers(5, 180))),
                location=Location(venue=draw(st.sampled_from(["Hall A", "Room 2", "한국관"])), timezone=zone),
                url=draw(st.none() | st.just(f"https://example.org/talk/{number}")),
                languages=draw(st.sampled_from([(), ("en",), ("ko",)])),
                summary=draw(st.none() | gws.texts(max_size=80).map(str.strip).filter(bool)),
                part_of="conf",
                themes=draw(st.sampled_from([(), ("Localisation",)])),
                participants=tuple(
                    _speakers(draw, s) for s in draw(st.lists(st.sampled_from(organisations), unique=True, max_size=3))
                ),
            )
        )
    stakeholders = (
        Stakeholder(id="org-a", name="org-a", kind=StakeholderKind.OTHER),
        Stakeholder(id="org-b", name="org-b", kind=StakeholderKind.OTHER),
        Stakeholder(
            id="conf-speakers", name=f"Speakers of {conference.title} in their own name", kind=StakeholderKind.OTHER
        ),
    )
    # In the order the schedule first names them.
    used = list(dict.fromkeys(p.stakeholder for talk in talks for p in talk.participants))
    return KnowledgeBase(
        stakeholders=tuple(sorted((s for s in stakeholders if s.id in used), key=lambda s: used.index(s.id))),
        events=(conference, *talks),
    )


@settings(max_examples=40, deadline=None)
@st.composite
def second_version_schedules(draw: st.DrawFn) -> KnowledgeBase:
    """Records a schedule of the second version holds in full: times of the conference, its languages, and people
    in other roles than speakers."""
    kb = draw(schedules())
    conference, *talks = kb.events
    offset = dt.timezone(dt.timedelta(hours=draw(st.integers(-5, 9))))
    start = dt.datetime.combine(day_of(conference.start), dt.time(9, 30), tzinfo=offset)
    conference = attrs.evolve(
        conference,
        start=start,
        end=start + dt.timedelta(days=draw(st.integers(0, 3)), hours=8),
        languages=draw(st.sampled_from([(), ("en",), ("en", "de")])),
    )
    roles = st.lists(
        st.sampled_from([Role.SPEAKER, Role.MODERATOR, Role.HOST, Role.PARTICIPANT]), min_size=1, max_size=3
    )
    talks = [
        attrs.evolve(
            talk,
            languages=talk.languages or ("en",),
            themes=talk.themes or ("Localisation",),
            format=draw(st.sampled_from([EventFormat.SESSION, EventFormat.WORKSHOP, EventFormat.MEETING])),
            categories=draw(st.sampled_from([(), ("discussion",), ("lightning_talk",)])),
            participants=tuple(
                attrs.evolve(p, roles=tuple(dict.fromkeys(draw(roles)))[: len(p.people)] or (Role.SPEAKER,))
                for p in talk.participants
            ),
        )
        for talk in talks
    ]
    talks = [talk if talk.format is EventFormat.SESSION else attrs.evolve(talk, categories=()) for talk in talks]
    return attrs.evolve(kb, events=(conference, *talks))


@settings(max_examples=max(settings().max_examples // 2, 10), deadline=None)
@given(second_version_schedules())
def test_what_a_schedule_of_the_second_version_holds_comes_back_unchanged(kb: KnowledgeBase) -> None:
    text = formats.get("schedule2").write(kb)  # type: ignore[misc]

    assert [] == schema2_errors(text)
    assert "No changes.\n" == changes.diff(kb, gw.loads(text, "schedule")).text()


@given(schedules())
def test_what_a_schedule_holds_comes_back_unchanged(kb: KnowledgeBase) -> None:
    text = formats.get("schedule").write(kb)  # type: ignore[misc]

    assert [] == schema_errors(text)
    assert kb == gw.loads(text, "schedule")


@settings(max_examples=30, deadline=None)
@given(gws.knowledge_bases(max_events=4))
def test_every_record_exports_a_schedule_of_each_top_level_event(kb: KnowledgeBase) -> None:
    for event in kb.top_level_events():
        text = formats.get("schedule").write(analysis.narrowed(kb, events=[event.id]))  # type: ignore[misc]
        assert [] == schema_errors(text)
        back = gw.loads(text, "schedule")
        assert len(back.events) == len(analysis.event_family(kb, event.id))


def test_any_schedule_reads_without_an_internal_error() -> None:
    @settings(max_examples=60, deadline=None)
    @given(st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=5), _containers, max_leaves=20))
    def check(value: Any) -> None:
        document = {
            "schedule": {"conference": {"title": "T", "start": "2024-01-01", "end": "2024-01-01", "days": [value]}}
        }
        try:
            gw.loads(json.dumps(document), "schedule")
        except gw.LoadError as error:
            problems = error.problems
        else:
            problems = ()
        assert all(problem.code.startswith("GPW") and problem.line for problem in problems)

    check()


def _containers(children: st.SearchStrategy[Any]) -> st.SearchStrategy[Any]:
    return st.lists(children, max_size=3) | st.dictionaries(
        st.sampled_from(["rooms", "title", "date", "duration", "persons", "name", "Hall"]), children, max_size=4
    )


def test_a_talk_as_long_as_the_limit_is_read_and_one_minute_longer_is_refused() -> None:
    def schedule(duration: str) -> str:
        talk = {"guid": "g", "date": "2024-05-06T09:00:00+09:00", "duration": duration, "title": "Camp"}
        conference = {
            "acronym": "camp",
            "title": "Camp",
            "start": "2024-05-06",
            "end": "2025-05-07",
            "days": [{"index": 1, "date": "2024-05-06", "rooms": {"Field": [talk]}}],
        }
        return json.dumps({"schedule": {"version": "1", "conference": conference}})

    hours = int(limits.DURATION.total_seconds()) // 3600

    kb = gw.loads(schedule(f"{hours}:00"), "schedule")
    assert dt.datetime.fromisoformat("2024-05-06T09:00:00+09:00") + limits.DURATION == kb.events[1].end
    with pytest.raises(gw.LoadError) as caught:
        gw.loads(schedule(f"{hours}:01"), "schedule")
    assert ["GPW206"] == [problem.code for problem in caught.value.problems]


def test_a_real_schedule_keeps_its_subtitles_and_its_links_made_absolute_and_gives_them_back() -> None:
    """Of the camp's 79 talks, 63 have a subtitle; of 64 links, 13 are relative and one has no scheme at all."""
    path = SPECIMENS / "frab-camp2019.json"
    talks = json.loads(path.read_text("utf-8"))["schedule"]["conference"]["days"]
    written = [talk for day in talks for room in day["rooms"].values() for talk in room]

    kb = gw.load(path, format="schedule")
    again = json.loads(formats.get("schedule").write(kb))  # type: ignore[misc]

    sessions = kb.events[1:]
    assert 63 == sum(" — " in session.title for session in sessions)
    assert 63 == sum(len(session.resources) for session in sessions)
    assert all(
        resource.url and resource.url.startswith(("https://", "http://")) for s in sessions for resource in s.resources
    )
    assert [
        "https://fahrplan.events.ccc.de/system/event_attachments/attachments/000/003/792/original/"
        "Hacking_Containers_and_Kubernetes.pdf?1566398735"
    ] == [r.url for s in sessions for r in s.resources if "Hacking_Containers" in (r.url or "")]
    [left_out] = [problem for problem in gw.validate(kb) if problem.code == "GPW111"]
    assert (2020, 28) == (left_out.line, left_out.column)
    written_back = [
        talk for day in again["schedule"]["conference"]["days"] for room in day["rooms"].values() for talk in room
    ]
    # Spaces around a subtitle do not count, as around any text of a schedule.
    subtitles = {talk["title"].strip(): talk["subtitle"].strip() for talk in written if talk.get("subtitle")}
    assert subtitles == {talk["title"]: talk["subtitle"] for talk in written_back if talk.get("subtitle")}


@pytest.mark.parametrize(
    "path",
    [*sorted(SPECIMENS.glob("*.json")), *sorted(BAD.glob("*.json"))],
    ids=lambda path: path.name,
)
def test_a_schedule_read_without_places_gives_what_it_gives_with_them(path: Path) -> None:
    """The places of a schedule's values are found only when asked for, or when it has problems to place."""
    text = path.read_text(encoding="utf-8")
    read = formats.reader("schedule")

    quick, quick_problems = read(text, path.name)
    placed, placed_problems = read(text, path.name, positions=True)

    assert (placed.data, placed_problems) == (quick.data, quick_problems)
    assert quick_problems or quick.positions is None


def test_importing_a_schedule_says_which_links_it_left_out_and_where(tmp_path: Path) -> None:
    schedule = SPECIMENS / "frab-camp2019.json"
    out, err = io.StringIO(), io.StringIO()

    to_file = main(["import", str(schedule), "-o", str(tmp_path / "camp.yaml")], out=out, err=err)
    left_out = (
        f"{schedule}:2020:28: GPW111: the link 'nymtech.net' is not a web address, and cannot be made one from the "
        "schedule's base_url; it is left out: write it in full, as https://…\n"
    )

    assert (0, f"{left_out}wrote {tmp_path / 'camp.yaml'}\n", "") == (to_file, out.getvalue(), err.getvalue())
    assert "nymtech.net" not in (tmp_path / "camp.yaml").read_text("utf-8")
