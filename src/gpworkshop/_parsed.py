"""Plain data parsed from a record's text, with where each part of it was written.

Every reader of a text format (:mod:`gpworkshop.formats`) gives a
:class:`Parsed`: the data as dicts, lists, text, booleans and ``None``, and,
when asked for, the line and column of each value and key, so that a problem
found later is located in the file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from gpworkshop import _migrations, codes
from gpworkshop.errors import Problem

__all__ = [
    "SAVE_AS_UTF8",
    "Parsed",
    "Place",
    "Position",
    "Step",
    "TableText",
    "located",
    "offset_position",
    "placed",
    "unreadable",
    "version_header",
    "where",
]

#: What to do with text that is not UTF-8.
SAVE_AS_UTF8 = "save it as UTF-8 (in most editors: Save As, encoding UTF-8)"

#: A line and column, both counted from 1.
Position = tuple[int, int]
#: One step of a path into parsed data: a mapping key or a sequence index.
Step = str | int


@attrs.frozen
class Place:
    """Where a value was read, for records read from several files or from cells of a workbook.

    A reader of tables gives places instead of positions, as each table is a
    file of its own (``commitments.csv`` line 12, field 3) or a sheet of a
    workbook (``book.xlsx:Commitments!C12``, with no line or column).
    """

    #: The file, or the file and the cell, the value is in.
    source: str
    #: The line, or the row, counted from 1.
    line: int | None = None
    #: The column, or the field within the line, counted from 1.
    column: int | None = None


@attrs.frozen
class Parsed:
    """Data parsed from one text, and where its parts are when that was asked for."""

    #: The data: dicts, lists, text, booleans, numbers (JSON only) and ``None``.
    data: Any
    #: Positions by container id: a dict of key to (key position, value position)
    #: for a mapping, a list of positions for a sequence.
    positions: dict[int, Any] | None = None
    #: For a record read from several files or sheets, the name of each (as its places name it), in the order
    #: problems are listed: table by table, as the tables come.
    parts: tuple[str, ...] = ()
    #: Whether the data is what could be read around the problems the reader found, to be checked as well so
    #: that every problem is listed at once (as for a conference schedule); otherwise a reader's problems
    #: stop the reading.
    partial: bool = False
    #: ``advice(path, code)``: what a reader adds to the message of a problem at *path* to say where, in its own
    #: terms, the value is written (the sheet of a workbook that holds a list), or ``""``.
    advice: Callable[[tuple[Step, ...], str], str] | None = None
    #: The kinds of object (``"stakeholders"``) a reader could not read at all, such as a table of a package that
    #: is missing or unreadable: references to them are not reported, as they only follow from that problem.
    unread: frozenset[str] = frozenset()

    def locate(self, path: tuple[Step, ...], *, key: bool = False) -> Position | Place | None:
        """The position of the value at *path*, or of its key when *key* is true.

        Walks as far along *path* as the data goes and returns the deepest
        position found, so a missing field is located at its parent.
        """
        if self.positions is None:
            return None
        found: Position | Place | None = (1, 1)
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


def version_header(translated: bool = True) -> dict[str, int]:
    """The first key of every record written: the lowest format version that holds it.

    Texts in several languages (*translated*) need version 2; a record without them is written in version 1,
    which older releases read.
    """
    return {"gpworkshop": _migrations.lowest_version(translated)}


def located(code: str, message: str, source: str, position: Position | Place | None, path: str = "") -> Problem:
    """A problem at *position* in *source*, or at a :class:`Place` in a file of its own."""
    source, line, column = where(source, position)
    return Problem(code=code, message=message, source=source, line=line, column=column, path=path)


def placed(code: str, message: str, place: Place) -> Problem:
    """A problem at a :class:`Place`: in a file of a record of tables, or in a cell of a workbook."""
    return Problem(code=code, message=message, source=place.source, line=place.line, column=place.column)


def unreadable(source: str, error: OSError) -> Problem:
    """The problem of a file or folder that cannot be read at all."""
    reason = error.strerror or type(error).__name__
    return Problem(code=codes.UNREADABLE, message=f"cannot read the file: {reason}", source=source)


def where(source: str, position: Position | Place | None) -> tuple[str, int | None, int | None]:
    """The file, line and column of *position* in *source*, or of a :class:`Place`."""
    if isinstance(position, Place):
        return position.source, position.line, position.column
    line, column = position if position else (None, None)
    return source, line, column


def offset_position(text: str, offset: int) -> Position:
    """The line and column of the character at *offset* in *text*."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


@attrs.frozen
class TableText:
    """One table as a reader found it: its header, its rows, and how to name the place of a cell.

    Places are made only for the cells a problem is about, or when every
    value's place is asked for, as making one for every cell would cost more
    than reading the table.
    """

    #: The column names of the header, in order; ``None`` for a column without one.
    header: Sequence[str | None]
    #: The rows, each with its number (as :attr:`place` counts) and its values in the order of the header.
    #: Blank rows are left out by the reader.
    rows: Iterable[tuple[int, Sequence[Any]]]
    #: ``place(row, column)``: the place of a cell, both counted from 1; row 0 is the header, and
    #: ``place(None, None)`` the table as a whole.
    place: Callable[[int | None, int | None], Place]
    #: Whether every value is text, as in CSV, where an empty cell is empty text.
    strings: bool = False
