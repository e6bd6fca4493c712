"""Errors and problems.

Every exception gpworkshop raises on purpose derives from
:class:`GPWorkshopError`. Problems found in files are data: each
:class:`Problem` has a stable code, a location and a message, and a
:class:`LoadError` carries all of them at once.

>>> problem = Problem(code="GPW203", message="expected a date such as 2014-11-06 (got 'soon')",
...                   source="busan.yaml", line=9, column=12, path="events[0].start")
>>> print(problem)
busan.yaml:9:12: GPW203 events[0].start: expected a date such as 2014-11-06 (got 'soon')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable

import attrs

from gpworkshop._wording import file_name

__all__ = [
    "FieldValueError",
    "FormatError",
    "GPWorkshopError",
    "LoadError",
    "MissingExtraError",
    "Problem",
    "Severity",
    "UnknownIdError",
    "WriteError",
    "dotted",
]


class GPWorkshopError(Exception):
    """Base of every exception gpworkshop raises on purpose."""


class UnknownIdError(GPWorkshopError, KeyError):
    """No object of the asked kind has this id.

    Also a :class:`KeyError`, as for a missing key in a mapping.
    """

    def __init__(self, kind: str, wanted: str) -> None:
        super().__init__(kind, wanted)
        #: What was looked up: ``"stakeholder"``, ``"event"``, ``"objective"``, …
        self.kind = kind
        #: The id that was not found.
        self.id = wanted

    def __str__(self) -> str:
        return f"no {self.kind} has the id {self.id!r}"


class FieldValueError(GPWorkshopError, ValueError):
    """A value breaks the rule of its field, as when a model object is built with an id in capitals.

    >>> from gpworkshop import FieldValueError, Person
    >>> try:
    ...     Person(name=" ")
    ... except FieldValueError as error:
    ...     print(error.field, "-", error)
    name - 'name' must be non-empty text (got ' ')
    """

    def __init__(
        self,
        field: str,
        message: str,
        *,
        items: tuple[tuple[int, str], ...] = (),
        names_an_id: bool = False,
        code: str = "GPW206",
    ) -> None:
        super().__init__(message)
        #: The name of the field.
        self.field = field
        #: For a list field: the index of each bad item with what is wrong with it; empty otherwise.
        self.items = items
        #: Whether the field holds ids or references to them.
        self.names_an_id = names_an_id
        #: The code of the problem reported when a record is loaded: ``GPW207`` for a language tag, else ``GPW206``.
        self.code = code


class MissingExtraError(GPWorkshopError, ImportError):
    """Something needs a library of an extra that is not installed; the message names the extra to install.

    >>> from gpworkshop import MissingExtraError
    >>> issubclass(MissingExtraError, ImportError)
    True
    """


class FormatError(GPWorkshopError, ValueError):
    """A file format gpworkshop does not read or write; the formats are ``yaml`` and ``json``."""


class WriteError(GPWorkshopError, OSError):
    """A file could not be written; the previous file, if any, is left as it was."""


class Severity(enum.StrEnum):
    """How serious a problem is."""

    #: The record is wrong; loading fails.
    ERROR = "error"
    #: The record is valid but likely incomplete; loading succeeds.
    WARNING = "warning"


@attrs.frozen(kw_only=True)
class Problem:
    """One thing wrong with a record, located as precisely as known."""

    #: Stable code, such as ``"GPW203"``; see the error catalogue.
    code: str
    #: What is wrong, what was expected and how to fix it.
    message: str
    #: Whether the problem is an error or only a warning.
    severity: Severity = Severity.ERROR
    #: The file the problem is in, or ``None`` for objects built in Python.
    source: str | None = None
    #: Line in :attr:`source`, counted from 1.
    line: int | None = None
    #: Column in :attr:`source`, counted from 1.
    column: int | None = None
    #: Where in the record, such as ``events[0].commitments[2].due``; empty for the whole record.
    path: str = ""

    @property
    def location(self) -> str:
        r"""``file:line:col``, with the parts that are known.

        A file name holding control characters is shown with them escaped, as a
        name received from elsewhere may be made to rewrite a terminal:

        >>> Problem(code="GPW100", message="m", source="a\x1b[2Jb.yaml", line=1).location
        'a\\x1b[2Jb.yaml:1'
        """
        source = self.source or "<record>"
        parts = [file_name(source)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def __str__(self) -> str:
        where = f" {self.path}" if self.path else ""
        return f"{self.location}: {self.code}{where}: {self.message}"


def dotted(path: tuple[str | int, ...]) -> str:
    """A path into a record as it is written in problems: ``events[0].commitments[2].due``.

    >>> dotted(("events", 0, "commitments", 2, "due"))
    'events[0].commitments[2].due'
    """
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else step)
    return text


class LoadError(GPWorkshopError, ValueError):
    """A record could not be loaded; :attr:`problems` says everything that is wrong."""

    def __init__(self, problems: Iterable[Problem]) -> None:
        #: Every problem found, errors and warnings, in the order of the record.
        self.problems: tuple[Problem, ...] = tuple(problems)
        super().__init__(self.problems)

    @property
    def errors(self) -> tuple[Problem, ...]:
        """The problems that are errors."""
        return tuple(p for p in self.problems if p.severity is Severity.ERROR)

    def __str__(self) -> str:
        count = len(self.errors)
        head = f"{count} error{'' if count == 1 else 's'} in the record"
        return "\n".join([head, *(str(problem) for problem in self.problems)])
