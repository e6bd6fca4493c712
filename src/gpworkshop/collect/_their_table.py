"""Someone else's table, read as a header and rows of cells, each cell with the place it was read at.

A CSV file or a sheet of a workbook made by people and programs that know
nothing of gpworkshop: any header, any order of columns. Reading keeps the
rules every reader keeps (see :mod:`gpworkshop.limits`): regular files only,
no larger than a file may be, no more rows or columns than a table may have,
and a workbook's parts checked before any is parsed.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import attrs

from gpworkshop import codes, limits
from gpworkshop._encoding import decode
from gpworkshop._files import read_file
from gpworkshop._parsed import Place
from gpworkshop.errors import LoadError, Problem
from gpworkshop.formats import requires
from gpworkshop.tables import too_many_columns, too_many_rows
from gpworkshop.tables._workbook_parts import UNREADABLE, letter, refused, unreadable

__all__ = ["TheirTable", "read_table"]

# The csv module's own limit on a field (128 KiB) is lower than a long description; a file is 1 GiB at most.
_FIELD_BYTES = limits.FILE_BYTES


@attrs.frozen
class TheirTable:
    """The header and rows of a table, and where each cell is."""

    #: The file the table was read from, as problems name it.
    source: str
    #: The column names of the first row, spaces around them taken away.
    header: tuple[str, ...]
    #: Each row that is not blank: its number (the header is row 1) and its cells, as many as the header has.
    rows: tuple[tuple[int, tuple[Any, ...]], ...]
    #: The sheet the table was read from, or ``None`` for a CSV file.
    sheet: str | None = None
    #: For a CSV file, the line each row starts on, by row number.
    lines: dict[int, int] = attrs.field(factory=dict)

    def place(self, row: int, column: int) -> Place:
        """The place of the cell at *row* (the header is 1) and *column* (counted from 1)."""
        if self.sheet is not None:
            return Place(f"{self.source}:{self.sheet}!{letter(column - 1)}{row}")
        return Place(self.source, self.lines.get(row, row), column)


def read_table(path: Path, *, sheet: str | None = None, source: str | None = None) -> TheirTable:
    """The table in the CSV file or workbook at *path*; of the sheet named *sheet*, or the first.

    :raises ~gpworkshop.LoadError: if the file cannot be read as a table.
    :raises ~gpworkshop.MissingExtraError: for a workbook, if openpyxl is not installed.
    """
    source = source or str(path)
    data = read_file(path, source)
    if isinstance(data, Problem):
        raise LoadError([data])
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return _workbook(data, source, sheet)
    return _csv(data, source)


def _csv(data: bytes, source: str) -> TheirTable:
    text, problem = decode(data, source)
    if problem is not None or text is None:
        raise LoadError([problem] if problem else [])
    dialect = _dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    rows: list[tuple[int, tuple[Any, ...]]] = []
    lines: dict[int, int] = {}
    header: tuple[str, ...] = ()
    previous = 0
    limit = csv.field_size_limit(_FIELD_BYTES)
    try:
        for number, cells in enumerate(reader, 1):
            lines[number], previous = previous + 1, reader.line_num
            if number > limits.TABLE_ROWS + 1:
                raise LoadError([too_many_rows(Place(source, lines[number], 1))])
            if len(cells) > limits.TABLE_COLUMNS:
                raise LoadError([too_many_columns(Place(source, lines[number], 1), len(cells))])
            if number == 1:
                header = tuple(cell.strip() for cell in cells)
            elif any(cell.strip() for cell in cells):
                rows.append((number, _padded(cells, len(header))))
    except csv.Error as error:
        problem = Problem(code=codes.SYNTAX, message=f"not CSV: {error}", source=source, line=reader.line_num)
        raise LoadError([problem]) from None
    finally:
        csv.field_size_limit(limit)
    return TheirTable(source=source, header=header, rows=tuple(rows), lines=lines)


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Commas, unless the first line is plainly separated by semicolons or tabs, as some spreadsheets save."""
    first = text.split("\n", 1)[0]
    counts = {separator: first.count(separator) for separator in (",", ";", "\t")}
    best = max(counts, key=lambda separator: counts[separator])
    if best == "," or counts[best] <= counts[","]:
        return csv.excel
    return csv.excel_tab if best == "\t" else _Semicolons()


class _Semicolons(csv.excel):
    delimiter = ";"


def _padded(cells: Sequence[Any], width: int) -> tuple[Any, ...]:
    """*cells* cut or filled with empty cells to *width*: a short row has its last cells empty."""
    return tuple(cells[:width]) + (None,) * (width - len(cells))


def _workbook(data: bytes, source: str, wanted: str | None) -> TheirTable:
    openpyxl = requires("openpyxl", "xlsx", "xlsx")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problem = refused(archive, source)
        if problem is not None:
            raise _RefusedError(problem)
        book = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
        try:
            return _sheet(book, source, wanted)
        finally:
            book.close()
    except _RefusedError as refusal:
        raise LoadError([refusal.problem]) from None
    except UNREADABLE as error:
        raise LoadError([Problem(code=codes.SYNTAX, message=unreadable(error), source=source)]) from None


def _value(cell: Any) -> Any:
    """The value of a cell; a day, for a date-time at midnight that the cell's number format shows as a day.

    A workbook keeps every date as a date and time; the number format says whether the time is part of it.
    """
    value = cell.value
    if isinstance(value, dt.datetime) and value.time() == dt.time() and not _TIME_FORMAT.search(cell.number_format):
        return value.date()
    return value


#: What a number format shows of a time of day: hours, seconds, or a half of the day.
_TIME_FORMAT = re.compile(r"[hs]|AM/PM|A/P", re.IGNORECASE)


class _RefusedError(Exception):
    """A workbook, or its sheet, refused for a problem of its own, which the errors of a damaged one do not catch."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem.message)
        self.problem = problem


def _sheet(book: Any, source: str, wanted: str | None) -> TheirTable:
    names = list(book.sheetnames)
    if wanted is None:
        wanted = names[0]
    elif wanted not in names:
        message = f"the workbook has no sheet {wanted!r}; its sheets are: {', '.join(map(repr, names))}"
        raise _RefusedError(Problem(code=codes.UNKNOWN_KEY, message=message, source=source))
    sheet = book[wanted]
    # The size a sheet states may be wrong; the rows are counted as they are read.
    sheet.reset_dimensions()
    header: tuple[str, ...] = ()
    rows: list[tuple[int, tuple[Any, ...]]] = []
    for number, cells in enumerate(sheet.iter_rows(), 1):
        values = tuple(map(_value, cells))
        place = Place(f"{source}:{wanted}!A{number}")
        if number > limits.TABLE_ROWS + 1:
            raise _RefusedError(too_many_rows(place))
        if len(values) > limits.TABLE_COLUMNS:
            raise _RefusedError(too_many_columns(place, len(values)))
        if number == 1:
            header = tuple("" if value is None else str(value).strip() for value in values)
        elif any(value is not None and str(value).strip() for value in values):
            rows.append((number, _padded(values, len(header))))
    return TheirTable(source=source, header=header, rows=tuple(rows), sheet=wanted)
