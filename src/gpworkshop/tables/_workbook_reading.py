"""A workbook's sheets read as the tables of a record, by openpyxl, its largest parts read by patterns.

openpyxl opens the workbook in read-only mode, and reads its parts as it
always does, but for its shared strings and the rows of each table's sheet:
those are read by :mod:`~gpworkshop.tables._workbook_xml`, to the same values,
when they are written in the plain forms programs write them in, and by
openpyxl when they are not.

Reading is forgiving where a spreadsheet changes what was typed, and
strict where a guess could lose something; see the how-to "Tables:
spreadsheets, CSV and Parquet".
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from gpworkshop import codes, limits
from gpworkshop._files import read_file
from gpworkshop._parsed import Parsed, Place, TableText, placed
from gpworkshop._wording import excerpt, suggest
from gpworkshop.errors import Problem
from gpworkshop.formats import requires
from gpworkshop.tables._dictionary import TABLES
from gpworkshop.tables._found import followed, too_many_columns, too_many_rows
from gpworkshop.tables._reading import parsed
from gpworkshop.tables._workbook_parts import ABOUT, LISTS, UNREADABLE, letter, limit, refused, unreadable
from gpworkshop.tables._workbook_xml import section, shared_strings, sheet_rows

__all__ = ["read"]

# Control characters, which XML cannot hold, are written _x000D_ (ECMA-376, ST_Xstring); openpyxl leaves them so.
_ESCAPED = re.compile(r"_x(00[01][0-9A-Fa-f])_")


def read(path: Path, source: str, *, positions: bool = False) -> tuple[Parsed, list[Problem]]:
    """The record in the workbook at *path*; with each value placed at its sheet and cell if *positions*.

    The workbook's parts are checked before any is parsed: their number,
    their inflated sizes and how far each inflates (a zip bomb is refused
    unopened), and that no XML part declares a document type, which could
    bring entities (see :mod:`gpworkshop.limits`).
    """
    requires("openpyxl", "xlsx", "xlsx")
    data = read_file(path, source)
    if isinstance(data, Problem):
        return Parsed(None), [data]
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problem = refused(archive, source)
            if problem is not None:
                return Parsed(None), [problem]
            merges = _merged(archive)
        book, quick = _opened(data)
        try:
            problems: list[Problem] = []
            causes: dict[str, int] = {}
            found = _sheets(book, merges, source, problems, causes, quick=quick)
        finally:
            book.close()
    except UNREADABLE as error:
        return Parsed(None), [Problem(code=codes.SYNTAX, message=unreadable(error), source=source)]
    dropped: dict[str, int] = {}
    read_data, more = parsed(found, unread=causes, positions=positions, dropped=dropped)
    return read_data, [*followed(problems, causes, dropped), *more]


def _opened(data: bytes) -> tuple[Any, _Quick]:
    """The workbook of *data* as openpyxl opens it in read-only mode, and the reader of its sheets' rows.

    openpyxl's reader does all it does, but read its shared strings: those are read here when they can be.
    """
    from openpyxl.reader.excel import ExcelReader  # noqa: PLC0415  (an extra, loaded when the format is used)
    from openpyxl.reader.strings import read_string_table  # noqa: PLC0415
    from openpyxl.xml.constants import SHARED_STRINGS  # noqa: PLC0415

    # Read-only mode streams each sheet, far quicker on large workbooks; merged cells are found apart.
    reader = ExcelReader(io.BytesIO(data), read_only=True, data_only=False)

    def read_strings() -> None:
        part = reader.package.find(SHARED_STRINGS)
        if part is not None:
            name = part.PartName[1:]
            reader.shared_strings = shared_strings(reader.archive.read(name))
            if reader.shared_strings is None:
                with reader.archive.open(name) as strings:
                    reader.shared_strings = read_string_table(strings)

    reader.read_strings = read_strings
    reader.read()
    return reader.wb, _Quick(reader.wb, reader.archive, reader.shared_strings)


def _sheets(
    book: Any,
    merges: dict[str, list[str]],
    source: str,
    problems: list[Problem],
    causes: dict[str, int],
    *,
    quick: _Quick,
) -> dict[str, TableText]:
    """The tables of *book*; each that cannot be read gets in *causes* the index of its problem in *problems*."""
    by_title = {table.title.lower(): table for table in TABLES}
    by_title.update({table.name: table for table in TABLES})
    found: dict[str, TableText] = {}
    if len(book.sheetnames) > limits.TABLES:
        message = f"the workbook has {len(book.sheetnames):,} sheets, more than the {limits.TABLES} allowed"
        problems.append(limit(message, source))
        return found
    for sheet in book.worksheets:
        if sheet.title in (ABOUT, LISTS):
            continue
        table = by_title.get(sheet.title.strip().lower())
        if table is None:
            known = [table.title for table in TABLES]
            message = f"there is no table {excerpt(sheet.title)}{suggest(sheet.title, known)}; the sheets are: "
            problems.append(placed(codes.UNKNOWN_KEY, message + ", ".join(known), _place(source, sheet, "A1")))
            continue
        for merged in merges.get(sheet.title, []):
            message = f"the cells {merged} are merged; unmerge them and fill in each cell"
            problems.append(placed(codes.INVALID_VALUE, message, _place(source, sheet, merged)))
        # A sheet that says it is larger than a table may be is refused before it is read.
        if (sheet.max_row or 0) > limits.TABLE_ROWS + 1:
            problems.append(too_many_rows(_place(source, sheet, f"A{limits.TABLE_ROWS + 2}")))
            causes.setdefault(table.name, len(problems) - 1)
            continue
        if (sheet.max_column or 0) > limits.TABLE_COLUMNS:
            problems.append(too_many_columns(_place(source, sheet, "A1"), sheet.max_column))
            causes.setdefault(table.name, len(problems) - 1)
            continue
        # The size a sheet states may be wrong (some programs write A1); every row is read whatever it says.
        sheet.reset_dimensions()
        read = _sheet(sheet, source, problems, quick)
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


def _sheet(sheet: Any, source: str, problems: list[Problem], quick: _Quick) -> TableText | None:
    """The rows of *sheet*; ``None``, with a problem, when it has more rows or columns than a table may."""
    named = f"{source}:{sheet.title}"

    def place(row: int | None, column: int | None) -> Place:
        if row is None or column is None:
            return Place(named)
        return Place(f"{named}!{letter(column - 1)}{row + 1 if row == 0 else row}")

    read = quick.rows(sheet)
    if read is not None:
        return TableText(*read, place)
    # The values alone are much quicker to read than the cells; a sheet with text that may be a formula (it starts
    # with =) is read again as cells, which tell a formula from text.
    read = _rows(sheet.iter_rows(values_only=True), place, problems, _plain)
    if read is _FORMULA_MAYBE:
        read = _rows(sheet.iter_rows(), place, problems, lambda cell: _value(cell, source, sheet, problems))
    if read is None or read is _FORMULA_MAYBE:
        return None
    header, rows = read
    return TableText(header, rows, place)


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
            problems.append(too_many_rows(place(number, 1)))
            return None
        if len(cells) > limits.TABLE_COLUMNS:
            problems.append(too_many_columns(place(number, 1), len(cells)))
            return None
        values = [value_of(cell) for cell in cells]
        if _FORMULA_MAYBE in values:
            return _FORMULA_MAYBE  # type: ignore[no-any-return]
        if number == 1:
            header = values
        elif _filled(values):
            rows.append((number, values))
    return header, rows


def _filled(values: list[Any]) -> bool:
    """Whether a row has a value, other than blank text."""
    return any(value is not None and (not isinstance(value, str) or value.strip()) for value in values)


def _plain(value: Any) -> Any:
    """The value of a cell read as a value, as :func:`_value` reads it; or ``_FORMULA_MAYBE``."""
    if value.__class__ is str and value[:1] == "=":
        return _FORMULA_MAYBE
    return _finished(value)


def _finished(value: Any) -> Any:
    """The value of a cell, as openpyxl reads it, as a record has it: a date is a day, and escapes are undone."""
    if value.__class__ is str:
        if "_x" in value:
            return _ESCAPED.sub(lambda found: chr(int(found[1], 16)), value)
    elif value.__class__ is dt.datetime and value.time() == dt.time():
        # A date cell: a workbook has no dates without a time. Times are written as text, with their offset.
        return value.date()
    return value


def _value(cell: Any, source: str, sheet: Any, problems: list[Problem]) -> Any:
    if cell.data_type == "f":
        message = f"the cell holds a formula ({excerpt(str(cell.value))}); type its value instead"
        problems.append(placed(codes.INVALID_VALUE, message, _place(source, sheet, cell.coordinate)))
        return None
    return _finished(cell.value)


def _place(source: str, sheet: Any, cell: str) -> Place:
    return Place(f"{source}:{sheet.title}!{cell}")


class _Quick:
    """The rows of a workbook's sheets, read by patterns, as openpyxl would read them in read-only mode."""

    def __init__(self, book: Any, archive: zipfile.ZipFile, strings: Sequence[str]) -> None:
        self.archive = archive
        # openpyxl's own names for what the workbook's styles mean, kept from its reading of them.
        self.dates = getattr(book, "_date_formats", None)
        self.durations = getattr(book, "_timedelta_formats", None)
        self.epoch = book.epoch
        self.strings = [_finished(string) for string in strings]
        self.known: dict[tuple[str, int, str], Any] = {}

    def rows(self, sheet: Any) -> tuple[list[Any], list[tuple[int, list[Any]]]] | None:
        """The header and the rows of *sheet*, each with its values, as :func:`_rows` gives them; or ``None``.

        ``None`` when the sheet is not read here, or has more rows or columns than a table may, for openpyxl
        to read it, and say so.
        """
        part = getattr(sheet, "_worksheet_path", None)
        if self.dates is None or self.durations is None or part is None:
            return None
        split = section(self.archive.read(part))
        if split is None or not self._settings_alone(split[1]):
            return None
        found = sheet_rows(split[0], self.strings, self.value)
        if found is None:
            return None
        header: list[Any] = []
        rows: list[tuple[int, list[Any]]] = []
        for number, values in found:
            if number > limits.TABLE_ROWS + 1 or len(values) > limits.TABLE_COLUMNS:
                return None
            if number == 1:
                header = values
            elif _filled(values):
                rows.append((number, values))
        return header, rows

    def _settings_alone(self, rest: bytes) -> bool:
        """Whether openpyxl reads the sheet *rest*, without its rows, to the end, and finds no rows in it."""
        try:
            from openpyxl.worksheet._reader import WorkSheetParser  # noqa: PLC0415

            parser = WorkSheetParser(io.BytesIO(rest), [])
            return not any(True for _ in parser.parse())
        except Exception:  # noqa: BLE001  (what openpyxl finds wrong, it says again when it reads the whole sheet)
            return False

    def value(self, kind: str, style: int, text: str) -> Any:
        """The value of a cell that is not a shared string, as openpyxl reads it, finished as a record has it."""
        if kind in ("str", "e"):
            return _finished(text)
        key = (kind, style, text)
        found = self.known.get(key, self)
        if found is self:
            found = self.known[key] = _finished(self._number(kind, style, text))
        return found

    def _number(self, kind: str, style: int, text: str) -> Any:
        from openpyxl.utils.datetime import from_excel  # noqa: PLC0415

        if kind == "b":
            return bool(int(text))
        if kind != "n":
            raise ValueError(f"a cell of type {kind} is left to openpyxl")
        number = float(text) if "." in text or "E" in text or "e" in text else int(text)
        if style in self.dates:  # type: ignore[operator]
            return from_excel(number, self.epoch, timedelta=style in self.durations)  # type: ignore[operator]
        return number
