"""Checks of meaning: ids, references, dates, and the traceability of commitments.

:func:`validate` returns every :class:`~gpworkshop.errors.Problem` it finds:
errors for broken integrity (``GPW3xx``) and warnings for records that are
valid but weak for accountability (``GPW4xx``). When the knowledge base was
loaded from files, each problem points at the file and line of what it
concerns.

>>> import datetime as dt
>>> import gpworkshop as gw
>>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
>>> [problem] = gw.validate(kb, as_of=dt.date(2015, 1, 1))
>>> print(problem.location, problem.code, problem.path)
examples/busan-gp-workshop-2014.yaml:68:9 GPW401 events[0].objectives[3]
>>> problem.message
"no takeaway or commitment answers the objective 'building-blocks'"
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Mapping
from typing import TYPE_CHECKING

import attrs

from gpworkshop import codes
from gpworkshop._collector import collector_paused
from gpworkshop._validators import is_earlier
from gpworkshop.errors import Problem, dotted
from gpworkshop.model import Commitment, Event, KnowledgeBase, Source

if TYPE_CHECKING:
    from gpworkshop.analysis import CommitmentStanding

__all__ = ["validate"]

_Path = tuple[str | int, ...]


@attrs.frozen
class _Finding:
    path: _Path
    code: str
    message: str
    #: Another place the message names, such as the first use of a duplicate id.
    also: _Path | None = None


@collector_paused
def validate(kb: KnowledgeBase, *, as_of: dt.date | None = None) -> list[Problem]:
    """Every problem of meaning in *kb*: errors first in record order, then warnings.

    :param as_of: the day against which overdue and stale commitments are judged; today if not given.
    """
    today = as_of or dt.date.today()
    findings = [*_integrity(kb), *_traceability(kb, today)]
    return [_problem(kb, finding) for finding in findings]


def _has_integrity_errors(kb: KnowledgeBase) -> bool:
    """Whether *kb* has any integrity error; faster than listing them, as nothing is located."""
    return any(True for _ in _integrity(kb))


def _check_integrity(kb: KnowledgeBase, *, assume: Mapping[str, set[str]]) -> list[Problem]:
    """The integrity errors of *kb*, counting the ids in *assume* (by kind) as existing.

    For records of which only part could be read: references to the parts
    that could not be read are not reported as broken.
    """
    return [_problem(kb, finding) for finding in _integrity(kb, assume)]


def _problem(kb: KnowledgeBase, finding: _Finding) -> Problem:
    severity = codes.CATALOGUE[finding.code].severity
    message = finding.message
    if finding.also is not None:
        message = message.replace("{also}", _where(kb, finding.also))
    origins = kb.origins
    if origins is None:
        return Problem(code=finding.code, message=message, severity=severity, path=dotted(finding.path))
    source, line, column, path = origins.locate(finding.path)
    return Problem(
        code=finding.code,
        message=message,
        severity=severity,
        source=source,
        line=line,
        column=column,
        path=dotted(path),
    )


def _where(kb: KnowledgeBase, path: _Path) -> str:
    origins = kb.origins
    if origins is None:
        return dotted(path)
    source, line, _, file_path = origins.locate(path)
    position = f"{source}:{line}" if line is not None else source
    return f"{dotted(file_path)} at {position}"


def _duplicates(items: Iterable[tuple[_Path, str]], kind: str) -> Iterator[_Finding]:
    first: dict[str, _Path] = {}
    for path, item_id in items:
        if item_id in first:
            yield _Finding(
                (*path, "id"),
                codes.DUPLICATE_ID,
                f"the {kind} id {item_id!r} is already used by {{also}}; ids must be unique",
                also=first[item_id],
            )
        else:
            first[item_id] = path


def _unknown(path: _Path, kind: str, wanted: str, known: Iterable[str], scope: str = "") -> _Finding:
    from gpworkshop._converter import suggest  # noqa: PLC0415  (only needed when something is wrong)

    hint = suggest(wanted, sorted(known))
    return _Finding(path, codes.UNKNOWN_REFERENCE, f"no {kind}{scope} has the id {wanted!r}{hint}")


def _integrity(kb: KnowledgeBase, assume: Mapping[str, set[str]] | None = None) -> Iterator[_Finding]:
    assume = assume or {}
    stakeholder_ids = {s.id for s in kb.stakeholders} | assume.get("stakeholder", set())
    event_ids = {e.id for e in kb.events} | assume.get("event", set())
    yield from _duplicates(((("stakeholders", i), s.id) for i, s in enumerate(kb.stakeholders)), "stakeholder")
    yield from _duplicates(((("events", i), e.id) for i, e in enumerate(kb.events)), "event")
    yield from _duplicates(
        (
            (("events", i, "commitments", j), c.id)
            for i, event in enumerate(kb.events)
            for j, c in enumerate(event.commitments)
        ),
        "commitment",
    )
    parents = {s.id: s.part_of for s in kb.stakeholders}
    for index, stakeholder in enumerate(kb.stakeholders):
        path: _Path = ("stakeholders", index, "part_of")
        if stakeholder.part_of is None:
            continue
        if stakeholder.part_of not in stakeholder_ids:
            yield _unknown(path, "stakeholder", stakeholder.part_of, stakeholder_ids)
        elif _in_cycle(stakeholder.id, parents):
            yield _Finding(path, codes.CYCLE, f"the stakeholder {stakeholder.id!r} is part of itself through 'part_of'")
    event_parents = {e.id: e.part_of for e in kb.events}
    for index, event in enumerate(kb.events):
        yield from _event_integrity(("events", index), event, stakeholder_ids, event_ids, event_parents)


def _in_cycle(start: str, parents: dict[str, str | None]) -> bool:
    seen = {start}
    current = parents.get(start)
    while current is not None:
        if current in seen:
            return current == start
        seen.add(current)
        current = parents.get(current)
    return False


def _event_integrity(
    at: _Path, event: Event, stakeholder_ids: set[str], event_ids: set[str], parents: dict[str, str | None]
) -> Iterator[_Finding]:
    if event.part_of is not None:
        if event.part_of not in event_ids:
            yield _unknown((*at, "part_of"), "event", event.part_of, event_ids)
        elif _in_cycle(event.id, parents):
            yield _Finding((*at, "part_of"), codes.CYCLE, f"the event {event.id!r} is part of itself through 'part_of'")
    for index, relation in enumerate(event.related):
        path = (*at, "related", index, "event")
        if relation.event == event.id:
            yield _Finding(path, codes.CYCLE, f"the event {event.id!r} cannot relate to itself")
        elif relation.event not in event_ids:
            yield _unknown(path, "event", relation.event, event_ids)
    yield from _participants(at, event, stakeholder_ids)
    yield from _duplicates(((((*at, "objectives", i)), o.id) for i, o in enumerate(event.objectives)), "objective")
    yield from _duplicates(((((*at, "takeaways", i)), t.id) for i, t in enumerate(event.takeaways)), "takeaway")
    objective_ids = {o.id for o in event.objectives}
    takeaway_ids = {t.id for t in event.takeaways}
    for index, takeaway in enumerate(event.takeaways):
        path = (*at, "takeaways", index)
        for position, objective in enumerate(takeaway.objectives):
            if objective not in objective_ids:
                yield _unknown((*path, "objectives", position), "objective", objective, objective_ids, " of this event")
        yield from _source((*path, "source"), takeaway.source, stakeholder_ids)
    for index, commitment in enumerate(event.commitments):
        yield from _commitment_integrity(
            (*at, "commitments", index), commitment, stakeholder_ids, objective_ids, takeaway_ids
        )


def _participants(at: _Path, event: Event, stakeholder_ids: set[str]) -> Iterator[_Finding]:
    seen: set[str] = set()
    for index, participation in enumerate(event.participants):
        path = (*at, "participants", index, "stakeholder")
        if participation.stakeholder not in stakeholder_ids:
            yield _unknown(path, "stakeholder", participation.stakeholder, stakeholder_ids)
        if participation.stakeholder in seen:
            yield _Finding(
                path,
                codes.DUPLICATE_PARTICIPANT,
                f"the stakeholder {participation.stakeholder!r} is listed twice; list it once with all its roles",
            )
        seen.add(participation.stakeholder)


def _source(at: _Path, source: Source | None, stakeholder_ids: set[str]) -> Iterator[_Finding]:
    if source is not None and source.stakeholder is not None and source.stakeholder not in stakeholder_ids:
        yield _unknown((*at, "stakeholder"), "stakeholder", source.stakeholder, stakeholder_ids)


def _commitment_integrity(
    at: _Path, commitment: Commitment, stakeholder_ids: set[str], objective_ids: set[str], takeaway_ids: set[str]
) -> Iterator[_Finding]:
    if not commitment.by:
        yield _Finding((*at, "by"), codes.NO_OWNER, "a commitment needs at least one stakeholder in 'by'")
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
        yield from _source((*at, "progress", index, "source"), update.source, stakeholder_ids)
    yield from _commitment_dates(at, commitment)


def _commitment_dates(at: _Path, commitment: Commitment) -> Iterator[_Finding]:
    made_on = commitment.made_on
    if made_on is not None:
        dated: list[tuple[_Path, str, dt.date | None]] = [((*at, "due"), "due date", commitment.due)]
        dated += [((*at, "endorsements", i, "on"), "endorsement", e.on) for i, e in enumerate(commitment.endorsements)]
        dated += [((*at, "progress", i, "on"), "progress update", p.on) for i, p in enumerate(commitment.progress)]
        for path, what, day in dated:
            if day is not None and is_earlier(day, made_on):
                yield _Finding(
                    path, codes.DATE_ORDER, f"the {what} ({day}) is before the commitment was made ({made_on})"
                )
    for index in range(1, len(commitment.progress)):
        earlier, later = commitment.progress[index - 1], commitment.progress[index]
        if is_earlier(later.on, earlier.on):
            yield _Finding(
                (*at, "progress", index, "on"),
                codes.PROGRESS_ORDER,
                f"this update ({later.on}) comes before the one listed above it ({earlier.on}); "
                "list updates oldest first",
            )


def _traceability(kb: KnowledgeBase, today: dt.date) -> Iterator[_Finding]:
    # Imported here: `import gpworkshop` stays light, and analysis is needed only once a record is checked.
    from gpworkshop.analysis import standing_of  # noqa: PLC0415

    for index, event in enumerate(kb.events):
        at: _Path = ("events", index)
        answered = {o for t in event.takeaways for o in t.objectives} | {
            o for c in event.commitments for o in c.objectives
        }
        for position, objective in enumerate(event.objectives):
            if objective.id not in answered:
                yield _Finding(
                    (*at, "objectives", position),
                    codes.UNANSWERED_OBJECTIVE,
                    f"no takeaway or commitment answers the objective {objective.id!r}",
                )
        for position, commitment in enumerate(event.commitments):
            yield from _follow_up((*at, "commitments", position), commitment, standing_of(event, commitment, today))


def _follow_up(at: _Path, commitment: Commitment, standing: CommitmentStanding) -> Iterator[_Finding]:
    if standing.gaps:
        yield _Finding(at, codes.NOT_SMART, f"the commitment {commitment.id!r} has no {' and no '.join(standing.gaps)}")
    latest = commitment.progress[-1] if commitment.progress else None
    if latest is not None and latest.status is not commitment.status:
        yield _Finding(
            (*at, "status"),
            codes.STATUS_MISMATCH,
            f"the status is {commitment.status.value!r} but the latest progress update ({latest.on}) "
            f"says {latest.status.value!r}",
        )
    if standing.overdue:
        yield _Finding(
            (*at, "due"),
            codes.OVERDUE,
            f"the commitment {commitment.id!r} was due on {commitment.due} and is still open",
        )
    if standing.stale:
        yield _Finding(
            at,
            codes.STALE,
            f"no progress on the open commitment {commitment.id!r} has been reported since {standing.last_news}",
        )
