"""Dates and times as people type them, and which spelling a column of them uses.

A spelling is a ``strptime`` pattern. A column's
spelling is found from its values: the patterns every value fits. When a
day over 12 shows the day comes first, the column is day-first; when no
value shows it, the column is ambiguous, and read day-first, as most of
the world writes dates, with a note saying so.

>>> spelling_of(["17/10/2023 09:30", "18/10/2023 14:00"]).pattern
'%d/%m/%Y %H:%M'
>>> spelling_of(["03/04/2024"]).ambiguous
True
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections.abc import Iterable

import attrs

__all__ = ["Spelling", "moment", "spelling_of"]

_DAYS = (
    "%Y-%m-%d",
    "%d/%m/%Y",
    "%m/%d/%Y",
    "%d.%m.%Y",
    "%d-%m-%Y",
    "%Y/%m/%d",
    "%d %B %Y",
    "%d %b %Y",
    "%B %d, %Y",
    "%b %d, %Y",
    "%d/%m/%y",
    "%m/%d/%y",
)
_TIMES = ("", " %H:%M", " %H:%M:%S", "T%H:%M", "T%H:%M:%S", " %I:%M %p", ", %H:%M", " %Hh%M")
_PATTERNS = tuple(day + time for day, time in itertools.product(_DAYS, _TIMES))
# Each day-first spelling of a day with the month-first spelling it may be mistaken for.
_DAY_FIRST = {"%d/%m/%Y": "%m/%d/%Y", "%d/%m/%y": "%m/%d/%y"}
_DAY_PART = re.compile(r"[ T,]")


@attrs.frozen
class Spelling:
    """How a column writes its dates and times."""

    #: The ``strptime`` pattern, or ``"iso"`` for ISO 8601 with an offset, or ``""`` when
    #: no pattern reads every value.
    pattern: str
    #: Whether the values read as well month-first as day-first: none has a day over 12.
    ambiguous: bool = False

    @property
    def has_time(self) -> bool:
        """Whether the values hold a time of day as well as a date."""
        return self.pattern == "iso" or "%H" in self.pattern or "%I" in self.pattern


def spelling_of(values: Iterable[str]) -> Spelling:
    """The spelling every text of *values* is written in (see the module's examples)."""
    texts = [text.strip() for text in values if text.strip()]
    if not texts:
        return Spelling("")
    if all(_iso(text) is not None for text in texts):
        return Spelling("iso")
    fitting = [pattern for pattern in _PATTERNS if all(_parsed(text, pattern) is not None for text in texts)]
    if not fitting:
        return Spelling("")
    first = fitting[0]
    day = _DAY_PART.split(first, maxsplit=1)[0]
    # Day-first patterns are tried first: a month-first one leads only when a day over 12 rules them out.
    month_first = _DAY_FIRST.get(day)
    ambiguous = month_first is not None and first.replace(day, month_first, 1) in fitting
    return Spelling(first, ambiguous=ambiguous)


def moment(text: str, pattern: str) -> dt.date | dt.datetime | None:
    """*text* read with *pattern* (``"iso"`` or a strptime pattern; ``""``: any known one), or ``None``.

    A value with no time of day is a date.

    >>> moment("17.10.2023 09:30", "%d.%m.%Y %H:%M")
    datetime.datetime(2023, 10, 17, 9, 30)
    >>> moment("2023-10-17", "")
    datetime.date(2023, 10, 17)
    """
    text = text.strip()
    if pattern in ("iso", ""):
        found = _iso(text)
        if found is not None or pattern == "iso":
            return found
        return next((read for read in (_parsed(text, known) for known in _PATTERNS) if read is not None), None)
    return _parsed(text, pattern)


def _iso(text: str) -> dt.date | dt.datetime | None:
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text)
    except ValueError:
        return None


def _parsed(text: str, pattern: str) -> dt.date | dt.datetime | None:
    try:
        read = dt.datetime.strptime(text, pattern)
    except ValueError:
        return None
    return read if "%H" in pattern or "%I" in pattern else read.date()
