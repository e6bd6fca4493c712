"""The record as flat, typed tables: one per kind of object, and one per list.

Every table, column, type, vocabulary, key and description here is derived
from the model classes, so the tables cannot drift from the record: a list
of objects becomes a table of its own (``commitments``, ``progress_updates``),
a list of ids or codes a link table (``commitment_owners``: which
stakeholders made each commitment), and an object held in one field becomes
columns with its name in front (``location_city``). A row names what it
belongs to by the key columns that come first (``event``, ``commitment``).
Rows keep the order of the record, so a record goes to tables and back
unchanged.

The CSV data package, the Excel workbook, Parquet and JSON Lines formats of
:mod:`gpworkshop.formats` all write and read these tables.

>>> from gpworkshop import tables
>>> commitments = tables.table("commitments")
>>> commitments.primary_key
('id',)
>>> [column.name for column in commitments.columns][:4]
['event', 'id', 'text', 'kind']
>>> tables.table("commitment_owners").foreign_keys[1]
ForeignKey(columns=('stakeholder',), table='stakeholders', to=('id',))

A record and its rows:

>>> import gpworkshop as gw
>>> kb = gw.loads('''
... gpworkshop: 1
... stakeholders:
...   - {id: norad, name: Norwegian Agency for Development Cooperation, kind: bilateral-provider, country: NO}
... ''')
>>> rows = tables.rows(kb)
>>> rows["stakeholders"][0][:5]
('norad', 'Norwegian Agency for Development Cooperation', None, 'bilateral-provider', 'NO')
>>> tables.record(rows) == kb
True
"""

from __future__ import annotations

import datetime as dt
import functools
import linecache
import types
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from gpworkshop import _validators as check
from gpworkshop import codes
from gpworkshop._migrations import FORMAT_VERSION
from gpworkshop._parsed import Parsed, Place, placed
from gpworkshop._wording import excerpt, plain, suggest
from gpworkshop.errors import FormatError, Problem
from gpworkshop.model import (
    DOC,
    REFERS,
    TRANSLATABLE,
    Commitment,
    Event,
    KnowledgeBase,
    Objective,
    Participation,
    Stakeholder,
    Takeaway,
)
from gpworkshop.multilingual import DEFAULT_LANGUAGE, Translatable, best_match, in_language
from gpworkshop.vocab import Vocabulary

__all__ = [
    "RECORD",
    "TABLES",
    "TRANSLATIONS",
    "Column",
    "ColumnKind",
    "ForeignKey",
    "Table",
    "TableText",
    "parsed",
    "record",
    "rows",
    "table",
]

#: What a column holds: free ``text`` (kept exactly as written), an ``id`` or a reference to one, a ``code`` of a
#: vocabulary or a standard list (spaces around it do not count), an ``integer``, a ``boolean``, a ``date``, or a
#: ``moment``: a date, or a date and time with its offset, in ISO 8601.
ColumnKind = Literal["text", "id", "code", "integer", "boolean", "date", "moment"]


@attrs.frozen
class Column:
    """One column of a table."""

    #: Its name, as written in headers: ``"made_on"``.
    name: str
    #: What it holds.
    kind: ColumnKind
    #: What it means, in plain text.
    description: str
    #: Whether every row must have a value in it.
    required: bool = False
    #: The values a coded column takes, in the vocabulary's order; empty when it takes any.
    values: tuple[str, ...] = ()


@attrs.frozen
class ForeignKey:
    """Columns whose values name the rows of another table (or of the same one)."""

    #: The columns of this table.
    columns: tuple[str, ...]
    #: The table they refer to.
    table: str
    #: The columns of that table they match.
    to: tuple[str, ...]


@attrs.frozen
class Table:
    """One table: its columns, its key, and the keys it refers to other tables by."""

    #: Its name, used for files and resources: ``"progress_updates"``.
    name: str
    #: What a row is, in plain text.
    description: str
    #: Its columns, in order.
    columns: tuple[Column, ...]
    #: The columns whose values are unique to a row; empty when rows have no identity of their own.
    primary_key: tuple[str, ...] = ()
    #: References to other tables.
    foreign_keys: tuple[ForeignKey, ...] = ()

    @property
    def title(self) -> str:
        """The name as words people read, as sheets of a workbook are named: ``"Progress updates"``."""
        return self.name.replace("_", " ").capitalize()

    def column(self, name: str) -> Column:
        """The column called *name*.

        :raises FormatError: if the table has none.
        """
        for column in self.columns:
            if column.name == name:
                return column
        raise FormatError(f"the table {self.name!r} has no column {name!r}")


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


# How the model maps to tables. Objects with ids unique in the record are named by their id alone; objectives and
# takeaways by their event and their id; a participation by its event and its stakeholder.
_KEYS: dict[type, tuple[str, str, bool]] = {
    # class: (column that names it in the tables below it, its own field holding that value, within its parent)
    Stakeholder: ("stakeholder", "id", False),
    Event: ("event", "id", False),
    Commitment: ("commitment", "id", False),
    Objective: ("objective", "id", True),
    Takeaway: ("takeaway", "id", True),
    Participation: ("stakeholder", "stakeholder", True),
}
_TABLE_NAMES = {
    (KnowledgeBase, "stakeholders"): "stakeholders",
    (KnowledgeBase, "events"): "events",
    (Event, "related"): "event_relations",
    (Event, "participants"): "participations",
    (Event, "objectives"): "objectives",
    (Event, "takeaways"): "takeaways",
    (Event, "commitments"): "commitments",
    (Event, "resources"): "resources",
    (Commitment, "by"): "commitment_owners",
    (Commitment, "endorsements"): "endorsements",
    (Commitment, "progress"): "progress_updates",
}
# The column of a link table that holds the listed values.
_VALUE_NAMES = {
    "categories": "category",
    "themes": "theme",
    "audience": "country_group",
    "regions": "region",
    "languages": "language",
    "roles": "role",
    "principles": "principle",
    "sdgs": "sdg",
    "objectives": "objective",
    "takeaways": "takeaway",
    "by": "stakeholder",
}
# Fields whose column would take the name of a key column.
_RENAMED = {("event_relations", "event"): "related_event"}
_SINGULAR = {
    Stakeholder: "stakeholder",
    Event: "event",
    Participation: "participation",
    Commitment: "commitment",
    Objective: "objective",
    Takeaway: "takeaway",
}


@attrs.frozen
class _Part:
    """A column of a table, and the fields that lead to its value in a row's object."""

    column: Column
    path: tuple[str, ...]
    # Whether the value is a member of a vocabulary, written as its value.
    vocabulary: bool = False


@attrs.frozen
class _Spec:
    """How one table is made from the model, and read back into it."""

    table: Table
    # The class of the objects that are rows; None for a link table of plain values.
    cls: type | None
    parent: str | None
    # The field of the parent object that holds the list this table is made of.
    field: str
    # The leading columns that name the parent row.
    keys: tuple[str, ...]
    parts: tuple[_Part, ...]


def _hints(cls: type) -> dict[str, Any]:
    attrs.resolve_types(cls)
    return {field.name: field.type for field in attrs.fields(cls) if field.init}


def _optional(type_: Any) -> tuple[Any, bool]:
    if get_origin(type_) in (Union, types.UnionType):
        members = tuple(member for member in get_args(type_) if member is not type(None))
        return (members[0] if len(members) == 1 else Union[members]), len(members) < len(get_args(type_))  # noqa: UP007
    return type_, False


def _kind(type_: Any, field: attrs.Attribute[Any]) -> tuple[ColumnKind, tuple[str, ...]]:
    if isinstance(type_, type) and issubclass(type_, Vocabulary):
        return "code", tuple(member.value for member in type_)
    if field.validator in (check.optional_country,):
        return "code", tuple(sorted(check.country_codes()))
    if field.validator in (check.sdg_codes,):
        return "code", ()
    if field.validator in (check.slug, check.optional_slug, check.slugs):
        return "id", ()
    simple: dict[Any, ColumnKind] = {str: "text", int: "integer", bool: "boolean", dt.date: "date"}
    if type_ in simple:
        return simple[type_], ()
    if set(get_args(type_)) == {dt.date, dt.datetime}:
        return "moment", ()
    raise FormatError(f"no table column for the field {field.name!r} of type {type_!r}")


class _Builder:
    def __init__(self) -> None:
        self.specs: list[_Spec] = []

    def lists(self, cls: type, parent: str | None, keys: tuple[Column, ...]) -> None:
        """A table for every list field of *cls*, whose rows are named by the *keys* columns."""
        hints = _hints(cls)
        for field in attrs.fields(cls):
            if not field.init or get_origin(hints[field.name]) is not tuple:
                continue
            item = get_args(hints[field.name])[0]
            name = _TABLE_NAMES.get((cls, field.name)) or f"{_SINGULAR[cls]}_{field.name}"
            if attrs.has(item):
                self.objects(item, name, parent, field, keys)
            else:
                self.values(item, name, parent, field, keys)

    def values(
        self,
        item: Any,
        name: str,
        parent: str | None,
        field: attrs.Attribute[Any],
        keys: tuple[Column, ...],
    ) -> None:
        kind, values = _kind(item, field)
        doc = plain(field.metadata.get(DOC, ""))
        value = Column(_VALUE_NAMES[field.name], kind, doc, True, values)
        columns = (*keys, value)
        described = f"{doc}{_belonging(keys)}"
        foreign = [*self.parent_key(keys, parent)]
        if field.metadata.get(REFERS):
            foreign.extend(self.reference(field.metadata[REFERS], value.name, keys))
        table = Table(name, described, columns, (), tuple(foreign))
        part = _Part(value, (), _is_vocabulary(item))
        self.specs.append(_Spec(table, None, parent, field.name, tuple(c.name for c in keys), (part,)))

    def objects(
        self, cls: type, name: str, parent: str | None, field: attrs.Attribute[Any], keys: tuple[Column, ...]
    ) -> None:
        parts = list(self.flattened(cls, name, (), required=True))
        if cls in _KEYS:
            parts = [part for part in parts if part.column.name not in {key.name for key in keys}]
        columns = (*keys, *(part.column for part in parts))
        primary: tuple[str, ...] = ()
        child_keys: tuple[Column, ...] = ()
        if cls in _KEYS:
            key_name, own, scoped = _KEYS[cls]
            own_column = next(part.column for part in parts if part.path == (own,))
            primary = (*(key.name for key in keys), own_column.name) if scoped else (own_column.name,)
            reference = Column(key_name, "id", f"Id of the {_SINGULAR[cls]} the row belongs to.", True)
            child_keys = (*keys, reference) if scoped else (reference,)
        foreign = [*self.parent_key(keys, parent)]
        for part in parts:
            refers = _refers(cls, part.path)
            if refers:
                foreign.extend(self.reference(refers, part.column.name, keys, (name, primary)))
        doc = plain((cls.__doc__ or "").strip().splitlines()[0])
        described = doc if parent is None else f"{doc}{_belonging(keys)}"
        table = Table(name, described, columns, primary, tuple(foreign))
        spec = _Spec(table, cls, parent, field.name, tuple(key.name for key in keys), tuple(parts))
        self.specs.append(spec)
        self.lists(cls, name, child_keys)

    def flattened(self, cls: type, table: str, prefix: tuple[str, ...], *, required: bool) -> Iterator[_Part]:
        hints = _hints(cls)
        for field in attrs.fields(cls):
            if not field.init or get_origin(hints[field.name]) is tuple:
                continue
            type_, optional = _optional(hints[field.name])
            path = (*prefix, field.name)
            if attrs.has(type_):
                yield from self.flattened(type_, table, path, required=required and not optional)
                continue
            kind, values = _kind(type_, field)
            name = _RENAMED.get((table, "_".join(path)), "_".join(path))
            needed = required and field.default is attrs.NOTHING
            column = Column(name, kind, plain(field.metadata.get(DOC, "")), needed, values)
            yield _Part(column, path, _is_vocabulary(type_))

    def parent_key(self, keys: tuple[Column, ...], parent: str | None) -> Iterator[ForeignKey]:
        if parent is not None and keys:
            target = self.spec(parent).table
            yield ForeignKey(tuple(key.name for key in keys), target.name, target.primary_key)

    def reference(
        self, kind: str, column: str, keys: tuple[Column, ...], making: tuple[str, tuple[str, ...]] | None = None
    ) -> Iterator[ForeignKey]:
        """The foreign key of a *column* that refers to *kind*; within an event when the row names its event.

        *making* is the name and primary key of the table being made, which may refer to itself.
        """
        name = kind
        primary = making[1] if making is not None and making[0] == name else self.spec(name).table.primary_key
        if len(primary) == 1:
            yield ForeignKey((column,), name, primary)
        elif keys and keys[0].name == "event":
            yield ForeignKey(("event", column), name, primary)

    def spec(self, name: str) -> _Spec:
        return next(spec for spec in self.specs if spec.table.name == name)


def _belonging(keys: tuple[Column, ...]) -> str:
    first = "first column names" if len(keys) == 1 else f"first {len(keys)} columns name"
    named = " and ".join(key.name for key in keys)
    return f" One row each, in the order of the record; the {first} the {named} it belongs to."


def _is_vocabulary(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, Vocabulary)


def _field_at(cls: type, path: tuple[str, ...]) -> attrs.Attribute[Any]:
    """The field at *path* in *cls*, through the objects its fields hold."""
    field: attrs.Attribute[Any] | None = None
    for name in path:
        field = attrs.fields_dict(cls)[name]
        inner, _ = _optional(_hints(cls)[name])
        cls = inner if attrs.has(inner) else cls
    assert field is not None
    return field


def _refers(cls: type, path: tuple[str, ...]) -> str | None:
    """The kind of object the field at *path* in *cls* refers to by id, if it does."""
    refers: str | None = _field_at(cls, path).metadata.get(REFERS)
    return refers


def _specs() -> tuple[_Spec, ...]:
    builder = _Builder()
    builder.lists(KnowledgeBase, None, ())
    return tuple(builder.specs)


_SPECS = _specs()
_BY_NAME = {spec.table.name: spec for spec in _SPECS}


# For each table with columns of human-readable text: each such column's place in a row, its name and its path.
_TEXT_COLUMNS: dict[str, tuple[tuple[int, str, tuple[str, ...]], ...]] = {
    spec.table.name: columns
    for spec in _SPECS
    if spec.cls is not None
    and (
        columns := tuple(
            (len(spec.keys) + index, part.column.name, part.path)
            for index, part in enumerate(spec.parts)
            if _field_at(spec.cls, part.path).metadata.get(TRANSLATABLE)
        )
    )
}

#: The record as a whole: its language, when that is not English.
RECORD = Table(
    "record",
    "The record as a whole, in one row; left empty for a record in English.",
    (Column("language", "text", plain(attrs.fields_dict(KnowledgeBase)["language"].metadata[DOC]), True),),
)
#: Texts of the other tables written in several languages.
TRANSLATIONS = Table(
    "translations",
    "A text of another table written in several languages, one row for each language (the record's included), in "
    "the order written; the cell of the text holds it in the record's language.",
    (
        Column("table", "code", "The table the text is in.", True, tuple(_TEXT_COLUMNS)),
        Column("row", "integer", "The row the text is in, counted from 1 in the order of its table.", True),
        Column(
            "column",
            "code",
            "The column the text is in.",
            True,
            tuple(sorted({name for columns in _TEXT_COLUMNS.values() for _, name, _ in columns})),
        ),
        Column("language", "text", "BCP 47 tag of the language, such as ko.", True),
        Column("text", "text", "The text in that language.", True),
    ),
    primary_key=("table", "row", "column", "language"),
)
_OTHER_TABLES = {RECORD.name: RECORD, TRANSLATIONS.name: TRANSLATIONS}

#: Every table, parents before the tables of their lists; the record's language and the translations of its texts last.
TABLES: tuple[Table, ...] = (*(spec.table for spec in _SPECS), RECORD, TRANSLATIONS)


def table(name: str) -> Table:
    """The table called *name*.

    :raises FormatError: for an unknown name, with the closest known one.
    """
    if name in _OTHER_TABLES:
        return _OTHER_TABLES[name]
    try:
        return _BY_NAME[name].table
    except KeyError:
        known = [table.name for table in TABLES]
        raise FormatError(f"there is no table {name!r}{suggest(name, known)}") from None


# Record to rows.


def rows(kb: KnowledgeBase) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every table for *kb*, each a tuple in the order of the table's columns.

    Values are text, whole numbers, booleans, :class:`datetime.date` or
    :class:`datetime.datetime`, or ``None`` for an empty cell; codes are their
    file spelling. Every table is present, empty when the record has nothing
    for it. A text written in several languages is in its cell in the
    record's language, and in every language in the ``translations`` table.
    """
    out: dict[str, list[tuple[Any, ...]]] = {table.name: [] for table in TABLES}
    makers = _makers()
    _emit_lists(kb, makers.get(None, []), (), makers, out)
    if kb.language != DEFAULT_LANGUAGE:
        out[RECORD.name].append((kb.language,))
    out[TRANSLATIONS.name] = _translations(out, kb.language)
    return out


def _translations(out: dict[str, list[tuple[Any, ...]]], language: str) -> list[tuple[Any, ...]]:
    """The rows of the translations table; each text in several languages in *out* made its text in *language*."""
    found: list[tuple[Any, ...]] = []
    for name, columns in _TEXT_COLUMNS.items():
        table_rows = out[name]
        for number, row in enumerate(table_rows):
            if not any(row[index].__class__ is Translatable for index, _, _ in columns):
                continue
            cells = list(row)
            for index, column, _ in columns:
                text = row[index]
                if text.__class__ is Translatable:
                    cells[index] = in_language(text, language, default=language)[0]
                    found.extend((name, number + 1, column, tag, written) for tag, written in text.texts.items())
            table_rows[number] = tuple(cells)
    return found


# The rows of one table for a list of objects: ``make(items, key)``.
_Make = Callable[[tuple[Any, ...], tuple[Any, ...]], list[tuple[Any, ...]]]


@functools.cache
def _makers() -> dict[str | None, list[tuple[_Spec, _Make]]]:
    """For each table (``None`` for the record), the tables of its lists with the functions that make their rows.

    Each function is compiled from the table's columns, as attrs and cattrs
    compile theirs: a record of 50,000 events has millions of cells.
    """
    makers: dict[str | None, list[tuple[_Spec, _Make]]] = {}
    for spec in _SPECS:
        makers.setdefault(spec.parent, []).append((spec, _compiled(spec)))
    return makers


def _compiled(spec: _Spec) -> _Make:
    cells = [_cell_source(part) for part in spec.parts]
    name = f"_rows_of_{spec.table.name}"
    source = f"def {name}(items, key):\n    return [(*key, {', '.join(cells)}) for o in items]\n"
    where = f"<gpworkshop rows of {spec.table.name}>"
    linecache.cache[where] = (len(source), None, source.splitlines(keepends=True), where)
    namespace: dict[str, Any] = {}
    exec(compile(source, where, "exec"), namespace)
    made: _Make = namespace[name]
    return made


def _cell_source(part: _Part) -> str:
    """The expression of the cell of *part* in the row of the object ``o``."""
    if not part.path:
        return "o.value" if part.vocabulary else "o"
    *through, last = part.path
    if not through:
        return f"(None if (v := o.{last}) is None else v.value)" if part.vocabulary else f"o.{last}"
    steps = " or ".join([f"(n := o.{through[0]}) is None"] + [f"(n := n.{step}) is None" for step in through[1:]])
    value = f"n.{last}.value" if part.vocabulary else f"n.{last}"
    return f"(None if {steps} else {value})"


def _emit_lists(
    obj: Any,
    makers: list[tuple[_Spec, _Make]],
    key: tuple[Any, ...],
    every: dict[str | None, list[tuple[_Spec, _Make]]],
    out: dict[str, list[tuple[Any, ...]]],
) -> None:
    for spec, make in makers:
        items = getattr(obj, spec.field)
        if not items:
            continue
        out[spec.table.name].extend(make(items, key))
        below = every.get(spec.table.name)
        identity = _KEYS.get(spec.cls) if spec.cls is not None else None
        if below and identity is not None:
            own_field, scoped = identity[1], identity[2]
            for item in items:
                own = getattr(item, own_field)
                _emit_lists(item, below, (*key, own) if scoped else (own,), every, out)


# Rows to record.


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
) -> tuple[Parsed, list[Problem]]:
    """The record in the tables a reader *found*, as plain data, with the place of every value if *positions*.

    The data has the shape of the YAML format, so that the record is built
    and checked as any other; problems with the tables themselves (an unknown
    column, a row whose parent does not exist) come with it, placed at their
    cells. The tables named *unread* could not be read (their problem is
    reported already), so rows that belong to their rows are not reported
    again.
    """
    reading = _Reading(version, positions=positions)
    reading.unread.update(unread)
    for name, text in found.items():
        if name not in _BY_NAME and name not in _OTHER_TABLES:
            message = f"there is no table {excerpt(name)}{suggest(name, [table.name for table in TABLES])}"
            reading.problem(codes.UNKNOWN_KEY, message, text.place(None, None))
    for spec in _SPECS:
        given = found.get(spec.table.name)
        if given is not None:
            reading.table(spec, given)
    if RECORD.name in found:
        reading.record(found[RECORD.name])
    if TRANSLATIONS.name in found:
        reading.translations(found[TRANSLATIONS.name])
    parts = tuple(found[table.name].place(None, None).source for table in TABLES if table.name in found)
    return Parsed(reading.data, reading.positions, parts), reading.problems


class _Reading:
    """Rows turned into the plain data of a record, with the place of every value when asked for."""

    def __init__(self, version: Any, *, positions: bool) -> None:
        self.data: dict[str, Any] = {"gpworkshop": version}
        self.positions: dict[int, Any] | None = {id(self.data): {}} if positions else None
        self.problems: list[Problem] = []
        # The rows that rows of other tables belong to, by table and key.
        self.index: dict[str, dict[tuple[Any, ...], dict[str, Any]]] = {}
        self.unread: set[str] = set()
        # The objects of each table, in the order of its rows; None for a row that could not be placed.
        self.ordered: dict[str, list[dict[str, Any] | None]] = {}

    def problem(self, code: str, message: str, place: Place) -> None:
        self.problems.append(placed(code, message, place))

    def table(self, spec: _Spec, text: TableText) -> None:  # noqa: PLR0912, PLR0915  (the loop over every cell stays in one function)
        columns = self.header(spec.table, text)
        if columns is None:
            self.unread.add(spec.table.name)
            return
        where = {name: number for number, name in columns.items()}
        keys = [where[name] for name in spec.keys]
        parts = [(where[p.column.name], p.column, p.column.kind, p.path) for p in spec.parts if p.column.name in where]
        if spec.cls is None:
            self.values(spec, text, keys, parts[0][0] if parts else None)
            return
        identity = _KEYS.get(spec.cls) if spec.cls is not None else None
        found = self.index.setdefault(spec.table.name, {})
        ordered = self.ordered.setdefault(spec.table.name, [])
        positions = self.positions
        first = min(keys, default=0)
        width = max(columns, default=0) + 1
        blank = "" if text.strings else None
        # Rows of text only, as CSV gives them, take a quicker way when no places are wanted.
        quick = text.strings and positions is None
        kept = [(index, path[0]) for index, _, kind, path in parts if kind == "text" and len(path) == 1]
        trimmed = [
            (index, path[0]) for index, _, kind, path in parts if kind not in ("text", "boolean") and len(path) == 1
        ]
        slow = [part for part in parts if part[2] == "boolean" or len(part[3]) > 1] if quick else parts
        for number, row in text.rows:
            values = row if len(row) >= width else [*row, *([blank] * (width - len(row)))]
            key = tuple(_key(values[index]) for index in keys)
            parent = self.parent(spec, key, number, keys, text)
            if parent is None:
                ordered.append(None)
                continue
            item: dict[str, Any]
            if quick:
                item = {name: value for index, name in kept if (value := values[index])}
                item.update((name, value) for index, name in trimmed if (value := values[index].strip()))
            else:
                item = {}
            places: dict[int, Any] | None = {id(item): {}} if positions is not None else None
            for index, column, kind, path in slow:
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
                    value = _cell(value, column)
                    if value is _EMPTY:
                        continue
                if places is None and len(path) == 1:
                    item[path[0]] = value
                else:
                    _put(item, places, path, value, text.place(number, index + 1) if places is not None else None)
            if positions is not None and places is not None:
                positions.update(places)
            self.append(parent, spec.field, item, text.place(number, first + 1) if positions is not None else None)
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
            value = _cell(values[at], RECORD.columns[0]) if at < len(values) else _EMPTY
            if value is _EMPTY:
                self.problem(codes.MISSING_FIELD, "the language is empty; fill it in", text.place(number, at + 1))
                continue
            self.data["language"] = value
            if self.positions is not None:
                place = text.place(number, at + 1)
                self.positions[id(self.data)]["language"] = (place, place)

    def translations(self, text: TableText) -> None:
        """Texts of the other tables in several languages, each put in place of the text of its cell."""
        columns = self.other_header(TRANSLATIONS, text)
        if columns is None:
            return
        language = self.data.get("language", DEFAULT_LANGUAGE)
        groups: dict[tuple[str, int, str], list[tuple[str, str, int]]] = {}
        for number, values in text.rows:
            cells = {
                name: _cell(values[at], TRANSLATIONS.column(name)) if at < len(values) else _EMPTY
                for name, at in columns.items()
            }
            target = self.translated_cell(cells, columns, number, text)
            if target is not None:
                groups.setdefault(target, []).append((str(cells["language"]), str(cells["text"]), number))
        for (name, row, column), written in groups.items():
            item = self.ordered[name][row - 1]
            if item is None:
                continue  # the row itself could not be read, which is reported already
            path = next(path for _, named, path in _TEXT_COLUMNS[name] if named == column)
            self.put_translations(item, path, written, language=language, columns=columns, text=text)

    def translated_cell(
        self, cells: dict[str, Any], columns: dict[str, int], number: int, text: TableText
    ) -> tuple[str, int, str] | None:
        """The table, row and column a row of the translations table is about, or ``None`` (with a problem)."""
        for name in ("table", "row", "column", "language", "text"):
            if cells[name] is _EMPTY:
                message = f"the {name} is empty; fill it in or delete the row"
                self.problem(codes.MISSING_FIELD, message, text.place(number, columns[name] + 1))
                return None
        name, column = str(cells["table"]), str(cells["column"])
        if name not in _TEXT_COLUMNS:
            message = f"{excerpt(name)} is not a table with texts{suggest(name, list(_TEXT_COLUMNS))}"
            self.problem(codes.UNKNOWN_VALUE, message, text.place(number, columns["table"] + 1))
            return None
        named = [named for _, named, _ in _TEXT_COLUMNS[name]]
        if column not in named:
            message = f"{excerpt(column)} is not a column of texts of {name}{suggest(column, named)}"
            self.problem(
                codes.UNKNOWN_VALUE,
                f"{message}; those are: {', '.join(named)}",
                text.place(number, columns["column"] + 1),
            )
            return None
        count = len(self.ordered.get(name, ()))
        row = cells["row"]
        try:
            row = int(row)
        except (TypeError, ValueError):
            row = 0
        if not 1 <= row <= count:
            message = f"{name} has no row {excerpt(cells['row'])}: rows are counted from 1, and it has {count}"
            self.problem(codes.UNKNOWN_REFERENCE, message, text.place(number, columns["row"] + 1))
            return None
        return name, row, column

    def put_translations(
        self,
        item: dict[str, Any],
        path: tuple[str, ...],
        written: list[tuple[str, str, int]],
        *,
        language: str,
        columns: dict[str, int],
        text: TableText,
    ) -> None:
        """Put the texts of one cell in each of its languages in place of the cell's text."""
        texts: dict[str, str] = {}
        places: dict[str, Any] = {}
        for tag, translated, number in written:
            if tag in texts:
                message = f"the language {excerpt(tag)} is given twice for this text; keep one row"
                self.problem(codes.DUPLICATE_KEY, message, text.place(number, columns["language"] + 1))
                continue
            texts[tag] = translated
            places[tag] = (text.place(number, columns["language"] + 1), text.place(number, columns["text"] + 1))
        target: Any = item
        for name in path[:-1]:
            target = target.get(name) if isinstance(target, dict) else None
        cell = target.get(path[-1]) if isinstance(target, dict) else None
        own = best_match(language, texts)
        if cell is not None and own is not None and texts[own] != cell:
            message = (
                f"the text in {own!r} is not the text of its cell ({excerpt(cell)}); make them the same, or leave the "
                "cell empty"
            )
            self.problem(codes.INVALID_VALUE, message, places[own][1])
        first = places[next(iter(places))][1] if places else None
        _put(item, self.positions, path, texts, first)
        if self.positions is not None:
            self.positions[id(texts)] = places

    def other_header(self, table: Table, text: TableText) -> dict[str, int] | None:
        """The columns of the record or translations table by name, or ``None`` when it cannot be read."""
        columns = self.header(table, text)
        return None if columns is None else {name: number for number, name in columns.items()}

    def values(self, spec: _Spec, text: TableText, keys: list[int], index: int | None) -> None:
        """Add the value of each row of a link table to the list of the row it belongs to."""
        column = spec.parts[0].column
        for number, values in text.rows:
            size = len(values)
            key = tuple(_key(values[at]) if at < size else None for at in keys)
            parent = self.parent(spec, key, number, keys, text)
            if parent is None:
                continue
            at = index if index is not None else size
            read = _cell(values[at], column) if at < size else _EMPTY
            if read is _EMPTY:
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
        self, spec: _Spec, key: tuple[Any, ...], number: int, keys: list[int], text: TableText
    ) -> dict[str, Any] | None:
        """The object the row belongs to, or ``None`` (with a problem) when there is none."""
        if spec.parent is None:
            return self.data
        if spec.parent in self.unread:
            self.unread.add(spec.table.name)
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


_EMPTY: Any = object()


def _put(
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


def _key(value: Any) -> Any:
    """A key cell as the text it names, or ``None`` when empty."""
    if value.__class__ is str:
        return value.strip() or None
    read = _cell(value, _KEY_COLUMN)
    return None if read is _EMPTY else read


def _cell(value: Any, column: Column) -> Any:  # noqa: PLR0911  (one answer per kind of cell)
    """The value of a cell as the record's plain data has it, or ``_EMPTY``.

    Text is kept exactly; around ids, codes, numbers and dates spaces do not
    count. What a spreadsheet makes of typed values is undone: a number in a
    text column is its text (``17.1``), a date and time at midnight in a date
    column is the date. Anything else is left for the record's checks to
    report, located at the cell.
    """
    kind = column.kind
    if value is None:
        return _EMPTY
    if isinstance(value, str):
        if kind == "text":
            return value if value else _EMPTY
        value = value.strip()
        if not value:
            return _EMPTY
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
