"""The domain model: events, their objectives, stakeholders, takeaways and commitments.

Every class is a frozen, slotted, keyword-only attrs class. Sequences are
tuples, objects refer to each other by id, and a :class:`KnowledgeBase`
resolves those ids. Validators guard what a type cannot say (id syntax,
country codes, date order, ranges); checks that need the whole knowledge
base, such as whether a reference resolves, belong to
:func:`gpworkshop.validate`.

>>> import datetime as dt
>>> from gpworkshop import Event, EventFormat
>>> event = Event(id="kickoff", title="Kick-off", format=EventFormat.MEETING, start=dt.date(2024, 3, 1))
>>> event.end is None
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any, Protocol, TypeVar, cast

import attrs

from gpworkshop import _validators as check
from gpworkshop.errors import FieldValueError, UnknownIdError
from gpworkshop.vocab import (
    CommitmentKind,
    CommitmentStatus,
    CountryGroup,
    EventFormat,
    Principle,
    RelationKind,
    ResourceKind,
    Role,
    StakeholderKind,
    TakeawayKind,
)

__all__ = [
    "Commitment",
    "Endorsement",
    "Event",
    "KnowledgeBase",
    "Location",
    "Locator",
    "Objective",
    "Participation",
    "Person",
    "ProgressUpdate",
    "Relation",
    "Resource",
    "Source",
    "Stakeholder",
    "Takeaway",
]


#: Key of a field's metadata that names the other fields its validator reads.
READS = "gpworkshop.reads"


class _Record:
    """Base of the model classes, with the repr attrs would generate for each of them.

    Written once here instead: generating it for every class costs a
    noticeable part of the time ``import gpworkshop`` takes.
    """

    __slots__ = ()

    def __repr__(self) -> str:
        fields = attrs.fields(cast("type[attrs.AttrsInstance]", type(self)))
        shown = (f"{field.name}={getattr(self, field.name)!r}" for field in fields if field.repr)
        return f"{type(self).__qualname__}({', '.join(shown)})"


@attrs.frozen(kw_only=True, repr=False)
class Person(_Record):
    """A named person, such as a speaker or the head of an organisation."""

    #: Full name as the person writes it.
    name: str = attrs.field(validator=check.not_blank)
    #: Position or title, such as ``"President"``.
    title: str | None = attrs.field(default=None, validator=check.optional_not_blank)


@attrs.frozen(kw_only=True, repr=False)
class Stakeholder(_Record):
    """An organisation, institution or group that takes part in events."""

    #: Unique id among stakeholders, used to refer to this one.
    id: str = attrs.field(validator=check.slug)
    #: Full name.
    name: str = attrs.field(validator=check.not_blank)
    #: Short name, such as ``"KRILA"``.
    acronym: str | None = attrs.field(default=None, validator=check.optional_not_blank)
    #: What sort of body it is.
    kind: StakeholderKind
    #: ISO 3166-1 alpha-2 code of the country it is based in or belongs to.
    country: str | None = attrs.field(default=None, validator=check.optional_country)
    #: Id of the larger stakeholder this one is a part of (an office of a department).
    part_of: str | None = attrs.field(default=None, validator=check.optional_slug)
    #: People of this stakeholder worth recording, such as its head.
    people: tuple[Person, ...] = ()

    @property
    def label(self) -> str:
        """The name followed by the acronym in parentheses, when there is one."""
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


@attrs.frozen(kw_only=True, repr=False)
class Location(_Record):
    """Where an event took place."""

    #: City or town.
    city: str | None = attrs.field(default=None, validator=check.optional_not_blank)
    #: ISO 3166-1 alpha-2 country code.
    country: str | None = attrs.field(default=None, validator=check.optional_country)
    #: Building or venue.
    venue: str | None = attrs.field(default=None, validator=check.optional_not_blank)
    #: Whether people could take part online.
    online: bool = False


@attrs.frozen(kw_only=True, repr=False)
class Participation(_Record):
    """A stakeholder's part in an event."""

    #: Id of the stakeholder.
    stakeholder: str = attrs.field(validator=check.slug)
    #: What the stakeholder did at the event; at least one role.
    roles: tuple[Role, ...] = attrs.field(validator=check.not_empty)
    #: People who represented the stakeholder.
    people: tuple[Person, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Relation(_Record):
    """A link from one event to another, such as a meeting that prepares a symposium."""

    #: Id of the other event.
    event: str = attrs.field(validator=check.slug)
    #: How this event relates to the other one.
    relation: RelationKind


@attrs.frozen(kw_only=True, repr=False)
class Objective(_Record):
    """Something an event set out to achieve."""

    #: Id, unique within the event.
    id: str = attrs.field(validator=check.slug)
    #: Short statement of the objective.
    title: str = attrs.field(validator=check.not_blank)
    #: Longer description.
    text: str | None = attrs.field(default=None, validator=check.optional_not_blank)
    #: Busan principles the objective serves.
    principles: tuple[Principle, ...] = ()
    #: Sustainable Development Goals or targets it serves, as codes such as ``"17.17"``.
    sdgs: tuple[str, ...] = attrs.field(default=(), validator=check.sdg_codes)


@attrs.frozen(kw_only=True, repr=False)
class Source(_Record):
    """Who a takeaway or a progress report comes from: a stakeholder, a person, or both."""

    #: Id of the stakeholder.
    stakeholder: str | None = attrs.field(default=None, validator=check.optional_slug)
    #: The person who said or reported it.
    person: Person | None = attrs.field(default=None, metadata={READS: ("stakeholder",)})

    @person.validator
    def _names_someone(self, attribute: attrs.Attribute[Any], value: Person | None) -> None:
        if value is None and self.stakeholder is None:
            raise FieldValueError("person", "a source must name a 'stakeholder', a 'person' or both (got neither)")


@attrs.frozen(kw_only=True, repr=False)
class Takeaway(_Record):
    """Something that came out of an event: a key message, a recommendation, a quote and so on."""

    #: Id, unique within the event.
    id: str = attrs.field(validator=check.slug)
    #: What was said or concluded.
    text: str = attrs.field(validator=check.not_blank)
    #: What sort of takeaway it is.
    kind: TakeawayKind
    #: Ids of the objectives of the same event that it answers.
    objectives: tuple[str, ...] = attrs.field(default=(), validator=check.slugs)
    #: Free-text themes, such as ``"localisation"``.
    themes: tuple[str, ...] = ()
    #: Who it comes from, for quotes and attributed messages.
    source: Source | None = None


@attrs.frozen(kw_only=True, repr=False)
class Endorsement(_Record):
    """A stakeholder's endorsement of a commitment, possibly long after it was made."""

    #: Id of the endorsing stakeholder.
    stakeholder: str = attrs.field(validator=check.slug)
    #: When it endorsed, if known.
    on: dt.date | None = None


@attrs.frozen(kw_only=True, repr=False)
class ProgressUpdate(_Record):
    """A report on how far a commitment has come."""

    #: Date of the report.
    on: dt.date
    #: Status of the commitment as of that date.
    status: CommitmentStatus
    #: What was done or found.
    note: str | None = attrs.field(default=None, validator=check.optional_not_blank)
    #: Share of the commitment carried out, from 0 to 100.
    percent: int | None = attrs.field(default=None, validator=check.percent)
    #: Who reported it.
    source: Source | None = None


@attrs.frozen(kw_only=True, repr=False)
class Commitment(_Record):
    """A promise made at an event, with its owners, endorsers and follow-up."""

    #: Unique id among commitments.
    id: str = attrs.field(validator=check.slug)
    #: What was promised.
    text: str = attrs.field(validator=check.not_blank)
    #: Ids of the stakeholders who made it.
    by: tuple[str, ...] = attrs.field(validator=check.slugs)
    #: Stakeholders who endorsed it, and when.
    endorsements: tuple[Endorsement, ...] = ()
    #: What sort of promise it is.
    kind: CommitmentKind
    #: When it was made.
    made_on: dt.date | None = None
    #: When it is due.
    due: dt.date | None = None
    #: What will be delivered.
    deliverable: str | None = attrs.field(default=None, validator=check.optional_not_blank)
    #: How progress is measured.
    indicator: str | None = attrs.field(default=None, validator=check.optional_not_blank)
    #: Status as last recorded.
    status: CommitmentStatus = CommitmentStatus.ANNOUNCED
    #: Ids of the objectives of the same event that it serves.
    objectives: tuple[str, ...] = attrs.field(default=(), validator=check.slugs)
    #: Ids of the takeaways of the same event that it acts on.
    takeaways: tuple[str, ...] = attrs.field(default=(), validator=check.slugs)
    #: Progress reports, oldest first.
    progress: tuple[ProgressUpdate, ...] = ()


@attrs.frozen(kw_only=True, repr=False)
class Resource(_Record):
    """A document, recording or other material about an event."""

    #: Title as shown to readers.
    title: str = attrs.field(validator=check.not_blank)
    #: What sort of material it is.
    kind: ResourceKind
    #: Where to find it.
    url: str | None = attrs.field(default=None, validator=check.optional_url)


@attrs.frozen(kw_only=True, repr=False)
class Event(_Record):
    """A workshop, meeting, forum, session or other event, and what came out of it."""

    #: Unique id among events.
    id: str = attrs.field(validator=check.slug)
    #: Full title.
    title: str = attrs.field(validator=check.not_blank)
    #: Format of the event.
    format: EventFormat
    #: Free-text categories, such as the event types of an organiser's calendar.
    categories: tuple[str, ...] = ()
    #: Name of the series the event belongs to, for recurring events.
    series: str | None = attrs.field(default=None, validator=check.optional_not_blank)
    #: Number of the edition within the series, from 1.
    edition: int | None = attrs.field(default=None, validator=check.positive)
    #: First day, or start time.
    start: dt.date | dt.datetime
    #: Last day, or end time; not before :attr:`start`.
    end: dt.date | dt.datetime | None = attrs.field(default=None, metadata={READS: ("start",)})
    #: Where it took place.
    location: Location | None = None
    #: A short account of the event.
    summary: str | None = attrs.field(default=None, validator=check.optional_not_blank)
    #: Id of the larger event this one is a part of, such as the forum a session belongs to.
    part_of: str | None = attrs.field(default=None, validator=check.optional_slug)
    #: Links to other events.
    related: tuple[Relation, ...] = ()
    #: Stakeholders who took part, with their roles.
    participants: tuple[Participation, ...] = ()
    #: What the event set out to achieve.
    objectives: tuple[Objective, ...] = ()
    #: What came out of it.
    takeaways: tuple[Takeaway, ...] = ()
    #: What was promised at it.
    commitments: tuple[Commitment, ...] = ()
    #: Free-text themes or key terms.
    themes: tuple[str, ...] = ()
    #: Groups of countries the event addressed.
    audience: tuple[CountryGroup, ...] = ()
    #: Free-text world regions the event addressed, such as ``"Asia-Pacific"``.
    regions: tuple[str, ...] = ()
    #: Reports, recordings and other material.
    resources: tuple[Resource, ...] = ()

    @end.validator
    def _not_before_start(self, attribute: attrs.Attribute[Any], value: dt.date | None) -> None:
        if value is not None and check.is_earlier(value, self.start):
            raise FieldValueError("end", f"'end' must not be before 'start' ({self.start}) (got {value})")

    def objective(self, objective_id: str) -> Objective:
        """The objective of this event with the given id.

        :raises UnknownIdError: if the event has no such objective.
        """
        return _find(self.objectives, objective_id, "objective")

    def takeaway(self, takeaway_id: str) -> Takeaway:
        """The takeaway of this event with the given id.

        :raises UnknownIdError: if the event has no such takeaway.
        """
        return _find(self.takeaways, takeaway_id, "takeaway")


_Identified = TypeVar("_Identified", Objective, Takeaway)


def _find(items: tuple[_Identified, ...], wanted: str, kind: str) -> _Identified:
    for item in items:
        if item.id == wanted:
            return item
    raise UnknownIdError(kind, wanted)


class Locator(Protocol):
    """Finds where part of a knowledge base was written in the files it was loaded from."""

    def locate(self, path: tuple[str | int, ...]) -> tuple[str, int | None, int | None, tuple[str | int, ...]]:
        """The file, line, column and path in that file of the value at *path* in the knowledge base."""
        ...


_Found = TypeVar("_Found")


def _look_up(index: dict[str, _Found], wanted: str, kind: str) -> _Found:
    try:
        return index[wanted]
    except KeyError:
        raise UnknownIdError(kind, wanted) from None


def _by_id(items: tuple[Any, ...]) -> dict[str, Any]:
    return {item.id: item for item in items}


def _by_parent(events: tuple[Event, ...]) -> dict[str, tuple[Event, ...]]:
    sessions: dict[str, list[Event]] = {}
    for event in events:
        if event.part_of is not None:
            sessions.setdefault(event.part_of, []).append(event)
    return {parent: tuple(members) for parent, members in sessions.items()}


@attrs.frozen(kw_only=True, repr=False)
class KnowledgeBase(_Record):
    """Stakeholders and events kept together, so that ids resolve.

    >>> import datetime as dt
    >>> from gpworkshop import Event, EventFormat, KnowledgeBase
    >>> forum = Event(id="forum", title="Forum", format=EventFormat.FORUM, start=dt.date(2023, 10, 19))
    >>> talk = Event(id="talk", title="Talk", format=EventFormat.SESSION, start=forum.start, part_of="forum")
    >>> kb = KnowledgeBase(events=(forum, talk))
    >>> [session.id for session in kb.sessions_of("forum")]
    ['talk']
    """

    #: Every stakeholder, each with a unique id.
    stakeholders: tuple[Stakeholder, ...] = ()
    #: Every event, sessions included, each with a unique id.
    events: tuple[Event, ...] = ()

    _stakeholder_index: dict[str, Stakeholder] = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(lambda kb: _by_id(kb.stakeholders), takes_self=True)
    )
    _event_index: dict[str, Event] = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(lambda kb: _by_id(kb.events), takes_self=True)
    )
    _sessions_index: dict[str, tuple[Event, ...]] = attrs.field(
        init=False, repr=False, eq=False, default=attrs.Factory(lambda kb: _by_parent(kb.events), takes_self=True)
    )
    # Set by the loader: where each stakeholder and event was read from.
    _origins: Locator | None = attrs.field(init=False, repr=False, eq=False, default=None)

    @property
    def origins(self) -> Locator | None:
        """Where the knowledge base was read from, when it was loaded from text or files."""
        return self._origins

    def stakeholder(self, stakeholder_id: str) -> Stakeholder:
        """The stakeholder with the given id.

        :raises UnknownIdError: if there is none.
        """
        return _look_up(self._stakeholder_index, stakeholder_id, "stakeholder")

    def event(self, event_id: str) -> Event:
        """The event with the given id.

        :raises UnknownIdError: if there is none.
        """
        return _look_up(self._event_index, event_id, "event")

    def sessions_of(self, event: Event | str) -> tuple[Event, ...]:
        """The events that are directly part of *event* (an event or its id), in file order."""
        return self._sessions_index.get(event if isinstance(event, str) else event.id, ())

    def top_level_events(self) -> tuple[Event, ...]:
        """The events that are not part of another event, in file order."""
        return tuple(event for event in self.events if event.part_of is None)

    def editions(self, series: str) -> tuple[Event, ...]:
        """The events of a series, ordered by edition and then by start."""
        members = [event for event in self.events if event.series == series]
        return tuple(sorted(members, key=lambda event: (event.edition or 0, check.day_of(event.start))))

    def commitments(self) -> Iterator[tuple[Event, Commitment]]:
        """Every commitment with the event it was made at, in file order."""
        for event in self.events:
            for commitment in event.commitments:
                yield event, commitment
