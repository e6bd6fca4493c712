"""Reading a conference schedule: the record its JSON holds, each value placed where the schedule has it.

See :mod:`gpworkshop.formats.schedule` for what maps to what.
"""

from __future__ import annotations

import datetime as dt
import re
import urllib.parse
from collections.abc import Iterator
from typing import Any

import attrs

from gpworkshop import codes, limits
from gpworkshop._parsed import Parsed, Position, located, version_header
from gpworkshop._validators import is_web_address
from gpworkshop._wording import describe, excerpt
from gpworkshop.errors import Problem, Severity
from gpworkshop.vocab import EventFormat, ResourceKind, Role

__all__ = ["LINK_KINDS", "SUBTITLE", "Reading", "own_speakers"]

#: What joins a talk's title and its subtitle in the title of its session; a title holding it is written back as the
#: two.
SUBTITLE = " — "

# Hours of up to nine digits: enough for any duration worth checking against the limit, never a huge number.
_DURATION = re.compile(r"([0-9]{1,9}):([0-5][0-9])(?::([0-5][0-9]))?")
# Keys of a person that name the organisation they speak for, as some schedules add them.
_ORGANISATION_KEYS = ("organization", "organisation", "affiliation", "company")
# Kinds of link, as the schedule names them, and the kind of resource each is; any other is other material.
LINK_KINDS = {"slides": ResourceKind.PRESENTATION, "media": ResourceKind.VIDEO}
_FORMAT_NAMES = frozenset(format_.value for format_ in EventFormat)
# The roles of the people of a talk, as the second version of the format names them; any other is a participant's.
_ROLES = {**{role.value: role for role in Role}, "organizer": Role.ORGANISER, "co-organizer": Role.CO_ORGANISER}
# A date and time, as a talk's 'start' is in the second version of the format.
_MOMENT = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ]")


class Reading:
    """The record data built from one schedule, each value placed where the schedule has it."""

    def __init__(self, read: Parsed, source: str) -> None:
        self.source = source
        self.found = read.positions or {}
        # The places of the record's values are noted only when the schedule's own are known.
        self.positioned = read.positions is not None
        self.positions: dict[int, Any] = {}
        self.problems: list[Problem] = []
        self.stakeholders: dict[str, tuple[dict[str, Any], Position | None]] = {}
        self.ids: set[str] = set()
        # For each id wanted, the number the last event given it has after it (1 for the id itself).
        self.numbers: dict[str, int] = {}
        # The address relative links of the schedule are relative to: its 'base_url'.
        self.base: str | None = None
        self.flat = False

    # Where things are.

    def at(self, node: Any, key: str | int) -> Position | None:
        """The position of the value at *key* of the mapping or list *node* of the schedule."""
        entry = self.found.get(id(node))
        if entry is None:
            return None
        if isinstance(entry, dict):
            pair = entry.get(key)
            return pair[1] if pair else None
        return entry[key] if isinstance(key, int) and key < len(entry) else None

    def place(self, target: dict[str, Any] | list[Any], key: str | int, position: Position | None) -> None:
        """Record that the value at *key* of *target* was written at *position* in the schedule."""
        if not self.positioned:
            return
        if isinstance(target, dict):
            self.positions.setdefault(id(target), {})[key] = (position, position)
        else:
            self.positions.setdefault(id(target), []).append(position)

    def put(self, target: dict[str, Any], key: str, value: Any, node: Any, at: str | int) -> None:
        target[key] = value
        self.place(target, key, self.at(node, at))

    def add(self, target: list[Any], value: Any, position: Position | None) -> None:
        target.append(value)
        self.place(target, len(target) - 1, position)

    def problem(self, code: str, message: str, position: Position | None, *, warning: bool = False) -> None:
        found = located(code, message, self.source, position)
        self.problems.append(attrs.evolve(found, severity=Severity.WARNING) if warning else found)

    # What the schedule must hold.

    def mapping(self, node: Any, key: str, position: Position | None, what: str) -> dict[str, Any] | None:
        value = node.get(key) if isinstance(node, dict) else None
        if value is None and isinstance(node, dict) and key not in node:
            self.problem(codes.MISSING_FIELD, f"{what} must have {key!r}", position)
            return None
        if not isinstance(value, dict):
            where = self.at(node, key) or position
            self.problem(codes.WRONG_TYPE, f"{key!r} must be a mapping, got {describe(value)}", where)
            return None
        return value

    def text(self, node: dict[str, Any], key: str, what: str, position: Position | None) -> str | None:
        """The text at *key* of *node*, required."""
        value = node.get(key)
        if key not in node:
            self.problem(codes.MISSING_FIELD, f"{what} must have {key!r}", position)
            return None
        if not isinstance(value, str) or not value.strip():
            self.problem(codes.WRONG_TYPE, f"{key!r} must be non-empty text, got {describe(value)}", self.at(node, key))
            return None
        return _lines(value)

    def optional(self, node: dict[str, Any], key: str) -> str | None:
        """The text at *key* of *node*, if there is some; anything else there is a problem."""
        value = node.get(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            return None
        if not isinstance(value, str):
            self.problem(codes.WRONG_TYPE, f"{key!r} must be text, got {describe(value)}", self.at(node, key))
            return None
        return _lines(value)

    # The record.

    def record(self, data: Any) -> dict[str, Any] | None:
        if not isinstance(data, dict):
            message = f"expected a schedule, a mapping with the key 'schedule', got {describe(data)}"
            self.problem(codes.NOT_MAPPING, message, (1, 1))
            return None
        schedule = self.mapping(data, "schedule", (1, 1), "a schedule")
        if schedule is None:
            return None
        # The second version of the format lists its talks beside the conference, and names their types from a list.
        self.flat = isinstance(schedule.get("events"), list)
        base = schedule.get("base_url")
        self.base = base if isinstance(base, str) and is_web_address(base) else None
        conference = self.mapping(schedule, "conference", self.at(data, "schedule"), "the schedule")
        if conference is None:
            return None
        events: list[Any] = []
        record: dict[str, Any] = {**version_header(), "stakeholders": [], "events": events}
        self.place(record, "events", self.at(data, "schedule"))
        self.place(record, "stakeholders", self.at(data, "schedule"))
        event = self.conference(conference, self.at(schedule, "conference"))
        if event is None:
            return None
        self.add(events, event, self.at(schedule, "conference"))
        zone = conference.get("time_zone_name") if isinstance(conference.get("time_zone_name"), str) else None
        sessions: list[tuple[float, str, int, dict[str, Any], Position | None]] = []
        for talk, room, position in self.talks(schedule, conference, self.at(schedule, "conference")):
            session = self.talk(talk, room, position, (event["id"], event["title"]), zone)
            if session is not None:
                sessions.append((_when(session.get("start")), room, len(sessions), session, position))
        # The programme in the order of time; talks at the same time in the order of their rooms' names.
        for *_, session, position in sorted(sessions, key=lambda entry: entry[:3]):
            self.add(events, session, position)
        # The stakeholders in the order the programme first names them.
        order: dict[str, int] = {}
        for session in events:
            for participation in session.get("participants", ()):
                order.setdefault(participation["stakeholder"], len(order))
        for stakeholder, position in sorted(
            self.stakeholders.values(), key=lambda e: order.get(e[0]["id"], len(order))
        ):
            self.add(record["stakeholders"], stakeholder, position)
        return record

    def conference(self, node: dict[str, Any], position: Position | None) -> dict[str, Any] | None:
        title = self.text(node, "title", "the conference", position)
        name = node.get("acronym") if isinstance(node.get("acronym"), str) else title
        event: dict[str, Any] = {"id": self.unique(_slug(name or "conference") or "conference")}
        self.place(event, "id", self.at(node, "acronym") or self.at(node, "title") or position)
        self.put(event, "title", title, node, "title")
        event["format"] = EventFormat.CONFERENCE.value
        for key in ("start", "end"):
            if key not in node:
                self.problem(codes.MISSING_FIELD, f"the conference must have {key!r}", position)
            else:
                self.put(event, key, node[key], node, key)
        summary = self.optional(node, "description")
        if summary:
            self.put(event, "summary", summary, node, "description")
        self.web_address(event, node)
        zone = self.optional(node, "time_zone_name")
        if zone:
            location: dict[str, Any] = {}
            self.put(location, "timezone", zone, node, "time_zone_name")
            self.put(event, "location", location, node, "time_zone_name")
        self.texts(event, "themes", node, "keywords")
        self.texts(event, "languages", node, "languages")
        return event if title is not None else None

    def web_address(self, event: dict[str, Any], node: dict[str, Any]) -> None:
        url = self.optional(node, "url")
        if url and is_web_address(url):
            self.put(event, "url", url, node, "url")

    def texts(self, event: dict[str, Any], field: str, node: dict[str, Any], key: str) -> None:
        values = node.get(key)
        if values is None:
            return
        if not isinstance(values, list):
            self.problem(codes.WRONG_TYPE, f"{key!r} must be a list, got {describe(values)}", self.at(node, key))
            return
        found: list[Any] = []
        for index, value in enumerate(values):
            self.add(found, value, self.at(values, index))
        self.put(event, field, found, node, key)

    def talks(
        self, schedule: dict[str, Any], conference: dict[str, Any], position: Position | None
    ) -> Iterator[tuple[dict[str, Any], str, Position | None]]:
        """Every talk of the *conference* written at *position*, day by day and room by room, with their places.

        A schedule of the second version of the format lists its talks in ``events``, beside the conference.
        """
        flat = schedule.get("events")
        if isinstance(flat, list):
            yield from self.listed(flat)
            return
        days = conference.get("days")
        if not isinstance(days, list):
            where = self.at(conference, "days")
            if "days" not in conference:
                self.problem(codes.MISSING_FIELD, "the conference must have 'days'", position)
            else:
                self.problem(codes.WRONG_TYPE, f"'days' must be a list, got {describe(days)}", where)
            return
        for index, day in enumerate(days):
            rooms = self.mapping(day, "rooms", self.at(days, index), "a day") if isinstance(day, dict) else None
            if not isinstance(day, dict):
                message = f"each day must be a mapping, got {describe(day)}"
                self.problem(codes.WRONG_TYPE, message, self.at(days, index))
            if rooms is None:
                continue
            for room, talks in rooms.items():
                if not isinstance(talks, list):
                    message = f"the talks of the room {room!r} must be a list, got {describe(talks)}"
                    self.problem(codes.WRONG_TYPE, message, self.at(rooms, room))
                    continue
                for number, talk in enumerate(talks):
                    if isinstance(talk, dict):
                        yield talk, room, self.at(talks, number)
                    else:
                        message = f"each talk must be a mapping, got {describe(talk)}"
                        self.problem(codes.WRONG_TYPE, message, self.at(talks, number))

    def listed(self, talks: list[Any]) -> Iterator[tuple[dict[str, Any], str, Position | None]]:
        """The talks of a schedule of the second version of the format, each with the name of its room."""
        for number, talk in enumerate(talks):
            if isinstance(talk, dict):
                room = talk.get("room")
                yield talk, str(room.get("name") or "") if isinstance(room, dict) else "", self.at(talks, number)
            else:
                message = f"each event must be a mapping, got {describe(talk)}"
                self.problem(codes.WRONG_TYPE, message, self.at(talks, number))

    def talk(
        self, node: dict[str, Any], room: str, position: Position | None, parent: tuple[str, str], zone: str | None
    ) -> dict[str, Any] | None:
        title = self.text(node, "title", "a talk", position)
        self.optional(node, "slug")
        self.room_name(node)
        name = node.get("slug") or node.get("guid") or node.get("id") or title or "talk"
        event: dict[str, Any] = {"id": self.unique(_slug(str(name)) or "talk")}
        self.place(event, "id", self.at(node, "slug") or position)
        subtitle = self.optional(node, "subtitle")
        self.put(event, "title", f"{title}{SUBTITLE}{subtitle}" if title and subtitle else title, node, "title")
        kind = self.optional(node, "type")
        if kind is not None and self.flat:
            # The second version names a talk's type from a list, in which a talk is the plain kind of session.
            kind = None if kind.lower() == "talk" else kind.lower()
        if kind is not None and kind.lower() in _FORMAT_NAMES:
            # A type that is a format of events (workshop, meeting) is the format of the session.
            event["format"] = kind.lower()
        else:
            event["format"] = EventFormat.SESSION.value
            if kind is not None:
                self.put(event, "categories", [kind], node, "type")
                self.place(event["categories"], 0, self.at(node, "type"))
        # The first version of the format gives the date and time as 'date' (its 'start' is the time of day
        # alone); the second as 'start'.
        key = "date" if "date" in node or not _MOMENT.match(str(node.get("start"))) else "start"
        start = node.get(key)
        if start is None:
            self.problem(codes.MISSING_FIELD, "a talk must have 'date', the date and time it starts", position)
            return None
        self.put(event, "start", start, node, key)
        end = self.end(node, start)
        if end is not None:
            event["end"] = end
            self.place(event, "end", self.at(node, "end") or self.at(node, "duration"))
        self.location(event, node, room, zone, position)
        self.web_address(event, node)
        summary = "\n\n".join(text for key in ("abstract", "description") if (text := self.optional(node, key)))
        if summary:
            self.put(event, "summary", summary, node, "abstract" if node.get("abstract") else "description")
        event["part_of"] = parent[0]
        self.place(event, "part_of", position)
        track = self.track(node)
        if track:
            self.put(event, "themes", [track], node, "track")
            self.place(event["themes"], 0, self.at(node, "track"))
        language = self.optional(node, "language")
        if language:
            self.put(event, "languages", [language], node, "language")
            self.place(event["languages"], 0, self.at(node, "language"))
        participants = self.speakers(node, parent)
        if participants:
            self.put(event, "participants", participants, node, "persons")
        resources = self.links(node)
        if resources:
            event["resources"] = resources
            self.place(event, "resources", self.at(node, "links") or self.at(node, "attachments"))
        return event if title is not None else None

    def track(self, node: dict[str, Any]) -> str | None:
        """The track of a talk: its name, or in the second version of the format the name or slug of a mapping."""
        track = node.get("track")
        if isinstance(track, dict):
            named = track.get("name") or track.get("slug")
            return _lines(named) if isinstance(named, str) and named.strip() else None
        return self.optional(node, "track")

    def location(
        self, event: dict[str, Any], node: dict[str, Any], room: str, zone: str | None, position: Position | None
    ) -> None:
        """The room of a talk as its venue, in the conference's time zone."""
        location: dict[str, Any] = {}
        named = node.get("room")
        if isinstance(named, dict):
            named = named.get("name")
        if isinstance(named, str) and named.strip():
            self.put(location, "venue", named.strip(), node, "room")
        elif room.strip():
            location["venue"] = room.strip()
            self.place(location, "venue", position)
        if zone:
            location["timezone"] = zone
            self.place(location, "timezone", position)
        if location:
            self.put(event, "location", location, node, "room")

    def end(self, node: dict[str, Any], start: Any) -> str | None:
        """The end of a talk: as given, or its start plus its duration."""
        end = node.get("end")
        if isinstance(end, str):
            return end
        lasting = self.duration(node)
        try:
            began = dt.datetime.fromisoformat(start) if isinstance(start, str) else None
        except ValueError:
            began = None
        if lasting is None or began is None:
            # A start that is wrong is said to be where it is read.
            return None
        try:
            return (began + lasting).isoformat()
        except OverflowError:
            message = f"the talk would end after the year 9999, {describe(node['duration'])} after it starts"
            self.problem(codes.INVALID_VALUE, message, self.at(node, "duration"))
            return None

    def duration(self, node: dict[str, Any]) -> dt.timedelta | None:
        """How long a talk lasts, if its schedule says so and the duration is one a talk may have."""
        duration = node.get("duration")
        if duration is None:
            return None
        found = _DURATION.fullmatch(duration) if isinstance(duration, str) else None
        if found is None:
            message = f"'duration' must be hours and minutes such as '01:30', got {describe(duration)}"
            self.problem(codes.INVALID_VALUE, message, self.at(node, "duration"))
            return None
        hours, minutes, seconds = (int(part or 0) for part in found.groups())
        lasting = dt.timedelta(hours=hours, minutes=minutes, seconds=seconds)
        if lasting > limits.DURATION:
            message = (
                f"a talk lasts at most {limits.DURATION.days} days, got a duration of {hours:,} hours; "
                "correct the duration, or give the talk's 'end'"
            )
            self.problem(codes.INVALID_VALUE, message, self.at(node, "duration"))
            return None
        return lasting

    def speakers(self, node: dict[str, Any], conference: tuple[str, str]) -> list[Any]:
        """The participations of the people of a talk: ``persons``, or ``participants`` with their roles."""
        field = "persons" if "persons" in node else "participants"
        persons = node.get(field)
        if persons is None:
            return []
        if not isinstance(persons, list):
            message = f"{field!r} must be a list, got {describe(persons)}"
            self.problem(codes.WRONG_TYPE, message, self.at(node, field))
            return []
        by_organisation: dict[str, dict[str, Any]] = {}
        participants: list[Any] = []
        for index, person in enumerate(persons):
            where = self.at(persons, index)
            if not isinstance(person, dict):
                self.problem(codes.WRONG_TYPE, f"each person must be a mapping, got {describe(person)}", where)
                continue
            key = "name" if "name" in person else "public_name"
            name = self.text(person, key, "a person", where) if key in person else None
            if key not in person:
                self.problem(codes.MISSING_FIELD, "a person must have 'name' or 'public_name'", where)
            if name is None:
                continue
            stakeholder = self.organisation(person, conference, where)
            role = _ROLES.get(str(person.get("role", "speaker")).lower(), Role.PARTICIPANT).value
            participation = by_organisation.get(stakeholder)
            if participation is not None and role not in participation["roles"]:
                self.add(participation["roles"], role, where)
            if participation is None:
                participation = {"stakeholder": stakeholder, "roles": [role], "people": []}
                by_organisation[stakeholder] = participation
                self.add(participants, participation, where)
                self.place(participation, "stakeholder", where)
                self.place(participation, "people", where)
                self.place(participation["roles"], 0, where)
            person_data: dict[str, Any] = {}
            self.put(person_data, "name", _lines(name), person, key)
            self.add(participation["people"], person_data, where)
        return participants

    def organisation(self, person: dict[str, Any], conference: tuple[str, str], where: Position | None) -> str:
        """The id of the stakeholder a speaker speaks for, added to the record the first time."""
        for key in _ORGANISATION_KEYS:
            name = person.get(key)
            if isinstance(name, str) and name.strip():
                stakeholder_id = _slug(name) or "organisation"
                if stakeholder_id not in self.stakeholders:
                    entry: dict[str, Any] = {"id": stakeholder_id, "kind": "other"}
                    self.put(entry, "name", name.strip(), person, key)
                    self.stakeholders[stakeholder_id] = (entry, self.at(person, key))
                return stakeholder_id
        stakeholder_id = own_speakers(conference[0])
        if stakeholder_id not in self.stakeholders:
            entry = {"id": stakeholder_id, "name": f"Speakers of {conference[1]} in their own name", "kind": "other"}
            self.stakeholders[stakeholder_id] = (entry, where)
        return stakeholder_id

    def room_name(self, node: dict[str, Any]) -> None:
        """Report a room that is neither the name of a room nor, as the second version of the format has it, one."""
        if "room" in node and not isinstance(node["room"], str | dict):
            message = f"'room' must be the name of a room, got {describe(node['room'])}"
            self.problem(codes.WRONG_TYPE, message, self.at(node, "room"))

    def links(self, node: dict[str, Any]) -> list[Any]:
        resources: list[Any] = []
        for key in ("links", "attachments"):
            found = node.get(key)
            if found is None:
                continue
            if not isinstance(found, list):
                message = f"{key!r} must be a list of links, each with a 'url', got {describe(found)}"
                self.problem(codes.WRONG_TYPE, message, self.at(node, key))
                continue
            for index, link in enumerate(found):
                if not isinstance(link, dict):
                    message = f"each of the {key} must be a mapping with a 'url', got {describe(link)}"
                    self.problem(codes.WRONG_TYPE, message, self.at(found, index))
                    continue
                url = link.get("url")
                if not isinstance(url, str):
                    message = f"the 'url' of a link must be text, got {describe(url)}"
                    self.problem(codes.WRONG_TYPE, message, self.at(link, "url") or self.at(found, index))
                    continue
                if not is_web_address(url):
                    absolute = self.absolute(url)
                    if absolute is None:
                        message = (
                            f"the link {excerpt(url)} is not a web address, and cannot be made one from the schedule's "
                            "base_url; it is left out: write it in full, as https://…"
                        )
                        self.problem(codes.LINK_LEFT_OUT, message, self.at(link, "url"), warning=True)
                        continue
                    url = absolute
                named = link.get("title")
                title = named if isinstance(named, str) and named.strip() else url
                kind = LINK_KINDS.get(str(link.get("type")).lower(), ResourceKind.OTHER)
                resource = {"title": _lines(title), "kind": kind.value, "url": url}
                self.add(resources, resource, self.at(found, index))
        return resources

    def absolute(self, url: str) -> str | None:
        """*url*, a path relative to the schedule's base_url (``/system/slides.pdf``), made a web address."""
        if self.base is None or not url.startswith(("/", "./", "../")):
            return None
        absolute = urllib.parse.urljoin(self.base, url)
        return absolute if is_web_address(absolute) else None

    def unique(self, wanted: str) -> str:
        """*wanted*, or it followed by a number when an event has that id already."""
        # Numbers below the last one given for *wanted* are taken already: ids are only ever added.
        found, number = wanted, self.numbers.get(wanted, 1)
        while found in self.ids:
            number += 1
            found = f"{wanted}-{number}"
        self.ids.add(found)
        self.numbers[wanted] = number
        return found


def own_speakers(conference: str) -> str:
    """The id of the stakeholder under which the speakers of *conference* (its id) that name no organisation are."""
    return f"{conference}-speakers"


def _when(start: Any) -> float:
    """When a talk that starts at *start* (ISO 8601 text) starts, as a number to sort by; last if unknown."""
    try:
        moment = dt.datetime.fromisoformat(start)
    except (TypeError, ValueError):
        return float("inf")
    return (moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)).timestamp()


def _slug(text: str) -> str:
    """*text* as an id: lower case letters and digits, other characters as single hyphens."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def _lines(text: str) -> str:
    """*text* with its line ends as line feeds, and no blank lines or spaces around it."""
    return text.replace("\r\n", "\n").replace("\r", "\n").strip()
