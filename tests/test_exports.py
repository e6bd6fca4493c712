"""Calendars, linked data and Popolo, each read back by a tool gpworkshop does not use to write it.

- iCalendar files are parsed by ``vobject``, and checked for CRLF line ends and lines folded at 75 octets.
- JSON-LD is parsed by ``rdflib`` into the triples it must state.
- Popolo documents are validated against the Popolo JSON Schemas (``tests/schemas/popolo``, see ``SOURCE.md``).

Golden files hold the exports of the examples. After a deliberate change, regenerate them with
``GPWORKSHOP_UPDATE_GOLDEN=1 python -m pytest tests/test_exports.py`` and read the differences.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import os
import sys
import warnings
from pathlib import Path
from typing import Any

import attrs
import jsonschema
import pytest
import rdflib
import vobject
from hypothesis import given, settings
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT3

import gpworkshop as gw
from gpworkshop import (
    Commitment,
    CommitmentKind,
    CommitmentStatus,
    Event,
    EventFormat,
    KnowledgeBase,
    Location,
    ProgressUpdate,
    Stakeholder,
    StakeholderKind,
    analysis,
    formats,
)
from gpworkshop import strategies as gws
from gpworkshop.cli import main
from gpworkshop.formats import ics, jsonld, popolo
from tests.records import EXAMPLES, RECORDS

HERE = Path(__file__).resolve().parent
GOLDEN = HERE / "golden-exports"
SCHEMA = rdflib.Namespace("https://schema.org/")
BASE = "https://example.org/record"
EXPORTS = {"ics": "calendar.ics", "jsonld": "linked-data.jsonld", "popolo": "popolo.json", "schedule": "schedule.json"}


def write(name: str, kb: KnowledgeBase) -> str:
    writer = formats.get(name).write
    assert writer is not None
    return writer(kb)


# Golden files.


def exported(record: str, name: str) -> str:
    kb = gw.load(EXAMPLES / record)
    if name == "schedule":
        kb = analysis.narrowed(kb, events=[RECORDS[record]])
    return write(name, kb)


@pytest.mark.parametrize(("record", "name"), [(record, name) for record in sorted(RECORDS) for name in EXPORTS])
def test_each_example_exports_as_its_golden_file(record: str, name: str) -> None:
    path = GOLDEN / Path(record).stem / EXPORTS[name]
    text = exported(record, name).encode()
    if os.environ.get("GPWORKSHOP_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text)

    assert path.read_bytes() == text


def test_every_golden_export_belongs_to_a_case() -> None:
    expected = {GOLDEN / Path(record).stem / file for record in RECORDS for file in EXPORTS.values()}

    assert sorted(expected) == sorted(GOLDEN.rglob("*.*"))


# iCalendar.


def lines_are_folded(text: str) -> bool:
    """Whether every line ends in CRLF and has at most 75 octets, as RFC 5545 section 3.1 wants."""
    lines = text.split("\r\n")
    return "" == lines[-1] and "\n" not in text.replace("\r\n", "") and all(len(line.encode()) <= 75 for line in lines)


def calendar_of(text: str) -> Any:
    return vobject.readOne(text)


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_each_example_calendar_reads_in_another_parser(record: str) -> None:
    kb = gw.load(EXAMPLES / record)
    text = write("ics", kb)

    assert lines_are_folded(text)
    calendar = calendar_of(text)
    events = calendar.contents.get("vevent", [])
    todos = calendar.contents.get("vtodo", [])
    assert [ics.uid("event", event.id) for event in kb.events] == [entry.uid.value for entry in events]
    assert [ics.uid("commitment", c.id) for _, c in kb.commitments()] == [entry.uid.value for entry in todos]
    for event, entry in zip(kb.events, events, strict=True):
        assert event.title == entry.summary.value
        assert event.start == entry.dtstart.value
        if event.part_of is not None:
            assert ics.uid("event", event.part_of) == entry.related_to.value
    for (made_at, commitment), entry in zip(kb.commitments(), todos, strict=True):
        assert ics.uid("event", made_at.id) == entry.related_to.value
        assert commitment.text in entry.description.value
        if commitment.due is not None:
            assert commitment.due == entry.due.value


def test_a_calendar_keeps_time_zones_and_all_day_events() -> None:
    seoul = Location(city="Seoul", country="KR", timezone="Asia/Seoul")
    forum = Event(
        id="forum",
        title="Forum",
        format=EventFormat.FORUM,
        start=dt.date(2024, 5, 6),
        end=dt.date(2024, 5, 7),
        location=seoul,
    )
    naive = Event(
        id="opening",
        title="Opening",
        format=EventFormat.SESSION,
        start=dt.datetime(2024, 5, 6, 9, 30),
        end=dt.datetime(2024, 5, 6, 10, 45),
        part_of="forum",
    )
    aware = Event(
        id="closing",
        title="Closing",
        format=EventFormat.SESSION,
        start=dt.datetime(2024, 5, 7, 8, tzinfo=dt.UTC),
        part_of="forum",
    )
    floating = Event(id="webinar", title="Webinar", format=EventFormat.WEBINAR, start=dt.datetime(2024, 6, 1, 14))
    text = write("ics", KnowledgeBase(events=(forum, naive, aware, floating)))

    calendar = calendar_of(text)
    entries = {entry.uid.value: entry for entry in calendar.contents["vevent"]}
    whole = entries[ics.uid("event", "forum")]
    assert (dt.date(2024, 5, 6), dt.date(2024, 5, 8)) == (whole.dtstart.value, whole.dtend.value)
    opening = entries[ics.uid("event", "opening")]
    assert "DTSTART;TZID=Asia/Seoul:20240506T093000\r\n" in text
    assert dt.datetime(2024, 5, 6, 0, 30, tzinfo=dt.UTC) == opening.dtstart.value
    assert dt.timedelta(hours=1, minutes=15) == opening.dtend.value - opening.dtstart.value
    closing = entries[ics.uid("event", "closing")]
    assert dt.datetime(2024, 5, 7, 8, tzinfo=dt.UTC) == closing.dtstart.value
    assert dt.timedelta(hours=9) == closing.dtstart.value.utcoffset()
    webinar = entries[ics.uid("event", "webinar")]
    assert dt.datetime(2024, 6, 1, 14) == webinar.dtstart.value
    assert ["Asia/Seoul"] == [zone.tzid.value for zone in calendar.contents["vtimezone"]]
    assert "Seoul, Republic of Korea" == whole.location.value


def commitment_record() -> KnowledgeBase:
    owners = (
        Stakeholder(
            id="krila",
            name="Korea Research Institute for Local Administration",
            acronym="KRILA",
            kind=StakeholderKind.RESEARCH_INSTITUTE,
        ),
        Stakeholder(
            id="unpog", name="UN Project Office on Governance", acronym="UNPOG", kind=StakeholderKind.UN_ENTITY
        ),
    )
    done = Commitment(
        id="report",
        text="Publish a joint report on local governance cases",
        by=("krila", "unpog"),
        kind=CommitmentKind.PLEDGE,
        made_on=dt.date(2023, 10, 19),
        due=dt.date(2024, 6, 30),
        deliverable="Joint report",
        status=CommitmentStatus.ACHIEVED,
        progress=(
            ProgressUpdate(on=dt.date(2024, 3, 1), status=CommitmentStatus.IN_PROGRESS, percent=40),
            ProgressUpdate(on=dt.date(2024, 6, 20), status=CommitmentStatus.ACHIEVED, note="Published"),
        ),
    )
    going = Commitment(
        id="network",
        text="Hold a yearly meeting of the research network",
        by=("krila",),
        kind=CommitmentKind.ACTION_POINT,
        status=CommitmentStatus.IN_PROGRESS,
        progress=(ProgressUpdate(on=dt.date(2024, 7, 4), status=CommitmentStatus.IN_PROGRESS, percent=50),),
    )
    dropped = Commitment(
        id="portal",
        text="Open a data portal",
        by=("unpog",),
        kind=CommitmentKind.PLEDGE,
        status=CommitmentStatus.WITHDRAWN,
    )
    event = Event(
        id="symposium",
        title="Regional Symposium",
        format=EventFormat.SYMPOSIUM,
        start=dt.date(2023, 10, 17),
        end=dt.date(2023, 10, 19),
        commitments=(done, going, dropped),
    )
    return KnowledgeBase(stakeholders=owners, events=(event,))


def test_commitments_are_to_dos_with_status_progress_and_owners() -> None:
    text = write("ics", commitment_record())

    todos = {entry.uid.value: entry for entry in calendar_of(text).contents["vtodo"]}
    report = todos[ics.uid("commitment", "report")]
    assert "COMPLETED" == report.status.value
    assert dt.date(2024, 6, 30) == report.due.value
    assert dt.date(2023, 10, 19) == report.dtstart.value
    assert dt.datetime(2024, 6, 20, tzinfo=dt.UTC) == report.completed.value
    assert "40" == report.percent_complete.value
    assert [
        "Korea Research Institute for Local Administration (KRILA)",
        "UN Project Office on Governance (UNPOG)",
    ] == [line.value for line in report.contents["contact"]]
    network = todos[ics.uid("commitment", "network")]
    assert ("IN-PROCESS", "50") == (network.status.value, network.percent_complete.value)
    assert "CANCELLED" == todos[ics.uid("commitment", "portal")].status.value


def test_the_same_record_gives_the_same_bytes() -> None:
    kb = commitment_record()

    assert write("ics", kb) == write("ics", gw.loads(gw.dumps(kb)))
    assert "DTSTAMP:20240620T000000Z" in write("ics", kb)


def test_export_narrows_to_open_commitments_events_and_series(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    gw.dump(commitment_record(), record)
    out = tmp_path / "open.ics"

    status = main(["export", str(record), "--to", "ics", "--open-on", "2024-07-01", "-o", str(out)])

    assert 0 == status
    todos = calendar_of(out.read_text(encoding="utf-8")).contents["vtodo"]
    assert [ics.uid("commitment", "network")] == [entry.uid.value for entry in todos]
    symposium = EXAMPLES / "regional-symposium-2023"
    err = io.StringIO()
    assert 0 == main(["export", str(symposium), "--event", "nri-inaugural-meeting-2023", "-o", str(out)], err=err)
    assert [ics.uid("event", "nri-inaugural-meeting-2023")] == [
        entry.uid.value for entry in calendar_of(out.read_text(encoding="utf-8")).contents["vevent"]
    ]
    assert 2 == main(["export", str(symposium), "--event", "no-such-event", "-o", str(out)], err=err)
    assert "no event has the id 'no-such-event'" in err.getvalue()


def test_the_calendar_names_the_extra_it_needs(monkeypatch: pytest.MonkeyPatch) -> None:
    # A module set to None in sys.modules cannot be imported, as if it were not installed.
    monkeypatch.setitem(sys.modules, "icalendar", None)
    err = io.StringIO()

    status = main(["export", str(EXAMPLES / "busan-gp-workshop-2014.yaml"), "--to", "ics", "-o", "-"], err=err)

    assert 1 == status
    assert 'pip install "gpworkshop[ics]"' in err.getvalue()


# JSON-LD.


def graph_of(text: str) -> rdflib.Graph:
    with warnings.catch_warnings():
        # rdflib's JSON-LD parser calls parts of rdflib that rdflib itself has deprecated.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        return rdflib.Graph().parse(data=text, format="json-ld", base=BASE)


def node(kind: str, id_: str) -> rdflib.URIRef:
    return rdflib.URIRef(f"{BASE}#{kind}-{id_}")


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_each_example_is_linked_data_rdflib_reads(record: str) -> None:
    kb = gw.load(EXAMPLES / record)

    graph = graph_of(write("jsonld", kb))

    assert {node("event", event.id) for event in kb.events} == set(graph.subjects(rdflib.RDF.type, SCHEMA.Event))
    named = set(graph.subjects(rdflib.RDF.type, SCHEMA.Organization))
    taking_part = {node("stakeholder", p.stakeholder) for event in kb.events for p in event.participants}
    assert taking_part <= named
    for event in kb.events:
        assert rdflib.Literal(event.title) == graph.value(node("event", event.id), SCHEMA.name)
    actions = set(graph.subjects(rdflib.RDF.type, SCHEMA.Action))
    assert {node("commitment", commitment.id) for _, commitment in kb.commitments()} == actions


def test_linked_data_states_the_events_organisations_and_actions() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")

    graph = graph_of(write("jsonld", kb))

    symposium = node("event", "regional-symposium-2023")
    forum = node("event", "local-governance-partnerships-forum-2023")
    assert (symposium, rdflib.RDF.type, SCHEMA.Event) in graph
    assert (forum, SCHEMA.superEvent, symposium) in graph
    assert (symposium, SCHEMA.subEvent, forum) in graph
    assert rdflib.Literal("2023-10-17") == graph.value(symposium, SCHEMA.startDate)
    assert (symposium, SCHEMA.organizer, node("stakeholder", "un-desa")) in graph
    assert (symposium, SCHEMA.attendee, node("stakeholder", "krila")) in graph
    krila = node("stakeholder", "krila")
    assert (krila, rdflib.RDF.type, SCHEMA.Organization) in graph
    assert rdflib.Literal("KRILA") == graph.value(krila, SCHEMA.alternateName)
    address = graph.value(krila, SCHEMA.address)
    assert rdflib.Literal("KR") == graph.value(address, SCHEMA.addressCountry)
    [(_, commitment)] = list(kb.commitments())
    action = node("commitment", commitment.id)
    assert (action, rdflib.RDF.type, SCHEMA.Action) in graph
    assert {node("stakeholder", owner) for owner in commitment.by} == set(graph.objects(action, SCHEMA.agent))
    assert SCHEMA.PotentialActionStatus == graph.value(action, SCHEMA.actionStatus)


def test_takeaways_are_creative_works_about_the_objectives_they_answer() -> None:
    kb = gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml")
    event = kb.events[0]

    graph = graph_of(write("jsonld", kb))

    for takeaway in event.takeaways:
        work = node(f"takeaway-{event.id}", takeaway.id)
        kind = SCHEMA.Quotation if takeaway.kind.value == "quote" else SCHEMA.CreativeWork
        assert (work, rdflib.RDF.type, kind) in graph
        assert rdflib.Literal(takeaway.text) == graph.value(work, SCHEMA.text)
        assert {node(f"objective-{event.id}", o) for o in takeaway.objectives} == set(graph.objects(work, SCHEMA.about))
        assert (work, SCHEMA.recordedAt, node("event", event.id)) in graph


def test_action_status_end_time_and_location_place() -> None:
    kb = commitment_record()
    symposium = kb.events[0]
    located = KnowledgeBase(
        stakeholders=kb.stakeholders,
        events=(attrs.evolve(symposium, location=Location(city="Incheon", country="KR")),),
    )

    graph = graph_of(write("jsonld", located))

    report = node("commitment", "report")
    assert SCHEMA.CompletedActionStatus == graph.value(report, SCHEMA.actionStatus)
    assert rdflib.Literal("2024-06-30") == graph.value(report, SCHEMA.endTime)
    assert SCHEMA.FailedActionStatus == graph.value(node("commitment", "portal"), SCHEMA.actionStatus)
    place = graph.value(node("event", "symposium"), SCHEMA.location)
    assert (place, rdflib.RDF.type, SCHEMA.Place) in graph
    assert rdflib.Literal("KR") == graph.value(graph.value(place, SCHEMA.address), SCHEMA.addressCountry)


def test_linked_data_reads_offline_with_its_context_inline() -> None:
    document = json.loads(write("jsonld", gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml")))

    assert isinstance(document["@context"], dict)
    assert "https://schema.org/" == document["@context"]["@vocab"]


def test_the_script_for_a_page_never_holds_markup() -> None:
    hostile = "</script><script>alert(1)</script><!-- & -->"
    kb = KnowledgeBase(events=(Event(id="e", title=hostile, format=EventFormat.FORUM, start=dt.date(2024, 1, 1)),))

    text = jsonld.script(kb, kb.events[0])

    assert not {"<", ">", "&"} & set(text)
    assert hostile == json.loads(text)["@graph"][0]["name"]


# Popolo.

POPOLO = HERE / "schemas" / "popolo"


def popolo_validators() -> dict[str, jsonschema.Draft3Validator]:
    schemas = [json.loads(path.read_text(encoding="utf-8")) for path in sorted(POPOLO.glob("*.json"))]
    registry: Registry[Any] = Registry().with_resources(
        (schema["id"].rstrip("#"), Resource.from_contents(schema, default_specification=DRAFT3)) for schema in schemas
    )
    return {
        schema["id"].rstrip("#").rsplit("/", 1)[1].removesuffix(".json"): jsonschema.Draft3Validator(
            schema, registry=registry
        )
        for schema in schemas
    }


VALIDATORS = popolo_validators()
POPOLO_KINDS = {"organizations": "organization", "persons": "person", "memberships": "membership", "events": "event"}


def popolo_errors(document: dict[str, Any]) -> list[str]:
    kinds = {**POPOLO_KINDS, "areas": "area"}
    return [
        f"{key}[{index}]: {error.message}"
        for key, items in document.items()
        for index, item in enumerate(items)
        for error in VALIDATORS[kinds[key]].iter_errors(item)
    ]


def test_the_popolo_schemas_are_strict_enough_to_catch_a_bad_date() -> None:
    assert popolo_errors({"events": [{"id": "e", "start_date": "6 May 2024"}]})


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_each_example_is_valid_popolo(record: str) -> None:
    kb = gw.load(EXAMPLES / record)

    document = json.loads(write("popolo", kb))

    assert [] == popolo_errors(document)
    assert [s.id for s in kb.stakeholders] == [o["id"] for o in document["organizations"]]
    assert [e.id for e in kb.events] == [e["id"] for e in document["events"]]
    parents = {e["id"]: e.get("parent_id") for e in document["events"]}
    assert {e.id: e.part_of for e in kb.events} == parents
    representing = [m["organization_id"] for m in document["memberships"] if "label" in m]
    assert [p.stakeholder for e in kb.events for p in e.participants for _ in p.people] == representing


def test_popolo_names_acronyms_kinds_and_people() -> None:
    document = popolo.document(gw.load(EXAMPLES / "regional-symposium-2023"))

    krila = next(o for o in document["organizations"] if o["id"] == "krila")
    assert [{"name": "KRILA", "note": "acronym"}] == krila["other_names"]
    assert ("research-institute", "KR") == (krila["classification"], krila["area_id"])
    assert "Republic of Korea" == next(a["name"] for a in document["areas"] if a["id"] == "KR")
    organisers = {e["id"]: e.get("organization_id") for e in document["events"]}
    assert "un-desa" == organisers["regional-symposium-2023"]


# Every generated record, every format.


@settings(max_examples=40, deadline=None)
@given(gws.knowledge_bases(max_events=4))
def test_every_record_exports_to_every_format_and_reads_back(kb: KnowledgeBase) -> None:
    calendar = write("ics", kb)
    assert lines_are_folded(calendar)
    parsed = calendar_of(calendar)
    assert len(kb.events) == len(parsed.contents.get("vevent", []))
    assert len(list(kb.commitments())) == len(parsed.contents.get("vtodo", []))
    assert calendar == write("ics", kb)

    graph = graph_of(write("jsonld", kb))
    assert {node("event", event.id) for event in kb.events} == set(graph.subjects(rdflib.RDF.type, SCHEMA.Event))

    document = json.loads(write("popolo", kb))
    assert [] == popolo_errors(document)
    assert len(kb.stakeholders) == len(document["organizations"])
