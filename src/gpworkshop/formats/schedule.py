"""Conference schedules: the schedule JSON that frab, pretalx and other conference tools publish.

A schedule (``{"schedule": {"conference": …}}``, as described by the
`schedule JSON Schema <https://c3voc.de/schedule/schema.json>`_) is the
programme of one conference, day by day and room by room. Read, the
conference becomes an event and each talk a session of it (``part_of``):
its room the venue, its track a theme, its type a category, its language
and its speakers the people of a participation with the ``speaker`` role,
under the organisation the schedule names for them, or else under one
stakeholder for the conference's speakers. Times keep their UTC offsets and
the conference's time zone. Every problem is located in the schedule
(``schedule.json:LINE:COL``), all at once.

Written, a record's top-level event is the conference and its sessions, at
any depth, the talks; the result is accepted by the schedule JSON Schema.
"""

from __future__ import annotations

import datetime as dt
import json as json_module
import re
import uuid
from typing import TYPE_CHECKING, Any

from gpworkshop._parsed import Parsed
from gpworkshop._validators import day_of
from gpworkshop.errors import Problem
from gpworkshop.formats import json as json_format
from gpworkshop.formats._schedule_reading import Reading, own_speakers
from gpworkshop.formats._schedule_writing import (
    Talk,
    acronym,
    described,
    number,
    people_of,
    programme,
    room_of,
    rooms,
    span,
    zone_name,
    zone_or_utc,
)
from gpworkshop.vocab import Role

if TYPE_CHECKING:
    from gpworkshop.model import Event, KnowledgeBase

__all__ = ["SCHEMA", "detect", "own_speakers", "parse", "write"]

#: The address of the schedule JSON Schema, which every schedule written names.
SCHEMA = "https://c3voc.de/schedule/schema.json"

# What tells a schedule from a record in the first bytes of a JSON file.
_SCHEDULE_KEY = re.compile(rb'"schedule"\s*:\s*\{')
_RECORD_START = re.compile(rb'\s*\{\s*"gpworkshop"\s*:')
_NAMESPACE = uuid.UUID("0f1d6b1e-8a0e-5d44-b6f4-3c2f8f6c9a71")


def detect(head: bytes) -> bool:
    """Whether a JSON file starting with *head* is a conference schedule rather than a record."""
    return bool(_SCHEDULE_KEY.search(head)) and b'"conference"' in head and not _RECORD_START.match(head)


def parse(text: str, source: str, *, positions: bool = False) -> tuple[Parsed, list[Problem]]:
    """The record a schedule's JSON *text* holds, as plain data placed in the schedule if *positions*; its problems.

    The problems are placed whether or not *positions* is true.
    """
    read, problems = json_format.parse(text, source, positions=positions)
    if problems:
        return read, problems
    reading = Reading(read, source)
    data = reading.record(read.data)
    if reading.problems and not positions:
        # Finding the position of every value costs more than reading the schedule: it is done only for one
        # with problems, which are to be placed.
        return parse(text, source, positions=True)
    # What could be read is given with the problems, so that those of its values are found too.
    return Parsed(data, reading.positions if positions else None, partial=True), reading.problems


# Writing.


def write(kb: KnowledgeBase) -> str:
    """*kb*'s one top-level event as a schedule: the conference, its sessions at any depth as its talks.

    :raises FormatError: if the record holds no event, or more than one top-level event.
    """
    conference, talks = programme(kb)
    zone = zone_name(conference)
    days = _days(conference, talks, zone)
    body: dict[str, Any] = {
        # Hyphens and a short id are spelt as the schema wants; both read back as the same id.
        "acronym": acronym(conference),
        "title": conference.title,
        "start": day_of(conference.start).isoformat(),
        "end": day_of(conference.end or conference.start).isoformat(),
        "daysCount": len(days),
        "timeslot_duration": "00:05",
    }
    body.update(described(conference, zone))
    body["rooms"] = rooms(talks)
    body["days"] = days
    document = {"$schema": SCHEMA, "schedule": {"version": "1.0", "conference": body}}
    people = {stakeholder.id: stakeholder for stakeholder in kb.stakeholders}
    for day in days:
        for room, entries in day["rooms"].items():
            day["rooms"][room] = [_talk(talk, room, zone, people, conference.id) for talk in entries]
    return json_module.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _days(conference: Event, talks: list[Event], zone_name: str | None) -> list[dict[str, Any]]:
    zone = zone_or_utc(zone_name)
    first = day_of(conference.start)
    last = day_of(conference.end or conference.start)
    by_day: dict[dt.date, list[Event]] = {}
    for talk in talks:
        start = span(talk, zone)[0]
        by_day.setdefault(start.astimezone(zone).date(), []).append(talk)
    dates = sorted({*(first + dt.timedelta(days=n) for n in range((last - first).days + 1)), *by_day})
    days = []
    for index, day in enumerate(dates, 1):
        rooms: dict[str, list[Any]] = {}
        for talk in by_day.get(day, []):
            rooms.setdefault(room_of(talk), []).append(talk)
        begins = dt.datetime.combine(day, dt.time(), tzinfo=zone)
        days.append(
            {
                "index": index,
                "date": day.isoformat(),
                "day_start": begins.isoformat(),
                "day_end": (begins + dt.timedelta(hours=23, minutes=59)).isoformat(),
                "rooms": rooms,
            }
        )
    return days


def _talk(talk: Event, room: str, zone_name: str | None, people: dict[str, Any], conference: str) -> dict[str, Any]:
    written = Talk.of(talk, zone_name)
    minutes = int((written.end - written.start).total_seconds() // 60)
    return {
        "guid": written.guid,
        "id": number(talk.id),
        "date": written.start.isoformat(),
        "start": written.start.strftime("%H:%M"),
        "end": written.end.isoformat(),
        "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
        "room": room,
        "slug": written.slug,
        "url": written.url,
        "title": written.title,
        "subtitle": written.subtitle,
        "track": talk.themes[0] if talk.themes else None,
        "type": talk.categories[0] if talk.categories else talk.format.value,
        "language": talk.languages[0] if talk.languages else None,
        "abstract": talk.summary,
        # The first version has no roles: its persons are the speakers.
        "persons": [
            entry
            for participation, _, entry in people_of(talk.participants, people, conference)
            if Role.SPEAKER in participation.roles
        ],
        "links": written.links,
    }
