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
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import attrs

from gpworkshop._parsed import Parsed, Position, Step
from gpworkshop.errors import FormatError, Problem

if TYPE_CHECKING:
    from gpworkshop.model import KnowledgeBase

__all__ = [
    "ENTRY_POINT_GROUP",
    "Format",
    "Parsed",
    "Position",
    "Reader",
    "Step",
    "Writer",
    "for_path",
    "get",
    "readable",
    "register",
    "registry",
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


def _builtin() -> list[Format]:
    from gpworkshop.formats import json, yaml  # noqa: PLC0415  (the readers load with the registry, on first use)

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
    ]


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


def for_path(path: str | os.PathLike[str]) -> Format:
    """The format of a file, from its suffix.

    :raises FormatError: for a suffix no format goes by, listing the known ones.
    """
    suffix = Path(path).suffix.lower()
    formats = _registry().values()
    for format_ in formats:
        if suffix in format_.suffixes:
            return format_
    known = ", ".join(suffix for format_ in formats for suffix in format_.suffixes)
    raise FormatError(f"cannot tell the format of {os.fspath(path)!r}: use one of {known}")


def readable() -> tuple[str, ...]:
    """The suffixes of every format that can be read, as :func:`gpworkshop.load` looks for them in folders."""
    return tuple(suffix for format_ in _registry().values() if format_.read is not None for suffix in format_.suffixes)
