"""Where each value and key of a YAML or JSON text starts and ends, to edit the text in place.

The loader keeps only where values start; changing an id in a file while
keeping everything around it needs where each value ends too, how it is
quoted, and whether a list or mapping is written in block or flow style.
The pure-Python parser of PyYAML is used, as its offsets count characters of
the text (libyaml's skip a byte-order mark and count a CR LF as one). A JSON
text is read the same way: JSON is YAML's flow style.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any, cast

import attrs
import yaml

__all__ = ["Span", "Spans", "spans"]

_Path = tuple[str | int, ...]


@attrs.frozen
class Span:
    """Where a value is written: from *start* up to *end* (offsets into the text)."""

    start: int
    end: int
    #: ``"scalar"``, ``"mapping"`` or ``"sequence"``.
    kind: str
    #: For a scalar: ``""`` when plain, else its quote or block indicator; for a collection: ``"flow"`` or ``"block"``.
    style: str
    #: The column the value starts at, counted from 0.
    column: int


@attrs.frozen
class Spans:
    """The spans of the values of one text, by path, and of the keys of mapping entries, by the path of their value."""

    values: dict[_Path, Span]
    keys: dict[_Path, Span]


@attrs.define
class _Frame:
    path: _Path
    start: int
    column: int
    flow: bool
    mapping: bool
    key: str | None = None
    index: int = 0
    last_end: int = 0

    def child(self) -> _Path:
        step: str | int = self.key if self.mapping and self.key is not None else self.index
        return (*self.path, step)

    def done(self, end: int) -> None:
        self.last_end = end
        if self.mapping:
            self.key = None
        else:
            self.index += 1


#: What the YAML parser refuses to read: characters JSON allows raw in its strings, such as DEL and the C1 controls.
_UNPRINTABLE = re.compile("[^\x09\x0a\x0d\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def spans(text: str) -> Spans:
    """The spans of every value and key in *text*, a YAML or JSON document that loads without problems."""
    values: dict[_Path, Span] = {}
    keys: dict[_Path, Span] = {}
    stack: list[_Frame] = []
    # A character the parser refuses stands in a string of a JSON file: one character for one keeps every place.
    readable = _UNPRINTABLE.sub("?", text)
    for event in cast(Iterator[Any], yaml.parse(readable, Loader=yaml.SafeLoader)):
        start_mark: Any = event.start_mark
        end_mark: Any = event.end_mark
        if isinstance(event, yaml.ScalarEvent | yaml.CollectionStartEvent | yaml.AliasEvent):
            start, column = start_mark.index, start_mark.column
            frame = stack[-1] if stack else None
            if frame is not None and frame.mapping and frame.key is None:
                frame.key = _key(event)
                keys[frame.child()] = Span(start, end_mark.index, "scalar", _style(event), column)
                continue
            path = frame.child() if frame is not None else ()
            if isinstance(event, yaml.ScalarEvent | yaml.AliasEvent):
                # An alias stands where it is written; editing it there changes that place only.
                values[path] = Span(start, end_mark.index, "scalar", _style(event), column)
                if frame is not None:
                    frame.done(end_mark.index)
            else:
                mapping = isinstance(event, yaml.MappingStartEvent)
                stack.append(_Frame(path, start, column, bool(event.flow_style), mapping))
        elif isinstance(event, yaml.CollectionEndEvent):
            frame = stack.pop()
            end = end_mark.index if frame.flow else frame.last_end
            kind = "mapping" if frame.mapping else "sequence"
            values[frame.path] = Span(frame.start, end, kind, "flow" if frame.flow else "block", frame.column)
            if stack:
                stack[-1].done(end)
    return Spans(values, keys)


def _key(event: Any) -> str:
    # Keys of a record are text; a loaded record has no other kind.
    return str(event.value)


def _style(event: Any) -> str:
    return getattr(event, "style", None) or ""
