"""Reading and writing records: YAML and JSON text, files and folders.

One way in (text → safe parser → converter → model objects) and one way out
(model objects → converter → writer → atomic file write). Every problem with
a record is collected and raised at once in a
:class:`~gpworkshop.errors.LoadError`, each problem located at its file,
line and column.

>>> import gpworkshop as gw
>>> kb = gw.loads('''
... gpworkshop: 1
... stakeholders:
...   - {id: norad, name: Norwegian Agency for Development Cooperation, kind: bilateral-provider, country: NO}
... ''')
>>> kb.stakeholder("norad").country
'NO'
>>> print(gw.dumps(kb), end="")
gpworkshop: 1
stakeholders:
  - id: norad
    name: Norwegian Agency for Development Cooperation
    kind: bilateral-provider
    country: 'NO'
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterable
from pathlib import Path
from typing import Any, Literal, TypeVar

import attrs
from cattrs.errors import (
    ClassValidationError,
    ForbiddenExtraKeysError,
    IterableValidationError,
    IterableValidationNote,
)

from gpworkshop import _migrations, _yaml, codes
from gpworkshop._atomic import write_atomically
from gpworkshop._collector import collector_paused
from gpworkshop._converter import ConversionError, converter, describe, suggest
from gpworkshop._migrations import FORMAT_VERSION
from gpworkshop._origins import Origins, SourceText, attach
from gpworkshop._validators import FieldValueError
from gpworkshop.errors import FormatError, LoadError, Problem, dotted
from gpworkshop.model import Event, KnowledgeBase, Stakeholder
from gpworkshop.validate import _check_integrity, _has_integrity_errors, validate

__all__ = [
    "FORMAT_VERSION",
    "SUFFIXES",
    "Format",
    "dump",
    "dumps",
    "format_of",
    "load",
    "loads",
    "structure",
    "unstructure",
]

T = TypeVar("T")

#: A file format: ``"yaml"`` or ``"json"``.
Format = Literal["yaml", "json"]
#: File suffixes read and written, with their format.
SUFFIXES: dict[str, Format] = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}

_VERSION_KEY = "gpworkshop"
_Path = str | os.PathLike[str]


def format_of(path: _Path) -> Format:
    """The format a file is in, from its suffix.

    >>> format_of("records/busan.yml")
    'yaml'

    :raises FormatError: for a suffix other than ``.yaml``, ``.yml`` or ``.json``.
    """
    suffix = Path(path).suffix.lower()
    try:
        return SUFFIXES[suffix]
    except KeyError:
        raise FormatError(f"cannot tell the format of {os.fspath(path)!r}: use .yaml, .yml or .json") from None


def unstructure(obj: Any) -> Any:
    """Plain data (dicts, lists, text, numbers, dates) for a model object.

    Fields at their default are left out and vocabularies become their file
    spelling:

    >>> from gpworkshop import Person
    >>> unstructure(Person(name="Il-jae Kim", title="President"))
    {'name': 'Il-jae Kim', 'title': 'President'}
    """
    return converter().unstructure(obj)


def structure(data: Any, type_: type[T]) -> T:
    """A model object of *type_* built from plain data, as read from a file.

    >>> from gpworkshop import Person
    >>> structure({"name": "Il-jae Kim"}, Person)
    Person(name='Il-jae Kim', title=None)

    :raises LoadError: listing every problem in *data*, located by path.
    """
    try:
        return converter().structure(data, type_)
    except Exception as error:  # noqa: BLE001  (turned into problems, re-raised as LoadError)
        problems = [_problem(found, _yaml.Parsed(data), None) for found in _failures(error, ())]
        raise LoadError(problems) from None


@collector_paused
def loads(
    text: str, format: Format = "yaml", *, source: str = "<string>", check: bool = True, as_of: dt.date | None = None
) -> KnowledgeBase:
    """The knowledge base in *text*, written as ``"yaml"`` or ``"json"``.

    :param source: the name used for *text* in problem locations, such as a file name.
    :param check: run :func:`~gpworkshop.validate` and fail on its errors; ``False``
        loads a record whose ids or references are broken, to repair it in Python.
    :param as_of: the day warnings about overdue commitments are judged against.
    :raises LoadError: listing every problem, each at its line and column.
    :raises FormatError: for a format other than ``"yaml"`` and ``"json"``.
    """
    _check_format(format)
    return _assemble([(SourceText(source, text, format), _read(text, format, source))], [], check=check, as_of=as_of)


@collector_paused
def load(paths: _Path | Iterable[_Path], *, check: bool = True, as_of: dt.date | None = None) -> KnowledgeBase:
    """The knowledge base in a file, several files, or a folder of them.

    A folder is searched recursively for ``*.yaml``, ``*.yml`` and ``*.json``
    files, read in name order; the format of each file comes from its suffix.
    The stakeholders and events of all files are merged into one knowledge base,
    which remembers where each of them was written.

    :param check: run :func:`~gpworkshop.validate` and fail on its errors.
    :param as_of: the day warnings about overdue commitments are judged against.
    :raises LoadError: listing every problem in every file.
    """
    readings: list[tuple[SourceText, _Reading]] = []
    unreadable: list[Problem] = []
    for path in _expand(paths):
        source = os.fspath(path)
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as error:
            unreadable.append(Problem(code=codes.UNREADABLE, message=f"cannot read the file: {error}", source=source))
            continue
        format_ = format_of(path)
        readings.append((SourceText(source, text, format_), _read(text, format_, source)))
    return _assemble(readings, unreadable, check=check, as_of=as_of)


def _assemble(
    readings: list[tuple[SourceText, _Reading]], problems: list[Problem], *, check: bool, as_of: dt.date | None
) -> KnowledgeBase:
    """One knowledge base from what each text gave, checked; or every problem of every text, raised at once.

    When some objects could not be read, the rest are still checked for broken
    references, so that a LoadError lists type errors and broken references
    together. References to the objects that could not be read count as resolved.
    """
    origins = Origins()
    stakeholders: list[Stakeholder] = []
    events: list[Event] = []
    unread: set[str] = set()
    for text, reading in readings:
        problems.extend(reading.problems)
        stakeholders.extend(stakeholder for _, stakeholder in reading.stakeholders)
        events.extend(event for _, event in reading.events)
        origins.add(text, [index for index, _ in reading.stakeholders], [index for index, _ in reading.events])
        unread |= reading.unread_ids
    kb = KnowledgeBase(stakeholders=tuple(stakeholders), events=tuple(events))
    attach(kb, origins)
    if problems:
        if check:
            known = {"stakeholder": unread, "event": unread}
            problems.extend(_check_integrity(kb, assume=known))
        raise LoadError(problems)
    # Locating problems parses the text again, so it is done only when the load fails.
    if check and _has_integrity_errors(kb):
        raise LoadError(validate(kb, as_of=as_of))
    return kb


def _check_format(format: str) -> None:
    if format not in ("yaml", "json"):
        raise FormatError(f"unknown format {format!r}; use 'yaml' or 'json'")


def _expand(paths: _Path | Iterable[_Path]) -> list[Path]:
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    files: list[Path] = []
    for item in map(Path, given):
        if item.is_dir():
            found = (p for p in item.rglob("*") if p.suffix.lower() in SUFFIXES and p.is_file())
            files.extend(sorted(found))
        else:
            if item.exists():
                format_of(item)
            # A missing path is reported as unreadable with the others, not raised on its own.
            files.append(item)
    return files


@collector_paused
def dumps(kb: KnowledgeBase, format: Format = "yaml") -> str:
    """*kb* as ``"yaml"`` or ``"json"`` text: the same knowledge base always gives the same text.

    :raises FormatError: for a format other than ``"yaml"`` and ``"json"``.
    """
    _check_format(format)
    # Imported here: the writers import json, and compile themselves, only when something is written.
    from gpworkshop._emitter import write_json, write_yaml_document  # noqa: PLC0415

    header = {_VERSION_KEY: _migrations.FORMAT_VERSION}
    if format == "json":
        return write_json(kb, header)
    return write_yaml_document(kb, header, lambda: unstructure(kb))


def dump(kb: KnowledgeBase, path: _Path, *, format: Format | None = None) -> None:
    """Write *kb* to *path*, in the format of its suffix unless *format* says otherwise.

    The file is written to a temporary file in the same folder and then put in
    place, so a failure at any point leaves the previous file as it was.

    :raises WriteError: if the file cannot be written.
    """
    target = Path(path)
    text = dumps(kb, format or format_of(target))
    write_atomically(target, text)


@attrs.frozen
class _Failure:
    path: tuple[_yaml.Step, ...]
    code: str
    message: str
    at_key: bool = False


@attrs.frozen
class _Reading:
    """What one text gave: its problems, the objects that could be read with their index, the ids of the others."""

    problems: list[Problem] = attrs.Factory(list)
    stakeholders: list[tuple[int, Stakeholder]] = attrs.Factory(list)
    events: list[tuple[int, Event]] = attrs.Factory(list)
    unread_ids: set[str] = attrs.Factory(set)


def _read(text: str, format: Format, source: str) -> _Reading:
    parsed, problems = _yaml.parse(text, format=format, source=source)
    if problems:
        return _Reading(problems)
    data = parsed.data
    version, failures = _check_document(data)
    if failures:
        return _Reading(_located(failures, text, format, source, parsed))
    body = {key: value for key, value in data.items() if key != _VERSION_KEY}
    try:
        body = _migrations.migrate(body, version, _migrations.FORMAT_VERSION)
    except _migrations.MissingMigrationError as missing:
        message = f"format version {missing.version} can no longer be read by this gpworkshop; convert it first"
        return _Reading(_located([_Failure((_VERSION_KEY,), codes.BAD_VERSION, message)], text, format, source, parsed))
    try:
        kb = converter().structure(body, KnowledgeBase)
    except Exception as error:  # noqa: BLE001  (every failure becomes a located problem)
        reading = _read_what_can_be_read(body)
        reading.problems.extend(_located(list(_failures(error, ())), text, format, source, parsed))
        return reading
    return _Reading(stakeholders=list(enumerate(kb.stakeholders)), events=list(enumerate(kb.events)))


def _read_what_can_be_read(body: dict[str, Any]) -> _Reading:
    """The stakeholders and events of *body* that structure on their own, and the ids of those that do not."""
    reading = _Reading()
    for key, type_, found in (("stakeholders", Stakeholder, reading.stakeholders), ("events", Event, reading.events)):
        items = body.get(key)
        if not isinstance(items, list):
            continue
        structure_item = converter().get_structure_hook(type_)
        for index, item in enumerate(items):
            try:
                found.append((index, structure_item(item, type_)))
            except Exception:  # noqa: BLE001  (its problems are already reported)
                if isinstance(item, dict) and isinstance(item.get("id"), str):
                    reading.unread_ids.add(item["id"])
    return reading


def _check_document(data: Any) -> tuple[int, list[_Failure]]:
    """The format version of the document, or what is wrong with its top level."""
    current = _migrations.FORMAT_VERSION
    if data is None:
        return 0, [_Failure((), codes.EMPTY, f"the file is empty; start it with 'gpworkshop: {current}'")]
    if not isinstance(data, dict):
        expected = "expected a mapping with the keys gpworkshop, stakeholders and events"
        return 0, [_Failure((), codes.NOT_MAPPING, f"{expected}, got {describe(data)}")]
    if _VERSION_KEY not in data:
        return 0, [
            _Failure((), codes.NO_VERSION, f"the format version is missing; add 'gpworkshop: {current}' at the top")
        ]
    version = data[_VERSION_KEY]
    try:
        number = converter().structure(version, int)
    except ConversionError:
        number = 0
    if number < 1:
        message = f"the format version must be a whole number such as {current}, got {describe(version)}"
        return 0, [_Failure((_VERSION_KEY,), codes.BAD_VERSION, message)]
    if number > current:
        message = (
            f"the file is in format version {number}, newer than the {current} this gpworkshop reads; "
            "upgrade gpworkshop"
        )
        return number, [_Failure((_VERSION_KEY,), codes.BAD_VERSION, message)]
    return number, []


def _located(
    failures: list[_Failure],
    text: str,
    format: Format,
    source: str,
    parsed: _yaml.Parsed,
) -> list[Problem]:
    if parsed.positions is None:
        parsed, _ = _yaml.parse(text, format=format, source=source, positions=True)
    problems = [_problem(failure, parsed, source) for failure in failures]
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


def _problem(failure: _Failure, parsed: _yaml.Parsed, source: str | None) -> Problem:
    position = parsed.locate(failure.path, key=failure.at_key)
    line, column = position if position else (None, None)
    return Problem(
        code=failure.code,
        message=failure.message,
        source=source,
        line=line,
        column=column,
        path=dotted(failure.path),
    )


def _failures(error: BaseException, path: tuple[_yaml.Step, ...]) -> Iterable[_Failure]:
    """Each failure inside cattrs' grouped *error*, with the path to the value it concerns."""
    if isinstance(error, ClassValidationError | IterableValidationError):
        with_notes, without = error.group_exceptions()
        for inner, note in with_notes:
            step: _yaml.Step = note.index if isinstance(note, IterableValidationNote) else note.name
            yield from _failures(inner, (*path, step))
        for inner in without:
            yield from _failures(inner, path)
    elif isinstance(error, ForbiddenExtraKeysError):
        fields = [field.name for field in attrs.fields(error.cl) if field.init]
        for key in sorted(error.extra_fields):
            yield _Failure(
                (*path, key),
                codes.UNKNOWN_KEY,
                f"{key!r} is not a field here{suggest(key, fields)}; the fields are: {', '.join(fields)}",
                at_key=True,
            )
    elif isinstance(error, ConversionError):
        yield _Failure(path, error.code, error.message)
    elif isinstance(error, FieldValueError):
        yield _Failure((*path, error.field), codes.INVALID_VALUE, str(error))
    elif isinstance(error, KeyError):
        yield _Failure(path, codes.MISSING_FIELD, f"the required field {path[-1]!r} is missing; add it")
    else:
        yield _Failure(path, codes.INVALID_VALUE, f"invalid value: {error}")
