"""The data dictionary: every table, column, type, key and description, derived from the model classes.

A list of objects becomes a table of its own (``commitments``), a list of
ids or codes a link table (``commitment_owners``), and an object held in
one field becomes columns with its name in front (``location_city``). The
leading key columns of a row name what it belongs to.
"""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Iterator
from typing import Any, Literal, Union, get_args, get_origin

import attrs

from gpworkshop import _validators as check
from gpworkshop._wording import plain, suggest
from gpworkshop.errors import FormatError
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
from gpworkshop.vocab import Vocabulary

__all__ = [
    "BY_NAME",
    "KEYS",
    "OTHER_TABLES",
    "RECORD",
    "SPECS",
    "TABLES",
    "TEXT_COLUMNS",
    "TRANSLATIONS",
    "Column",
    "ColumnKind",
    "ForeignKey",
    "Part",
    "Spec",
    "Table",
    "field_at",
    "table",
]

# What a column holds: free ``text`` (kept exactly as written), an ``id`` or a reference to one, a ``code`` of a
# vocabulary or a standard list (spaces around it do not count), an ``integer``, a ``boolean``, a ``date``, or a
# ``moment``: a date, or a date and time with its offset, in ISO 8601.
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


# How the model maps to tables. Objects with ids unique in the record are named by their id alone; objectives and
# takeaways by their event and their id; a participation by its event and its stakeholder.
KEYS: dict[type, tuple[str, str, bool]] = {
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
class Part:
    """A column of a table, and the fields that lead to its value in a row's object."""

    column: Column
    path: tuple[str, ...]
    # Whether the value is a member of a vocabulary, written as its value.
    vocabulary: bool = False


@attrs.frozen
class Spec:
    """How one table is made from the model, and read back into it."""

    table: Table
    # The class of the objects that are rows; None for a link table of plain values.
    cls: type | None
    parent: str | None
    # The field of the parent object that holds the list this table is made of.
    field: str
    # The leading columns that name the parent row.
    keys: tuple[str, ...]
    parts: tuple[Part, ...]


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
        self.specs: list[Spec] = []

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
        part = Part(value, (), _is_vocabulary(item))
        self.specs.append(Spec(table, None, parent, field.name, tuple(c.name for c in keys), (part,)))

    def objects(
        self, cls: type, name: str, parent: str | None, field: attrs.Attribute[Any], keys: tuple[Column, ...]
    ) -> None:
        parts = list(self.flattened(cls, name, (), required=True))
        if cls in KEYS:
            parts = [part for part in parts if part.column.name not in {key.name for key in keys}]
        columns = (*keys, *(part.column for part in parts))
        primary: tuple[str, ...] = ()
        child_keys: tuple[Column, ...] = ()
        if cls in KEYS:
            key_name, own, scoped = KEYS[cls]
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
        spec = Spec(table, cls, parent, field.name, tuple(key.name for key in keys), tuple(parts))
        self.specs.append(spec)
        self.lists(cls, name, child_keys)

    def flattened(self, cls: type, table: str, prefix: tuple[str, ...], *, required: bool) -> Iterator[Part]:
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
            yield Part(column, path, _is_vocabulary(type_))

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

    def spec(self, name: str) -> Spec:
        return next(spec for spec in self.specs if spec.table.name == name)


def _belonging(keys: tuple[Column, ...]) -> str:
    first = "first column names" if len(keys) == 1 else f"first {len(keys)} columns name"
    named = " and ".join(key.name for key in keys)
    return f" One row each, in the order of the record; the {first} the {named} it belongs to."


def _is_vocabulary(type_: Any) -> bool:
    return isinstance(type_, type) and issubclass(type_, Vocabulary)


def field_at(cls: type, path: tuple[str, ...]) -> attrs.Attribute[Any]:
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
    refers: str | None = field_at(cls, path).metadata.get(REFERS)
    return refers


def _specs() -> tuple[Spec, ...]:
    builder = _Builder()
    builder.lists(KnowledgeBase, None, ())
    return tuple(builder.specs)


SPECS = _specs()
BY_NAME = {spec.table.name: spec for spec in SPECS}


# For each table with columns of human-readable text: each such column's place in a row, its name and its path.
TEXT_COLUMNS: dict[str, tuple[tuple[int, str, tuple[str, ...]], ...]] = {
    spec.table.name: columns
    for spec in SPECS
    if spec.cls is not None
    and (
        columns := tuple(
            (len(spec.keys) + index, part.column.name, part.path)
            for index, part in enumerate(spec.parts)
            if field_at(spec.cls, part.path).metadata.get(TRANSLATABLE)
        )
    )
}

# The record as a whole: its language, when that is not English.
RECORD = Table(
    "record",
    "The record as a whole, in one row; left empty for a record in English.",
    (Column("language", "text", plain(attrs.fields_dict(KnowledgeBase)["language"].metadata[DOC]), True),),
)
# Texts of the other tables written in several languages.
TRANSLATIONS = Table(
    "translations",
    "A text of another table written in several languages, one row for each language (the record's included), in "
    "the order written; the cell of the text holds it in the record's language.",
    (
        Column("table", "code", "The table the text is in.", True, tuple(TEXT_COLUMNS)),
        Column("row", "integer", "The row the text is in, counted from 1 in the order of its table.", True),
        Column(
            "column",
            "code",
            "The column the text is in.",
            True,
            tuple(sorted({name for columns in TEXT_COLUMNS.values() for _, name, _ in columns})),
        ),
        Column("language", "text", "BCP 47 tag of the language, such as ko.", True),
        Column("text", "text", "The text in that language.", True),
    ),
    primary_key=("table", "row", "column", "language"),
)
OTHER_TABLES = {RECORD.name: RECORD, TRANSLATIONS.name: TRANSLATIONS}

# Every table, parents before the tables of their lists; the record's language and the translations of its texts last.
TABLES: tuple[Table, ...] = (*(spec.table for spec in SPECS), RECORD, TRANSLATIONS)


def table(name: str) -> Table:
    """The table called *name*.

    :raises FormatError: for an unknown name, with the closest known one.
    """
    if name in OTHER_TABLES:
        return OTHER_TABLES[name]
    try:
        return BY_NAME[name].table
    except KeyError:
        known = [table.name for table in TABLES]
        raise FormatError(f"there is no table {name!r}{suggest(name, known)}") from None
