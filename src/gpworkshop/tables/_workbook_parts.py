"""A workbook's parts, checked before any is parsed; the names of its own sheets, and of its columns.

The checks are those of hostile input: how many parts there are, how large
they inflate and how far each inflates (a zip bomb is refused unopened), and
that no XML part declares a document type, which could bring entities (see
:mod:`gpworkshop.limits`).
"""

from __future__ import annotations

import codecs
import importlib
import re
import zipfile
import zlib
from xml.etree import ElementTree as ET

from gpworkshop import codes, limits
from gpworkshop._wording import excerpt
from gpworkshop.errors import Problem

__all__ = ["ABOUT", "LISTS", "UNREADABLE", "letter", "limit", "refused", "unreadable"]

#: The sheet that explains the workbook.
ABOUT = "About"
#: The hidden sheet that holds the values of the drop-down lists.
LISTS = "Lists"


def letter(index: int) -> str:
    """The letters of the column at *index*, counted from 0: ``A``, ``Z``, ``AA``.

    >>> letter(0), letter(25), letter(26), letter(16383)
    ('A', 'Z', 'AA', 'XFD')
    """
    letters = ""
    index += 1
    while index:
        index, rest = divmod(index - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def refused(archive: zipfile.ZipFile, source: str) -> Problem | None:
    """The problem of a workbook whose parts pass a limit, or declare a document type; ``None`` for none."""
    members = archive.infolist()
    if len(members) > limits.ZIP_MEMBERS:
        return limit(f"the workbook has {len(members):,} parts, more than the {limits.ZIP_MEMBERS:,} allowed", source)
    inflated = sum(member.file_size for member in members)
    if inflated > limits.INFLATED_BYTES:
        message = (
            f"the workbook's parts inflate to {limits.size(inflated)}, more than the "
            f"{limits.size(limits.INFLATED_BYTES)} allowed; split the record over several files"
        )
        return limit(message, source)
    for member in members:
        if member.file_size > limits.INFLATION_RATIO_FROM and member.file_size > limits.INFLATION_RATIO * max(
            member.compress_size, 1
        ):
            message = (
                f"the part {excerpt(member.filename)} inflates {member.file_size // max(member.compress_size, 1):,} "
                f"times, more than the {limits.INFLATION_RATIO} times a workbook's parts do: the file is a zip bomb"
            )
            return limit(message, source)
        with archive.open(member) as part:
            head = part.read(limits.XML_PROLOG_BYTES)
        if _declares_document_type(head):
            message = (
                f"the part {excerpt(member.filename)} declares a document type (<!DOCTYPE>), which workbooks never "
                "do and which could bring entities from elsewhere; it is not read"
            )
            return Problem(code=codes.SYNTAX, message=message, source=source)
    if len(archive.namelist()) != len(set(archive.namelist())):
        return Problem(code=codes.SYNTAX, message="the workbook has two parts of the same name", source=source)
    return None


def limit(message: str, source: str) -> Problem:
    """The problem of a workbook past one of the limits, saying which in *message*."""
    return Problem(code=codes.LIMIT, message=message, source=source)


# What may stand before the first element of an XML part: a byte-order mark, white space, the XML
# declaration, processing instructions and comments.
_PROLOG = re.compile(rb"(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)


def _declares_document_type(head: bytes) -> bool:
    """Whether the part that starts with *head* is XML with a document type declaration, or may be.

    A part that is not XML (an image) declares none. An XML part whose first element does not start
    within *head* is taken to declare one, as its prolog is longer than any workbook's.
    """
    for mark, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if head.startswith(mark):
            head = head[len(mark) :].decode(encoding, errors="replace").encode()
    head = head.removeprefix(codecs.BOM_UTF8)
    if not head.lstrip().startswith(b"<"):
        return False
    prolog = _PROLOG.match(head)
    rest = head[prolog.end() :] if prolog else head
    return rest.startswith(b"<!") or not rest.startswith(b"<")


def _lxml_errors() -> tuple[type[Exception], ...]:
    """The errors of lxml, which openpyxl parses with when it is installed (another package may bring it)."""
    try:
        etree = importlib.import_module("lxml.etree")
    except ImportError:
        return ()
    error: type[Exception] = etree.LxmlError
    return (error,)


_XML_ERRORS: tuple[type[Exception], ...] = (ET.ParseError, *_lxml_errors())

# Errors of the archive and its decompressors (an encrypted part, an unknown or damaged compression: OSError,
# RuntimeError, NotImplementedError, zlib.error), of openpyxl and of XML parsing, for a file that is not a workbook
# or is damaged. The file is in memory by then: an OSError comes from decompressing it, not from the disk.
UNREADABLE: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    zlib.error,
    OSError,
    RuntimeError,
    NotImplementedError,
    EOFError,
    KeyError,
    LookupError,
    ValueError,
    TypeError,
    IndexError,
    AttributeError,
    *_XML_ERRORS,
)


def unreadable(error: Exception) -> str:
    """Why a workbook cannot be read, in words, whichever library found it."""
    if isinstance(error, zipfile.BadZipFile | zipfile.LargeZipFile | EOFError | zlib.error | OSError):
        reason = "it is not a ZIP archive, as every workbook is, or the archive is damaged"
    elif isinstance(error, RuntimeError | NotImplementedError):
        reason = "its parts are encrypted or compressed in a way workbooks are not"
    elif isinstance(error, KeyError):
        reason = "a part that every workbook has is missing"
    elif isinstance(error, _XML_ERRORS):
        reason = "a part of it is not well-formed XML"
    else:
        reason = "its parts are not those of a workbook"
    return f"not an Excel workbook (.xlsx) that can be read: {reason} ({excerpt(str(error), 80)})"
