"""The verb of the command line that writes reports: outcome, tracker, matrix and coverage, in every format."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from gpworkshop import reports
from gpworkshop._usage import UsageError, check_output, check_series, day, write_output
from gpworkshop.errors import MissingExtraError
from gpworkshop.reports.language import LANGUAGES
from gpworkshop.serialize import load
from gpworkshop.vocab import CommitmentStatus

__all__ = ["VERBS", "add_verbs"]


def add_verbs(verbs: Any) -> None:
    """Add the verbs of this module to the command line's sub-parsers."""
    report = verbs.add_parser("report", help="write a report: outcome, tracker, matrix or coverage")
    report.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a record file or a folder of them")
    report.add_argument(
        "--kind",
        choices=list(reports.KINDS),
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
        "--format",
        choices=(*reports.FORMATS, *reports.BINARY_FORMATS),
        help="output format (default: from the suffix of -o, else markdown); docx and pdf are written to a file",
    )
    report.add_argument(
        "--as-of", type=day, metavar="DATE", help="judge commitments as of DATE (tracker; default: today)"
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
        "--lang",
        metavar="TAG",
        help=f"the language to write the report in: {', '.join(LANGUAGES)} (default: en); record texts without a "
        "translation are shown as written",
    )
    report.add_argument(
        "--paper",
        choices=reports.PAPERS,
        help="docx, pdf: the paper size (default: a4; a docx made with --reference-docx keeps the reference's)",
    )
    report.add_argument(
        "--reference-docx",
        type=Path,
        metavar="FILE",
        help="docx: a Word file whose styles, page setup, headers and footers the report takes (its text is left out)",
    )
    report.add_argument(
        "-o", "--output", type=Path, metavar="FILE", help="write to FILE (- for the screen, the default)"
    )


def _report(args: argparse.Namespace, out: TextIO) -> int:
    format_ = args.format
    to_screen = args.output is None or str(args.output) == "-"
    if not to_screen:
        check_output(args.output)
        if format_ is None:
            try:
                format_ = reports.format_for(args.output)
            except reports.ReportError as error:
                raise UsageError(f"{error}; give --format") from None
        else:
            _check_name(args.output, format_)
    format_ = format_ or "markdown"
    _check_options(args, format_, to_screen)
    kb = load(args.paths)
    check_series(kb, args.series)
    try:
        document = reports.build(
            kb,
            args.kind,
            event=args.event,
            as_of=args.as_of,
            stakeholder=args.stakeholder,
            series=args.series,
            status=CommitmentStatus(args.status) if args.status else None,
            lang=args.lang,
        )
        if format_ in reports.BINARY_FORMATS:
            content: str | bytes = reports.render_bytes(
                document, format_, paper=args.paper, reference_docx=args.reference_docx
            )
        else:
            content = reports.render(document, format_)
    except (reports.ReportError, reports.LanguageError) as error:
        if isinstance(error, MissingExtraError):
            # A missing extra is one failure for every command, whichever part of gpworkshop needs it.
            raise
        raise UsageError(str(error)) from None
    write_output(args.output or Path("-"), content, out)
    return 0


def _check_name(path: Path, format_: str) -> None:
    """Refuse a Word file or a PDF named as another format, or another format named as one: it would not open."""
    try:
        named = reports.format_for(path)
    except reports.ReportError:
        return
    if named != format_ and (named in reports.BINARY_FORMATS or format_ in reports.BINARY_FORMATS):
        raise UsageError(f"--format {format_} does not write a {named} file, which -o names ({path.name})")


def _check_options(args: argparse.Namespace, format_: str, to_screen: bool) -> None:
    """Refuse, before any work, what the format cannot do: a file format to the screen, another format's options."""
    if format_ in reports.BINARY_FORMATS and to_screen:
        raise UsageError(f"a {format_} report is a file, not text for the screen; name it with -o")
    if args.paper is not None and format_ not in reports.BINARY_FORMATS:
        raise UsageError(f"--paper is for docx and pdf reports, not {format_}")
    if args.reference_docx is not None and format_ != "docx":
        raise UsageError(f"--reference-docx is for docx reports, not {format_}")


#: The verbs of this module, by name.
VERBS = {"report": _report}
