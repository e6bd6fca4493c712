"""The ``gpworkshop`` command: validate, report and convert records.

Exit status: 0 when there is no error, 1 when the input has errors (printed
as ``file:line:col: CODE path: message``), 2 on a usage error. No traceback
reaches the user.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NoReturn, TextIO

from gpworkshop import reports
from gpworkshop._atomic import write_atomically
from gpworkshop.analysis import commitment_standing, stakeholder_mix
from gpworkshop.errors import FormatError, GPWorkshopError, LoadError, Severity
from gpworkshop.model import KnowledgeBase
from gpworkshop.schema import json_schema
from gpworkshop.serialize import SUFFIXES, dump, format_of, load
from gpworkshop.validate import validate
from gpworkshop.vocab import CommitmentStatus

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130

_REPORT_SUFFIXES = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".rst": "rst",
    ".txt": "text",
}


class _UsageError(Exception):
    """The command line asks for something that cannot be done."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gpworkshop", description="Record, check and report the outcomes of workshops.")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="COMMAND", parser_class=_Parser)

    check = verbs.add_parser("validate", help="check records and print every problem found")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a record file or a folder of them")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--format", choices=["text", "json"], default="text", help="print problems as text lines or as JSON"
    )
    check.add_argument(
        "--as-of", type=_day, metavar="DATE", help="judge overdue and stale commitments as of DATE (default: today)"
    )

    report = verbs.add_parser("report", help="write a report: outcome, tracker, matrix or coverage")
    report.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a record file or a folder of them")
    report.add_argument(
        "--kind",
        choices=list(_REPORTS),
        default="outcome",
        help="outcome report of an event (default), commitment tracker, stakeholder matrix, or objective coverage",
    )
    report.add_argument(
        "--event",
        metavar="ID",
        help="the event to report on (outcome, coverage; needed when the files hold several), "
        "or to narrow the tracker or the matrix to, with its sessions",
    )
    report.add_argument(
        "--format", choices=reports.FORMATS, help="output format (default: from the suffix of -o, else markdown)"
    )
    report.add_argument(
        "--as-of", type=_day, metavar="DATE", help="judge commitments as of DATE (tracker; default: today)"
    )
    report.add_argument(
        "--stakeholder", metavar="ID", help="tracker: only commitments this stakeholder made or endorsed"
    )
    report.add_argument(
        "--series",
        metavar="NAME",
        help="tracker: only this series, with follow-up across editions; matrix: only the editions of this series",
    )
    report.add_argument(
        "--status",
        choices=[status.value for status in CommitmentStatus],
        help="tracker: only commitments with this status",
    )
    report.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (- for the screen, the default)"
    )

    verbs.add_parser("schema", help="print the JSON Schema of the file format, for editors")

    stats = verbs.add_parser("stats", help="count what records hold: events, outcomes, commitments, stakeholders")
    stats.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a record file or a folder of them")
    stats.add_argument("--as-of", type=_day, metavar="DATE", help="judge commitments as of DATE (default: today)")

    convert = verbs.add_parser("convert", help="rewrite a record as YAML or JSON, chosen by the suffix of OUT")
    convert.add_argument("source", type=Path, metavar="IN", help="the record to read")
    convert.add_argument("target", type=Path, metavar="OUT", help=f"the file to write ({', '.join(SUFFIXES)})")
    return parser


def _day(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2024-11-06, got {text!r}") from None


def _plural(count: int, noun: str) -> str:
    return f"{count} {noun}{'' if count == 1 else 's'}"


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    try:
        kb = load(args.paths, as_of=args.as_of)
        problems = validate(kb, as_of=args.as_of)
    except LoadError as error:
        kb, problems = None, list(error.problems)
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    warnings = len(problems) - errors
    if args.format == "json":
        fields = ("code", "severity", "source", "line", "column", "path", "message")
        listed = [{name: getattr(problem, name) for name in fields} for problem in problems]
        json.dump({"errors": errors, "warnings": warnings, "problems": listed}, out, indent=2)
        out.write("\n")
    else:
        for problem in problems:
            print(problem, file=out)
        summary = f"{_plural(errors, 'error')}, {_plural(warnings, 'warning')}"
        if kb is not None:
            summary += f" in {_plural(len(kb.stakeholders), 'stakeholder')} and {_plural(len(kb.events), 'event')}"
        print(summary, file=out)
    if errors or (args.strict and warnings):
        return EXIT_INVALID
    return EXIT_OK


def _schema(_args: argparse.Namespace, out: TextIO) -> int:
    json.dump(json_schema(), out, indent=2, ensure_ascii=False)
    out.write("\n")
    return EXIT_OK


def _chosen_event(kb: KnowledgeBase, wanted: str | None) -> str:
    top = kb.top_level_events()
    if wanted is not None:
        if wanted not in {event.id for event in kb.events}:
            listed = ", ".join(event.id for event in top)
            raise _UsageError(f"no event has the id {wanted!r}; the files hold {listed}")
        return wanted
    if len(top) == 1:
        return top[0].id
    if not top:
        raise _UsageError("the files hold no event to report on")
    listed = ", ".join(event.id for event in top)
    raise _UsageError(f"the files hold several events; choose one with --event ({listed})")


def _report(args: argparse.Namespace, out: TextIO) -> int:
    format_ = args.format
    to_screen = args.output is None or str(args.output) == "-"
    if not to_screen and args.output.is_dir():
        raise _UsageError(f"{str(args.output)!r} is a folder; give -o the name of a file, or - for the screen")
    if format_ is None and not to_screen:
        format_ = _REPORT_SUFFIXES.get(args.output.suffix.lower())
        if format_ is None:
            known = ", ".join(_REPORT_SUFFIXES)
            raise _UsageError(
                f"cannot tell the report format from {args.output.name!r} (known: {known}); give --format"
            )
    kb = load(args.paths)
    document = _REPORTS[args.kind](kb, args)
    text = reports.render(document, format_ or "markdown")
    if to_screen:
        out.write(text)
    else:
        write_atomically(args.output, text)
    return EXIT_OK


def _convert(args: argparse.Namespace, out: TextIO) -> int:
    if args.target.is_dir():
        raise _UsageError(f"{str(args.target)!r} is a folder; name the file to write")
    try:
        format_of(args.target)
    except FormatError as error:
        raise _UsageError(str(error)) from None
    dump(load(args.source), args.target)
    print(f"wrote {args.target}", file=out)
    return EXIT_OK


def _known(kb: KnowledgeBase, kind: str, wanted: str | None) -> str | None:
    ids = {s.id for s in kb.stakeholders} if kind == "stakeholder" else {e.id for e in kb.events}
    if wanted is not None and wanted not in ids:
        raise _UsageError(f"no {kind} has the id {wanted!r}")
    return wanted


def _tracker(kb: KnowledgeBase, args: argparse.Namespace) -> reports.Document:
    return reports.commitment_tracker(
        kb,
        as_of=args.as_of,
        stakeholder=_known(kb, "stakeholder", args.stakeholder),
        event=_known(kb, "event", args.event),
        series=args.series,
        status=CommitmentStatus(args.status) if args.status else None,
    )


_REPORTS: dict[str, Callable[[KnowledgeBase, argparse.Namespace], reports.Document]] = {
    "outcome": lambda kb, args: reports.outcome_report(kb, _chosen_event(kb, args.event)),
    "tracker": _tracker,
    "matrix": lambda kb, args: reports.stakeholder_matrix(
        kb, event=_known(kb, "event", args.event), series=args.series
    ),
    "coverage": lambda kb, args: reports.coverage_report(kb, _chosen_event(kb, args.event)),
}


def _stats(args: argparse.Namespace, out: TextIO) -> int:
    kb = load(args.paths)
    sessions = len(kb.events) - len(kb.top_level_events())
    takeaways = Counter(t.kind for e in kb.events for t in e.takeaways)
    standings = commitment_standing(kb, as_of=args.as_of)
    statuses = Counter(s.status for s in standings)
    mix = stakeholder_mix(kb)
    lines = [
        f"stakeholders  {len(kb.stakeholders)}",
        f"events        {len(kb.events)} ({sessions} of them sessions of others)",
        f"objectives    {sum(len(e.objectives) for e in kb.events)}",
        f"takeaways     {sum(takeaways.values())}" + _breakdown(takeaways),
        f"commitments   {len(standings)}" + _breakdown(statuses),
        f"  overdue {sum(s.overdue for s in standings)}, stale {sum(s.stale for s in standings)}, "
        f"not SMART {sum(bool(s.gaps) for s in standings)}",
        f"participants  {mix.total}: {mix.local_and_national} local or national, {mix.international} international, "
        f"{mix.unclassified} not classified",
    ]
    print("\n".join(lines), file=out)
    return EXIT_OK


def _breakdown(counts: Counter[Any]) -> str:
    if not counts:
        return ""
    return " (" + ", ".join(f"{n} {kind.value}" for kind, n in sorted(counts.items(), key=lambda item: -item[1])) + ")"


_VERBS = {"validate": _validate, "report": _report, "convert": _convert, "schema": _schema, "stats": _stats}


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:  # noqa: PLR0911  (one exit status per kind of failure)
    """Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit status."""
    out = out or sys.stdout
    err = err or sys.stderr
    try:
        args = _parser().parse_args(argv)
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    try:
        return _VERBS[args.verb](args, out)
    except LoadError as error:
        for problem in error.problems:
            print(problem, file=err)
        print(_plural(len(error.errors), "error"), file=err)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print(f"gpworkshop {args.verb}: interrupted", file=err)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (as with `| head`): stop quietly, as other command-line tools do.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return EXIT_OK
    except _UsageError as error:
        print(f"gpworkshop {args.verb}: error: {error}", file=err)
        return EXIT_USAGE
    except GPWorkshopError as error:
        print(f"gpworkshop {args.verb}: error: {error}", file=err)
        return EXIT_INVALID
    except Exception as error:  # noqa: BLE001  (the promise is: never a traceback)
        print(
            f"gpworkshop {args.verb}: internal error ({type(error).__name__}: {error}); this is a bug in gpworkshop, "
            "please report it with the command and the files that caused it",
            file=err,
        )
        return EXIT_INTERNAL
