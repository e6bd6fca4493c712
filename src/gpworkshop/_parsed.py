"""Plain data parsed from a record's text, with where each part of it was written.

Every reader of a text format (:mod:`gpworkshop.formats`) gives a
:class:`Parsed`: the data as dicts, lists, text, booleans and ``None``, and,
when asked for, the line and column of each value and key, so that a problem
found later is located in the file.
"""

from __future__ import annotations

from typing import Any

import attrs

from gpworkshop import _migrations
from gpworkshop.errors import Problem

__all__ = [
    "MAX_DEPTH",
    "SAVE_AS_UTF8",
    "Parsed",
    "Position",
    "Step",
    "located",
    "offset_position",
    "version_header",
]

#: Deepest nesting of mappings and sequences accepted; the format needs about eight.
MAX_DEPTH = 64
#: What to do with text that is not UTF-8.
SAVE_AS_UTF8 = "save it as UTF-8 (in most editors: Save As, encoding UTF-8)"

#: A line and column, both counted from 1.
Position = tuple[int, int]
#: One step of a path into parsed data: a mapping key or a sequence index.
Step = str | int


@attrs.frozen
class Parsed:
    """Data parsed from one text, and where its parts are when that was asked for."""

    #: The data: dicts, lists, text, booleans, numbers (JSON only) and ``None``.
    data: Any
    #: Positions by container id: a dict of key to (key position, value position)
    #: for a mapping, a list of positions for a sequence.
    positions: dict[int, Any] | None = None

    def locate(self, path: tuple[Step, ...], *, key: bool = False) -> Position | None:
        """The position of the value at *path*, or of its key when *key* is true.

        Walks as far along *path* as the data goes and returns the deepest
        position found, so a missing field is located at its parent.
        """
        if self.positions is None:
            return None
        found: Position | None = (1, 1)
        node = self.data
        for index, step in enumerate(path):
            record = self.positions.get(id(node))
            if record is None:
                break
            try:
                entry = record[step]
                node = node[step]
            except (KeyError, IndexError, TypeError):
                break
            if isinstance(record, dict):
                last = index == len(path) - 1
                found = entry[0] if key and last else entry[1]
            else:
                found = entry
        return found


def version_header() -> dict[str, int]:
    """The first key of every record written: the format version."""
    return {"gpworkshop": _migrations.FORMAT_VERSION}


def located(code: str, message: str, source: str, position: Position | None, path: str = "") -> Problem:
    """A problem at *position* in *source*."""
    line, column = position if position else (None, None)
    return Problem(code=code, message=message, source=source, line=line, column=column, path=path)


def offset_position(text: str, offset: int) -> Position:
    """The line and column of the character at *offset* in *text*."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1
