"""Where an event took place, in one phrase, as calendars and civic-data tools write a location."""

from __future__ import annotations

from gpworkshop._wording import country_name
from gpworkshop.model import Location

__all__ = ["place"]


def place(location: Location | None) -> str | None:
    """Where an event took place, as one phrase, or ``None`` when not recorded.

    >>> place(Location(venue="Songdo Convensia", city="Incheon", country="KR"))
    'Songdo Convensia, Incheon, Republic of Korea'
    """
    if location is None:
        return None
    parts = [part for part in (location.venue, location.city) if part]
    if location.country:
        parts.append(country_name(location.country))
    text = ", ".join(parts)
    if location.online:
        text = f"{text} and online" if text else "Online"
    return text or None
