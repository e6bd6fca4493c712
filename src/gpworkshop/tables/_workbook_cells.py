"""The rows of the tables written as the cells of a workbook's sheets, into the workbook XlsxWriter made around them.

XlsxWriter keeps each cell as an object and writes it through several calls,
which for a record of thousands of events is most of the time its workbook
takes. So XlsxWriter writes the workbook with each table's sheet holding its
header alone, with the styles, drop-down lists and filters of its columns;
:func:`filled` then writes the rows as the XML of the sheets' cells, a column
at a time, and puts them in that workbook, their texts added to its table of
shared strings. The cells are those XlsxWriter writes, escapes and styles
included, so a program reading the workbook sees the same values either way.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import re
import zipfile
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from xml.etree import ElementTree as ET

from gpworkshop.tables._workbook_parts import letter

__all__ = ["ROW_LIMIT", "filled", "widths"]

#: The most rows a sheet has.
ROW_LIMIT = 1_048_576

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_STRINGS_PART = "xl/sharedStrings.xml"
# What XlsxWriter escapes in a text: an escape of its own form (_x0041_, written _x005F_x0041_), the control
# characters XML cannot hold (written _x0001_), the two that are no characters, and the marks of XML itself.
_SPECIAL = re.compile(r"_x[0-9a-fA-F]{4}_|[\x00-\x08\x0b-\x1f\ufffe\uffff&<>]")
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f]")
_CONTROL_OR_NONE = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_ASCII_CONTROLS = dict.fromkeys([*range(0x09), *range(0x0B, 0x20)])
_OWN_ESCAPE = re.compile(r"(_x[0-9a-fA-F]{4}_)")
_PLAIN_ITEM = re.compile(r'<si><t(?: xml:space="preserve")?>([^&<>]*)</t></si>')
_SHARED = re.compile(r'<sst xmlns="[^"]*" count="([0-9]+)" uniqueCount="([0-9]+)"')
# Excel counts days from the last day of 1899, and takes 1900 for a leap year, as Lotus 1-2-3 did.
_DAY_ZERO = dt.date(1899, 12, 31).toordinal()
_NEW_YEAR_1900 = dt.date(1900, 1, 1)


def widths(columns: Sequence[Sequence[Any]]) -> list[int]:
    """The number of characters of the longest value of each column, 0 for a column of empty cells."""
    found = []
    for values in columns:
        given = [value for value in values if value is not None]
        classes = set(map(type, given))
        spelled = given if classes <= {str} else map(str, given)
        found.append(max(map(len, spelled), default=0))
    return found


def filled(
    skeleton: bytes,
    sheets: Mapping[str, Sequence[Sequence[Any]]],
    styles: Mapping[str, Sequence[int | None]],
    *,
    date_style: int,
    level: int | None = None,
) -> bytes:
    """The workbook *skeleton* with the rows of *sheets* under the header of the sheet each is named by.

    *styles* gives for each sheet the style of each of its columns (``None`` for none), which its texts,
    numbers and truths take; its days take *date_style*. Each part is compressed at *level*.
    """
    with zipfile.ZipFile(io.BytesIO(skeleton)) as archive:
        parts = {info.filename: archive.read(info) for info in archive.infolist()}
        infos = archive.infolist()
    strings = _Strings(parts[_STRINGS_PART].decode())
    places = _sheet_parts(parts)
    for title, rows in sheets.items():
        if rows:
            part = places[title]
            parts[part] = _with_rows(parts[part].decode(), rows, styles[title], strings, date_style).encode()
    parts[_STRINGS_PART] = strings.part().encode()
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in infos:
            archive.writestr(info, parts[info.filename], compresslevel=level)
    return buffer.getvalue()


def _sheet_parts(parts: dict[str, bytes]) -> dict[str, str]:
    """The part of each sheet, by its name, as the workbook and its relationships give them."""
    book = ET.fromstring(parts["xl/workbook.xml"])
    links = {link.get("Id"): link.get("Target", "") for link in ET.fromstring(parts["xl/_rels/workbook.xml.rels"])}
    return {sheet.get("name", ""): f"xl/{links[sheet.get(_RELATIONSHIP)]}" for sheet in book.iter(f"{_MAIN}sheet")}


def _with_rows(
    part: str, rows: Sequence[Sequence[Any]], styles: Sequence[int | None], strings: _Strings, date_style: int
) -> str:
    """The XML of a sheet, *part*, with *rows* after its header, and the range of its cells stretched over them."""
    numbers = list(map(str, range(2, len(rows) + 2)))
    columns = [
        _cells(values, letter(number), numbers, style, strings=strings, date_style=date_style)
        for number, (values, style) in enumerate(zip(zip(*rows, strict=True), styles, strict=True))
    ]
    joined = map("".join, zip(*columns, strict=True))
    written = [(number, cells) for number, cells in zip(numbers, joined, strict=True) if cells]
    if not written:
        return part
    last = f"{letter(len(columns) - 1)}{written[-1][0]}"
    part = re.sub(r'<dimension ref="[^"]*"/>', f'<dimension ref="A1:{last}"/>', part, count=1)
    head, end, tail = part.partition("</sheetData>")
    body = "".join([f'<row r="{number}">{cells}</row>' for number, cells in written])
    return head + body + end + tail


def _cells(
    values: Sequence[Any], column: str, numbers: list[str], style: int | None, *, strings: _Strings, date_style: int
) -> list[str]:
    """The XML of each cell of a column, in the rows *numbers*; ``""`` for an empty cell, which is not written."""
    styled = "" if style is None else f' s="{style}"'
    classes = set(map(type, values))
    if classes <= {str, type(None)}:
        # A column of text, the most cells by far, is written at once; every number is text already.
        indices = strings.indices(values, empty=type(None) in classes)
        return [
            "" if index is None else f'<c r="{column}{row}"{styled} t="s"><v>{index}</v></c>'
            for row, index in zip(numbers, indices, strict=True)
        ]
    cell: dict[type, Callable[[Any, str], str]] = {
        type(None): lambda _value, _row: "",
        str: lambda value, row: f'<c r="{column}{row}"{styled} t="s"><v>{strings.index(value)}</v></c>',
        # A time keeps its offset only as text.
        dt.datetime: lambda value, row: (
            f'<c r="{column}{row}"{styled} t="s"><v>{strings.index(value.isoformat())}</v></c>'
        ),
        dt.date: lambda value, row: f'<c r="{column}{row}" s="{date_style}"><v>{_serial(value)}</v></c>',
        bool: lambda value, row: f'<c r="{column}{row}"{styled} t="b"><v>{int(value)}</v></c>',
        int: lambda value, row: f'<c r="{column}{row}"{styled}><v>{value:.16G}</v></c>',
    }
    return [cell[value.__class__](value, row) for row, value in zip(numbers, values, strict=True)]


@functools.lru_cache(maxsize=4096)
def _serial(day: dt.date) -> int:
    """The serial number of *day* in Excel, as XlsxWriter counts it."""
    number = day.toordinal() - _DAY_ZERO
    if day == _NEW_YEAR_1900:
        # XlsxWriter takes a date and time of that day for a time of day alone, which Excel counts from day 0.
        number -= 1
    return number + 1 if number > 59 else number


class _Strings:
    """The workbook's table of shared strings: those XlsxWriter wrote, and the texts of the rows added to them.

    Each string is known by its index, as the text a cell holds.
    """

    def __init__(self, part: str) -> None:
        self.head, _, rest = part.partition("<si>")
        body, _, self.tail = ("<si>" + rest).rpartition("</sst>")
        # The strings XlsxWriter wrote, known by their XML, as the same text is written the same way; and by their
        # text too when it needs no escape, as the texts of the rows mostly do not.
        self.items: list[str] = re.findall(r"<si>.*?</si>", body, re.DOTALL) if rest else []
        self.by_item = {item: str(index) for index, item in enumerate(self.items)}
        self.by_text = {
            plain[1]: str(index)
            for index, item in enumerate(self.items)
            if (plain := _PLAIN_ITEM.fullmatch(item)) and "_x" not in plain[1]
        }
        self.cells = 0

    def index(self, text: str) -> str:
        """The index of *text*, added if new."""
        self.cells += 1
        found = self.by_text.get(text)
        if found is None:
            found = self.by_text[text] = self._indexed(_item(text))
        return found

    def indices(self, texts: Sequence[str | None], *, empty: bool) -> list[str | None]:
        """The index of each of *texts*, ``None`` for ``None``, which there are when *empty*; new ones are added."""
        known = self.by_text
        new = [text for text in dict.fromkeys(texts) if text not in known and text is not None]
        # Most texts need no escape: looking in all of them at once is much quicker than in each.
        if _escaped("\n".join(new)):
            for text in new:
                known[text] = self._indexed(_item(text))
        else:
            first = len(self.items)
            self.items.extend(map(_plain_item, new))
            known.update(zip(new, map(str, range(first, len(self.items))), strict=True))
        found = list(map(known.get, texts))
        self.cells += len(found) - found.count(None) if empty else len(found)
        return found

    def _indexed(self, item: str) -> str:
        index = self.by_item.get(item)
        if index is None:
            index = self.by_item[item] = str(len(self.items))
            self.items.append(item)
        return index

    def part(self) -> str:
        """The XML of the table, its counts those of every string and every cell of text."""
        shared = _SHARED.search(self.head)
        assert shared is not None, "XlsxWriter writes the counts of its shared strings"
        head = (
            self.head[: shared.start(1)]
            + str(int(shared[1]) + self.cells)
            + self.head[shared.end(1) : shared.start(2)]
            + str(len(self.items))
            + self.head[shared.end(2) :]
        )
        return head + "".join(self.items) + "</sst>" + self.tail


def _escaped(text: str) -> bool:
    """Whether XlsxWriter would escape anything in *text*: each mark is looked for by itself, quicker than at once."""
    if "&" in text or "<" in text or ">" in text or "_x" in text:
        return True
    if text.isascii():
        return len(text.translate(_ASCII_CONTROLS)) != len(text)
    return _CONTROL_OR_NONE.search(text) is not None


def _item(text: str) -> str:
    """The ``<si>`` element of *text*, as XlsxWriter writes it, though it would take one that looks like XML for it."""
    if _SPECIAL.search(text):
        text = _OWN_ESCAPE.sub(r"_x005F\1", text)
        text = _CONTROL.sub(lambda found: f"_x{ord(found[0]):04X}_", text)
        text = text.replace("\ufffe", "_xFFFE_").replace("\uffff", "_xFFFF_")
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return _plain_item(text)


def _plain_item(text: str) -> str:
    """The ``<si>`` element of *text*, which needs no escape; white space around it is kept, as XML would not."""
    if text != text.strip():
        return f'<si><t xml:space="preserve">{text}</t></si>'
    return f"<si><t>{text}</t></si>"
