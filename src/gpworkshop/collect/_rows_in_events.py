"""Rows of participations and commitments placed in the events of a record, each at the cells it came from.

The record is the plain data of the record imported into; a row goes into
the event it names, by id or by title. A stakeholder's participation that
the event already lists gains the row's roles and people rather than being
listed twice, so a table imported again changes nothing. What the record
held is placed at the table as a whole; what a row adds, at its cells.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import attrs

from gpworkshop import codes
from gpworkshop._parsed import Place, placed
from gpworkshop._wording import excerpt, suggest
from gpworkshop.errors import Problem
from gpworkshop.model import Event
from gpworkshop.multilingual import Translatable

__all__ = ["EventNames", "InEvents"]

#: How many events a message lists before it stops.
_LISTED = 12


@attrs.frozen
class EventNames:
    """The events of a record, found by id or by title."""

    #: The position of each event in the record's list, by id.
    ids: dict[str, int]
    #: The positions of the events of each title, written as titles are compared.
    titles: dict[str, tuple[int, ...]]

    @classmethod
    def of(cls, events: Sequence[Event]) -> EventNames:
        """The names of *events*: their ids, and their titles in every language they are written in."""
        titles: dict[str, tuple[int, ...]] = {}
        for number, event in enumerate(events):
            written = event.title.texts.values() if isinstance(event.title, Translatable) else (event.title,)
            for title in dict.fromkeys(map(_folded, written)):
                titles[title] = (*titles.get(title, ()), number)
        return cls(ids={event.id: number for number, event in enumerate(events)}, titles=titles)

    def find(self, named: str) -> int | str:
        """The position of the event *named* (an id or a title), or why none is found, in words."""
        named = named.strip()
        if named in self.ids:
            return self.ids[named]
        found = self.titles.get(_folded(named), ())
        if len(found) == 1:
            return found[0]
        ids = list(self.ids)
        if found:
            return f"{len(found)} events have the title {excerpt(named)}: name one by its id"
        if not ids:
            return f"no event is named {excerpt(named)}: the record imported into has no events"
        shown = ", ".join(ids[:_LISTED]) + (", …" if len(ids) > _LISTED else "")
        hint = suggest(named, ids)
        return f"no event of the record has the id or title {excerpt(named)}{hint}; its events are: {shown}"


@attrs.define
class InEvents:
    """The events of a record's plain data, taking the rows of a table."""

    #: The events, as plain data.
    events: list[dict[str, Any]]
    #: Their names.
    names: EventNames
    #: The positions of the plain data, by container id, added to as rows are placed.
    positions: dict[int, Any]
    #: Where what the record held is placed: the table as a whole.
    whole: Place
    #: The rows that name no event, or one the record lacks, each at its cell.
    problems: list[Problem] = attrs.field(factory=list)

    def add(self, kind: str, item: dict[str, Any], named: tuple[str, Place] | None, row: Place) -> None:
        """Add *item*, a participation or commitment (*kind*), to the event *named* at its cell, or report why not."""
        found = self.event_of(named, row)
        if found is None:
            return
        event = self.events[found]
        if kind == "participants":
            self.participation(event, item, row)
        else:
            self.listed(event, "commitments", row).append(item)
            self.positions[id(event["commitments"])].append(row)

    def event_of(self, named: tuple[str, Place] | None, row: Place) -> int | None:
        """The position of the event *named*; for a row that names none the record has, the first event."""
        if named is None or not named[0]:
            message = (
                "the row names no event: write the id or title of an event of the record, "
                "or give the event of the rows that name none (--event ID, or 'event' among the defaults)"
            )
            self.problems.append(placed(codes.MISSING_FIELD, message, named[1] if named else row))
        else:
            found = self.names.find(named[0])
            if not isinstance(found, str):
                return found
            self.problems.append(placed(codes.UNKNOWN_REFERENCE, found, named[1]))
        # The row is checked all the same, so that every problem of every row is listed at once: the record
        # is not made.
        return 0 if self.events else None

    def participation(self, event: dict[str, Any], item: dict[str, Any], row: Place) -> None:
        """Add *item* to the participants of *event*, or its roles and people to the stakeholder's entry there."""
        entries = self.listed(event, "participants", row)
        stakeholder = item.get("stakeholder")
        entry = next(
            (
                entry
                for entry in entries
                if stakeholder is not None and isinstance(entry, dict) and entry.get("stakeholder") == stakeholder
            ),
            None,
        )
        if entry is None:
            entries.append(item)
            self.positions[id(entries)].append(row)
            return
        for key in ("roles", "people"):
            values = item.get(key)
            if not isinstance(values, list) or not values:
                continue
            places = self.positions.get(id(values)) or [row] * len(values)
            target = self.listed(entry, key, places[0])
            known = [_compared(other) for other in target]
            for value, place in zip(values, places, strict=True):
                if not any(_compared(value) & other for other in known):
                    target.append(value)
                    self.positions[id(target)].append(place)
                    known.append(_compared(value))

    def listed(self, container: dict[str, Any], key: str, place: Place) -> list[Any]:
        """The list at *key* of *container*, made (at *place*) when there is none, placed for more to be added."""
        self.anchor(container)
        found = container.get(key)
        if not isinstance(found, list):
            found = container[key] = []
            self.positions[id(container)][key] = (place, place)
        self.anchor(found)
        return found

    def anchor(self, container: dict[str, Any] | list[Any]) -> None:
        """Place *container*, when it came from the record, at the table as a whole."""
        if id(container) in self.positions:
            return
        whole = (self.whole, self.whole)
        self.positions[id(container)] = (
            dict.fromkeys(container, whole) if isinstance(container, dict) else [self.whole] * len(container)
        )


def _compared(value: Any) -> set[str]:
    """What a value of a list is the same as another by: a role by itself, a person by a name in any language."""
    name = value.get("name") if isinstance(value, dict) else value
    if isinstance(name, dict):
        return {str(text) for text in name.values()}
    return {name} if isinstance(name, str) else {repr(value)}


def _folded(title: str) -> str:
    return " ".join(title.casefold().split())
