"""Where the objects of a loaded knowledge base were written, found only when asked.

Loading records only which file each stakeholder and event came from and at
which index; lines and columns are found by parsing that file's text again
with positions, the first time a problem needs them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import attrs

from gpworkshop import formats
from gpworkshop._parsed import Parsed, where
from gpworkshop.errors import Problem

__all__ = ["Origins", "SourceText"]

_Path = tuple[str | int, ...]


@attrs.define
class SourceText:
    """The text of one file or string a knowledge base was loaded from.

    A record read from tables has no text: it comes with its places, and
    *text* is empty.
    """

    source: str
    text: str
    format: str
    _positions: Parsed | None = None
    #: The files or sheets of a record of tables, in order.
    _parts: tuple[str, ...] = ()
    #: Reads the record again with the place of every value, for a record that is not one text.
    reread: Callable[[], Parsed] | None = None

    @property
    def parts(self) -> tuple[str, ...]:
        """The files or sheets the record was read from, in order: the text itself unless it is a set of tables."""
        return self._parts or (self.source,)

    def locate(self, path: _Path) -> tuple[str, int | None, int | None]:
        """File, line and column of the value at *path* in this text (a record of tables spans several files)."""
        if self._positions is None and self.reread is not None:
            self._positions = self.reread()
        if self._positions is None:
            self._positions, _ = formats.reader(self.format)(self.text, self.source, positions=True)
        return where(self.source, self._positions.locate(path))


@attrs.define
class Origins:
    """For each stakeholder and event of a knowledge base: its text and its index there."""

    texts: list[SourceText] = attrs.Factory(list)
    stakeholders: list[tuple[int, int]] = attrs.Factory(list)
    events: list[tuple[int, int]] = attrs.Factory(list)
    #: What reading the texts found worth a warning, which :func:`~gpworkshop.validate` reports.
    warnings: list[Problem] = attrs.Factory(list)

    def add(self, text: SourceText, stakeholders: Iterable[int], events: Iterable[int]) -> None:
        """Record that the next stakeholders and events came from *text*, at these indices there.

        An object *text* defines again, as one an earlier text defined, is not among them: it is that one.
        """
        number = len(self.texts)
        self.texts.append(text)
        self.stakeholders.extend((number, index) for index in stakeholders)
        self.events.extend((number, index) for index in events)

    def locate(self, path: _Path) -> tuple[str, int | None, int | None, _Path]:
        """The source, line, column and path within that source of the value at *path* in the knowledge base."""
        kind, index, *rest = path
        table: list[tuple[int, int]] = self.stakeholders if kind == "stakeholders" else self.events
        if not isinstance(index, int) or not 0 <= index < len(table):
            raise IndexError(f"no {kind} at index {index!r}")
        number, local = table[index]
        text = self.texts[number]
        in_text: _Path = (kind, local, *rest)
        source, line, column = text.locate(in_text)
        return source, line, column, in_text


def attach(kb: Any, origins: Origins) -> None:
    """Let *kb* remember where it was read from; frozen classes are set this way on purpose."""
    object.__setattr__(kb, "_origins", origins)
