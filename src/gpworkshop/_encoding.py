"""Turning the bytes of a record file into text, with a located problem when they are not UTF-8.

Records are UTF-8, with or without a byte-order mark. A file saved as UTF-16
or UTF-32, a binary file, or text in another encoding gets a problem that
says what was found, where, and how to fix it, never a codec's own message.

>>> decode("gpworkshop: 1".encode(), "a.yaml")
('gpworkshop: 1', None)
>>> _, problem = decode("gpworkshop: 1 # Université".encode("latin-1"), "a.yaml")
>>> problem.location, problem.message[:60]
('a.yaml:1:26', 'the byte 0xE9 is not UTF-8 (the file may be saved as Latin-1')
"""

from __future__ import annotations

import codecs

from gpworkshop import codes
from gpworkshop._parsed import SAVE_AS_UTF8
from gpworkshop.errors import Problem

__all__ = ["decode"]

_WIDE_MARKS = (
    (codecs.BOM_UTF32_LE, "UTF-32"),
    (codecs.BOM_UTF32_BE, "UTF-32"),
    (codecs.BOM_UTF16_LE, "UTF-16"),
    (codecs.BOM_UTF16_BE, "UTF-16"),
)


def decode(data: bytes, source: str) -> tuple[str | None, Problem | None]:
    """The text of *data*, or ``None`` and the problem that keeps it from being UTF-8 text."""
    for mark, encoding in _WIDE_MARKS:
        if data.startswith(mark):
            message = f"the file is {encoding} text (it starts with a {encoding} byte-order mark); {SAVE_AS_UTF8}"
            return None, _problem(message, source, 1, 1)
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    nul = data.find(b"\0")
    if nul >= 0:
        line, column = _position(data, nul)
        message = f"the file holds a NUL byte, so it is binary or not UTF-8 text; {SAVE_AS_UTF8}"
        return None, _problem(message, source, line, column)
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as error:
        line, column = _position(data, error.start)
        byte = data[error.start]
        message = (
            f"the byte 0x{byte:02X} is not UTF-8 (the file may be saved as Latin-1 or Windows-1252); {SAVE_AS_UTF8}"
        )
        return None, _problem(message, source, line, column)


def _position(data: bytes, offset: int) -> tuple[int, int]:
    """Line and column (in characters, counted from 1) of the byte at *offset*."""
    line_start = data.rfind(b"\n", 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return data.count(b"\n", 0, offset) + 1, column


def _problem(message: str, source: str, line: int, column: int) -> Problem:
    return Problem(code=codes.UNREADABLE, message=message, source=source, line=line, column=column)
