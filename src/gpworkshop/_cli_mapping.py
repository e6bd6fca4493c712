"""The verbs of the command line that read someone else's table: ``map`` guesses a mapping, ``import --map`` applies it.

A mapping is written in YAML, with comments on what was guessed, for people
to correct. An import through it writes the record with the names matched
below certainty listed at its end, as comments, and printed as warnings.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from gpworkshop import collect
from gpworkshop._encoding import decode
from gpworkshop._files import read_file
from gpworkshop._usage import UsageError, warn, write_output
from gpworkshop._wording import suggest
from gpworkshop.collect.mapping import IN_EVENTS
from gpworkshop.errors import LoadError, Problem, UnknownIdError
from gpworkshop.model import KnowledgeBase
from gpworkshop.serialize import dumps, load

__all__ = ["VERBS", "add_import_options", "add_verbs", "import_mapped"]

#: How many events a message lists before it stops.
_LISTED = 12


def add_verbs(verbs: Any) -> None:
    """Add the verbs of this module to the command line's sub-parsers."""
    map_ = verbs.add_parser("map", help="guess a mapping of someone else's table (CSV or xlsx), to correct and import")
    map_.add_argument("source", type=Path, metavar="THEIRS", help="the table: a .csv file or an .xlsx workbook")
    map_.add_argument("--sheet", metavar="NAME", help="the sheet of a workbook the table is on (default: the first)")
    map_.add_argument(
        "-o", "--output", required=True, type=Path, metavar="MAP", help="the mapping to write (.yaml); - for the screen"
    )


def add_import_options(parser: argparse.ArgumentParser) -> None:
    """The options of ``import`` that read a table through a mapping."""
    parser.add_argument(
        "--map", type=Path, metavar="MAP", help="read SOURCE, a table of any columns, through this mapping"
    )
    parser.add_argument("--into", type=Path, metavar="RECORD", help="with --map: add the rows to this record")
    parser.add_argument("--sheet", metavar="NAME", help="with --map: the sheet of a workbook (default: the mapping's)")
    parser.add_argument(
        "--event",
        metavar="ID",
        help="with --map and rows: participants/commitments, the event the rows belong to (an id or title)",
    )


def _map(args: argparse.Namespace, out: TextIO) -> int:
    table = collect.read_table(args.source, sheet=args.sheet)
    mapping, notes = collect.guess_mapping(table)
    write_output(args.output, collect.mapping_text(mapping, notes), out)
    return 0


def import_mapped(args: argparse.Namespace, out: TextIO) -> int:
    """``import SOURCE --map MAP [--into RECORD] [--event ID] -o OUT``: the rows of SOURCE added to RECORD or a new one.

    Rows of participants and commitments are added to an event of RECORD: the one ``--event`` names, or the one
    each row names in its column mapped to ``event``.
    """
    if args.from_ is not None:
        raise UsageError("--from names a format of records; a table read through --map has none")
    mapping = collect.parse_mapping(_text(args.map), str(args.map))
    _check_event_options(args, mapping)
    into = load(args.into) if args.into is not None else None
    table = collect.read_table(args.source, sheet=args.sheet or mapping.sheet)
    try:
        imported = collect.apply_mapping(mapping, table, into=into, event=args.event)
    except UnknownIdError as error:
        raise UsageError(_unknown_event(error.id, into)) from None
    text = dumps(imported.kb, "yaml") + _review_comments(imported)
    warn(imported.warnings, args.output, out)
    write_output(args.output, text, out)
    return 0


def _check_event_options(args: argparse.Namespace, mapping: collect.TableMapping) -> None:
    """Refuse --event where the rows are not added to events, and rows added to events with no record to take them."""
    event = args.event
    if mapping.rows not in IN_EVENTS:
        if event is not None:
            message = f"--event goes with rows: participants or commitments; the mapping's rows are {mapping.rows}"
            raise UsageError(message)
        return
    if args.into is None:
        raise UsageError(f"rows of {mapping.rows} are added to an event of a record: give it with --into RECORD")
    if event is None and "event" not in mapping.columns and "event" not in mapping.defaults:
        raise UsageError(
            f"rows of {mapping.rows} belong to an event of --into: name it with --event ID, "
            "or map a column to 'event' that names it in each row"
        )


def _unknown_event(event: str, into: KnowledgeBase | None) -> str:
    ids = [found.id for found in into.events] if into is not None else []
    shown = ", ".join(ids[:_LISTED]) + (", …" if len(ids) > _LISTED else "")
    listed = f"; its events are: {shown}" if ids else "; it has no events"
    return f"--event: no event of --into has the id or title {event!r}{suggest(event, ids)}{listed}"


def _text(path: Path) -> str:
    data = read_file(path, str(path))
    if isinstance(data, Problem):
        raise LoadError([data])
    text, problem = decode(data, str(path))
    if text is None:
        raise LoadError([problem] if problem else [])
    return text


def _review_comments(imported: collect.Imported) -> str:
    """The names to review, as YAML comments to end the record with."""
    if not imported.reviews:
        return ""
    names = {stakeholder.id: str(stakeholder.name) for stakeholder in imported.kb.stakeholders}
    lines = ["", "# To review: names likely of one organisation, kept apart. If they are one, merge them:"]
    for review in imported.reviews:
        lines.append(
            f"#   {names.get(review.new, review.new)!r} may be {names.get(review.other, review.other)!r} "
            f"(score {review.score:g}): gpworkshop merge {review.new} --into {review.other}"
        )
    return "\n".join(lines) + "\n"


#: The verbs of this module, by name.
VERBS = {"map": _map}
