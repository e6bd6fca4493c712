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
from collections.abc import Iterable, Iterator
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any, NamedTuple

import attrs

from gpworkshop import codes
from gpworkshop._collector import collector_paused
from gpworkshop._definitions import differences
from gpworkshop._validators import is_earlier
from gpworkshop._wording import excerpt, plural
from gpworkshop.errors import Problem, dotted
from gpworkshop.model import REFERS, Commitment, Event, Identifiers, KnowledgeBase, Source
from gpworkshop.multilingual import Translatable, best_match

if TYPE_CHECKING:
    from gpworkshop.analysis import CommitmentStanding

__all__ = ["Integrity", "check_integrity", "has_integrity_errors", "validate"]

_Path = tuple[str | int, ...]
_NO_IDENTIFIERS = Identifiers()


class _Finding(NamedTuple):
    """What a check found, before it is located: a record's check may find thousands."""

    path: _Path
    code: str
    message: str
    #: Another place the message names, such as the first use of a duplicate id.
    also: _Path | None = None


@collector_paused
def validate(kb: KnowledgeBase, *, as_of: dt.date | None = None) -> list[Problem]:
    """Every problem of meaning in *kb*: errors first in record order, then warnings.

    A knowledge base loaded from files adds the warnings found reading them (such as a link of a conference
    schedule that could not be made absolute), before those about its meaning.

    :param as_of: the day against which overdue and stale commitments are judged; today if not given.
    """
    today = as_of or dt.date.today()
    errors = [_problem(kb, finding) for finding in _integrity(kb)]
    read = list(kb.origins.warnings) if kb.origins is not None else []
    findings = [*_traceability(kb, today), *_languages(kb), *_identifier_warnings(kb)]
    return [*errors, *read, *(_problem(kb, finding) for finding in findings)]


def has_integrity_errors(kb: KnowledgeBase) -> bool:
    """Whether *kb* has any integrity error; faster than listing them, as nothing is located."""
    return any(True for _ in _integrity(kb))


@attrs.frozen
class Integrity:
    """The integrity errors of a knowledge base of which some parts could not be read."""

    #: The errors, less those at or under a path that could not be read.
    problems: list[Problem]
    #: The path of every reference that does not resolve, reported or not.
    unresolved: frozenset[_Path]


def check_integrity(
    kb: KnowledgeBase, *, unread: AbstractSet[_Path] = frozenset(), unread_kinds: AbstractSet[str] = frozenset()
) -> Integrity:
    """The integrity errors of *kb*, leaving out those that would repeat a problem already reported.

    *unread* holds the paths (into *kb*) of the values that could not be read:
    a finding at or under one of them only repeats the problem that made it
    unreadable. References to an object whose id could not be read at all
    are not reported, as they may name it; nor references to the kinds of
    object in *unread_kinds* (``"stakeholders"``), which could not be read at all.
    """
    problems: list[Problem] = []
    unresolved: set[_Path] = set()
    for finding in _integrity(kb):
        if finding.code == codes.UNKNOWN_REFERENCE:
            unresolved.add(finding.path)
            if unread_kinds and _referred_kind(kb, finding.path) in unread_kinds:
                continue
        if not any(finding.path[:length] in unread for length in range(1, len(finding.path) + 1)):
            problems.append(_problem(kb, finding))
    return Integrity(problems, frozenset(unresolved))


def _referred_kind(kb: KnowledgeBase, path: _Path) -> str | None:
    """The kind of object the reference at *path* names (``"stakeholders"``), from its field in the model."""
    owner: Any = kb
    steps = list(path)
    if steps and isinstance(steps[-1], int):
        steps.pop()  # an item of a list of references: the list's field says what it refers to
    *through, field = steps
    for step in through:
        owner = owner[step] if isinstance(step, int) else getattr(owner, step)
    found = attrs.fields_dict(type(owner)).get(str(field)) if attrs.has(type(owner)) else None
    return found.metadata.get(REFERS) if found is not None else None


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


def _duplicates(items: Iterable[tuple[_Path, Any]], kind: str) -> Iterator[_Finding]:
    """Objects of *kind* with the id of an earlier one, naming the fields in which the two differ."""
    first: dict[str, tuple[_Path, Any]] = {}
    for path, item in items:
        earlier = first.get(item.id)
        if earlier is None:
            first[item.id] = (path, item)
            continue
        differ = differences(earlier[1], item)
        why = f", with other values of {', '.join(differ)}" if differ else ""
        yield _Finding(
            (*path, "id"),
            codes.DUPLICATE_ID,
            f"the {kind} id {excerpt(item.id)} is already used by {{also}}{why}; ids must be unique, and an object "
            "written in several files must be written the same in each",
            also=earlier[0],
        )


def _shared_identifiers(kb: KnowledgeBase) -> Iterator[_Finding]:
    from gpworkshop.identifiers import NAMES, canonical, listed  # noqa: PLC0415  (only records with identifiers need it)

    first: dict[tuple[str, str], tuple[_Path, str]] = {}
    for index, stakeholder in enumerate(kb.stakeholders):
        for kind, value in listed(stakeholder.identifiers):
            path: _Path = ("stakeholders", index, "identifiers", kind)
            earlier = first.setdefault((kind, canonical(kind, value)), (path, stakeholder.id))
            if earlier[0] != path and earlier[1] != stakeholder.id:
                yield _Finding(
                    path,
                    codes.DUPLICATE_IDENTIFIER,
                    f"the stakeholder {excerpt(stakeholder.id)} has the {NAMES[kind]} identifier {excerpt(value)} of "
                    f"{excerpt(earlier[1])} at {{also}}; they are one organisation",
                    also=earlier[0],
                )


def _identifier_warnings(kb: KnowledgeBase) -> Iterator[_Finding]:
    """IATI identifiers whose registration agency is unknown to IATI's codelist, or withdrawn from it."""
    from gpworkshop.identifiers import agency_warning  # noqa: PLC0415  (only records with identifiers need it)

    for index, stakeholder in enumerate(kb.stakeholders):
        value = stakeholder.identifiers.iati
        warning = agency_warning(value) if value is not None else None
        if warning is not None:
            yield _Finding(("stakeholders", index, "identifiers", "iati"), codes.IATI_AGENCY, warning)


def _unknown(path: _Path, kind: str, wanted: str, known: Iterable[str], scope: str = "") -> _Finding:
    from gpworkshop._wording import suggest  # noqa: PLC0415  (difflib is needed only when something is wrong)

    # In a record being loaded, a reference that could not be read is None; its finding is not reported.
    hint = suggest(wanted, sorted(known)) if isinstance(wanted, str) else ""
    return _Finding(path, codes.UNKNOWN_REFERENCE, f"no {kind}{scope} has the id {excerpt(wanted)}{hint}")


class _Unread(frozenset[str]):
    """The ids of a kind when one of them could not be read: any reference may name that one."""

    def __contains__(self, _item: object) -> bool:
        return True


def _ids(items: Iterable[Any]) -> AbstractSet[str]:
    ids = {item.id for item in items}
    return _Unread(id_ for id_ in ids if id_ is not None) if None in ids else ids


def _integrity(kb: KnowledgeBase) -> Iterator[_Finding]:
    # Each check looks at every object once, and builds the path of one only when it has something to say:
    # a record without errors, the usual case, costs one look at each reference.
    stakeholder_ids = _ids(kb.stakeholders)
    event_ids = _ids(kb.events)
    if len(stakeholder_ids) < len(kb.stakeholders):
        yield from _duplicates(((("stakeholders", i), s) for i, s in enumerate(kb.stakeholders)), "stakeholder")
    if len(event_ids) < len(kb.events):
        yield from _duplicates(((("events", i), e) for i, e in enumerate(kb.events)), "event")
    commitment_ids = [commitment.id for event in kb.events for commitment in event.commitments]
    if len(set(commitment_ids)) < len(commitment_ids):
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
    parents = _first_parents(kb.stakeholders)
    for index, stakeholder in enumerate(kb.stakeholders):
        path: _Path = ("stakeholders", index, "part_of")
        if stakeholder.part_of is None:
            continue
        if stakeholder.part_of not in stakeholder_ids:
            yield _unknown(path, "stakeholder", stakeholder.part_of, stakeholder_ids)
        elif parents.get(stakeholder.id, (None, -1))[1] == index and _in_cycle(stakeholder.id, parents):
            yield _Finding(
                path, codes.CYCLE, f"the stakeholder {excerpt(stakeholder.id)} is part of itself through 'part_of'"
            )
    event_parents = _first_parents(kb.events)
    for index, event in enumerate(kb.events):
        yield from _event_integrity(("events", index), event, stakeholder_ids, event_ids, event_parents)


def _first_parents(items: tuple[Any, ...]) -> dict[str, tuple[str | None, int]]:
    """The ``part_of`` of each id, with the index of the object, as written where the id is first used.

    A later object with the same id is a duplicate, reported as such; what it
    is part of says nothing about the first one.
    """
    parents: dict[str, tuple[str | None, int]] = {}
    for index, item in enumerate(items):
        parents.setdefault(item.id, (item.part_of, index))
    return parents


def _in_cycle(start: str, parents: dict[str, tuple[str | None, int]]) -> bool:
    seen = {start}
    current = parents.get(start, (None, -1))[0]
    while current is not None:
        if current in seen:
            return current == start
        seen.add(current)
        current = parents.get(current, (None, -1))[0]
    return False


def _event_integrity(
    at: _Path,
    event: Event,
    stakeholder_ids: AbstractSet[str],
    event_ids: AbstractSet[str],
    parents: dict[str, tuple[str | None, int]],
) -> Iterator[_Finding]:
    # An event that repeats the id of an earlier one is reported as a duplicate; whether it is
    # part of or related to itself cannot be told, as its id names the other one.
    first = parents.get(event.id, (None, -1))[1] == at[-1]
    if event.part_of is not None:
        if event.part_of not in event_ids:
            yield _unknown((*at, "part_of"), "event", event.part_of, event_ids)
        elif first and _in_cycle(event.id, parents):
            yield _Finding(
                (*at, "part_of"), codes.CYCLE, f"the event {excerpt(event.id)} is part of itself through 'part_of'"
            )
    for index, relation in enumerate(event.related):
        path = (*at, "related", index, "event")
        if relation.event == event.id:
            if first:
                yield _Finding(path, codes.CYCLE, f"the event {excerpt(event.id)} cannot relate to itself")
        elif relation.event not in event_ids:
            yield _unknown(path, "event", relation.event, event_ids)
    yield from _participants(at, event, stakeholder_ids)
    objective_ids = _ids(event.objectives)
    takeaway_ids = _ids(event.takeaways)
    if len(objective_ids) < len(event.objectives):
        yield from _duplicates(((((*at, "objectives", i)), o) for i, o in enumerate(event.objectives)), "objective")
    if len(takeaway_ids) < len(event.takeaways):
        yield from _duplicates(((((*at, "takeaways", i)), t) for i, t in enumerate(event.takeaways)), "takeaway")
    yield from _takeaway_references(at, event, stakeholder_ids, objective_ids)
    for index, commitment in enumerate(event.commitments):
        if not _commitment_resolves(commitment, stakeholder_ids, objective_ids, takeaway_ids):
            yield from _commitment_integrity(
                (*at, "commitments", index), commitment, stakeholder_ids, objective_ids, takeaway_ids
            )
        if commitment.made_on is not None or len(commitment.progress) > 1:
            yield from _commitment_dates((*at, "commitments", index), commitment)


def _all_in(wanted: tuple[str, ...], ids: AbstractSet[str]) -> bool:
    """Whether every id *wanted* is one of *ids*; false, to be looked into, when that cannot be told at once."""
    return isinstance(ids, set | frozenset) and ids.issuperset(wanted)


def _takeaway_references(
    at: _Path, event: Event, stakeholder_ids: AbstractSet[str], objective_ids: AbstractSet[str]
) -> Iterator[_Finding]:
    for index, takeaway in enumerate(event.takeaways):
        if _all_in(takeaway.objectives, objective_ids) and not _unknown_source(takeaway.source, stakeholder_ids):
            continue
        for position, objective in enumerate(takeaway.objectives):
            if objective not in objective_ids:
                path = (*at, "takeaways", index, "objectives", position)
                yield _unknown(path, "objective", objective, objective_ids, " of this event")
        if _unknown_source(takeaway.source, stakeholder_ids):
            yield _unknown_source_of((*at, "takeaways", index, "source"), takeaway.source, stakeholder_ids)


def _participants(at: _Path, event: Event, stakeholder_ids: AbstractSet[str]) -> Iterator[_Finding]:
    seen: set[str] = set()
    for index, participation in enumerate(event.participants):
        if participation.stakeholder not in stakeholder_ids:
            path = (*at, "participants", index, "stakeholder")
            yield _unknown(path, "stakeholder", participation.stakeholder, stakeholder_ids)
        if participation.stakeholder in seen:
            yield _Finding(
                (*at, "participants", index, "stakeholder"),
                codes.DUPLICATE_PARTICIPANT,
                f"the stakeholder {excerpt(participation.stakeholder)} is listed twice; "
                "list it once with all its roles",
            )
        seen.add(participation.stakeholder)


def _unknown_source(source: Source | None, stakeholder_ids: AbstractSet[str]) -> bool:
    """Whether *source* names a stakeholder that is not in *stakeholder_ids*."""
    return source is not None and source.stakeholder is not None and source.stakeholder not in stakeholder_ids


def _unknown_source_of(at: _Path, source: Any, stakeholder_ids: AbstractSet[str]) -> _Finding:
    return _unknown((*at, "stakeholder"), "stakeholder", source.stakeholder, stakeholder_ids)


def _commitment_integrity(
    at: _Path,
    commitment: Commitment,
    stakeholder_ids: AbstractSet[str],
    objective_ids: AbstractSet[str],
    takeaway_ids: AbstractSet[str],
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
        if _unknown_source(update.source, stakeholder_ids):
            yield _unknown_source_of((*at, "progress", index, "source"), update.source, stakeholder_ids)


def _commitment_resolves(
    commitment: Commitment,
    stakeholder_ids: AbstractSet[str],
    objective_ids: AbstractSet[str],
    takeaway_ids: AbstractSet[str],
) -> bool:
    """Whether *commitment* has an owner and every id it names resolves: what :func:`_commitment_integrity` checks."""
    if not (
        commitment.by
        and _all_in(commitment.by, stakeholder_ids)
        and _all_in(commitment.objectives, objective_ids)
        and _all_in(commitment.takeaways, takeaway_ids)
    ):
        return False
    for endorsement in commitment.endorsements:
        if endorsement.stakeholder not in stakeholder_ids:
            return False
    # A loop, not all(): this runs for every commitment of every record loaded.
    for update in commitment.progress:  # noqa: SIM110
        if _unknown_source(update.source, stakeholder_ids):
            return False
    return True


def _commitment_dates(at: _Path, commitment: Commitment) -> list[_Finding]:
    # A list, not a generator: checked for most commitments, and most have nothing to report.
    found: list[_Finding] = []
    made_on = commitment.made_on
    if made_on is not None:
        due = commitment.due
        if due is not None and is_earlier(due, made_on):
            found.append(_too_early((*at, "due"), "due date", due, made_on))
        for index, endorsement in enumerate(commitment.endorsements):
            if endorsement.on is not None and is_earlier(endorsement.on, made_on):
                found.append(_too_early((*at, "endorsements", index, "on"), "endorsement", endorsement.on, made_on))
        for index, update in enumerate(commitment.progress):
            if update.on is not None and is_earlier(update.on, made_on):
                found.append(_too_early((*at, "progress", index, "on"), "progress update", update.on, made_on))
    for index in _out_of_order(commitment):
        earlier, later = commitment.progress[index - 1], commitment.progress[index]
        found.append(
            _Finding(
                (*at, "progress", index, "on"),
                codes.PROGRESS_ORDER,
                f"this update ({later.on}) comes before the one listed above it ({earlier.on}); "
                "list updates oldest first",
            )
        )
    return found


def _too_early(path: _Path, what: str, day: dt.date, made_on: dt.date) -> _Finding:
    return _Finding(path, codes.DATE_ORDER, f"the {what} ({day}) is before the commitment was made ({made_on})")


def _out_of_order(commitment: Commitment) -> list[int]:
    """The positions of the progress updates of *commitment* dated before the update listed above them."""
    found = []
    for index in range(1, len(commitment.progress)):
        earlier, later = commitment.progress[index - 1].on, commitment.progress[index].on
        # A date that could not be read (in a record being loaded) is None; its problem is reported already.
        if later is not None and earlier is not None and is_earlier(later, earlier):
            found.append(index)
    return found


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
                    f"no takeaway or commitment answers the objective {excerpt(objective.id)}",
                )
        for position, commitment in enumerate(event.commitments):
            yield from _follow_up((*at, "commitments", position), commitment, standing_of(event, commitment, today))


def _follow_up(at: _Path, commitment: Commitment, standing: CommitmentStanding) -> list[_Finding]:
    # A list, not a generator: this runs for every commitment.
    found: list[_Finding] = []
    if standing.gaps:
        found.append(
            _Finding(
                at, codes.NOT_SMART, f"the commitment {excerpt(commitment.id)} has no {' and no '.join(standing.gaps)}"
            )
        )
    # Updates out of order are reported as such: which of them is the latest is then not known.
    progress = commitment.progress
    latest = progress[-1] if progress and (len(progress) == 1 or not _out_of_order(commitment)) else None
    if latest is not None and latest.status is not commitment.status:
        found.append(
            _Finding(
                (*at, "status"),
                codes.STATUS_MISMATCH,
                f"the status is {commitment.status.value!r} but the latest progress update ({latest.on}) "
                f"says {latest.status.value!r}",
            )
        )
    if standing.overdue:
        found.append(
            _Finding(
                (*at, "due"),
                codes.OVERDUE,
                f"the commitment {excerpt(commitment.id)} was due on {commitment.due} and is still open",
            )
        )
    if standing.stale:
        found.append(
            _Finding(
                at,
                codes.STALE,
                f"no progress on the open commitment {excerpt(commitment.id)} has been reported since "
                f"{standing.last_news}",
            )
        )
    return found


def _languages(kb: KnowledgeBase) -> Iterator[_Finding]:
    """Texts in several languages with none in the record's, and languages some texts of an object lack."""
    from gpworkshop.translations import gaps, texts, translated  # noqa: PLC0415  (loaded once a record is checked)

    if not translated(kb):
        return  # every text is in the record's language
    record = kb.language
    for path, text in texts(kb):
        if isinstance(text, Translatable) and best_match(record, text.texts) is None:
            yield _Finding(
                path,
                codes.NO_RECORD_LANGUAGE,
                f"the text is written in {', '.join(map(repr, text.texts))} but not in the record's language "
                f"{record!r}, which reports fall back to",
            )
    for gap in gaps(kb):
        if gap.language.lower() == record.lower():
            continue  # said above, text by text
        shown = ", ".join(dotted(path[len(gap.owner) :]) for path in gap.missing[:_SHOWN])
        more = f" and {len(gap.missing) - _SHOWN} more" if len(gap.missing) > _SHOWN else ""
        yield _Finding(
            gap.owner,
            codes.UNTRANSLATED,
            f"some of its texts are in {gap.language!r}, but {plural(len(gap.missing), 'text')} "
            f"{'is' if len(gap.missing) == 1 else 'are'} not: {shown}{more}",
        )


#: How many untranslated texts a warning names.
_SHOWN = 5
