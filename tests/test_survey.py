"""Commitments followed up by survey: a workbook per owner out, filled in with openpyxl, collected back in place."""

from __future__ import annotations

import datetime as dt
import difflib
import json
import shutil
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import rewrite
from gpworkshop.collect import answers, survey
from gpworkshop.vocab import CommitmentStatus
from tests.commands import run, shown
from tests.problems import assert_well_formed

AS_OF = dt.date(2025, 1, 31)
#: The problem codes of reading survey workbooks, which the tests below show, as the corpus of bad files shows others.
CODES_SHOWN = frozenset({"GPW114"})

RECORD = """\
gpworkshop: 2
# The secretariat's record of the forum; comments stay where they are.
stakeholders:
  - id: agence
    name: Agence de coopération
    kind: government
    country: FR
  - id: kofa
    name: Korea Foundation for Aid
    kind: foundation
    country: KR
  - id: unit
    name: Policy Unit
    kind: un-entity
events:
  - id: forum-2024
    title: Forum on effective co-operation
    format: forum
    start: 2024-01-10
    commitments:
      - id: open-data
        kind: pledge
        text:
          en: Publish every project as open data.
          fr: Publier chaque projet en données ouvertes.
        by: [agence]
        made_on: 2024-01-10
        due: 2025-12-31
        status: in-progress
        progress:
          - on: 2024-06-01
            status: in-progress
            percent: 20
            source: {stakeholder: agence}
      - id: joint-review
        kind: action-point
        text: Hold a joint review of country results.
        by: [agence, kofa]
        made_on: 2024-01-10
      - id: done-already
        kind: pledge
        text: Fund the forum's secretariat.
        by: [kofa]
        status: achieved
  - id: workshop-2024
    title: Workshop on statistics
    format: workshop
    start: 2024-03-05
    commitments:
      - id: statistics-plan
        kind: statement
        text: Draft a plan for national statistics.
        by: [unit]
"""


@pytest.fixture
def record(tmp_path: Path) -> Path:
    path = tmp_path / "record" / "forum.yaml"
    path.parent.mkdir()
    path.write_text(RECORD, "utf-8")
    return path


def made(record: Path, **options: Any) -> dict[str, survey.Survey]:
    return {one.owner: one for one in survey.surveys(gw.load(record), as_of=AS_OF, **options)}


def fill(path: Path, rows: dict[str, dict[str, Any]]) -> None:
    """Fill in the survey at *path* as someone would in a spreadsheet: by commitment id, by column key."""
    book = openpyxl.load_workbook(path)
    sheet = book.worksheets[0]
    keys = [key for key, _ in survey.COLUMNS]
    for row in sheet.iter_rows(min_row=2):
        wanted = rows.get(row[0].value)
        for key, value in (wanted or {}).items():
            row[keys.index(key)].value = value
    book.save(path)


def commitment(kb: gw.KnowledgeBase, wanted: str) -> gw.Commitment:
    return next(found for _, found in kb.commitments() if found.id == wanted)


def written(record: Path, folder: Path, **options: Any) -> dict[str, Path]:
    return {path.stem: path for path in survey.write_surveys(made(record, **options).values(), folder)}


# --- Out: the workbooks -----------------------------------------------------------------------------------------


def test_each_owner_of_an_open_commitment_gets_a_workbook_of_their_commitments(record: Path) -> None:
    surveys = made(record)

    assert {"agence": ("open-data", "joint-review"), "kofa": ("joint-review",), "unit": ("statistics-plan",)} == {
        owner: one.commitments for owner, one in surveys.items()
    }
    assert ("statistics-plan",) == made(record, event="workshop-2024")["unit"].commitments
    assert {"agence", "kofa"} == set(made(record, event="forum-2024"))


def test_a_workbook_shows_what_was_promised_and_protects_all_but_the_answers(record: Path, tmp_path: Path) -> None:
    path = written(record, tmp_path / "out", lang="en")["agence"]
    book = openpyxl.load_workbook(path)
    sheet = book["Commitments"]
    cells = dict(zip([c.value for c in sheet[1]], sheet[2], strict=True))

    assert ["Commitments", survey.SURVEY_SHEET] == book.sheetnames
    assert "hidden" == book[survey.SURVEY_SHEET].sheet_state
    assert sheet.protection.sheet
    assert "open-data" == cells["Id"].value
    assert "Forum on effective co-operation" == cells["Event"].value
    assert "Publish every project as open data." == cells["Commitment"].value
    assert dt.datetime(2025, 12, 31) == cells["Due"].value
    assert dt.datetime(2024, 6, 1) == cells["Latest progress"].value
    assert ("In progress", 20) == (cells["Status"].value, cells["Percent done"].value)
    locked = {heading for heading, cell in cells.items() if cell.protection.locked}
    assert {"Id", "Event", "Commitment", "Due", "Latest progress", "asked-status", "asked-percent"} == locked
    assert sheet.column_dimensions["K"].hidden
    lists = [v for v in sheet.data_validations.dataValidation if v.type == "list"]
    assert ['"Announced,In progress,Partially achieved,Achieved,Not achieved,Withdrawn"'] == sorted(
        {v.formula1 for v in lists}
    )
    dates = [v for v in sheet.data_validations.dataValidation if v.type == "date" and "H2" in str(v.sqref)]
    assert 1 == len(dates)
    assert "greaterThanOrEqual" == dates[0].operator  # not before the latest update


def test_a_workbook_speaks_the_owners_language_where_the_record_has_their_commitments_in_it(
    record: Path, tmp_path: Path
) -> None:
    surveys = made(record)

    # The agency's commitments are not all in French: English, the record's language.
    assert "en" == surveys["agence"].language
    only_open_data = RECORD.replace("by: [agence, kofa]", "by: [kofa]")
    record.write_text(only_open_data, "utf-8")
    french = made(record)["agence"]
    assert "fr" == french.language
    path = tmp_path / french.file_name
    path.write_bytes(french.workbook)
    sheet = openpyxl.load_workbook(path)["Engagements"]
    assert ("Identifiant", "Publier chaque projet en données ouvertes.", "En cours") == (
        sheet["A1"].value,
        sheet["C2"].value,
        sheet["F2"].value,
    )


@pytest.mark.parametrize("lang", ["ar", "es", "fr", "ko", "ru", "zh"])
def test_every_report_language_writes_a_survey_that_is_collected_back(record: Path, tmp_path: Path, lang: str) -> None:
    path = written(record, tmp_path / "out", lang=lang)["unit"]
    labels = list(survey.status_labels(lang))
    fill(path, {"statistics-plan": {"status": labels[3], "on": dt.date(2024, 9, 1), "note": "✓"}})

    collected = answers.collect_answers([path], [record])

    [update] = commitment(collected.rewrite.record, "statistics-plan").progress
    assert (CommitmentStatus.ACHIEVED, dt.date(2024, 9, 1)) == (update.status, update.on)
    assert {lang: "✓"} == dict(update.note.texts)  # type: ignore[union-attr]


def test_surveys_are_the_same_bytes_each_time(record: Path) -> None:
    assert made(record)["agence"].workbook == made(record)["agence"].workbook


# --- Back in: collecting -------------------------------------------------------------------------------------


def test_survey_fill_and_collect_adds_only_progress_lines_and_a_second_collect_changes_nothing(
    record: Path, tmp_path: Path
) -> None:
    paths = written(record, tmp_path / "out", lang="en")
    fill(
        paths["agence"],
        {
            "open-data": {
                "status": "Partially achieved",
                "percent": 60,
                "on": dt.date(2024, 12, 1),
                "note": "Portal up",
            },
            "joint-review": {"on": dt.date(2024, 11, 5), "evidence": "https://example.org/review"},
        },
    )
    fill(paths["kofa"], {"joint-review": {"status": "In progress", "on": dt.date(2024, 11, 20)}})
    before = record.read_text("utf-8")

    status, out = shown("collect", str(paths["agence"]), str(paths["kofa"]), str(paths["unit"]), "--into", str(record))

    assert 0 == status, out
    assert "added 3 progress updates in 1 file" in out
    after = record.read_text("utf-8")
    removed = [line for line in difflib.ndiff(before.splitlines(), after.splitlines()) if line.startswith("- ")]
    assert ["-         status: in-progress"] == removed  # the status line of open-data, now partially achieved
    kb = gw.load(record)
    review = commitment(kb, "joint-review")
    assert [("agence", None), ("kofa", None)] == [(u.source.stakeholder, u.percent) for u in review.progress]  # type: ignore[union-attr]
    assert "https://example.org/review" == review.progress[0].note
    assert CommitmentStatus.IN_PROGRESS is review.status
    assert CommitmentStatus.PARTIALLY_ACHIEVED is commitment(kb, "open-data").status
    assert "# The secretariat's record of the forum; comments stay where they are." in after

    status, out = shown("collect", str(paths["agence"]), str(paths["kofa"]), "--into", str(record))

    assert 0 == status
    assert "No changes.\n3 answers already in the record, not added again\n" == out
    assert after == record.read_text("utf-8")


def test_a_dry_run_prints_the_changes_and_the_diff_and_writes_nothing(record: Path, tmp_path: Path) -> None:
    path = written(record, tmp_path / "out")["unit"]
    fill(path, {"statistics-plan": {"status": "Achieved", "on": "2024-10-01"}})

    status, out = shown("collect", str(path), "--into", str(record.parent), "--dry-run")

    assert 0 == status
    assert "moved from announced to achieved" in out
    assert "\n+        status: achieved\n" in out
    assert RECORD == record.read_text("utf-8")


def test_a_row_left_as_it_was_is_no_answer(record: Path, tmp_path: Path) -> None:
    paths = written(record, tmp_path / "out")

    collected = answers.collect_answers(list(paths.values()), [record])

    assert (0, 0, False) == (collected.added, collected.known, bool(collected.changes))


def test_every_bad_cell_of_every_workbook_is_reported_at_its_cell_and_nothing_is_written(
    record: Path, tmp_path: Path
) -> None:
    paths = written(record, tmp_path / "out", lang="en")
    fill(
        paths["agence"],
        {
            "open-data": {"status": "Finished", "percent": "lots", "on": dt.date(2024, 5, 1)},
            "joint-review": {"status": "In progress", "on": "soon", "evidence": "our web site"},
        },
    )
    fill(paths["unit"], {"statistics-plan": {"status": "Achieved"}})
    agence, unit = str(paths["agence"]), str(paths["unit"])

    status, out, err = run("collect", agence, unit, "--into", str(record))

    assert 1 == status
    assert "" == out
    lines = err.splitlines()
    assert f"{agence}:Commitments!F2: GPW205: " in lines[0]
    assert any(line.startswith(f"{agence}:Commitments!G2: GPW206: ") for line in lines)
    assert any(line.startswith(f"{agence}:Commitments!H3: GPW204: ") and "'soon'" in line for line in lines)
    assert any(line.startswith(f"{agence}:Commitments!J3: GPW206: ") for line in lines)
    assert any(line.startswith(f"{unit}:Commitments!H2: GPW201: ") for line in lines)
    assert RECORD == record.read_text("utf-8")
    with pytest.raises(gw.LoadError) as caught:
        answers.collect_answers([paths["agence"], paths["unit"]], [record])
    assert_well_formed(caught.value.problems, str(tmp_path / "out"), positioned=False)


def test_a_report_dated_before_the_latest_update_is_refused_at_its_row(record: Path, tmp_path: Path) -> None:
    path = written(record, tmp_path / "out")["agence"]
    fill(path, {"open-data": {"status": "In progress", "on": dt.date(2024, 5, 1)}})

    with pytest.raises(gw.LoadError) as caught:
        answers.collect_answers([path], [record])

    [problem] = caught.value.problems
    assert ("GPW307", f"{path}:Commitments!A2") == (problem.code, problem.source)
    assert "comes before the latest progress update of 'open-data' (2024-06-01)" in problem.message


def test_a_workbook_of_another_owner_or_commitment_is_refused(record: Path, tmp_path: Path) -> None:
    path = written(record, tmp_path / "out")["unit"]
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["A2"] = "open-data"
    book.worksheets[0]["H2"] = dt.date(2024, 12, 1)
    book.save(path)

    status, out = shown("collect", str(path), "--into", str(record))

    assert 1 == status
    assert f"{path}:Commitments!A2: GPW302: " in out
    assert "this workbook is for 'unit', who did not make the commitment 'open-data'" in out


def test_a_workbook_that_is_not_a_survey_or_has_moved_columns_is_refused(record: Path, tmp_path: Path) -> None:
    other = tmp_path / "other.xlsx"
    openpyxl.Workbook().save(other)
    moved = written(record, tmp_path / "out")["unit"]
    book = openpyxl.load_workbook(moved)
    book.worksheets[0].insert_cols(2)
    book.save(moved)

    status, out = shown("collect", str(other), str(moved), "--into", str(record))

    assert 1 == status
    assert f"{other}: GPW114: not a survey workbook of gpworkshop survey: it has no sheet gpworkshop" in out
    moved_column = "not a survey workbook of gpworkshop survey: the column 2 should be 'Event', not ''"
    assert f"{moved}:Commitments!B1: GPW114: {moved_column}" in out
    assert out.endswith("2 errors\n")


def test_a_report_from_the_future_and_answers_of_one_day_that_disagree_are_refused(
    record: Path, tmp_path: Path
) -> None:
    paths = written(record, tmp_path / "out", lang="en")
    fill(paths["agence"], {"joint-review": {"status": "Achieved", "on": dt.date(2024, 12, 1)}})
    fill(paths["kofa"], {"joint-review": {"status": "Withdrawn", "on": dt.date(2024, 12, 1)}})
    fill(paths["unit"], {"statistics-plan": {"status": "Achieved", "on": dt.date(2025, 3, 1)}})

    with pytest.raises(gw.LoadError) as caught:
        answers.collect_answers(paths.values(), [record], today=dt.date(2025, 2, 1))

    found = {(problem.code, problem.source) for problem in caught.value.problems}
    assert {("GPW206", f"{paths['kofa']}:Commitments!A2"), ("GPW204", f"{paths['unit']}:Commitments!H2")} == found
    [disagreeing] = [problem for problem in caught.value.problems if problem.code == "GPW206"]
    assert "disagree: withdrawn here, achieved at " in disagreeing.message


def test_a_column_added_to_a_survey_is_refused_rather_than_left_unread(record: Path, tmp_path: Path) -> None:
    path = written(record, tmp_path / "out")["unit"]
    book = openpyxl.load_workbook(path)
    book.worksheets[0]["M1"], book.worksheets[0]["M2"] = "Comments", "See the annex"
    book.save(path)

    with pytest.raises(gw.LoadError) as caught:
        answers.read_answers(path)

    [problem] = caught.value.problems
    assert ("GPW114", f"{path}:Commitments!M1") == (problem.code, problem.source)


def test_surveys_are_not_written_over_workbooks_that_may_hold_answers(record: Path, tmp_path: Path) -> None:
    folder = tmp_path / "out"
    path = written(record, folder)["unit"]
    fill(path, {"statistics-plan": {"note": "answered"}})
    filled = path.read_bytes()

    status, out = shown("survey", str(record), "-o", str(folder))

    assert 1 == status
    assert "already holds agence.xlsx, kofa.xlsx, unit.xlsx" in out
    assert filled == path.read_bytes()
    assert 0 == run("survey", str(record), "-o", str(folder), "--replace")[0]
    assert filled != path.read_bytes()


def test_progress_is_added_where_a_commitment_names_the_progress_of_another_by_an_alias(tmp_path: Path) -> None:
    aliased = RECORD.replace(
        "        progress:\n          - on: 2024-06-01", "        progress: &reported\n          - on: 2024-06-01"
    ).replace(
        "        made_on: 2024-01-10\n      - id: done-already",
        "        made_on: 2024-01-10\n        progress: *reported\n      - id: done-already",
    )
    path = tmp_path / "forum.yaml"
    path.write_text(aliased, "utf-8")
    update = gw.ProgressUpdate(on=dt.date(2024, 8, 1), status=CommitmentStatus.ACHIEVED)

    rewrite.add_progress([path], {"joint-review": [update]}).save()

    kb = gw.load(path)
    assert update == commitment(kb, "joint-review").progress[-1]
    assert 1 == len(commitment(kb, "open-data").progress)
    assert "progress: &reported" in path.read_text("utf-8")


def test_survey_on_the_command_line_writes_one_workbook_per_owner(record: Path, tmp_path: Path) -> None:
    status, out = shown("survey", str(record), "--as-of", "2025-01-31", "--lang", "ko", "-o", str(tmp_path / "out"))

    assert 0 == status
    assert f"wrote {tmp_path / 'out' / 'agence.xlsx'} (2 commitments, in ko)" in out
    assert ["agence.xlsx", "kofa.xlsx", "unit.xlsx"] == sorted(path.name for path in (tmp_path / "out").iterdir())
    status, out = shown("survey", str(record), "--lang", "pt", "-o", str(tmp_path / "pt"))
    assert 1 == status
    assert "not written in 'pt'" in out


# --- The record's files: progress added in place ------------------------------------------------------------


def test_progress_is_added_to_a_json_record_and_its_status_set(record: Path, tmp_path: Path) -> None:
    path = tmp_path / "forum.json"
    path.write_text(gw.dumps(gw.load(record), "json"), "utf-8")
    update = gw.ProgressUpdate(on=dt.date(2024, 7, 1), status=CommitmentStatus.ACHIEVED, note='Done\n"fully"')

    change = rewrite.add_progress([path], {"open-data": [update], "statistics-plan": [update]})
    change.save()

    data = json.loads(path.read_text("utf-8"))
    assert gw.load(path) == change.record
    assert "achieved" == data["events"][0]["commitments"][0]["status"]
    assert [update] == list(commitment(gw.load(path), "statistics-plan").progress)


def test_progress_added_to_a_file_with_windows_line_breaks_keeps_them(tmp_path: Path) -> None:
    path = tmp_path / "forum.yaml"
    path.write_bytes(RECORD.replace("\n", "\r\n").encode())
    update = gw.ProgressUpdate(on=dt.date(2024, 8, 1), status=CommitmentStatus.ACHIEVED, note="Done\nfully")

    rewrite.add_progress([path], {"statistics-plan": [update]}).save()

    data = path.read_bytes()
    assert data.count(b"\n") == data.count(b"\r\n")
    assert update == commitment(gw.load(path), "statistics-plan").progress[-1]


def test_text_that_keeps_its_final_line_breaks_is_added_without_ending_the_document(tmp_path: Path) -> None:
    path = tmp_path / "forum.yaml"
    path.write_text(RECORD, "utf-8")
    update = gw.ProgressUpdate(on=dt.date(2024, 8, 1), status=CommitmentStatus.ACHIEVED, note="Done\n\n")

    change = rewrite.add_progress([path], {"open-data": [update]})
    change.save()

    assert "..." not in path.read_text("utf-8")
    assert update == commitment(gw.load(path), "open-data").progress[-1]


def test_progress_out_of_date_order_or_of_an_unknown_commitment_is_refused(record: Path) -> None:
    early = gw.ProgressUpdate(on=dt.date(2024, 1, 1), status=CommitmentStatus.IN_PROGRESS)

    with pytest.raises(rewrite.RewriteError, match="would not be oldest first"):
        rewrite.add_progress([record], {"open-data": [early]})
    with pytest.raises(gw.UnknownIdError):
        rewrite.add_progress([record], {"no-such-commitment": [early]})
    assert RECORD == record.read_text("utf-8")


# --- Properties ----------------------------------------------------------------------------------------------

# What someone types as a note: a spreadsheet takes text that starts with "=" for a formula.
NOTES = st.text(st.characters(codec="utf-8", exclude_categories=["Cc", "Cs", "Zl", "Zp"]), min_size=1).filter(
    lambda text: bool(text.strip()) and not text.lstrip().startswith("=")
)
ANSWERS = st.fixed_dictionaries(
    {
        "status": st.sampled_from(list(survey.STATUSES)),
        "percent": st.none() | st.integers(0, 100),
        "on": st.dates(dt.date(2024, 6, 1), dt.date(2026, 11, 30)),
        "note": st.none() | NOTES,
    }
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(given_answers=st.dictionaries(st.sampled_from(["open-data", "joint-review"]), ANSWERS, min_size=1))
def test_any_answers_come_back_as_the_progress_updates_they_say(
    record: Path, tmp_path_factory: pytest.TempPathFactory, given_answers: dict[str, dict[str, Any]]
) -> None:
    shutil.copy(record, record.with_suffix(".bak"))
    try:
        folder = tmp_path_factory.mktemp("out")
        path = written(record, folder, lang="en")["agence"]
        labels = {status: label for label, status in survey.status_labels("en").items()}
        fill(path, {key: {**value, "status": labels[value["status"]]} for key, value in given_answers.items()})

        collected = answers.collect_answers([path], [record])
        collected.rewrite.save()

        kb = gw.load(record)
        for wanted, answer in given_answers.items():
            update = commitment(kb, wanted).progress[-1]
            assert (answer["status"], answer["percent"], answer["on"]) == (update.status, update.percent, update.on)
            assert (answer["note"].strip() if answer["note"] else None) == update.note
            assert commitment(kb, wanted).status is answer["status"]
        assert not answers.collect_answers([path], [record]).changes
    finally:
        shutil.copy(record.with_suffix(".bak"), record)
