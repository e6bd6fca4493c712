"""A mapping applied to a table: its rows made events or stakeholders, each value placed at its cell.

The rows become the plain data a reader of a record gives, with the place of
every value, and go through the loader like any record: every problem of
every row is found at once, each at its cell, in the loader's own terms.
"""

from __future__ import annotations

import datetime as dt
import html.parser
import re
from collections.abc import Sequence
from typing import Any

import attrs

from gpworkshop import codes
from gpworkshop._parsed import Parsed, Place, placed, version_header
from gpworkshop._wording import excerpt, suggest
from gpworkshop.collect._moments import moment, spelling_of
from gpworkshop.collect._names import Review, Stakeholders, name_id, stakeholders_of
from gpworkshop.collect._their_table import TheirTable
from gpworkshop.collect.mapping import Column, Participants, TableMapping
from gpworkshop.errors import LoadError, Problem
from gpworkshop.model import KnowledgeBase
from gpworkshop.serialize import load_parsed, unstructure

__all__ = ["Imported", "apply_mapping"]

_MOMENTS = ("start", "end")
_NO_NAMES = Stakeholders(ids={}, new=(), reviews=())
_BLOCKS = frozenset({"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})


@attrs.frozen
class Imported:
    """A record with a table's rows in it, and the names matched below certainty, for review."""

    #: The record: the one the rows were imported into, if any, with the new stakeholders and events.
    kb: KnowledgeBase
    #: Names of the table likely, not certainly, of another stakeholder: kept apart, to be looked at.
    reviews: tuple[Review, ...]
    #: The warnings to show: one for each review, at the cell of the name.
    warnings: tuple[Problem, ...]


def apply_mapping(mapping: TableMapping, table: TheirTable, *, into: KnowledgeBase | None = None) -> Imported:
    """The rows of *table* read through *mapping*, added to *into* (or to an empty record).

    :raises ~gpworkshop.LoadError: listing every problem of every row, each at its cell.
    """
    into = into or KnowledgeBase()
    missing = _missing_columns(mapping, table)
    if missing:
        raise LoadError(missing)
    building = _Building(mapping, table, into)
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


@attrs.define
class _Building:
    mapping: TableMapping
    table: TheirTable
    into: KnowledgeBase
    items: list[dict[str, Any]] = attrs.field(factory=list)
    positions: dict[int, Any] = attrs.field(factory=dict)
    places: list[Place] = attrs.field(factory=list)
    # For each item, the names of its participants, with their role and cell.
    names: list[list[tuple[str, str, Place]]] = attrs.field(factory=list)
    spellings: dict[str, str] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        header = list(self.table.header)
        for field in _MOMENTS:
            rule = self.mapping.columns.get(field)
            if rule is not None and not rule.format:
                at = header.index(rule.column)
                texts = [cells[at] for _, cells in self.table.rows if isinstance(cells[at], str)]
                self.spellings[field] = spelling_of(texts).pattern

    def row(self, number: int, cells: Sequence[Any]) -> None:
        item: dict[str, Any] = {}
        self.positions[id(item)] = {}
        header = list(self.table.header)
        for field, rule in self.mapping.columns.items():
            at = header.index(rule.column)
            value = self.value(field, rule, cells[at])
            if value is not None:
                self.put(item, field, value, self.table.place(number, at + 1))
        row_place = self.table.place(number, 1)
        for field, value in self.mapping.defaults.items():
            if _get(item, field) is None:
                self.put(item, field, value, row_place)
        found: list[tuple[str, str, Place]] = []
        for people in self.mapping.participants:
            at = header.index(people.column)
            place = self.table.place(number, at + 1)
            found += [(name, people.role, place) for name in _names(cells[at], people)]
        self.items.append(item)
        self.places.append(row_place)
        self.names.append(found)

    def value(self, field: str, rule: Column, cell: Any) -> Any:
        if cell is None or (isinstance(cell, str) and not cell.strip()):
            return None
        if field in _MOMENTS:
            if isinstance(cell, dt.date):
                return cell
            text = str(cell)
            # Text that reads as no date is kept, for the loader to report at its cell.
            read = moment(text, rule.format or self.spellings.get(field, ""))
            return text if read is None else read
        text = cell if isinstance(cell, str) else _written(cell)
        return _text_of_html(text) if rule.html else text

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

    def finished(self) -> Imported:
        kind = self.mapping.rows
        existing = unstructure(self.into)
        taken_events = {event.id for event in self.into.events}
        taken_stakeholders = {stakeholder.id for stakeholder in self.into.stakeholders}
        named = "title" if kind == "events" else "name"
        for item, place in zip(self.items, self.places, strict=True):
            if "id" not in item and isinstance(item.get(named), str):
                taken = taken_events if kind == "events" else taken_stakeholders
                item["id"] = name_id(item[named], taken)
                self.positions[id(item)]["id"] = (place, place)
            if isinstance(item.get("id"), str):
                (taken_events if kind == "events" else taken_stakeholders).add(item["id"])
        every = [name for found in self.names for name, _, _ in found]
        # With no names to match, the duplicate finder's extra is not needed.
        matched = stakeholders_of(every, self.into.stakeholders, taken=taken_stakeholders) if every else _NO_NAMES
        for item, found in zip(self.items, self.names, strict=True):
            if found:
                self.participants(item, found, matched.ids)
        new_stakeholders = [unstructure(stakeholder) for stakeholder in matched.new]

        def rows_of(kind_: str) -> list[dict[str, Any]]:
            return self.items if kind == kind_ else []

        data: dict[str, Any] = {
            **version_header(),
            **({"language": self.into.language} if self.into.language != "en" else {}),
            "stakeholders": [*existing.get("stakeholders", []), *new_stakeholders, *rows_of("stakeholders")],
            "events": [*existing.get("events", []), *rows_of("events")],
        }
        self.place_lists(data, kind)
        kb = load_parsed(Parsed(data, self.positions), [], source=self.table.source, format="mapping")
        where = {matched.ids[name]: place for found in self.names for name, _, place in found}
        names = {stakeholder.id: stakeholder.name for stakeholder in kb.stakeholders}
        warnings = tuple(_review_warning(review, where.get(review.new), names) for review in matched.reviews)
        return Imported(kb=kb, reviews=matched.reviews, warnings=warnings)

    def participants(self, item: dict[str, Any], found: list[tuple[str, str, Place]], ids: dict[str, str]) -> None:
        listed: dict[str, dict[str, Any]] = {}
        places: list[Place] = []
        for name, role, place in found:
            stakeholder = ids[name]
            entry = listed.get(stakeholder)
            if entry is None:
                entry = listed[stakeholder] = {"stakeholder": stakeholder, "roles": []}
                self.positions[id(entry)] = {"stakeholder": (place, place), "roles": (place, place)}
                self.positions[id(entry["roles"])] = []
                places.append(place)
            if role not in entry["roles"]:
                entry["roles"].append(role)
                self.positions[id(entry["roles"])].append(place)
        item["participants"] = list(listed.values())
        self.positions[id(item)]["participants"] = (places[0], places[0])
        self.positions[id(item["participants"])] = places

    def place_lists(self, data: dict[str, Any], kind: str) -> None:
        """Place the record's lists: the rows at their rows, what came from the record at the table as a whole."""
        whole = Place(self.table.source)
        self.positions[id(data)] = dict.fromkeys(data, (whole, whole))
        for key in ("stakeholders", "events"):
            rows = self.places if (key == "events") == (kind == "events") else []
            start = len(data[key]) - len(rows)
            self.positions[id(data[key])] = [whole] * start + rows


def _get(item: dict[str, Any], field: str) -> Any:
    target: Any = item
    for name in field.split("."):
        if not isinstance(target, dict):
            return None
        target = target.get(name)
    return target


def _written(value: Any) -> str:
    """A number or other typed cell as the text it shows: ``2024``, not ``2024.0``."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _names(cell: Any, people: Participants) -> list[str]:
    if cell is None:
        return []
    text = _written(cell)
    parts = text.split(people.split) if people.split else [text]
    if people.strip:
        parts = [re.sub(people.strip, "", part, count=1) for part in parts]
    return [name for part in parts if (name := " ".join(part.split()))]


def _text_of_html(text: str) -> str:
    """The text of *text* written in HTML: tags taken away, entities read, a paragraph or item a line of its own."""
    reader = _HTMLText()
    reader.feed(text)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _HTMLText(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)


def _review_warning(review: Review, place: Place | None, names: dict[str, str]) -> Problem:
    message = (
        f"{names.get(review.new, review.new)!r} ({review.new}) is likely {names.get(review.other, review.other)!r} "
        f"({review.other}), scoring {review.score:g} ({'; '.join(review.reasons)}); kept apart: if they are one, "
        f"gpworkshop merge {review.new} --into {review.other}"
    )
    found = place or Place("")
    return Problem(
        code=codes.TO_REVIEW,
        message=message,
        severity=codes.CATALOGUE[codes.TO_REVIEW].severity,
        source=found.source or None,
        line=found.line,
        column=found.column,
    )
