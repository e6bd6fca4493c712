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
import functools
import io
import json
import re
from collections.abc import Callable, Sequence
from operator import itemgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from gpworkshop import codes, limits, tables
from gpworkshop._atomic import write_folder
from gpworkshop._collector import collector_paused
from gpworkshop._encoding import decode
from gpworkshop._parsed import Place
from gpworkshop.errors import Problem
from gpworkshop.formats import package
from gpworkshop.tables._columnar import Columns

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
    return {package.DESCRIPTOR: _descriptor(translated=bool(rows[tables.TRANSLATIONS.name])), **found}


@functools.cache
def _descriptor(*, translated: bool) -> bytes:
    """The ``datapackage.json`` of a record's CSV tables, the same for every record but for its texts' languages."""
    return (json.dumps(package.descriptor("csv", translated=translated), indent=2, ensure_ascii=False) + "\n").encode()


def _csv(table: tables.Table, rows: Sequence[Sequence[Any]]) -> bytes:
    """The CSV file of a table's *rows*: what the csv module writes, made a column at a time.

    The csv module spends longer on each character than it takes to find the few cells that need quotes.
    """
    header = ",".join(column.name for column in table.columns)
    if not rows:
        return f"{header}\r\n".encode()
    columns = [
        _SPELLING[column.kind](values) for column, values in zip(table.columns, zip(*rows, strict=True), strict=True)
    ]
    if len(columns) == 1:
        # The csv module quotes the one empty cell of a row, which would otherwise be a blank line.
        columns = [[cell or '""' for cell in columns[0]]]
    # Joined once, the header and a last empty line with the rows: a table can be tens of megabytes.
    return "\r\n".join([header, *map(",".join, zip(*columns, strict=True)), ""]).encode()


def _cells(texts: Sequence[str | None]) -> list[str]:
    """Each text as a cell: in double quotes (its own doubled) when it holds a comma, a quote or a line break.

    Those are the cells the csv module quotes. Looking for each character is quicker than a regular expression,
    and looking in the whole column first quicker still: most columns have no cell to quote.
    """
    every = "".join(filter(None, texts))
    if "," not in every and '"' not in every and "\n" not in every and "\r" not in every:
        return [text or "" for text in texts] if None in texts else list(cast("Sequence[str]", texts))
    return [
        ('"' + text.replace('"', '""') + '"' if "," in text or '"' in text or "\n" in text or "\r" in text else text)
        if text
        else ""
        for text in texts
    ]


def _guarded_texts(texts: Sequence[str | None]) -> list[str]:
    # The first character of every text at once: few columns have a text that starts as a formula may.
    firsts = "".join(map(itemgetter(0), filter(None, texts)))
    if any(start in firsts for start in _STARTS):
        texts = [f"'{text}" if text and text[0] in _STARTS and _FORMULA.match(text) else text for text in texts]
    return _cells(texts)


def _numbers(values: Sequence[int | None]) -> list[str]:
    return ["" if value is None else str(value) for value in values]


def _truths(values: Sequence[bool | None]) -> list[str]:
    return list(map(_TRUTHS.__getitem__, values))


def _iso_dates(values: Sequence[dt.date | None]) -> list[str]:
    # A column has few distinct days: each is spelled once.
    spelled: dict[dt.date | None, str] = {value: value.isoformat() for value in set(values) if value is not None}
    spelled[None] = ""
    return list(map(spelled.__getitem__, values))


_STARTS = frozenset("=+-@\t\r'")
_TRUTHS = {True: "true", False: "false", None: ""}
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

    read = _read_columns(text) or _read_quickly(text) or _read_row_by_row(text, source)
    if isinstance(read, Problem):
        return read
    header, rows = read
    return tables.TableText(header, rows, place, strings=True)


def _read_columns(text: str) -> tuple[list[str], Columns] | None:
    """The header and the columns of *text*, when no cell is quoted and every row has as many cells and is not blank.

    Such a table, most of those written, is split at its commas all at once, and each column taken from every
    so many cells; ``None`` for any other, which is read row by row.
    """
    split = _split(text)
    if split is None:
        return None
    header, cells, count = split
    if not count:
        return header, Columns(range(2, 2), [])
    width = len(cells) // count
    if not width or width * count != len(cells) or width > limits.TABLE_COLUMNS:
        return None
    # Each line break is kept at the end of the last cell of its row: every row has as many cells when the cells
    # that end in one are every so many, as its columns are.
    ends = "".join(cells[width - 1 :: width])
    if ends.count("\n") != count:
        return None
    columns = [cells[number::width] for number in range(width - 1)]
    columns.append(ends.split("\n")[:-1])
    # A row of blank cells is left out, so a table with one is read row by row, as is one with a cell the csv
    # module takes longer than it allows.
    if not all(map(str.strip, columns[0])) or max(map(len, cells)) > csv.field_size_limit():
        return None
    if "'" in text:
        columns = [_unguarded_cells(column) if "'" in "".join(column) else column for column in columns]
    return header, Columns(range(2, count + 2), columns)


def _split(text: str) -> tuple[list[str], list[str], int] | None:
    """The header of *text*, every cell after it, each row's last with a line feed, and the number of rows.

    ``None`` for a text with a quote, or lines that do not all end the same way, in a line feed.
    """
    ending = "\r\n" if "\r" in text else "\n"
    if '"' in text or not text.endswith(ending):
        return None
    feeds = text.count("\n")
    if ending == "\r\n" and text.count("\r") != feeds:
        return None
    first = text.index("\n")
    line = text[: first + 1 - len(ending)]
    body = text[first + 1 :].replace(ending, "\n,")
    # As many carriage returns as line feeds, and none left alone: every line ends in both.
    if text[first + 1 - len(ending) : first] != ending[:-1] or "\r" in line or "\r" in body:
        return None
    header = line.split(",") if line else []
    if feeds - 1 > limits.TABLE_ROWS or len(header) > limits.TABLE_COLUMNS:
        return None
    cells = body.split(",")
    cells.pop()
    return header, cells, feeds - 1


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


def _unguarded_cells(cells: Sequence[str]) -> list[str]:
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
