"""Any text of a record reaches a calendar safely: line ends, control characters and iCalendar's own punctuation."""

from __future__ import annotations

import attrs
from hypothesis import given, settings
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import strategies
from gpworkshop._wording import printable
from tests.test_exports import calendar_of, lines_are_folded, write

#: Text as hostile to a calendar as it gets: every control character, and what iCalendar escapes or splits on.
HOSTILE = st.text(
    st.sampled_from([*map(chr, range(0x20)), "\x7f", "\x85", ";", ",", ":", '"', "\\", "x", "é", "한"]),
    min_size=1,
    max_size=12,
)


@settings(max_examples=60, deadline=None)
@given(strategies.knowledge_bases(min_events=1, max_events=2), HOSTILE, HOSTILE)
def test_a_calendar_of_any_text_is_written_and_read_back_with_the_text(
    kb: gw.KnowledgeBase, title: str, name: str
) -> None:
    event = attrs.evolve(kb.events[0], title=f"a{title}b", categories=(f"c{title}",))
    stakeholders = tuple(attrs.evolve(s, name=f"{name}{s.name}") for s in kb.stakeholders)
    hostile = attrs.evolve(kb, events=(event, *kb.events[1:]), stakeholders=stakeholders)

    calendar = write("ics", hostile)

    assert lines_are_folded(calendar)
    read = calendar_of(calendar)
    summaries = [entry.summary.value for entry in read.contents["vevent"]]
    assert printable(f"a{title}b") in summaries


def test_a_title_with_a_windows_line_end_is_one_line_break_in_the_summary_and_a_space_in_the_calendar_name() -> None:
    kb = gw.loads('gpworkshop: 1\nevents:\n  - {id: e, title: "a\\r\\nb", format: workshop, start: 2024-01-01}\n')

    lines = write("ics", kb).split("\r\n")

    assert ["X-WR-CALNAME:a b", "SUMMARY:a\\nb"] == [line for line in lines if line.startswith(("X-WR", "SUMMARY"))]
