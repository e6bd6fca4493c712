"""The verbs of the command line that help one start: ``new`` writes a record to fill in, ``explain`` a problem code.

A record that is new is written in YAML, whose comments show how to fill it in; it is never written over a file
that exists.
"""

from __future__ import annotations

import argparse
import datetime as dt
import re
from pathlib import Path
from typing import Any, TextIO

from gpworkshop import blank
from gpworkshop._atomic import write_atomically
from gpworkshop._usage import UsageError, wrote
from gpworkshop._validators import SLUG
from gpworkshop.errors import FieldValueError
from gpworkshop.explain import UnknownCodeError, catalogue, explain
from gpworkshop.vocab import EventFormat

__all__ = ["VERBS", "add_verbs"]

_YAML_SUFFIXES = (".yaml", ".yml")
#: The option each field of the event is given by.
_OPTIONS = {"id": "--event-id", "title": "--title", "start": "--start"}


def add_verbs(verbs: Any) -> None:
    """Add the verbs of this module to the command line's sub-parsers."""
    new = verbs.add_parser("new", help="write a new record of one event, valid and commented, ready to fill in")
    new.add_argument("path", type=Path, metavar="PATH", help="the YAML file to write; it must not exist yet")
    new.add_argument("--event-id", metavar="ID", help="the event's id (default: the file's name, as an id)")
    new.add_argument("--title", metavar="TEXT", help="the event's title (default: the file's name, in words)")
    new.add_argument(
        "--start", type=_when, metavar="DATE", help="the day or time it starts, in ISO 8601 (default: today)"
    )
    new.add_argument(
        "--format",
        choices=[value.value for value in EventFormat],
        default=EventFormat.WORKSHOP.value,
        metavar="FORMAT",
        help=f"the event's format: {', '.join(value.value for value in EventFormat)} (default: workshop)",
    )

    explain_ = verbs.add_parser(
        "explain", help="say what a problem code means, with a record that has the problem and the record put right"
    )
    explain_.add_argument(
        "code", nargs="?", metavar="CODE", help="a code such as GPW204 (without one: list every code)"
    )


def _when(text: str) -> dt.date | dt.datetime:
    try:
        return dt.datetime.fromisoformat(text) if "T" in text else dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"expected a day such as 2015-11-26 or a time such as 2015-11-26T09:30:00+09:00, got {text!r}"
        ) from None


def _new(args: argparse.Namespace, out: TextIO) -> int:
    path: Path = args.path
    if path.suffix.lower() not in _YAML_SUFFIXES:
        raise UsageError(
            f"a new record is written in YAML, whose comments show how to fill it in: name it {path.stem}.yaml"
        )
    if path.exists() or path.is_symlink():
        raise UsageError(f"{path} exists already; a new record is not written over it")
    event_id = args.event_id or _id_of(path.stem)
    if not SLUG.fullmatch(event_id):
        hint = "" if args.event_id else f" (the file's name, {path.stem!r}, does not make one: give --event-id)"
        raise UsageError(f"the event id {event_id!r} is not lowercase letters, digits and hyphens{hint}")
    title = args.title if args.title is not None else _words_of(path.stem)
    try:
        text = blank.record(event_id, title, args.start or dt.date.today(), format=EventFormat(args.format))
    except FieldValueError as error:
        raise UsageError(f"{_OPTIONS.get(error.field, error.field)}: {error}") from None
    write_atomically(path, text)
    wrote(path, out)
    return 0


def _id_of(name: str) -> str:
    """*name* made an id: ``Busan GP workshop 2015`` is ``busan-gp-workshop-2015``."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _words_of(name: str) -> str:
    """*name* in words: ``busan-gp-workshop-2015`` is ``Busan gp workshop 2015``."""
    words = " ".join(re.split(r"[-_\s]+", name)).strip()
    return words[:1].upper() + words[1:]


def _explain(args: argparse.Namespace, out: TextIO) -> int:
    if args.code is None:
        print(catalogue(), file=out)
        return 0
    try:
        print(explain(args.code), file=out)
    except UnknownCodeError as error:
        raise UsageError(str(error)) from None
    return 0


VERBS = {"new": _new, "explain": _explain}
