"""The tables formats: CSV data package, Excel workbook, Parquet and JSON Lines, out and back in.

Every export is read back by a tool gpworkshop does not use to write it:
Frictionless checks the data package, openpyxl reads the workbook XlsxWriter
wrote (and writes workbooks of its own for the importer), pyarrow and DuckDB
read the Parquet files, the json module the JSON Lines.

After a deliberate change to the tables, regenerate the golden CSV packages
with ``GPWORKSHOP_UPDATE_GOLDEN=1 python -m pytest tests/test_table_formats.py``
and read the differences before committing them.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import os
import re
import sys
import tempfile
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import frictionless
import openpyxl
import pyarrow.parquet as pq
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import formats, tables
from gpworkshop.cli import main
from gpworkshop.formats import csv as csv_format
from gpworkshop.formats import package, xlsx
from gpworkshop.strategies import knowledge_bases, texts
from gpworkshop.tables import _workbook_reading
from gpworkshop.translations import format_version
from tests.records import EXAMPLES, RECORDS

GOLDEN = Path(__file__).resolve().parent / "golden-tables"
TABLE_FORMATS = ("csv", "xlsx", "parquet", "jsonl")


def target(folder: Path, format_: str) -> Path:
    return folder / ("record.xlsx" if format_ == "xlsx" else "record")


@pytest.fixture(scope="module")
def symposium() -> gw.KnowledgeBase:
    return gw.load(EXAMPLES / "regional-symposium-2023")


# Round trips.


@pytest.mark.parametrize("format_", TABLE_FORMATS)
@pytest.mark.parametrize("record", sorted(RECORDS))
def test_examples_round_trip(tmp_path: Path, record: str, format_: str) -> None:
    kb = gw.load(EXAMPLES / record)

    gw.dump(kb, target(tmp_path, format_), format=format_)

    assert kb == gw.load(target(tmp_path, format_))


@pytest.mark.parametrize("format_", TABLE_FORMATS)
@settings(max_examples=30)
@given(kb=knowledge_bases())
def test_every_record_round_trips(format_: str, kb: gw.KnowledgeBase) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = target(Path(folder), format_)
        gw.dump(kb, path, format=format_)

        assert kb == gw.load(path)


@pytest.mark.parametrize("format_", ["csv", "jsonl", "parquet"])
def test_the_same_record_gives_the_same_bytes(tmp_path: Path, symposium: gw.KnowledgeBase, format_: str) -> None:
    gw.dump(symposium, tmp_path / "one", format=format_)
    gw.dump(symposium, tmp_path / "two", format=format_)

    assert sorted(p.name for p in (tmp_path / "one").iterdir()) == sorted(p.name for p in (tmp_path / "two").iterdir())
    for path in (tmp_path / "one").iterdir():
        assert path.read_bytes() == (tmp_path / "two" / path.name).read_bytes(), path.name


def test_the_same_record_gives_the_same_workbook(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    gw.dump(symposium, tmp_path / "one.xlsx")
    gw.dump(symposium, tmp_path / "two.xlsx")

    assert (tmp_path / "one.xlsx").read_bytes() == (tmp_path / "two.xlsx").read_bytes()


# The data package, checked by Frictionless.


def frictionless_errors(folder: Path) -> list[tuple[str, str]]:
    report = frictionless.validate(str(folder / package.DESCRIPTOR))
    return [(str(task.name), str(error.type)) for task in report.tasks for error in task.errors] + [
        ("package", str(error.type)) for error in report.errors
    ]


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_frictionless_finds_the_examples_packages_valid(tmp_path: Path, record: str) -> None:
    gw.dump(gw.load(EXAMPLES / record), tmp_path, format="csv")

    assert [] == frictionless_errors(tmp_path)


@settings(max_examples=10)
@given(kb=knowledge_bases())
def test_frictionless_finds_every_package_valid(kb: gw.KnowledgeBase) -> None:
    with tempfile.TemporaryDirectory() as folder:
        gw.dump(kb, Path(folder), format="csv")

        assert [] == frictionless_errors(Path(folder))


def test_frictionless_checks_the_keys_and_vocabularies_the_package_declares(
    tmp_path: Path, symposium: gw.KnowledgeBase
) -> None:
    gw.dump(symposium, tmp_path, format="csv")
    owners = tmp_path / "commitment_owners.csv"
    owners.write_bytes(owners.read_bytes() + b"no-such-commitment,krila\r\n")
    commitments = tmp_path / "commitments.csv"
    commitments.write_bytes(commitments.read_bytes().replace(b",pledge,", b",pledg,"))
    edit(tmp_path / "stakeholders.csv", b",un-entity,,dpidg,,,,\r\n", b",un-entity,,dpidgg,,,,\r\n")

    assert {
        ("commitment_owners", "foreign-key"),
        ("commitments", "constraint-error"),
        ("stakeholders", "foreign-key"),
    } <= set(frictionless_errors(tmp_path))


def test_the_descriptor_follows_data_package_2_and_lists_every_table() -> None:
    described = package.descriptor("csv")

    assert package.PROFILE == described["$schema"]
    assert [table.name for table in tables.TABLES] == [resource["name"] for resource in described["resources"]]
    assert package.DESCRIPTOR == formats.get("csv").marker
    commitments = next(r for r in described["resources"] if r["name"] == "commitments")
    status = next(f for f in commitments["schema"]["fields"] if f["name"] == "status")
    assert [s.value for s in gw.CommitmentStatus] == status["constraints"]["enum"]
    assert {"fields": ["event"], "reference": {"resource": "events", "fields": ["id"]}} in (
        commitments["schema"]["foreignKeys"]
    )
    stakeholders = described["resources"][0]
    assert {"fields": ["part_of"], "reference": {"fields": ["id"]}} in stakeholders["schema"]["foreignKeys"]


# CSV.


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_examples_csv_packages_match_their_golden_files(tmp_path: Path, record: str) -> None:
    kb = gw.load(EXAMPLES / record)
    gw.dump(kb, tmp_path, format="csv")
    golden = GOLDEN / Path(record).stem
    written = {path.name: path.read_bytes() for path in tmp_path.iterdir() if path.suffix == ".csv"}
    # The packages differ only in their format version: 2 for a record with texts in several languages.
    version = f'"gpworkshop": {format_version(kb)},'.encode()
    assert version in (tmp_path / package.DESCRIPTOR).read_bytes()
    descriptor = (tmp_path / package.DESCRIPTOR).read_bytes().replace(version, b'"gpworkshop": 1,')
    if os.environ.get("GPWORKSHOP_UPDATE_GOLDEN"):
        golden.mkdir(parents=True, exist_ok=True)
        for name, content in written.items():
            (golden / name).write_bytes(content)
        (GOLDEN / package.DESCRIPTOR).write_bytes(descriptor)

    assert {path.name: path.read_bytes() for path in golden.iterdir()} == written
    assert (GOLDEN / package.DESCRIPTOR).read_bytes() == descriptor


@given(texts(max_size=30) | st.from_regex(r"'*[=+\-@\t\r].*", fullmatch=True))
def test_formula_guard_is_undone_on_reading(text: str) -> None:
    written = csv_format.guarded(text)

    assert text == csv_format.unguarded(written)
    assert written[0] not in "=+-@\t\r"


def test_text_that_looks_like_a_formula_comes_back_unchanged(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    rows = tables.rows(symposium)
    commitment = rows["commitments"][0]
    rows["commitments"][0] = (*commitment[:2], '=HYPERLINK("http://example.org")', *commitment[3:])
    kb = tables.record(rows)

    gw.dump(kb, tmp_path, format="csv")

    assert b'"\'=HYPERLINK(""http://example.org"")"' in (tmp_path / "commitments.csv").read_bytes()
    assert kb == gw.load(tmp_path)


def test_csv_is_rfc_4180_and_utf8(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    gw.dump(symposium, tmp_path, format="csv")
    events = (tmp_path / "events.csv").read_bytes()

    assert events.startswith(b"id,title,format,series,edition,start,end,location_city")
    assert events.endswith(b"\r\n")
    assert "2030 Agenda – Promoting".encode() in events
    assert not events.startswith(b"\xef\xbb\xbf")


def spelled(value: Any, kind: str) -> Any:
    """A cell as the csv module is given it: text guarded, true and false in words, dates in ISO 8601."""
    if value is None or kind == "integer":
        return value
    if kind == "boolean":
        return "true" if value else "false"
    if kind in ("date", "moment"):
        return value.isoformat()
    return csv_format.guarded(value) if kind == "text" else value


@given(knowledge_bases())
def test_csv_files_are_written_as_the_csv_module_writes_them(kb: gw.KnowledgeBase) -> None:
    rows = tables.rows(kb)
    for table in tables.TABLES:
        expected = io.StringIO(newline="")
        writer = csv.writer(expected, lineterminator="\r\n")
        writer.writerow(column.name for column in table.columns)
        kinds = [column.kind for column in table.columns]
        writer.writerows(
            [spelled(value, kind) for value, kind in zip(row, kinds, strict=True)] for row in rows[table.name]
        )

        assert expected.getvalue().encode() == csv_format.files(kb)[f"{table.name}.csv"], table.name


@settings(max_examples=500)
@given(st.text(alphabet=st.sampled_from(list("ab ,\"\r\n'=\u2028\u3000\t")), max_size=60))
def test_csv_rows_are_read_as_the_csv_module_reads_them_numbered_by_their_first_line(text: str) -> None:
    assert_read_as_the_csv_module_reads(text)


def assert_read_as_the_csv_module_reads(text: str) -> None:
    """The rows of the CSV *text* are those the csv module reads, numbered by their first line, blank ones left out."""
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, [])
    expected = []
    start = reader.line_num + 1
    for row in reader:
        if "".join(row).strip():
            expected.append((start, [csv_format.unguarded(cell) for cell in row]))
        start = reader.line_num + 1

    read = csv_format.table_text(text.encode(), "table.csv")

    assert isinstance(read, tables.TableText)
    assert (header, expected) == (list(read.header), list(read.rows))


@st.composite
def csv_tables(draw: st.DrawFn) -> str:
    """The text of a CSV table whose rows have as many cells as its header, most of them; cells unquoted, mostly."""
    width = draw(st.integers(1, 4))
    cells = st.text(alphabet=st.sampled_from(list("ab ,'=\r\n\t\u2028\u3000-")), max_size=4)
    rows = draw(st.lists(st.lists(cells, min_size=width, max_size=width), max_size=8))
    ending = draw(st.sampled_from(["\r\n", "\n"]))
    lines = [",".join(row) for row in [["h"] * width, *rows]]
    return ending.join(lines) + draw(st.sampled_from([ending, "", "\r", "\n"]))


@settings(max_examples=500)
@given(csv_tables())
def test_csv_tables_of_rows_alike_are_read_as_the_csv_module_reads_them(text: str) -> None:
    assert_read_as_the_csv_module_reads(text)


def csv_problems(folder: Path) -> list[tuple[str, int | None, int | None, str]]:
    with pytest.raises(gw.LoadError) as caught:
        gw.load(folder)
    return [
        (os.path.relpath(p.source or "", folder), p.line, p.column, p.code)
        for p in caught.value.problems
        if p.severity is gw.Severity.ERROR
    ]


def edit(path: Path, old: bytes, new: bytes) -> None:
    content = path.read_bytes()
    assert old in content
    path.write_bytes(content.replace(old, new, 1))


def test_csv_problems_are_located_at_their_file_line_and_field(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    gw.dump(symposium, tmp_path, format="csv")
    edit(tmp_path / "commitments.csv", b",pledge,2023-07-04,", b",pledg,2023-07-44,")
    edit(tmp_path / "commitments.csv", b"status\r\n", b"status,colour\r\n")
    edit(tmp_path / "commitment_owners.csv", b"krila\r\n", b"krila\r\nno-such-commitment,krila\r\n")

    assert [
        ("commitment_owners.csv", 3, 1, "GPW302"),
        ("commitments.csv", 1, 10, "GPW202"),
        ("commitments.csv", 2, 4, "GPW205"),
        ("commitments.csv", 2, 5, "GPW204"),
    ] == sorted(csv_problems(tmp_path))


def test_lines_are_counted_across_text_that_spans_lines(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    rows = tables.rows(symposium)
    rows["stakeholders"][0] = (*rows["stakeholders"][0][:2], "UN\nDESA", *rows["stakeholders"][0][3:])
    gw.dump(tables.record(rows), tmp_path, format="csv")
    edit(tmp_path / "stakeholders.csv", b"dpidg,Division", b"DPIDG,Division")

    # The second stakeholder's id, on line 4, is refused; the third, on line 5, is part of it and names it.
    assert [("stakeholders.csv", 4, 1, "GPW206"), ("stakeholders.csv", 5, 6, "GPW302")] == csv_problems(tmp_path)


def test_a_package_that_cannot_be_read_says_why(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    gw.dump(symposium, tmp_path, format="csv")
    (tmp_path / "commitments.csv").write_bytes("event,id,text\r\nx,y,caf\xe9\r\n".encode("latin-1"))
    (tmp_path / "resources.csv").unlink()

    problems = csv_problems(tmp_path)

    # The file that is missing altogether comes first: what it would hold is missing from all that follows.
    assert [("resources.csv", None, None, "GPW100"), ("commitments.csv", 2, 8, "GPW100")] == problems


def test_a_broken_descriptor_is_located(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    gw.dump(symposium, tmp_path, format="csv")
    edit(tmp_path / package.DESCRIPTOR, b'"resources": [', b'"resources": [,')

    assert [("datapackage.json", 7, 17, "GPW101")] == csv_problems(tmp_path)


def test_a_resource_outside_the_package_is_refused(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    gw.dump(symposium, tmp_path / "package", format="csv")
    (tmp_path / "secret.csv").write_text("id\r\n", encoding="utf-8")
    edit(tmp_path / "package" / package.DESCRIPTOR, b'"path": "resources.csv"', b'"path": "../secret.csv"')

    with pytest.raises(gw.LoadError) as caught:
        gw.load(tmp_path / "package" / package.DESCRIPTOR)

    assert ["GPW206"] == [p.code for p in caught.value.problems]
    assert "must be a file inside the package's folder" in caught.value.problems[0].message


def test_a_folder_of_records_holds_packages_and_files(tmp_path: Path) -> None:
    symposium = gw.load(EXAMPLES / "regional-symposium-2023")
    localisation = gw.load(EXAMPLES / "localisation-session-2022.yaml")
    gw.dump(symposium, tmp_path / "records" / "symposium", format="csv")
    gw.dump(localisation, tmp_path / "records" / "localisation.yaml")

    kb = gw.load(tmp_path)

    assert {event.id for event in symposium.events + localisation.events} == {event.id for event in kb.events}


# Excel workbooks.


@pytest.fixture(scope="module")
def workbook(tmp_path_factory: pytest.TempPathFactory, symposium: gw.KnowledgeBase) -> Path:
    path = tmp_path_factory.mktemp("book") / "symposium.xlsx"
    gw.dump(symposium, path)
    return path


def test_openpyxl_reads_the_workbook_as_written(workbook: Path, symposium: gw.KnowledgeBase) -> None:
    book = openpyxl.load_workbook(workbook)

    assert ["About", *(table.title for table in tables.TABLES), "Lists"] == book.sheetnames
    assert "hidden" == book["Lists"].sheet_state
    commitments = book["Commitments"]
    assert [column.name for column in tables.table("commitments").columns] == [c.value for c in commitments[1]]
    assert "A2" == commitments.freeze_panes
    assert commitments["A1"].font.b
    assert dt.datetime(2023, 7, 4) == commitments["E2"].value
    assert "yyyy-mm-dd" == commitments["E2"].number_format
    assert [] == [
        cell.coordinate
        for sheet in book.worksheets
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]
    assert tables.rows(symposium)["commitments"][0][2] == commitments["C2"].value


def test_the_workbook_offers_drop_down_lists(workbook: Path) -> None:
    book = openpyxl.load_workbook(workbook)
    lists = {
        (sheet.title, str(validation.sqref).split(":", 1)[0]): validation.formula1
        for sheet in book.worksheets
        for validation in sheet.data_validations.dataValidation
    }

    kind = lists[("Commitments", "D2")]
    assert kind is not None
    assert kind.startswith("Lists!")
    assert "'Stakeholders'!$A$2:$A$" in (lists[("Commitment owners", "B2")] or "")
    assert "'Events'!$A$2:$A$" in (lists[("Commitments", "A2")] or "")
    values = [cell.value for cell in book["Lists"][kind.split("!")[1].replace("$", "").split(":")[0][0]][1:]]
    assert [kind.value for kind in gw.CommitmentKind] == [value for value in values if value is not None][
        : len(gw.CommitmentKind)
    ]


def test_the_about_sheet_is_the_data_dictionary(workbook: Path) -> None:
    about = openpyxl.load_workbook(workbook)["About"]
    listed = {(row[0], row[1]) for row in about.iter_rows(values_only=True) if row[0] and row[1]}

    assert {(table.title, column.name) for table in tables.TABLES for column in table.columns} <= listed


def test_the_template_is_the_empty_workbook(tmp_path: Path) -> None:
    out, err = run("export", "--template", "-o", str(tmp_path / "template.xlsx"))

    book = openpyxl.load_workbook(tmp_path / "template.xlsx")
    assert (f"wrote {tmp_path / 'template.xlsx'}\n", "") == (out, err)
    assert all(book[table.title].max_row == 1 for table in tables.TABLES)
    assert gw.KnowledgeBase() == gw.load(tmp_path / "template.xlsx")


def written_by_openpyxl(kb: gw.KnowledgeBase, path: Path) -> None:
    """A workbook of *kb*'s tables made with openpyxl alone, as another program would make it."""
    book = openpyxl.Workbook()
    book.remove(book.active)
    rows = tables.rows(kb)
    for table in tables.TABLES:
        sheet = book.create_sheet(table.title)
        sheet.append([column.name for column in table.columns])
        for row in rows[table.name]:
            sheet.append([value.isoformat() if isinstance(value, dt.datetime) else value for value in row])
            for cell in sheet[sheet.max_row]:
                if isinstance(cell.value, str) and cell.value.startswith("="):
                    cell.data_type = "s"
    book.save(path)


@settings(max_examples=20)
@given(kb=knowledge_bases())
def test_workbooks_of_another_writer_are_read(kb: gw.KnowledgeBase) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "other.xlsx"
        written_by_openpyxl(kb, path)

        assert kb == gw.load(path)


# The shared strings and the rows of the sheets are read by patterns when they are in the forms programs write them
# in, and by openpyxl when not: either way to the same values, and the same problems.


def read_both(path: Path) -> tuple[Any, Any]:
    """The plain data and the problems of the workbook *path*, read by patterns where they can, and by openpyxl."""
    quick = xlsx.read(path, str(path))
    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(_workbook_reading, "section", lambda _data: None)
        patched.setattr(_workbook_reading, "shared_strings", lambda _data: None)
        slow = xlsx.read(path, str(path))
    quick_read, slow_read = [(read[0].data, [(p.code, p.message, p.source) for p in read[1]]) for read in (quick, slow)]
    return quick_read, slow_read


def rewritten(workbook: Path, folder: Path, part: str, change: Any) -> Path:
    """The workbook with its *part* changed by *change*, a function of its bytes."""
    with zipfile.ZipFile(workbook) as old:
        parts = [(info.filename, old.read(info)) for info in old.infolist()]
    path = folder / "book.xlsx"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        for name, data in parts:
            changed = change(data) if name == part else data
            assert name != part or changed != data, f"{part} is not changed"
            new.writestr(name, changed)
    return path


def first_cell(replacement: bytes) -> Any:
    """A change of a sheet: its first cell of a row after its header made *replacement*."""
    return lambda data: re.sub(rb'<c r="A2"[^>]*>.*?</c>', replacement, data, count=1)


STAKEHOLDERS_SHEET = "xl/worksheets/sheet2.xml"
STRINGS = "xl/sharedStrings.xml"
# Each a change to a part of the symposium's workbook, in a form read by patterns or one left to openpyxl.
PARTS: dict[str, tuple[str, Any]] = {
    "cells-without-places": (STAKEHOLDERS_SHEET, lambda data: re.sub(rb'<c r="[A-Z]+[0-9]+"', b"<c", data)),
    "laid-out": (
        STAKEHOLDERS_SHEET,
        lambda data: data.replace(b"<row", b"\n  <row").replace(b"<c ", b"\n    <c ").replace(b"</row>", b"\n</row>"),
    ),
    "formula": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" s="4"><f>1+1</f><v>2</v></c>')),
    "text-of-a-formula": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" t="str"><v>a&amp;b&#65;&#x1F600;</v></c>')),
    "inline-string": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" t="inlineStr"><is><t> x&lt;y </t></is></c>')),
    "rich-inline-string": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" t="inlineStr"><is><r><t>x</t></r></is></c>')),
    "error": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" t="e"><v>#N/A</v></c>')),
    "truth": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" t="b"><v>1</v></c>')),
    "number": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2"><v>17.10</v></c>')),
    "not-a-number": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2"><v>x</v></c>')),
    "iso-date": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" t="d"><v>2020-01-02</v></c>')),
    "date": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" s="5"><v>43832.5</v></c>')),
    "date-past-every-calendar": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" s="5"><v>1e20</v></c>')),
    "empty-values": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" t="s"><v></v></c><c r="B2" s="4" t="s"><v/></c>')),
    "string-past-the-table": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" t="s"><v>99999</v></c>')),
    "cells-out-of-order": (STAKEHOLDERS_SHEET, first_cell(b'<c r="C2" t="s"><v>1</v></c><c r="A2" t="s"><v>2</v></c>')),
    "rows-out-of-order": (STAKEHOLDERS_SHEET, lambda data: data.replace(b'<row r="2">', b'<row r="9">', 1)),
    "rows-apart": (
        STAKEHOLDERS_SHEET,
        lambda data: data.replace(b'<row r="2">', b'<row r="2"/><row r="3" ht="20">', 1),
    ),
    "undeclared-prefix": (STAKEHOLDERS_SHEET, lambda data: data.replace(b'<row r="2">', b'<row r="2" x:y="1">', 1)),
    "cell-outside-a-row": (STAKEHOLDERS_SHEET, lambda data: data.replace(b'<row r="2">', b'<c r="A9"/><row r="2">', 1)),
    "comment": (STAKEHOLDERS_SHEET, lambda data: data.replace(b'<row r="2">', b'<!-- x --><row r="2">', 1)),
    "carriage-return": (STAKEHOLDERS_SHEET, first_cell(b'<c r="A2" t="str"><v>a\r\nb&#13;</v></c>')),
    "other-namespace": (STAKEHOLDERS_SHEET, lambda data: data.replace(b"<sheetData>", b'<sheetData xmlns="urn:x">')),
    "rows-elsewhere": (
        STAKEHOLDERS_SHEET,
        lambda data: data.replace(
            b"<pageMargins", b'<extLst><row r="99"><c r="A99" t="str"><v>x</v></c></row></extLst><pageMargins'
        ),
    ),
    "bad-setting": (
        STAKEHOLDERS_SHEET,
        lambda data: data.replace(b'<pageMargins left="0.7"', b'<pageMargins left="x"'),
    ),
    "not-well-formed": (STAKEHOLDERS_SHEET, lambda data: data.replace(b"</worksheet>", b"</worksheet><")),
    "latin-1": (STAKEHOLDERS_SHEET, lambda data: data.replace(b'encoding="UTF-8"', b'encoding="ISO-8859-1"')),
    "rich-text": (STRINGS, lambda data: data.replace(b"<si><t>", b"<si><r><rPr><b/></rPr><t>x</t></r><r><t>", 1)),
    "escapes": (STRINGS, lambda data: data.replace(b"<si><t>", b"<si><t>_x005F_x0041_ &amp; _x000D_ &#x1F600;", 1)),
    "phonetic": (STRINGS, lambda data: data.replace(b"</t></si>", b'</t><phoneticPr fontId="1"/></si>', 1)),
    "strings-laid-out": (STRINGS, lambda data: data.replace(b"<si>", b"\n <si>")),
    "1904-dates": ("xl/workbook.xml", lambda data: data.replace(b"<workbookPr", b'<workbookPr date1904="1"')),
}


@pytest.mark.filterwarnings("ignore:Cell A2 is marked as a date")
@pytest.mark.parametrize("case", sorted(PARTS))
def test_parts_read_by_patterns_read_as_openpyxl_reads_them(case: str, workbook: Path, tmp_path: Path) -> None:
    part, change = PARTS[case]
    quick, slow = read_both(rewritten(workbook, tmp_path, part, change))

    assert slow == quick


def test_the_sheets_of_a_workbook_written_here_are_read_by_patterns(workbook: Path) -> None:
    read = []
    rows = _workbook_reading._Quick.rows

    def counted(self: Any, sheet: Any) -> Any:
        found = rows(self, sheet)
        read.append(found is not None)
        return found

    with pytest.MonkeyPatch.context() as patched:
        patched.setattr(_workbook_reading._Quick, "rows", counted)
        xlsx.read(workbook, str(workbook))
    assert [True] * len(tables.TABLES) == read


@settings(max_examples=10)
@given(kb=knowledge_bases())
def test_workbooks_of_either_writer_are_read_as_openpyxl_reads_them(kb: gw.KnowledgeBase) -> None:
    with tempfile.TemporaryDirectory() as folder:
        ours, other = Path(folder) / "ours.xlsx", Path(folder) / "other.xlsx"
        gw.dump(kb, ours)
        written_by_openpyxl(kb, other)

        for path in (ours, other):
            quick, slow = read_both(path)
            assert slow == quick


def modified(workbook: Path, folder: Path, change: Any) -> Path:
    book = openpyxl.load_workbook(workbook)
    change(book)
    path = folder / "book.xlsx"
    book.save(path)
    return path


def sheet_problems(path: Path) -> list[tuple[str, str]]:
    with pytest.raises(gw.LoadError) as caught:
        gw.load(path)
    return [
        ((p.source or "").removeprefix(str(path) + ":"), p.code)
        for p in caught.value.problems
        if p.severity is gw.Severity.ERROR
    ]


def set_cell(sheet: str, cell: str, value: Any) -> Any:
    def change(book: Any) -> None:
        book[sheet][cell] = value

    return change


# Each case of a badly kept spreadsheet: the change made to the symposium's workbook, and the errors it gives
# (or none, when it is read as meant).
BAD_SHEETS: dict[str, tuple[Any, list[tuple[str, str]]]] = {
    "unknown-code": (set_cell("Commitments", "D2", "pledg"), [("Commitments!D2", "GPW205")]),
    "date-in-another-spelling": (set_cell("Commitments", "E2", "04/07/2023"), [("Commitments!E2", "GPW204")]),
    "merged-cells": (lambda book: book["Commitments"].merge_cells("G2:H2"), [("Commitments!G2:H2", "GPW206")]),
    "extra-column": (set_cell("Commitments", "J1", "notes"), [("Commitments!J1", "GPW202")]),
    "unknown-sheet": (lambda book: book.create_sheet("Comitments"), [("Comitments!A1", "GPW202")]),
    "formula": (set_cell("Commitments", "G2", "=1+1"), [("Commitments!G2", "GPW206")]),
    "orphan-row": (
        lambda book: book["Commitment owners"].append(["no-such-commitment", "krila"]),
        [("Commitment owners!A3", "GPW302")],
    ),
    "required-column-missing": (lambda book: book["Commitments"].delete_cols(3), [("Commitments", "GPW201")]),
    "wrong-type": (set_cell("Events", "E3", "seventh"), [("Events!E3", "GPW203")]),
}


@pytest.mark.parametrize("case", sorted(BAD_SHEETS))
def test_badly_kept_sheets_are_reported_at_their_cells(case: str, workbook: Path, tmp_path: Path) -> None:
    change, expected = BAD_SHEETS[case]

    assert expected == sheet_problems(modified(workbook, tmp_path, change))


def test_bad_sheet_messages_say_what_to_do(workbook: Path, tmp_path: Path) -> None:
    def messages(case: str) -> str:
        with pytest.raises(gw.LoadError) as caught:
            gw.load(modified(workbook, tmp_path, BAD_SHEETS[case][0]))
        return str(caught.value)

    assert "(did you mean 'pledge'?)" in messages("unknown-code")
    assert "unmerge them and fill in each cell" in messages("merged-cells")
    assert "type its value instead" in messages("formula")
    assert "(did you mean 'Commitments'?)" in messages("unknown-sheet")
    assert "which every row needs; its rows are not read" in messages("required-column-missing")


def test_what_spreadsheets_do_to_values_is_read_as_meant(
    workbook: Path, tmp_path: Path, symposium: gw.KnowledgeBase
) -> None:
    def change(book: Any) -> None:
        book["Commitments"]["E2"] = "2023-07-04"  # a date typed as text
        book["Stakeholders"]["A2"] = "  un-desa "  # spaces around an id
        book["Objective sdgs"]["C2"] = 17.17  # an SDG target typed as a number
        book["Events"]["E3"] = 7.0  # a whole number stored as a fraction
        for _ in range(3):
            book["Resources"].append([None, "   ", None])  # blank rows at the end
        book["Stakeholders"].append([])

    assert symposium == gw.load(modified(workbook, tmp_path, change))


def test_problems_are_listed_sheet_by_sheet_and_cell_by_cell(workbook: Path, tmp_path: Path) -> None:
    def change(book: Any) -> None:
        book["Commitments"]["I2"] = "done"
        book["Commitments"]["D2"] = "pledg"
        book["Stakeholders"]["D3"] = "agency"
        book["Commitment owners"].append(["no-such-commitment", "krila"])

    assert ["Stakeholders!D3", "Commitments!D2", "Commitments!I2", "Commitment owners!A3"] == [
        where for where, _ in sheet_problems(modified(workbook, tmp_path, change))
    ]


def test_a_file_that_is_not_a_workbook_is_reported(tmp_path: Path) -> None:
    path = tmp_path / "notes.xlsx"
    path.write_text("not a workbook", encoding="utf-8")

    assert [(str(path), "GPW101")] == [(p.source, p.code) for p in problems_of(path)]


def problems_of(path: Path) -> Iterator[gw.Problem]:
    with pytest.raises(gw.LoadError) as caught:
        gw.load(path)
    yield from caught.value.problems


# Parquet and JSON Lines.


def test_parquet_columns_are_typed(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    gw.dump(symposium, tmp_path, format="parquet")
    schema = pq.read_schema(tmp_path / "commitments.parquet")

    assert "date32[day]" == str(schema.field("made_on").type)
    assert "dictionary<values=string, indices=int32, ordered=0>" == str(schema.field("kind").type)
    assert "string" == str(schema.field("text").type)
    assert not schema.field("id").nullable
    assert b"What was promised." == schema.field("text").metadata[b"description"]
    assert "int64" == str(pq.read_schema(tmp_path / "events.parquet").field("edition").type)


def test_parquet_problems_are_located_at_row_and_column(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    import pyarrow as pa

    gw.dump(symposium, tmp_path, format="parquet")
    table = pq.read_table(tmp_path / "commitments.parquet")
    kinds = pa.array(["pledg"], pa.string()).dictionary_encode()
    pq.write_table(table.set_column(3, "kind", kinds), tmp_path / "commitments.parquet")

    assert [("commitments.parquet", 1, 4, "GPW205")] == csv_problems(tmp_path)


def test_json_lines_are_one_object_per_row(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    gw.dump(symposium, tmp_path, format="jsonl")
    lines = (tmp_path / "commitments.jsonl").read_text(encoding="utf-8").splitlines()

    assert [["event", "id", "text", "kind", "made_on", "due", "deliverable", "indicator", "status"]] == [
        list(json.loads(line)) for line in lines
    ]
    assert "2023-07-04" == json.loads(lines[0])["made_on"]
    edit(tmp_path / "commitments.jsonl", b'"kind":"pledge"', b'"kind":"pledg"')
    assert [("commitments.jsonl", 1, None, "GPW205")] == csv_problems(tmp_path)


# The command line.


def run(*arguments: str) -> tuple[str, str]:
    import io

    out, err = io.StringIO(), io.StringIO()
    status = main(list(arguments), out=out, err=err)
    assert 0 == status, err.getvalue()
    return out.getvalue(), err.getvalue()


@pytest.mark.parametrize("format_", TABLE_FORMATS)
@pytest.mark.parametrize("example", sorted(RECORDS))
def test_export_and_import_through_the_command_line(tmp_path: Path, format_: str, example: str) -> None:
    record = EXAMPLES / example
    exported = target(tmp_path, format_)

    run("export", str(record), "--to", format_, "-o", str(exported))
    run("import", str(exported), "-o", str(tmp_path / "back.yaml"))

    assert gw.load(record) == gw.load(tmp_path / "back.yaml")


def test_convert_writes_a_workbook_and_import_reads_a_descriptor(tmp_path: Path) -> None:
    record = EXAMPLES / "busan-gp-workshop-2014.yaml"
    run("convert", str(record), str(tmp_path / "busan.xlsx"))
    run("export", str(tmp_path / "busan.xlsx"), "--to", "csv", "-o", str(tmp_path / "busan"))
    out, _ = run("import", str(tmp_path / "busan" / package.DESCRIPTOR), "-o", "-")

    assert gw.load(record) == gw.loads(out)


def test_a_missing_extra_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setitem(sys.modules, "xlsxwriter", None)
    err = io.StringIO()

    status = main(["export", str(EXAMPLES / "busan-gp-workshop-2014.yaml"), "-o", str(tmp_path / "b.xlsx")], err=err)

    assert 1 == status
    assert (
        "the format 'xlsx' needs xlsxwriter, which is not installed; install it with: pip install \"gpworkshop[xlsx]\""
        in (err.getvalue())
    )
    assert not (tmp_path / "b.xlsx").exists()


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["export", "--template", "--to", "yaml", "-o", "t.yaml"], "--template is for formats of tables"),
        (["export", "--template", "x.yaml", "-o", "t.xlsx"], "give no records with it"),
        (["export", "-o", "t.xlsx"], "name the records to export, or give --template"),
        (["export", "x.yaml", "--to", "csv", "-o", "-"], "is written to a file or folder, not to the screen"),
    ],
)
def test_usage_errors_of_tables(tmp_path: Path, arguments: list[str], message: str) -> None:
    import io

    err = io.StringIO()

    assert 2 == main(arguments, err=err)
    assert message in err.getvalue()


def test_a_failed_save_leaves_the_folder_as_it_was(
    tmp_path: Path, symposium: gw.KnowledgeBase, monkeypatch: pytest.MonkeyPatch
) -> None:
    gw.dump(symposium, tmp_path, format="csv")
    before = {path.name: path.read_bytes() for path in tmp_path.iterdir()}
    real = os.replace
    calls: list[str] = []

    def failing(source: Any, destination: Any) -> None:
        calls.append(str(destination))
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "replace", failing)
    with pytest.raises(gw.WriteError, match="No space left on device"):
        gw.dump(gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml"), tmp_path, format="csv")
    monkeypatch.setattr(os, "replace", real)

    assert before == {path.name: path.read_bytes() for path in tmp_path.iterdir()}


def test_a_broken_line_of_json_lines_is_located(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    gw.dump(symposium, tmp_path, format="jsonl")
    edit(tmp_path / "objectives.jsonl", b"\n{", b"\n{,")

    problems = csv_problems(tmp_path)

    # The objectives are not read; the takeaways that answer them are not each reported for naming them.
    assert [("objectives.jsonl", 2, 2, "GPW101")] == problems


@pytest.mark.parametrize("format_", TABLE_FORMATS)
@pytest.mark.parametrize(
    "text",
    ["a\u2028b\u0085c", "line\r\nbreak", "bell\u0007", "_x0041_ stays", "'=x", " lead ", "<r>not rich</r>", "a&b<c>"],
)
def test_awkward_text_comes_back_as_it_was(
    tmp_path: Path, symposium: gw.KnowledgeBase, format_: str, text: str
) -> None:
    rows = tables.rows(symposium)
    stakeholder = rows["stakeholders"][0]
    rows["stakeholders"][0] = (stakeholder[0], text, *stakeholder[2:])
    # The name is now that text alone, in no other language.
    rows["translations"] = [row for row in rows["translations"] if row[:2] != ("stakeholders", 1)]
    kb = tables.record(rows)

    gw.dump(kb, target(tmp_path, format_), format=format_)

    assert text == gw.load(target(tmp_path, format_)).stakeholders[0].name


def test_what_a_workbook_cannot_hold_is_refused_before_anything_is_written(
    tmp_path: Path, symposium: gw.KnowledgeBase
) -> None:
    rows = tables.rows(symposium)
    summary = [column.name for column in tables.table("events").columns].index("summary")
    rows["events"][0] = (*rows["events"][0][:summary], "x" * 40_000, *rows["events"][0][summary + 1 :])
    kb = tables.record(rows)

    with pytest.raises(
        gw.FormatError, match=r"a text of 40,000 characters is longer than a cell .* \(sheet Events, cell N2\)"
    ):
        gw.dump(kb, tmp_path / "long.xlsx")
    assert not (tmp_path / "long.xlsx").exists()


def test_a_text_longer_than_a_cell_as_excel_counts_is_refused(tmp_path: Path, symposium: gw.KnowledgeBase) -> None:
    rows = tables.rows(symposium)
    summary = [column.name for column in tables.table("events").columns].index("summary")
    # Each character past U+FFFF counts twice: 17,000 of them are 34,000.
    rows["events"][0] = (*rows["events"][0][:summary], "\U0001f600" * 17_000, *rows["events"][0][summary + 1 :])
    rows["translations"] = [row for row in rows["translations"] if row[:2] != ("events", 1)]
    kb = tables.record(rows)

    with pytest.raises(gw.FormatError, match=r"a text of 17,000 characters \(34,000 as Excel counts them\)"):
        gw.dump(kb, tmp_path / "long.xlsx")


def test_a_folder_of_tables_without_a_descriptor_is_read_when_named(tmp_path: Path) -> None:
    kb = gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml")
    gw.dump(kb, tmp_path, format="csv")
    (tmp_path / package.DESCRIPTOR).unlink()

    assert kb == gw.load(tmp_path, format="csv")

    (tmp_path / "comitments.csv").write_text("event,id\r\n", encoding="utf-8")
    with pytest.raises(gw.LoadError) as caught:
        gw.load(tmp_path, format="csv")
    assert [("GPW202", str(tmp_path / "comitments.csv"))] == [(p.code, p.source) for p in caught.value.problems]
    assert "(did you mean 'commitments'?)" in caught.value.problems[0].message
