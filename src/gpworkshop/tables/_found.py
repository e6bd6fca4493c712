"""The value of each cell of a table as a record's plain data has it, and the tables that cannot be read."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Mapping, Sequence
from typing import Any

import attrs

from gpworkshop import codes, limits
from gpworkshop._parsed import Place, placed
from gpworkshop.errors import Problem
from gpworkshop.tables._dictionary import Column

__all__ = [
    "EMPTY",
    "cell",
    "column_values",
    "followed",
    "key_of",
    "key_values",
    "put",
    "too_many_columns",
    "too_many_rows",
]


def too_many_rows(place: Place) -> Problem:
    """The problem of a table longer than :data:`~gpworkshop.limits.TABLE_ROWS`, placed at the first row too many."""
    message = (
        f"the table has more than {limits.TABLE_ROWS:,} rows, the most a table may have; its rows are not read: "
        "split the record over several files"
    )
    return placed(codes.LIMIT, message, place)


def too_many_columns(place: Place, count: int) -> Problem:
    """The problem of a table of *count* columns, more than :data:`~gpworkshop.limits.TABLE_COLUMNS`."""
    message = (
        f"the table has {count:,} columns, more than the {limits.TABLE_COLUMNS} a table may have; its rows are not "
        "read (is this a table of a record?)"
    )
    return placed(codes.LIMIT, message, place)


EMPTY: Any = object()


def put(
    item: dict[str, Any], places: dict[int, Any] | None, path: tuple[str, ...], value: Any, place: Place | None
) -> None:
    """Set *value* at *path* in *item*, making the objects on the way, and note its place in *places*."""
    target = item
    for name in path[:-1]:
        inner = target.get(name)
        if inner is None:
            inner = target[name] = {}
            if places is not None:
                places[id(target)][name] = (place, place)
                places[id(inner)] = {}
        target = inner
    target[path[-1]] = value
    if places is not None:
        places[id(target)][path[-1]] = (place, place)


def key_of(value: Any) -> Any:
    """A key cell as the text it names, or ``None`` when empty."""
    if value.__class__ is str:
        return value.strip() or None
    read = cell(value, _KEY_COLUMN)
    return None if read is EMPTY else read


def cell(value: Any, column: Column) -> Any:  # noqa: PLR0911  (one answer per kind of cell)
    """The value of a cell as the record's plain data has it, or ``EMPTY``.

    Text is kept exactly; around ids, codes, numbers and dates spaces do not
    count. What a spreadsheet makes of typed values is undone: a number in a
    text column is its text (``17.1``), a date and time at midnight in a date
    column is the date. Anything else is left for the record's checks to
    report, located at the cell.
    """
    kind = column.kind
    if value is None:
        return EMPTY
    if isinstance(value, str):
        if kind == "text":
            return value if value else EMPTY
        value = value.strip()
        if not value:
            return EMPTY
        if kind == "boolean" and value.lower() in ("true", "false"):
            return value.lower() == "true"
        return value
    if isinstance(value, bool):
        return value if kind == "boolean" else ("TRUE" if value else "FALSE")
    if isinstance(value, int | float):
        if kind in ("text", "id", "code"):
            return str(int(value)) if float(value).is_integer() else repr(float(value))
        if kind == "integer" and float(value).is_integer():
            return int(value)
        return value
    if isinstance(value, dt.datetime):
        if kind == "date" and value.time() == dt.time() and value.tzinfo is None:
            return value.date()
        return value if kind == "moment" else value.isoformat()
    if isinstance(value, dt.date):
        return value if kind in ("date", "moment") else value.isoformat()
    return value


_KEY_COLUMN = Column("key", "id", "")
_NONE: type = types.NoneType
_EMPTY_CELLS: frozenset[type] = frozenset({_NONE})
_TEXTS: frozenset[type] = frozenset({str, _NONE})
# The classes of the cells a column of each kind takes as they are, as typed tables give them; None is an empty cell.
_AS_THEY_ARE: dict[str, frozenset[type]] = {
    "integer": frozenset({int, _NONE}),
    "boolean": frozenset({bool, _NONE}),
    "date": frozenset({dt.date, _NONE}),
    "moment": frozenset({dt.date, dt.datetime, _NONE}),
}
_TRUTHS = {"true": True, "false": False}


def column_values(cells: Sequence[Any], column: Column, *, strings: bool = False) -> list[Any]:
    """The value of each of the *cells* of *column*, as :func:`cell` gives it, with ``None`` for ``EMPTY``.

    The column is taken as a whole: cells of the classes its kind expects, and cells of text, are turned into
    values a column at a time, by calls the interpreter makes itself. *strings* says that every cell is text, as
    in CSV.
    """
    kind = column.kind
    nones = False
    if not strings:
        classes = set(map(type, cells))
        if classes <= _AS_THEY_ARE.get(kind, _EMPTY_CELLS):
            return list(cells)
        if not classes <= _TEXTS:
            return [None if (value := cell(found, column)) is EMPTY else value for found in cells]
        nones = _NONE in classes
    if not any(cells):
        # A column left empty, as many are.
        return [None] * len(cells)
    texts = map(_AS_TEXT, cells, cells) if nones else cells
    values = list(cells) if kind == "text" else list(map(str.strip, texts))
    if nones or "" in values:
        # An empty cell, or blank text, is no value: each is looked up, rather than tested in a loop.
        values = list(map(_AS_VALUE, values, values))
    if kind == "boolean":
        return [found if found is None else _TRUTHS.get(found.lower(), found) for found in values]
    return values


# ``_AS_TEXT(cell, cell)``: the cell, or "" for None; ``_AS_VALUE(text, text)``: the text, or None for "".
_AS_TEXT = {None: ""}.get
_AS_VALUE: Any = {"": None}.get


def key_values(cells: Sequence[Any], *, strings: bool = False) -> list[Any]:
    """The key each of the *cells* names, as :func:`key_of` gives it, for a whole column at once."""
    if strings or set(map(type, cells)) <= _TEXTS:
        return column_values(cells, _KEY_COLUMN, strings=strings)
    return [key_of(found) for found in cells]


def followed(problems: list[Problem], causes: Mapping[str, int], dropped: Mapping[str, int]) -> list[Problem]:
    """*problems*, each that kept a table from being read saying how many rows of other tables follow from it.

    *causes* gives, for each table not read, the index in *problems* of the problem that says why; *dropped*,
    as :func:`~gpworkshop.tables.parsed` fills it, how many rows of other tables were left unread with it.
    """
    said = list(problems)
    for name, index in causes.items():
        count = dropped.get(name, 0)
        if count and 0 <= index < len(said):
            follows = f"{count:,} row{'' if count == 1 else 's'} of other tables belong to its rows, and are not read"
            said[index] = attrs.evolve(said[index], message=f"{said[index].message}; {follows}")
    return said
