"""Survey workbooks back in: each answer a progress update of its commitment, written into the record's files.

:func:`read_answers` reads one workbook that :mod:`gpworkshop.collect.survey`
wrote and someone filled in; :func:`collect_answers` adds the answers of
several to the record, as progress updates reported by the workbook's owner,
in the YAML and JSON files of the record, in place
(:func:`gpworkshop.rewrite.add_progress`). A row left as it was is no
answer; an answer already in the record is not added again, so collecting a
workbook twice changes nothing the second time. Every problem of every
workbook is found before anything is changed, each at its cell.

>>> import datetime as dt, shutil, tempfile
>>> import openpyxl
>>> import gpworkshop as gw
>>> from gpworkshop.collect import survey, answers
>>> folder = shutil.copytree("examples/regional-symposium-2023", tempfile.mkdtemp() + "/record")
>>> [made] = survey.surveys(gw.load(folder), as_of=dt.date(2024, 1, 31))
>>> [path] = survey.write_surveys([made], tempfile.mkdtemp())
>>> book = openpyxl.load_workbook(path)
>>> sheet = book.worksheets[0]
>>> sheet["F2"], sheet["G2"], sheet["H2"] = "In progress", 25, dt.date(2024, 1, 15)
>>> book.save(path)
>>> collected = answers.collect_answers([path], [folder])
>>> print(collected.changes.text().splitlines()[1])
  ~ 'krila-local-governance-partnerships' moved from announced to in-progress, 25 % (reported 2024-01-15)
>>> collected.rewrite.save()
>>> answers.collect_answers([path], [folder]).added
0
"""

from __future__ import annotations

import datetime as dt
import os
import re
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from gpworkshop import codes
from gpworkshop._parsed import Place, placed
from gpworkshop._validators import is_web_address
from gpworkshop._wording import excerpt
from gpworkshop.changes import Changes, diff
from gpworkshop.collect._their_table import TheirTable, read_table
from gpworkshop.collect.survey import COLUMNS, SURVEY_SHEET, VERSION, headings, sheet_name, status_labels
from gpworkshop.errors import LoadError, Problem
from gpworkshop.model import Commitment, KnowledgeBase, ProgressUpdate, Source
from gpworkshop.multilingual import Translatable, best_match
from gpworkshop.reports.language import LANGUAGES
from gpworkshop.rewrite import Rewrite, add_progress
from gpworkshop.serialize import load
from gpworkshop.vocab import CommitmentStatus

__all__ = ["Answer", "Collected", "Returned", "collect_answers", "read_answers"]

_KEYS = [key for key, _heading in COLUMNS]
_PERCENT = re.compile(r"\s*(\d{1,3})\s*%?\s*")


@attrs.frozen
class Answer:
    """One filled-in row of a survey workbook."""

    #: The id of the commitment it answers.
    commitment: str
    #: The status chosen.
    status: CommitmentStatus
    #: The date of the report.
    on: dt.date
    #: The cell of the row's commitment id.
    place: Place
    #: The share done, from 0 to 100, if given.
    percent: int | None = None
    #: The note, and the link to evidence after it on a line of its own, if given.
    note: str | None = None


@attrs.frozen
class Returned:
    """A survey workbook as it came back: whose it is, in which language, and its answers."""

    #: The file, as problems name it.
    source: str
    #: The id of the stakeholder it was written for, who reported the answers.
    owner: str
    #: The language it was written in.
    language: str
    #: The rows that were filled in, in order.
    answers: tuple[Answer, ...]


@attrs.frozen
class Collected:
    """What collecting survey workbooks changes in a record, not yet written."""

    #: The edits of the record's files: look at them with ``diff()``, write them with ``save()``.
    rewrite: Rewrite
    #: What changes in the record, commitment by commitment.
    changes: Changes
    #: How many progress updates are added.
    added: int
    #: How many answers were in the record already, and are not added again.
    known: int


def read_answers(path: str | os.PathLike[str], *, today: dt.date | None = None) -> Returned:
    """The answers in the survey workbook at *path*; a report may not be dated after *today* (by default, today).

    :raises ~gpworkshop.LoadError: listing every problem of the workbook, each at its cell.
    :raises ~gpworkshop.MissingExtraError: without the ``xlsx`` extra.
    """
    source = os.fspath(path)
    about = _about(Path(path), source)
    owner, language = about["owner"], about["language"]
    table = read_table(Path(path), sheet=sheet_name(language), source=source)
    problems = _header_problems(table, language)
    if problems:
        raise LoadError(problems)
    labels = status_labels(language)
    latest = today or dt.date.today()
    found = []
    for number, cells in table.rows:
        answer = _answer(table, number, dict(zip(_KEYS, cells, strict=False)), labels, problems)
        if answer is not None and answer.on > latest:
            message = f"the report is dated {answer.on}, after today ({latest})"
            problems.append(placed(codes.BAD_DATE, message, table.place(number, _KEYS.index("on") + 1)))
        if answer is not None:
            found.append(answer)
    if problems:
        raise LoadError(problems)
    return Returned(source=source, owner=owner, language=language, answers=tuple(found))


def collect_answers(
    files: Iterable[str | os.PathLike[str]], record: Sequence[str | os.PathLike[str]], *, today: dt.date | None = None
) -> Collected:
    """The answers of the survey workbooks *files* added to the record in the files *record*, not yet written.

    Reports dated after *today* (by default, today) are refused. Two answers for one commitment on one day
    must agree on its status and the share done.

    :raises ~gpworkshop.LoadError: listing every problem of every workbook, each at its cell: unreadable
        values, a commitment the record lacks or the owner did not make, a date before the commitment was made
        or before its latest progress update.
    :raises ~gpworkshop.rewrite.RewriteError: if a file of the record is not YAML or JSON.
    """
    returned: list[Returned] = []
    problems: list[Problem] = []
    for file in files:
        try:
            returned.append(read_answers(file, today=today))
        except LoadError as error:
            problems.extend(error.problems)
    kb = load(list(record), check=False)
    updates, known = _updates(kb, returned, problems)
    if problems:
        raise LoadError(problems)
    rewrite = add_progress(record, updates)
    return Collected(rewrite, diff(kb, rewrite.record), sum(map(len, updates.values())), known)


def _about(path: Path, source: str) -> dict[str, str]:
    """What the hidden sheet of a survey says: its version, owner and language."""
    try:
        table = read_table(path, sheet=SURVEY_SHEET, source=source)
    except LoadError as error:
        if any(problem.code == codes.UNKNOWN_KEY for problem in error.problems):
            raise LoadError([_not_survey(Place(source), "it has no sheet gpworkshop")]) from None
        raise
    about = {str(cells[0]): "" if cells[1] is None else str(cells[1]) for _number, cells in table.rows if cells}
    if about.get("version") != str(VERSION) or not about.get("owner") or about.get("language") not in LANGUAGES:
        where = table.place(1, 1)
        raise LoadError([_not_survey(where, f"its sheet gpworkshop does not describe a survey of version {VERSION}")])
    return about


def _not_survey(place: Place, why: str) -> Problem:
    return placed(codes.NOT_SURVEY, f"not a survey workbook of gpworkshop survey: {why}", place)


def _header_problems(table: TheirTable, language: str) -> list[Problem]:
    for column, wanted in enumerate(headings(language), 1):
        given = table.header[column - 1] if column <= len(table.header) else ""
        if given != wanted:
            why = f"the column {column} should be {wanted!r}, not {excerpt(given)}: the survey's columns cannot move"
            # The columns after a moved one are all out of place: the first says it.
            return [_not_survey(table.place(1, column), why)]
    for column, given in enumerate(table.header[len(_KEYS) :], len(_KEYS) + 1):
        if given:
            why = f"the column {excerpt(given)} is not one of the survey's: what it holds would not be read"
            return [_not_survey(table.place(1, column), why)]
    return []


def _answer(
    table: TheirTable, number: int, row: dict[str, Any], labels: dict[str, CommitmentStatus], problems: list[Problem]
) -> Answer | None:
    """The answer of one row, or ``None`` for a row left as it was written."""

    def place(key: str) -> Place:
        return table.place(number, _KEYS.index(key) + 1)

    def problem(code: str, key: str, message: str) -> None:
        problems.append(placed(code, message, place(key)))

    status_cell, percent_cell = _text(row.get("status")), row.get("percent")
    note, evidence, on_cell = _text(row.get("note")), _text(row.get("evidence")), row.get("on")
    asked_percent = row.get("asked-percent")
    asked = labels.get(status_cell or "") is _status(row.get("asked-status")) and _same(percent_cell, asked_percent)
    if asked and on_cell in (None, "") and not note and not evidence:
        return None
    commitment = _text(row.get("id"))
    if not commitment:
        problem(codes.MISSING_FIELD, "id", "the row has no commitment id: write answers only in rows of the survey")
        return None
    status = labels.get(status_cell or "") or _status(status_cell)
    if status is None:
        choices = ", ".join(map(repr, labels))
        problem(codes.UNKNOWN_VALUE, "status", f"choose a status from the list: {choices} (got {excerpt(status_cell)})")
    on = _date(on_cell)
    if on is None:
        said = "give the date of the report" if on_cell in (None, "") else f"not a date: {excerpt(str(on_cell))}"
        problem(codes.MISSING_FIELD if on_cell in (None, "") else codes.BAD_DATE, "on", said)
    percent = _percent(percent_cell)
    if percent_cell not in (None, "") and percent is None:
        problem(
            codes.INVALID_VALUE, "percent", f"a whole number from 0 to 100, please (got {excerpt(str(percent_cell))})"
        )
    if evidence and not is_web_address(evidence):
        problem(codes.INVALID_VALUE, "evidence", f"the evidence must be a link (https://…), got {excerpt(evidence)}")
    if status is None or on is None:
        return None
    text = "\n".join(part for part in (note, evidence) if part) or None
    return Answer(commitment, status, on, place("id"), percent=percent, note=text)


def _text(value: Any) -> str | None:
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def _status(value: Any) -> CommitmentStatus | None:
    """A status written as its value (``in-progress``) or its English label (``In progress``)."""
    text = (_text(value) or "").lower().replace(" ", "-")
    return next((status for status in CommitmentStatus if status.value == text), None)


def _same(given: Any, asked: Any) -> bool:
    return _percent(given) == _percent(asked)


def _percent(value: Any) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int | float) and float(value).is_integer() and 0 <= value <= 100:
        return int(value)
    match = _PERCENT.fullmatch(value) if isinstance(value, str) else None
    if match is not None and int(match[1]) <= 100:
        return int(match[1])
    return None


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None


def _updates(
    kb: KnowledgeBase, returned: list[Returned], problems: list[Problem]
) -> tuple[dict[str, list[ProgressUpdate]], int]:
    """The progress updates to add, by commitment, oldest first; and how many answers the record has already."""
    commitments = {commitment.id: commitment for _event, commitment in kb.commitments()}
    updates: dict[str, list[tuple[ProgressUpdate, Place]]] = {}
    known = 0
    for workbook in returned:
        for answer in workbook.answers:
            commitment = commitments.get(answer.commitment)
            problem = _misplaced(answer, workbook.owner, commitment)
            if problem is not None:
                problems.append(problem)
                continue
            assert commitment is not None
            update = _update(answer, workbook, kb.language)
            if update in commitment.progress or update in [added for added, _ in updates.get(commitment.id, [])]:
                known += 1
                continue
            updates.setdefault(commitment.id, []).append((update, answer.place))
    for commitment_id, added in updates.items():
        added.sort(key=lambda pair: pair[0].on)
        problems.extend(_disagreeing(commitment_id, added))
        commitment = commitments[commitment_id]
        floor = _floor(commitment)
        for update, place in added:
            if floor is not None and update.on < floor[0]:
                message = f"the report of {update.on} comes before {floor[1]} of {commitment_id!r} ({floor[0]})"
                code = codes.PROGRESS_ORDER if "update" in floor[1] else codes.DATE_ORDER
                problems.append(placed(code, message, place))
    return {key: [update for update, _ in added] for key, added in updates.items()}, known


def _disagreeing(commitment: str, added: list[tuple[ProgressUpdate, Place]]) -> Iterable[Problem]:
    """A problem at each answer that says otherwise than an earlier one of the same day about *commitment*."""
    first: dict[dt.date, tuple[ProgressUpdate, Place]] = {}
    for update, place in added:
        said, where = first.setdefault(update.on, (update, place))
        if (said.status, said.percent) != (update.status, update.percent):
            message = (
                f"the answers for {commitment!r} on {update.on} disagree: {_said(update)} here, {_said(said)} "
                f"at {where.source}; correct one of them"
            )
            yield placed(codes.INVALID_VALUE, message, place)


def _said(update: ProgressUpdate) -> str:
    return update.status.value + ("" if update.percent is None else f", {update.percent} %")


def _misplaced(answer: Answer, owner: str, commitment: Commitment | None) -> Problem | None:
    if commitment is None:
        message = f"the record has no commitment {answer.commitment!r}"
        return placed(codes.UNKNOWN_REFERENCE, message, answer.place)
    if owner not in commitment.by:
        message = f"this workbook is for {owner!r}, who did not make the commitment {answer.commitment!r}"
        return placed(codes.UNKNOWN_REFERENCE, message, answer.place)
    return None


def _floor(commitment: Commitment) -> tuple[dt.date, str] | None:
    """The earliest day a new report may have, and what sets it: the latest update, or the day it was made."""
    if commitment.progress:
        return commitment.progress[-1].on, "the latest progress update"
    if commitment.made_on is not None:
        return commitment.made_on, "the day of the commitment"
    return None


def _update(answer: Answer, workbook: Returned, record_language: str) -> ProgressUpdate:
    note: str | None = answer.note
    if note is not None and best_match(workbook.language, [record_language]) is None:
        # Written in the workbook's language, which is not the record's: said so.
        note = Translatable({workbook.language: note}, language=record_language)
    return ProgressUpdate(
        on=answer.on,
        status=answer.status,
        note=note,
        percent=answer.percent,
        source=Source(stakeholder=workbook.owner),
    )
