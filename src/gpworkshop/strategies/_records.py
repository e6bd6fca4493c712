"""Strategies for whole records: commitments, events and knowledge bases that hold together."""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Iterator, Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gpworkshop.identifiers import canonical, listed
from gpworkshop.model import Commitment, Event, Identifiers, KnowledgeBase, Participation, Stakeholder
from gpworkshop.multilingual import DEFAULT_LANGUAGE
from gpworkshop.strategies._basics import (
    EARLIEST,
    LATEST,
    ids,
    language_tags,
    moments,
    texts,
    translatable_texts,
    vocabulary_values,
)
from gpworkshop.strategies._parts import (
    built,
    endorsements,
    locations,
    objectives,
    people,
    progress_updates,
    relations,
    resources,
    some_of,
    takeaways,
    web_addresses,
)
from gpworkshop.strategies._parts import stakeholders as drawn_stakeholders
from gpworkshop.vocab import CommitmentKind, CommitmentStatus, CountryGroup, EventFormat, Role, StakeholderKind

__all__ = ["commitments", "events", "knowledge_bases"]

V = TypeVar("V")

_FEW = st.integers(min_value=0, max_value=3)
_DAYS = st.integers(min_value=0, max_value=3650)
_LABELS = st.lists(texts(max_size=20), max_size=3).map(tuple)


def _check_fields(cls: type, fields: dict[str, st.SearchStrategy[Any]]) -> None:
    built(cls, {}, fields)  # raises InvalidArgument for a field the class does not have


def _distinct_ids(draw: st.DrawFn, count: int, prefix: str) -> list[str]:
    return [f"{prefix}{index}-{draw(ids())}" for index in range(count)]


@st.composite
def commitments(
    draw: st.DrawFn,
    /,
    *,
    stakeholder_ids: Sequence[str] = ("a-stakeholder",),
    objective_ids: Sequence[str] = (),
    takeaway_ids: Sequence[str] = (),
    as_of: dt.date = LATEST,
    **fields: st.SearchStrategy[Any],
) -> Commitment:
    """Commitments by some of *stakeholder_ids*, with endorsements and progress over time up to *as_of*.

    Dates are in order: endorsements and progress come on or after the day the
    commitment was made and no later than *as_of*; progress is listed oldest
    first and the status is the latest update's.
    """
    if not stakeholder_ids:
        raise InvalidArgument("a commitment needs at least one stakeholder id to be made by")
    _check_fields(Commitment, fields)
    made_on = draw(st.none() | st.dates(min_value=EARLIEST, max_value=as_of))
    after = made_on or EARLIEST
    updates = sorted(
        (draw(progress_updates(stakeholder_ids=stakeholder_ids, after=after, before=as_of)) for _ in range(draw(_FEW))),
        key=lambda update: update.on,
    )
    values: dict[str, Any] = {
        "id": draw(ids()),
        "text": draw(translatable_texts(max_size=200, multiline=True)),
        "by": draw(st.lists(st.sampled_from(tuple(stakeholder_ids)), min_size=1, max_size=3, unique=True).map(tuple)),
        "endorsements": tuple(
            draw(endorsements(stakeholder_ids=[endorser], after=after, before=as_of))
            for endorser in draw(some_of(stakeholder_ids))
        ),
        "kind": draw(vocabulary_values(CommitmentKind)),
        "made_on": made_on,
        "due": after + dt.timedelta(days=draw(_DAYS)) if draw(st.booleans()) else None,
        "deliverable": draw(st.none() | translatable_texts(max_size=80)),
        "indicator": draw(st.none() | translatable_texts(max_size=80)),
        "status": updates[-1].status if updates else draw(vocabulary_values(CommitmentStatus)),
        "objectives": draw(some_of(objective_ids)),
        "takeaways": draw(some_of(takeaway_ids)),
        "progress": tuple(updates),
    }
    values.update({name: draw(strategy) for name, strategy in fields.items()})
    return Commitment(**values)


def _end(draw: st.DrawFn, start: dt.date) -> dt.date | None:
    if not draw(st.booleans()):
        return None
    if isinstance(start, dt.datetime):
        return start + dt.timedelta(minutes=draw(st.integers(0, 5 * 24 * 60)))
    return start + dt.timedelta(days=draw(st.integers(0, 5)))


@st.composite
def events(
    draw: st.DrawFn,
    /,
    *,
    stakeholder_ids: Sequence[str] = (),
    event_ids: Sequence[str] = (),
    part_of: Sequence[str] = (),
    series: Sequence[str] = (),
    max_items: int = 3,
    as_of: dt.date = LATEST,
    **fields: st.SearchStrategy[Any],
) -> Event:
    """Events whose objectives, takeaways, commitments and participants refer to each other correctly.

    :param stakeholder_ids: what participants, sources and commitment owners refer to.
    :param event_ids: what related events refer to.
    :param part_of: events this one may be a session of.
    :param series: series names the event may belong to.
    :param max_items: the most objectives, takeaways and commitments of each kind.
    :param as_of: the latest day an event starts and a commitment's news is dated.
    :param fields: a strategy for any field of :class:`~gpworkshop.Event`, used instead of the default.
    """
    if max_items < 0:
        raise InvalidArgument(f"max_items must be at least 0 (got {max_items})")
    _check_fields(Event, fields)
    count = st.integers(0, max_items)
    objective_ids = _distinct_ids(draw, draw(count), "o")
    takeaway_ids = _distinct_ids(draw, draw(count), "t")
    start = draw(moments(max_value=as_of))
    participants = tuple(
        Participation(
            stakeholder=stakeholder,
            roles=draw(st.lists(vocabulary_values(Role), min_size=1, max_size=3, unique=True).map(tuple)),
            people=draw(st.lists(people(), max_size=2).map(tuple)),
        )
        for stakeholder in draw(some_of(stakeholder_ids, max_size=5))
    )
    promises: list[Commitment] = []
    if stakeholder_ids:
        made = commitments(
            stakeholder_ids=stakeholder_ids, objective_ids=objective_ids, takeaway_ids=takeaway_ids, as_of=as_of
        )
        promises = [attrs.evolve(draw(made), id=cid) for cid in _distinct_ids(draw, draw(count), "c")]
    takeaway = takeaways(objective_ids=objective_ids, stakeholder_ids=stakeholder_ids)
    in_series = draw(st.none() | (st.sampled_from(tuple(series)) if series else texts(max_size=40)))
    values: dict[str, Any] = {
        "id": draw(ids()),
        "title": draw(translatable_texts()),
        "format": draw(vocabulary_values(EventFormat)),
        "categories": draw(_LABELS),
        "series": in_series,
        "edition": draw(st.none() | st.integers(1, 60)) if in_series else None,
        "start": start,
        "end": _end(draw, start),
        "location": draw(st.none() | locations()),
        "url": draw(st.none() | web_addresses()),
        "languages": draw(st.lists(language_tags(), max_size=2, unique=True).map(tuple)),
        "summary": draw(st.none() | translatable_texts(max_size=300, multiline=True)),
        "part_of": draw(st.none() | st.sampled_from(tuple(part_of))) if part_of else None,
        "related": tuple(draw(relations(event_ids=[other])) for other in draw(some_of(event_ids))),
        "participants": participants,
        "objectives": tuple(attrs.evolve(draw(objectives()), id=oid) for oid in objective_ids),
        "takeaways": tuple(attrs.evolve(draw(takeaway), id=tid) for tid in takeaway_ids),
        "commitments": tuple(promises),
        "themes": draw(_LABELS),
        "audience": draw(some_of(tuple(CountryGroup), max_size=3)),
        "regions": draw(_LABELS),
        "resources": draw(st.lists(resources(), max_size=2).map(tuple)),
    }
    values.update({name: draw(strategy) for name, strategy in fields.items()})
    return Event(**values)


def _identifiers_of(stakeholders: Sequence[Stakeholder]) -> set[tuple[str, str]]:
    return {
        (kind, canonical(kind, value))
        for stakeholder in stakeholders
        for kind, value in listed(stakeholder.identifiers)
    }


def _unshared(identifiers: Identifiers, taken: set[tuple[str, str]]) -> Identifiers:
    """*identifiers* without those another stakeholder has, which would make the two one organisation."""
    kept = {}
    for kind, value in listed(identifiers):
        if (kind, canonical(kind, value)) not in taken:
            taken.add((kind, canonical(kind, value)))
            kept[kind] = value
    return Identifiers(**kept)


def _rotation(draw: st.DrawFn, members: list[V]) -> Iterator[V]:
    # A wide range spreads the start evenly; a narrow one would favour the first members.
    start = draw(st.integers(0, 2**16)) % len(members)
    return itertools.islice(itertools.cycle(members), start, None)


@st.composite
def knowledge_bases(
    draw: st.DrawFn,
    /,
    *,
    stakeholders: Sequence[Stakeholder] = (),
    min_stakeholders: int = 0,
    max_stakeholders: int = 5,
    min_events: int = 0,
    max_events: int = 4,
    max_items: int = 3,
    as_of: dt.date = LATEST,
) -> KnowledgeBase:
    """Whole knowledge bases in which ids are unique and every reference resolves.

    Later events may be sessions of earlier ones, relate to them, or continue
    their series, with editions numbered in order; stakeholders may be part of
    earlier ones. Commitment ids are unique across the knowledge base. The
    record's language is English more often than not; its texts may be in
    several languages.

    :param stakeholders: stakeholders to include as they are, first; drawn ones come after them.
    :param as_of: no event starts, and no commitment news is dated, after this day.
    """
    if not 0 <= min_stakeholders <= max_stakeholders:
        raise InvalidArgument(
            f"need 0 <= min_stakeholders <= max_stakeholders (got {min_stakeholders}, {max_stakeholders})"
        )
    if not 0 <= min_events <= max_events:
        raise InvalidArgument(f"need 0 <= min_events <= max_events (got {min_events}, {max_events})")
    fixed = list(stakeholders)
    if len({s.id for s in fixed}) != len(fixed):
        raise InvalidArgument("the given stakeholders must have distinct ids")
    drawn_ids = _distinct_ids(draw, draw(st.integers(min_stakeholders, max_stakeholders)), "s")
    known = [s.id for s in fixed]
    everyone = fixed[:]
    # Kinds and formats go round their vocabulary from a drawn start, so that a few
    # records between them hold every value rather than the first ones many times.
    kinds = _rotation(draw, list(StakeholderKind))
    taken = _identifiers_of(fixed)
    for stakeholder_id in drawn_ids:
        stakeholder = draw(drawn_stakeholders(part_of=known))
        identifiers = _unshared(stakeholder.identifiers, taken)
        everyone.append(attrs.evolve(stakeholder, id=stakeholder_id, kind=next(kinds), identifiers=identifiers))
        known.append(stakeholder_id)
    event_ids = _distinct_ids(draw, draw(st.integers(min_events, max_events)), "e")
    series_names = draw(st.lists(texts(max_size=30), max_size=2, unique=True))
    numbers = itertools.count()
    formats = _rotation(draw, list(EventFormat))
    editions: dict[str, int] = {}
    recorded: list[Event] = []
    for index, event_id in enumerate(event_ids):
        event = draw(
            events(
                stakeholder_ids=known,
                event_ids=event_ids[:index],
                part_of=event_ids[:index],
                series=series_names,
                max_items=max_items,
                as_of=as_of,
            )
        )
        edition = None
        if event.series is not None:
            edition = editions[event.series] = editions.get(event.series, 0) + 1
        recorded.append(
            attrs.evolve(
                event,
                id=event_id,
                format=next(formats),
                edition=edition,
                commitments=tuple(
                    attrs.evolve(c, id=f"c{next(numbers)}-{c.id.partition('-')[2]}") for c in event.commitments
                ),
            )
        )
    language = draw(st.sampled_from((DEFAULT_LANGUAGE, DEFAULT_LANGUAGE)) | language_tags())
    return KnowledgeBase(language=language, stakeholders=tuple(everyone), events=tuple(recorded))
