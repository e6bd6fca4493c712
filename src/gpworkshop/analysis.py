"""Analyses that answer the accountability questions of a record.

Pure functions of a knowledge base: which objectives the outcomes answer,
where each commitment stands on a given day, who took part (and how local
the mix was), and what became of the commitments of one edition of a series
by the next.

>>> import datetime as dt
>>> import gpworkshop as gw
>>> from gpworkshop import analysis
>>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
>>> [c.objective.id for c in analysis.objective_coverage(kb, "busan-gp-workshop-2014") if not c.covered]
['building-blocks']
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable

import attrs

from gpworkshop._validators import day_of
from gpworkshop.model import Commitment, Event, KnowledgeBase, Objective, ProgressUpdate, Stakeholder, Takeaway
from gpworkshop.vocab import CommitmentStatus, Role, StakeholderKind

__all__ = [
    "INTERNATIONAL",
    "STALE_AFTER",
    "UNCLASSIFIED",
    "CommitmentStanding",
    "EditionFollowUp",
    "ObjectiveCoverage",
    "StakeholderMix",
    "commitment_standing",
    "edition_follow_up",
    "event_family",
    "events_in",
    "narrowed",
    "objective_coverage",
    "stakeholder_mix",
    "standing_of",
    "tally",
    "uncovered_objectives",
]

#: How long an open commitment may go without a progress report before it counts as stale.
STALE_AFTER = dt.timedelta(days=365)


def event_family(kb: KnowledgeBase, event_id: str) -> tuple[Event, ...]:
    """The event and every event that is part of it, at any depth, the event first.

    Each event comes once, even in a record loaded unchecked whose sessions are part of each other in a cycle.
    """
    family = [kb.event(event_id)]
    seen = {event_id}
    for member in family:
        for session in kb.sessions_of(member):
            if session.id not in seen:
                seen.add(session.id)
                family.append(session)
    return tuple(family)


def events_in(kb: KnowledgeBase, *, event: str | None = None, series: str | None = None) -> tuple[Event, ...]:
    """The events a question is narrowed to, in record order.

    :param event: this event and its sessions, at any depth.
    :param series: the editions of this series and their sessions.

    With both, the events that are in both; with neither, every event.

    :raises UnknownIdError: if no event has the id *event*.

    >>> import gpworkshop as gw
    >>> kb = gw.load("examples/regional-symposium-2023")
    >>> len(events_in(kb)), len(events_in(kb, event="regional-symposium-2023"))
    (5, 4)
    """
    allowed = {member.id for member in kb.events}
    if event is not None:
        allowed &= {member.id for member in event_family(kb, event)}
    if series is not None:
        allowed &= {member.id for edition in kb.editions(series) for member in event_family(kb, edition.id)}
    return tuple(member for member in kb.events if member.id in allowed)


def narrowed(
    kb: KnowledgeBase,
    *,
    events: Iterable[str] = (),
    series: str | None = None,
    open_on: dt.date | None = None,
) -> KnowledgeBase:
    """*kb* narrowed to some events and their sessions, or to the commitments still open on a day.

    Every stakeholder is kept, so that the narrowed record still resolves;
    what is exported from it (a calendar, a schedule) names only what it holds.

    :param events: these events and their sessions, at any depth; every event when none is given.
    :param series: only the editions of this series and their sessions.
    :param open_on: only the commitments whose work was still expected on that day (announced or in progress),
        as :func:`standing_of` judges it; the events are kept, with or without commitments.
    :raises UnknownIdError: if no event has one of the ids in *events*.

    >>> import datetime as dt
    >>> import gpworkshop as gw
    >>> kb = gw.load("examples/regional-symposium-2023")
    >>> [event.id for event in narrowed(kb, events=["lgpf-2023-korean-cases-roundtable"]).events]
    ['lgpf-2023-korean-cases-roundtable']
    """
    wanted = list(events)
    kept = {member.id for member in events_in(kb, series=series)}
    if wanted:
        kept &= {member.id for event_id in wanted for member in event_family(kb, event_id)}
    chosen = [event for event in kb.events if event.id in kept]
    if open_on is not None:
        chosen = [
            attrs.evolve(
                event,
                commitments=tuple(c for c in event.commitments if standing_of(event, c, open_on).status.is_open),
            )
            for event in chosen
        ]
    return KnowledgeBase(stakeholders=kb.stakeholders, events=tuple(chosen))


@attrs.frozen
class ObjectiveCoverage:
    """The takeaways and commitments of an event that answer one of its objectives."""

    #: The objective.
    objective: Objective
    #: Takeaways that name the objective, in record order.
    takeaways: tuple[Takeaway, ...]
    #: Commitments that name the objective, in record order.
    commitments: tuple[Commitment, ...]

    @property
    def covered(self) -> bool:
        """Whether anything answers the objective."""
        return bool(self.takeaways or self.commitments)


def objective_coverage(kb: KnowledgeBase, event_id: str) -> tuple[ObjectiveCoverage, ...]:
    """For each objective of the event, what answers it.

    :raises UnknownIdError: if there is no such event.
    """
    event = kb.event(event_id)
    return tuple(
        ObjectiveCoverage(
            objective=objective,
            takeaways=tuple(t for t in event.takeaways if objective.id in t.objectives),
            commitments=tuple(c for c in event.commitments if objective.id in c.objectives),
        )
        for objective in event.objectives
    )


def uncovered_objectives(kb: KnowledgeBase, event_id: str) -> tuple[Objective, ...]:
    """The objectives of the event that no takeaway or commitment answers."""
    return tuple(coverage.objective for coverage in objective_coverage(kb, event_id) if not coverage.covered)


@attrs.frozen
class CommitmentStanding:
    """Where a commitment stood on a given day."""

    #: The commitment.
    commitment: Commitment
    #: The event it was made at.
    event: Event
    #: The day of the assessment.
    as_of: dt.date
    #: The status on that day: the recorded status once every progress update is known, else that of
    #: the latest update up to then (``announced`` before the first).
    status: CommitmentStatus
    #: The latest progress update up to that day.
    latest: ProgressUpdate | None
    #: Whether it was open and past its due date.
    overdue: bool
    #: Whether it was open with no news for longer than :data:`STALE_AFTER`.
    stale: bool
    #: What it lacks to be SMART: ``"due date"``, ``"deliverable or indicator"``.
    gaps: tuple[str, ...]

    @property
    def last_news(self) -> dt.date:
        """The day of the latest progress update, or else the day the commitment was made."""
        if self.latest is not None:
            return self.latest.on
        return self.commitment.made_on or day_of(self.event.end or self.event.start)


def standing_of(event: Event, commitment: Commitment, as_of: dt.date) -> CommitmentStanding:
    """Where *commitment*, made at *event*, stood on *as_of*."""
    reported = [update for update in commitment.progress if update.on <= as_of]
    latest = reported[-1] if reported else None
    if len(reported) == len(commitment.progress):
        # Every update is known by then: the recorded status is the latest word.
        status = commitment.status
    elif latest is not None:
        status = latest.status
    else:
        status = CommitmentStatus.ANNOUNCED
    gaps = []
    if commitment.due is None:
        gaps.append("due date")
    if commitment.deliverable is None and commitment.indicator is None:
        gaps.append("deliverable or indicator")
    last_news = latest.on if latest is not None else commitment.made_on or day_of(event.end or event.start)
    open_ = status.is_open
    return CommitmentStanding(
        commitment=commitment,
        event=event,
        as_of=as_of,
        status=status,
        latest=latest,
        overdue=open_ and commitment.due is not None and commitment.due < as_of,
        stale=open_ and as_of - last_news > STALE_AFTER,
        gaps=tuple(gaps),
    )


def commitment_standing(
    kb: KnowledgeBase,
    *,
    as_of: dt.date | None = None,
    stakeholder: str | None = None,
    event: str | None = None,
    series: str | None = None,
    status: CommitmentStatus | None = None,
) -> tuple[CommitmentStanding, ...]:
    """Where every commitment stood on *as_of* (today if not given), in record order.

    :param stakeholder: only commitments this stakeholder made or endorsed.
    :param event: only commitments made at this event or its sessions.
    :param series: only commitments made at events of this series or their sessions.
    :param status: only commitments with this status on *as_of*.
    """
    day = as_of or dt.date.today()
    standings = []
    for made_at in events_in(kb, event=event, series=series):
        for commitment in made_at.commitments:
            if stakeholder is not None and stakeholder not in _involved(commitment):
                continue
            standing = standing_of(made_at, commitment, day)
            if status is None or standing.status is status:
                standings.append(standing)
    return tuple(standings)


def _involved(commitment: Commitment) -> set[str]:
    return {*commitment.by, *(endorsement.stakeholder for endorsement in commitment.endorsements)}


#: Kinds of stakeholder that act from outside the countries where development happens.
INTERNATIONAL = frozenset({StakeholderKind.UN_ENTITY, StakeholderKind.MULTILATERAL, StakeholderKind.BILATERAL_PROVIDER})
#: Kinds whose place cannot be told from the kind alone.
UNCLASSIFIED = frozenset({StakeholderKind.NETWORK, StakeholderKind.OTHER})


@attrs.frozen
class StakeholderMix:
    """Who took part: counts of distinct stakeholders by kind, country and role."""

    #: Stakeholders by kind, most frequent first, then in vocabulary order.
    by_kind: tuple[tuple[StakeholderKind, int], ...]
    #: Stakeholders by country code, most frequent first; ``None`` counts those without a country.
    by_country: tuple[tuple[str | None, int], ...]
    #: Stakeholders by role, in vocabulary order; one stakeholder may count under several roles.
    by_role: tuple[tuple[Role, int], ...]
    #: Local and national actors: governments, public bodies, research, academia, civil society, business.
    local_and_national: int
    #: International actors: UN entities, multilaterals, bilateral providers.
    international: int
    #: Networks and others, whose place the record does not tell.
    unclassified: int

    @property
    def total(self) -> int:
        """The number of distinct stakeholders."""
        return self.local_and_national + self.international + self.unclassified

    @property
    def local_share(self) -> float | None:
        """The share of local and national actors among those classified, or ``None`` when none are."""
        classified = self.local_and_national + self.international
        return self.local_and_national / classified if classified else None


def stakeholder_mix(kb: KnowledgeBase, event_id: str | None = None, *, series: str | None = None) -> StakeholderMix:
    """The mix of the stakeholders taking part in an event and its sessions, or in every event of *kb*.

    *series* narrows the events as in :func:`events_in`. Stakeholders that are
    referred to but not recorded in *kb* are left out.
    """
    events = events_in(kb, event=event_id, series=series)
    roles: dict[str, set[Role]] = {}
    for event in events:
        for participation in event.participants:
            roles.setdefault(participation.stakeholder, set()).update(participation.roles)
    recorded = {stakeholder.id for stakeholder in kb.stakeholders}
    known = [kb.stakeholder(sid) for sid in roles if sid in recorded]
    by_kind, by_country = tally(known)
    role_counts = Counter(role for stakeholder in known for role in roles[stakeholder.id])
    return StakeholderMix(
        by_kind=by_kind,
        by_country=by_country,
        by_role=tuple((role, role_counts[role]) for role in Role if role_counts[role]),
        local_and_national=sum(n for kind, n in by_kind if kind not in INTERNATIONAL | UNCLASSIFIED),
        international=sum(n for kind, n in by_kind if kind in INTERNATIONAL),
        unclassified=sum(n for kind, n in by_kind if kind in UNCLASSIFIED),
    )


def tally(
    stakeholders: Iterable[Stakeholder],
) -> tuple[tuple[tuple[StakeholderKind, int], ...], tuple[tuple[str | None, int], ...]]:
    """How many of *stakeholders* there are of each kind and from each country, the most first.

    Ties go in vocabulary order for kinds and alphabetical order for
    countries, with stakeholders of no country last.

    >>> from gpworkshop import Stakeholder, StakeholderKind
    >>> by_kind, by_country = tally([
    ...     Stakeholder(id="krila", name="KRILA", kind=StakeholderKind.RESEARCH_INSTITUTE, country="KR"),
    ...     Stakeholder(id="unpog", name="UNPOG", kind=StakeholderKind.UN_ENTITY),
    ... ])
    >>> by_country
    (('KR', 1), (None, 1))
    """
    listed = list(stakeholders)
    order = list(StakeholderKind)
    kinds = Counter(stakeholder.kind for stakeholder in listed)
    countries = Counter(stakeholder.country for stakeholder in listed)
    return (
        tuple(sorted(kinds.items(), key=lambda item: (-item[1], order.index(item[0])))),
        tuple(sorted(countries.items(), key=lambda item: (-item[1], item[0] or "~"))),
    )


@attrs.frozen
class EditionFollowUp:
    """What became of the commitments of one edition of a series by the next."""

    #: The edition the commitments were made at.
    edition: Event
    #: The next edition, if there is one yet.
    next_edition: Event | None
    #: Where each commitment of the edition and its sessions stood when the next edition began (or on *as_of*).
    commitments: tuple[CommitmentStanding, ...]


def edition_follow_up(kb: KnowledgeBase, series: str, *, as_of: dt.date | None = None) -> tuple[EditionFollowUp, ...]:
    """For each edition of *series*, its commitments as they stood at the start of the next edition.

    The last edition's commitments are judged on *as_of* (today if not given).
    """
    editions = kb.editions(series)
    follow_ups = []
    for position, edition in enumerate(editions):
        following = editions[position + 1] if position + 1 < len(editions) else None
        day = day_of(following.start) if following is not None else as_of or dt.date.today()
        family = event_family(kb, edition.id)
        standings = tuple(
            standing_of(member, commitment, day) for member in family for commitment in member.commitments
        )
        follow_ups.append(EditionFollowUp(edition=edition, next_edition=following, commitments=standings))
    return tuple(follow_ups)
