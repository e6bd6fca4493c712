"""The verbs of the command line that keep a record's identities straight and show what changed.

``stakeholders`` lists stakeholders or their likely duplicates, ``rename``
and ``merge`` edit the files of a record in place, and ``diff`` compares two
versions of a record, also as git's external diff driver.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path
from typing import Any, TextIO

from gpworkshop import changes, references, rewrite
from gpworkshop._usage import UsageError
from gpworkshop._wording import file_name, plural, printable
from gpworkshop.errors import dotted
from gpworkshop.model import KnowledgeBase
from gpworkshop.serialize import format_of, load

__all__ = ["VERBS", "add_verbs"]

#: The arguments git gives an external diff driver: the path, then the old and the new file, hash and mode.
_GIT_ARGUMENTS = 7
# JSON escapes the C0 controls itself, but written with ensure_ascii=False it leaves DEL and the C1 controls raw.
_JSON_ESCAPES = {code: f"\\u{code:04x}" for code in range(0x7F, 0xA0)}


def add_verbs(verbs: Any) -> None:
    """Add the verbs of this module to the command line's sub-parsers."""
    listing = verbs.add_parser("stakeholders", help="list the stakeholders of records, or their likely duplicates")
    listing.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a record file or a folder of them")
    listing.add_argument(
        "--duplicates",
        action="store_true",
        help="list pairs that are likely one organisation, with a score and the reasons (needs gpworkshop[duplicates])",
    )
    listing.add_argument(
        "--threshold",
        type=float,
        default=None,
        metavar="SCORE",
        help="with --duplicates: the lowest score listed, from 0 to 100 (default: 85)",
    )
    listing.add_argument("--format", choices=["text", "json"], default="text", help="print as text or as JSON")

    rename = verbs.add_parser(
        "rename", help="change an id and every reference to it in the files of a record, keeping their layout"
    )
    rename.add_argument("old", metavar="OLD", help="the id to change")
    rename.add_argument("new", metavar="NEW", help="the id to give it")
    rename.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="the record's files or its folder")
    rename.add_argument(
        "--kind",
        choices=[*references.RENAMED, *references.SCOPED],
        help="what OLD is the id of, when it names objects of two kinds (objectives and takeaways need --event)",
    )
    rename.add_argument("--event", metavar="ID", help="the event of the objective or takeaway to rename")
    rename.add_argument("--dry-run", action="store_true", help="print the changes as a unified diff; write nothing")

    merge = verbs.add_parser(
        "merge", help="fold a duplicate stakeholder into another in the files of a record, keeping their layout"
    )
    merge.add_argument("duplicate", metavar="DUPLICATE", help="the id of the stakeholder to fold in and remove")
    merge.add_argument("--into", required=True, metavar="KEEP", help="the id of the stakeholder to keep")
    merge.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="the record's files or its folder")
    merge.add_argument("--dry-run", action="store_true", help="print the changes as a unified diff; write nothing")

    compare = verbs.add_parser("diff", help="what changed between two versions of a record, by object and id")
    compare.add_argument(
        "versions",
        nargs="+",
        metavar="VERSION",
        help="the old and the new version: two record files or folders; with --git, the seven arguments git gives "
        "an external diff driver",
    )
    compare.add_argument(
        "--format", choices=["text", "markdown", "json"], default="text", help="text, Markdown or JSON"
    )
    compare.add_argument(
        "--git", action="store_true", help="be git's diff driver: diff.gpworkshop.command = gpworkshop diff --git"
    )


def _stakeholders(args: argparse.Namespace, out: TextIO) -> int:
    kb = load(args.paths, check=False)
    if not args.duplicates:
        if args.threshold is not None:
            raise UsageError("--threshold goes with --duplicates")
        return _listed(kb, args.format, out)
    from gpworkshop.duplicates import THRESHOLD, find_duplicates  # noqa: PLC0415

    threshold = THRESHOLD if args.threshold is None else args.threshold
    if not 0 <= threshold <= 100:
        raise UsageError(f"--threshold is a score from 0 to 100, not {threshold:g}")
    matches = find_duplicates(kb, threshold=threshold)
    if args.format == "json":
        listed = [
            {
                "first": _entry(kb, match.first),
                "second": _entry(kb, match.second, nth=int(match.first == match.second)),
                "score": match.score,
                "reasons": list(match.reasons),
            }
            for match in matches
        ]
        _dump({"duplicates": listed}, out)
        return 0
    for match in matches:
        print(f"{match.score:5.1f}  {match.first!r} and {match.second!r}", file=out)
        for nth, stakeholder_id in enumerate((match.first, match.second)):
            # Two definitions of one id (in two files that disagree) are told apart by their order.
            entry = _entry(kb, stakeholder_id, nth=nth if match.first == match.second else 0)
            print(f"       {_shown(entry['label'])}  ({_shown(entry['location'])})", file=out)
        for reason in match.reasons:
            print(f"       - {_shown(reason)}", file=out)
    print(f"{plural(len(matches), 'likely duplicate')} among {plural(len(kb.stakeholders), 'stakeholder')}", file=out)
    return 0


def _listed(kb: KnowledgeBase, format_: str, out: TextIO) -> int:
    seen: dict[str, int] = {}
    entries = []
    for stakeholder in kb.stakeholders:
        entries.append(_entry(kb, stakeholder.id, nth=seen.get(stakeholder.id, 0)))
        seen[stakeholder.id] = seen.get(stakeholder.id, 0) + 1
    if format_ == "json":
        _dump({"stakeholders": entries}, out)
        return 0
    width = max((len(entry["id"]) for entry in entries), default=0)
    for entry in entries:
        country = f" [{entry['country']}]" if entry["country"] else ""
        print(f"{entry['id']:<{width}}  {_shown(entry['label'])}{country}  ({_shown(entry['location'])})", file=out)
    return 0


def _shown(text: str) -> str:
    """*text* on one line of a listing, with no control character left in it."""
    return " ".join(printable(text).split())


def _dump(listing: dict[str, Any], out: TextIO) -> None:
    """*listing* as JSON with no control character left raw in it: the same data, escaped."""
    out.write(json.dumps(listing, indent=2, ensure_ascii=False).translate(_JSON_ESCAPES) + "\n")


def _entry(kb: KnowledgeBase, stakeholder_id: str, *, nth: int = 0) -> dict[str, Any]:
    """What the listing says of the *nth* stakeholder of the id *stakeholder_id* (counted from 0)."""
    found = [(i, s) for i, s in enumerate(kb.stakeholders) if s.id == stakeholder_id]
    index, stakeholder = found[min(nth, len(found) - 1)]
    return {
        "id": stakeholder.id,
        "label": stakeholder.label,
        "country": stakeholder.country,
        "location": _location(kb, ("stakeholders", index)),
    }


def _location(kb: KnowledgeBase, path: references.RecordPath) -> str:
    origins = kb.origins
    if origins is None:
        return ""
    source, line, column, _ = origins.locate(path)
    return ":".join(str(part) for part in (file_name(source), line, column) if part is not None)


def _rename(args: argparse.Namespace, out: TextIO) -> int:
    if args.event is not None and args.kind not in references.SCOPED:
        raise UsageError("--event names the event of an objective or takeaway: give --kind objectives or takeaways")
    if args.kind in references.SCOPED and args.event is None:
        raise UsageError(f"ids of {args.kind} are unique within their event: name it with --event")
    try:
        change = rewrite.rename(args.paths, args.old, args.new, kind=args.kind, event=args.event)
    except references.RenameError as error:
        raise UsageError(str(error)) from None
    return _done(change, args.dry_run, f"renamed {args.old!r} to {args.new!r}", out)


def _merge(args: argparse.Namespace, out: TextIO) -> int:
    try:
        change = rewrite.merge(args.paths, args.duplicate, args.into)
    except references.MergeError as error:
        kb = load(args.paths, check=False)
        for conflict in error.conflicts:
            location = _location(kb, conflict.path)
            print(f"{location}: {_dotted(conflict.path, kb)}: {printable(conflict.message)}", file=out)
        print(f"{plural(len(error.conflicts), 'conflict')}; nothing was merged", file=out)
        return 1
    return _done(change, args.dry_run, f"merged {args.duplicate!r} into {args.into!r}", out)


def _dotted(path: references.RecordPath, kb: KnowledgeBase) -> str:
    origins = kb.origins
    return dotted(origins.locate(path)[3] if origins is not None else path)


def _done(change: rewrite.Rewrite, dry_run: bool, what: str, out: TextIO) -> int:
    if dry_run:
        out.write(change.diff())
        return 0
    changed = change.changed
    if not changed:
        print(f"{what}: no file changes", file=out)
        return 0
    change.save()
    names = ", ".join(file_name(os.fspath(path)) for path in changed)
    print(f"{what} in {plural(len(changed), 'file')}: {names}", file=out)
    return 0


def _diff(args: argparse.Namespace, out: TextIO) -> int:
    versions = args.versions
    if args.git:
        if len(versions) != _GIT_ARGUMENTS:
            raise UsageError(f"--git takes the {_GIT_ARGUMENTS} arguments git gives a diff driver")
        shown, old_file, new_file = versions[0], versions[1], versions[4]
        format_ = format_of(shown)
        old, new = _version(old_file, format_), _version(new_file, format_)
        out.write(f"{shown}\n")
    else:
        if len(versions) != 2:
            raise UsageError("give two versions to compare: OLD NEW")
        old, new = _version(versions[0]), _version(versions[1])
    found = changes.diff(old, new)
    text = {"text": found.text, "markdown": found.markdown, "json": found.as_json}[args.format]()
    out.write(text if text.endswith("\n") else text + "\n")
    return 0


def _version(path: str, format_: str | None = None) -> KnowledgeBase:
    """A version of a record, as written: its references need not resolve, as one file of several may be compared."""
    if path == os.devnull:
        return KnowledgeBase()
    return load(path, format=format_, check=False)


VERBS = {"stakeholders": _stakeholders, "rename": _rename, "merge": _merge, "diff": _diff}
