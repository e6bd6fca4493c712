"""The catalogue of problem codes: what each means and how to fix it.

Codes are stable: once released, a code keeps its meaning. ``GPW1xx`` are
problems reading a file, ``GPW2xx`` problems with the shape or values of a
record, ``GPW3xx`` broken integrity (ids and references, dates), and
``GPW4xx`` warnings about records that are valid but weak for accountability.

>>> from gpworkshop.codes import CATALOGUE
>>> CATALOGUE["GPW302"].title
'A reference names an id that does not exist.'
"""

from __future__ import annotations

import attrs

from gpworkshop.errors import Severity

__all__ = ["CATALOGUE", "CodeInfo"]


@attrs.frozen
class CodeInfo:
    """What a problem code means."""

    #: The code, such as ``"GPW302"``.
    code: str
    #: Whether the problem is an error or a warning.
    severity: Severity
    #: What the problem is, in one sentence.
    title: str
    #: How to fix it.
    fix: str


#: Every problem code, in order, with its meaning.
CATALOGUE: dict[str, CodeInfo] = {}


def _code(code: str, title: str, fix: str, severity: Severity = Severity.ERROR) -> str:
    CATALOGUE[code] = CodeInfo(code, severity, title, fix)
    return code


UNREADABLE = _code("GPW100", "The file cannot be read.", "Check the path and permissions, and save the file as UTF-8.")
SYNTAX = _code(
    "GPW101",
    "The text is not valid YAML or JSON.",
    "Fix the syntax at the position given, often an indentation or a missing quote or bracket.",
)
DUPLICATE_KEY = _code(
    "GPW102",
    "A key is written twice in the same mapping.",
    "Keep one of the two; YAML would silently drop the first.",
)
TAG = _code(
    "GPW103",
    "A YAML tag such as ``!!python/object`` is used.",
    "Remove the tag and write the plain value; gpworkshop never constructs objects from tags.",
)
LIMIT = _code(
    "GPW104",
    "The file passes a limit: it is too large, nests too deeply, has too many rows or columns, or inflates or "
    "expands too far.",
    "Write the values out instead of nesting or repeating them through aliases, and split a very large record over "
    "several files; the limits are listed in the file format reference.",
)
EMPTY = _code("GPW105", "The file is empty.", "Start the file with ``gpworkshop: 2``, the format version.")
NOT_MAPPING = _code(
    "GPW106",
    "The file's top level is not a mapping.",
    "A record is a mapping with the keys ``gpworkshop``, ``stakeholders`` and ``events``.",
)
NO_VERSION = _code(
    "GPW107",
    "The ``gpworkshop`` format version is missing.",
    "Add ``gpworkshop: 2`` as the first line: the version of the format the file is written in.",
)
BAD_VERSION = _code(
    "GPW108",
    "The format version is not one this version of gpworkshop reads.",
    "Upgrade gpworkshop for a newer format, or correct the version number.",
)
MERGE_KEY = _code(
    "GPW109",
    "A YAML merge key (``<<``) is used.",
    "Write the keys out in full: YAML 1.2 dropped merge keys, and tools that still read them disagree on how.",
)
UNLISTED = _code(
    "GPW110",
    "A file has more problems than are listed for one file; the others are counted, not listed.",
    "Fix the problems listed (often the first causes the others) and check the file again.",
    Severity.WARNING,
)
LINK_LEFT_OUT = _code(
    "GPW111",
    "A link of a conference schedule is not a web address and cannot be made one, so it is left out.",
    "Write the link in full (``https://…``), or give the schedule the ``base_url`` its relative links are relative to.",
    Severity.WARNING,
)
MISSING_COLUMN = _code(
    "GPW112",
    "A column that a mapping names is not in the table's header.",
    "Correct the column's name in the mapping (see the hint), or add the column to the table.",
)
TO_REVIEW = _code(
    "GPW113",
    "A name of a table is likely, but not certainly, a stakeholder of another name, and is kept apart.",
    "If the two are one organisation, merge them (``gpworkshop merge``); if not, leave them as they are.",
    Severity.WARNING,
)
NOT_SURVEY = _code(
    "GPW114",
    "A workbook given to collect is not a survey workbook of this release, or its columns were moved.",
    "Collect the workbooks that ``gpworkshop survey`` wrote, with their columns where they were.",
)
MISSING_FIELD = _code("GPW201", "A required field is missing.", "Add the field named in the message.")
UNKNOWN_KEY = _code(
    "GPW202", "A key is not a field of this kind of object.", "Correct the spelling (see the hint) or remove the key."
)
WRONG_TYPE = _code(
    "GPW203",
    "A value has the wrong type, such as a list where text is expected.",
    "Write the kind of value the message names; quote text that looks like a number.",
)
BAD_DATE = _code(
    "GPW204",
    "A date or time is not written as ISO 8601.",
    "Write dates as ``2014-11-06`` and times as ``2023-10-17T09:00:00+09:00``.",
)
UNKNOWN_VALUE = _code(
    "GPW205",
    "A value is not in the field's controlled vocabulary.",
    "Use one of the values listed in the message (see the vocabulary reference).",
)
INVALID_VALUE = _code(
    "GPW206",
    "A value breaks a rule of its field, such as an id with capitals or a percentage over 100.",
    "Correct the value as the message says.",
)
BAD_LANGUAGE = _code(
    "GPW207",
    "A language tag is not a well-formed BCP 47 tag of an ISO 639 language, or names a language twice.",
    "Write tags such as ``en``, ``ko`` or ``zh-Hans``: a language code, not a country code (see the hint).",
)
TRANSLATIONS_NEED_VERSION = _code(
    "GPW208",
    "A text is written in several languages in a file of format version 1, which has no such form.",
    "Change the first line to ``gpworkshop: 2``.",
)
DUPLICATE_ID = _code(
    "GPW301",
    "Two objects of the same kind have the same id.",
    "Give one of them another id; ids of stakeholders, events and commitments are unique across all files, "
    "ids of objectives and takeaways within their event.",
)
UNKNOWN_REFERENCE = _code(
    "GPW302",
    "A reference names an id that does not exist.",
    "Correct the id, or add the stakeholder, event, objective or takeaway it refers to. Objectives and takeaways "
    "are referred to within their own event.",
)
CYCLE = _code(
    "GPW303",
    "Something is part of itself, directly or through others, or an event relates to itself.",
    "Correct the ``part_of`` or ``related`` chain so that it ends.",
)
DUPLICATE_PARTICIPANT = _code(
    "GPW304",
    "A stakeholder is listed twice among the participants of an event.",
    "List the stakeholder once, with all of its roles and people.",
)
NO_OWNER = _code(
    "GPW305",
    "A commitment names no stakeholder in ``by``.",
    "Add the id of at least one stakeholder who made the commitment.",
)
DATE_ORDER = _code(
    "GPW306",
    "A date of a commitment comes before the day it was made.",
    "Correct the due date, endorsement or progress date, or the ``made_on`` date.",
)
PROGRESS_ORDER = _code(
    "GPW307",
    "Progress updates are not in date order.",
    "List the progress updates of a commitment oldest first.",
)
DUPLICATE_IDENTIFIER = _code(
    "GPW308",
    "Two stakeholders carry the same IATI, ROR or Wikidata identifier.",
    "They are one organisation: merge them (``gpworkshop merge``), or correct the identifier of one.",
)
UNANSWERED_OBJECTIVE = _code(
    "GPW401",
    "No takeaway or commitment answers an objective.",
    "Link the takeaways and commitments that answer it through their ``objectives``, or record that nothing did.",
    Severity.WARNING,
)
NOT_SMART = _code(
    "GPW402",
    "A commitment is not SMART: it has no due date, or neither a deliverable nor an indicator.",
    "Add ``due`` and a ``deliverable`` or ``indicator`` so that progress can be judged.",
    Severity.WARNING,
)
OVERDUE = _code(
    "GPW403",
    "An open commitment is past its due date.",
    "Record progress with its new status, or a new due date.",
    Severity.WARNING,
)
STALE = _code(
    "GPW404",
    "An open commitment has had no progress reported for over a year.",
    "Ask its owners for a progress update and record it.",
    Severity.WARNING,
)
STATUS_MISMATCH = _code(
    "GPW405",
    "A commitment's status differs from the status of its latest progress update.",
    "Make ``status`` the status reported by the latest progress update.",
    Severity.WARNING,
)
UNTRANSLATED = _code(
    "GPW406",
    "A text lacks a language that other texts of the same stakeholder or event are written in.",
    "Add the text in that language, so that reports in it are complete.",
    Severity.WARNING,
)
NO_RECORD_LANGUAGE = _code(
    "GPW407",
    "A text in several languages has none in the record's language.",
    "Add the text in the record's ``language``, which reports fall back to.",
    Severity.WARNING,
)
IATI_AGENCY = _code(
    "GPW408",
    "An IATI organisation identifier names a registration agency that is not in IATI's codelist, or is withdrawn "
    "from it.",
    "Check the identifier with the organisation or its IATI publisher; older identifiers (``DE-1``, ``44000``) have "
    "newer forms on an active list (``XM-DAC-5``, ``XM-DAC-44000``).",
    Severity.WARNING,
)
WRONG_SCRIPT = _code(
    "GPW409",
    "A text is written in another script than its language's: Hangul under ``kr``, which is Kanuri, written in "
    "Latin script.",
    "Tag the text with the language it is written in (the message suggests one), often the language code rather "
    "than the country code: ``ko`` for Korean, not ``kr``.",
    Severity.WARNING,
)
