"""The shared strings and the cells of a workbook's sheets, read from their XML by patterns, as openpyxl reads them.

openpyxl makes an element, and several calls, of every cell and string,
which for a record of thousands of events takes seconds. These two parts are
by far the largest of a workbook, and programs write them in a few plain
forms, which patterns read many times quicker, giving the values openpyxl
gives. A part in any other form (a formula, rich text, a comment, an entity,
another namespace or encoding, a character that XML cannot hold) is not read
here: ``None`` says so, and openpyxl reads the part as it always did, and
says what is wrong with it. Each part read here is first parsed whole by
expat, without its contents, so that what is not well-formed XML, or
declares a document type, goes to openpyxl too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from operator import itemgetter
from typing import Any
from xml.parsers import expat

from gpworkshop.tables._workbook_parts import letter

__all__ = ["CellValue", "section", "shared_strings", "sheet_rows"]

_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
# The XML declaration, when the part has one: only UTF-8 is read here.
_DECLARATION = re.compile(
    rb'<\?xml\s++version="1\.[0-9]"(?:\s++encoding="(?i:utf-8)")?+(?:\s++standalone="(?:yes|no)")?+\s*+\?>'
)
# The references XML has without a document type: the five entities, and characters by number.
_REFERENCE = re.compile(r"&(?:(amp|lt|gt|quot|apos)|#([0-9]+)|#x([0-9a-fA-F]+));")
_ENTITIES = {"amp": "&", "lt": "<", "gt": ">", "quot": '"', "apos": "'"}

# The patterns take what they match for good (*+, ?+), so that no input makes them try it another way.
_STRINGS_START = re.compile(
    rb'\s*+<sst\s++xmlns="' + _MAIN.encode() + rb'"(?:\s++(?:count|uniqueCount)="[0-9]*+")*+\s*+>'
)
_TEXT = r'<t(?:\s++xml:space="preserve")?+>([^<]*+)</t>'
_STRING = rf'<si>\s*+{_TEXT}\s*+(?:<phoneticPr(?:\s++\w++="[^"]*+")*+\s*+/>\s*+)?+</si>'
_STRINGS = re.compile(rf"(?:\s*+{_STRING})*+\s*+")
_STRING_TEXT = re.compile(_STRING)

_SHEET_START = re.compile(rb'\s*+<worksheet((?:\s++[^\s=/>]++="[^"]*+")*+)\s*+>')
_ATTRIBUTE = re.compile(rb'([^\s=]++)="([^"]*+)"')
_SHEET_DATA = re.compile(rb"<sheetData\s*+(/?)>")
# Each piece of the rows of a sheet, in groups: all of it; a row's start, its number and whether it is empty;
# its end; a cell, the letters of its column, its style, its type, its value, and whether it holds an inline
# string, and that string; or white space.
_PIECES = re.compile(
    r'(<row\s++r="([0-9]++)"(?:\s++[^\s=/>]++="[^"]*+")*+\s*+(/?)>'
    r"|</row>"
    r'|<c(?:\s++r="([A-Z]{1,3})[0-9]++")?+(?:\s++s="([0-9]++)")?+(?:\s++t="(\w++)")?+'
    r'(?:\s++(?:cm|vm|ph)="[^"]*+")*+\s*+'
    rf"(?:/>|>(?:<v>([^<]*+)</v>|<v/>|(<is>){_TEXT}</is>)?+</c>)"
    r"|\s++)"
)

#: The value of a cell that is not a shared string, from its type, its style and its text:
#: ``value(kind, style, text)``; it raises ``ValueError`` for one that is not read here.
CellValue = Callable[[str, int, str], Any]


class _NotReadHereError(Exception):
    """The part is not in a form read here."""


def shared_strings(data: bytes) -> list[str] | None:
    """The shared strings of the part *data*, as openpyxl's ``read_string_table`` gives them; ``None`` if not read.

    Only strings of plain text are read here: rich text, with runs of several fonts, is left to openpyxl.
    """
    checked = _checked(data)
    start = None if checked is None else _STRINGS_START.match(checked)
    if checked is None or start is None:
        return None
    body, end, tail = checked[start.end() :].rpartition(b"</sst>")
    if not end or tail.strip() or b"xmlns" in body:
        return None
    text = _decoded(body)
    if text is None or not _STRINGS.fullmatch(text):
        return None
    return [
        _unescaped(string).replace("x005F_", "") if "&" in string or "x005F_" in string else string
        for string in _STRING_TEXT.findall(text)
    ]


def section(data: bytes) -> tuple[str, bytes] | None:
    """The rows of the sheet *data*, as the XML text between its ``<sheetData>`` tags, and the sheet without them.

    ``None`` when the sheet is not in a form read here. openpyxl's reading of what is left, where it finds the
    sheet's settings and nothing else, shows whether they are all it would read.
    """
    checked = _checked(data)
    root = None if checked is None else _SHEET_START.match(checked)
    if checked is None or root is None:
        return None
    data = checked
    # The rows must be in the namespace the sheet is in, the one of its rows, and be its only rows.
    if dict(_ATTRIBUTE.findall(root[1])).get(b"xmlns") != _MAIN.encode():
        return None
    found = _SHEET_DATA.search(data, root.end())
    if found is None or b"xmlns=" in data[root.end() : found.start()] or data.count(b"<sheetData") != 1:
        return None
    if found[1]:
        return "", data
    close = data.find(b"</sheetData>", found.end())
    rows = _decoded(data[found.end() : close]) if close >= 0 else None
    if rows is None:
        return None
    return rows, data[: found.start()] + b"<sheetData/>" + data[close + len(b"</sheetData>") :]


def sheet_rows(rows: str, strings: Sequence[Any], value: CellValue) -> list[tuple[int, list[Any]]] | None:
    """Each row of the XML *rows* with its number and the values of its cells, as openpyxl reads them, in order.

    A cell of a shared string takes the one at its index in *strings*; any other, *value*. A row's values run
    to its last cell, ``None`` where there is none. ``None`` when the rows are not in a form read here, or are
    not in order.
    """
    if "xmlns" in rows:
        return None
    pieces = _PIECES.findall(rows)
    # The pieces found are all there is when they make up the whole text.
    if sum(map(len, map(itemgetter(0), pieces))) != len(rows):
        return None
    try:
        return _rows(pieces, strings, value)
    except (_NotReadHereError, ValueError, IndexError, KeyError, OverflowError):
        return None


def _rows(  # noqa: PLR0912  (one loop over the pieces of a sheet: a call for each cell would cost a fifth more)
    pieces: list[tuple[str, ...]], strings: Sequence[Any], value: CellValue
) -> list[tuple[int, list[Any]]]:
    """The rows of the *pieces* of a sheet, as :func:`sheet_rows` gives them."""
    columns = _columns()
    found: list[tuple[int, list[Any]]] = []
    values: list[Any] = []
    inside = False
    last = column = 0
    for piece, number, empty, letters, style, kind, text, inline, inline_text in pieces:
        if piece[1:2] == "c":
            if not inside:
                raise _NotReadHereError
            # A cell without its place is the one after the last; one with it must come after it.
            at = columns[letters] if letters else column + 1
            if at != column + 1:
                if at <= column:
                    raise _NotReadHereError
                values.extend([None] * (at - column - 1))
            column = at
            if kind == "s":
                values.append(strings[int(text)] if text else None)
            elif kind == "inlineStr":
                values.append(value("str", 0, _unescaped(inline_text)) if inline else None)
            else:
                values.append(value(kind or "n", int(style) if style else 0, _unescaped(text)) if text else None)
        elif number:
            at = int(number)
            if inside or at <= last:
                raise _NotReadHereError
            last, column, values, inside = at, 0, [], not empty
            found.append((at, values))
        elif piece == "</row>":
            if not inside:
                raise _NotReadHereError
            inside = False
    if inside:
        raise _NotReadHereError
    return found


def _checked(data: bytes) -> bytes | None:
    """The XML part *data* after its declaration, if it is well-formed, in UTF-8, and holds only elements and text."""
    data = data.removeprefix(b"\xef\xbb\xbf")
    # With namespaces, as openpyxl parses: a prefix that is not declared is an error.
    parser = expat.ParserCreate(namespace_separator="}")

    def refuse(*_: Any) -> None:
        raise _NotReadHereError

    parser.StartDoctypeDeclHandler = refuse
    try:
        parser.Parse(data, True)
    except (expat.ExpatError, _NotReadHereError):
        return None
    declared = _DECLARATION.match(data)
    if data.startswith(b"<?") and declared is None:
        return None
    rest = data[declared.end() :] if declared else data
    # A comment, a section of character data or an instruction could hide, or stand for, what is read here; and
    # a carriage return XML would have made a line feed.
    if b"<!" in rest or b"<?" in rest or b"\r" in rest:
        return None
    return rest


def _decoded(data: bytes) -> str | None:
    """The text of *data*, in UTF-8; ``None`` if it is not."""
    try:
        return data.decode()
    except UnicodeDecodeError:
        return None


def _unescaped(text: str) -> str:
    """*text* with its references replaced by what they stand for."""
    if "&" not in text:
        return text
    return _REFERENCE.sub(_referred, text)


def _referred(found: re.Match[str]) -> str:
    if found[1]:
        return _ENTITIES[found[1]]
    return chr(int(found[2]) if found[2] else int(found[3], 16))


@functools.cache
def _columns() -> dict[str, int]:
    """The number of each column, counted from 1, by its letters, for every column of one to three letters."""
    return {letter(index): index + 1 for index in range(18_278)}
