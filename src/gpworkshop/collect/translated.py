"""Translations back in: the XLIFF and PO files translators filled in, written into the record's files.

``gpworkshop export RECORD --to xliff --lang fr`` (or ``--to po``) gives
translators a record's texts; :func:`collect_translations` brings the
translations back into the YAML and JSON files of the record, in place
(:func:`gpworkshop.rewrite.add_translations`): a plain text becomes a
mapping of languages, a text in several languages gains or changes its
entry. A unit whose source is no longer the record's text (it was edited
since the file was written) is :class:`Stale`: left out, and said where it
is in the file; the other units are written. A translation the record
already has is not written again, so collecting a file twice changes
nothing the second time. Every problem of every file is found before
anything is changed, each at its place in the file.

>>> import shutil, tempfile
>>> from pathlib import Path
>>> import gpworkshop as gw
>>> from gpworkshop.collect import translated
>>> folder = tempfile.mkdtemp()
>>> record = shutil.copy("examples/busan-gp-workshop-2014.yaml", folder)
>>> text = gw.formats.write("xliff", gw.load(record), lang="fr")
>>> title = "<source>Annual Busan Global Partnership Workshop</source>"
>>> filled = text.replace(title, title + "<target>Atelier annuel de Busan</target>")
>>> _ = (Path(folder) / "fr.xlf").write_text(filled, encoding="utf-8")
>>> collected = translated.collect_translations([Path(folder) / "fr.xlf"], [record])
>>> collected.added, collected.stale
(1, ())
>>> collected.rewrite.save()
>>> gw.load(record).event("busan-gp-workshop-2014").title.texts["fr"]
'Atelier annuel de Busan'
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence

import attrs

from gpworkshop import codes
from gpworkshop._parsed import Place, placed
from gpworkshop._wording import excerpt, file_name, suggest
from gpworkshop.changes import Changes, diff
from gpworkshop.collect._translation_files import SUFFIXES, ReturnedUnit, TranslationFile, read_translation_file
from gpworkshop.errors import LoadError, Problem
from gpworkshop.formats.xliff import existing, unit_paths
from gpworkshop.model import KnowledgeBase
from gpworkshop.multilingual import is_language_tag
from gpworkshop.references import RecordPath
from gpworkshop.rewrite import Rewrite, add_translations
from gpworkshop.serialize import load

__all__ = [
    "SUFFIXES",
    "CollectedTranslations",
    "ReturnedUnit",
    "Stale",
    "TranslationFile",
    "collect_translations",
    "read_translation_file",
]


@attrs.frozen
class Stale:
    """A translation of a text that changed after the file was written: it is not applied."""

    #: The unit's id.
    unit: str
    #: Where the unit is in the translation file.
    place: Place
    #: The text the file translates.
    was: str
    #: The record's text now.
    now: str

    def __str__(self) -> str:
        where = ":".join(
            str(part) for part in (file_name(self.place.source), self.place.line, self.place.column) if part
        )
        return (
            f"{where}: stale: {self.unit}: the record's text is now {excerpt(self.now, 60)}, not "
            f"{excerpt(self.was, 60)}; not applied: translate it again"
        )


@attrs.frozen
class CollectedTranslations:
    """What collecting translation files changes in a record, not yet written."""

    #: The edits of the record's files: look at them with ``diff()``, write them with ``save()``.
    rewrite: Rewrite
    #: What changes in the record, object by object.
    changes: Changes
    #: How many translations are written, new or changed.
    added: int
    #: How many translations the record had already, and are not written again.
    known: int
    #: The units whose text changed since their file was written, left out.
    stale: tuple[Stale, ...] = ()


def collect_translations(
    files: Iterable[str | os.PathLike[str]], record: Sequence[str | os.PathLike[str]]
) -> CollectedTranslations:
    """The translations of the XLIFF and PO *files* written into the record in the files *record*, not yet saved.

    :raises ~gpworkshop.LoadError: listing every problem of every file, each located: a file that is not
        XLIFF 2 or PO, translates from another language than the record's or into it, names a text the record
        does not have, or translates a text twice, differently.
    :raises ~gpworkshop.rewrite.RewriteError: if a file of the record is not YAML or JSON.
    :raises ~gpworkshop.MissingExtraError: for a PO file without the ``translate`` extra.
    """
    returned: list[TranslationFile] = []
    problems: list[Problem] = []
    for file in files:
        try:
            returned.append(read_translation_file(file))
        except LoadError as error:
            problems.extend(error.problems)
    kb = load(list(record), check=False)
    planned, known, stale = _planned(kb, returned, problems)
    if problems:
        raise LoadError(problems)
    rewrite = add_translations(record, planned)
    added = sum(map(len, planned.values()))
    return CollectedTranslations(rewrite, diff(kb, rewrite.record), added, known, tuple(stale))


def _planned(
    kb: KnowledgeBase, returned: list[TranslationFile], problems: list[Problem]
) -> tuple[dict[str, dict[RecordPath, str]], int, list[Stale]]:
    """The translations to write by language and path; how many the record has already; the stale units."""
    paths = unit_paths(kb)
    known_ids = list(paths)
    planned: dict[str, dict[RecordPath, str]] = {}
    given: dict[tuple[str, str], tuple[str, Place]] = {}
    known = 0
    stale: list[Stale] = []
    for file in returned:
        language = _language(kb, file, problems)
        if language is None:
            continue
        for unit in file.units:
            path = paths.get(unit.id)
            if path is None:
                message = f"the record has no text {excerpt(unit.id, 80)}{suggest(unit.id, known_ids)}"
                problems.append(placed(codes.UNKNOWN_REFERENCE, message, unit.place))
                continue
            if unit.target is None or not unit.target.strip():
                continue
            now = _text_at(kb, path)
            if _words(unit.source) != _words(str(now)):
                stale.append(Stale(unit.id, unit.place, unit.source, str(now)))
                continue
            key = (language.lower(), unit.id)
            before = given.get(key)
            if before is not None and before[0] != unit.target:
                where = ":".join(str(part) for part in (before[1].source, before[1].line) if part)
                message = f"{unit.id} is translated into {language} twice, differently: here and at {where}"
                problems.append(placed(codes.INVALID_VALUE, message, unit.place))
                continue
            given[key] = (unit.target, unit.place)
            if existing(now, language) == unit.target:
                known += 1
                continue
            planned.setdefault(language, {})[path] = unit.target
    return planned, known, stale


def _language(kb: KnowledgeBase, file: TranslationFile, problems: list[Problem]) -> str | None:
    """The language *file* translates into, checked against the record's; ``None`` when it is wrong."""
    target, source = file.target_language, file.source_language
    if not is_language_tag(target):
        message = f"the file translates into {excerpt(target)}, which is not a language tag such as fr or zh-Hans"
        problems.append(placed(codes.INVALID_VALUE, message, file.place))
        return None
    if target.lower() == kb.language.lower():
        message = f"the file translates into {target!r}, the record's own language: translate into another"
        problems.append(placed(codes.INVALID_VALUE, message, file.place))
        return None
    if source is not None and source.lower() != kb.language.lower():
        message = f"the file translates from {excerpt(source)}, but the record is written in {kb.language!r}"
        problems.append(placed(codes.INVALID_VALUE, message, file.place))
        return None
    return target


def _text_at(kb: KnowledgeBase, path: RecordPath) -> str:
    value: object = kb
    for step in path:
        value = value[step] if isinstance(step, int) else getattr(value, step)  # type: ignore[index]
    assert isinstance(value, str)
    return value


def _words(text: str) -> str:
    """*text* with its runs of white space made one space, as a tool that wraps lines leaves the words."""
    return " ".join(text.split())
