"""The catalogue of problem codes: stable names, what each means and how to fix it.

Codes never change meaning once released. ``GPW1xx`` are problems reading a
file, ``GPW2xx`` problems with the shape or values of a record.
"""

from __future__ import annotations

import attrs

from gpworkshop.errors import Severity

__all__ = ["CATALOGUE", "CodeInfo"]


@attrs.frozen
class CodeInfo:
    """What a problem code means."""

    code: str
    severity: Severity
    title: str
    fix: str


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
    "The file nests too deeply or its aliases expand too far.",
    "Write the values out instead of nesting or repeating them through aliases.",
)
EMPTY = _code("GPW105", "The file is empty.", "Start the file with ``gpworkshop: 1``.")
NOT_MAPPING = _code(
    "GPW106",
    "The file's top level is not a mapping.",
    "A record is a mapping with the keys ``gpworkshop``, ``stakeholders`` and ``events``.",
)
NO_VERSION = _code(
    "GPW107",
    "The ``gpworkshop`` format version is missing.",
    "Add ``gpworkshop: 1`` as the first line.",
)
BAD_VERSION = _code(
    "GPW108",
    "The format version is not one this version of gpworkshop reads.",
    "Upgrade gpworkshop for a newer format, or correct the version number.",
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
