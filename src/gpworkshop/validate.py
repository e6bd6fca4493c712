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
from collections.abc import Set as AbstractSet
from typing import TYPE_CHECKING, Any

import attrs

from gpworkshop import codes
from gpworkshop._collector import collector_paused
from gpworkshop._integrity import Finding, integrity, out_of_order
from gpworkshop._integrity import Path as _Path
from gpworkshop._slots import new, setter
from gpworkshop._wording import excerpt, plural
from gpworkshop.errors import Problem, Severity, dotted
from gpworkshop.model import REFERS, Commitment, Event, KnowledgeBase
from gpworkshop.multilingual import Translatable, best_match

if TYPE_CHECKING:
    from gpworkshop.analysis import CommitmentStanding

__all__ = ["Integrity", "check_integrity", "has_integrity_errors", "validate"]


@collector_paused
def validate(kb: KnowledgeBase, *, as_of: dt.date | None = None) -> list[Problem]:
    """Every problem of meaning in *kb*: errors first in record order, then warnings.

    A knowledge base loaded from files adds the warnings found reading them (such as a link of a conference
    schedule that could not be made absolute), before those about its meaning.

    :param as_of: the day against which overdue and stale commitments are judged; today if not given.
    """
    today = as_of or dt.date.today()
    errors = [_problem(kb, finding) for finding in integrity(kb)]
    report = _Report(kb)
    if kb.origins is not None:
        report.problems.extend(kb.origins.warnings)
    _traceability(kb, today, report)
    _languages(kb, report)
    _identifier_warnings(kb, report)
    return [*errors, *report.problems]


def has_integrity_errors(kb: KnowledgeBase) -> bool:
    """Whether *kb* has any integrity error; faster than listing them, as nothing is located."""
    return any(True for _ in integrity(kb))


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
    for finding in integrity(kb):
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


def _problem(kb: KnowledgeBase, finding: Finding) -> Problem:
    message = finding.message
    if finding.also is not None:
        message = message.replace("{also}", _where(kb, finding.also))
    origins = kb.origins
    if origins is None:
        return _built(finding.code, message, dotted(finding.path))
    source, line, column, path = origins.locate(finding.path)
    return _built(finding.code, message, dotted(path), (source, line, column))


# A record of thousands of events has thousands of warnings, and attrs' __init__ of a frozen class sets each field
# through object.__setattr__, which costs more than all the rest of a warning. Problem has no validator or
# converter for that __init__ to run, so problems are built here by setting their slots directly.

#: The severity of each code.
_SEVERITY: dict[str, Severity] = {code: info.severity for code, info in codes.CATALOGUE.items()}
_Place = tuple[str | None, int | None, int | None]
#: The file, line and column of a problem in a record that was not read from files.
_NOWHERE: _Place = (None, None, None)


_code, _message, _severity = setter(Problem, "code"), setter(Problem, "message"), setter(Problem, "severity")
_source, _line, _column = setter(Problem, "source"), setter(Problem, "line"), setter(Problem, "column")
_path = setter(Problem, "path")


def _built(code: str, message: str, path: str, place: _Place = _NOWHERE) -> Problem:
    """The problem ``Problem(code=..., message=..., severity=..., source=..., ...)`` gives, with its code's severity."""
    built: Problem = new(Problem)
    _code(built, code)
    _message(built, message)
    _severity(built, _SEVERITY[code])
    _source(built, place[0])
    _line(built, place[1])
    _column(built, place[2])
    _path(built, path)
    return built


def _where(kb: KnowledgeBase, path: _Path) -> str:
    origins = kb.origins
    if origins is None:
        return dotted(path)
    source, line, _, file_path = origins.locate(path)
    position = f"{source}:{line}" if line is not None else source
    return f"{dotted(file_path)} at {position}"


class _Report:
    """The warnings found so far, each made a problem as it is found."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.origins = kb.origins
        self.problems: list[Problem] = []

    def add(self, path: _Path, code: str, message: str, written: str | None = None) -> None:
        """A problem at *path*, located in the files the record was read from, if it was.

        *written* is ``dotted(path)``, when the check has it at hand: most
        warnings of a record are a commitment's, and their paths are quicker
        written at once than step by step.
        """
        origins = self.origins
        if origins is None:
            self.problems.append(_built(code, message, dotted(path) if written is None else written))
        else:
            source, line, column, in_text = origins.locate(path)
            self.problems.append(_built(code, message, dotted(in_text), (source, line, column)))


def _identifier_warnings(kb: KnowledgeBase, report: _Report) -> None:
    """IATI identifiers whose registration agency is unknown to IATI's codelist, or withdrawn from it."""
    from gpworkshop.identifiers import agency_warning  # noqa: PLC0415  (only records with identifiers need it)

    for index, stakeholder in enumerate(kb.stakeholders):
        value = stakeholder.identifiers.iati
        warning = agency_warning(value) if value is not None else None
        if warning is not None:
            report.add(("stakeholders", index, "identifiers", "iati"), codes.IATI_AGENCY, warning)


def _traceability(kb: KnowledgeBase, today: dt.date, report: _Report) -> None:
    # Imported here: `import gpworkshop` stays light, and analysis is needed only once a record is checked.
    from gpworkshop.analysis import standing_of  # noqa: PLC0415

    for index, event in enumerate(kb.events):
        if event.objectives:
            _unanswered(index, event, report)
        for position, commitment in enumerate(event.commitments):
            _follow_up(index, position, commitment, standing_of(event, commitment, today), report)


def _unanswered(index: int, event: Event, report: _Report) -> None:
    """The objectives of the event *index* that no takeaway or commitment answers."""
    answered = {objective for takeaway in event.takeaways for objective in takeaway.objectives}
    # Takeaways answer most objectives; the commitments are looked at only for the others.
    if answered.issuperset([objective.id for objective in event.objectives]):
        return
    answered.update(objective for commitment in event.commitments for objective in commitment.objectives)
    for position, objective in enumerate(event.objectives):
        if objective.id not in answered:
            report.add(
                ("events", index, "objectives", position),
                codes.UNANSWERED_OBJECTIVE,
                f"no takeaway or commitment answers the objective {excerpt(objective.id)}",
            )


def _follow_up(
    index: int, position: int, commitment: Commitment, standing: CommitmentStanding, report: _Report
) -> None:
    """The warnings about commitment *position* of event *index*: this runs for every commitment of the record."""
    # Updates out of order are reported as such: which of them is the latest is then not known.
    progress = commitment.progress
    latest = progress[-1] if progress else None
    mismatch = (
        latest is not None
        and latest.status is not commitment.status
        and (len(progress) == 1 or not out_of_order(commitment))
    )
    if not (mismatch or standing.gaps or standing.overdue or standing.stale):
        return
    at: _Path = ("events", index, "commitments", position)
    where = f"events[{index}].commitments[{position}]"  # dotted(at)
    shown = excerpt(commitment.id)
    if standing.gaps:
        report.add(at, codes.NOT_SMART, f"the commitment {shown} has no {' and no '.join(standing.gaps)}", where)
    if mismatch:
        assert latest is not None  # a mismatch is with the latest update
        report.add(
            (*at, "status"),
            codes.STATUS_MISMATCH,
            f"the status is {commitment.status.value!r} but the latest progress update ({latest.on}) "
            f"says {latest.status.value!r}",
            f"{where}.status",
        )
    # Dates written by isoformat, not by formatting: quicker, and the same for a date.
    if standing.overdue:
        assert commitment.due is not None  # a commitment is overdue only past its due date
        report.add(
            (*at, "due"),
            codes.OVERDUE,
            f"the commitment {shown} was due on {commitment.due.isoformat()} and is still open",
            f"{where}.due",
        )
    if standing.stale:
        report.add(
            at,
            codes.STALE,
            f"no progress on the open commitment {shown} has been reported since {standing.last_news.isoformat()}",
            where,
        )


def _languages(kb: KnowledgeBase, report: _Report) -> None:
    """Texts in several languages with none in the record's, and languages some texts of an object lack."""
    from gpworkshop.translations import gaps, texts, translated  # noqa: PLC0415  (loaded once a record is checked)

    if not translated(kb):
        return  # every text is in the record's language
    record = kb.language
    for path, text in texts(kb):
        if isinstance(text, Translatable) and best_match(record, text.texts) is None:
            report.add(
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
        report.add(
            gap.owner,
            codes.UNTRANSLATED,
            f"some of its texts are in {gap.language!r}, but {plural(len(gap.missing), 'text')} "
            f"{'is' if len(gap.missing) == 1 else 'are'} not: {shown}{more}",
        )
    _script_warnings(kb, report)


def _script_warnings(kb: KnowledgeBase, report: _Report) -> None:
    """Texts written in another script than the one their language tag leads one to expect; none without Babel."""
    from gpworkshop import _scripts  # noqa: PLC0415  (loaded once a translated record is checked)
    from gpworkshop.translations import texts  # noqa: PLC0415

    if not _scripts.available():
        return
    for path, text in texts(kb):
        if not isinstance(text, Translatable):
            continue
        for tag, written in text.texts.items():
            mismatch = _scripts.script_mismatch(tag, written)
            if mismatch is not None:
                report.add((*path, tag), codes.WRONG_SCRIPT, mismatch)


#: How many untranslated texts a warning names.
_SHOWN = 5
