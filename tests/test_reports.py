"""The outcome report: what it shows, and that any record renders safely."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import analysis, reports, strategies
from gpworkshop.reports import markdown
from tests.commands import run
from tests.records import EXAMPLES, RECORDS


@pytest.fixture(scope="module")
def busan_report() -> str:
    kb = gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml")
    return reports.render(reports.outcome_report(kb, "busan-gp-workshop-2014"), "markdown")


def test_outcome_report_header_gives_dates_place_and_series(busan_report: str) -> None:
    assert busan_report.startswith("# Annual Busan Global Partnership Workshop\n")
    assert "- **Dates:** 6–7 November 2014\n" in busan_report
    assert "- **Place:** Seoul, Republic of Korea\n" in busan_report
    assert "1st edition of the Annual Busan Global Partnership Workshop" in busan_report


def test_outcome_report_groups_takeaways_under_the_objectives_they_answer(busan_report: str) -> None:
    section = busan_report.split("### Objective 5: ")[1].split("\n## ", maxsplit=1)[0]

    assert "Second thread" in section
    assert "must do" in section


def test_outcome_report_flags_objectives_no_takeaway_answers(busan_report: str) -> None:
    assert (
        "No takeaway is recorded for objective 4 (Showcase and advocate for the Busan Building Blocks)." in busan_report
    )


def test_outcome_report_lists_participants_by_role() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")

    text = reports.render(reports.outcome_report(kb, "nri-inaugural-meeting-2023"))

    speakers = text.split("**Speakers**\n\n")[1].split("\n\n")[0]
    assert (
        "- **Korea Research Institute for Local Administration (KRILA)** (Research institute, Republic of Korea)"
        " — Il-jae Kim, President"
    ) == speakers


def test_outcome_report_shows_sessions_with_their_own_takeaways_and_commitments() -> None:
    kb = gw.load(EXAMPLES / "localisation-session-2022.yaml")

    text = reports.render(reports.outcome_report(kb, "edc-summit-2022"))

    assert "## Sessions\n\n### Localisation and leaving no one behind\n" in text
    assert "#### Commitments" in text
    assert "Bilateral donor partners endorsing the Donor Statement" in text


def test_outcome_report_names_the_events_it_prepares_and_is_prepared_by() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")

    meeting = reports.render(reports.outcome_report(kb, "nri-inaugural-meeting-2023"))
    symposium = reports.render(reports.outcome_report(kb, "regional-symposium-2023"))

    assert "**Prepares:** 7th Regional Symposium" in meeting
    assert "**Prepared by:** Inaugural meeting" in symposium


@pytest.mark.parametrize(("record", "event"), sorted(RECORDS.items()))
def test_every_example_has_an_outcome_report(record: str, event: str) -> None:
    kb = gw.load(EXAMPLES / record)

    text = reports.render(reports.outcome_report(kb, event))

    assert text.startswith(f"# {markdown.escape(kb.event(event).title)}\n")


def test_unknown_event_is_an_unknown_id_error() -> None:
    with pytest.raises(gw.UnknownIdError, match="no event has the id 'nope'"):
        reports.outcome_report(gw.KnowledgeBase(), "nope")


def test_unknown_format_is_a_report_error() -> None:
    with pytest.raises(reports.ReportError, match="unknown report format 'odt'"):
        reports.render(reports.Document(title="T"), "odt")


@given(kb=strategies.knowledge_bases(min_events=1))
def test_every_event_of_any_record_renders(kb: gw.KnowledgeBase) -> None:
    for event in kb.events:
        text = reports.render(reports.outcome_report(kb, event.id))
        assert text.endswith("\n")
        assert not text.endswith("\n\n")


_MARKUP = re.compile(r"(?<!\\)[*_`<>|\[\]#~]")


@given(st.text())
def test_markdown_escape_leaves_no_unescaped_markup(text: str) -> None:
    escaped = markdown.escape(text)

    assert not _MARKUP.search(escaped)
    assert "\n" not in escaped


def test_hostile_names_come_out_as_literal_text() -> None:
    kb = gw.KnowledgeBase(
        stakeholders=(gw.Stakeholder(id="x", name="<script>alert(1)</script> *x* | y", kind=gw.StakeholderKind.OTHER),),
        events=(
            gw.Event(
                id="e",
                title="[click](javascript:alert(1))",
                format=gw.EventFormat.FORUM,
                start=dt.date(2024, 1, 1),
                participants=(gw.Participation(stakeholder="x", roles=(gw.Role.HOST,)),),
            ),
        ),
    )

    text = reports.render(reports.outcome_report(kb, "e"))

    assert "# \\[click\\](javascript:alert(1))" in text
    assert "\\<script\\>alert(1)\\</script\\> \\*x\\* \\| y" in text


ESCAPE_AND_BELL = (
    'gpworkshop: 1\nevents:\n  - {id: e, title: "Seoul \\e[31mworkshop\\a", format: forum, start: 2024-01-01}\n'
)


def test_a_text_report_shows_escape_and_bell_of_a_title_as_replacement_characters(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(ESCAPE_AND_BELL, "utf-8")

    expected = (
        "Seoul \ufffd[31mworkshop\ufffd\n====================\n\nOutcome report\n\n"
        "- Dates: 1 January 2024\n- Format: Forum\n"
    )
    assert (0, expected, "") == run("report", str(record), "--format", "text")


def test_a_markdown_report_shows_escape_and_bell_of_a_title_as_replacement_characters(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(ESCAPE_AND_BELL, "utf-8")

    expected = (
        "# Seoul \ufffd\\[31mworkshop\ufffd\n\n*Outcome report*\n\n- **Dates:** 1 January 2024\n- **Format:** Forum\n"
    )
    assert (0, expected, "") == run("report", str(record), "--format", "markdown")


def _matrix_table(document: reports.Document) -> reports.Table:
    for block in document.blocks:
        if isinstance(block, reports.Section) and block.title == "Matrix":
            table = block.blocks[0]
            assert isinstance(table, reports.Table)
            return table
    raise AssertionError("no matrix in the document")


def test_matrix_of_a_session_has_a_row_for_each_of_its_participants() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")
    session = kb.event("lgpf-2023-korean-cases-roundtable")

    document = reports.stakeholder_matrix(kb, event=session.id)

    table = _matrix_table(document)
    taking_part = {participation.stakeholder for participation in session.participants}
    assert ("Stakeholder", "1") == table.header
    assert [s.label for s in kb.stakeholders if s.id in taking_part] == [row[0].plain for row in table.rows]
    assert all(row[1].plain for row in table.rows)
    assert "Showing:" in reports.render(document, "text")


@given(kb=strategies.knowledge_bases(min_events=1), data=st.data())
def test_narrowed_matrix_crosses_the_events_in_scope_with_their_participants(
    kb: gw.KnowledgeBase, data: st.DataObject
) -> None:
    chosen = data.draw(st.sampled_from(kb.events))
    events = analysis.events_in(kb, event=chosen.id)
    recorded = {stakeholder.id for stakeholder in kb.stakeholders}
    taking_part = {p.stakeholder for event in events for p in event.participants} & recorded

    document = reports.stakeholder_matrix(kb, event=chosen.id)

    assert document.subtitle is not None
    assert document.subtitle.startswith(f"{len(taking_part)} stakeholder")
    if taking_part:
        table = _matrix_table(document)
        assert len(table.header) == 1 + len(events)
        assert len(table.rows) == len(taking_part)
        # Every row shows a role somewhere: only those who took part are listed.
        assert all(any(cell.plain for cell in row[1:]) for row in table.rows)
