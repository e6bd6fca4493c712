"""What both versions of the schedule format write alike: the conference, times, rooms, slugs and ids."""

from __future__ import annotations

import datetime as dt
import re
import uuid
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import attrs

from gpworkshop.analysis import events_in
from gpworkshop.errors import FormatError
from gpworkshop.formats._schedule_reading import LINK_KINDS, SUBTITLE, own_speakers
from gpworkshop.formats._zones import zone
from gpworkshop.vocab import ResourceKind

if TYPE_CHECKING:
    from gpworkshop.model import Event, KnowledgeBase, Participation, Person

__all__ = [
    "SCHEMA_ZONE",
    "Talk",
    "acronym",
    "aware",
    "described",
    "guid",
    "link_type",
    "number",
    "people_of",
    "programme",
    "room_of",
    "rooms",
    "span",
    "talk_slug",
    "zone_name",
    "zone_or_utc",
]

_NAMESPACE = uuid.UUID("0f1d6b1e-8a0e-5d44-b6f4-3c2f8f6c9a71")


def programme(kb: KnowledgeBase) -> tuple[Event, list[Event]]:
    """The conference of *kb*, its one top-level event, and its sessions at any depth, the talks.

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
    return conference, [talk for talk in events_in(kb, event=conference.id) if talk.id != conference.id]


def acronym(conference: Event) -> str:
    """The conference's id as the schema wants an acronym: underscores for hyphens, four characters at least."""
    # Both spellings read back as the same id.
    return conference.id.replace("-", "_").ljust(_SHORTEST_ACRONYM, "_")


# The time zone names the schedule JSON Schema accepts, found as it finds them (a search, not a full match).
SCHEMA_ZONE = re.compile(r"^([A-Z][a-z]+/[A-Z][a-z]+)|UTC$")
# A talk's slug has at least two characters, an acronym four.
_SHORTEST_SLUG = 2
_SHORTEST_ACRONYM = 4


def zone_name(event: Event) -> str | None:
    return event.location.timezone if event.location is not None else None


def zone_or_utc(name: str | None) -> dt.tzinfo:
    return zone(name) or dt.UTC


def aware(moment: dt.date, zone: dt.tzinfo) -> dt.datetime:
    """*moment* as a time with a UTC offset: a day from its midnight, a time without one in *zone*."""
    if not isinstance(moment, dt.datetime):
        return dt.datetime.combine(moment, dt.time(), tzinfo=zone)
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=zone)


def span(talk: Event, zone: dt.tzinfo) -> tuple[dt.datetime, dt.datetime]:
    start = aware(talk.start, zone)
    if talk.end is None:
        end = start if isinstance(talk.start, dt.datetime) else start + dt.timedelta(days=1)
    elif isinstance(talk.end, dt.datetime):
        end = aware(talk.end, zone)
    else:
        end = aware(talk.end + dt.timedelta(days=1), zone)
    return start, max(start, end)


def room_of(talk: Event) -> str:
    if talk.location is not None and talk.location.venue:
        return talk.location.venue
    return "Online" if talk.location is not None and talk.location.online else "Main room"


def talk_slug(event_id: str) -> str:
    """*event_id* as a talk's slug, which must end in a letter or digit and have two characters at least."""
    slug = event_id.rstrip("-")
    return slug if len(slug) >= _SHORTEST_SLUG else f"session-{slug}"


def link_type(kind: ResourceKind) -> str:
    return next((name for name, known in LINK_KINDS.items() if known is kind), "related")


def guid(kind: str, key: str) -> str:
    return str(uuid.uuid5(_NAMESPACE, f"{kind}/{key}"))


def number(key: str) -> int:
    """A stable whole number from 1 for the talk with the id *key*, as the schedule's ``id`` must be."""
    return int(uuid.uuid5(_NAMESPACE, f"number/{key}").int % 2_000_000_000) + 1


@attrs.frozen
class Talk:
    """What both versions write alike of a session as a talk."""

    guid: str
    start: dt.datetime
    end: dt.datetime
    slug: str
    url: str
    title: str
    subtitle: str | None
    links: list[dict[str, Any]]

    @classmethod
    def of(cls, talk: Event, conference_zone: str | None, *, link_case: str = "lower") -> Talk:
        """*talk*, in its own time zone or else the conference's, its link types in *link_case* (``"upper"``)."""
        zone = zone_or_utc(talk.location.timezone if talk.location and talk.location.timezone else conference_zone)
        start, end = span(talk, zone)
        talk_guid = guid("event", talk.id)
        # A subtitle read from a schedule is joined to its title; a title that holds the join is written as the two.
        title, _, subtitle = talk.title.partition(SUBTITLE)
        links = [
            {"type": getattr(link_type(resource.kind), link_case)(), "url": resource.url, "title": resource.title}
            for resource in talk.resources
            if resource.url
        ]
        url = talk.url or f"urn:uuid:{talk_guid}"
        return cls(talk_guid, start, end, talk_slug(talk.id), url, title, subtitle or None, links)


def people_of(
    participations: tuple[Participation, ...], people: dict[str, Any], conference: str
) -> Iterator[tuple[Participation, Person, dict[str, Any]]]:
    """Each person of *participations* with the entry both versions write of them: guid, name, organisation."""
    for participation in participations:
        stakeholder = people.get(participation.stakeholder)
        speaks_for = None if participation.stakeholder == own_speakers(conference) else stakeholder
        for person in participation.people:
            entry: dict[str, Any] = {"guid": guid("person", f"{participation.stakeholder}/{person.name}")}
            entry["name"] = person.name
            if speaks_for is not None:
                entry["organization"] = speaks_for.name
            yield participation, person, entry


def described(conference: Event, zone: str | None) -> dict[str, Any]:
    """What both versions say of a conference beside its name and times: description, time zone, address, keywords."""
    found: dict[str, Any] = {}
    if conference.summary:
        found["description"] = conference.summary
    if zone is not None and SCHEMA_ZONE.search(zone):
        found["time_zone_name"] = zone
    if conference.url:
        found["url"] = conference.url
    if conference.themes:
        found["keywords"] = list(conference.themes)
    return found


def rooms(talks: list[Event]) -> list[dict[str, str]]:
    """The rooms of *talks*, in the order they are first named, each with its guid."""
    return [{"name": room, "guid": guid("room", room)} for room in dict.fromkeys(room_of(talk) for talk in talks)]
