"""Rows made a record: the plain data of the tables' rows, with every problem placed at its cell."""

from __future__ import annotations

import collections
import datetime as dt
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import repeat
from typing import Any, cast

import attrs

from gpworkshop import codes
from gpworkshop._migrations import FORMAT_VERSION
from gpworkshop._parsed import Parsed, Place, TableText, placed
from gpworkshop._wording import excerpt, suggest
from gpworkshop.errors import Problem
from gpworkshop.model import KnowledgeBase
from gpworkshop.multilingual import DEFAULT_LANGUAGE
from gpworkshop.tables._columnar import Columns
from gpworkshop.tables._dictionary import (
    BY_NAME,
    KEYS,
    OTHER_TABLES,
    RECORD,
    SPECS,
    TABLES,
    TRANSLATIONS,
    Column,
    ColumnKind,
    Spec,
    Table,
    table,
)
from gpworkshop.tables._found import EMPTY, cell, column_values, key_of, key_values, put
from gpworkshop.tables._objects import objects
from gpworkshop.tables._translations import read_translations

__all__ = ["parsed", "record"]

# A column of a table as it is read: its index in the rows, the column, its kind and the path of its value.
_Part = tuple[int, Column, ColumnKind, tuple[str, ...]]


def _cells(text: TableText, width: int) -> tuple[Sequence[int], Sequence[Sequence[Any]]]:
    """The number of each row of *text*, and the cells of each of its first *width* columns at least.

    A row shorter than the others has blank cells at its end.
    """
    blank = "" if text.strings else None
    if isinstance(text.rows, Columns):
        numbers, cells = text.rows.numbers, text.rows.columns
        missing = width - len(cells)
        return numbers, [*cells, *([[blank] * len(numbers)] * missing)] if missing > 0 else cells
    numbered = list(text.rows)
    numbers, rows = (list(column) for column in zip(*numbered, strict=True)) if numbered else ([], [])
    if rows and min(map(len, rows)) < width:
        rows = [row if len(row) >= width else [*row, *([blank] * (width - len(row)))] for row in rows]
    # Every row is as wide as the columns read, at least: its cells beyond them are not needed.
    return numbers, list(zip(*rows, strict=False)) if rows else [()] * width


def _consume(calls: Iterator[Any]) -> None:
    """Make every call of *calls*, a ``map``, keeping none of the results."""
    collections.deque(calls, maxlen=0)


@attrs.frozen
class _Column:
    """A table taken a column at a time: its cells by column, and for each row its number, key and parent."""

    spec: Spec
    text: TableText
    #: The indices of the key columns.
    key_indices: list[int]
    cells: Sequence[Sequence[Any]]
    numbers: Sequence[int]
    keys: list[tuple[Any, ...]]
    #: The object each row belongs to, or ``None`` where none was found.
    parents: list[dict[str, Any] | None]


def _lists(parents: list[dict[str, Any] | None], field: str) -> list[list[Any]] | None:
    """The list at *field* of each of *parents*, made where there is none yet; ``None`` if a parent is missing."""
    if None in parents:
        return None
    # A new list for each row, kept by the parent that has none yet: one pass, made by the interpreter itself.
    return list(map(dict.setdefault, cast("list[dict[str, Any]]", parents), repeat(field), iter(list, None)))


def _blank(values: list[Any]) -> bool:
    """Whether a column has no value: most that are do not have one in their first row."""
    return not values or (values[0] is None and values.count(None) == len(values))


def record(
    table_rows: Mapping[str, Iterable[Sequence[Any]]], *, check: bool = True, as_of: dt.date | None = None
) -> KnowledgeBase:
    """The knowledge base in *table_rows*, as :func:`rows` gives them: rows by table name, cells in column order.

    Tables may be left out. Problems are located as ``TABLE:ROW:COLUMN``,
    both counted from 1.

    :param check: run :func:`~gpworkshop.validate` and fail on its errors.
    :param as_of: the day warnings about overdue commitments are judged against.
    :raises LoadError: listing every problem in the rows.
    """
    from gpworkshop.serialize import load_parsed  # noqa: PLC0415  (serialize reads tables through the formats)

    found = {name: _given(name, list(given)) for name, given in table_rows.items()}
    data, problems = parsed(found)
    return load_parsed(data, problems, source="<rows>", format="rows", check=check, as_of=as_of)


def _given(name: str, given: list[Sequence[Any]]) -> TableText:
    def place(row: int | None, column: int | None) -> Place:
        return Place(name, row or None, column)

    return TableText([column.name for column in table(name).columns], list(enumerate(given, 1)), place)


def parsed(
    found: Mapping[str, TableText],
    *,
    version: Any = FORMAT_VERSION,
    unread: Iterable[str] = (),
    positions: bool = True,
    dropped: dict[str, int] | None = None,
) -> tuple[Parsed, list[Problem]]:
    """The record in the tables a reader *found*, as plain data, with the place of every value if *positions*.

    The data has the shape of the YAML format, so that the record is built
    and checked as any other; problems with the tables themselves (an unknown
    column, a row whose parent does not exist) come with it, placed at their
    cells. The tables named *unread* could not be read (their problem is
    reported already), so rows that belong to their rows are not reported
    again, nor references to their objects; *dropped*, when given, gets for
    each of them how many rows of other tables were left unread with it.
    """
    reading = _Reading(version, positions=positions)
    reading.unread.update(unread)
    for name, text in found.items():
        if name not in BY_NAME and name not in OTHER_TABLES:
            message = f"there is no table {excerpt(name)}{suggest(name, [table.name for table in TABLES])}"
            reading.problem(codes.UNKNOWN_KEY, message, text.place(None, None))
    for spec in SPECS:
        given = found.get(spec.table.name)
        if given is not None:
            reading.table(spec, given)
    if RECORD.name in found:
        reading.record(found[RECORD.name])
    if TRANSLATIONS.name in found:
        translations = found[TRANSLATIONS.name]
        columns = reading.other_header(TRANSLATIONS, translations)
        if columns is not None:
            read_translations(
                translations,
                columns,
                language=reading.data.get("language", DEFAULT_LANGUAGE),
                ordered=reading.ordered,
                positions=reading.positions,
                problem=reading.problem,
                unread=reading.unread,
            )
    parts = tuple(found[table.name].place(None, None).source for table in TABLES if table.name in found)
    if dropped is not None:
        dropped.update(reading.dropped)
    kinds = frozenset(name for name in reading.unread if name in BY_NAME and BY_NAME[name].cls in KEYS)
    return Parsed(reading.data, reading.positions, parts, advice=_advice, unread=kinds), reading.problems


def _advice(path: tuple[str | int, ...], code: str) -> str:
    """Where a list that a problem says is missing is written: the table (the sheet of a workbook) of its values."""
    if code != codes.MISSING_FIELD or len(path) < 3 or not isinstance(path[-1], str) or not isinstance(path[-3], str):
        return ""
    owner = next((spec.table.name for spec in SPECS if spec.field == path[-3] and spec.cls is not None), None)
    held = next((spec.table for spec in SPECS if spec.parent == owner and spec.field == path[-1]), None)
    if held is None:
        return ""
    return (
        f": its values are rows of the table {held.name} (the sheet '{held.title}' of a workbook), each naming the "
        "row it belongs to"
    )


class _Reading:
    """Rows turned into the plain data of a record, with the place of every value when asked for."""

    def __init__(self, version: Any, *, positions: bool) -> None:
        self.data: dict[str, Any] = {"gpworkshop": version}
        self.positions: dict[int, Any] | None = {id(self.data): {}} if positions else None
        self.problems: list[Problem] = []
        # The rows that rows of other tables belong to, by table and key.
        self.index: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
        self.unread: set[str] = set()
        # For each table left unread because rows of another were, that first table; and how many rows each such
        # first table left unread in the others.
        self.causes: dict[str, str] = {}
        self.dropped: dict[str, int] = {}
        # The objects of each table, in the order of its rows; None for a row that could not be placed.
        self.ordered: dict[str, list[dict[str, Any] | None]] = {}

    def problem(self, code: str, message: str, place: Place) -> None:
        self.problems.append(placed(code, message, place))

    def table(self, spec: Spec, text: TableText) -> None:
        columns = self.header(spec.table, text)
        if columns is None:
            self.unread.add(spec.table.name)
            return
        where = {name: number for number, name in columns.items()}
        keys = [where[name] for name in spec.keys]
        parts = [(where[p.column.name], p.column, p.column.kind, p.path) for p in spec.parts if p.column.name in where]
        width = max(columns, default=0) + 1
        if self.positions is None and (spec.cls is not None or parts):
            self.in_columns(spec, text, keys, parts, width)
        elif spec.cls is None:
            self.values(spec, text, keys, parts[0][0] if parts else None)
        else:
            self.placed_rows(spec, text, keys, parts, width)

    def in_columns(self, spec: Spec, text: TableText, keys: list[int], parts: list[_Part], width: int) -> None:
        """Read the rows of *text* a column at a time, when no places are wanted: a record has millions of cells."""
        numbers, cells = _cells(text, width)
        named = [key_values(cells[index], strings=text.strings) for index in keys]
        key_rows: list[tuple[Any, ...]] = list(zip(*named, strict=True)) if keys else [()] * len(numbers)
        if spec.parent is None:
            parents: list[dict[str, Any] | None] = [self.data] * len(numbers)
        elif spec.parent in self.unread:
            parents = [None] * len(numbers)
        else:
            parents = list(map(self.index.get(spec.parent, {}).get, key_rows))
        # A row whose parent is not found is read row by row, for its problem to be said as the row comes.
        table = _Column(spec, text, keys, cells, numbers, key_rows, parents)
        if spec.cls is None:
            self.values_in_columns(table, parts[0])
        else:
            self.objects_in_columns(table, parts)

    def values_in_columns(self, table: _Column, part: _Part) -> None:
        """Add the value of each row of a link table to the list of the row it belongs to."""
        index, column = part[0], part[1]
        empty = None if column.kind == "text" else f"the {column.name} is empty; fill it in or delete the row"
        values = column_values(table.cells[index], column, strings=table.text.strings)
        field = table.spec.field
        lists = _lists(table.parents, field) if empty is None or None not in values else None
        if lists is not None:
            # Every row belongs to a row found, and has its value: the values are added a column at a time.
            added = ["" if value is None else value for value in values] if None in values else values
            _consume(map(list.append, lists, added))
            return
        for number, key, parent, value in zip(table.numbers, table.keys, table.parents, values, strict=True):
            if (
                parent is None
                and (parent := self.parent(table.spec, key, number, table.key_indices, table.text)) is None
            ):
                continue
            if value is None and empty is not None:
                self.problem(codes.MISSING_FIELD, empty, table.text.place(number, index + 1))
                continue
            held = parent.get(field)
            if held is None:
                held = parent[field] = []
            held.append("" if value is None else value)

    def objects_in_columns(self, table: _Column, parts: list[_Part]) -> None:
        """Make the object of each row of a table, and add it to the list of the row it belongs to."""
        spec, strings = table.spec, table.text.strings
        columns = {
            path[0]: column_values(table.cells[index], column, strings=strings)
            for index, column, _, path in parts
            if len(path) == 1
        }
        # A column left empty gives the objects nothing: it is passed over.
        filled = {name: values for name, values in columns.items() if not _blank(values)}
        items = objects(tuple(filled), list(filled.values()), len(table.numbers))
        for index, column, _, path in parts:
            values = column_values(table.cells[index], column, strings=strings) if len(path) > 1 else []
            if not _blank(values):
                for item, value in zip(items, values, strict=True):
                    if value is not None:
                        put(item, None, path, value, None)
        identity = KEYS.get(spec.cls) if spec.cls is not None else None
        found = self.index.setdefault(spec.table.name, {})
        ordered = self.ordered.setdefault(spec.table.name, [])
        field = spec.field
        lists = _lists(table.parents, field)
        if lists is not None:
            # Every row belongs to a row found: the objects are added a column at a time.
            _consume(map(list.append, lists, items))
            ordered.extend(items)
            if identity is not None:
                own_field = identity[1]
                ids = columns.get(own_field) or [None] * len(items)
                # An object is known by its own id, within the key of what it belongs to when its ids are scoped.
                keys = list(zip(*zip(*table.keys, strict=True), ids, strict=True) if identity[2] else zip(ids))
                found.update(zip(keys, items, strict=True))
                if len(found) != len(items):
                    # Two rows of one id: the first is the one the rows of other tables name.
                    found.clear()
                    _consume(map(found.setdefault, keys, items))
            return
        for number, key, parent, item in zip(table.numbers, table.keys, table.parents, items, strict=True):
            if parent is None and (parent := self.parent(spec, key, number, table.key_indices, table.text)) is None:
                ordered.append(None)
                continue
            held = parent.get(field)
            if held is None:
                held = parent[field] = []
            held.append(item)
            ordered.append(item)
            if identity is not None:
                own = item.get(identity[1])
                found.setdefault((*key, own) if identity[2] else (own,), item)

    def placed_rows(self, spec: Spec, text: TableText, keys: list[int], parts: list[_Part], width: int) -> None:
        """Read the rows of *text* one at a time, noting the place of every value."""
        identity = KEYS.get(spec.cls) if spec.cls is not None else None
        found = self.index.setdefault(spec.table.name, {})
        ordered = self.ordered.setdefault(spec.table.name, [])
        positions = self.positions
        assert positions is not None
        first = min(keys, default=0)
        blank = "" if text.strings else None
        for number, row in text.rows:
            values = row if len(row) >= width else [*row, *([blank] * (width - len(row)))]
            key = tuple(key_of(values[index]) for index in keys)
            parent = self.parent(spec, key, number, keys, text)
            if parent is None:
                ordered.append(None)
                continue
            item: dict[str, Any] = {}
            places: dict[int, Any] = {id(item): {}}
            for index, column, kind, path in parts:
                value = values[index]
                if value is None or value == "":
                    continue
                if value.__class__ is str:
                    if kind != "text":
                        value = value.strip()
                        if not value:
                            continue
                        if kind == "boolean" and value.lower() in ("true", "false"):
                            value = value.lower() == "true"
                else:
                    value = cell(value, column)
                    if value is EMPTY:
                        continue
                put(item, places, path, value, text.place(number, index + 1))
            positions.update(places)
            self.append(parent, spec.field, item, text.place(number, first + 1))
            ordered.append(item)
            if identity is not None:
                own = item.get(identity[1])
                found.setdefault((*key, own) if identity[2] else (own,), item)

    def record(self, text: TableText) -> None:
        """The record's language, from the one row of the record table."""
        columns = self.other_header(RECORD, text)
        if columns is None:
            return
        read = [(number, values) for number, values in text.rows]
        if len(read) > 1:
            message = "the record table has one row, for the record's language; delete the others"
            self.problem(codes.INVALID_VALUE, message, text.place(read[1][0], None))
        for number, values in read[:1]:
            at = columns["language"]
            value = cell(values[at], RECORD.columns[0]) if at < len(values) else EMPTY
            if value is EMPTY:
                self.problem(codes.MISSING_FIELD, "the language is empty; fill it in", text.place(number, at + 1))
                continue
            self.data["language"] = value
            if self.positions is not None:
                place = text.place(number, at + 1)
                self.positions[id(self.data)]["language"] = (place, place)

    def other_header(self, table: Table, text: TableText) -> dict[str, int] | None:
        """The columns of the record or translations table by name, or ``None`` when it cannot be read."""
        columns = self.header(table, text)
        return None if columns is None else {name: number for number, name in columns.items()}

    def values(self, spec: Spec, text: TableText, keys: list[int], index: int | None) -> None:
        """Add the value of each row of a link table to the list of the row it belongs to."""
        column = spec.parts[0].column
        for number, values in text.rows:
            size = len(values)
            key = tuple(key_of(values[at]) if at < size else None for at in keys)
            parent = self.parent(spec, key, number, keys, text)
            if parent is None:
                continue
            at = index if index is not None else size
            read = cell(values[at], column) if at < size else EMPTY
            if read is EMPTY:
                if column.kind != "text":
                    message = f"the {column.name} is empty; fill it in or delete the row"
                    self.problem(codes.MISSING_FIELD, message, text.place(number, at + 1))
                    continue
                read = ""
            self.append(parent, spec.field, read, text.place(number, at + 1) if self.positions is not None else None)

    def header(self, table: Table, text: TableText) -> dict[int, str] | None:
        """The columns of *text* by their index, or ``None`` when the table cannot be read."""
        known = [column.name for column in table.columns]
        columns: dict[int, str] = {}
        readable = True
        headings = [heading.strip() for heading in text.header if isinstance(heading, str)]
        if any(headings) and not set(known) & set(headings):
            # Nothing of a file that is not a table of a record is quoted: it may hold anything.
            message = (
                f"none of the names of the columns here is a column of the table {table.name}, so this is not a "
                f"table of a record; its rows are not read. The columns are: {', '.join(known)}"
            )
            self.problem(codes.UNKNOWN_KEY, message, text.place(None, None))
            return None
        for number, heading in enumerate(text.header):
            name = heading.strip() if isinstance(heading, str) else None
            if not name:
                continue
            place = text.place(0, number + 1)
            if name not in known:
                message = f"the table {table.name} has no column {excerpt(name)}{suggest(name, known)}"
                self.problem(codes.UNKNOWN_KEY, f"{message}; the columns are: {', '.join(known)}", place)
            elif name in columns.values():
                self.problem(codes.DUPLICATE_KEY, f"the column {excerpt(name)} is written twice; keep one", place)
            else:
                columns[number] = name
        for column in table.columns:
            if column.required and column.name not in columns.values():
                message = f"the table {table.name} has no column {column.name!r}, which every row needs"
                self.problem(codes.MISSING_FIELD, f"{message}; its rows are not read", text.place(None, None))
                readable = False
        return columns if readable else None

    def parent(
        self, spec: Spec, key: tuple[Any, ...], number: int, keys: list[int], text: TableText
    ) -> dict[str, Any] | None:
        """The object the row belongs to, or ``None`` (with a problem) when there is none."""
        if spec.parent is None:
            return self.data
        if spec.parent in self.unread:
            self.unread.add(spec.table.name)
            cause = self.causes.setdefault(spec.table.name, self.causes.get(spec.parent, spec.parent))
            self.dropped[cause] = self.dropped.get(cause, 0) + 1
            return None
        parent = self.index.get(spec.parent, {}).get(key)
        if parent is not None:
            return parent
        for name, value, index in zip(spec.keys, key, keys, strict=True):
            if value is None:
                message = f"the row has no {name}: name the {name} it belongs to"
                self.problem(codes.MISSING_FIELD, message, text.place(number, index + 1))
                return None
        name = spec.keys[-1]
        known = sorted({str(k[-1]) for k in self.index.get(spec.parent, {}) if k[:-1] == key[:-1] and k[-1]})
        within = f" of the event {excerpt(key[0])}" if len(key) > 1 else ""
        message = f"{spec.parent} has no row for the {name} {excerpt(key[-1])}{within}{suggest(str(key[-1]), known)}"
        self.problem(codes.UNKNOWN_REFERENCE, message, text.place(number, keys[-1] + 1))
        return None

    def append(self, parent: dict[str, Any], field: str, value: Any, place: Place | None) -> None:
        items = parent.get(field)
        if items is None:
            items = parent[field] = []
            if self.positions is not None:
                self.positions.setdefault(id(parent), {})[field] = (place, place)
                self.positions[id(items)] = []
        items.append(value)
        if self.positions is not None:
            self.positions[id(items)].append(place)
