"""The time zone of an event, for the formats that write times with one: iCalendar, schedules, Popolo."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from gpworkshop.model import Event, KnowledgeBase

__all__ = ["zone", "zone_of"]


def zone(name: str | None) -> dt.tzinfo | None:
    """The IANA time zone *name*, or ``None`` for none or for one this machine's time zone database lacks."""
    if name is None:
        return None
    import zoneinfo  # noqa: PLC0415  (the time zone database is read only for records that name zones)

    try:
        return zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        return None


def zone_of(kb: KnowledgeBase, event: Event) -> dt.tzinfo | None:
    """The time zone of *event*: that of its place, or else that of the event it is part of, at any depth."""
    seen: set[str] = set()
    current: Event | None = event
    while current is not None and current.id not in seen:
        seen.add(current.id)
        if current.location is not None and current.location.timezone is not None:
            return zone(current.location.timezone)
        current = _parent(kb, current)
    return None


def _parent(kb: KnowledgeBase, event: Event) -> Event | None:
    if event.part_of is None:
        return None
    try:
        return kb.event(event.part_of)
    except KeyError:
        return None
