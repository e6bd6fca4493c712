"""A table as a reader found it, and the value of each of its cells as a record's plain data has it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from gpworkshop import codes, limits
from gpworkshop._parsed import Place, placed
from gpworkshop.errors import Problem
from gpworkshop.tables._dictionary import Column

__all__ = ["EMPTY", "TableText", "cell", "key_of", "put", "too_many_columns", "too_many_rows"]


@attrs.frozen
class TableText:
    """One table as a reader found it: its header, its rows, and how to name the place of a cell.

    Places are made only for the cells a problem is about, or when every
    value's place is asked for, as making one for every cell would cost more
    than reading the table.
    """

    #: The column names of the header, in order; ``None`` for a column without one.
    header: Sequence[str | None]
    #: The rows, each with its number (as :attr:`place` counts) and its values in the order of the header.
    #: Blank rows are left out by the reader.
    rows: Iterable[tuple[int, Sequence[Any]]]
    #: ``place(row, column)``: the place of a cell, both counted from 1; row 0 is the header, and
    #: ``place(None, None)`` the table as a whole.
    place: Callable[[int | None, int | None], Place]
    #: Whether every value is text, as in CSV, where an empty cell is empty text.
    strings: bool = False


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
