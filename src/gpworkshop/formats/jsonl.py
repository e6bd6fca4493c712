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

from gpworkshop import codes, tables
from gpworkshop._atomic import write_folder
from gpworkshop._encoding import decode
from gpworkshop._parsed import Place
from gpworkshop.errors import Problem
from gpworkshop.formats import package

if TYPE_CHECKING:
    from gpworkshop.model import KnowledgeBase

__all__ = ["save", "table_text"]


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


def table_text(path: Path, source: str) -> tables.TableText | Problem:
    """The rows of one JSON Lines table, each value placed at its line."""
    text, problem = decode(path.read_bytes(), source)
    if text is None:
        assert problem is not None
        return problem
    # Each column's name, with the line it first appears on.
    names: dict[str, int | None] = {}
    # Lines end at line feeds only: other line separators may stand unescaped inside JSON strings.
    lines = [(number, line) for number, line in enumerate(text.split("\n"), 1) if line.strip()]
    try:
        # All lines at once, as one array, is much quicker than line by line; a line that is wrong is found below.
        parsed = json.loads(f"[{','.join(line for _, line in lines)}]")
    except json.JSONDecodeError:
        parsed = None
    if parsed is None or len(parsed) != len(lines):
        parsed = []
        for number, line in lines:
            try:
                parsed.append(json.loads(line))
            except json.JSONDecodeError as error:
                message = f"invalid JSON: {error.msg}"
                return Problem(code=codes.SYNTAX, message=message, source=source, line=number, column=error.colno)
    objects: list[tuple[int, dict[str, Any]]] = []
    for (number, _), value in zip(lines, parsed, strict=True):
        if not isinstance(value, dict):
            message = "each line must be a JSON object, one row of the table"
            return Problem(code=codes.NOT_MAPPING, message=message, source=source, line=number)
        objects.append((number, value))
        if len(value) != len(names) or not names.keys() >= value.keys():
            for name in value:
                names.setdefault(name, number)
    if not objects:
        table = tables.table(Path(path).stem) if Path(path).stem in {t.name for t in tables.TABLES} else None
        names = dict.fromkeys([column.name for column in table.columns] if table else [])
    header = list(names)

    def place(line: int | None, column: int | None) -> Place:
        return Place(source, names[header[column - 1]] if line == 0 and column else line)

    rows = [(number, [value.get(name) for name in header]) for number, value in objects]
    return tables.TableText(header, rows, place)
