"""The ``gpworkshop`` command: validate, report, convert, deduplicate and compare records.

Exit status: 0 when there is no error, 1 when the input has errors (printed
as ``file:line:col: CODE path: message``), 2 on a usage error. No traceback
reaches the user.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from gpworkshop import _cli_identity, _cli_mapping, _cli_report, _cli_site, _cli_start, _cli_survey, formats
from gpworkshop._listing import capped
from gpworkshop._usage import UsageError, check_output, check_series, day, warn, write_output, wrote
from gpworkshop._wording import plural
from gpworkshop.analysis import commitment_standing, narrowed, stakeholder_mix
from gpworkshop.errors import FormatError, GPWorkshopError, LoadError, MissingExtraError, Severity
from gpworkshop.model import KnowledgeBase
from gpworkshop.schema import json_schema
from gpworkshop.serialize import dumps, load
from gpworkshop.translations import coverage
from gpworkshop.validate import validate

if TYPE_CHECKING:
    from _typeshed import SupportsWrite

__all__ = ["main"]

EXIT_OK = 0
EXIT_INVALID = 1
EXIT_USAGE = 2
EXIT_INTERNAL = 70
EXIT_INTERRUPTED = 130


class _Parser(argparse.ArgumentParser):
    def _print_message(self, message: str, file: SupportsWrite[str] | None = None) -> None:
        # argparse passes over a failure to write its help; a help that cannot be written is said to fail.
        if message:
            (file or sys.stderr).write(message)

    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(EXIT_USAGE, f"{self.prog}: error: {message}\n")


class _Version(argparse.Action):
    """``--version``, as argparse's own, with the version read from the installed metadata only when asked for."""

    def __init__(self, option_strings: Sequence[str], dest: str, **options: Any) -> None:
        super().__init__(option_strings, dest, nargs=0, **options)

    def __call__(self, parser: argparse.ArgumentParser, *_: Any) -> NoReturn:
        from importlib.metadata import version  # noqa: PLC0415  (reading installed metadata is costly)

        sys.stdout.write(f"gpworkshop {version('gpworkshop')}\n")
        parser.exit()


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="gpworkshop", description="Record, check and report the outcomes of workshops.")
    parser.add_argument("--version", action=_Version, help="print the version of gpworkshop and stop")
    verbs = parser.add_subparsers(dest="verb", required=True, metavar="COMMAND", parser_class=_Parser)

    check = verbs.add_parser("validate", help="check records and print every problem found")
    check.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a record file or a folder of them")
    check.add_argument("--strict", action="store_true", help="fail on warnings too")
    check.add_argument(
        "--format", choices=["text", "json"], default="text", help="print problems as text lines or as JSON"
    )
    check.add_argument(
        "--as-of", type=day, metavar="DATE", help="judge overdue and stale commitments as of DATE (default: today)"
    )

    _cli_report.add_verbs(verbs)

    verbs.add_parser("schema", help="print the JSON Schema of the file format, for editors")

    stats = verbs.add_parser("stats", help="count what records hold: events, outcomes, commitments, stakeholders")
    stats.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a record file or a folder of them")
    stats.add_argument("--as-of", type=day, metavar="DATE", help="judge commitments as of DATE (default: today)")
    stats.add_argument(
        "--languages", action="store_true", help="show how many texts are written in each language instead"
    )

    convert = verbs.add_parser("convert", help="rewrite a record in another lossless format, chosen by suffix")
    convert.add_argument("source", type=Path, metavar="IN", help="the record to read")
    convert.add_argument(
        "target",
        type=Path,
        metavar="OUT",
        help="the file to write, chosen by suffix (.yaml, .json, .xlsx), or a data package's folder",
    )

    export = verbs.add_parser("export", help="write records in a format of the registry")
    export.add_argument("paths", nargs="*", type=Path, metavar="PATH", help="a record file or a folder of them")
    export.add_argument(
        "--to", metavar="FORMAT", help="the format to write (see 'gpworkshop formats'; default: from the suffix of -o)"
    )
    export.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="OUT",
        help="where to write: a file, a folder for formats of several files, or - for the screen",
    )
    export.add_argument(
        "--template",
        action="store_true",
        help="write the format's empty tables (a workbook to fill in, say) instead of records",
    )
    export.add_argument(
        "--event",
        action="append",
        default=[],
        metavar="ID",
        help="only this event and its sessions (repeat for several)",
    )
    export.add_argument("--series", metavar="NAME", help="only the editions of this series and their sessions")
    export.add_argument(
        "--open-on",
        type=day,
        metavar="DATE",
        help="only the commitments still open (announced or in progress) on DATE",
    )
    export.add_argument(
        "--lang",
        metavar="TAG",
        help="the language to translate into, for the formats of translators (xliff, po): fr, es, zh-Hans",
    )
    export.add_argument(
        "--untranslated",
        action="store_true",
        help="xliff, po: only the texts that lack the language of --lang",
    )

    import_ = verbs.add_parser(
        "import", help="make a record from a file in any readable format, or from any table through a mapping"
    )
    import_.add_argument(
        "source", type=Path, metavar="SOURCE", help="the file to read, or the folder of a data package"
    )
    _cli_mapping.add_import_options(import_)
    import_.add_argument("--from", dest="from_", metavar="FORMAT", help="its format (default: from its suffix)")
    import_.add_argument(
        "-o",
        "--output",
        required=True,
        type=Path,
        metavar="RECORD",
        help="the record to write (.yaml, .json); - for the screen",
    )

    _cli_mapping.add_verbs(verbs)
    verbs.add_parser("formats", help="list the formats records are read and written in, and what each needs")
    _cli_identity.add_verbs(verbs)
    _cli_start.add_verbs(verbs)
    _cli_survey.add_verbs(verbs)
    _cli_site.add_verbs(verbs)
    return parser


def _validate(args: argparse.Namespace, out: TextIO) -> int:
    try:
        kb = load(args.paths, as_of=args.as_of)
        problems = validate(kb, as_of=args.as_of)
    except LoadError as error:
        kb, problems = None, list(error.problems)
    errors = sum(problem.severity is Severity.ERROR for problem in problems)
    warnings = len(problems) - errors
    problems = capped(problems)
    if args.format == "json":
        fields = ("code", "severity", "source", "line", "column", "path", "message")
        listed = [{name: getattr(problem, name) for name in fields} for problem in problems]
        json.dump({"errors": errors, "warnings": warnings, "problems": listed}, out, indent=2)
        out.write("\n")
    else:
        for problem in problems:
            print(problem, file=out)
        summary = f"{plural(errors, 'error')}, {plural(warnings, 'warning')}"
        if kb is not None:
            summary += f" in {plural(len(kb.stakeholders), 'stakeholder')} and {plural(len(kb.events), 'event')}"
        if args.strict and warnings and not errors:
            summary += "; --strict makes the warnings fail the check"
        print(summary, file=out)
    if errors or (args.strict and warnings):
        return EXIT_INVALID
    return EXIT_OK


def _schema(_args: argparse.Namespace, out: TextIO) -> int:
    json.dump(json_schema(), out, indent=2, ensure_ascii=False)
    out.write("\n")
    return EXIT_OK


def _convert(args: argparse.Namespace, out: TextIO) -> int:
    target = _lossless_target(args.target)
    _save(load(args.source), target, args.target, out)
    return EXIT_OK


def _save(kb: KnowledgeBase, format_: formats.Format, path: Path, out: TextIO) -> None:
    """Write the whole record *kb* to *path* in *format_*, text or not, after the warnings found reading it."""
    warn(kb.origins.warnings if kb.origins is not None else (), path, out)
    if format_.save is not None:
        format_.save(kb, path)
        wrote(path, out)
    else:
        write_output(path, dumps(kb, format_.name), out)


def _export(args: argparse.Namespace, out: TextIO) -> int:
    format_ = _chosen_format(args.to, "write") if args.to is not None else _format_of_file(args.output, "write", "--to")
    if args.template and args.paths:
        raise UsageError("--template writes empty tables; give no records with it")
    if not args.template and not args.paths:
        raise UsageError("name the records to export, or give --template")
    if args.template and format_.save is None:
        raise UsageError(f"--template is for formats of tables (csv, xlsx, parquet, jsonl), not {format_.name}")
    if args.template and (args.event or args.series or args.open_on):
        raise UsageError("--template writes empty tables; --event, --series and --open-on choose among records")
    options = _writer_options(format_, args)
    if format_.save is not None:
        if str(args.output) == "-":
            raise UsageError(f"the format {format_.name!r} is written to a file or folder, not to the screen")
        if format_.marker is None:
            check_output(args.output)
        kb = KnowledgeBase() if args.template else _chosen(args)
        format_.save(kb, args.output)
        wrote(args.output, out)
        return EXIT_OK
    check_output(args.output)
    kb = _chosen(args)
    try:
        text = formats.write(format_, kb, **options)
    except FormatError as error:
        if isinstance(error, MissingExtraError):
            raise
        raise UsageError(str(error)) from None
    write_output(args.output, text, out)
    return EXIT_OK


def _writer_options(format_: formats.Format, args: argparse.Namespace) -> dict[str, Any]:
    """The options of ``export`` that *format_* takes, given as its writer takes them; any other is refused."""
    given: dict[str, Any] = {"lang": args.lang, "untranslated": args.untranslated or None}
    taken = {option.name: option for option in format_.options}
    options: dict[str, Any] = {}
    for name, value in given.items():
        if value is None:
            continue
        if name not in taken:
            raise UsageError(f"--{name} is for the formats that take it ({_taking(name)}), not {format_.name}")
        options[name] = value
    for option in format_.options:
        if option.required and option.name not in options:
            raise UsageError(f"--to {format_.name} needs --{option.name}: {option.title}")
    return options


def _taking(name: str) -> str:
    return ", ".join(f.name for f in formats.registry().values() if any(o.name == name for o in f.options))


def _chosen(args: argparse.Namespace) -> KnowledgeBase:
    """The records to export, narrowed as the options say."""
    kb = load(args.paths)
    if not (args.event or args.series or args.open_on):
        return kb
    unknown = [event for event in args.event if event not in {e.id for e in kb.events}]
    if unknown:
        listed = ", ".join(e.id for e in kb.top_level_events())
        raise UsageError(f"no event has the id {unknown[0]!r}; the records hold {listed}")
    check_series(kb, args.series)
    return narrowed(kb, events=args.event, series=args.series, open_on=args.open_on)


def _import(args: argparse.Namespace, out: TextIO) -> int:
    if args.map is not None:
        return _cli_mapping.import_mapped(args, out)
    if args.into is not None or args.sheet is not None or args.event is not None:
        raise UsageError("--into, --sheet and --event go with --map, which says how to read a table of any columns")
    if args.from_ is not None:
        source_format = _chosen_format(args.from_, "read")
    else:
        source_format = _format_of_file(args.source, "read", "--from")
    target = _lossless_target(args.output) if str(args.output) != "-" else formats.get("yaml")
    _save(load(args.source, format=source_format.name), target, args.output, out)
    return EXIT_OK


def _formats(_args: argparse.Namespace, out: TextIO) -> int:
    rows = [("NAME", "SUFFIXES", "READ", "WRITE", "WHOLE RECORD", "NEEDS")]
    for format_ in formats.registry().values():
        needs = f'pip install "gpworkshop[{format_.extra}]"' if format_.extra else "-"
        rows.append(
            (
                format_.name,
                " ".join(format_.suffixes) or "-",
                "yes" if format_.readable else "no",
                "yes" if format_.writable else "no",
                "yes" if format_.lossless else "part",
                needs,
            )
        )
    widths = [max(len(row[column]) for row in rows) for column in range(len(rows[0]))]
    for row in rows:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=True)).rstrip(), file=out)
    return EXIT_OK


def _chosen_format(name: str, verb: str) -> formats.Format:
    try:
        format_ = formats.get(name)
    except FormatError as error:
        raise UsageError(str(error)) from None
    if not (format_.readable if verb == "read" else format_.writable):
        able = ", ".join(f.name for f in formats.registry().values() if (f.readable if verb == "read" else f.writable))
        done = "read" if verb == "read" else "written"
        raise UsageError(f"the format {name!r} is not {done}; the formats {done}: {able}")
    return format_


def _format_of_file(path: Path, verb: str, option: str | None = None, *, whole: bool = False) -> formats.Format:
    """The format *path*'s suffix says, to *verb* (``read`` or ``write``); *option* names the format instead."""
    try:
        format_ = formats.for_path(path)
    except FormatError:
        raise UsageError(_unknown_suffix(path, verb, option, whole=whole)) from None
    return _chosen_format(format_.name, verb)


def _unknown_suffix(path: Path, verb: str, option: str | None, *, whole: bool) -> str:
    """Why the format of *path* cannot be told, with the suffixes a command can *verb*, and what to do instead."""
    able = [
        format_
        for format_ in formats.registry().values()
        if (format_.readable if verb == "read" else format_.writable) and (format_.lossless or not whole)
    ]
    known = ", ".join(dict.fromkeys(suffix for format_ in able for suffix in format_.suffixes))
    suffix = path.suffix.lower()
    tables = next((f for f in able if f.marker is not None and f".{f.name}" == suffix), None)
    if tables is None:
        hint = f"; give the format with {option}" if option else ""
    elif verb == "read":
        hint = (
            f"; {suffix} tables are a folder, a data package: name its folder, or give {option} {tables.name}; "
            f"a table of your own columns is read with --map (see 'gpworkshop map')"
        )
    elif option:
        hint = f"; {suffix} tables are a folder, a data package: name a folder and give {option} {tables.name}"
    else:
        hint = f"; {suffix} tables are a folder, a data package, written by 'gpworkshop export --to {tables.name}'"
    return f"cannot tell the format of {os.fspath(path)!r}: use one of {known}{hint}"


def _lossless_target(path: Path) -> formats.Format:
    if path.is_dir() and not any((path / marker).is_file() for marker in formats.markers()):
        check_output(path)
    format_ = _format_of_file(path, "write", whole=True)
    if format_.marker is None:
        check_output(path)
    if not format_.lossless:
        raise UsageError(f"{format_.name} does not hold a whole record; write the record as .yaml or .json")
    return format_


def _stats(args: argparse.Namespace, out: TextIO) -> int:
    kb = load(args.paths)
    if args.languages:
        print("\n".join(_language_lines(kb)), file=out)
        return EXIT_OK
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


def _language_lines(kb: KnowledgeBase) -> list[str]:
    """Translation coverage: for the record's language and each other, how many of its texts are written in it."""
    rows = coverage(kb)
    width = max(len(row.language) for row in rows)
    lines = []
    for row in rows:
        note = " (the record's language)" if row.language == kb.language else ""
        lines.append(
            f"{row.language:<{width}}  {row.translated} of {plural(row.texts, 'text')}  {round(100 * row.share)}%{note}"
        )
    return lines


def _breakdown(counts: Counter[Any]) -> str:
    if not counts:
        return ""
    return " (" + ", ".join(f"{n} {kind.value}" for kind, n in sorted(counts.items(), key=lambda item: -item[1])) + ")"


_VERBS = {
    "validate": _validate,
    **_cli_report.VERBS,
    "convert": _convert,
    "export": _export,
    "import": _import,
    "formats": _formats,
    "schema": _schema,
    "stats": _stats,
    **_cli_identity.VERBS,
    **_cli_start.VERBS,
    **_cli_mapping.VERBS,
    **_cli_survey.VERBS,
    **_cli_site.VERBS,
}


def _discard(out: TextIO) -> None:
    """Send what is left to write to *out* nowhere, so that the flush at exit does not fail again."""
    # An output of the caller's (a StringIO) has no descriptor, and is not flushed at exit.
    with contextlib.suppress(OSError, ValueError):
        os.dup2(os.open(os.devnull, os.O_WRONLY), out.fileno())


def _unwritten(error: OSError, command: str, out: TextIO, err: TextIO) -> int:
    """Say that *out* cannot be written; a reader that went away (``| head``) is no error."""
    _discard(out)
    if isinstance(error, BrokenPipeError):
        return EXIT_OK
    print(f"{command}: error: cannot write the output: {error.strerror or error}", file=err)
    return EXIT_INVALID


def main(argv: Sequence[str] | None = None, *, out: TextIO | None = None, err: TextIO | None = None) -> int:
    """Run the command line with *argv* (default: ``sys.argv[1:]``) and return the exit status."""
    status = _run(argv, out, err)
    if argv is None:
        # The work is done and written: an interrupt from now on, as Python shuts down, ends the process as
        # the signal does by default, rather than with a traceback from the interpreter's shutdown.
        with contextlib.suppress(ValueError):  # not in the main thread: signals are not this thread's to set
            signal.signal(signal.SIGINT, signal.SIG_DFL)
    return status


def _run(argv: Sequence[str] | None, out: TextIO | None, err: TextIO | None) -> int:  # noqa: PLR0911  (one exit status per kind of failure)
    out = out or sys.stdout
    err = err or sys.stderr
    arguments = list(sys.argv[1:] if argv is None else argv)
    try:
        try:
            args = _parser().parse_args(arguments)
        except SystemExit as exit_:
            # --help and --version print and stop: what they printed is written out here, within reach of a handler.
            sys.stdout.flush()
            return exit_.code if isinstance(exit_.code, int) else EXIT_USAGE
    except OSError as error:
        return _unwritten(error, "gpworkshop", sys.stdout, err)
    try:
        status = _VERBS[args.verb](args, out)
        # Written out here, within reach of the handlers below, rather than at exit, where a failure is a traceback.
        out.flush()
        return status
    except LoadError as error:
        for problem in capped(error.problems):
            print(problem, file=err)
        print(plural(len(error.errors), "error"), file=err)
        return EXIT_INVALID
    except KeyboardInterrupt:
        print(f"gpworkshop {args.verb}: interrupted", file=err)
        return EXIT_INTERRUPTED
    except BrokenPipeError:
        # The reader went away (as with `| head`): stop quietly, as other command-line tools do.
        _discard(out)
        return EXIT_OK
    except OSError as error:
        # Standard output cannot be written (a full disk): files named with -o fail as WriteError instead.
        return _unwritten(error, f"gpworkshop {args.verb}", out, err)
    except UsageError as error:
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
