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
from collections.abc import Iterator, Sequence
from typing import Any, Protocol, TypeVar, cast

import attrs

from gpworkshop import _validators as check
from gpworkshop.errors import FieldValueError, Problem, UnknownIdError
from gpworkshop.multilingual import DEFAULT_LANGUAGE, compared
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
    "Identifiers",
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
#: Key of a field's metadata that holds its description: the one source of the API reference, the file format
#: reference and the JSON Schema.
DOC = "gpworkshop.doc"
#: Key of a field's metadata that names the kind of object its ids refer to: ``"stakeholders"``, ``"events"``,
#: ``"objectives"`` or ``"takeaways"`` (the last two within the same event).
REFERS = "gpworkshop.refers"
#: Key of a field's metadata that marks human-readable text: a plain string in the record's language, or a
#: :class:`~gpworkshop.Translatable` with the text in several languages.
TRANSLATABLE = "gpworkshop.translatable"
#: The value of :data:`TRANSLATABLE` for text that, written plain, serves every language, as an acronym often does.
SHARED = "shared"


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

    name: str = attrs.field(
        validator=check.text, eq=compared, metadata={DOC: "Full name as the person writes it.", TRANSLATABLE: True}
    )
    title: str | None = attrs.field(
        default=None,
        validator=check.optional_text,
        eq=compared,
        metadata={DOC: 'Position or title, such as ``"President"``.', TRANSLATABLE: True},
    )


@attrs.frozen(kw_only=True, repr=False)
class Identifiers(_Record):
    """Identifiers of a stakeholder in registries kept by others (see :mod:`gpworkshop.identifiers`)."""

    iati: str | None = attrs.field(
        default=None,
        validator=check.iati_identifier,
        metadata={DOC: 'IATI organisation identifier, such as ``"XM-DAC-41114"``.'},
    )
    ror: str | None = attrs.field(
        default=None,
        validator=check.ror_identifier,
        metadata={DOC: 'ROR id, such as ``"03yrm5c26"`` or ``"https://ror.org/03yrm5c26"``.'},
    )
    wikidata: str | None = attrs.field(
        default=None, validator=check.wikidata_identifier, metadata={DOC: 'Wikidata item, such as ``"Q7817"``.'}
    )


@attrs.frozen(kw_only=True, repr=False)
class Stakeholder(_Record):
    """An organisation, institution or group that takes part in events."""

    id: str = attrs.field(
        validator=check.slug, metadata={DOC: "Unique id among stakeholders, used to refer to this one."}
    )
    name: str = attrs.field(validator=check.text, eq=compared, metadata={DOC: "Full name.", TRANSLATABLE: True})
    acronym: str | None = attrs.field(
        default=None,
        validator=check.optional_text,
        eq=compared,
        metadata={DOC: 'Short name, such as ``"KRILA"``.', TRANSLATABLE: SHARED},
    )
    kind: StakeholderKind = attrs.field(metadata={DOC: "What sort of body it is."})
    country: str | None = attrs.field(
        default=None,
        validator=check.optional_country,
        metadata={DOC: "ISO 3166-1 alpha-2 code of the country it is based in or belongs to."},
    )
    part_of: str | None = attrs.field(
        default=None,
        validator=check.optional_slug,
        metadata={
            DOC: "Id of the larger stakeholder this one is a part of (an office of a department).",
            REFERS: "stakeholders",
        },
    )
    people: tuple[Person, ...] = attrs.field(
        default=(), metadata={DOC: "People of this stakeholder worth recording, such as its head."}
    )
    identifiers: Identifiers = attrs.field(
        default=Identifiers(),
        metadata={DOC: "Its identifiers in IATI, ROR and Wikidata; two stakeholders never share one."},
    )
    website: str | None = attrs.field(
        default=None, validator=check.optional_url, metadata={DOC: "Address of its website."}
    )

    @property
    def label(self) -> str:
        """The name followed by the acronym in parentheses, when there is one, in the record's language."""
        return f"{self.name} ({self.acronym})" if self.acronym else str(self.name)


@attrs.frozen(kw_only=True, repr=False)
class Location(_Record):
    """Where an event took place."""

    city: str | None = attrs.field(
        default=None, validator=check.optional_text, eq=compared, metadata={DOC: "City or town.", TRANSLATABLE: True}
    )
    country: str | None = attrs.field(
        default=None, validator=check.optional_country, metadata={DOC: "ISO 3166-1 alpha-2 country code."}
    )
    venue: str | None = attrs.field(
        default=None,
        validator=check.optional_text,
        eq=compared,
        metadata={DOC: "Building or venue.", TRANSLATABLE: True},
    )
    online: bool = attrs.field(default=False, metadata={DOC: "Whether people could take part online."})
    timezone: str | None = attrs.field(
        default=None,
        validator=check.optional_time_zone,
        metadata={
            DOC: 'IANA time zone of the place, such as ``"Asia/Seoul"``: the zone of the event\'s times that '
            "give no UTC offset, and the one calendars show."
        },
    )


@attrs.frozen(kw_only=True, repr=False)
class Participation(_Record):
    """A stakeholder's part in an event."""

    stakeholder: str = attrs.field(
        validator=check.slug, metadata={DOC: "Id of the stakeholder.", REFERS: "stakeholders"}
    )
    roles: tuple[Role, ...] = attrs.field(
        validator=check.not_empty, metadata={DOC: "What the stakeholder did at the event; at least one role."}
    )
    people: tuple[Person, ...] = attrs.field(default=(), metadata={DOC: "People who represented the stakeholder."})


@attrs.frozen(kw_only=True, repr=False)
class Relation(_Record):
    """A link from one event to another, such as a meeting that prepares a symposium."""

    event: str = attrs.field(validator=check.slug, metadata={DOC: "Id of the other event.", REFERS: "events"})
    relation: RelationKind = attrs.field(metadata={DOC: "How this event relates to the other one."})


@attrs.frozen(kw_only=True, repr=False)
class Objective(_Record):
    """Something an event set out to achieve."""

    id: str = attrs.field(validator=check.slug, metadata={DOC: "Id, unique within the event."})
    title: str = attrs.field(
        validator=check.text, eq=compared, metadata={DOC: "Short statement of the objective.", TRANSLATABLE: True}
    )
    text: str | None = attrs.field(
        default=None,
        validator=check.optional_text,
        eq=compared,
        metadata={DOC: "Longer description.", TRANSLATABLE: True},
    )
    principles: tuple[Principle, ...] = attrs.field(
        default=(), metadata={DOC: "Busan principles the objective serves."}
    )
    sdgs: tuple[str, ...] = attrs.field(
        default=(),
        validator=check.sdg_codes,
        metadata={DOC: 'Sustainable Development Goals or targets it serves, as codes such as ``"17.17"``.'},
    )


@attrs.frozen(kw_only=True, repr=False)
class Source(_Record):
    """Who a takeaway or a progress report comes from: a stakeholder, a person, or both."""

    stakeholder: str | None = attrs.field(
        default=None, validator=check.optional_slug, metadata={DOC: "Id of the stakeholder.", REFERS: "stakeholders"}
    )
    person: Person | None = attrs.field(
        default=None, metadata={DOC: "The person who said or reported it.", READS: ("stakeholder",)}
    )

    @person.validator
    def _names_someone(self, attribute: attrs.Attribute[Any], value: Person | None) -> None:
        if value is None and self.stakeholder is None:
            raise FieldValueError("person", "a source must name a 'stakeholder', a 'person' or both (got neither)")


@attrs.frozen(kw_only=True, repr=False)
class Takeaway(_Record):
    """Something that came out of an event: a key message, a recommendation, a quote and so on."""

    id: str = attrs.field(validator=check.slug, metadata={DOC: "Id, unique within the event."})
    text: str = attrs.field(
        validator=check.text, eq=compared, metadata={DOC: "What was said or concluded.", TRANSLATABLE: True}
    )
    kind: TakeawayKind = attrs.field(metadata={DOC: "What sort of takeaway it is."})
    objectives: tuple[str, ...] = attrs.field(
        default=(),
        validator=check.slugs,
        metadata={DOC: "Ids of the objectives of the same event that it answers.", REFERS: "objectives"},
    )
    themes: tuple[str, ...] = attrs.field(default=(), metadata={DOC: 'Free-text themes, such as ``"localisation"``.'})
    source: Source | None = attrs.field(
        default=None, metadata={DOC: "Who it comes from, for quotes and attributed messages."}
    )


@attrs.frozen(kw_only=True, repr=False)
class Endorsement(_Record):
    """A stakeholder's endorsement of a commitment, possibly long after it was made."""

    stakeholder: str = attrs.field(
        validator=check.slug, metadata={DOC: "Id of the endorsing stakeholder.", REFERS: "stakeholders"}
    )
    on: dt.date | None = attrs.field(default=None, metadata={DOC: "When it endorsed, if known."})


@attrs.frozen(kw_only=True, repr=False)
class ProgressUpdate(_Record):
    """A report on how far a commitment has come."""

    on: dt.date = attrs.field(metadata={DOC: "Date of the report."})
    status: CommitmentStatus = attrs.field(metadata={DOC: "Status of the commitment as of that date."})
    note: str | None = attrs.field(
        default=None,
        validator=check.optional_text,
        eq=compared,
        metadata={DOC: "What was done or found.", TRANSLATABLE: True},
    )
    percent: int | None = attrs.field(
        default=None, validator=check.percent, metadata={DOC: "Share of the commitment carried out, from 0 to 100."}
    )
    source: Source | None = attrs.field(default=None, metadata={DOC: "Who reported it."})


@attrs.frozen(kw_only=True, repr=False)
class Commitment(_Record):
    """A promise made at an event, with its owners, endorsers and follow-up."""

    id: str = attrs.field(validator=check.slug, metadata={DOC: "Unique id among commitments."})
    text: str = attrs.field(validator=check.text, eq=compared, metadata={DOC: "What was promised.", TRANSLATABLE: True})
    by: tuple[str, ...] = attrs.field(
        validator=check.slugs, metadata={DOC: "Ids of the stakeholders who made it.", REFERS: "stakeholders"}
    )
    endorsements: tuple[Endorsement, ...] = attrs.field(
        default=(), metadata={DOC: "Stakeholders who endorsed it, and when."}
    )
    kind: CommitmentKind = attrs.field(metadata={DOC: "What sort of promise it is."})
    made_on: dt.date | None = attrs.field(default=None, metadata={DOC: "When it was made."})
    due: dt.date | None = attrs.field(default=None, metadata={DOC: "When it is due."})
    deliverable: str | None = attrs.field(
        default=None,
        validator=check.optional_text,
        eq=compared,
        metadata={DOC: "What will be delivered.", TRANSLATABLE: True},
    )
    indicator: str | None = attrs.field(
        default=None,
        validator=check.optional_text,
        eq=compared,
        metadata={DOC: "How progress is measured.", TRANSLATABLE: True},
    )
    status: CommitmentStatus = attrs.field(
        default=CommitmentStatus.ANNOUNCED, metadata={DOC: "Status as last recorded."}
    )
    objectives: tuple[str, ...] = attrs.field(
        default=(),
        validator=check.slugs,
        metadata={DOC: "Ids of the objectives of the same event that it serves.", REFERS: "objectives"},
    )
    takeaways: tuple[str, ...] = attrs.field(
        default=(),
        validator=check.slugs,
        metadata={DOC: "Ids of the takeaways of the same event that it acts on.", REFERS: "takeaways"},
    )
    progress: tuple[ProgressUpdate, ...] = attrs.field(default=(), metadata={DOC: "Progress reports, oldest first."})


@attrs.frozen(kw_only=True, repr=False)
class Resource(_Record):
    """A document, recording or other material about an event."""

    title: str = attrs.field(
        validator=check.text, eq=compared, metadata={DOC: "Title as shown to readers.", TRANSLATABLE: True}
    )
    kind: ResourceKind = attrs.field(metadata={DOC: "What sort of material it is."})
    url: str | None = attrs.field(default=None, validator=check.optional_url, metadata={DOC: "Where to find it."})


@attrs.frozen(kw_only=True, repr=False)
class Event(_Record):
    """A workshop, meeting, forum, session or other event, and what came out of it."""

    id: str = attrs.field(validator=check.slug, metadata={DOC: "Unique id among events."})
    title: str = attrs.field(validator=check.text, eq=compared, metadata={DOC: "Full title.", TRANSLATABLE: True})
    format: EventFormat = attrs.field(metadata={DOC: "Format of the event."})
    categories: tuple[str, ...] = attrs.field(
        default=(), metadata={DOC: "Free-text categories, such as the event types of an organiser's calendar."}
    )
    series: str | None = attrs.field(
        default=None,
        validator=check.optional_not_blank,
        metadata={DOC: "Name of the series the event belongs to, for recurring events."},
    )
    edition: int | None = attrs.field(
        default=None, validator=check.positive, metadata={DOC: "Number of the edition within the series, from 1."}
    )
    start: dt.date | dt.datetime = attrs.field(metadata={DOC: "First day, or start time."})
    end: dt.date | dt.datetime | None = attrs.field(
        default=None, metadata={DOC: "Last day, or end time; not before :attr:`start`.", READS: ("start",)}
    )
    location: Location | None = attrs.field(default=None, metadata={DOC: "Where it took place."})
    url: str | None = attrs.field(
        default=None, validator=check.optional_url, metadata={DOC: "The event's own web page."}
    )
    languages: tuple[str, ...] = attrs.field(
        default=(),
        validator=check.language_tags,
        metadata={DOC: 'Languages it was held in, as BCP 47 tags such as ``"en"`` or ``"ko"``.'},
    )
    summary: str | None = attrs.field(
        default=None,
        validator=check.optional_text,
        eq=compared,
        metadata={DOC: "A short account of the event.", TRANSLATABLE: True},
    )
    part_of: str | None = attrs.field(
        default=None,
        validator=check.optional_slug,
        metadata={
            DOC: "Id of the larger event this one is a part of, such as the forum a session belongs to.",
            REFERS: "events",
        },
    )
    related: tuple[Relation, ...] = attrs.field(default=(), metadata={DOC: "Links to other events."})
    participants: tuple[Participation, ...] = attrs.field(
        default=(), metadata={DOC: "Stakeholders who took part, with their roles."}
    )
    objectives: tuple[Objective, ...] = attrs.field(default=(), metadata={DOC: "What the event set out to achieve."})
    takeaways: tuple[Takeaway, ...] = attrs.field(default=(), metadata={DOC: "What came out of it."})
    commitments: tuple[Commitment, ...] = attrs.field(default=(), metadata={DOC: "What was promised at it."})
    themes: tuple[str, ...] = attrs.field(default=(), metadata={DOC: "Free-text themes or key terms."})
    audience: tuple[CountryGroup, ...] = attrs.field(
        default=(), metadata={DOC: "Groups of countries the event addressed."}
    )
    regions: tuple[str, ...] = attrs.field(
        default=(), metadata={DOC: 'Free-text world regions the event addressed, such as ``"Asia-Pacific"``.'}
    )
    resources: tuple[Resource, ...] = attrs.field(default=(), metadata={DOC: "Reports, recordings and other material."})

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

    @property
    def warnings(self) -> Sequence[Problem]:
        """What reading the files found worth a warning but not an error, such as a link left out."""
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

    language: str = attrs.field(
        default=DEFAULT_LANGUAGE,
        validator=check.language_tag,
        metadata={
            DOC: 'BCP 47 tag of the language of the record\'s plain texts, such as ``"ko"``; English by default.'
        },
    )
    stakeholders: tuple[Stakeholder, ...] = attrs.field(
        default=(), metadata={DOC: "Every stakeholder, each with a unique id."}
    )
    events: tuple[Event, ...] = attrs.field(
        default=(), metadata={DOC: "Every event, sessions included, each with a unique id."}
    )

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
