"""The registry of formats: every way a record is read from text and written to it.

Each :class:`Format` has a name, the file suffixes it goes by, whether it
holds a whole record losslessly, how to read it and how to write it, and the
extra (``pip install "gpworkshop[EXTRA]"``) it needs. :func:`gpworkshop.load`,
:func:`~gpworkshop.dump`, :func:`~gpworkshop.loads`, :func:`~gpworkshop.dumps`
and the command line choose formats here, by name or by suffix.

>>> from gpworkshop import formats
>>> [(f.name, f.suffixes, f.lossless) for f in formats.registry().values()][:2]
[('yaml', ('.yaml', '.yml'), True), ('json', ('.json',), True)]
>>> formats.for_path("records/busan.yml").name
'yaml'

A format of another package is registered through the ``gpworkshop.formats``
entry point, whose object is a :class:`Format`; see the how-to "Adding a
format".

A reader gives a :class:`Parsed`: the record as plain data in the shape of
the YAML format (a mapping with ``gpworkshop``, ``stakeholders`` and
``events``), and, when asked for, where each value was written; gpworkshop
then builds and checks the record and locates every problem in the reader's
text.

Formats that are not one text, such as a workbook or a folder of tables,
are read from their path (:attr:`Format.open`) and written to it
(:attr:`Format.save`); their readers give each value's :class:`Place`, the
file or the cell it is in. The tables formats (``csv``, ``xlsx``,
``parquet``, ``jsonl``) are of this kind; see :mod:`gpworkshop.tables`.

A writer may take keyword options beyond the record, which it lists as
:attr:`Format.options`: the formats for translators (``xliff``, ``po``)
take the language to translate into, ``lang``, and ``untranslated``.
:func:`write` checks the options given against those a format takes, and
``gpworkshop export`` passes ``--lang`` and ``--untranslated`` on.

>>> import gpworkshop as gw
>>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
>>> formats.write("xliff", kb, lang="fr", untranslated=True).count("<unit ")
24
>>> formats.write("yaml", kb, lang="fr")
Traceback (most recent call last):
...
gpworkshop.errors.FormatError: the format 'yaml' takes no option 'lang'
"""

from __future__ import annotations

import functools
import importlib
import os
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from gpworkshop._files import file_head
from gpworkshop._parsed import Parsed, Place, Position, Step, TableText
from gpworkshop.errors import FormatError, MissingExtraError, Problem

if TYPE_CHECKING:
    from gpworkshop.model import KnowledgeBase

__all__ = [
    "ENTRY_POINT_GROUP",
    "Detector",
    "Format",
    "Opener",
    "Option",
    "Parsed",
    "Place",
    "Position",
    "Reader",
    "Saver",
    "Step",
    "TableReader",
    "Writer",
    "for_path",
    "get",
    "markers",
    "readable",
    "reader",
    "register",
    "registry",
    "requires",
    "write",
]

#: The entry point group through which other packages add formats.
ENTRY_POINT_GROUP = "gpworkshop.formats"


class Reader(Protocol):
    """Reads a record's text into plain data, with the problems found in the text itself."""

    def __call__(self, text: str, source: str, *, positions: bool = False) -> tuple[Parsed, list[Problem]]:
        """*text* as plain data; *source* names it in problems; with the place of each value if *positions*."""
        ...


class Writer(Protocol):
    """Writes a knowledge base as text."""

    def __call__(self, kb: KnowledgeBase, /) -> str:
        """*kb* as text."""
        ...


class Opener(Protocol):
    """Reads a record from a file or folder that is not one text, with the place of every value."""

    def __call__(self, path: Path, source: str, *, positions: bool = False) -> tuple[Parsed, list[Problem]]:
        """The record at *path* as plain data; *source* names *path* in problems; with places if *positions*."""
        ...


class TableReader(Protocol):
    """Reads one table of a data package (a folder of tables) from the bytes of its file."""

    def __call__(self, data: bytes, source: str, /) -> TableText | Problem:
        """The header and rows of the table in *data*, or the problem that keeps them from being read."""
        ...


class Detector(Protocol):
    """Tells whether a file is in a format, from its first bytes."""

    def __call__(self, head: bytes, /) -> bool:
        """Whether a file that starts with *head* is in the format."""
        ...


class Saver(Protocol):
    """Writes a knowledge base to a file or folder, atomically."""

    def __call__(self, kb: KnowledgeBase, path: Path, /) -> None:
        """Write *kb* to *path*; a failure leaves what was there before."""
        ...


@attrs.frozen(kw_only=True)
class Option:
    """A keyword option a format's writer takes beyond the record, such as the language to translate into."""

    #: The keyword, such as ``"lang"``; the command line's option of the same name gives it.
    name: str
    #: What it says, in a few words, for messages.
    title: str
    #: Whether the writer needs it.
    required: bool = False


_TRANSLATION_OPTIONS = (
    Option(name="lang", title="the language to translate into, such as fr", required=True),
    Option(name="untranslated", title="only the texts that lack that language"),
)


@attrs.frozen(kw_only=True)
class Format:
    """A way in or out of a record."""

    #: Short name, used by ``format=`` and ``--to``/``--from``: ``"yaml"``.
    name: str
    #: What the format is, in a few words, for listings.
    title: str
    #: File suffixes, lower case with the dot: ``(".yaml", ".yml")``.
    suffixes: tuple[str, ...] = ()
    #: Whether it holds a whole record, so that reading what was written gives the same record.
    lossless: bool = False
    #: Reads text: ``read(text, source, positions=False)``; ``None`` for a format that is only written.
    read: Reader | None = None
    #: Writes text; ``None`` for a format that is only read.
    write: Writer | None = None
    #: The extra the format needs installed, as in ``pip install "gpworkshop[EXTRA]"``; ``None`` for none.
    extra: str | None = None
    #: Reads a file or folder that is not one text: ``open(path, source, positions=False)``.
    open: Opener | None = None
    #: Writes a file or folder that is not one text: ``save(kb, path)``.
    save: Saver | None = None
    #: The name of the file that makes a folder a record in this format, such as ``"datapackage.json"``;
    #: such a folder, or that file, is read as one record. ``None`` for a format of single files.
    marker: str | None = None
    #: Tells a file of this format from those of another format with the same suffix, from its first bytes:
    #: ``detect(head)``. A schedule is a ``.json`` file, as a record in JSON is.
    detect: Detector | None = None
    #: Reads one table of a data package written in this format, for the formats of tables (``csv``,
    #: ``parquet``, ``jsonl``): ``table(data, source)``. A data package's ``datapackage.json`` names, for each
    #: table, the format of its file, which is read by the ``table`` of the format of that name.
    table: TableReader | None = None
    #: The keyword options :attr:`write` takes beyond the record (with defaults, so that it is still a
    #: :class:`Writer`); :func:`write` passes them on.
    options: tuple[Option, ...] = ()

    @property
    def readable(self) -> bool:
        """Whether records are read in this format."""
        return self.read is not None or self.open is not None

    @property
    def writable(self) -> bool:
        """Whether records are written in this format."""
        return self.write is not None or self.save is not None


def _builtin() -> list[Format]:
    # The readers of text load with the registry, on first use; those of tables when they are used.
    from gpworkshop.formats import json, yaml  # noqa: PLC0415

    package = "gpworkshop.formats.package"
    schedule = "gpworkshop.formats.schedule"

    return [
        Format(
            name="yaml",
            title="the record as YAML, for people to write and keep in git",
            suffixes=(".yaml", ".yml"),
            lossless=True,
            read=yaml.parse,
            write=yaml.write,
        ),
        Format(
            name="json",
            title="the record as JSON, the same structure, for programs",
            suffixes=(".json",),
            lossless=True,
            read=json.parse,
            write=json.write,
        ),
        Format(
            name="csv",
            title="the record as tables: CSV files in a Frictionless data package (a folder)",
            lossless=True,
            open=_deferred(package, "read"),
            save=_deferred("gpworkshop.formats.csv", "save"),
            table=_deferred("gpworkshop.formats.csv", "table_text"),
            marker=_DESCRIPTOR,
        ),
        Format(
            name="xlsx",
            title="the record as tables: an Excel workbook, one sheet per table, with a data dictionary",
            suffixes=(".xlsx",),
            lossless=True,
            open=_deferred("gpworkshop.formats.xlsx", "read"),
            save=_deferred("gpworkshop.formats.xlsx", "save"),
            extra="xlsx",
        ),
        Format(
            name="parquet",
            title="the record as tables: typed Parquet files in a data package (a folder), for analysts",
            lossless=True,
            open=_deferred(package, "read"),
            save=_deferred("gpworkshop.formats.parquet", "save"),
            table=_deferred("gpworkshop.formats.parquet", "table_text"),
            extra="parquet",
            marker=_DESCRIPTOR,
        ),
        Format(
            name="jsonl",
            title="the record as tables: JSON Lines files in a data package (a folder), for analysts",
            lossless=True,
            open=_deferred(package, "read"),
            save=_deferred("gpworkshop.formats.jsonl", "save"),
            table=_deferred("gpworkshop.formats.jsonl", "table_text"),
            marker=_DESCRIPTOR,
        ),
        Format(
            name="ics",
            title="events, sessions and commitments (as to-dos) for calendars: iCalendar",
            suffixes=(".ics",),
            write=_deferred("gpworkshop.formats.ics", "write"),
            extra="ics",
        ),
        Format(
            name="schedule",
            title="a conference programme: the schedule JSON of frab, pretalx and other conference tools",
            suffixes=(".json",),
            read=_deferred(schedule, "parse"),
            write=_deferred(schedule, "write"),
            detect=_deferred(schedule, "detect"),
        ),
        Format(
            name="schedule2",
            title="a conference programme in the second version of the schedule format, talks beside the conference",
            suffixes=(".json",),
            write=_deferred("gpworkshop.formats.schedule2", "write"),
        ),
        Format(
            name="jsonld",
            title="events, organisations, commitments and takeaways for the web: schema.org JSON-LD",
            suffixes=(".jsonld",),
            write=_deferred("gpworkshop.formats.jsonld", "write"),
        ),
        Format(
            name="popolo",
            title="organisations, memberships and events for civic-data tools: Popolo JSON",
            write=_deferred("gpworkshop.formats.popolo", "write"),
        ),
        Format(
            name="xliff",
            title="a record's texts for translators into one language: XLIFF 2.0, back in with collect",
            suffixes=(".xlf", ".xliff"),
            write=_deferred("gpworkshop.formats.xliff", "write"),
            options=_TRANSLATION_OPTIONS,
        ),
        Format(
            name="po",
            title="a record's texts for translators into one language: gettext PO, back in with collect",
            suffixes=(".po",),
            write=_deferred("gpworkshop.formats.po", "write"),
            extra="translate",
            options=_TRANSLATION_OPTIONS,
        ),
    ]


# The name of the descriptor of a data package, which makes a folder a record of tables.
_DESCRIPTOR = "datapackage.json"


def _deferred(module: str, name: str) -> Any:
    """The function *name* of *module*, imported when it is first called."""

    def call(*args: Any, **options: Any) -> Any:
        return getattr(importlib.import_module(module), name)(*args, **options)

    call.__qualname__ = call.__name__ = f"{module.rpartition('.')[2]}.{name}"
    return call


_REGISTERED: dict[str, Format] = {}


@functools.cache
def _discovered() -> tuple[Format, ...]:
    from importlib.metadata import entry_points  # noqa: PLC0415  (reading installed metadata is costly)

    found: list[Format] = []
    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded: Any = entry_point.load()
        except Exception as error:  # noqa: BLE001  (a broken plug-in is named, not a crash)
            raise FormatError(f"the format {entry_point.name!r} of another package cannot be loaded: {error}") from None
        if not isinstance(loaded, Format):
            raise FormatError(f"the entry point {entry_point.value!r} is not a gpworkshop.formats.Format")
        found.append(loaded)
    return tuple(found)


def registry() -> dict[str, Format]:
    """Every format by name: YAML and JSON, those of other packages, then those :func:`register` added."""
    return dict(_registry())


@functools.cache
def _registry() -> dict[str, Format]:
    formats: dict[str, Format] = {}
    for format_ in (*_builtin(), *_discovered(), *_REGISTERED.values()):
        formats.setdefault(format_.name, format_)
    return formats


def register(format_: Format) -> None:
    """Add *format_* to the registry for this process.

    :raises FormatError: if a format of that name or with one of its suffixes is registered already.
    """
    for known in registry().values():
        if known.name == format_.name:
            raise FormatError(f"a format named {format_.name!r} is registered already")
        shared = set(known.suffixes) & set(format_.suffixes)
        if shared:
            raise FormatError(f"the suffix {sorted(shared)[0]!r} belongs to the format {known.name!r} already")
    _REGISTERED[format_.name] = format_
    _registry.cache_clear()


def get(name: str) -> Format:
    """The format called *name*.

    :raises FormatError: for an unknown name, listing the known ones.
    """
    formats = _registry()
    try:
        return formats[name]
    except KeyError:
        raise FormatError(f"unknown format {name!r}; the formats are: {', '.join(formats)}") from None


def reader(name: str) -> Reader:
    """The reader of text of the format called *name*.

    >>> reader("yaml").__name__
    'parse'

    :raises FormatError: for an unknown name, or a format that is not read from text (a workbook, a folder of
        tables, or a format that is only written).
    """
    read = get(name).read
    if read is None:
        raise FormatError(f"the format {name!r} is not read from text; read it from its file or folder with load")
    return read


def write(format_: Format | str, kb: KnowledgeBase, /, **options: Any) -> str:
    """*kb* as text in *format_* (a format or its name), with the keyword *options* its writer takes.

    :raises FormatError: for an unknown format, one that is not written as text, an option the format does
        not take, or one it needs and is not given.
    """
    chosen = get(format_) if isinstance(format_, str) else format_
    if chosen.write is None:
        raise FormatError(f"the format {chosen.name!r} is not written as text")
    taken = {option.name: option for option in chosen.options}
    for name in options:
        if name not in taken:
            raise FormatError(f"the format {chosen.name!r} takes no option {name!r}")
    for option in chosen.options:
        if option.required and options.get(option.name) is None:
            raise FormatError(f"the format {chosen.name!r} needs the option {option.name!r}: {option.title}")
    writer: Any = chosen.write
    text: str = writer(kb, **options)
    return text


def for_path(path: str | os.PathLike[str]) -> Format:
    """The format of a file, from its suffix.

    :raises FormatError: for a suffix no format goes by, listing the known ones.
    """
    given = Path(path)
    suffix = given.suffix.lower()
    formats = _registry().values()
    detected = _detected(given, suffix, formats)
    if detected is not None:
        return detected
    for format_ in formats:
        marker = format_.marker
        if marker is not None and (given.name == marker or (given.is_dir() and (given / marker).is_file())):
            return format_
    for format_ in formats:
        if suffix in format_.suffixes:
            return format_
    known = ", ".join(dict.fromkeys(suffix for format_ in formats for suffix in format_.suffixes))
    tables = any(f.marker is not None and f".{f.name}" == suffix for f in formats)
    hint = f"; {suffix} tables are a folder, a data package: name a folder" if tables else ""
    raise FormatError(f"cannot tell the format of {os.fspath(path)!r}: use one of {known}{hint}")


def _detected(path: Path, suffix: str, formats: Iterable[Format]) -> Format | None:
    """The format that recognises the existing file *path* as its own among those of its suffix."""
    candidates = [f for f in formats if f.detect is not None and suffix in f.suffixes]
    head = file_head(path, _HEAD) if candidates else None
    if head is None:
        return None
    return next((f for f in candidates if f.detect is not None and f.detect(head)), None)


# How much of a file formats see to recognise it.
_HEAD = 64 * 1024


def readable() -> tuple[str, ...]:
    """The suffixes of every format that can be read, as :func:`gpworkshop.load` looks for them in folders."""
    found = (suffix for format_ in _registry().values() if format_.readable for suffix in format_.suffixes)
    return tuple(dict.fromkeys(found))


def markers() -> tuple[str, ...]:
    """The names of the files that make a folder one record, as :func:`gpworkshop.load` looks for them."""
    return tuple(dict.fromkeys(f.marker for f in _registry().values() if f.marker is not None and f.readable))


class _FormatNeedsExtraError(FormatError, MissingExtraError):
    """A format needs a library of an extra that is not installed."""


def requires(module: str, format_name: str, extra: str) -> Any:
    """The module *module*, which the format *format_name* needs, imported.

    >>> requires("json", "json", "none").__name__
    'json'

    :raises ~gpworkshop.MissingExtraError: if it is not installed, naming the extra that installs it (a
        :class:`~gpworkshop.FormatError` too).
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        raise _FormatNeedsExtraError(
            f"the format {format_name!r} needs {module.partition('.')[0]}, which is not installed; "
            f'install it with: pip install "gpworkshop[{extra}]"'
        ) from None
