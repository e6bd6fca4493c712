"""``gpworkshop new``: a record of one event, valid as it is written, whose comments show how to fill it in."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import blank
from gpworkshop import strategies as gws
from tests.commands import run


def test_new_writes_a_record_that_is_valid_as_it_is(tmp_path: Path) -> None:
    path = tmp_path / "busan-gp-workshop-2015.yaml"

    status, out, err = run(
        "new", str(path), "--title", "Annual Busan Global Partnership Workshop", "--start", "2015-11-26"
    )

    assert (0, f"wrote {path}\n", "") == (status, out, err)
    assert (0, "0 errors, 0 warnings in 0 stakeholders and 1 event\n", "") == run("validate", str(path))
    event = gw.load(path).events[0]
    assert ("busan-gp-workshop-2015", "Annual Busan Global Partnership Workshop", dt.date(2015, 11, 26)) == (
        event.id,
        event.title,
        event.start,
    )
    assert gw.EventFormat.WORKSHOP is event.format


def test_the_file_name_gives_the_id_and_title_that_are_not_given(tmp_path: Path) -> None:
    path = tmp_path / "Busan GP workshop 2015.yml"

    assert 0 == run("new", str(path), "--format", "forum", "--start", "2015-11-26T09:30:00+09:00")[0]

    event = gw.load(path).events[0]
    assert ("busan-gp-workshop-2015", "Busan GP workshop 2015", gw.EventFormat.FORUM) == (
        event.id,
        event.title,
        event.format,
    )
    assert dt.datetime(2015, 11, 26, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9))) == event.start


def test_new_never_writes_over_a_file(tmp_path: Path) -> None:
    path = tmp_path / "record.yaml"
    path.write_text("gpworkshop: 1\n", "utf-8")

    assert (2, "", f"gpworkshop new: error: {path} exists already; a new record is not written over it\n") == run(
        "new", str(path)
    )
    assert "gpworkshop: 1\n" == path.read_text("utf-8")


def test_new_writes_yaml_only(tmp_path: Path) -> None:
    path = tmp_path / "record.json"

    assert (
        2,
        "",
        "gpworkshop new: error: a new record is written in YAML, whose comments show how to fill it in: "
        "name it record.yaml\n",
    ) == run("new", str(path))
    assert not path.exists()


def test_a_name_that_makes_no_id_asks_for_one(tmp_path: Path) -> None:
    path = tmp_path / "부산.yaml"

    assert (
        2,
        "",
        "gpworkshop new: error: the event id '' is not lowercase letters, digits and hyphens (the file's name, "
        "'부산', does not make one: give --event-id)\n",
    ) == run("new", str(path))
    assert 0 == run("new", str(path), "--event-id", "busan-2015")[0]


def test_a_title_that_breaks_its_rule_names_its_option(tmp_path: Path) -> None:
    assert (2, "", "gpworkshop new: error: --title: 'title' must be non-empty text (got ' ')\n") == run(
        "new", str(tmp_path / "a.yaml"), "--title", " "
    )


def filled(text: str) -> str:
    """*text* with each empty list replaced by the example commented under it."""
    out: list[str] = []
    in_example = False
    for line in text.split("\n"):
        example = re.match(r"(\s*)#   ", line)
        if in_example and example:
            out.append(example.group(1) + "  " + line[example.end() :])
            continue
        in_example = line.endswith(": []")
        out.append(line.removesuffix(" []"))
    return "\n".join(out)


def test_the_examples_in_the_comments_make_a_valid_record_once_filled_in() -> None:
    start = dt.date(2015, 11, 26)
    text = filled(blank.record("busan-gp-workshop-2015", "Annual Busan Global Partnership Workshop", start))

    kb = gw.loads(text, as_of=start + dt.timedelta(days=90))

    event = kb.events[0]
    assert (1, 1, 1, 1, 1) == (
        len(kb.stakeholders),
        len(event.participants),
        len(event.objectives),
        len(event.takeaways),
        len(event.commitments),
    )
    assert [] == [str(problem) for problem in gw.validate(kb, as_of=start + dt.timedelta(days=90))]


@given(
    event_id=gws.ids(),
    title=gws.texts(),
    start=st.one_of(gws.dates(), gws.moments()),
    format_=gws.vocabulary_values(gw.EventFormat),
)
def test_a_new_record_holds_what_it_was_given_and_nothing_wrong(
    event_id: str, title: str, start: dt.date, format_: gw.EventFormat
) -> None:
    kb = gw.loads(blank.record(event_id, title, start, format=format_))

    event = kb.events[0]
    assert (event_id, title, start, format_) == (event.id, event.title, event.start, event.format)
    assert [] == gw.validate(kb)
