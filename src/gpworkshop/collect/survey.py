"""Follow-up by survey: one workbook per commitment owner, to fill in and send back.

Each owner of an open commitment gets a workbook listing what they promised:
the event, the text of the commitment, its due date and the day of its latest
progress update, then the cells to fill in (a status chosen from a list,
prefilled with the status on record; the share done, prefilled with the
latest one reported; the date of the report; a note; a link to evidence).
Every other cell is protected. The workbook speaks the owner's language when
the record has their commitments in it (see :func:`owner_language`), and
:func:`gpworkshop.collect.answers.collect_answers` reads it back.

Writing needs ``pip install "gpworkshop[xlsx]"``; a language other than
English, ``pip install "gpworkshop[i18n]"``.

>>> import datetime as dt
>>> import gpworkshop as gw
>>> from gpworkshop.collect.survey import surveys
>>> kb = gw.load("examples/regional-symposium-2023")
>>> [(survey.owner, survey.commitments) for survey in surveys(kb, as_of=dt.date(2024, 1, 31))]
[('krila', ('krila-local-governance-partnerships',))]
"""

from __future__ import annotations

import datetime as dt
import io
import os
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import attrs

from gpworkshop._atomic import write_all
from gpworkshop.analysis import CommitmentStanding, commitment_standing
from gpworkshop.errors import WriteError
from gpworkshop.formats import requires
from gpworkshop.model import KnowledgeBase, Stakeholder
from gpworkshop.multilingual import best_match, languages_of
from gpworkshop.reports import label
from gpworkshop.reports.language import LANGUAGES, n_, report_language, speaking, wording
from gpworkshop.reports.language import gettext as _
from gpworkshop.vocab import CommitmentStatus

__all__ = [
    "COLUMNS",
    "DETAILS",
    "STATUSES",
    "SURVEY_SHEET",
    "VERSION",
    "Survey",
    "owner_language",
    "surveys",
    "write_surveys",
]

#: The version of the survey workbook's layout, kept in the workbook.
VERSION = 1

#: The hidden sheet that says what the workbook is: its layout version, owner, language and sheet of answers.
SURVEY_SHEET = "gpworkshop"

#: The columns of the sheet of answers, in order: what each holds, and its heading, which the catalogues translate.
COLUMNS = (
    ("id", n_("Id")),
    ("event", n_("Event")),
    ("text", n_("Commitment")),
    ("due", n_("Due")),
    ("latest", n_("Latest progress")),
    ("status", n_("Status")),
    ("percent", n_("Percent done")),
    ("on", n_("Date of the report")),
    ("note", n_("Note")),
    ("evidence", n_("Evidence (link)")),
    # Hidden: the status and share that were prefilled, to tell an answer from a row left as it was.
    ("asked-status", "asked-status"),
    ("asked-percent", "asked-percent"),
)

# The columns people fill in.
_FILLED = ("status", "percent", "on", "note", "evidence")

#: The statuses offered in the list of the status column, in the order shown.
STATUSES = (
    CommitmentStatus.ANNOUNCED,
    CommitmentStatus.IN_PROGRESS,
    CommitmentStatus.PARTIALLY_ACHIEVED,
    CommitmentStatus.ACHIEVED,
    CommitmentStatus.NOT_ACHIEVED,
    CommitmentStatus.WITHDRAWN,
)

#: What each column people fill in asks for, shown when its cell is selected.
DETAILS = {
    "id": n_("Fill in the yellow cells of each commitment with news; leave the others empty."),
    "status": n_("Choose the status on the date of your report."),
    "percent": n_("How much of the commitment is done, as a whole number from 0 to 100."),
    "on": n_("The day your report describes."),
    "note": n_("What was done or found, in a few sentences."),
    "evidence": n_("A link to a document or page that shows it."),
}

_TITLE = n_("Follow-up of commitments")
_WIDTHS = {"id": 18, "event": 28, "text": 60, "due": 12, "latest": 14, "status": 20, "percent": 10, "on": 14}
_DATE_FORMAT = "yyyy-mm-dd"
# Fixed, so that the same record gives the same workbook.
_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


@attrs.frozen
class Survey:
    """The survey workbook of one commitment owner."""

    #: The id of the stakeholder it is for.
    owner: str
    #: The language it is written in, one of the report languages.
    language: str
    #: The ids of the commitments it asks about, in record order.
    commitments: tuple[str, ...]
    #: The ``.xlsx`` workbook.
    workbook: bytes = attrs.field(repr=False)

    @property
    def file_name(self) -> str:
        """The name of its file: the owner's id, which is safe in every file system, and ``.xlsx``."""
        return f"{self.owner}.xlsx"


def surveys(
    kb: KnowledgeBase, *, as_of: dt.date | None = None, event: str | None = None, lang: str | None = None
) -> tuple[Survey, ...]:
    """A survey workbook for each owner of a commitment open on *as_of* (today if not given).

    :param event: only commitments made at this event or its sessions.
    :param lang: write every workbook in this language, not in each owner's.
    :raises ~gpworkshop.UnknownIdError: if no event has the id *event*.
    :raises ~gpworkshop.reports.LanguageError: for a language surveys are not written in, or one other than
        English without the ``i18n`` extra.
    :raises ~gpworkshop.MissingExtraError: without the ``xlsx`` extra.
    """
    day = as_of or dt.date.today()
    chosen = report_language(lang) if lang is not None else None
    by_owner: dict[str, list[CommitmentStanding]] = {}
    for standing in commitment_standing(kb, as_of=day, event=event):
        if standing.status.is_open:
            for owner in standing.commitment.by:
                by_owner.setdefault(owner, []).append(standing)
    made = []
    for owner, standings in by_owner.items():
        stakeholder = kb.stakeholder(owner)
        language = chosen or owner_language(kb, stakeholder, [standing.commitment.text for standing in standings])
        workbook = _workbook(kb, stakeholder, standings, language, day)
        made.append(Survey(owner, language, tuple(standing.commitment.id for standing in standings), workbook))
    return tuple(made)


def owner_language(kb: KnowledgeBase, owner: Stakeholder, texts: Sequence[str]) -> str:
    """The language to ask *owner* in: one of their country's, if the record has all *texts* in it.

    The languages of a country are CLDR's (through Babel, the ``i18n`` extra);
    without Babel, or when the record lacks the texts in them, the language is
    the record's (English when reports are not written in the record's).
    """
    fallback = best_match(kb.language, LANGUAGES) or "en"
    if owner.country is None:
        return fallback
    try:
        from babel.languages import get_official_languages  # noqa: PLC0415  (the i18n extra)
    except ImportError:
        return fallback
    for tag in get_official_languages(owner.country, de_facto=True):
        language = best_match(tag.replace("_", "-"), LANGUAGES)
        if language is not None and all(
            best_match(language, languages_of(text, default=kb.language)) for text in texts
        ):
            return language
    return fallback


def write_surveys(made: Iterable[Survey], folder: str | os.PathLike[str], *, replace: bool = False) -> list[Path]:
    """Write each survey into *folder* (made if missing), all of them or none; the paths written.

    A workbook already in the folder may hold answers: it is replaced only when *replace* is true.

    :raises ~gpworkshop.WriteError: if a file cannot be written, or is there already and *replace* is false.
    """
    target = Path(folder)
    files = {target / survey.file_name: survey.workbook for survey in made}
    there = [path.name for path in files if os.path.lexists(path)]
    if there and not replace:
        raise WriteError(
            f"{target} already holds {', '.join(there)}, which may hold answers: write into another folder, "
            "or replace them"
        )
    try:
        target.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise WriteError(f"{target}: cannot make the folder: {error.strerror or error}") from None
    write_all(files)
    return list(files)


def headings(language: str) -> list[str]:
    """The headings of the sheet of answers in *language*."""
    with speaking(language):
        return [_(heading) if not heading.startswith("asked-") else heading for _key, heading in COLUMNS]


def sheet_name(language: str) -> str:
    """The name of the sheet of answers in *language*."""
    with speaking(language):
        return _("Commitments")[:31]


def status_labels(language: str) -> dict[str, CommitmentStatus]:
    """The statuses by the label the list of a workbook in *language* shows."""
    with speaking(language):
        return {label(status): status for status in STATUSES}


def _workbook(
    kb: KnowledgeBase, owner: Stakeholder, standings: list[CommitmentStanding], language: str, day: dt.date
) -> bytes:
    xlsxwriter = requires("xlsxwriter", "xlsx", "xlsx")
    buffer = io.BytesIO()
    # Every text is written as text: a commitment that starts with "=" is not a formula.
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    book = xlsxwriter.Workbook(buffer, options)
    with speaking(language, record=kb.language) as wording:
        name = wording.plain(owner.name)
        title = f"{_('{label}:').format(label=_(_TITLE))} {name}"
        book.set_properties({"title": title, "author": "gpworkshop", "created": _CREATED})
        formats = _Formats(book)
        sheet = book.add_worksheet(sheet_name(language))
        if wording.right_to_left:
            sheet.right_to_left()
        _answers(sheet, formats, standings)
        about = book.add_worksheet(SURVEY_SHEET)
        rows = [("version", VERSION), ("owner", owner.id), ("language", language), ("as-of", day.isoformat())]
        for number, (key, value) in enumerate([("key", "value"), *rows]):
            about.write_string(number, 0, key)
            about.write(number, 1, value)
        about.hide()
        sheet.activate()
    book.close()
    return buffer.getvalue()


class _Formats:
    """The cell formats of a survey: headings, cells to read, cells to fill in."""

    def __init__(self, book: Any) -> None:
        common = {"valign": "top", "border": 1, "border_color": "#BFBFBF"}
        self.heading = book.add_format({**common, "bold": True, "text_wrap": True, "bg_color": "#D9E2F3"})
        self.shown = book.add_format({**common, "text_wrap": True, "bg_color": "#F2F2F2"})
        self.shown_date = book.add_format({**common, "num_format": _DATE_FORMAT, "bg_color": "#F2F2F2"})
        fill = {**common, "locked": False, "bg_color": "#FFF2CC"}
        self.filled = book.add_format({**fill, "text_wrap": True})
        self.filled_date = book.add_format({**fill, "num_format": _DATE_FORMAT})


def _answers(sheet: Any, formats: _Formats, standings: list[CommitmentStanding]) -> None:
    keys = [key for key, _heading in COLUMNS]
    current = wording()
    for column, heading in enumerate(headings(current.language)):
        sheet.write_string(0, column, heading, formats.heading)
    for row, standing in enumerate(standings, 1):
        commitment, latest = standing.commitment, standing.latest
        values: dict[str, Any] = {
            "id": commitment.id,
            "event": current.plain(standing.event.title),
            "text": current.plain(commitment.text),
            "due": commitment.due,
            "latest": latest.on if latest is not None else None,
            "status": label(standing.status),
            "percent": latest.percent if latest is not None else None,
            "asked-status": standing.status.value,
            "asked-percent": latest.percent if latest is not None else None,
        }
        for column, key in enumerate(keys):
            _cell(sheet, formats, (row, column), key, values.get(key))
        # An update is dated after the latest one, and not before the commitment was made.
        days = [day for day in (commitment.made_on, latest.on if latest is not None else None) if day is not None]
        earliest = max(days) if days else None
        _checks(sheet, row, keys, earliest)
    for column, key in enumerate(keys):
        sheet.set_column(column, column, _WIDTHS.get(key, 36), None, {"hidden": key.startswith("asked-")})
    sheet.freeze_panes(1, 3)
    sheet.protect("", {"format_columns": True, "format_rows": True})


def _cell(sheet: Any, formats: _Formats, at: tuple[int, int], key: str, value: Any) -> None:
    row, column = at
    filled = key in _FILLED
    if isinstance(value, dt.date):
        sheet.write_datetime(row, column, value, formats.filled_date if filled else formats.shown_date)
    elif key == "on":
        sheet.write_blank(row, column, None, formats.filled_date)
    elif value is None or value == "":
        sheet.write_blank(row, column, None, formats.filled if filled else formats.shown)
    elif isinstance(value, int):
        sheet.write_number(row, column, value, formats.filled if filled else formats.shown)
    else:
        sheet.write_string(row, column, str(value), formats.filled if filled else formats.shown)


def _checks(sheet: Any, row: int, keys: list[str], earliest: dt.date | None) -> None:
    """The lists, limits and hints of the cells of one row, in the current wording."""
    say = wording().gettext
    labels = [label(status) for status in STATUSES]

    def hint(key: str) -> dict[str, str]:
        heading = dict(COLUMNS)[key]
        return {"input_title": say(heading)[:32], "input_message": say(DETAILS[key])[:255]}

    at = {key: keys.index(key) for key in keys}
    sheet.data_validation(row, at["id"], row, at["id"], {"validate": "any", **hint("id")})
    sheet.data_validation(
        row, at["status"], row, at["status"], {"validate": "list", "source": labels, **hint("status")}
    )
    sheet.data_validation(
        row,
        at["percent"],
        row,
        at["percent"],
        {"validate": "integer", "criteria": "between", "minimum": 0, "maximum": 100, **hint("percent")},
    )
    dated: dict[str, Any] = {"validate": "date", **hint("on")}
    if earliest is not None:
        dated.update(criteria=">=", value=dt.datetime.combine(earliest, dt.time()))
    else:
        dated.update(criteria="between", minimum=dt.datetime(1900, 1, 1), maximum=dt.datetime(9999, 12, 31))
    sheet.data_validation(row, at["on"], row, at["on"], dated)
    for key in ("note", "evidence"):
        sheet.data_validation(row, at[key], row, at[key], {"validate": "any", **hint(key)})
