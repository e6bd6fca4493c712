"""Edits of the text of YAML and JSON files at the places of values: replace, remove, add, translate.

:mod:`gpworkshop.rewrite` plans its changes as edits on paths of a record
(``("events", 0, "commitments", 1)``) and makes them here, on the spans
:mod:`gpworkshop._spans` finds in the text: only the values that change are
written, where they stand, in the style they are written in (plain or
quoted, block or flow); a value added to a block mapping or list is written
as the record's own writer writes it, one added to a flow collection or a
JSON file as JSON.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import Any

import attrs
import yaml

from gpworkshop._spans import Span, Spans, spans
from gpworkshop._text import write_yaml

__all__ = ["Add", "Edit", "Remove", "Replace", "Set", "edited", "translations_written"]

#: Where a value is in a record: field names and list indices.
RecordPath = tuple[str | int, ...]


@attrs.frozen
class Replace:
    """A scalar given another value, in the style it is written in."""

    value: str


@attrs.frozen
class Remove:
    """An item taken out of its list, with its line in a block list or its comma in a flow one."""


@attrs.frozen
class Add:
    """A field added to a mapping, or, where it is there, the items of a list or entries of a mapping it lacks.

    The value is plain data, as :func:`~gpworkshop.serialize.unstructure` gives it.
    """

    name: str
    value: Any


@attrs.frozen
class Set:
    """A scalar field of a mapping given a value: replaced where it is written, added where it is not."""

    name: str
    value: str


Edit = Replace | Remove | Add | Set


def edited(text: str, planned: list[tuple[RecordPath, Edit]], *, json_text: bool) -> str:
    """*text* with the *planned* edits made, each at the path of a value in it; *json_text* for a JSON file."""
    found = spans(text)
    cuts: list[tuple[int, int, str]] = []
    for path, edit in planned:
        if isinstance(edit, Replace):
            span = found.values[path]
            cuts.append((span.start, span.end, _scalar(edit.value, span.style)))
        elif isinstance(edit, Remove):
            cuts.append(_removal(text, found, path))
        elif isinstance(edit, Set):
            current = found.values.get((*path, edit.name))
            if current is None:
                cuts.append(_insert_entry(text, found, path, edit.name, edit.value, json_text=json_text))
            else:
                cuts.append((current.start, current.end, _scalar(edit.value, current.style)))
        else:
            cuts.extend(_addition(text, found, path, edit, json_text=json_text))
    return _cut(text, cuts)


def _cut(text: str, cuts: list[tuple[int, int, str]]) -> str:
    """*text* with each cut (start, end, replacement) made, in one pass, in the file's own line breaks.

    Cuts at one place are made in the order of their text. A file written with
    CR LF line breaks (as on Windows) keeps them in what is added.
    """
    crlf = "\r\n" in text
    pieces: list[str] = []
    at = 0
    for start, end, replacement in sorted(cuts):
        pieces += [text[at:start], replacement.replace("\n", "\r\n") if crlf else replacement]
        at = max(at, end)
    pieces.append(text[at:])
    return "".join(pieces)


def _scalar(value: str, style: str) -> str:
    """*value* as a YAML scalar on one line, in *style* where that holds it exactly, else in double quotes.

    Single quotes hold neither a line break (a single one reads as a space) nor characters YAML does not
    print; a plain value only what reads back as the same text.
    """
    if style == "'" and "\n" not in value:
        quoted = "'" + value.replace("'", "''") + "'"
        if _reads_as(quoted, value):
            return quoted
    elif style == "" and _reads_as(value, value):
        return value
    # JSON's escapes are those of YAML's double quotes; YAML breaks lines at NEL and the separators, and reads
    # no C1 control, which JSON leaves as they are.
    return _UNPRINTABLE.sub(lambda found: f"\\u{ord(found.group()):04x}", json.dumps(value, ensure_ascii=False))


def _reads_as(written: str, value: str) -> bool:
    """Whether YAML reads the scalar *written* as the text *value*."""
    if _UNPRINTABLE.search(value) is not None:
        return False
    try:
        return bool(yaml.safe_load(written) == value)
    except yaml.YAMLError:
        return False


#: What YAML neither prints nor reads as written, and JSON leaves unescaped.
_UNPRINTABLE = re.compile("[\x7f-\x9f\u2028\u2029\ufffe\uffff]")


def _removal(text: str, found: Spans, path: RecordPath) -> tuple[int, int, str]:
    """The cut that removes the list item at *path*, with its line in a block list or its comma in a flow one."""
    item, parent = found.values[path], found.values[path[:-1]]
    index = path[-1]
    assert isinstance(index, int)
    last = (*path[:-1], index + 1) not in found.values
    if index == 0 and last:
        # The list's only item: the list becomes empty.
        if parent.style == "flow":
            return parent.start, parent.end, "[]"
        key = found.keys[path[:-1]]
        colon = text.index(":", key.end)
        return colon + 1, parent.end, " []"
    if parent.style == "flow":
        if not last:
            following = found.values[(*path[:-1], index + 1)]
            return item.start, following.start, ""
        previous = found.values[(*path[:-1], index - 1)]
        return previous.end, item.end, ""
    line_start = text.rfind("\n", 0, item.start) + 1
    line_end = text.find("\n", item.end)
    return line_start, len(text) if line_end < 0 else line_end + 1, ""


def _addition(text: str, found: Spans, path: RecordPath, edit: Add, *, json_text: bool) -> list[tuple[int, int, str]]:
    """The cuts that give the mapping at *path* the field *edit* names, or more items of a list field it has."""
    current = found.values.get((*path, edit.name))
    data = edit.value
    if current is None:
        return [_insert_entry(text, found, path, edit.name, data, json_text=json_text)]
    if current.kind == "scalar":
        # An alias of a list or mapping written elsewhere: the value in full takes its place, here only.
        return [(current.start, current.end, _flow(data))]
    if current.kind == "sequence":
        count = sum(
            1 for key in found.values if len(key) == len(path) + 2 and key[: len(path) + 1] == (*path, edit.name)
        )
        return [_append_items(text, found, (*path, edit.name), current, data[count:])]
    # A mapping, as identifiers are: each entry it lacks is added.
    given = {key[-1] for key in found.values if key[:-1] == (*path, edit.name)}
    return [
        _insert_entry(text, found, (*path, edit.name), name, value, json_text=json_text)
        for name, value in data.items()
        if name not in given
    ]


def _insert_entry(
    text: str, found: Spans, path: RecordPath, name: str, value: Any, *, json_text: bool
) -> tuple[int, int, str]:
    mapping = found.values[path]
    if mapping.style == "flow":
        at, comma = _after_last(found, path)
        key = json.dumps(name) if json_text else name
        return at, at, f"{comma}{key}: {_flow(value)}"
    at, before = _line_after(text, mapping.end)
    lines = _dumped({name: value}).splitlines(keepends=True)
    return at, at, before + "".join(" " * mapping.column + line for line in lines)


def _append_items(text: str, found: Spans, path: RecordPath, sequence: Span, items: list[Any]) -> tuple[int, int, str]:
    if sequence.style == "flow":
        at, comma = _after_last(found, path)
        return at, at, comma + ", ".join(_flow(item) for item in items)
    first = found.values[(*path, 0)]
    dash = text.rfind("-", 0, first.start)
    indent = dash - (text.rfind("\n", 0, dash) + 1)
    at, before = _line_after(text, sequence.end)
    lines = _dumped(items).splitlines(keepends=True)
    return at, at, before + "".join(" " * indent + line for line in lines)


def _after_last(found: Spans, path: RecordPath) -> tuple[int, str]:
    """Where an entry or item goes in the flow collection at *path*, after its last one, and the comma before it."""
    ends = [span.end for key, span in found.values.items() if len(key) == len(path) + 1 and key[:-1] == path]
    if ends:
        return max(ends), ", "
    return found.values[path].start + 1, ""


def _line_after(text: str, offset: int) -> tuple[int, str]:
    """Where the line after the value ending at *offset* starts, and what to write there first.

    A text that does not end with a line break gets one before what is added.
    """
    if offset > 0 and text[offset - 1] == "\n":
        return offset, ""
    end = text.find("\n", offset)
    return (len(text), "\n") if end < 0 else (end + 1, "")


def _flow(data: Any) -> str:
    """*data* in flow style: as JSON, which is YAML's flow style too, with dates in ISO 8601."""
    return json.dumps(data, ensure_ascii=False, default=_iso)


def _iso(value: Any) -> str:
    if isinstance(value, dt.date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not written in a record")


def _dumped(data: Any) -> str:
    """*data* in block style, as the record's own writer writes it: lists indented, text of many lines as a block.

    A document that ends with a block that keeps its final line breaks is closed with ``...``, which would end
    the document it is written into: it is left out, as what follows the block ends it there.
    """
    dumped = write_yaml(data)
    return dumped.removesuffix("...\n") if dumped.endswith("\n...\n") else dumped


def translations_written(
    text: str, planned: list[tuple[RecordPath, dict[str, str], str]], record_language: str, *, json_text: bool
) -> str:
    """*text* with the texts at the paths planned given their translations; version 2 where it was 1.

    Each planned edit is the path of a text in *text*, its entries to add or change by language key, and, for a
    plain text, the text, which becomes a mapping of the record's language and the translations.
    """
    found = spans(text)
    cuts: list[tuple[int, int, str]] = []
    for path, entries, plain in planned:
        span = found.values[path]
        if span.kind == "mapping":
            cuts.extend(_entries_written(text, found, path, entries, json_text=json_text))
            continue
        languages = {record_language: plain, **entries}
        if json_text or found.values[path[:-1]].style == "flow":
            cuts.append(_kept_break(text, span, _flow(languages)))
            continue
        key = found.keys[path]
        colon = text.index(":", key.end)
        block = "".join("\n" + " " * (key.column + 2) + line for line in _dumped(languages).splitlines())
        cuts.append((colon + 1, span.end, block + ("\n" if text[span.start : span.end].endswith("\n") else "")))
    version = found.values.get(("gpworkshop",))
    if version is not None and text[version.start : version.end].strip("'\" ") == "1":
        cuts.append((version.start, version.end, "2" if version.style == "" else _scalar("2", version.style)))
    # Made at once, as a file may get thousands of translations: cut by cut, each would copy the whole text.
    return _cut(text, cuts)


def _entries_written(
    text: str, found: Spans, path: RecordPath, entries: dict[str, str], *, json_text: bool
) -> list[tuple[int, int, str]]:
    """The cuts that give the mapping of languages at *path* its *entries*: replaced where written, else added."""
    cuts: list[tuple[int, int, str]] = []
    added: list[tuple[int, int, str]] = []
    for key, translation in entries.items():
        current = found.values.get((*path, key))
        if current is None:
            added.append(_insert_entry(text, found, path, key, translation, json_text=json_text))
        else:
            style = current.style if current.style in ("", "'") else '"'
            cuts.append(_kept_break(text, current, _scalar(translation, style)))
    if added:
        # Entries added at one place go there in the order given.
        cuts.append((added[0][0], added[0][1], "".join(replacement for _, _, replacement in added)))
    return cuts


def _kept_break(text: str, span: Span, replacement: str) -> tuple[int, int, str]:
    """The cut that replaces the value at *span*, keeping the line break a block scalar's span ends with."""
    end = span.end
    while end > span.start and text[end - 1] == "\n":
        end -= 1
    return span.start, end, replacement
