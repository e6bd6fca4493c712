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
import difflib
import functools
import itertools
import os
import tempfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import attrs

from gpworkshop import references
from gpworkshop._atomic import write_all
from gpworkshop._text_edits import Add, Edit, Remove, Replace, Set, edited, translations_written
from gpworkshop.errors import GPWorkshopError, UnknownIdError
from gpworkshop.model import Commitment, KnowledgeBase, ProgressUpdate
from gpworkshop.multilingual import Translatable
from gpworkshop.references import RecordPath as KBPath
from gpworkshop.serialize import load, record_files, unstructure

__all__ = ["FileChange", "Rewrite", "RewriteError", "add_progress", "add_translations", "merge", "rename"]

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
    edits: list[tuple[KBPath, Edit]] = [
        (path, Replace(new)) for path in references.occurrences(kb, kind, old, event=event)
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
    edits: list[tuple[KBPath, Edit]] = [(path, Replace(keep)) for path in plan.replaced]
    edits += [(path, Remove()) for path in plan.removed]
    additions = references.additions(kb.stakeholders[index], kb.stakeholder(duplicate))
    edits += [(("stakeholders", index), Add(name, unstructure(value))) for name, value in additions.items()]
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
    edits: list[tuple[KBPath, Edit]] = []
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
            edits.append((path, Add("progress", unstructure(after.progress))))
            if after.status is not commitment.status:
                edits.append((path, Set("status", after.status.value)))
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


def _rewritten(
    files: list[tuple[Path, str]], kb: KnowledgeBase, expected: KnowledgeBase, edits: list[tuple[KBPath, Edit]]
) -> Rewrite:
    origins = kb.origins
    assert origins is not None
    by_file: dict[str, list[tuple[KBPath, Edit]]] = {}
    for path, edit in edits:
        source, _, _, in_text = origins.locate(path)
        by_file.setdefault(source, []).append((in_text, edit))
    changes = _changes(files, lambda file, text, json_text: _made(edited, by_file, file, text, json_text))
    return Rewrite(tuple(changes), _checked(changes, expected))


def _changes(files: list[tuple[Path, str]], edit: Callable[[Path, str, bool], str]) -> list[FileChange]:
    """Each of *files* before and after *edit* (given the file, its text and whether it is JSON), its mark kept."""
    changes: list[FileChange] = []
    for file, format_ in files:
        data = file.read_bytes()
        before = data.decode("utf-8-sig")
        after = edit(file, before, format_ == "json")
        changes.append(FileChange(file, before, after, data.startswith(codecs.BOM_UTF8)))
    return changes


def _made(make: Callable[..., str], by_file: Mapping[str, list[Any]], file: Path, text: str, json_text: bool) -> str:
    """*text* of *file* with what *by_file* plans for it made by *make*; as it is when nothing is planned."""
    planned = by_file.get(os.fspath(file), [])
    return make(text, planned, json_text=json_text) if planned else text


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


def _encoded(file: FileChange) -> bytes:
    return (codecs.BOM_UTF8 if file.marked else b"") + file.after.encode("utf-8")


def add_translations(
    paths: Iterable[str | os.PathLike[str]], translations: Mapping[str, Mapping[KBPath, str]]
) -> Rewrite:
    """Write *translations* (by language, each text's translation by its path) into the files of the record in *paths*.

    A plain text becomes a mapping of languages, the record's first
    (``title: Forum`` becomes ``title: {en: Forum, fr: Forum}``, in block
    style where the text stood in block style); a text in several languages
    gains or changes its entry for each language. A file of format version 1
    becomes version 2, the first to hold texts in several languages. A
    translation the text has already changes nothing. Paths are those of
    :func:`gpworkshop.translations.texts`.

    >>> import shutil, tempfile
    >>> record = shutil.copy("examples/busan-gp-workshop-2014.yaml", tempfile.mkdtemp())
    >>> change = add_translations([record], {"fr": {("events", 0, "location", "city"): "Séoul"}})
    >>> for line in change.diff().splitlines()[3:]:
    ...     if line[:1] in "+-":
    ...         print(line)
    -gpworkshop: 1
    +gpworkshop: 2
    -      city: Seoul
    +      city:
    +        en: Seoul
    +        fr: Séoul

    :raises LoadError: if a file cannot be read as a record.
    :raises RewriteError: if a file to edit is not YAML or JSON, or a path is not that of a text of the record.
    """
    files = _record(paths)
    kb = load([path for path, _ in files], check=False)
    origins = kb.origins
    assert origins is not None
    replaced: dict[KBPath, Translatable] = {}
    by_text: dict[KBPath, dict[str, str]] = {}
    for language, texts in translations.items():
        for path, translation in texts.items():
            by_text.setdefault(path, {})[language] = translation
    by_file: dict[str, list[tuple[KBPath, dict[str, str], str]]] = {}
    for path, given in by_text.items():
        current = _value_at(kb, path)
        if not isinstance(current, str):
            raise RewriteError(f"there is no text at {'.'.join(map(str, path))} to translate")
        now = dict(current.texts) if isinstance(current, Translatable) else {kb.language: str(current)}
        written = dict(now)
        for language, translation in given.items():
            now[next((tag for tag in now if tag.lower() == language.lower()), language)] = translation
        if now == written:
            continue
        changed = {tag: text for tag, text in now.items() if written.get(tag) != text}
        language = current.language if isinstance(current, Translatable) else kb.language
        replaced[path] = Translatable(now, language=language)
        source, _, _, in_text = origins.locate(path)
        plain = None if isinstance(current, Translatable) else str(current)
        by_file.setdefault(source, []).append((in_text, changed, plain or ""))
    translate = functools.partial(translations_written, record_language=kb.language)
    changes = _changes(files, lambda file, text, json_text: _made(translate, by_file, file, text, json_text))
    return Rewrite(tuple(changes), _checked(changes, _with_values(kb, replaced)))


def _value_at(obj: Any, path: KBPath) -> Any:
    try:
        for step in path:
            obj = obj[step] if isinstance(step, int) else getattr(obj, step)
    except (IndexError, AttributeError, TypeError):
        return None
    return obj


def _with_values(obj: Any, values: Mapping[KBPath, Any]) -> Any:
    """*obj* with the value at each path of *values* replaced, every object on the way evolved once."""
    if () in values:
        return values[()]
    if not values:
        return obj
    by_step: dict[str | int, dict[KBPath, Any]] = {}
    for path, value in values.items():
        by_step.setdefault(path[0], {})[path[1:]] = value
    if isinstance(obj, tuple):
        items = list(obj)
        for index, inner in by_step.items():
            assert isinstance(index, int)
            items[index] = _with_values(items[index], inner)
        return tuple(items)
    return attrs.evolve(
        obj, **{str(name): _with_values(getattr(obj, str(name)), inner) for name, inner in by_step.items()}
    )
