"""The integrity checks: ids unique, references that resolve, no cycles, the dates of a commitment in order.

Loading a record runs them on every record it reads, and almost every
record is sound; so each event is first looked at by :func:`_sound`, which
only ever says that the full checks would find nothing in it, and costs a
look at each reference. An event it cannot vouch for is looked through by
the full checks, which say what is wrong and where, in the order of the
record.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import Any, NamedTuple

from gpworkshop import codes
from gpworkshop._definitions import differences
from gpworkshop._validators import is_earlier
from gpworkshop._wording import excerpt
from gpworkshop.model import Commitment, Event, Identifiers, KnowledgeBase, Source

__all__ = ["Finding", "Path", "integrity", "out_of_order"]

#: A path into a knowledge base: field names and list indices.
Path = tuple[str | int, ...]

_NO_IDENTIFIERS = Identifiers()
_Parents = dict[str, tuple[str | None, int]]
#: The ids of a kind: a frozen set when one could not be read (see :class:`_Unread`).
_Ids = set[str] | frozenset[str]


class Finding(NamedTuple):
    """What a check found, before it is located: a record's check may find thousands."""

    path: Path
    code: str
    message: str
    #: Another place the message names, such as the first use of a duplicate id.
    also: Path | None = None


def integrity(kb: KnowledgeBase) -> Iterator[Finding]:
    """Every integrity error of *kb*, in the order of the record."""
    stakeholder_ids = _ids(kb.stakeholders)
    event_ids = _ids(kb.events)
    if len(stakeholder_ids) < len(kb.stakeholders):
        yield from _duplicates(((("stakeholders", i), s) for i, s in enumerate(kb.stakeholders)), "stakeholder")
    if len(event_ids) < len(kb.events):
        yield from _duplicates(((("events", i), e) for i, e in enumerate(kb.events)), "event")
    commitments = sum(len(event.commitments) for event in kb.events)
    if len({commitment.id for event in kb.events for commitment in event.commitments}) < commitments:
        yield from _duplicates(
            (
                (("events", i, "commitments", j), c)
                for i, event in enumerate(kb.events)
                for j, c in enumerate(event.commitments)
            ),
            "commitment",
        )
    if any(stakeholder.identifiers != _NO_IDENTIFIERS for stakeholder in kb.stakeholders):
        yield from _shared_identifiers(kb)
    if any(stakeholder.part_of is not None for stakeholder in kb.stakeholders):
        yield from _stakeholder_parents(kb, stakeholder_ids)
    # Which event first uses each id matters only to events part of or related to others; most are neither.
    parents: _Parents | None = None
    for index, event in enumerate(kb.events):
        if event.part_of is not None or event.related:
            if parents is None:
                parents = _first_parents(kb.events)
            yield from _event_links(("events", index), event, event_ids, parents)
        if not _sound(event, stakeholder_ids):
            yield from _event_parts(("events", index), event, stakeholder_ids)


def _duplicates(items: Iterable[tuple[Path, Any]], kind: str) -> Iterator[Finding]:
    """Objects of *kind* with the id of an earlier one, naming the fields in which the two differ."""
    first: dict[str, tuple[Path, Any]] = {}
    for path, item in items:
        earlier = first.get(item.id)
        if earlier is None:
            first[item.id] = (path, item)
            continue
        differ = differences(earlier[1], item)
        why = f", with other values of {', '.join(differ)}" if differ else ""
        yield Finding(
            (*path, "id"),
            codes.DUPLICATE_ID,
            f"the {kind} id {excerpt(item.id)} is already used by {{also}}{why}; ids must be unique, and an object "
            "written in several files must be written the same in each",
            also=earlier[0],
        )


def _shared_identifiers(kb: KnowledgeBase) -> Iterator[Finding]:
    from gpworkshop.identifiers import NAMES, canonical, listed  # noqa: PLC0415  (only records with identifiers need it)

    first: dict[tuple[str, str], tuple[Path, str]] = {}
    for index, stakeholder in enumerate(kb.stakeholders):
        for kind, value in listed(stakeholder.identifiers):
            path: Path = ("stakeholders", index, "identifiers", kind)
            earlier = first.setdefault((kind, canonical(kind, value)), (path, stakeholder.id))
            if earlier[0] != path and earlier[1] != stakeholder.id:
                yield Finding(
                    path,
                    codes.DUPLICATE_IDENTIFIER,
                    f"the stakeholder {excerpt(stakeholder.id)} has the {NAMES[kind]} identifier {excerpt(value)} of "
                    f"{excerpt(earlier[1])} at {{also}}; they are one organisation",
                    also=earlier[0],
                )


def _unknown(path: Path, kind: str, wanted: str, known: Iterable[str], scope: str = "") -> Finding:
    from gpworkshop._wording import suggest  # noqa: PLC0415  (difflib is needed only when something is wrong)

    # In a record being loaded, a reference that could not be read is None; its finding is not reported.
    hint = suggest(wanted, sorted(known)) if isinstance(wanted, str) else ""
    return Finding(path, codes.UNKNOWN_REFERENCE, f"no {kind}{scope} has the id {excerpt(wanted)}{hint}")


class _Unread(frozenset[str]):
    """The ids of a kind when one of them could not be read: any reference may name that one."""

    def __contains__(self, _item: object) -> bool:
        return True


def _ids(items: Iterable[Any]) -> _Ids:
    ids = {item.id for item in items}
    return _Unread(id_ for id_ in ids if id_ is not None) if None in ids else ids


def _stakeholder_parents(kb: KnowledgeBase, stakeholder_ids: AbstractSet[str]) -> Iterator[Finding]:
    parents = _first_parents(kb.stakeholders)
    for index, stakeholder in enumerate(kb.stakeholders):
        if stakeholder.part_of is None:
            continue
        path: Path = ("stakeholders", index, "part_of")
        if stakeholder.part_of not in stakeholder_ids:
            yield _unknown(path, "stakeholder", stakeholder.part_of, stakeholder_ids)
        elif parents.get(stakeholder.id, (None, -1))[1] == index and _in_cycle(stakeholder.id, parents):
            yield Finding(
                path, codes.CYCLE, f"the stakeholder {excerpt(stakeholder.id)} is part of itself through 'part_of'"
            )


def _first_parents(items: tuple[Any, ...]) -> _Parents:
    """The ``part_of`` of each id, with the index of the object, as written where the id is first used.

    A later object with the same id is a duplicate, reported as such; what it
    is part of says nothing about the first one.
    """
    parents: _Parents = {}
    for index, item in enumerate(items):
        parents.setdefault(item.id, (item.part_of, index))
    return parents


def _in_cycle(start: str, parents: _Parents) -> bool:
    seen = {start}
    current = parents.get(start, (None, -1))[0]
    while current is not None:
        if current in seen:
            return current == start
        seen.add(current)
        current = parents.get(current, (None, -1))[0]
    return False


def _event_links(at: Path, event: Event, event_ids: AbstractSet[str], parents: _Parents) -> Iterator[Finding]:
    """What is wrong with the events *event* is part of or related to."""
    # An event that repeats the id of an earlier one is reported as a duplicate; whether it is
    # part of or related to itself cannot be told, as its id names the other one.
    first = parents.get(event.id, (None, -1))[1] == at[-1]
    if event.part_of is not None:
        if event.part_of not in event_ids:
            yield _unknown((*at, "part_of"), "event", event.part_of, event_ids)
        elif first and _in_cycle(event.id, parents):
            yield Finding(
                (*at, "part_of"), codes.CYCLE, f"the event {excerpt(event.id)} is part of itself through 'part_of'"
            )
    for index, relation in enumerate(event.related):
        path = (*at, "related", index, "event")
        if relation.event == event.id:
            if first:
                yield Finding(path, codes.CYCLE, f"the event {excerpt(event.id)} cannot relate to itself")
        elif relation.event not in event_ids:
            yield _unknown(path, "event", relation.event, event_ids)


_DAY = dt.date


def _sound(event: Event, stakeholder_ids: _Ids) -> bool:
    """Whether :func:`_event_parts` would find nothing in *event*; false whenever that cannot be told at a glance.

    Sets are asked ``issuperset``, which reads what they hold: the ids of a
    kind of which one could not be read, which take any reference as
    resolved, are looked through by the full checks. Dates are compared here
    only when all are plain dates; a datetime is compared by the rules of
    :func:`~gpworkshop._validators.is_earlier`, in the full checks.
    """
    objective_ids = {objective.id for objective in event.objectives}
    takeaway_ids = {takeaway.id for takeaway in event.takeaways}
    if len(objective_ids) < len(event.objectives) or len(takeaway_ids) < len(event.takeaways):
        return False
    participants = [participation.stakeholder for participation in event.participants]
    if len(set(participants)) < len(participants) or not stakeholder_ids.issuperset(participants):
        return False
    # One look at all the takeaways' objectives: a call per takeaway costs more than the looking.
    if not objective_ids.issuperset([objective for takeaway in event.takeaways for objective in takeaway.objectives]):
        return False
    for takeaway in event.takeaways:
        if takeaway.source is not None and _unknown_source(takeaway.source, stakeholder_ids):
            return False
    return _commitments_sound(event.commitments, stakeholder_ids, objective_ids, takeaway_ids)


def _commitments_sound(
    commitments: tuple[Commitment, ...], stakeholder_ids: _Ids, objective_ids: _Ids, takeaway_ids: _Ids
) -> bool:
    """Whether the full checks would find nothing in *commitments*; see :func:`_sound`."""
    for commitment in commitments:
        if not (
            commitment.by
            and stakeholder_ids.issuperset(commitment.by)
            and objective_ids.issuperset(commitment.objectives)
            and takeaway_ids.issuperset(commitment.takeaways)
        ):
            return False
        made_on = commitment.made_on
        due = commitment.due
        if made_on is not None and (
            made_on.__class__ is not _DAY or (due is not None and (due.__class__ is not _DAY or due < made_on))
        ):
            return False
        for endorsement in commitment.endorsements:
            if endorsement.stakeholder not in stakeholder_ids or (
                made_on is not None and not _on_or_after(endorsement.on, made_on)
            ):
                return False
        # Each update on or after the one above it, and the first on or after the day the commitment was made:
        # then none is before that day, and none is out of order.
        previous = made_on
        for update in commitment.progress:
            on = update.on
            if (
                on.__class__ is not _DAY
                or (previous is not None and on < previous)
                or (update.source is not None and _unknown_source(update.source, stakeholder_ids))
            ):
                return False
            previous = on
    return True


def _on_or_after(day: dt.date | None, made_on: dt.date) -> bool:
    """Whether *day* is not given, or is a plain date no earlier than *made_on*, itself a plain date."""
    return day is None or (day.__class__ is _DAY and day >= made_on)


def _event_parts(at: Path, event: Event, stakeholder_ids: AbstractSet[str]) -> Iterator[Finding]:
    """What is wrong with the participants, objectives, takeaways and commitments of *event*."""
    yield from _participants(at, event, stakeholder_ids)
    objective_ids = _ids(event.objectives)
    takeaway_ids = _ids(event.takeaways)
    if len(objective_ids) < len(event.objectives):
        yield from _duplicates(((((*at, "objectives", i)), o) for i, o in enumerate(event.objectives)), "objective")
    if len(takeaway_ids) < len(event.takeaways):
        yield from _duplicates(((((*at, "takeaways", i)), t) for i, t in enumerate(event.takeaways)), "takeaway")
    yield from _takeaway_references(at, event, stakeholder_ids, objective_ids)
    for index, commitment in enumerate(event.commitments):
        yield from _commitment_integrity(
            (*at, "commitments", index), commitment, stakeholder_ids, objective_ids, takeaway_ids
        )
        if commitment.made_on is not None or len(commitment.progress) > 1:
            yield from _commitment_dates((*at, "commitments", index), commitment)


def _takeaway_references(
    at: Path, event: Event, stakeholder_ids: AbstractSet[str], objective_ids: AbstractSet[str]
) -> Iterator[Finding]:
    for index, takeaway in enumerate(event.takeaways):
        for position, objective in enumerate(takeaway.objectives):
            if objective not in objective_ids:
                path = (*at, "takeaways", index, "objectives", position)
                yield _unknown(path, "objective", objective, objective_ids, " of this event")
        if _unknown_source(takeaway.source, stakeholder_ids):
            yield _unknown_source_of((*at, "takeaways", index, "source"), takeaway.source, stakeholder_ids)


def _participants(at: Path, event: Event, stakeholder_ids: AbstractSet[str]) -> Iterator[Finding]:
    seen: set[str] = set()
    for index, participation in enumerate(event.participants):
        if participation.stakeholder not in stakeholder_ids:
            path = (*at, "participants", index, "stakeholder")
            yield _unknown(path, "stakeholder", participation.stakeholder, stakeholder_ids)
        if participation.stakeholder in seen:
            yield Finding(
                (*at, "participants", index, "stakeholder"),
                codes.DUPLICATE_PARTICIPANT,
                f"the stakeholder {excerpt(participation.stakeholder)} is listed twice; "
                "list it once with all its roles",
            )
        seen.add(participation.stakeholder)


def _unknown_source(source: Source | None, stakeholder_ids: AbstractSet[str]) -> bool:
    """Whether *source* names a stakeholder that is not in *stakeholder_ids*."""
    return source is not None and source.stakeholder is not None and source.stakeholder not in stakeholder_ids


def _unknown_source_of(at: Path, source: Any, stakeholder_ids: AbstractSet[str]) -> Finding:
    return _unknown((*at, "stakeholder"), "stakeholder", source.stakeholder, stakeholder_ids)


def _commitment_integrity(
    at: Path,
    commitment: Commitment,
    stakeholder_ids: AbstractSet[str],
    objective_ids: AbstractSet[str],
    takeaway_ids: AbstractSet[str],
) -> Iterator[Finding]:
    if not commitment.by:
        yield Finding((*at, "by"), codes.NO_OWNER, "a commitment needs at least one stakeholder in 'by'")
    for index, owner in enumerate(commitment.by):
        if owner not in stakeholder_ids:
            yield _unknown((*at, "by", index), "stakeholder", owner, stakeholder_ids)
    for index, endorsement in enumerate(commitment.endorsements):
        if endorsement.stakeholder not in stakeholder_ids:
            yield _unknown(
                (*at, "endorsements", index, "stakeholder"), "stakeholder", endorsement.stakeholder, stakeholder_ids
            )
    for index, objective in enumerate(commitment.objectives):
        if objective not in objective_ids:
            yield _unknown((*at, "objectives", index), "objective", objective, objective_ids, " of this event")
    for index, takeaway in enumerate(commitment.takeaways):
        if takeaway not in takeaway_ids:
            yield _unknown((*at, "takeaways", index), "takeaway", takeaway, takeaway_ids, " of this event")
    for index, update in enumerate(commitment.progress):
        if _unknown_source(update.source, stakeholder_ids):
            yield _unknown_source_of((*at, "progress", index, "source"), update.source, stakeholder_ids)


def _commitment_dates(at: Path, commitment: Commitment) -> Iterator[Finding]:
    made_on = commitment.made_on
    if made_on is not None:
        due = commitment.due
        if due is not None and is_earlier(due, made_on):
            yield _too_early((*at, "due"), "due date", due, made_on)
        for index, endorsement in enumerate(commitment.endorsements):
            if endorsement.on is not None and is_earlier(endorsement.on, made_on):
                yield _too_early((*at, "endorsements", index, "on"), "endorsement", endorsement.on, made_on)
        for index, update in enumerate(commitment.progress):
            if update.on is not None and is_earlier(update.on, made_on):
                yield _too_early((*at, "progress", index, "on"), "progress update", update.on, made_on)
    for index in out_of_order(commitment):
        earlier, later = commitment.progress[index - 1], commitment.progress[index]
        yield Finding(
            (*at, "progress", index, "on"),
            codes.PROGRESS_ORDER,
            f"this update ({later.on}) comes before the one listed above it ({earlier.on}); list updates oldest first",
        )


def _too_early(path: Path, what: str, day: dt.date, made_on: dt.date) -> Finding:
    return Finding(path, codes.DATE_ORDER, f"the {what} ({day}) is before the commitment was made ({made_on})")


def out_of_order(commitment: Commitment) -> list[int]:
    """The positions of the progress updates of *commitment* dated before the update listed above them."""
    found = []
    for index in range(1, len(commitment.progress)):
        earlier, later = commitment.progress[index - 1].on, commitment.progress[index].on
        # A date that could not be read (in a record being loaded) is None; its problem is reported already.
        if later is not None and earlier is not None and is_earlier(later, earlier):
            found.append(index)
    return found
