"""The record as CSV tables in a Frictionless data package: a folder others open in any tool.

:func:`save` writes one CSV file per table of :mod:`gpworkshop.tables` and
``datapackage.json`` beside them (see :mod:`gpworkshop.formats.package`).
The files are UTF-8 and RFC 4180 (commas, double quotes, CRLF line ends),
with columns and rows in a stable order, so the same record always gives the
same bytes. An empty cell is an empty value; a date is written
``2014-12-01``; true and false are ``true`` and ``false``.

Text that a spreadsheet would take for a formula gets an apostrophe in
front, which reading takes away again:

>>> guarded("=SUM(A1:A3)"), guarded("'=x"), guarded("plain")
("'=SUM(A1:A3)", "''=x", 'plain')
>>> unguarded("'=SUM(A1:A3)"), unguarded("''=x"), unguarded("'plain")
('=SUM(A1:A3)', "'=x", "'plain")
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import re
from collections.abc import Callable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gpworkshop import codes, limits, tables
from gpworkshop._atomic import write_folder
from gpworkshop._collector import collector_paused
from gpworkshop._encoding import decode
from gpworkshop._parsed import Place
from gpworkshop.errors import Problem
from gpworkshop.formats import package

if TYPE_CHECKING:
    from gpworkshop.model import KnowledgeBase

__all__ = ["guarded", "save", "table_text", "unguarded"]

_FORMULA = re.compile(r"'*[=+\-@\t\r]")


def guarded(text: str) -> str:
    """*text* as written to a CSV cell: with an apostrophe in front if a spreadsheet would run it as a formula."""
    return f"'{text}" if _FORMULA.match(text) else text


def unguarded(text: str) -> str:
    """The text of a CSV cell that :func:`guarded` wrote."""
    return text[1:] if text.startswith("'") and _FORMULA.match(text, 1) else text


@collector_paused
def save(kb: KnowledgeBase, path: Path, /) -> None:
    """Write *kb* to the folder *path* as CSV tables and their ``datapackage.json``."""
    write_folder(path, files(kb))


def files(kb: KnowledgeBase) -> dict[str, bytes]:
    """The files of the data package of *kb*, by name."""
    rows = tables.rows(kb)
    found = {table.name + ".csv": _csv(table, rows[table.name]) for table in tables.TABLES}
    text = (
        json.dumps(
            package.descriptor("csv", translated=bool(rows[tables.TRANSLATIONS.name])), indent=2, ensure_ascii=False
        )
        + "\n"
    )
    return {package.DESCRIPTOR: text.encode(), **found}


def _csv(table: tables.Table, rows: Sequence[Sequence[Any]]) -> bytes:
    """The CSV file of a table's *rows*: what the csv module writes, made a column at a time.

    The csv module spends longer on each character than it takes to find the few cells that need quotes.
    """
    header = ",".join(column.name for column in table.columns) + "\r\n"
    if not rows:
        return header.encode()
    columns = [
        _SPELLING[column.kind](values) for column, values in zip(table.columns, zip(*rows, strict=True), strict=True)
    ]
    if len(columns) == 1:
        # The csv module quotes the one empty cell of a row, which would otherwise be a blank line.
        columns = [[cell or '""' for cell in columns[0]]]
    return (header + "\r\n".join(map(",".join, zip(*columns, strict=True))) + "\r\n").encode()


def _cells(texts: Sequence[str | None]) -> list[str]:
    """Each text as a cell: in double quotes (its own doubled) when it holds a comma, a quote or a line break.

    Those are the cells the csv module quotes. Looking for each character is quicker than a regular expression,
    and looking in the whole column first quicker still: most columns have no cell to quote.
    """
    every = "".join(filter(None, texts))
    if "," not in every and '"' not in every and "\n" not in every and "\r" not in every:
        return [text or "" for text in texts]
    return [
        ('"' + text.replace('"', '""') + '"' if "," in text or '"' in text or "\n" in text or "\r" in text else text)
        if text
        else ""
        for text in texts
    ]


def _guarded_texts(texts: Sequence[str | None]) -> list[str]:
    return _cells([f"'{text}" if text and text[0] in _STARTS and _FORMULA.match(text) else text for text in texts])


def _numbers(values: Sequence[int | None]) -> list[str]:
    return ["" if value is None else str(value) for value in values]


def _truths(values: Sequence[bool | None]) -> list[str]:
    return ["" if value is None else "true" if value else "false" for value in values]


def _iso_dates(values: Sequence[dt.date | None]) -> list[str]:
    return ["" if value is None else value.isoformat() for value in values]


_STARTS = frozenset("=+-@\t\r'")
_SPELLING: dict[str, Callable[[Sequence[Any]], list[str]]] = {
    "text": _guarded_texts,
    "id": _cells,
    "code": _cells,
    "integer": _numbers,
    "boolean": _truths,
    "date": _iso_dates,
    "moment": _iso_dates,
}


def table_text(data: bytes, source: str) -> tables.TableText | Problem:
    """The rows of one CSV table read from *data*, numbered by the line they start on; or the problem that stops it.

    Reading stops at the first row past :data:`~gpworkshop.limits.TABLE_ROWS`, and before the first row when
    the header is wider than :data:`~gpworkshop.limits.TABLE_COLUMNS`.
    """
    text, problem = decode(data, source)
    if text is None:
        assert problem is not None
        return problem

    def place(line: int | None, field: int | None) -> Place:
        return Place(source, 1 if line == 0 else line, field)

    read = _read_quickly(text) or _read_row_by_row(text, source)
    if isinstance(read, Problem):
        return read
    header, rows = read
    return tables.TableText(header, rows, place, strings=True)


def _read_quickly(text: str) -> tuple[list[str], list[tuple[int, list[str]]]] | None:
    """The header and the rows of *text*, as the csv module reads them; ``None`` when it must be read row by row.

    A line without a double quote is a row of its own, its cells split at the commas as the csv module would
    split them, and runs of such lines are split at once; the csv module reads the others. When a limit is
    passed or a row cannot be read, the text is read again row by row, for the problem to be placed at its row.
    """
    feeds, returns, both = text.count("\n"), text.count("\r"), text.count("\r\n")
    if feeds + returns - both > limits.TABLE_ROWS:
        # More lines than rows a table may have: read row by row, which keeps no blank row and stops at the limit.
        return None
    if text.endswith("\n") and returns == both:
        # Every line ends in a line feed: split there, much quicker than the universal newlines of a stream.
        lines, ending = text.split("\n"), "\n"
        lines.pop()
    else:
        lines, ending = io.StringIO(text, newline="").readlines(), ""
    longest = csv.field_size_limit()
    count = len(lines)

    def quoted(start: int) -> tuple[list[str], int]:
        """The row the csv module reads from the line at *start* on, and the index of the line after it."""
        reader = csv.reader(lines[index] + ending for index in range(start, count))
        row = next(reader, [])
        return row, start + reader.line_num

    # The lines the csv module reads: those with a quote, and those longer than a cell may be, for its error.
    special = iter([index for index, line in enumerate(lines) if '"' in line or len(line) > longest])
    rows: list[tuple[int, list[str]]] = []
    header: list[str]
    try:
        if not lines:
            header, index = [], 0
        elif '"' in lines[0] or len(lines[0]) > longest:
            header, index = quoted(0)
        else:
            first = lines[0].rstrip("\r\n")
            header, index = first.split(",") if first else [], 1
        while index < count:
            stop = next((found for found in special if found >= index), count)
            rows.extend(_plain_rows(lines[index:stop], index + 1))
            if stop == count:
                break
            row, index = quoted(stop)
            joined = "".join(row)
            if joined.strip():
                rows.append((stop + 1, _unguarded_cells(row) if "'" in joined else row))
    except csv.Error:
        return None
    if len(header) > limits.TABLE_COLUMNS or len(rows) > limits.TABLE_ROWS:
        return None
    if rows and max(map(len, map(itemgetter(1), rows))) > limits.TABLE_COLUMNS:
        return None
    return header, rows


# Commas and every character ``str.strip`` takes for white space: a line of only these is a blank row.
_BLANK = "," + "".join(character for character in map(chr, range(0x3001)) if character.isspace())


def _plain_rows(lines: list[str], first: int) -> list[tuple[int, list[str]]]:
    """The rows of *lines* without quotes, numbered from *first*; blank rows left out."""
    kept = [(number, line) for number, line in enumerate(lines, first) if line.strip(_BLANK)]
    return [
        (number, _unguarded_cells(line.rstrip("\r\n").split(",")) if "'" in line else line.rstrip("\r\n").split(","))
        for number, line in kept
    ]


def _unguarded_cells(cells: list[str]) -> list[str]:
    return [unguarded(cell) if cell[:1] == "'" else cell for cell in cells]


def _read_row_by_row(text: str, source: str) -> tuple[list[str], list[tuple[int, list[str]]]] | Problem:
    """The header and the rows of *text*, each row numbered by the line the csv module is on when it starts."""
    lines = csv.reader(io.StringIO(text, newline=""))
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    start = 1
    try:
        header = next(lines, [])
        if len(header) > limits.TABLE_COLUMNS:
            return tables.too_many_columns(Place(source, 1), len(header))
        start = lines.line_num + 1
        for row in lines:
            if "".join(row).strip():
                if len(rows) == limits.TABLE_ROWS:
                    return tables.too_many_rows(Place(source, start))
                if len(row) > limits.TABLE_COLUMNS:
                    return tables.too_many_columns(Place(source, start), len(row))
                rows.append((start, [unguarded(cell) if cell[:1] == "'" else cell for cell in row]))
            start = lines.line_num + 1
    except csv.Error as error:
        # The csv module cannot go on after an error, such as a cell of more than 128 KiB.
        return Problem(code=codes.SYNTAX, message=f"invalid CSV: {error}", source=source, line=start)
    return header, rows
