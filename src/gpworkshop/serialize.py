"""Reading and writing records: text, files and folders, in the formats of :mod:`gpworkshop.formats`.

One way in (text → the format's reader → converter → model objects; a record
that does not structure is read again field by field to find every problem)
and one way out (model objects → the format's writer, compiled per model
class → atomic file write). Every problem with a record is collected and
raised at once in a :class:`~gpworkshop.errors.LoadError`, each problem
located at its file, line and column.

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
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, TypeVar

import attrs

from gpworkshop import _migrations, codes, formats
from gpworkshop._atomic import write_atomically
from gpworkshop._collector import collector_paused
from gpworkshop._converter import ConversionError, converter
from gpworkshop._encoding import decode
from gpworkshop._migrations import FORMAT_VERSION
from gpworkshop._origins import Origins, SourceText, attach
from gpworkshop._parsed import Parsed
from gpworkshop._salvage import Failure, salvage
from gpworkshop._wording import describe
from gpworkshop.errors import FormatError, LoadError, Problem, dotted
from gpworkshop.model import Event, KnowledgeBase, Stakeholder
from gpworkshop.validate import check_integrity, has_integrity_errors, validate

__all__ = [
    "FORMAT_VERSION",
    "dump",
    "dumps",
    "format_of",
    "load",
    "loads",
    "structure",
    "unstructure",
]

T = TypeVar("T")

_VERSION_KEY = "gpworkshop"
_KBPath = tuple[str | int, ...]
_PathLike = str | os.PathLike[str]


def format_of(path: _PathLike) -> str:
    """The name of the format a file is in, from its suffix.

    >>> format_of("records/busan.yml")
    'yaml'

    :raises FormatError: for a suffix no registered format goes by.
    """
    return formats.for_path(path).name


def _readable(name: str) -> str:
    """*name*, if it names a format that reads records."""
    if formats.get(name).read is None:
        able = ", ".join(f.name for f in formats.registry().values() if f.read is not None)
        raise FormatError(f"the format {name!r} is not read, only written; the formats read: {able}")
    return name


def _whole(name: str) -> formats.Writer:
    """The writer of the format *name*, which must hold whole records."""
    format_ = formats.get(name)
    if not format_.lossless or format_.write is None:
        whole = ", ".join(f.name for f in formats.registry().values() if f.lossless and f.write is not None)
        raise FormatError(
            f"the format {name!r} does not hold a whole record; write it with gpworkshop export, or use one of: {whole}"
        )
    return format_.write


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
        failures = _every_failure(data, type_, error)
        raise LoadError([_problem(failure, Parsed(data), None) for failure in failures]) from None


@collector_paused
def loads(
    text: str, format: str = "yaml", *, source: str = "<string>", check: bool = True, as_of: dt.date | None = None
) -> KnowledgeBase:
    """The knowledge base in *text*, written in *format*: ``"yaml"``, ``"json"`` or another format that is read.

    :param source: the name used for *text* in problem locations, such as a file name.
    :param check: run :func:`~gpworkshop.validate` and fail on its errors; ``False``
        loads a record whose ids or references are broken, to repair it in Python.
    :param as_of: the day warnings about overdue commitments are judged against.
    :raises LoadError: listing every problem, each at its line and column.
    :raises FormatError: for a format that is not registered or is not read.
    """
    _readable(format)
    return _assemble([(SourceText(source, text, format), _read(text, format, source))], [], check=check, as_of=as_of)


@collector_paused
def load(
    paths: _PathLike | Iterable[_PathLike],
    *,
    format: str | None = None,
    check: bool = True,
    as_of: dt.date | None = None,
) -> KnowledgeBase:
    """The knowledge base in a file, several files, or a folder of them.

    A folder is searched recursively for ``*.yaml``, ``*.yml`` and ``*.json``
    files, read in name order; the format of each file comes from its suffix.
    The stakeholders and events of all files are merged into one knowledge base,
    which remembers where each of them was written.

    A path that does not exist, a folder with no record files, a file of
    another suffix and a file that is not UTF-8 text are problems like any
    other: every one is reported, with those of the files that could be read.

    :param format: the format of every file, instead of the one their suffixes say.
    :param check: run :func:`~gpworkshop.validate` and fail on its errors.
    :param as_of: the day warnings about overdue commitments are judged against.
    :raises LoadError: listing every problem in every file.
    :raises FormatError: for a *format* that is not registered or is not read.
    """
    if format is not None:
        _readable(format)
    readings: list[tuple[SourceText, _Reading]] = []
    unreadable: list[Problem] = []
    for path in _expand(paths, unreadable, named=format is not None):
        source = os.fspath(path)
        try:
            data = path.read_bytes()
        except OSError as error:
            reason = error.strerror or type(error).__name__
            unreadable.append(Problem(code=codes.UNREADABLE, message=f"cannot read the file: {reason}", source=source))
            continue
        text, problem = decode(data, source)
        if text is None:
            assert problem is not None
            unreadable.append(problem)
            continue
        format_ = format or format_of(path)
        readings.append((SourceText(source, text, format_), _read(text, format_, source)))
    return _assemble(readings, unreadable, check=check, as_of=as_of)


def _assemble(
    readings: list[tuple[SourceText, _Reading]], problems: list[Problem], *, check: bool, as_of: dt.date | None
) -> KnowledgeBase:
    """One knowledge base from what each text gave, checked; or every problem of every text, raised at once.

    When some values could not be read, the integrity check runs on what could
    be, so that a LoadError lists type errors and broken references together;
    it leaves out what would only repeat a problem already listed.
    """
    origins = Origins()
    stakeholders: list[Stakeholder] = []
    events: list[Event] = []
    failures: list[tuple[_Reading, Failure, _KBPath]] = []
    for text, reading in readings:
        offsets = {"stakeholders": len(stakeholders), "events": len(events)}
        problems.extend(reading.problems)
        stakeholders.extend(reading.stakeholders)
        events.extend(reading.events)
        origins.add(text, list(range(len(reading.stakeholders))), list(range(len(reading.events))))
        failures.extend((reading, failure, _in_knowledge_base(failure.path, offsets)) for failure in reading.failures)
    kb = KnowledgeBase(stakeholders=tuple(stakeholders), events=tuple(events))
    attach(kb, origins)
    if problems or failures:
        reported = failures
        if check:
            integrity = check_integrity(kb, unread={path for _, _, path in failures})
            # An id that is not well formed is reported where it is defined, not again where it resolves.
            reported = [entry for entry in failures if not _resolves(entry[1], entry[2], integrity.unresolved)]
        for reading, failure, _ in reported:
            problems.append(reading.locate(failure))
        if check:
            problems.extend(integrity.problems)
        raise LoadError(_in_file_order(problems))
    # Locating problems parses the text again, so it is done only when the load fails.
    if check and has_integrity_errors(kb):
        raise LoadError(validate(kb, as_of=as_of))
    return kb


def _in_knowledge_base(path: _KBPath, offsets: dict[str, int]) -> _KBPath:
    """*path* in one text made a path in the knowledge base that merges all texts."""
    if len(path) >= 2 and isinstance(path[1], int) and path[0] in offsets:
        return (path[0], offsets[str(path[0])] + path[1], *path[2:])
    return path


def _resolves(failure: Failure, path: _KBPath, unresolved: AbstractSet[_KBPath]) -> bool:
    return failure.id_form and path[-1] != "id" and path not in unresolved


def _in_file_order(problems: list[Problem]) -> list[Problem]:
    """*problems* grouped by file, in the order files were read, and by line and column within each."""
    order: dict[str | None, int] = {}
    for problem in problems:
        order.setdefault(problem.source, len(order))
    return sorted(problems, key=lambda p: (order[p.source], p.line or 0, p.column or 0))


def _expand(paths: _PathLike | Iterable[_PathLike], problems: list[Problem], *, named: bool = False) -> list[Path]:
    """The record files named by *paths*, folders searched; what cannot be a record file goes to *problems*.

    When the format is *named*, a file is read whatever its suffix.
    """
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    files: list[Path] = []
    suffixes = formats.readable()
    known = ", ".join(suffixes)
    for item in map(Path, given):
        source = os.fspath(item)
        if item.is_dir():
            found = sorted(p for p in item.rglob("*") if p.suffix.lower() in suffixes and p.is_file())
            if not found:
                message = f"the folder holds no record files (files ending in {known})"
                problems.append(Problem(code=codes.UNREADABLE, message=message, source=source))
            files.extend(found)
        elif not item.exists():
            message = "no such file or folder" if not item.is_symlink() else "the link points to nothing"
            problems.append(Problem(code=codes.UNREADABLE, message=f"cannot read the file: {message}", source=source))
        elif item.suffix.lower() not in suffixes and not named:
            message = f"cannot tell the format of the file: record files end in {known}"
            problems.append(Problem(code=codes.UNREADABLE, message=message, source=source))
        else:
            files.append(item)
    return files


@collector_paused
def dumps(kb: KnowledgeBase, format: str = "yaml") -> str:
    """*kb* as text in *format*: ``"yaml"``, ``"json"`` or another format that holds whole records.

    The same knowledge base always gives the same text.

    :raises FormatError: for a format that is not registered or does not hold a whole record.
    """
    return _whole(format)(kb)


def dump(kb: KnowledgeBase, path: _PathLike, *, format: str | None = None) -> None:
    """Write *kb* to *path*, in the format of its suffix unless *format* says otherwise.

    The file is written to a temporary file in the same folder and then put in
    place, so a failure at any point leaves the previous file as it was.

    :raises WriteError: if the file cannot be written.
    """
    target = Path(path)
    text = dumps(kb, format or format_of(target))
    write_atomically(target, text)


@attrs.define
class _Reading:
    """What one text gave: problems found reading it, its objects, and the failures to structure them.

    When some values cannot be structured, the objects are stand-ins built
    from what could be read, and :attr:`failures` says what could not.
    """

    problems: list[Problem] = attrs.Factory(list)
    stakeholders: tuple[Stakeholder, ...] = ()
    events: tuple[Event, ...] = ()
    failures: list[Failure] = attrs.Factory(list)
    locate: Callable[[Failure], Problem] = attrs.field(default=lambda failure: _problem(failure, Parsed(None), None))


def _read(text: str, format: str, source: str) -> _Reading:
    read = formats.get(format).read
    assert read is not None
    parsed, problems = read(text, source)
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
        return _Reading(_located([Failure((_VERSION_KEY,), codes.BAD_VERSION, message)], text, format, source, parsed))
    try:
        kb = converter().structure(body, KnowledgeBase)
    except Exception as error:  # noqa: BLE001  (every failure becomes a located problem)
        # JSON is read without a limit of depth; a record nested too deep is named as such (never on a valid file).
        from gpworkshop.formats.json import nesting_problem  # noqa: PLC0415

        deep = nesting_problem(parsed, text, source) if format == "json" else None
        if deep is not None:
            return _Reading([deep])
        stand_in, failures = salvage(body, KnowledgeBase)
        failures = failures or _every_failure(body, KnowledgeBase, error)
        with_positions = _positioned(parsed, text, format, source)
        return _Reading(
            stakeholders=stand_in.stakeholders,
            events=stand_in.events,
            failures=failures,
            locate=lambda failure: _problem(failure, with_positions(), source),
        )
    return _Reading(stakeholders=kb.stakeholders, events=kb.events)


def _every_failure(data: Any, type_: Any, error: Exception) -> list[Failure]:
    """Every failure in *data*, which the converter refused with *error*."""
    _, failures = salvage(data, type_)
    # Salvaging finds whatever the converter refuses; should a refusal slip past it, it is still reported.
    return failures or [Failure((), codes.INVALID_VALUE, f"invalid value: {error}")]


def _positioned(parsed: Parsed, text: str, format: str, source: str) -> Callable[[], Parsed]:
    """*parsed*, with positions: parsed again with them the first time they are needed."""
    found: list[Parsed] = [parsed] if parsed.positions is not None else []

    def positioned() -> Parsed:
        if not found:
            read = formats.get(format).read
            assert read is not None
            found.append(read(text, source, positions=True)[0])
        return found[0]

    return positioned


def _check_document(data: Any) -> tuple[int, list[Failure]]:
    """The format version of the document, or what is wrong with its top level."""
    current = _migrations.FORMAT_VERSION
    if data is None:
        return 0, [Failure((), codes.EMPTY, f"the file is empty; start it with 'gpworkshop: {current}'")]
    if not isinstance(data, dict):
        expected = "expected a mapping with the keys gpworkshop, stakeholders and events"
        # Nothing of the text is quoted: a file that is not a record may hold anything.
        found = "a list" if isinstance(data, list) else "a single value"
        return 0, [Failure((), codes.NOT_MAPPING, f"{expected}, got {found}; is this a gpworkshop record?")]
    if _VERSION_KEY not in data:
        return 0, [
            Failure((), codes.NO_VERSION, f"the format version is missing; add 'gpworkshop: {current}' at the top")
        ]
    version = data[_VERSION_KEY]
    try:
        number = converter().structure(version, int)
    except ConversionError:
        number = 0
    if number < 1:
        message = f"the format version must be a whole number such as {current}, got {describe(version)}"
        return 0, [Failure((_VERSION_KEY,), codes.BAD_VERSION, message)]
    if number > current:
        message = (
            f"the file is in format version {number}, newer than the {current} this gpworkshop reads; "
            "upgrade gpworkshop"
        )
        return number, [Failure((_VERSION_KEY,), codes.BAD_VERSION, message)]
    return number, []


def _located(
    failures: list[Failure],
    text: str,
    format: str,
    source: str,
    parsed: Parsed,
) -> list[Problem]:
    positioned = _positioned(parsed, text, format, source)()
    problems = [_problem(failure, positioned, source) for failure in failures]
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


def _problem(failure: Failure, parsed: Parsed, source: str | None) -> Problem:
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
