"""A mapping applied to a table: its rows made events, stakeholders, participations or commitments, at their cells.

The rows become the plain data a reader of a record gives, with the place of
every value, and go through the loader like any record: every problem of
every row is found at once, each at its cell, in the loader's own terms.
Participations and commitments go into the events of the record imported
into (see :mod:`gpworkshop.collect._rows_in_events`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

import attrs

from gpworkshop import codes
from gpworkshop._parsed import Parsed, Place, placed, version_header
from gpworkshop._wording import excerpt, suggest
from gpworkshop.collect._moments import moment, spelling_of
from gpworkshop.collect._names import Review, name_id, review_warning, stakeholders_named
from gpworkshop.collect._rows_cells import is_list, listed, text_of_html, vocabulary, word_of, written
from gpworkshop.collect._rows_in_events import EventNames, InEvents
from gpworkshop.collect._their_table import TheirTable
from gpworkshop.collect.mapping import IN_EVENTS, Column, TableMapping
from gpworkshop.errors import LoadError, Problem, UnknownIdError
from gpworkshop.model import KnowledgeBase
from gpworkshop.serialize import load_parsed, unstructure

__all__ = ["Imported", "apply_mapping"]

#: The fields of dates and times of each kind of rows, read with the spelling their column is written in.
_MOMENTS = {"events": ("start", "end"), "commitments": ("made_on", "due")}
#: The fields of each kind of rows that name stakeholders, matched to those of the record.
_NAMED = {"participants": ("stakeholder",), "commitments": ("by", "endorsements")}
#: The fields whose values are objects of one field, written in a cell as that field's value alone.
_WRAPPED = {"people": "name", "endorsements": "stakeholder"}


@attrs.frozen
class Imported:
    """A record with a table's rows in it, and the names matched below certainty, for review."""

    #: The record: the one the rows were imported into, if any, with the new stakeholders, events,
    #: participations and commitments.
    kb: KnowledgeBase
    #: Names of the table likely, not certainly, of another stakeholder: kept apart, to be looked at.
    reviews: tuple[Review, ...]
    #: The warnings to show: one for each review, at the cell of the name.
    warnings: tuple[Problem, ...]


def apply_mapping(
    mapping: TableMapping, table: TheirTable, *, into: KnowledgeBase | None = None, event: str | None = None
) -> Imported:
    """The rows of *table* read through *mapping*, added to *into* (or to an empty record).

    Rows of participants and commitments go into events of *into*: the one *event* names (an id or a title),
    unless a row's column mapped to ``event`` names another; *event* stands before an ``event`` of the
    mapping's defaults, and is not used by rows of events or stakeholders.

    :raises ~gpworkshop.LoadError: listing every problem of every row, each at its cell.
    :raises ~gpworkshop.UnknownIdError: if *event*, or the mapping's default event, is no event of *into*.
    """
    into = into or KnowledgeBase()
    missing = _missing_columns(mapping, table)
    if missing:
        raise LoadError(missing)
    given = None
    if mapping.rows in IN_EVENTS:
        given = event or mapping.defaults.get("event")
        _check_event(mapping, table, into, given)
    building = _Building(mapping, table, into, given)
    for number, cells in table.rows:
        building.row(number, cells)
    return building.finished()


def _missing_columns(mapping: TableMapping, table: TheirTable) -> list[Problem]:
    named = [rule.column for rule in mapping.columns.values()] + [rule.column for rule in mapping.participants]
    header = list(table.header)
    problems = []
    for column in dict.fromkeys(named):
        if column not in header:
            message = (
                f"the mapping names a column {excerpt(column)} that the table does not have{suggest(column, header)}; "
                f"its columns are: {', '.join(map(repr, header))}"
            )
            problems.append(placed(codes.MISSING_COLUMN, message, table.place(1, 1)))
    return problems


def _check_event(mapping: TableMapping, table: TheirTable, into: KnowledgeBase, given: str | None) -> None:
    """Refuse rows of participants or commitments that cannot name their event, before reading any."""
    if given is not None:
        if isinstance(EventNames.of(into.events).find(given), str):
            raise UnknownIdError("event", given)
    elif "event" not in mapping.columns:
        message = (
            f"rows of {mapping.rows} belong to an event of the record imported into: name it with --event ID "
            "(or 'event' among the mapping's defaults), or map a column to 'event'"
        )
        raise LoadError([placed(codes.MISSING_FIELD, message, table.place(1, 1))])


@attrs.define
class _Building:
    mapping: TableMapping
    table: TheirTable
    into: KnowledgeBase
    # The event of every row that names none of its own.
    event: str | None = None
    items: list[dict[str, Any]] = attrs.field(factory=list)
    positions: dict[int, Any] = attrs.field(factory=dict)
    places: list[Place] = attrs.field(factory=list)
    # For each item of an event row, the names of its participants, with their role and cell.
    names: list[list[tuple[str, str, Place]]] = attrs.field(factory=list)
    # For each item, the names in its fields of names (by field), each at its cell.
    named: list[dict[str, list[tuple[str, Place]]]] = attrs.field(factory=list)
    # For each item of participants or commitments, the event it names, at its cell.
    events_named: list[tuple[str, Place] | None] = attrs.field(factory=list)
    spellings: dict[str, str] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        header = list(self.table.header)
        for field in _MOMENTS.get(self.mapping.rows, ()):
            rule = self.mapping.columns.get(field)
            if rule is not None and not rule.format:
                at = header.index(rule.column)
                texts = [cells[at] for _, cells in self.table.rows if isinstance(cells[at], str)]
                self.spellings[field] = spelling_of(texts).pattern

    @property
    def kind(self) -> str:
        return self.mapping.rows

    def row(self, number: int, cells: Sequence[Any]) -> None:
        item: dict[str, Any] = {}
        self.positions[id(item)] = {}
        named: dict[str, list[tuple[str, Place]]] = {}
        event: tuple[str, Place] | None = None
        header = list(self.table.header)
        for field, rule in self.mapping.columns.items():
            at = header.index(rule.column)
            place = self.table.place(number, at + 1)
            if field == "event" and self.kind in IN_EVENTS:
                event = next(((name, place) for name in listed(cells[at], "")), ("", place))
            elif field in _NAMED.get(self.kind, ()):
                split = rule.split if is_list(self.kind, field) else ""
                named[field] = [(name, place) for name in listed(cells[at], split)]
            elif (value := self.value(field, rule, cells[at])) is not None:
                self.put(item, field, value, place)
        row_place = self.table.place(number, 1)
        self.defaults(item, named, row_place)
        self.wrap_objects(item)
        self.items.append(item)
        self.places.append(row_place)
        self.names.append(self.participants_named(number, cells))
        self.named.append(named)
        if self.event is not None and (event is None or not event[0]):
            event = (self.event, row_place)
        self.events_named.append(event)

    def defaults(self, item: dict[str, Any], named: dict[str, list[tuple[str, Place]]], place: Place) -> None:
        """Fill the fields of the row that its cells leave empty with the mapping's defaults, placed at the row."""
        for field, text in self.mapping.defaults.items():
            if field == "event" and self.kind in IN_EVENTS:
                continue
            if field in _NAMED.get(self.kind, ()):
                named[field] = named.get(field) or [(name, place) for name in listed(text, "")]
            elif _get(item, field) is None and (value := self.value(field, Column(column=""), text)) is not None:
                self.put(item, field, value, place)
        if self.kind == "participants" and "roles" not in item:
            self.put(item, "roles", ["participant"], place)

    def participants_named(self, number: int, cells: Sequence[Any]) -> list[tuple[str, str, Place]]:
        header = list(self.table.header)
        found: list[tuple[str, str, Place]] = []
        for people in self.mapping.participants:
            at = header.index(people.column)
            place = self.table.place(number, at + 1)
            found += [(name, people.role, place) for name in listed(cells[at], people.split, people.strip)]
        return found

    def value(self, field: str, rule: Column, cell: Any) -> Any:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return None
        if field in _MOMENTS.get(self.kind, ()):
            return self.moment(field, rule, cell)
        if is_list(self.kind, field):
            values = [self.word(field, part) for part in listed(cell, rule.split)]
            key = _WRAPPED.get(field)
            return ([{key: value} for value in values] if key else values) or None
        text = cell if isinstance(cell, str) else written(cell)
        return self.word(field, text_of_html(text) if rule.html else text)

    def moment(self, field: str, rule: Column, cell: Any) -> Any:
        found: Any = cell if isinstance(cell, dt.date) else None
        if found is None:
            text = written(cell)
            # Text that reads as no date is kept, for the loader to report at its cell.
            found = moment(text, rule.format or self.spellings.get(field, "")) or text
        # Days of a workbook are its date-times at midnight; a commitment's dates are days.
        if self.kind == "commitments" and isinstance(found, dt.datetime) and found.time() == dt.time():
            return found.date()
        return found

    def word(self, field: str, text: str) -> str:
        words = vocabulary(self.kind, field)
        return word_of(text, words) if words is not None else text

    def put(self, item: dict[str, Any], field: str, value: Any, place: Place) -> None:
        *parents, last = field.split(".")
        target = item
        for name in parents:
            inner = target.get(name)
            if not isinstance(inner, dict):
                inner = target[name] = {}
                self.positions[id(target)][name] = (place, place)
                self.positions[id(inner)] = {}
            target = inner
        target[last] = value
        self.positions[id(target)][last] = (place, place)
        self.place_all(value, place)

    def place_all(self, value: Any, place: Place) -> None:
        """Place every part of *value* at *place*."""
        if isinstance(value, dict):
            self.positions[id(value)] = dict.fromkeys(value, (place, place))
        elif isinstance(value, list):
            self.positions[id(value)] = [place] * len(value)
        for part in value.values() if isinstance(value, dict) else value if isinstance(value, list) else ():
            self.place_all(part, place)

    def wrap_objects(self, item: dict[str, Any]) -> None:
        """Make a list of the one object a row gives for a field that lists objects (``people.name``)."""
        for field, value in item.items():
            if isinstance(value, dict) and is_list(self.kind, field):
                item[field] = [value]
                self.positions[id(item[field])] = [self.positions[id(item)][field][1]]

    def finished(self) -> Imported:
        existing = unstructure(self.into)
        taken_stakeholders = {stakeholder.id for stakeholder in self.into.stakeholders}
        if self.kind in ("events", "stakeholders"):
            self.name_rows(taken_stakeholders)
        every = [(name, place) for found in self.names for name, _, place in found]
        every += [pair for named in self.named for pairs in named.values() for pair in pairs]
        matched = stakeholders_named([name for name, _ in every], self.into.stakeholders, taken=taken_stakeholders)
        for item, found in zip(self.items, self.names, strict=True):
            if found:
                self.participants(item, found, matched.ids)
        for item, named in zip(self.items, self.named, strict=True):
            self.fill_names(item, named, matched.ids)
        new_stakeholders = [unstructure(stakeholder) for stakeholder in matched.new]
        data: dict[str, Any] = {
            **version_header(),
            **({"language": self.into.language} if self.into.language != "en" else {}),
            "stakeholders": [*existing.get("stakeholders", []), *new_stakeholders, *self.rows_of("stakeholders")],
            "events": [*existing.get("events", []), *self.rows_of("events")],
        }
        self.place_lists(data)
        problems = self.into_events(data["events"]) if self.kind in IN_EVENTS else []
        kb = load_parsed(Parsed(data, self.positions), problems, source=self.table.source, format="mapping")
        where = {matched.ids[name]: place for name, place in every}
        names = {stakeholder.id: stakeholder.name for stakeholder in kb.stakeholders}
        warnings = tuple(review_warning(review, where.get(review.new), names) for review in matched.reviews)
        return Imported(kb=kb, reviews=matched.reviews, warnings=warnings)

    def rows_of(self, kind: str) -> list[dict[str, Any]]:
        return self.items if self.kind == kind else []

    def name_rows(self, taken_stakeholders: set[str]) -> None:
        """Give each event or stakeholder row with no id one made from its title or name."""
        taken = {event.id for event in self.into.events} if self.kind == "events" else taken_stakeholders
        self.made_ids("title" if self.kind == "events" else "name", taken)

    def made_ids(self, named: str, taken: set[str]) -> None:
        taken |= {item["id"] for item in self.items if isinstance(item.get("id"), str)}
        for item, place in zip(self.items, self.places, strict=True):
            if "id" not in item and isinstance(item.get(named), str):
                item["id"] = name_id(item[named], taken)
                self.positions[id(item)]["id"] = (place, place)
                taken.add(item["id"])

    def fill_names(self, item: dict[str, Any], named: dict[str, list[tuple[str, Place]]], ids: dict[str, str]) -> None:
        """Put the stakeholders of the names of *named* in *item*: ``stakeholder``, ``by``, ``endorsements``."""
        for field, pairs in named.items():
            if not pairs:
                continue
            places: dict[str, Place] = {}
            for name, place in pairs:
                places.setdefault(ids[name], place)
            if not is_list(self.kind, field):
                self.put(item, field, ids[pairs[0][0]], pairs[0][1])
                continue
            key = _WRAPPED.get(field)
            values = [{key: found} if key else found for found in places]
            item[field] = values
            self.positions[id(item)][field] = (pairs[0][1], pairs[0][1])
            self.positions[id(values)] = list(places.values())
            for value, place in zip(values, places.values(), strict=True):
                self.place_all(value, place)

    def into_events(self, events: list[dict[str, Any]]) -> list[Problem]:
        """Put each row in the event it names; the problems of the rows that name none the record has."""
        if self.kind == "commitments":
            taken = {commitment.id for event in self.into.events for commitment in event.commitments}
            self.made_ids("text", taken)
        whole = Place(self.table.source)
        in_events = InEvents(events, EventNames.of(self.into.events), self.positions, whole)
        for item, named, place in zip(self.items, self.events_named, self.places, strict=True):
            in_events.add(self.kind, item, named, place)
        return in_events.problems

    def participants(self, item: dict[str, Any], found: list[tuple[str, str, Place]], ids: dict[str, str]) -> None:
        listed_: dict[str, dict[str, Any]] = {}
        places: list[Place] = []
        for name, role, place in found:
            stakeholder = ids[name]
            entry = listed_.get(stakeholder)
            if entry is None:
                entry = listed_[stakeholder] = {"stakeholder": stakeholder, "roles": []}
                self.positions[id(entry)] = {"stakeholder": (place, place), "roles": (place, place)}
                self.positions[id(entry["roles"])] = []
                places.append(place)
            if role not in entry["roles"]:
                entry["roles"].append(role)
                self.positions[id(entry["roles"])].append(place)
        item["participants"] = list(listed_.values())
        self.positions[id(item)]["participants"] = (places[0], places[0])
        self.positions[id(item["participants"])] = places

    def place_lists(self, data: dict[str, Any]) -> None:
        """Place the record's lists: the rows at their rows, what came from the record at the table as a whole."""
        whole = Place(self.table.source)
        self.positions[id(data)] = dict.fromkeys(data, (whole, whole))
        for key in ("stakeholders", "events"):
            rows = self.places if key == self.kind else []
            start = len(data[key]) - len(rows)
            self.positions[id(data[key])] = [whole] * start + rows


def _get(item: dict[str, Any], field: str) -> Any:
    target: Any = item
    for name in field.split("."):
        if not isinstance(target, dict):
            return None
        target = target.get(name)
    return target
