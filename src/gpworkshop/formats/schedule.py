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
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from gpworkshop._parsed import Parsed
from gpworkshop._validators import day_of
from gpworkshop.analysis import events_in
from gpworkshop.errors import FormatError, Problem
from gpworkshop.formats import json as json_format
from gpworkshop.formats._schedule_reading import LINK_KINDS, Reading, own_speakers
from gpworkshop.formats._zones import zone
from gpworkshop.vocab import ResourceKind, Role

if TYPE_CHECKING:
    from gpworkshop.model import Event, KnowledgeBase, Participation

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
    """The record a schedule's JSON *text* holds, as plain data placed in the schedule, with its problems."""
    read, problems = json_format.parse(text, source, positions=True)
    if problems:
        return read, problems
    reading = Reading(read, source)
    data = reading.record(read.data)
    # What could be read is given with the problems, so that those of its values are found too; with
    # its positions, which the schedule's own are needed for anyway.
    return Parsed(data, reading.positions, partial=True), reading.problems


# Writing.


def write(kb: KnowledgeBase) -> str:
    """*kb*'s one top-level event as a schedule: the conference, its sessions at any depth as its talks.

    :raises FormatError: if the record holds no event, or more than one top-level event.
    """
    top = kb.top_level_events()
    if len(top) != 1:
        found = ", ".join(event.id for event in top) or "none"
        raise FormatError(
            f"a schedule holds one conference, and the record has {len(top)} top-level events ({found}); "
            "export one of them (gpworkshop export --event ID)"
        )
    conference = top[0]
    talks = [talk for talk in events_in(kb, event=conference.id) if talk.id != conference.id]
    zone = _zone_name(conference)
    days = _days(conference, talks, zone)
    body: dict[str, Any] = {
        # Hyphens and a short id are spelt as the schema wants; both read back as the same id.
        "acronym": conference.id.replace("-", "_").ljust(_SHORTEST_ACRONYM, "_"),
        "title": conference.title,
        "start": day_of(conference.start).isoformat(),
        "end": day_of(conference.end or conference.start).isoformat(),
        "daysCount": len(days),
        "timeslot_duration": "00:05",
    }
    if conference.summary:
        body["description"] = conference.summary
    if zone is not None and _SCHEMA_ZONE.search(zone):
        body["time_zone_name"] = zone
    if conference.url:
        body["url"] = conference.url
    if conference.themes:
        body["keywords"] = list(conference.themes)
    rooms = list(dict.fromkeys(_room(talk) for talk in talks))
    body["rooms"] = [{"name": room, "guid": _guid("room", room)} for room in rooms]
    body["days"] = days
    document = {"$schema": SCHEMA, "schedule": {"version": "1.0", "conference": body}}
    people = {stakeholder.id: stakeholder for stakeholder in kb.stakeholders}
    for day in days:
        for room, entries in day["rooms"].items():
            day["rooms"][room] = [_talk(talk, room, zone, people, conference.id) for talk in entries]
    return json_module.dumps(document, indent=2, ensure_ascii=False) + "\n"


# The time zone names the schedule JSON Schema accepts, found as it finds them (a search, not a full match).
_SCHEMA_ZONE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
# A talk's slug has at least two characters, an acronym four.
_SHORTEST_SLUG = 2
_SHORTEST_ACRONYM = 4


def _zone_name(event: Event) -> str | None:
    return event.location.timezone if event.location is not None else None


def _zone(name: str | None) -> dt.tzinfo:
    return zone(name) or dt.UTC


def _aware(moment: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """*moment* as a time with a UTC offset: a day from its midnight, a time without one in *zone*."""
    if not isinstance(moment, dt.datetime):
        return dt.datetime.combine(moment, dt.time(), tzinfo=zone)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def _span(talk: Event, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    start = _aware(talk.start, zone)
    if talk.end is None:
        end = start if isinstance(talk.start, dt.datetime) else start + dt.timedelta(days=1)
    elif isinstance(talk.end, dt.datetime):
        end = _aware(talk.end, zone)
    else:
        end = _aware(talk.end + dt.timedelta(days=1), zone)
    return start, max(start, end)


def _days(conference: Event, talks: list[Event], zone_name: str | None) -> list[dict[str, Any]]:
    zone = _zone(zone_name)
    first = day_of(conference.start)
    last = day_of(conference.end or conference.start)
    by_day: dict[dt.date, list[Event]] = {}
    for talk in talks:
        start = _span(talk, zone)[0]
        by_day.setdefault(start.astimezone(zone).date(), []).append(talk)
    dates = sorted({*(first + dt.timedelta(days=n) for n in range((last - first).days + 1)), *by_day})
    days = []
    for index, day in enumerate(dates, 1):
        rooms: dict[str, list[Any]] = {}
        for talk in by_day.get(day, []):
            rooms.setdefault(_room(talk), []).append(talk)
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


def _room(talk: Event) -> str:
    if talk.location is not None and talk.location.venue:
        return talk.location.venue
    return "Online" if talk.location is not None and talk.location.online else "Main room"


def _talk(talk: Event, room: str, zone_name: str | None, people: dict[str, Any], conference: str) -> dict[str, Any]:
    zone = _zone(talk.location.timezone if talk.location and talk.location.timezone else zone_name)
    start, end = _span(talk, zone)
    minutes = int((end - start).total_seconds() // 60)
    guid = _guid("event", talk.id)
    entry: dict[str, Any] = {
        "guid": guid,
        "id": _number(talk.id),
        "date": start.isoformat(),
        "start": start.strftime("%H:%M"),
        "end": end.isoformat(),
        "duration": f"{minutes // 60:02d}:{minutes % 60:02d}",
        "room": room,
        "slug": _talk_slug(talk.id),
        "url": talk.url or f"urn:uuid:{guid}",
        "title": talk.title,
        "subtitle": None,
        "track": talk.themes[0] if talk.themes else None,
        "type": talk.categories[0] if talk.categories else talk.format.value,
        "language": talk.languages[0] if talk.languages else None,
        "abstract": talk.summary,
        "persons": list(_persons(talk.participants, people, conference)),
        "links": [
            {"type": _link_type(resource.kind), "url": resource.url, "title": resource.title}
            for resource in talk.resources
            if resource.url
        ],
    }
    return entry


def _talk_slug(event_id: str) -> str:
    """*event_id* as a talk's slug, which must end in a letter or digit and have two characters at least."""
    slug = event_id.rstrip("-")
    return slug if len(slug) >= _SHORTEST_SLUG else f"session-{slug}"


def _link_type(kind: ResourceKind) -> str:
    return next((name for name, known in LINK_KINDS.items() if known is kind), "related")


def _persons(participants: tuple[Participation, ...], people: dict[str, Any], conference: str) -> Iterator[Any]:
    for participation in participants:
        if Role.SPEAKER not in participation.roles:
            continue
        stakeholder = people.get(participation.stakeholder)
        speaks_for = None if participation.stakeholder == own_speakers(conference) else stakeholder
        for person in participation.people:
            entry: dict[str, Any] = {"guid": _guid("person", f"{participation.stakeholder}/{person.name}")}
            entry["name"] = person.name
            if speaks_for is not None:
                entry["organization"] = speaks_for.name
            yield entry


def _guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}/{key}"))


def _number(key: str) -> int:
    """A stable whole number from 1 for the talk with the id *key*, as the schedule's ``id`` must be."""
    return int(uuid.uuid5(_NAMESPACE, f"number/{key}").int % 2_000_000_000) + 1
