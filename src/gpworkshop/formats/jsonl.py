"""The record as JSON Lines tables in a data package: one object per row, for analysts' tools.

Each table of :mod:`gpworkshop.tables` is a ``.jsonl`` file in the folder,
one JSON object per line with every column (``null`` for an empty cell;
dates as ISO 8601 text), beside ``datapackage.json``. It needs nothing
beyond Python; DuckDB, Polars and pandas read it directly.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from gpworkshop import codes, limits, tables
from gpworkshop._atomic import write_folder
from gpworkshop._collector import collector_paused
from gpworkshop._encoding import decode
from gpworkshop._parsed import Parsed, Place
from gpworkshop.errors import Problem
from gpworkshop.formats import json as json_format
from gpworkshop.formats import package

if TYPE_CHECKING:
    from gpworkshop.model import KnowledgeBase

__all__ = ["save", "table_text"]


@collector_paused
def save(kb: KnowledgeBase, path: Path, /) -> None:
    """Write *kb* to the folder *path* as JSON Lines tables and their ``datapackage.json``."""
    rows = tables.rows(kb)
    files = {table.name + ".jsonl": _lines(table, rows[table.name]) for table in tables.TABLES}
    text = (
        json.dumps(
            package.descriptor("jsonl", translated=bool(rows[tables.TRANSLATIONS.name])), indent=2, ensure_ascii=False
        )
        + "\n"
    )
    write_folder(path, {package.DESCRIPTOR: text.encode(), **files})


def _lines(table: tables.Table, rows: list[tuple[Any, ...]]) -> bytes:
    names = [column.name for column in table.columns]
    encode = _ENCODER.encode
    return "".join([encode(dict(zip(names, row, strict=True))) + "\n" for row in rows]).encode()


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"cannot write {type(value).__name__} in JSON")


_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"), default=_iso)


def table_text(data: bytes, source: str) -> tables.TableText | Problem:
    """The rows of one JSON Lines table read from *data*, each value placed at its line."""
    text, problem = decode(data, source)
    if text is None:
        assert problem is not None
        return problem
    # Lines end at line feeds only: other line separators may stand unescaped inside JSON strings.
    lines = [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    if len(lines) > limits.TABLE_ROWS:
        return tables.too_many_rows(Place(source, lines[limits.TABLE_ROWS][0]))
    objects = _objects(lines, source)
    if isinstance(objects, Problem):
        return objects
    # Each column's name, with the line it first appears on.
    names: dict[str, int | None] = {}
    for number, value in objects:
        if len(value) != len(names) or not names.keys() >= value.keys():
            for name in value:
                names.setdefault(name, number)
            if len(names) > limits.TABLE_COLUMNS:
                return tables.too_many_columns(Place(source, number), len(names))
    if not objects:
        table = tables.table(Path(source).stem) if Path(source).stem in {t.name for t in tables.TABLES} else None
        names = dict.fromkeys([column.name for column in table.columns] if table else [])
    header = list(names)

    def place(line: int | None, column: int | None) -> Place:
        return Place(source, names[header[column - 1]] if line == 0 and column else line)

    rows = [(number, list(map(value.get, header))) for number, value in objects]
    return tables.TableText(header, rows, place)


# The classes of the values JSON gives that hold no others.
_FLAT = frozenset({str, int, float, bool, type(None)})


def _objects(lines: list[tuple[int, str]], source: str) -> list[tuple[int, dict[str, Any]]] | Problem:
    """The object of each numbered line, or the problem of the first line that is not a row."""
    # All lines at once, as one array, is much quicker than line by line; a line that is wrong is found below.
    parsed, problem = json_format.decode(f"[{','.join(line for _, line in lines)}]", source)
    if problem is not None or len(parsed) != len(lines):
        parsed = []
        for number, line in lines:
            value, problem = json_format.decode(line, source)
            if problem is not None:
                return attrs.evolve(problem, line=number, column=problem.column if problem.line == 1 else None)
            parsed.append(value)
    objects: list[tuple[int, dict[str, Any]]] = []
    for (number, line), value in zip(lines, parsed, strict=True):
        if not isinstance(value, dict):
            message = "each line must be a JSON object, one row of the table"
            return Problem(code=codes.NOT_MAPPING, message=message, source=source, line=number)
        if not _FLAT.issuperset(map(type, value.values())):
            deep = json_format.nesting_problem(Parsed(value), line, source)
            if deep is not None:
                return attrs.evolve(deep, line=number)
        objects.append((number, value))
    return objects
