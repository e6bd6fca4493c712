"""The record as an Excel workbook, to fill in and send around (needs ``gpworkshop[xlsx]``).

The first sheet, *About*, says what the workbook is and how to fill it in,
and lists every column of every table: the data dictionary, in words. Then
comes one sheet per table of :mod:`gpworkshop.tables`, named after it
(*Commitments*, *Commitment owners*), with a frozen, styled header row,
filters, real dates, text columns kept as text (so ``17.10`` stays
``17.10``), and a drop-down list on every coded column and on every column
of ids that refers to another sheet. Nothing is ever written as a formula.
The workbook is written with XlsxWriter and read with openpyxl.

Reading is forgiving where a spreadsheet changes what was typed, and
strict where a guess could lose something; see the how-to "Tables:
spreadsheets, CSV and Parquet".
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.etree import ElementTree as ET

from gpworkshop import codes, limits, tables
from gpworkshop._atomic import write_atomically
from gpworkshop._collector import collector_paused
from gpworkshop._files import read_file
from gpworkshop._parsed import Parsed, Place, placed
from gpworkshop._wording import excerpt, suggest
from gpworkshop.errors import FormatError, Problem
from gpworkshop.formats import requires

if TYPE_CHECKING:
    from gpworkshop.model import KnowledgeBase

__all__ = ["ABOUT", "LISTS", "read", "save", "workbook"]

#: The sheet that explains the workbook.
ABOUT = "About"
#: The hidden sheet that holds the values of the drop-down lists.
LISTS = "Lists"

_KIND_WORDS = {
    "text": "text",
    "id": "id: lower-case letters, digits and hyphens",
    "code": "code",
    "integer": "whole number",
    "boolean": "TRUE or FALSE",
    "date": "date",
    "moment": "date, or date and time as 2023-10-17T09:30:00+09:00",
}
_INTRODUCTION = (
    "This workbook holds a gpworkshop record: the stakeholders and events of multi-stakeholder workshops, "
    "their objectives, takeaways and commitments.",
    "Each sheet after this one is a table. A row of a table belongs to the rows of other tables its first "
    "columns name: a commitment names its event, an owner of a commitment names the commitment.",
    "Rows keep their order. Leave a cell empty for no value. Drop-down lists show the allowed codes and the ids "
    "of other sheets. Extra sheets and columns are reported, not ignored; blank rows are skipped.",
    "Check the workbook with: gpworkshop validate FILE.xlsx; turn it into a record file with: "
    "gpworkshop import FILE.xlsx -o record.yaml",
)
# Fixed, so that the same record gives the same workbook.
_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_SPARE_ROWS = 1000
_WIDEST = 60
# The most a cell holds, and the most rows a sheet has.
_LONGEST = 32_767
_ROWS = 1_048_576
# Control characters, which XML cannot hold, are written _x000D_ (ECMA-376, ST_Xstring); openpyxl leaves them so.
_ESCAPED = re.compile(r"_x(00[01][0-9A-Fa-f])_")


@collector_paused
def save(kb: KnowledgeBase, path: Path, /) -> None:
    """Write *kb* to the workbook *path*."""
    write_atomically(path, workbook(tables.rows(kb)))


def workbook(rows: dict[str, list[tuple[Any, ...]]]) -> bytes:
    """The bytes of the workbook of *rows* (as :func:`gpworkshop.tables.rows` gives them)."""
    xlsxwriter = requires("xlsxwriter", "xlsx", "xlsx")
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"title": "gpworkshop record", "created": _CREATED})
    styles = {
        "heading": book.add_format({"bold": True, "bg_color": "#DCE6F1", "bottom": 1, "text_wrap": True}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "text": book.add_format({"num_format": "@"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }
    _about(book.add_worksheet(ABOUT), styles)
    sheets = {table.name: book.add_worksheet(table.title) for table in tables.TABLES}
    lists = _lists(book.add_worksheet(LISTS))
    for table in tables.TABLES:
        _table(sheets[table.name], table, rows.get(table.name, []), styles=styles, lists=lists, every=rows)
    book.close()
    return buffer.getvalue()


def _about(sheet: Any, styles: dict[str, Any]) -> None:
    sheet.write_string(0, 0, "gpworkshop record", styles["title"])
    for number, paragraph in enumerate(_INTRODUCTION, 2):
        sheet.merge_range(number, 0, number, 6, paragraph, styles["wrap"])
        sheet.set_row(number, 45)
    start = len(_INTRODUCTION) + 3
    headings = ("Sheet", "Column", "Holds", "Required", "Allowed values", "Refers to", "Meaning")
    for column, heading in enumerate(headings):
        sheet.write_string(start, column, heading, styles["heading"])
    row = start + 1
    for table in tables.TABLES:
        refers = {key.columns[-1]: f"{tables.table(key.table).title} ({key.to[-1]})" for key in table.foreign_keys}
        for described in table.columns:
            values = ", ".join(described.values) if len(described.values) <= 30 else "the drop-down list"
            cells = (
                table.title,
                described.name,
                _KIND_WORDS[described.kind],
                "yes" if described.required else "",
                values,
                refers.get(described.name, ""),
                described.description,
            )
            for number, cell in enumerate(cells):
                sheet.write_string(row, number, cell)
            row += 1
    for column, width in enumerate((22, 22, 28, 9, 40, 24, 80)):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(start + 1, 0)


def _lists(sheet: Any) -> dict[tuple[str, ...], str]:
    """The hidden sheet of drop-down values: one column per list, with the range that holds each."""
    ranges: dict[tuple[str, ...], str] = {}
    for table in tables.TABLES:
        for column in table.columns:
            if column.values and column.values not in ranges:
                number = len(ranges)
                sheet.write_string(0, number, column.name)
                for row, value in enumerate(column.values, 1):
                    sheet.write_string(row, number, value)
                letter = _letter(number)
                ranges[column.values] = f"={LISTS}!${letter}$2:${letter}${len(column.values) + 1}"
    sheet.hide()
    return ranges


def _table(
    sheet: Any,
    table: tables.Table,
    rows: Sequence[Sequence[Any]],
    *,
    styles: dict[str, Any],
    lists: dict[tuple[str, ...], str],
    every: dict[str, list[tuple[Any, ...]]],
) -> None:
    if len(rows) >= _ROWS:
        raise FormatError(
            f"the table {table.name} has {len(rows):,} rows, more than a sheet of a workbook holds; "
            "write the record as csv or parquet instead"
        )
    for number, column in enumerate(table.columns):
        sheet.write_string(0, number, column.name, styles["heading"])
    widths = [len(column.name) + 2 for column in table.columns]
    columns = list(zip(*rows, strict=True))
    for number, values in enumerate(columns):
        written = [(line, value) for line, value in enumerate(values, 1) if value is not None]
        if not written:
            continue
        widths[number] = max(widths[number], max(len(str(value)) for _, value in written) + 1)
        classes = {value.__class__ for _, value in written}
        if classes == {str} and max(len(value) for _, value in written) <= _LONGEST:
            # A column of text, the most cells by far, is written a column at a time.
            write = sheet.write_string
            for line, value in written:
                write(line, number, value)
            continue
        for line, value in written:
            if value.__class__ is str and len(value) > _LONGEST:
                _first_too_long(table, rows)
            _write(sheet, line, number, value, styles)
    last = len(rows) + _SPARE_ROWS
    references = _references(table, every)
    for number, column in enumerate(table.columns):
        style = styles["date"] if column.kind == "date" else (styles["text"] if column.kind != "integer" else None)
        sheet.set_column(number, number, min(max(widths[number], 10), _WIDEST), style)
        source = lists.get(column.values) if column.values else references.get(column.name)
        if source is not None:
            closed = bool(column.values)
            sheet.data_validation(
                1,
                number,
                last,
                number,
                {
                    "validate": "list",
                    "source": source,
                    "error_type": "stop" if closed else "warning",
                    "error_title": column.name,
                    "error_message": "Choose a value from the list." if closed else "This id is not on its sheet.",
                },
            )
        elif column.kind == "boolean":
            sheet.data_validation(1, number, last, number, {"validate": "list", "source": ["TRUE", "FALSE"]})
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(table.columns) - 1)


def _first_too_long(table: tables.Table, rows: Sequence[Sequence[Any]]) -> None:
    """Refuse the first text of *rows*, row by row, longer than a cell of a workbook holds."""
    for line, row in enumerate(rows, 1):
        for number, value in enumerate(row):
            if isinstance(value, str) and len(value) > _LONGEST:
                raise FormatError(
                    f"a text of {len(value):,} characters is longer than a cell of a workbook holds ({_LONGEST:,}); "
                    f"write the record as csv or parquet instead (sheet {table.title}, cell {_letter(number)}"
                    f"{line + 1})"
                )


def _references(table: tables.Table, every: dict[str, list[tuple[Any, ...]]]) -> dict[str, str]:
    """For each column of ids that refers to another sheet, the range of that sheet's ids."""
    found: dict[str, str] = {}
    for key in table.foreign_keys:
        target = tables.table(key.table)
        position = [column.name for column in target.columns].index(key.to[-1])
        letter = _letter(position)
        last = len(every.get(target.name, [])) + _SPARE_ROWS + 1
        found[key.columns[-1]] = f"='{target.title}'!${letter}$2:${letter}${last}"
    return found


def _write(sheet: Any, row: int, column: int, value: Any, styles: dict[str, Any]) -> None:
    if isinstance(value, str):
        if len(value) > _LONGEST:
            raise FormatError(
                f"a text of {len(value):,} characters is longer than a cell of a workbook holds ({_LONGEST:,}); "
                f"write the record as csv or parquet instead (sheet {sheet.name}, cell {_letter(column)}{row + 1})"
            )
        sheet.write_string(row, column, value)
    elif isinstance(value, bool):
        sheet.write_boolean(row, column, value)
    elif isinstance(value, int):
        sheet.write_number(row, column, value)
    elif isinstance(value, dt.datetime):
        # A time keeps its offset only as text.
        sheet.write_string(row, column, value.isoformat())
    else:
        sheet.write_datetime(row, column, dt.datetime.combine(value, dt.time()), styles["date"])


def _letter(index: int) -> str:
    """The letters of the column at *index*, counted from 0: ``A``, ``Z``, ``AA``."""
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def read(path: Path, source: str, *, positions: bool = False) -> tuple[Parsed, list[Problem]]:
    """The record in the workbook at *path*; with each value placed at its sheet and cell if *positions*.

    The workbook's parts are checked before any is parsed: their number,
    their inflated sizes and how far each inflates (a zip bomb is refused
    unopened), and that no XML part declares a document type, which could
    bring entities (see :mod:`gpworkshop.limits`).
    """
    openpyxl = requires("openpyxl", "xlsx", "xlsx")
    data = read_file(path, source)
    if isinstance(data, Problem):
        return Parsed(None), [data]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            refused = _refused(archive, source)
            if refused is not None:
                return Parsed(None), [refused]
            merges = _merged(archive)
        # Read-only mode streams each sheet, far quicker on large workbooks; merged cells are found apart.
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        try:
            problems: list[Problem] = []
            causes: dict[str, int] = {}
            found = _sheets(book, merges, source, problems, causes)
        finally:
            book.close()
    except _UNREADABLE as error:
        return Parsed(None), [Problem(code=codes.SYNTAX, message=_unreadable(error), source=source)]
    dropped: dict[str, int] = {}
    parsed, more = tables.parsed(found, unread=causes, positions=positions, dropped=dropped)
    return parsed, [*tables.followed(problems, causes, dropped), *more]


def _unreadable(error: Exception) -> str:
    """Why a workbook cannot be read, in words, whichever library found it."""
    if isinstance(error, zipfile.BadZipFile | zipfile.LargeZipFile | EOFError | zlib.error | OSError):
        reason = "it is not a ZIP archive, as every workbook is, or the archive is damaged"
    elif isinstance(error, RuntimeError | NotImplementedError):
        reason = "its parts are encrypted or compressed in a way workbooks are not"
    elif isinstance(error, KeyError):
        reason = "a part that every workbook has is missing"
    elif isinstance(error, ET.ParseError):
        reason = "a part of it is not well-formed XML"
    else:
        reason = "its parts are not those of a workbook"
    return f"not an Excel workbook (.xlsx) that can be read: {reason} ({excerpt(str(error), 80)})"


def _refused(archive: zipfile.ZipFile, source: str) -> Problem | None:
    """The problem of a workbook whose parts pass a limit, or declare a document type; ``None`` for none."""
    members = archive.infolist()
    if len(members) > limits.ZIP_MEMBERS:
        return _limit(f"the workbook has {len(members):,} parts, more than the {limits.ZIP_MEMBERS:,} allowed", source)
    inflated = sum(member.file_size for member in members)
    if inflated > limits.INFLATED_BYTES:
        message = (
            f"the workbook's parts inflate to {limits.size(inflated)}, more than the "
            f"{limits.size(limits.INFLATED_BYTES)} allowed; split the record over several files"
        )
        return _limit(message, source)
    for member in members:
        if member.file_size > limits.INFLATION_RATIO_FROM and member.file_size > limits.INFLATION_RATIO * max(
            member.compress_size, 1
        ):
            message = (
                f"the part {excerpt(member.filename)} inflates {member.file_size // max(member.compress_size, 1):,} "
                f"times, more than the {limits.INFLATION_RATIO} times a workbook's parts do: the file is a zip bomb"
            )
            return _limit(message, source)
        with archive.open(member) as part:
            head = part.read(limits.XML_PROLOG_BYTES)
        if _declares_document_type(head):
            message = (
                f"the part {excerpt(member.filename)} declares a document type (<!DOCTYPE>), which workbooks never "
                "do and which could bring entities from elsewhere; it is not read"
            )
            return Problem(code=codes.SYNTAX, message=message, source=source)
    if len(archive.namelist()) != len(set(archive.namelist())):
        return Problem(code=codes.SYNTAX, message="the workbook has two parts of the same name", source=source)
    return None


def _limit(message: str, source: str) -> Problem:
    return Problem(code=codes.LIMIT, message=message, source=source)


# Errors of the archive and its decompressors (an encrypted part, an unknown or damaged compression: OSError,
# RuntimeError, NotImplementedError, zlib.error), of openpyxl and of XML parsing, for a file that is not a workbook
# or is damaged. The file is in memory by then: an OSError comes from decompressing it, not from the disk.
_UNREADABLE = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    RuntimeError,
    NotImplementedError,
    EOFError,
    KeyError,
    LookupError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    ET.ParseError,
)
# What may stand before the first element of an XML part: a byte-order mark, white space, the XML
# declaration, processing instructions and comments.
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)


def _declares_document_type(head: bytes) -> bool:
    """Whether the part that starts with *head* is XML with a document type declaration, or may be.

    A part that is not XML (an image) declares none. An XML part whose first element does not start
    within *head* is taken to declare one, as its prolog is longer than any workbook's.
    """
    for mark, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(mark):
            head = head[len(mark) :].decode(encoding, errors="replace").encode()
    head = head.removeprefix(codecs.BOM_UTF8)
    if not head.lstrip().startswith(b"<"):
        return False
    prolog = _PROLOG.match(head)
    rest = head[prolog.end() :] if prolog else head
    return rest.startswith(b"<!") or not rest.startswith(b"<")


def _sheets(
    book: Any, merges: dict[str, list[str]], source: str, problems: list[Problem], causes: dict[str, int]
) -> dict[str, tables.TableText]:
    """The tables of *book*; each that cannot be read gets in *causes* the index of its problem in *problems*."""
    by_title = {table.title.lower(): table for table in tables.TABLES}
    by_title.update({table.name: table for table in tables.TABLES})
    found: dict[str, tables.TableText] = {}
    if len(book.sheetnames) > limits.TABLES:
        message = f"the workbook has {len(book.sheetnames):,} sheets, more than the {limits.TABLES} allowed"
        problems.append(_limit(message, source))
        return found
    for sheet in book.worksheets:
        if sheet.title in (ABOUT, LISTS):
            continue
        table = by_title.get(sheet.title.strip().lower())
        if table is None:
            known = [table.title for table in tables.TABLES]
            message = f"there is no table {excerpt(sheet.title)}{suggest(sheet.title, known)}; the sheets are: "
            problems.append(placed(codes.UNKNOWN_KEY, message + ", ".join(known), _place(source, sheet, "A1")))
            continue
        for merged in merges.get(sheet.title, []):
            message = f"the cells {merged} are merged; unmerge them and fill in each cell"
            problems.append(placed(codes.INVALID_VALUE, message, _place(source, sheet, merged)))
        # A sheet that says it is larger than a table may be is refused before it is read.
        if (sheet.max_row or 0) > limits.TABLE_ROWS + 1:
            problems.append(tables.too_many_rows(_place(source, sheet, f"A{limits.TABLE_ROWS + 2}")))
            causes.setdefault(table.name, len(problems) - 1)
            continue
        if (sheet.max_column or 0) > limits.TABLE_COLUMNS:
            problems.append(tables.too_many_columns(_place(source, sheet, "A1"), sheet.max_column))
            causes.setdefault(table.name, len(problems) - 1)
            continue
        # The size a sheet states may be wrong (some programs write A1); every row is read whatever it says.
        sheet.reset_dimensions()
        read = _sheet(sheet, source, problems)
        if read is not None:
            found[table.name] = read
        elif problems:
            causes.setdefault(table.name, len(problems) - 1)
    return found


_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def _merged(archive: zipfile.ZipFile) -> dict[str, list[str]]:
    """The merged ranges of each sheet, by its name, read from the workbook's parts."""
    workbook = ET.fromstring(archive.read("xl/workbook.xml"))
    links = ET.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {link.get("Id"): link.get("Target", "") for link in links}
    found: dict[str, list[str]] = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(_RELATIONSHIP), "")
        part = target.lstrip("/") if target.startswith("/") else f"xl/{target}"
        ranges = _MERGE.findall(archive.read(part)) if part in archive.namelist() else []
        if ranges:
            found[sheet.get("name", "")] = [found_range.decode() for found_range in ranges]
    return found


def _sheet(sheet: Any, source: str, problems: list[Problem]) -> tables.TableText | None:
    """The rows of *sheet*; ``None``, with a problem, when it has more rows or columns than a table may."""
    named = f"{source}:{sheet.title}"

    def place(row: int | None, column: int | None) -> Place:
        if row is None or column is None:
            return Place(named)
        return Place(f"{named}!{_letter(column - 1)}{row + 1 if row == 0 else row}")

    # The values alone are much quicker to read than the cells; a sheet with text that may be a formula (it starts
    # with =) is read again as cells, which tell a formula from text.
    read = _rows(sheet.iter_rows(values_only=True), place, problems, _plain)
    if read is _FORMULA_MAYBE:
        read = _rows(sheet.iter_rows(), place, problems, lambda cell: _value(cell, source, sheet, problems))
    if read is None or read is _FORMULA_MAYBE:
        return None
    header, rows = read
    return tables.TableText(header, rows, place)


# What reading the values of a sheet gives when one of them may be a formula.
_FORMULA_MAYBE: Any = object()


def _rows(
    found: Iterable[Sequence[Any]],
    place: Callable[[int | None, int | None], Place],
    problems: list[Problem],
    value_of: Callable[[Any], Any],
) -> tuple[list[Any], list[tuple[int, list[Any]]]] | None:
    """The header and the rows of the cells or values *found*, each made a value by *value_of*.

    ``None``, with a problem, for more rows or columns than a table may have; ``_FORMULA_MAYBE`` when
    *value_of* finds a value that may be a formula.
    """
    rows: list[tuple[int, list[Any]]] = []
    header: list[Any] = []
    for number, cells in enumerate(found, 1):
        if number > limits.TABLE_ROWS + 1:
            problems.append(tables.too_many_rows(place(number, 1)))
            return None
        if len(cells) > limits.TABLE_COLUMNS:
            problems.append(tables.too_many_columns(place(number, 1), len(cells)))
            return None
        values = [value_of(cell) for cell in cells]
        if _FORMULA_MAYBE in values:
            return _FORMULA_MAYBE  # type: ignore[no-any-return]
        if number == 1:
            header = values
        elif any(value is not None and (not isinstance(value, str) or value.strip()) for value in values):
            rows.append((number, values))
    return header, rows


def _plain(value: Any) -> Any:
    """The value of a cell read as a value, as :func:`_value` reads it; or ``_FORMULA_MAYBE``."""
    if value.__class__ is str:
        if value[:1] == "=":
            return _FORMULA_MAYBE
        if "_x" in value:
            return _ESCAPED.sub(lambda found: chr(int(found[1], 16)), value)
    elif value.__class__ is dt.datetime and value.time() == dt.time():
        return value.date()
    return value


def _value(cell: Any, source: str, sheet: Any, problems: list[Problem]) -> Any:
    if cell.data_type == "f":
        message = f"the cell holds a formula ({excerpt(str(cell.value))}); type its value instead"
        problems.append(placed(codes.INVALID_VALUE, message, _place(source, sheet, cell.coordinate)))
        return None
    value = cell.value
    if value.__class__ is str and "_x" in value:
        return _ESCAPED.sub(lambda found: chr(int(found[1], 16)), value)
    if value.__class__ is dt.datetime and value.time() == dt.time():
        # A date cell: a workbook has no dates without a time. Times are written as text, with their offset.
        return value.date()
    return value


def _place(source: str, sheet: Any, cell: str) -> Place:
    return Place(f"{source}:{sheet.title}!{cell}")
