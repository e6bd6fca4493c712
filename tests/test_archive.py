"""An archive of many records that share stakeholders, and the command line as a newcomer meets it."""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

import gpworkshop as gw
from gpworkshop import tables
from gpworkshop.formats import xlsx
from tests.commands import run
from tests.records import EXAMPLES

BAD = Path(__file__).resolve().parent / "bad"


def test_the_examples_load_together_as_one_archive() -> None:
    """Two records define GPEDC alike: it is one stakeholder, placed where it was first written."""
    kb = gw.load(EXAMPLES)

    assert 1 == [stakeholder.id for stakeholder in kb.stakeholders].count("gpedc")
    assert 0 == sum(problem.severity is gw.Severity.ERROR for problem in gw.validate(kb))
    assert ("busan-gp-workshop-2014.yaml", 6) == _where(kb, ("stakeholders", 0))


def _where(kb: gw.KnowledgeBase, path: tuple[str | int, ...]) -> tuple[str, int | None]:
    assert kb.origins is not None
    source, line, _, _ = kb.origins.locate(path)
    return Path(source).name, line


def test_the_archive_validates_reports_its_tracker_and_exports_its_open_commitments(tmp_path: Path) -> None:
    status, out, _ = run("validate", str(EXAMPLES))
    tracker = run("report", str(EXAMPLES), "--kind", "tracker", "--as-of", "2025-01-01")
    calendar = run("export", str(EXAMPLES), "--open-on", "2025-01-01", "-o", str(tmp_path / "open.ics"))

    assert (0, "0 errors, 11 warnings in 14 stakeholders and 8 events") == (status, out.splitlines()[-1])
    assert (0, "# Commitment tracker") == (tracker[0], tracker[1].splitlines()[0])
    assert (0, f"wrote {tmp_path / 'open.ics'}\n") == calendar[:2]
    assert 2 == (tmp_path / "open.ics").read_text("utf-8").count("BEGIN:VTODO")


def test_one_stakeholder_given_more_fields_in_another_file_is_one_with_all_of_them(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("gpworkshop: 1\nstakeholders:\n  - {id: s, name: S, kind: network}\n", "utf-8")
    (tmp_path / "b.yaml").write_text(
        "gpworkshop: 1\nstakeholders:\n  - {id: s, name: S, kind: network, country: KR, acronym: ESS}\n", "utf-8"
    )

    kb = gw.load(tmp_path)

    assert [("s", "KR", "ESS")] == [(s.id, s.country, s.acronym) for s in kb.stakeholders]


def test_definitions_that_disagree_name_both_places_and_the_fields_that_differ(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("gpworkshop: 1\nstakeholders:\n  - {id: s, name: S, kind: network}\n", "utf-8")
    (tmp_path / "b.yaml").write_text(
        "gpworkshop: 1\nstakeholders:\n  - {id: s, name: Ess, kind: network, country: KR}\n", "utf-8"
    )

    with pytest.raises(gw.LoadError) as caught:
        gw.load(tmp_path)

    [problem] = caught.value.problems
    assert (
        f"{tmp_path / 'b.yaml'}:3:10: GPW301 stakeholders[0].id: the stakeholder id 's' is already used by "
        f"stakeholders[0] at {tmp_path / 'a.yaml'}:3, with other values of name; ids must be unique, and an object "
        "written in several files must be written the same in each"
    ) == str(problem)


def test_an_id_written_twice_in_one_file_is_an_error_even_when_alike(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text(
        "gpworkshop: 1\nstakeholders:\n  - {id: s, name: S, kind: network}\n  - {id: s, name: S, kind: network}\n",
        "utf-8",
    )

    with pytest.raises(gw.LoadError) as caught:
        gw.load(tmp_path)

    assert [("GPW301", 4)] == [(problem.code, problem.line) for problem in caught.value.problems]


def test_duplicates_of_one_id_are_listed_each_at_its_own_place(tmp_path: Path) -> None:
    shutil.copytree(BAD / "duplicate-across-files", tmp_path / "record")

    status, out, _ = run("stakeholders", str(tmp_path / "record"), "--duplicates")

    assert 0 == status
    assert [
        f"       KRILA  ({tmp_path / 'record' / 'meeting.yaml'}:3:5)",
        f"       Korea Research Institute for Local Administration  ({tmp_path / 'record' / 'stakeholders.yaml'}:3:5)",
    ] == out.splitlines()[1:3]


def test_a_missing_extra_fails_every_command_the_same_way(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "babel", None)
    monkeypatch.setitem(sys.modules, "icalendar", None)

    report = run("report", str(EXAMPLES / "busan-gp-workshop-2014.yaml"), "--lang", "fr")
    export = run("export", str(EXAMPLES / "busan-gp-workshop-2014.yaml"), "--to", "ics", "-o", "-")

    assert (1, 1) == (report[0], export[0])
    assert 'pip install "gpworkshop[i18n]"' in report[2]
    assert 'pip install "gpworkshop[ics]"' in export[2]


def test_every_command_that_writes_a_file_says_so(tmp_path: Path) -> None:
    record = str(EXAMPLES / "busan-gp-workshop-2014.yaml")
    written = {
        "report": run("report", record, "-o", str(tmp_path / "r.md")),
        "export": run("export", record, "--to", "jsonld", "-o", str(tmp_path / "r.jsonld")),
        "tables": run("export", record, "--to", "csv", "-o", str(tmp_path / "tables")),
        "import": run("import", record, "-o", str(tmp_path / "r.json")),
        "convert": run("convert", record, str(tmp_path / "c.yaml")),
    }

    assert {
        "report": (0, f"wrote {tmp_path / 'r.md'}\n"),
        "export": (0, f"wrote {tmp_path / 'r.jsonld'}\n"),
        "tables": (0, f"wrote {tmp_path / 'tables'}\n"),
        "import": (0, f"wrote {tmp_path / 'r.json'}\n"),
        "convert": (0, f"wrote {tmp_path / 'c.yaml'}\n"),
    } == {name: (status, out) for name, (status, out, _) in written.items()}


def test_a_suffix_of_tables_is_told_to_be_a_folder(tmp_path: Path) -> None:
    status, _, err = run("export", str(EXAMPLES / "busan-gp-workshop-2014.yaml"), "-o", str(tmp_path / "x.csv"))

    assert (
        2,
        f"gpworkshop export: error: cannot tell the format of '{tmp_path / 'x.csv'}': use one of .yaml, .yml, .json, "
        ".xlsx, .ics, .jsonld, .xlf, .xliff, .po; .csv tables are a folder, a data package: name a folder and "
        "give --to csv\n",
    ) == (status, err)


def test_each_verb_is_told_what_it_can_do_with_a_suffix_of_tables(tmp_path: Path) -> None:
    record = str(EXAMPLES / "busan-gp-workshop-2014.yaml")
    table = tmp_path / "x.csv"
    table.write_text("Title,Start\n", "utf-8")

    converted = run("convert", record, str(tmp_path / "y.csv"))
    imported = run("import", str(table), "-o", str(tmp_path / "y.yaml"))
    unknown = run("import", str(tmp_path / "notes.txt"), "-o", str(tmp_path / "y.yaml"))

    assert (
        2,
        f"gpworkshop convert: error: cannot tell the format of '{tmp_path / 'y.csv'}': use one of .yaml, .yml, .json, "
        ".xlsx; .csv tables are a folder, a data package, written by 'gpworkshop export --to csv'\n",
    ) == (converted[0], converted[2])
    assert (
        2,
        f"gpworkshop import: error: cannot tell the format of '{table}': use one of .yaml, .yml, .json, .xlsx; .csv "
        "tables are a folder, a data package: name its folder, or give --from csv; a table of your own columns is "
        "read with --map (see 'gpworkshop map')\n",
    ) == (imported[0], imported[2])
    assert (
        2,
        f"gpworkshop import: error: cannot tell the format of '{tmp_path / 'notes.txt'}': use one of .yaml, .yml, "
        ".json, .xlsx; give the format with --from\n",
    ) == (unknown[0], unknown[2])


def test_strict_validation_says_the_warnings_failed_it() -> None:
    status, out, _ = run("validate", "--strict", "--as-of", "2030-01-01", str(EXAMPLES / "busan-gp-workshop-2014.yaml"))

    assert (1, "0 errors, 1 warning in 2 stakeholders and 1 event; --strict makes the warnings fail the check") == (
        status,
        out.splitlines()[-1],
    )


def test_an_unknown_series_is_a_usage_error_that_lists_the_series() -> None:
    status, _, err = run("report", str(EXAMPLES), "--kind", "tracker", "--series", "Annual Busan Workshop")

    assert (
        2,
        "gpworkshop report: error: no event belongs to the series 'Annual Busan Workshop' (did you mean 'Annual Busan "
        "Global Partnership Workshop'?); the series are: 'Annual Busan Global Partnership Workshop', 'Regional "
        "Symposium on Effective Governance and Digital Transformation'\n",
    ) == (status, err)


def test_a_list_missing_from_tables_names_the_sheet_its_values_are_rows_of(tmp_path: Path) -> None:
    book = tmp_path / "filled.xlsx"
    rows = tables.rows(gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml"))
    rows["participation_roles"] = []
    book.write_bytes(xlsx.workbook(rows))

    with pytest.raises(gw.LoadError) as caught:
        gw.load(book)

    assert (
        f"{book}:Participations!A2: GPW201 events[0].participants[0].roles: the required field 'roles' is missing; "
        "add it: its values are rows of the table participation_roles (the sheet 'Participation roles' of a "
        "workbook), each naming the row it belongs to"
    ) == str(caught.value.problems[0])


def test_a_misnamed_table_is_the_one_problem_with_the_count_of_rows_it_leaves_unread(tmp_path: Path) -> None:
    described, bare = tmp_path / "described", tmp_path / "bare"
    assert 0 == run("export", str(EXAMPLES / "busan-gp-workshop-2014.yaml"), "--to", "csv", "-o", str(described))[0]
    (described / "events.csv").rename(described / "event.csv")
    shutil.copytree(described, bare)
    (bare / "datapackage.json").unlink()
    names = ", ".join(table.name for table in tables.TABLES)

    validated = run("validate", str(described))
    imported = run("import", str(bare), "--from", "csv", "-o", str(tmp_path / "out.yaml"))

    assert (
        1,
        f"{described / 'events.csv'}: GPW100: cannot read the file: No such file or directory; 39 rows of other "
        "tables belong to its rows, and are not read\n1 error, 0 warnings\n",
    ) == validated[:2]
    assert (
        1,
        f"{bare / 'event.csv'}: GPW202: the file is not named after a table (did you mean 'events'?); the tables "
        f"are: {names}; 39 rows of other tables belong to its rows, and are not read\n1 error\n",
    ) == (imported[0], imported[1] + imported[2])
