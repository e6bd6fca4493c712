"""Translation files as they come back from translators: XLIFF 2 and gettext PO, read with the place of each unit.

The files come from outside and are read as hostile input: within the size
limit of :mod:`gpworkshop.limits`; XML with a document type declaration,
which could bring entities, is refused as soon as the declaration starts,
before anything it declares is read; elements may not nest deeper than
:data:`gpworkshop.limits.DEPTH`. Every problem is a located
:class:`~gpworkshop.Problem`, never a traceback.
"""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path
from typing import Any
from xml.parsers import expat

import attrs

from gpworkshop import codes, limits
from gpworkshop._encoding import decode
from gpworkshop._files import read_file
from gpworkshop._parsed import Place, placed
from gpworkshop._wording import excerpt
from gpworkshop.errors import LoadError, Problem
from gpworkshop.formats import po
from gpworkshop.formats.xliff import NAMESPACE

__all__ = ["SUFFIXES", "ReturnedUnit", "TranslationFile", "read_translation_file"]

#: The suffixes of the translation files read, by format.
SUFFIXES = {".xlf": "xliff", ".xliff": "xliff", ".po": "po"}


@attrs.frozen
class ReturnedUnit:
    """One unit of a translation file: a text of the record and its translation, if the translator gave one."""

    #: The unit's id, as :func:`gpworkshop.formats.xliff.translation_units` wrote it.
    id: str
    #: The text in the record's language, as the file holds it.
    source: str
    #: The translation, or ``None`` where there is none.
    target: str | None
    #: Where the unit starts in the file.
    place: Place


@attrs.frozen
class TranslationFile:
    """A translation file as it came back: its languages and its units."""

    #: The file, as problems name it.
    source: str
    #: The language it translates from, if it says.
    source_language: str | None
    #: The language it translates into.
    target_language: str
    #: Where the file says which language it translates into.
    place: Place
    #: Its units, in order.
    units: tuple[ReturnedUnit, ...]


def read_translation_file(path: str | os.PathLike[str]) -> TranslationFile:
    """The units of the XLIFF or PO file at *path*, chosen by its suffix.

    :raises ~gpworkshop.LoadError: listing the problems that keep the file from being read, each located.
    :raises ~gpworkshop.MissingExtraError: for a PO file without the ``translate`` extra.
    """
    source = os.fspath(path)
    data = read_file(Path(path), source)
    if isinstance(data, Problem):
        raise LoadError([data])
    if SUFFIXES.get(Path(path).suffix.lower()) == "po":
        return _read_po(data, source)
    return _read_xliff(data, source)


def _syntax(message: str, source: str, line: int | None = None, column: int | None = None) -> LoadError:
    return LoadError([Problem(code=codes.SYNTAX, message=message, source=source, line=line, column=column)])


# XLIFF


class _RefusedError(Exception):
    """The XML declares a document type, which is not read."""


@attrs.define
class _Unit:
    id: str
    place: Place
    source: list[str] = attrs.Factory(list)
    target: list[str] | None = None
    #: Whether the segment being read has a target already.
    targeted: bool = False


@attrs.define
class _Reading:
    """What the handlers of the XML parser have found so far."""

    source: str
    parser: Any
    root: dict[str, str] | None = None
    root_place: Place | None = None
    depth: int = 0
    unit: _Unit | None = None
    into: list[str] | None = None
    units: list[_Unit] = attrs.Factory(list)
    problems: list[Problem] = attrs.Factory(list)

    def place(self) -> Place:
        return Place(self.source, self.parser.CurrentLineNumber, self.parser.CurrentColumnNumber + 1)

    def start(self, name: str, attributes: dict[str, str]) -> None:
        self.depth += 1
        if self.depth > limits.DEPTH:
            message = f"elements nest deeper than the {limits.DEPTH} levels allowed"
            raise LoadError([placed(codes.LIMIT, message, self.place())])
        namespace, _, local = name.rpartition(" ")
        if self.root is None:
            self.root, self.root_place = attributes, self.place()
            if (namespace, local) != (NAMESPACE, "xliff"):
                shown = f"{{{namespace}}}{local}" if namespace else local
                message = f"not an XLIFF 2 document: its root element is {excerpt(shown)}, not xliff of {NAMESPACE}"
                raise LoadError([placed(codes.INVALID_VALUE, message, self.place())])
            return
        if namespace != NAMESPACE:
            return
        if local == "unit":
            self._start_unit(attributes)
        elif self.unit is not None and local == "segment":
            self.unit.targeted = False
        elif self.unit is not None and local in ("source", "target"):
            if local == "target":
                self._start_target(self.unit)
            self.into = self.unit.source if local == "source" else self.unit.target
        elif self.into is not None and local == "cp":
            self._code_point(attributes.get("hex", ""))

    def _start_unit(self, attributes: dict[str, str]) -> None:
        unit_id = attributes.get("id")
        if not unit_id:
            self.problems.append(placed(codes.MISSING_FIELD, "the unit has no id", self.place()))
            unit_id = ""
        self.unit = _Unit(unit_id, self.place())

    def _start_target(self, unit: _Unit) -> None:
        if unit.targeted:
            message = f"the unit {excerpt(unit.id)} has two targets in one segment; keep one"
            self.problems.append(placed(codes.INVALID_VALUE, message, self.place()))
        unit.targeted = True
        if unit.target is None:
            unit.target = []

    def _code_point(self, written: str) -> None:
        try:
            self.into.append(chr(int(written, 16)))  # type: ignore[union-attr]
        except (ValueError, OverflowError):
            message = f"a cp element's hex must be a code point in hexadecimal (got {excerpt(written)})"
            self.problems.append(placed(codes.INVALID_VALUE, message, self.place()))

    def end(self, name: str) -> None:
        self.depth -= 1
        namespace, _, local = name.rpartition(" ")
        if namespace != NAMESPACE:
            return
        if local in ("source", "target"):
            self.into = None
        elif local == "unit" and self.unit is not None:
            self.units.append(self.unit)
            self.unit = None

    def text(self, data: str) -> None:
        if self.into is not None:
            self.into.append(data)


def _read_xliff(data: bytes, source: str) -> TranslationFile:
    parser = expat.ParserCreate(namespace_separator=" ")
    reading = _Reading(source, parser)
    parser.StartElementHandler = reading.start
    parser.EndElementHandler = reading.end
    parser.CharacterDataHandler = reading.text
    parser.StartDoctypeDeclHandler = _refuse
    parser.EntityDeclHandler = _refuse
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    try:
        parser.Parse(data, True)
    except _RefusedError:
        at = data.rfind(b"<!DOCTYPE", 0, parser.CurrentByteIndex + 1)
        line = data.count(b"\n", 0, at) + 1
        column = len(data[data.rfind(b"\n", 0, at) + 1 : at].decode("utf-8", "replace")) + 1
        raise _syntax(
            "the file declares a document type (<!DOCTYPE>), which XLIFF files never need and which could bring "
            "entities from elsewhere; it is not read",
            source,
            line,
            column,
        ) from None
    except expat.ExpatError as error:
        raise _syntax(
            f"not well-formed XML: {expat.ErrorString(error.code)}", source, error.lineno, error.offset + 1
        ) from None
    except RecursionError:
        raise _syntax("the file nests too deeply to be read", source) from None
    return _xliff_file(reading)


def _refuse(*_: Any) -> None:
    raise _RefusedError


def _xliff_file(reading: _Reading) -> TranslationFile:
    root, place, problems = reading.root or {}, reading.root_place or Place(reading.source), reading.problems
    version = root.get("version", "")
    if not re.fullmatch(r"2\.[0-9]+", version):
        problems.append(
            placed(codes.INVALID_VALUE, f"an XLIFF 2 file has version 2.0 or 2.1 (got {excerpt(version)})", place)
        )
    target = root.get("trgLang")
    if not target:
        problems.append(
            placed(codes.MISSING_FIELD, "the file does not say which language it translates into (trgLang)", place)
        )
    if problems:
        raise LoadError(problems)
    units = tuple(
        ReturnedUnit(unit.id, "".join(unit.source), None if unit.target is None else "".join(unit.target), unit.place)
        for unit in reading.units
    )
    assert target is not None
    return TranslationFile(reading.source, root.get("srcLang"), target, place, units)


# PO

_LINE = re.compile(r"\(line (\d+)\)")


def _catalogue(polib: Any, text: str) -> Any:
    """The catalogue in *text*, read by polib from a file of its own.

    Given a text, polib cuts it into lines at every break Python knows, NEL and the line separator among them,
    which a translation may hold; a file it reads is cut at line feeds only, as PO has it.
    """
    with tempfile.TemporaryDirectory(prefix="gpworkshop-") as folder:
        path = Path(folder, "catalogue.po")
        path.write_text(text, encoding="utf-8", newline="")
        try:
            return polib.pofile(str(path), encoding="utf-8")
        except _UNREADABLE_PO as error:
            # Said of the file read, not of the copy polib read it from.
            raise ValueError(str(error).replace(f" {path}", "")) from None


_UNREADABLE_PO = (OSError, ValueError, IndexError, KeyError, TypeError, UnicodeError)


def _read_po(data: bytes, source: str) -> TranslationFile:
    polib = po.polib()
    text, problem = decode(data, source)
    if problem is not None:
        raise LoadError([problem])
    assert text is not None
    if "\n" not in text.strip():
        raise _syntax("not a PO file: it has no entries", source, 1, 1)
    try:
        catalogue = _catalogue(polib, text)
    except ValueError as error:
        found = _LINE.search(str(error))
        line = int(found[1]) if found else None
        raise _syntax(f"not a PO file that can be read: {excerpt(str(error), 120)}", source, line) from None
    header = Place(source, 1, 1)
    language = catalogue.metadata.get("Language", "").strip()
    if not language:
        raise LoadError([placed(codes.MISSING_FIELD, "the header does not say the language (Language:)", header)])
    units = []
    for entry in catalogue:
        if entry.obsolete or not entry.msgid:
            continue
        target = None if "fuzzy" in entry.flags or not entry.msgstr else entry.msgstr
        place = Place(source, entry.linenum, 1)
        units.append(ReturnedUnit(entry.msgctxt or "", entry.msgid, target, place))
    source_language = catalogue.metadata.get("X-Source-Language", "").strip() or None
    return TranslationFile(source, source_language, language, header, tuple(units))
