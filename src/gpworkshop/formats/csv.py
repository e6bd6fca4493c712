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
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gpworkshop import codes, limits, tables
from gpworkshop._atomic import write_folder
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


def _csv(table: tables.Table, rows: Iterable[Sequence[Any]]) -> bytes:
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(column.name for column in table.columns)
    # Ids, codes and whole numbers are written as they are (None as an empty cell); the others are spelled.
    spelled = [
        (number, _SPELLING[column.kind]) for number, column in enumerate(table.columns) if column.kind in _SPELLING
    ]
    if not spelled:
        writer.writerows(rows)
    for row in rows if spelled else ():
        cells = list(row)
        for number, spell in spelled:
            value = cells[number]
            if value is not None:
                cells[number] = spell(value)
        writer.writerow(cells)
    return buffer.getvalue().encode()


def _guarded(text: str) -> str:
    return f"'{text}" if text[:1] in _STARTS and _FORMULA.match(text) else text


_STARTS = frozenset("=+-@\t\r'")
_SPELLING: dict[str, Any] = {
    "text": _guarded,
    "boolean": lambda value: "true" if value else "false",
    "date": dt.date.isoformat,
    "moment": lambda value: value.isoformat(),
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

    def place(line: int | None, field: int | None) -> Place:
        return Place(source, 1 if line == 0 else line, field)

    return tables.TableText(header, rows, place, strings=True)
