"""How problems are listed: file by file in the order the files were read, and at most so many for a file.

A file that is not a record at all, or a table a million rows long with a
mistake on every row, would otherwise bury the first problems, which are
the ones to fix, under all the others. Each file (each sheet of a
workbook) lists its first :data:`~gpworkshop.limits.PROBLEMS_PER_FILE`
problems, in the order they are written, then says how many more it has.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable

from gpworkshop import codes, limits
from gpworkshop.errors import Problem, Severity

__all__ = ["capped", "in_file_order"]


def in_file_order(problems: Iterable[Problem], parts: Iterable[str] = ()) -> list[Problem]:
    """*problems* grouped by file, in the order files were read, and by line and column within each.

    A record of tables lists the *parts* it was read from (files, or sheets of a workbook) in their order;
    the problems in a sheet are in the order of their cells (``Commitments!D2``), row by row. The problems of
    files that could not be read at all come first, as what follows from them comes after.
    """
    return [problem for _, problem in sorted(_keyed(problems, parts), key=lambda pair: pair[0])]


def capped(problems: Iterable[Problem], parts: Iterable[str] = ()) -> list[Problem]:
    """*problems*, in their order, with at most :data:`~gpworkshop.limits.PROBLEMS_PER_FILE` for each file.

    The problems past the limit of a file are replaced by one, last, that says how many there are, and how
    many of them are errors. The files are told apart as :func:`in_file_order` does, with *parts*.
    """
    listed: list[Problem] = []
    left: dict[int, list[Problem]] = {}
    counts: dict[int, int] = {}
    for key, problem in _keyed(problems, parts):
        part = key[0]
        counts[part] = counts.get(part, 0) + 1
        if counts[part] <= limits.PROBLEMS_PER_FILE:
            listed.append(problem)
        else:
            left.setdefault(part, []).append(problem)
    for unlisted in left.values():
        listed.append(_more(unlisted))
    return listed


def _more(unlisted: list[Problem]) -> Problem:
    """The problem that stands for the *unlisted* problems of a file."""
    errors = sum(problem.severity is Severity.ERROR for problem in unlisted)
    more = f"{len(unlisted):,} more problem{'s' if len(unlisted) > 1 else ''}"
    message = (
        f"{more} ({errors:,} of them errors) are not listed: at most {limits.PROBLEMS_PER_FILE} are listed for a "
        "file; fix those above and check again"
    )
    first = unlisted[0]
    source = first.source or ""
    sheet, bang, _ = source.rpartition("!")
    return Problem(
        code=codes.UNLISTED, message=message, severity=Severity.WARNING, source=sheet if bang else first.source
    )


def _keyed(problems: Iterable[Problem], parts: Iterable[str]) -> list[tuple[tuple[int, int, int], Problem]]:
    order: dict[str | None, int] = {}
    for part in parts:
        order.setdefault(part, len(order))

    read = set(order)

    def key(problem: Problem) -> tuple[int, int, int]:
        source = problem.source
        if source not in read and problem.line is None and "!" not in (source or ""):
            # A file that could not be read at all comes first: what follows from it comes after.
            return -1, 0, 0
        sheet, _, cell = (source or "").rpartition("!")
        found = _CELL.fullmatch(cell) if sheet else None
        if found is None:
            return order.setdefault(source, len(order)), problem.line or 0, problem.column or 0
        # The cells of a sheet are of one part, whether or not the sheet is among those named.
        column = functools.reduce(lambda total, letter: total * 26 + ord(letter) - 64, found[1], 0)
        return order.setdefault(sheet, len(order)), int(found[2]), column

    return [(key(problem), problem) for problem in problems]


# A cell of a sheet, as in Commitments!D12 (a range, C2:D3, is placed at its first cell).
_CELL = re.compile(r"([A-Z]{1,3})([0-9]+)(?::[A-Z]{1,3}[0-9]+)?")
