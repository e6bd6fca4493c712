"""The record as an iCalendar file (RFC 5545): events and sessions to put in a calendar, commitments as to-dos.

Each event and session is a ``VEVENT`` and each commitment a ``VTODO``,
written with the `icalendar <https://icalendar.readthedocs.io/>`_ package (the
``ics`` extra). Identifiers come from the record's ids, and the stamp of each
item from its own dates, never from the clock: the same record always gives
the same bytes, so a calendar subscribed to the file updates in place.

Times: a day is an all-day entry; a time with a UTC offset is written in the
event's time zone (:attr:`~gpworkshop.Location.timezone`, its own or that of
the event it is part of) when there is one, else in UTC; a time without an
offset is in that time zone, or a floating time when none is known. Each
zone used is described by a ``VTIMEZONE`` for the years the record covers.
"""

from __future__ import annotations

import datetime as dt
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from gpworkshop._validators import day_of as _day
from gpworkshop._wording import printable
from gpworkshop.formats import requires
from gpworkshop.formats._places import place
from gpworkshop.formats._zones import zone_of
from gpworkshop.vocab import CommitmentStatus

if TYPE_CHECKING:
    from gpworkshop.model import Commitment, Event, KnowledgeBase

__all__ = ["PRODUCT", "uid", "write"]

#: The ``PRODID`` of every calendar written.
PRODUCT = "-//gpworkshop//gpworkshop record//EN"

# The namespace of the UIDs: the same id gives the same UID in every calendar written.
_NAMESPACE = uuid.UUID("8c3c1f0e-5a51-4d53-9a39-2b0a6a0c7e61")

# How each status reads in a to-do (RFC 5545, 3.8.1.11).
_STATUS = {
    CommitmentStatus.ANNOUNCED: "NEEDS-ACTION",
    CommitmentStatus.IN_PROGRESS: "IN-PROCESS",
    CommitmentStatus.ACHIEVED: "COMPLETED",
    CommitmentStatus.PARTIALLY_ACHIEVED: "COMPLETED",
    CommitmentStatus.NOT_ACHIEVED: "CANCELLED",
    CommitmentStatus.WITHDRAWN: "CANCELLED",
}
_DONE = (CommitmentStatus.ACHIEVED, CommitmentStatus.PARTIALLY_ACHIEVED)
_SUMMARY_LENGTH = 120


def uid(kind: str, id_: str) -> str:
    """The UID of the event (*kind* ``"event"``) or commitment (``"commitment"``) with the id *id_*.

    >>> uid("event", "busan-gp-workshop-2014")
    'a2114a5e-d0d9-50ec-869f-9bf614a560a4@gpworkshop'
    """
    return f"{uuid.uuid5(_NAMESPACE, f'{kind}/{id_}')}@gpworkshop"


def write(kb: KnowledgeBase) -> str:
    """*kb* as an iCalendar text: lines end in CRLF and are folded at 75 octets."""
    icalendar = requires("icalendar", "ics", "ics")
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    top = kb.top_level_events()
    if len(top) == 1:
        calendar.add("x-wr-calname", _text(top[0].title, one_line=True))
    for event in kb.events:
        calendar.add_component(_event(icalendar, kb, event))
    for event, commitment in kb.commitments():
        calendar.add_component(_todo(icalendar, kb, event, commitment))
    days = [_day(moment) for event in kb.events for moment in (event.start, event.end) if moment is not None]
    if days:
        first, last = min(days), max(days)
        calendar.add_missing_timezones(
            first_date=dt.date(first.year, 1, 1), last_date=dt.date(max(last.year + 1, first.year + 1), 12, 31)
        )
    text: str = calendar.to_ical().decode("utf-8")
    return text


def _event(icalendar: Any, kb: KnowledgeBase, event: Event) -> Any:
    entry = icalendar.Event()
    entry.add("uid", uid("event", event.id))
    entry.add("dtstamp", _stamp(_day(event.end or event.start)))
    entry.add("summary", _text(event.title))
    zone = zone_of(kb, event)
    entry.add("dtstart", _moment(event.start, zone))
    end = _end(event)
    if end is not None:
        entry.add("dtend", _moment(end, zone))
    where = place(event.location)
    if where is not None:
        entry.add("location", _text(where))
    description = "\n\n".join(_event_description(event))
    if description:
        entry.add("description", _text(description))
    url = event.url or next((resource.url for resource in event.resources if resource.url), None)
    if url is not None:
        entry.add("url", url)
    categories = list(dict.fromkeys([event.format.value, *event.categories, *event.themes]))
    entry.add("categories", [_text(category, one_line=True) for category in categories])
    if event.part_of is not None:
        entry.add("related-to", uid("event", event.part_of), parameters={"RELTYPE": "PARENT"})
    return entry


def _text(value: str, *, one_line: bool = False) -> str:
    r"""*value* as an iCalendar TEXT may hold it: no control character but tab, line ends as line feeds.

    The calendar library writes a line feed as ``\n``; a carriage return, or any other control character, would
    break the content line. A text of one line (a calendar's name, a contact) has its line ends made spaces.
    """
    text = printable(value)
    return " ".join(text.split("\n")) if one_line else text


def _end(event: Event) -> dt.date | None:
    """The end of *event* as iCalendar wants it: the day after the last, for an all-day entry."""
    if isinstance(event.start, dt.datetime):
        return event.end if isinstance(event.end, dt.datetime) else None
    last = _day(event.end) if event.end is not None else event.start
    return last + dt.timedelta(days=1)


def _event_description(event: Event) -> Iterator[str]:
    if event.summary:
        yield event.summary
    if event.objectives:
        yield "Objectives:\n" + "\n".join(f"- {objective.title}" for objective in event.objectives)


def _moment(moment: dt.date, zone: dt.tzinfo | None) -> dt.date:
    if not isinstance(moment, dt.datetime):
        return moment
    if moment.tzinfo is None:
        return moment.replace(tzinfo=zone) if zone is not None else moment
    return moment.astimezone(zone if zone is not None else dt.UTC)


def _todo(icalendar: Any, kb: KnowledgeBase, event: Event, commitment: Commitment) -> Any:
    todo = icalendar.Todo()
    todo.add("uid", uid("commitment", commitment.id))
    # Stamped with the last day the record says something about it.
    news = [update.on for update in commitment.progress]
    todo.add("dtstamp", _stamp(max([commitment.made_on or _day(event.end or event.start), *news])))
    todo.add("summary", _text(_summary(commitment)))
    todo.add("description", _text("\n\n".join(_todo_description(kb, commitment))))
    if commitment.made_on is not None and (commitment.due is None or commitment.made_on < commitment.due):
        todo.add("dtstart", commitment.made_on)
    if commitment.due is not None:
        todo.add("due", commitment.due)
    todo.add("status", _STATUS[commitment.status])
    percent = next((update.percent for update in reversed(commitment.progress) if update.percent is not None), None)
    if percent is None and commitment.status is CommitmentStatus.ACHIEVED:
        percent = 100
    if percent is not None:
        todo.add("percent-complete", percent)
    if commitment.status in _DONE:
        done = next((update.on for update in commitment.progress if update.status is commitment.status), None)
        if done is not None:
            todo.add("completed", _stamp(done))
    todo.add("categories", [commitment.kind.value])
    for owner in commitment.by:
        todo.add("contact", _text(_name(kb, owner), one_line=True))
    todo.add("related-to", uid("event", event.id), parameters={"RELTYPE": "PARENT"})
    return todo


def _summary(commitment: Commitment) -> str:
    text = " ".join(commitment.text.split())
    if len(text) <= _SUMMARY_LENGTH:
        return text
    cut = text.rfind(" ", 0, _SUMMARY_LENGTH)
    return text[: cut if cut > 0 else _SUMMARY_LENGTH].rstrip(",;:") + "…"


def _todo_description(kb: KnowledgeBase, commitment: Commitment) -> Iterator[str]:
    yield commitment.text
    yield "Made by: " + ", ".join(_name(kb, owner) for owner in commitment.by)
    if commitment.deliverable:
        yield f"Deliverable: {commitment.deliverable}"
    if commitment.indicator:
        yield f"Indicator: {commitment.indicator}"
    if commitment.progress:
        latest = commitment.progress[-1]
        note = f": {latest.note}" if latest.note else ""
        yield f"Latest progress ({latest.on.isoformat()}, {latest.status.value}){note}"


def _name(kb: KnowledgeBase, stakeholder_id: str) -> str:
    try:
        return kb.stakeholder(stakeholder_id).label
    except KeyError:
        return stakeholder_id


def _stamp(day: dt.date) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
