"""What a problem code means, shown by a record that has the problem and the same record put right.

Each code of :data:`gpworkshop.codes.CATALOGUE` comes with a short record in
YAML that has its problem and no other, the record written right, and what
``gpworkshop validate`` says of the first; the message is found by checking
the record, so it is the one a user sees. The few problems no short record
can show (a file that is not text, a hundred problems) are described in words
instead.

>>> from gpworkshop.explain import explain
>>> print(explain("GPW204"))  # doctest: +ELLIPSIS
GPW204, an error: A date or time is not written as ISO 8601.
<BLANKLINE>
This record has the problem:
<BLANKLINE>
    gpworkshop: 1
    events:
      - id: busan-gp-workshop-2014
        title: Annual Busan Global Partnership Workshop
        format: workshop
        start: 06/11/2014
<BLANKLINE>
gpworkshop validate says:
<BLANKLINE>
    example.yaml:6:12: GPW204 events[0].start: expected a date such as 2014-11-06 ...
...
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from importlib import resources
from typing import Any

import attrs
import yaml

from gpworkshop import codes
from gpworkshop.codes import CodeInfo
from gpworkshop.errors import GPWorkshopError, LoadError, Problem, Severity
from gpworkshop.serialize import loads
from gpworkshop.validate import validate

__all__ = ["EXAMPLE_SOURCE", "Explanation", "UnknownCodeError", "catalogue", "explain", "explanation"]

#: The file name the problems of an example record are placed in.
EXAMPLE_SOURCE = "example.yaml"

_MARKUP = re.compile(r"``(.+?)``")


class UnknownCodeError(GPWorkshopError, LookupError):
    """A code that is not in the catalogue was asked for."""


@attrs.frozen
class Explanation:
    """A problem code with what shows it: a wrong record, the record put right, and what is said of the first."""

    #: The code's entry in the catalogue.
    info: CodeInfo
    #: A record in YAML that has the problem and no other; empty when no short record shows it.
    wrong: str
    #: The same record without the problem, and without any other.
    right: str
    #: The problems found in :attr:`wrong`, as ``gpworkshop validate`` reports them.
    found: tuple[Problem, ...]
    #: The day the records are checked as of, for problems that depend on it (overdue, stale); else ``None``.
    as_of: dt.date | None = None
    #: How the problem comes about, in words, for a problem no short record shows; else empty.
    about: str = ""


def explanation(code: str) -> Explanation:
    """The explanation of *code* (``"GPW204"``, also written ``gpw204`` or ``204``).

    Raises :class:`UnknownCodeError`, with the nearest code, when the catalogue has no such code.
    """
    info = codes.CATALOGUE.get(_normalised(code))
    if info is None:
        raise UnknownCodeError(f"there is no problem code {code!r}; the codes are {_ranges()}")
    shown = _examples().get(info.code, {})
    wrong, right, as_of = shown.get("wrong", ""), shown.get("right", ""), shown.get("as_of")
    found = tuple(_problems(wrong, as_of)) if "wrong" in shown else ()
    return Explanation(info, wrong, right, found, as_of, shown.get("about", "").strip())


def explain(code: str) -> str:
    """What *code* means, as ``gpworkshop explain`` prints it: the problem, a wrong and a right record, the fix."""
    shown = explanation(code)
    info = shown.info
    lines = [f"{info.code}, {'a warning' if info.severity is Severity.WARNING else 'an error'}: {_plain(info.title)}"]
    if shown.about:
        lines += ["", shown.about]
    else:
        command = "gpworkshop validate" + (f" --as-of {shown.as_of}" if shown.as_of else "")
        lines += ["", "This record has the problem:", "", _indented(shown.wrong or "# (nothing but this comment)")]
        lines += ["", f"{command} says:", "", *(f"    {problem}" for problem in shown.found)]
        lines += ["", "Written right:", "", _indented(shown.right)]
    lines += ["", f"To fix it: {_plain(info.fix)}"]
    return "\n".join(lines)


def catalogue() -> str:
    """Every problem code, one to a line, with whether it is an error or a warning and what it means."""
    return "\n".join(
        f"{info.code}  {info.severity.value:<7}  {_plain(info.title)}" for info in codes.CATALOGUE.values()
    )


def _ranges() -> str:
    """The codes of the catalogue, each run of them as its first and last: ``GPW100-GPW111, GPW201-GPW208, …``."""
    runs: list[list[str]] = []
    for code in codes.CATALOGUE:
        if runs and int(code[3:]) == int(runs[-1][-1][3:]) + 1:
            runs[-1].append(code)
        else:
            runs.append([code])
    return ", ".join(run[0] if len(run) == 1 else f"{run[0]}-{run[-1]}" for run in runs)


def _normalised(code: str) -> str:
    code = code.strip().upper()
    return f"GPW{code}" if code.isdigit() else code


@functools.cache
def _examples() -> dict[str, dict[str, Any]]:
    text = resources.files("gpworkshop").joinpath("explanations.yaml").read_text("utf-8")
    examples: dict[str, dict[str, Any]] = yaml.safe_load(text)
    return examples


def _problems(text: str, as_of: dt.date | None) -> list[Problem]:
    try:
        return validate(loads(text, source=EXAMPLE_SOURCE, as_of=as_of), as_of=as_of)
    except LoadError as error:
        return list(error.problems)


def _plain(text: str) -> str:
    """*text* without its reStructuredText markup: ````gpworkshop: 1```` is written ``'gpworkshop: 1'``."""
    return _MARKUP.sub(r"'\1'", text)


def _indented(text: str) -> str:
    return "\n".join(f"    {line}" if line else "" for line in text.rstrip("\n").split("\n"))
