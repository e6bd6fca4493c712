"""The verbs of the command line that follow commitments up with their owners.

``survey`` writes a workbook per owner of open commitments; ``collect``
reads the workbooks that come back and writes each answer into the record's
files as a progress update, printing what changed. ``collect`` also brings
back the XLIFF and PO files of ``export --to xliff`` and ``--to po``, filled in by
translators, writing each translation into the record's files.
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path
from typing import Any, TextIO

from gpworkshop._usage import UsageError, day
from gpworkshop._wording import file_name, plural
from gpworkshop.collect.answers import collect_answers
from gpworkshop.collect.survey import surveys, write_surveys
from gpworkshop.collect.translated import SUFFIXES as TRANSLATION_SUFFIXES
from gpworkshop.collect.translated import collect_translations
from gpworkshop.serialize import load

__all__ = ["VERBS", "add_verbs"]


def add_verbs(verbs: Any) -> None:
    """Add the verbs of this module to the command line's sub-parsers."""
    survey = verbs.add_parser(
        "survey", help="write a follow-up workbook for each owner of open commitments (needs gpworkshop[xlsx])"
    )
    survey.add_argument("paths", nargs="+", type=Path, metavar="RECORD", help="the record's files or its folder")
    survey.add_argument(
        "--as-of", type=day, metavar="DATE", help="ask about the commitments open on DATE (default: today)"
    )
    survey.add_argument("--event", metavar="ID", help="only the commitments made at this event or its sessions")
    survey.add_argument(
        "--lang",
        metavar="LANG",
        help="write every workbook in this language (default: each owner's, where the record has it)",
    )
    survey.add_argument("-o", "--output", required=True, type=Path, metavar="FOLDER", help="the folder to write into")
    survey.add_argument(
        "--replace", action="store_true", help="replace workbooks already in FOLDER (they may hold answers)"
    )

    collect = verbs.add_parser(
        "collect",
        help="add the answers of returned survey workbooks, or the translations of XLIFF or PO files, to the "
        "record's files, in place",
    )
    collect.add_argument(
        "files",
        nargs="+",
        type=Path,
        metavar="FILE",
        help="a filled-in survey workbook (.xlsx), or a translated XLIFF (.xlf, .xliff) or PO (.po) file",
    )
    collect.add_argument(
        "--into", required=True, action="append", type=Path, metavar="RECORD", help="the record's files or folder"
    )
    collect.add_argument(
        "--dry-run", action="store_true", help="print the changes and the diff of the files; write nothing"
    )


def _survey(args: argparse.Namespace, out: TextIO) -> int:
    kb = load(args.paths)
    made = surveys(kb, as_of=args.as_of, event=args.event, lang=args.lang)
    if not made:
        print("no open commitment: no workbook written", file=out)
        return 0
    written = write_surveys(made, args.output, replace=args.replace)
    for survey, path in zip(made, written, strict=True):
        asked = plural(len(survey.commitments), "commitment")
        print(f"wrote {path} ({asked}, in {survey.language})", file=out)
    return 0


def _collect(args: argparse.Namespace, out: TextIO) -> int:
    kinds = {_collected_kind(path) for path in args.files}
    if len(kinds) > 1:
        raise UsageError("collect survey workbooks and translation files separately: give files of one kind")
    if kinds == {"translations"}:
        translated = collect_translations(args.files, args.into)
        for stale in translated.stale:
            print(stale, file=out)
        return _written(translated, args.dry_run, out, ("translation", "not written again", "wrote", "translation"))
    answered = collect_answers(args.files, args.into)
    return _written(answered, args.dry_run, out, ("answer", "not added again", "added", "progress update"))


def _written(collected: Any, dry_run: bool, out: TextIO, words: tuple[str, str, str, str]) -> int:
    """Print what *collected* changes and write it, or with *dry_run* print the diff of the files too.

    *words* say what was collected (``answer``), of those the record has (``not added again``), what was
    done with the others (``added``), and what they became (``progress update``).
    """
    noun, kept, done, made = words
    out.write(collected.changes.text())
    if collected.known:
        print(f"{plural(collected.known, noun)} already in the record, {kept}", file=out)
    if dry_run:
        out.write(collected.rewrite.diff())
        return 0
    changed = collected.rewrite.changed
    if changed:
        collected.rewrite.save()
        names = ", ".join(file_name(os.fspath(path)) for path in changed)
        print(f"{done} {plural(collected.added, made)} in {plural(len(changed), 'file')}: {names}", file=out)
    return 0


def _collected_kind(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix == ".xlsx":
        return "answers"
    if suffix in TRANSLATION_SUFFIXES:
        return "translations"
    raise UsageError(
        f"cannot tell what {file_name(os.fspath(path))!r} holds: collect survey workbooks (.xlsx) and translation "
        "files (.xlf, .xliff, .po)"
    )


#: The verbs of this module, by name.
VERBS = {"survey": _survey, "collect": _collect}
