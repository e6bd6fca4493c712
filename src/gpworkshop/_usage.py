"""What the modules of the command line share: the error of a command line that cannot be done, dates, output."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from gpworkshop._atomic import write_atomically
from gpworkshop._wording import suggest

if TYPE_CHECKING:
    from gpworkshop.errors import Problem
    from gpworkshop.model import KnowledgeBase

__all__ = ["UsageError", "check_output", "check_series", "day", "warn", "write_output", "wrote"]


class UsageError(Exception):
    """The command line asks for something that cannot be done; the command exits with status 2."""


def day(text: str) -> dt.date:
    """The date an option gives, in ISO 8601 (``2024-11-06``)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2024-11-06, got {text!r}") from None


def check_series(kb: KnowledgeBase, series: str | None) -> None:
    """Refuse a *series* no event of *kb* belongs to, naming those it has."""
    if series is None or kb.editions(series):
        return
    known = sorted({event.series for event in kb.events if event.series})
    listed = f"; the series are: {', '.join(map(repr, known))}" if known else "; no event of the records is in a series"
    raise UsageError(f"no event belongs to the series {series!r}{suggest(series, known)}{listed}")


def check_output(path: Path) -> None:
    """Refuse an output that is a folder, before any work is done."""
    if str(path) != "-" and path.is_dir():
        raise UsageError(f"{str(path)!r} is a folder; name the file to write, or - for the screen")


def write_output(path: Path, content: str | bytes, out: TextIO) -> None:
    """Write *content* to *path* in one step, or text to the screen for ``-``, and say what was written."""
    if str(path) == "-":
        if isinstance(content, bytes):
            raise UsageError("this output is a file, not text for the screen; name the file with -o")
        out.write(content)
        return
    check_output(path)
    write_atomically(path, content)
    wrote(path, out)


def warn(warnings: Iterable[Problem], output: Path, out: TextIO) -> None:
    """Print the *warnings* found reading what *output* is written from, before it is written.

    They come beside what the command says of the file it writes; with the screen (``-``) as the output, on
    standard error, apart from what is written.
    """
    to = sys.stderr if str(output) == "-" else out
    for warning in warnings:
        print(warning, file=to)


def wrote(path: Path, out: TextIO) -> None:
    """Say what was written: every command that writes a file or folder says so, the same way."""
    print(f"wrote {path}", file=out)
