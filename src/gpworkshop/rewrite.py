"""Rename an id, merge two stakeholders or add progress in the files of a record, keeping the rest as written.

:func:`rename` and :func:`merge` make the changes of
:mod:`gpworkshop.references`, and :func:`add_progress` adds progress updates
to commitments, in the YAML and JSON files a record was loaded
from. Only the values that change are edited, where they stand in the text:
comments, blank lines, key order, quoting and indentation elsewhere stay byte
for byte. Before anything is written, the edited files are loaded again and
must give exactly the record meant (the one
:func:`~gpworkshop.references.renamed` or :func:`~gpworkshop.references.merged`
gives); :meth:`Rewrite.save` then
replaces every file or none.

>>> import shutil, tempfile
>>> from gpworkshop import rewrite
>>> folder = shutil.copytree("examples/regional-symposium-2023", tempfile.mkdtemp() + "/record")
>>> change = rewrite.rename([folder], "krila", "krila-korea")
>>> [path.name for path in change.changed]
['inaugural-meeting.yaml', 'regional-symposium.yaml', 'stakeholders.yaml']
>>> print(change.diff().splitlines()[0])
--- a/...inaugural-meeting.yaml
>>> change.save()
"""

from __future__ import annotations

import codecs
import datetime as dt
import difflib
import itertools
import json
import os
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs
import yaml

from gpworkshop import references
from gpworkshop._atomic import write_all
from gpworkshop._spans import Span, Spans, spans
from gpworkshop._text import write_yaml
from gpworkshop.errors import GPWorkshopError, UnknownIdError
from gpworkshop.model import Commitment, KnowledgeBase, ProgressUpdate
from gpworkshop.references import RecordPath as KBPath
from gpworkshop.serialize import load, record_files, unstructure

__all__ = ["FileChange", "Rewrite", "RewriteError", "add_progress", "merge", "rename"]

_EDITABLE = ("yaml", "json")


class RewriteError(GPWorkshopError):
    """The files cannot be edited in place: a file is not YAML or JSON, or the edit would not give the record meant."""


@attrs.frozen
class FileChange:
    """One file of a record, before and after an edit."""

    path: Path
    before: str
    after: str
    #: Whether the file starts with a UTF-8 byte-order mark, kept when it is written.
    marked: bool = False


@attrs.frozen
class Rewrite:
    """Edits to the files of a record, not yet written: look at them with :meth:`diff`, write them with :meth:`save`."""

    #: Every file of the record, changed or not, in the order the record is read.
    files: tuple[FileChange, ...]
    #: The record the edited files hold.
    record: KnowledgeBase

    @property
    def changed(self) -> list[Path]:
        """The files whose text changes."""
        return [file.path for file in self.files if file.before != file.after]

    def diff(self) -> str:
        """A unified diff of every changed file, as ``git diff`` shows one."""
        parts: list[str] = []
        for file in self.files:
            if file.before != file.after:
                name = file.path.as_posix().lstrip("/")
                parts.extend(
                    difflib.unified_diff(
                        file.before.splitlines(keepends=True),
                        file.after.splitlines(keepends=True),
                        f"a/{name}",
                        f"b/{name}",
                    )
                )
        return "".join(line if line.endswith("\n") else line + "\n\\ No newline at end of file\n" for line in parts)

    def save(self) -> None:
        """Write every changed file, all or none: if one cannot be written, every file is left as it was."""
        write_all({file.path: _encoded(file) for file in self.files if file.before != file.after})


def rename(
    paths: Iterable[str | os.PathLike[str]], old: str, new: str, *, kind: str | None = None, event: str | None = None
) -> Rewrite:
    """Rename the id *old* to *new* in the record in *paths*: the object's own id and every reference to it.

    :param kind: ``"stakeholders"``, ``"events"`` or ``"commitments"``: needed only when *old* is the id of
        objects of two kinds; ``"objectives"`` or ``"takeaways"`` with *event*.
    :param event: the id of the event of the objective or takeaway to rename.
    :raises LoadError: if a file cannot be read as a record (problems of meaning, such as two stakeholders with
        one identifier, do not stop it).
    :raises UnknownIdError: if nothing has the id *old*.
    :raises RenameError: if *new* is malformed or taken, or *old* names objects of two kinds and *kind* is not given.
    :raises RewriteError: if a file to edit is not YAML or JSON.
    """
    files = _record(paths)
    kb = load([path for path, _ in files], check=False)
    kind = kind or _kind_of(kb, old)
    expected = references.renamed(kb, kind, old, new, event=event)
    edits: list[tuple[KBPath, _Edit]] = [
        (path, _Replace(new)) for path in references.occurrences(kb, kind, old, event=event)
    ]
    return _rewritten(files, kb, expected, edits)


def merge(paths: Iterable[str | os.PathLike[str]], duplicate: str, keep: str) -> Rewrite:
    """Merge the stakeholder *duplicate* into *keep* in the record in *paths*, as :func:`.references.merged` does.

    :raises LoadError: if a file cannot be read as a record (problems of meaning, such as two stakeholders with
        one identifier, do not stop it).
    :raises UnknownIdError: if either stakeholder is not in the record.
    :raises MergeError: listing every conflict between the two.
    :raises RewriteError: if a file to edit is not YAML or JSON.
    """
    files = _record(paths)
    kb = load([path for path, _ in files], check=False)
    expected = references.merged(kb, duplicate, keep)
    plan = references.removals(kb, duplicate, keep)
    index = next(i for i, stakeholder in enumerate(kb.stakeholders) if stakeholder.id == keep)
    edits: list[tuple[KBPath, _Edit]] = [(path, _Replace(keep)) for path in plan.replaced]
    edits += [(path, _Remove()) for path in plan.removed]
    additions = references.additions(kb.stakeholders[index], kb.stakeholder(duplicate))
    edits += [(("stakeholders", index), _Add(name, value)) for name, value in additions.items()]
    return _rewritten(files, kb, expected, edits)


def add_progress(paths: Iterable[str | os.PathLike[str]], updates: Mapping[str, Sequence[ProgressUpdate]]) -> Rewrite:
    """Add *updates* (progress updates by commitment id) after the progress of each commitment in *paths*.

    A commitment's ``status`` becomes that of its latest update. Updates are
    added as they are given: each must be dated no earlier than the latest
    one before it, so that the progress stays oldest first.

    :raises LoadError: if a file cannot be read as a record.
    :raises UnknownIdError: if no commitment has one of the ids.
    :raises RewriteError: if an update is older than the one before it, or a file to edit is not YAML or JSON.
    """
    files = _record(paths)
    kb = load([path for path, _ in files], check=False)
    edits: list[tuple[KBPath, _Edit]] = []
    events = list(kb.events)
    found: set[str] = set()
    for at, event in enumerate(kb.events):
        commitments = list(event.commitments)
        for index, commitment in enumerate(event.commitments):
            added = tuple(updates.get(commitment.id, ()))
            if not added:
                continue
            found.add(commitment.id)
            commitments[index] = after = _progressed(commitment, added)
            path = ("events", at, "commitments", index)
            edits.append((path, _Add("progress", after.progress)))
            if after.status is not commitment.status:
                edits.append((path, _Set("status", after.status.value)))
        events[at] = attrs.evolve(event, commitments=tuple(commitments))
    for wanted in updates:
        if wanted not in found and updates[wanted]:
            raise UnknownIdError("commitment", wanted)
    return _rewritten(files, kb, attrs.evolve(kb, events=tuple(events)), edits)


def _progressed(commitment: Commitment, added: tuple[ProgressUpdate, ...]) -> Commitment:
    progress = commitment.progress + added
    for before, update in itertools.pairwise(progress):
        if update.on < before.on:
            raise RewriteError(
                f"the progress of {commitment.id!r} would not be oldest first: an update of {update.on} "
                f"would follow one of {before.on}"
            )
    return attrs.evolve(commitment, progress=progress, status=progress[-1].status)


def _record(paths: Iterable[str | os.PathLike[str]]) -> list[tuple[Path, str]]:
    """The files of the record in *paths*, all of them YAML or JSON, the formats edited in place."""
    files = record_files(list(paths))
    for path, format_ in files:
        if format_ not in _EDITABLE:
            raise RewriteError(f"{os.fspath(path)}: only YAML and JSON files are edited in place, not {format_}")
    return files


def _kind_of(kb: KnowledgeBase, wanted: str) -> str:
    kinds = []
    for kind in references.RENAMED:
        try:
            references.occurrences(kb, kind, wanted)
        except UnknownIdError:
            continue
        kinds.append(kind)
    if not kinds:
        raise UnknownIdError("stakeholder, event or commitment", wanted)
    if len(kinds) > 1:
        raise references.RenameError(f"{wanted!r} is the id of {' and of '.join(kinds)}: say which to rename")
    return kinds[0]


# Edits, planned on paths of the knowledge base and made on the spans of a text.


@attrs.frozen
class _Replace:
    value: str


@attrs.frozen
class _Remove:
    pass


@attrs.frozen
class _Add:
    name: str
    value: Any


@attrs.frozen
class _Set:
    """A scalar field of a mapping given a value: replaced where it is written, added where it is not."""

    name: str
    value: str


_Edit = _Replace | _Remove | _Add | _Set


def _rewritten(
    files: list[tuple[Path, str]], kb: KnowledgeBase, expected: KnowledgeBase, edits: list[tuple[KBPath, _Edit]]
) -> Rewrite:
    origins = kb.origins
    assert origins is not None
    by_file: dict[str, list[tuple[KBPath, _Edit]]] = {}
    for path, edit in edits:
        source, _, _, in_text = origins.locate(path)
        by_file.setdefault(source, []).append((in_text, edit))
    changes: list[FileChange] = []
    for file, format_ in files:
        data = file.read_bytes()
        marked = data.startswith(codecs.BOM_UTF8)
        before = data.decode("utf-8-sig")
        planned = by_file.get(os.fspath(file), [])
        after = _edited(before, planned, json_text=format_ == "json") if planned else before
        changes.append(FileChange(file, before, after, marked))
    return Rewrite(tuple(changes), _checked(changes, expected))


def _checked(changes: list[FileChange], expected: KnowledgeBase) -> KnowledgeBase:
    """The record the edited files hold, loaded from copies of them; it must be the one expected."""
    with tempfile.TemporaryDirectory(prefix="gpworkshop-") as folder:
        copies = []
        for number, change in enumerate(changes):
            copy = Path(folder, f"{number:04d}-{change.path.name}")
            copy.write_text(change.after, encoding="utf-8")
            copies.append(copy)
        after = load(copies, check=False)
    if after != expected:
        raise RewriteError("the edited files would not hold the record meant; no file was changed")
    return after


def _edited(text: str, planned: list[tuple[KBPath, _Edit]], *, json_text: bool) -> str:
    found = spans(text)
    cuts: list[tuple[int, int, str]] = []
    for path, edit in planned:
        if isinstance(edit, _Replace):
            span = found.values[path]
            cuts.append((span.start, span.end, _scalar(edit.value, span.style)))
        elif isinstance(edit, _Remove):
            cuts.append(_removal(text, found, path))
        elif isinstance(edit, _Set):
            current = found.values.get((*path, edit.name))
            if current is None:
                cuts.append(_insert_entry(text, found, path, edit.name, edit.value, json_text=json_text))
            else:
                cuts.append((current.start, current.end, _scalar(edit.value, current.style)))
        else:
            cuts.extend(_addition(text, found, path, edit, json_text=json_text))
    for start, end, replacement in sorted(cuts, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _scalar(value: str, style: str) -> str:
    if style == "'":
        return "'" + value.replace("'", "''") + "'"
    if style == "" and yaml.safe_load(value) == value:
        return value
    return json.dumps(value, ensure_ascii=False)


def _removal(text: str, found: Spans, path: KBPath) -> tuple[int, int, str]:
    """The cut that removes the list item at *path*, with its line in a block list or its comma in a flow one."""
    item, parent = found.values[path], found.values[path[:-1]]
    index = path[-1]
    assert isinstance(index, int)
    last = (*path[:-1], index + 1) not in found.values
    if index == 0 and last:
        # The list's only item: the list becomes empty.
        if parent.style == "flow":
            return parent.start, parent.end, "[]"
        key = found.keys[path[:-1]]
        colon = text.index(":", key.end)
        return colon + 1, parent.end, " []"
    if parent.style == "flow":
        if not last:
            following = found.values[(*path[:-1], index + 1)]
            return item.start, following.start, ""
        previous = found.values[(*path[:-1], index - 1)]
        return previous.end, item.end, ""
    line_start = text.rfind("\n", 0, item.start) + 1
    line_end = text.find("\n", item.end)
    return line_start, len(text) if line_end < 0 else line_end + 1, ""


def _addition(text: str, found: Spans, path: KBPath, edit: _Add, *, json_text: bool) -> list[tuple[int, int, str]]:
    """The cuts that give the mapping at *path* the field *edit* names, or more items of a list field it has."""
    current = found.values.get((*path, edit.name))
    data = unstructure(edit.value)
    if current is None:
        return [_insert_entry(text, found, path, edit.name, data, json_text=json_text)]
    if current.kind == "sequence":
        count = sum(
            1 for key in found.values if len(key) == len(path) + 2 and key[: len(path) + 1] == (*path, edit.name)
        )
        return [_append_items(text, found, (*path, edit.name), current, data[count:])]
    # A mapping, as identifiers are: each entry it lacks is added.
    given = {key[-1] for key in found.values if key[:-1] == (*path, edit.name)}
    return [
        _insert_entry(text, found, (*path, edit.name), name, value, json_text=json_text)
        for name, value in data.items()
        if name not in given
    ]


def _insert_entry(
    text: str, found: Spans, path: KBPath, name: str, value: Any, *, json_text: bool
) -> tuple[int, int, str]:
    mapping = found.values[path]
    if mapping.style == "flow":
        at, comma = _after_last(found, path)
        key = json.dumps(name) if json_text else name
        return at, at, f"{comma}{key}: {_flow(value)}"
    at, before = _line_after(text, mapping.end)
    lines = _dumped({name: value}).splitlines(keepends=True)
    return at, at, before + "".join(" " * mapping.column + line for line in lines)


def _append_items(text: str, found: Spans, path: KBPath, sequence: Span, items: list[Any]) -> tuple[int, int, str]:
    if sequence.style == "flow":
        at, comma = _after_last(found, path)
        return at, at, comma + ", ".join(_flow(item) for item in items)
    first = found.values[(*path, 0)]
    dash = text.rfind("-", 0, first.start)
    indent = dash - (text.rfind("\n", 0, dash) + 1)
    at, before = _line_after(text, sequence.end)
    lines = _dumped(items).splitlines(keepends=True)
    return at, at, before + "".join(" " * indent + line for line in lines)


def _after_last(found: Spans, path: KBPath) -> tuple[int, str]:
    """Where an entry or item goes in the flow collection at *path*, after its last one, and the comma before it."""
    ends = [span.end for key, span in found.values.items() if len(key) == len(path) + 1 and key[:-1] == path]
    if ends:
        return max(ends), ", "
    return found.values[path].start + 1, ""


def _line_after(text: str, offset: int) -> tuple[int, str]:
    """Where the line after the value ending at *offset* starts, and what to write there first.

    A text that does not end with a line break gets one before what is added.
    """
    if offset > 0 and text[offset - 1] == "\n":
        return offset, ""
    end = text.find("\n", offset)
    return (len(text), "\n") if end < 0 else (end + 1, "")


def _flow(data: Any) -> str:
    """*data* in flow style: as JSON, which is YAML's flow style too, with dates in ISO 8601."""
    return json.dumps(data, ensure_ascii=False, default=_iso)


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not written in a record")


def _dumped(data: Any) -> str:
    """*data* in block style, as the record's own writer writes it: lists indented, text of many lines as a block."""
    return write_yaml(data)


def _encoded(file: FileChange) -> bytes:
    return (codecs.BOM_UTF8 if file.marked else b"") + file.after.encode("utf-8")
