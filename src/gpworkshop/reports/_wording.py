"""How model values read in a report: dates, places, vocabulary labels."""

from __future__ import annotations

import datetime as dt
import functools

from gpworkshop._wording import country_name, place
from gpworkshop.model import Event
from gpworkshop.vocab import Vocabulary

__all__ = ["country_name", "date_range", "label", "place"]


_LABELS = {
    "un-entity": "UN entity",
    "transparency-accountability": "Transparency and mutual accountability",
    "ldc": "Least developed countries",
    "lldc": "Landlocked developing countries",
    "sids": "Small island developing states",
    "lic": "Low-income countries",
    "lmic": "Lower-middle-income countries",
    "umic": "Upper-middle-income countries",
    "mic": "Middle-income countries",
    "hic": "High-income countries",
}


#: English month names, whatever the locale: ``strftime("%B")`` follows ``LC_TIME``.
_MONTHS = tuple(
    "January February March April May June July August September October November December".split()  # noqa: SIM905
)


@functools.cache
def label(member: Vocabulary) -> str:
    """A vocabulary value as a reader sees it: ``key-message`` → ``Key message``."""
    if member.value in _LABELS:
        return _LABELS[member.value]
    text = member.value.replace("-", " ")
    return text[:1].upper() + text[1:]


def _day(moment: dt.date) -> str:
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def _time(moment: dt.datetime) -> str:
    offset = moment.utcoffset()
    if offset is None:
        return f"{moment:%H:%M}"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{moment:%H:%M} (UTC{sign}{hours:02}:{minutes:02})"


def date_range(start: dt.date, end: dt.date | None) -> str:  # noqa: PLR0911  (one answer per shape of range)
    """A date or range as written in prose: ``6–7 November 2014``, ``4 July 2023, 09:00``."""
    if end is None or end == start:
        text = _day(start)
        return f"{text}, {_time(start)}" if isinstance(start, dt.datetime) else text
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        if start.date() == end.date():
            return f"{_day(start)}, {start:%H:%M}–{_time(end)}"
        return f"{_day(start)}, {_time(start)} – {_day(end)}, {_time(end)}"
    first, last = _only_day(start), _only_day(end)
    if first == last:
        return _day(first)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{_day(last)}"
    if first.year == last.year:
        return f"{first.day} {_MONTHS[first.month - 1]} – {_day(last)}"
    return f"{_day(first)} – {_day(last)}"


def _only_day(moment: dt.date) -> dt.date:
    return moment.date() if isinstance(moment, dt.datetime) else moment


def edition_phrase(event: Event) -> str | None:
    """``7th edition of the Regional Symposium …``, or ``None`` outside a series."""
    if event.series is None:
        return None
    if event.edition is None:
        return f"Part of the series {event.series}"
    return f"{ordinal(event.edition)} edition of the {event.series}"


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``4th``, ``11th``, ``21st``."""
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
