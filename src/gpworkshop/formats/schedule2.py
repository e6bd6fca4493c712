"""Conference schedules in the second version of the format: talks listed beside the conference.

The second version (`schema2 <https://c3voc.de/schema/schedule2>`_, written
by the c3voc event hub) gives the conference its start and end as times, its
languages, and its rooms and days as lists; it lists every talk in
``events``, beside the conference rather than under its days and rooms, each
with its room as a mapping and its people as ``participants``, each with a
role. The ``schedule`` format reads both versions; this one writes the
second, valid against its JSON Schema:

.. code-block:: console

   $ gpworkshop export records/ --event regional-symposium-2023 --to schedule2 -o schedule.json

What the second version holds that the first does not: the times of the
conference, its languages, and the people of every participation with their
roles, not only the speakers. What a record has and the format has no place
for is in the how-to "Conference schedules".
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from gpworkshop._validators import day_of
from gpworkshop.formats._schedule_writing import (
    Talk,
    acronym,
    aware,
    described,
    guid,
    people_of,
    programme,
    room_of,
    rooms,
    zone_name,
    zone_or_utc,
)
from gpworkshop.vocab import EventFormat, Role

if TYPE_CHECKING:
    from gpworkshop.model import Event, KnowledgeBase, Participation

__all__ = ["SCHEMA", "TYPES", "write"]

#: The address of the JSON Schema of the second version, which every schedule written names.
SCHEMA = "https://c3voc.de/schema/schedule2"
#: The types a talk may have; a session is a ``TALK`` unless its format or first category is another of these.
TYPES = (
    "TALK",
    "WORKSHOP",
    "HANDS-ON",
    "MEETING",
    "DISCUSSION",
    "PERFORMANCE",
    "CONCERT",
    "GAME",
    "LIGHTNING_TALK",
    "OTHER",
)
# The role of a person at a talk, as the format names the roles of a record it has; any other role is a contribution.
_ROLES = {Role.SPEAKER: "SPEAKER", Role.MODERATOR: "MODERATOR", Role.HOST: "HOST"}
# A language as the format writes it: two letters of ISO 639-1.
_LANGUAGE_LENGTH = 2


def write(kb: KnowledgeBase) -> str:
    """*kb*'s one top-level event as a schedule of the second version: the conference, and its sessions as talks.

    :raises FormatError: if the record holds no event, or more than one top-level event.
    """
    conference, talks = programme(kb)
    zone = zone_name(conference)
    in_zone = zone_or_utc(zone)
    start = aware(conference.start, in_zone)
    end = aware(conference.end, in_zone) if conference.end is not None else start
    if not isinstance(conference.end or conference.start, dt.datetime):
        # A conference of days ends at the end of its last day.
        end += dt.timedelta(hours=23, minutes=59)
    body: dict[str, Any] = {"acronym": acronym(conference), "title": conference.title}
    body["start"], body["end"] = start.isoformat(), end.isoformat()
    body.update(described(conference, zone))
    languages = [tag for tag in conference.languages if _is_language(tag)]
    if languages:
        body["languages"] = languages
    body["rooms"] = rooms(talks)
    body["days"] = list(_days(day_of(start.astimezone(in_zone)), day_of(end.astimezone(in_zone)), in_zone))
    people = {stakeholder.id: stakeholder for stakeholder in kb.stakeholders}
    # The format wants every talk's language: one whose record says none is in the language the record is written in.
    spoken = next((tag for tag in (*conference.languages, kb.language.partition("-")[0]) if _is_language(tag)), "en")
    # The format wants every talk in a track: one of no theme is in the conference's own.
    own_track = {"slug": _slug(conference.id), "name": conference.title}
    events = [_talk(talk, zone, people, conference=conference.id, spoken=spoken, own_track=own_track) for talk in talks]
    document = {"$schema": SCHEMA, "schedule": {"version": "1.0", "conference": body, "events": events}}
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


def _is_language(tag: str) -> bool:
    return len(tag) == _LANGUAGE_LENGTH and tag.isascii() and tag.isalpha() and tag.islower()


def _days(first: dt.date, last: dt.date, zone: dt.tzinfo) -> Iterator[dict[str, Any]]:
    for index in range((last - first).days + 1):
        day = first + dt.timedelta(days=index)
        begins = dt.datetime.combine(day, dt.time(), tzinfo=zone)
        yield {
            "index": index + 1,
            "date": day.isoformat(),
            "start": begins.isoformat(),
            "end": (begins + dt.timedelta(hours=23, minutes=59)).isoformat(),
        }


def _talk(
    talk: Event,
    zone_name: str | None,
    people: dict[str, Any],
    *,
    conference: str,
    spoken: str,
    own_track: dict[str, str],
) -> dict[str, Any]:
    written = Talk.of(talk, zone_name, link_case="upper")
    room = room_of(talk)
    return {
        "guid": written.guid,
        "start": written.start.isoformat(),
        "end": written.end.isoformat(),
        "room": {"name": room, "guid": guid("room", room)},
        "slug": written.slug,
        "url": written.url,
        "title": written.title,
        "subtitle": written.subtitle,
        "track": {"slug": _slug(talk.themes[0]), "name": talk.themes[0]} if talk.themes else own_track,
        "type": _type(talk),
        "language": next((tag for tag in talk.languages if _is_language(tag)), spoken),
        "abstract": talk.summary,
        "participants": list(_participants(talk.participants, people, conference)),
        "links": written.links,
    }


def _type(talk: Event) -> str:
    """The type of a talk: its format or its first category when the format has it as a type, else a talk."""
    if talk.format.value.upper() in TYPES:
        return talk.format.value.upper()
    if talk.format is EventFormat.SESSION and talk.categories and talk.categories[0].upper() in TYPES:
        return talk.categories[0].upper()
    return "TALK"


def _slug(text: str) -> str:
    """*text* as a track's slug: lower-case letters, digits, hyphens and underscores, ending in a letter or digit."""
    return re.sub(r"[^a-z0-9_]+", "-", text.lower()).strip("-_") or "track"


def _participants(
    participations: tuple[Participation, ...], people: dict[str, Any], conference: str
) -> Iterator[dict[str, Any]]:
    """The people of every participation, each with a role.

    A participation's roles are the roles of all its people together; the format gives each person one, of its
    own list (a speaker, a moderator, a host; any other role is a contribution). The first people take the roles
    in order and the others the first role, so that reading the schedule gives the participation's roles back.
    """
    for participation, person, entry in people_of(participations, people, conference):
        roles = [_ROLES.get(role, "CONTRIBUTOR") for role in participation.roles]
        index = participation.people.index(person)
        yield {**entry, "role": roles[index] if index < len(roles) else roles[0]}
