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
import functools
import os
from collections.abc import Callable, Iterable
from collections.abc import Set as AbstractSet
from pathlib import Path
from typing import Any, TypeVar

import attrs

from gpworkshop import _migrations, codes, formats
from gpworkshop._atomic import write_atomically
from gpworkshop._collector import collector_paused
from gpworkshop._converter import ConversionError, converter, reading_version
from gpworkshop._definitions import combined
from gpworkshop._encoding import decode
from gpworkshop._files import read_file
from gpworkshop._listing import in_file_order
from gpworkshop._migrations import FORMAT_VERSION
from gpworkshop._origins import Origins, SourceText, attach
from gpworkshop._parsed import Parsed, located
from gpworkshop._parsed import unreadable as cannot_read
from gpworkshop._record_files import expand
from gpworkshop._salvage import Failure, salvage
from gpworkshop._structuring import builder
from gpworkshop._wording import describe
from gpworkshop.errors import FormatError, LoadError, Problem, Severity, dotted
from gpworkshop.model import Event, KnowledgeBase, Stakeholder
from gpworkshop.multilingual import DEFAULT_LANGUAGE, tag_problem
from gpworkshop.validate import check_integrity, has_integrity_errors, validate

__all__ = [
    "FORMAT_VERSION",
    "dump",
    "dumps",
    "format_of",
    "load",
    "loads",
    "record_files",
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
    if not formats.get(name).readable:
        able = ", ".join(f.name for f in formats.registry().values() if f.readable)
        raise FormatError(f"the format {name!r} is not read, only written; the formats read: {able}")
    return name


def _whole(name: str) -> formats.Writer:
    """The writer of the format *name*, which must hold whole records."""
    format_ = formats.get(name)
    if format_.lossless and format_.write is None and format_.save is not None:
        raise FormatError(f"the format {name!r} is written to a file or folder, not to text; use dump")
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
        return _built(data, type_)
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
    formats.reader(_readable(format))
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

    A folder is searched recursively for record files (``*.yaml``, ``*.yml``,
    ``*.json``, and ``*.xlsx`` workbooks) and for folders of tables (those
    with a ``datapackage.json``), read in name order; the format of each comes
    from its suffix. The stakeholders and events of all of them are merged into
    one knowledge base, which remembers where each of them was written.

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
    for path, found_format in expand(paths, unreadable, format):
        source = os.fspath(path)
        opener = formats.get(found_format).open if found_format else None
        if opener is not None:
            try:
                parsed, problems = opener(path, source)
            except OSError as error:
                unreadable.append(cannot_read(source, error))
                continue
            # Places are found by reading again, the first time a problem needs them.
            again = _once(functools.partial(_placed, opener, path, source))
            reading = _reading(parsed, source, again, problems=problems)
            readings.append((SourceText(source, "", found_format or "", parts=parsed.parts, reread=again), reading))
            continue
        data = read_file(path, source)
        if isinstance(data, Problem):
            unreadable.append(data)
            continue
        text, problem = decode(data, source)
        if text is None:
            assert problem is not None
            unreadable.append(problem)
            continue
        format_ = found_format or format_of(path)
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
    language = _record_language(readings)
    defined: dict[tuple[type, str], tuple[int, int]] = {}
    for number, (text, reading) in enumerate(readings):
        if reading.stated and reading.language != language:
            message = (
                f"the record's other files are in {language!r}, this one in {reading.language!r}: every file of a "
                "record is in one language; write texts in others as translations"
            )
            failures.append((reading, Failure(("language",), codes.INVALID_VALUE, message), ("language",)))
        offsets = {"stakeholders": len(stakeholders), "events": len(events)}
        problems.extend(reading.problems)
        # A text whose values could not all be read is taken as it is, so that its failures keep their places.
        merge = not reading.failures
        origins.add(
            text,
            _defined(stakeholders, reading.stakeholders, defined, number, merge=merge),
            _defined(events, reading.events, defined, number, merge=merge),
        )
        failures.extend((reading, failure, _in_knowledge_base(failure.path, offsets)) for failure in reading.failures)
    kb = KnowledgeBase(language=language, stakeholders=tuple(stakeholders), events=tuple(events))
    attach(kb, origins)
    # Warnings of the readers (a link that could not be made absolute) do not stop the load; validate reports them.
    origins.warnings = [problem for problem in problems if problem.severity is Severity.WARNING]
    if len(origins.warnings) < len(problems) or failures:
        reported = failures
        if check:
            unread_kinds = frozenset(kind for _, reading in readings for kind in reading.unread)
            integrity = check_integrity(kb, unread={path for _, _, path in failures}, unread_kinds=unread_kinds)
            # An id that is not well formed is reported where it is defined, not again where it resolves.
            reported = [entry for entry in failures if not _resolves(entry[1], entry[2], integrity.unresolved)]
        for reading, failure, _ in reported:
            problems.append(reading.locate(failure))
        if check:
            problems.extend(integrity.problems)
        raise LoadError(in_file_order(problems, [part for text, _ in readings for part in text.parts]))
    # Locating problems parses the text again, so it is done only when the load fails.
    if check and has_integrity_errors(kb):
        raise LoadError(validate(kb, as_of=as_of))
    return kb


_Defined = TypeVar("_Defined", Stakeholder, Event)


def _defined(
    kept: list[_Defined],
    found: tuple[_Defined, ...],
    defined: dict[tuple[type, str], tuple[int, int]],
    text: int,
    *,
    merge: bool,
) -> list[int]:
    """Add to *kept* the objects *found* in the *text*-th text, and give the indices there of those added.

    An object whose id an earlier text defined is one with that definition when the two agree, one giving only
    fields the other leaves out: an archive of records names a shared stakeholder in each. One that disagrees is
    added as it is, for validation to report the two. Within one text, an id written twice is always reported.
    """
    added: list[int] = []
    for index, item in enumerate(found):
        key = (type(item), item.id)
        earlier = defined.get(key)
        if merge and earlier is not None and earlier[1] != text:
            one = combined(kept[earlier[0]], item)
            if one is not None:
                kept[earlier[0]] = one
                continue
        defined.setdefault(key, (len(kept), text))
        kept.append(item)
        added.append(index)
    return added


def _record_language(readings: list[tuple[SourceText, _Reading]]) -> str:
    """The language of a record read from several texts: the one the first text that states one states."""
    for _, reading in readings:
        if reading.stated:
            return reading.language
    return DEFAULT_LANGUAGE


def _in_knowledge_base(path: _KBPath, offsets: dict[str, int]) -> _KBPath:
    """*path* in one text made a path in the knowledge base that merges all texts."""
    if len(path) >= 2 and isinstance(path[1], int) and path[0] in offsets:
        return (path[0], offsets[str(path[0])] + path[1], *path[2:])
    return path


def _resolves(failure: Failure, path: _KBPath, unresolved: AbstractSet[_KBPath]) -> bool:
    return failure.id_form and path[-1] != "id" and path not in unresolved


def record_files(paths: _PathLike | Iterable[_PathLike]) -> list[tuple[Path, str]]:
    """The files :func:`load` reads for *paths*, in the order it reads them, each with its format.

    :raises LoadError: for a path that does not exist or holds no record.
    """
    problems: list[Problem] = []
    found = expand(paths, problems)
    if problems:
        raise LoadError(problems)
    return [(path, format_ or format_of(path)) for path, format_ in found]


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
    place, so a failure at any point leaves the previous file as it was. A
    format of several files (``csv``, ``parquet``, ``jsonl``) writes into the
    folder *path*: every file is written before any is put in place.

    :raises WriteError: if the file cannot be written.
    :raises FormatError: for a format that is not registered, or a record it cannot hold.
    """
    target = Path(path)
    format_ = formats.get(format) if format else formats.for_path(target)
    if format_.save is not None and format_.lossless:
        format_.save(kb, target)
        return
    write_atomically(target, dumps(kb, format_.name))


@attrs.define
class _Reading:
    """What one text gave: problems found reading it, its objects, and the failures to structure them.

    When some values cannot be structured, the objects are stand-ins built
    from what could be read, and :attr:`failures` says what could not.
    """

    problems: list[Problem] = attrs.Factory(list)
    language: str = DEFAULT_LANGUAGE
    #: Whether the text states its language, rather than taking the default.
    stated: bool = False
    stakeholders: tuple[Stakeholder, ...] = ()
    events: tuple[Event, ...] = ()
    failures: list[Failure] = attrs.Factory(list)
    #: The kinds of object the reader could not read at all (see :attr:`Parsed.unread`).
    unread: frozenset[str] = frozenset()
    locate: Callable[[Failure], Problem] = attrs.field(default=lambda failure: _problem(failure, Parsed(None), None))


def _read(text: str, format: str, source: str) -> _Reading:
    parsed, problems = formats.reader(format)(text, source)
    if problems and not (parsed.partial and parsed.data is not None):
        return _Reading(problems)

    def deep() -> Problem | None:
        # JSON is read without a limit of depth; a record nested too deep is named as such (never on a valid file).
        from gpworkshop.formats.json import nesting_problem  # noqa: PLC0415

        return nesting_problem(parsed, text, source) if format == "json" else None

    # A reader may give what it could read with the problems it found, for the problems of that to be listed too.
    return _reading(parsed, source, _positioned(parsed, text, format, source), deep, problems)


def _reading(
    parsed: Parsed,
    source: str,
    positioned: Callable[[], Parsed],
    deep: Callable[[], Problem | None] = lambda: None,
    problems: list[Problem] | None = None,
) -> _Reading:
    """What the plain data of one text or set of tables gives: objects, or stand-ins and failures.

    *problems* found reading tables come beside what their data gives, so that every problem is listed at once.
    """
    found = list(problems or [])
    data = parsed.data
    if data is None and found:
        return _Reading(found)
    version, failures = _check_document(data)
    if failures:
        # A failure of the whole document is placed at its start, without reading a text that may be huge again.
        at = Parsed(data, {}) if all(not failure.path for failure in failures) else positioned()
        return _Reading(found + _located(failures, at, source))
    body = {key: value for key, value in data.items() if key != _VERSION_KEY}
    try:
        body = _migrations.migrate(body, version, _migrations.FORMAT_VERSION)
    except _migrations.MissingMigrationError as missing:
        message = f"format version {missing.version} can no longer be read by this gpworkshop; convert it first"
        return _Reading(found + _located([Failure((_VERSION_KEY,), codes.BAD_VERSION, message)], positioned(), source))
    with reading_version(version):
        try:
            kb = _built(body, KnowledgeBase)
        except Exception as error:  # noqa: BLE001  (every failure becomes a located problem)
            too_deep = deep()
            if too_deep is not None:
                return _Reading([too_deep])
            stand_in, failures = salvage(body, KnowledgeBase)
            failures = failures or _every_failure(body, KnowledgeBase, error)
            return _Reading(
                problems=found,
                language=stand_in.language if tag_problem(stand_in.language) is None else DEFAULT_LANGUAGE,
                stated="language" in body,
                stakeholders=stand_in.stakeholders,
                events=stand_in.events,
                failures=failures,
                unread=parsed.unread,
                locate=lambda failure: _problem(failure, positioned(), source),
            )
    return _Reading(
        problems=found,
        language=kb.language,
        stated="language" in body,
        stakeholders=kb.stakeholders,
        events=kb.events,
        unread=parsed.unread,
        locate=lambda failure: _problem(failure, positioned(), source),
    )


@collector_paused
def load_parsed(
    parsed: Parsed,
    problems: list[Problem],
    *,
    source: str,
    format: str,
    check: bool = True,
    as_of: dt.date | None = None,
) -> KnowledgeBase:
    """The knowledge base in data a reader of tables gave, with its places and the *problems* it found.

    :raises LoadError: listing every problem, each at its place.
    """
    reading = _reading(parsed, source, lambda: parsed, problems=problems)
    text = SourceText(source, "", format, parsed, parts=parsed.parts)
    return _assemble([(text, reading)], [], check=check, as_of=as_of)


def _built(data: Any, type_: type[T]) -> T:
    """*data* structured as *type_*: by the generated builder when it is certainly right, else by the converter."""
    if attrs.has(type_):
        try:
            built: T = builder(type_)(data)
        except Exception:  # noqa: BLE001  (the converter finds and words what the builder gave up on)
            pass
        else:
            return built
    return converter().structure(data, type_)


def _placed(opener: formats.Opener, path: Path, source: str) -> Parsed:
    return opener(path, source, positions=True)[0]


def _once(make: Callable[[], Parsed]) -> Callable[[], Parsed]:
    """*make*, called the first time only."""
    made: list[Parsed] = []

    def once() -> Parsed:
        if not made:
            made.append(make())
        return made[0]

    return once


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
            found.append(formats.reader(format)(text, source, positions=True)[0])
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


def _located(failures: list[Failure], positioned: Parsed, source: str) -> list[Problem]:
    problems = [_problem(failure, positioned, source) for failure in failures]
    return sorted(problems, key=lambda problem: (problem.line or 0, problem.column or 0))


def _problem(failure: Failure, parsed: Parsed, source: str | None) -> Problem:
    position = parsed.locate(failure.path, key=failure.at_key)
    message = failure.message + (parsed.advice(failure.path, failure.code) if parsed.advice is not None else "")
    if source is None:
        return Problem(code=failure.code, message=message, path=dotted(failure.path))
    return located(failure.code, message, source, position, dotted(failure.path))
