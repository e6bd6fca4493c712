"""YAML, the format people write records in: read safely, keeping where each value came from.

YAML is read as a stream of parser events and built into plain data here,
never through a constructor, so nothing in a file is ever executed. Plain
scalars stay text except ``true``/``false`` (booleans) and ``null``/``~``/
nothing (``None``): the model, not the YAML resolver, decides what a value
is. Duplicate keys, tags, merge keys, complex keys, several documents, absurd
nesting and alias bombs become :class:`~gpworkshop.errors.Problem` s.

libyaml is used when PyYAML has it; a text it refuses is read again by the
pure-Python parser, which applies no limits of its own, so that the problems
reported do not depend on the PyYAML installed.

Positions are recorded only when asked for (:func:`parse` with
``positions=True``), because a valid file never needs them: callers parse
again with positions to locate a problem.

Records are written by compiled per-class writers (:func:`write`) that give
the same text as PyYAML's emitter would: block style, keys in the model's
order, defaults left out, text quoted only where a YAML 1.1 reader would
misread it (``'NO'``, ``'17.10'``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import yaml

from gpworkshop import codes, limits
from gpworkshop._parsed import SAVE_AS_UTF8, Parsed, Position, located, offset_position, version_header
from gpworkshop._wording import excerpt
from gpworkshop.errors import Problem
from gpworkshop.formats._yaml_syntax import said

if TYPE_CHECKING:
    from gpworkshop.model import KnowledgeBase

__all__ = ["parse", "write"]

_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_NULL = frozenset({"", "~", "null", "Null", "NULL"})

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def write(kb: KnowledgeBase) -> str:
    """*kb* as a YAML document, starting with the format version; the same record always gives the same text."""
    # Imported here: the writers compile themselves only when something is written.
    from gpworkshop._converter import converter  # noqa: PLC0415
    from gpworkshop._yaml_emitter import write_yaml_document  # noqa: PLC0415

    return write_yaml_document(kb, version_header, lambda: converter().unstructure(kb))


def _position(mark: Any) -> Position:
    return mark.line + 1, mark.column + 1


def _scalar(event: yaml.ScalarEvent) -> Any:
    if not event.implicit[0]:
        return event.value
    value = event.value
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value in _NULL:
        return None
    return value


class _Frame:
    """A mapping or sequence being built, with what the next event fills in."""

    __slots__ = ("anchor", "container", "key", "key_position", "record", "size", "start")

    def __init__(self, container: Any, anchor: str | None, record: Any, start: Position) -> None:
        self.container = container
        self.start = start
        self.anchor = anchor
        self.record = record
        self.key: Any = _NO_KEY
        self.key_position: Position | None = None
        self.size = 1


_NO_KEY = object()
#: Stands for a merge key, whose value is reported and left out.
_MERGED = object()


class _RefusedError(Exception):
    """The text cannot be read any further."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)
        self.problem = problem


def _events(text: str, loader_class: type[Any]) -> Iterator[Any]:
    loader = loader_class(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _spelled(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def parse(text: str, source: str, *, positions: bool = False) -> tuple[Parsed, list[Problem]]:
    """Parse YAML *text* into plain data, with the problems found; with their positions when *positions* is true."""
    if not positions:
        try:
            return Parsed(_plain(text, _Loader)), []
        except (_UnusualError, yaml.YAMLError):
            pass  # read again by the builder, which words what is wrong
    parsed, problems = _parse_yaml_once(text, source=source, positions=positions)
    if problems and not positions:
        # Problems are rare and files small: parse again to name both lines of a duplicate key.
        return _parse_yaml_once(text, source=source, positions=True)
    return parsed, problems


def _parse_yaml_once(text: str, *, source: str, positions: bool) -> tuple[Parsed, list[Problem]]:
    parsed, problems, refused_by_parser = _parse_yaml_with(_Loader, text, source=source, positions=positions)
    if refused_by_parser and _Loader is not yaml.SafeLoader:
        # libyaml stops some texts on limits of its own (its nesting depth, for one) and words its
        # errors by version; the pure-Python parser applies only the limits of this module, so its
        # reading is the one reported, the same whichever PyYAML is installed.
        parsed, problems, _ = _parse_yaml_with(yaml.SafeLoader, text, source=source, positions=positions)
    return parsed, problems


def _parse_yaml_with(
    loader: type[Any], text: str, *, source: str, positions: bool
) -> tuple[Parsed, list[Problem], bool]:
    """What *loader* reads of *text*, and whether the YAML parser itself refused the text."""
    problems: list[Problem] = []
    records: dict[int, Any] | None = {} if positions else None
    try:
        data = _Builder(source, problems, records).build(_events(text, loader))
    except _RefusedError as refusal:
        problems.append(refusal.problem)
        return Parsed(None, records), problems, False
    except yaml.MarkedYAMLError as error:
        message, position = said(error, text)
        hint = "" if "tab" in message else _tab_hint(text, error.problem_mark or error.context_mark)
        problems.append(located(codes.SYNTAX, f"invalid YAML: {message}{hint}", source, position))
        return Parsed(None, records), problems, True
    except yaml.reader.ReaderError as error:
        code_point = error.character if isinstance(error.character, int) else ord(error.character)
        message = f"the character U+{code_point:04X} cannot appear in YAML ({error.reason}); remove it"
        if code_point == 0:
            message = f"the text holds a NUL character, so it is binary or not UTF-8 text; {SAVE_AS_UTF8}"
        problems.append(located(codes.SYNTAX, message, source, offset_position(text, error.position)))
        return Parsed(None, records), problems, True
    except yaml.YAMLError as error:
        problems.append(located(codes.SYNTAX, f"invalid YAML: {error}", source, None))
        return Parsed(None, records), problems, True
    return Parsed(data, records), problems, False


def _tab_hint(text: str, mark: Any) -> str:
    """A hint when the parser stopped at a tab or on a line indented with one: YAML indents with spaces only."""
    index = getattr(mark, "index", None)
    if not isinstance(index, int):
        return ""
    line_start = text.rfind("\n", 0, index) + 1
    line = text[line_start:].split("\n", 1)[0]
    indent = line[: len(line) - len(line.lstrip(" \t"))]
    if "\t" not in indent and text[index : index + 1] != "\t":
        return ""
    return "; the line is indented with a tab, and YAML indents with spaces only: replace the tabs with spaces"


class _UnusualError(Exception):
    """The text uses something only :class:`_Builder` reads, or refuses: an anchor, a tag, a key written twice."""


def _plain(text: str, loader_class: type[Any]) -> Any:  # noqa: PLR0912, PLR0915  (one loop, with no call an event)
    """The data of *text*, read in one loop over the parser's events, for the texts people and gpworkshop write.

    Anything else (anchors and aliases, tags, merge and complex keys, a key
    written twice, nesting beyond the limit, several documents) raises
    :class:`_UnusualError`, for :class:`_Builder` to read or refuse.
    """
    loader = loader_class(text)
    next_event = loader.get_event
    scalar, mapping_start, sequence_start = yaml.ScalarEvent, yaml.MappingStartEvent, yaml.SequenceStartEvent
    ends = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
    stream_end, document_start = yaml.StreamEndEvent, yaml.DocumentStartEvent
    true, false, null, no_key = _TRUE, _FALSE, _NULL, _NO_KEY
    stack: list[tuple[Any, bool, Any]] = []
    container: Any = None
    is_mapping = False
    key: Any = no_key
    root: Any = None
    documents = 0
    try:
        while True:
            event = next_event()
            kind = event.__class__
            if kind is scalar:
                if event.anchor is not None or event.tag is not None:
                    raise _UnusualError
                value = event.value
                if is_mapping and key is no_key:
                    if value in container or (value == "<<" and event.implicit[0]):
                        raise _UnusualError
                    key = value
                    continue
                if event.implicit[0]:
                    if value in true:
                        value = True
                    elif value in false:
                        value = False
                    elif value in null:
                        value = None
                if is_mapping:
                    container[key] = value
                    key = no_key
                elif container is not None:
                    container.append(value)
                else:
                    root = value
            elif kind is mapping_start or kind is sequence_start:
                if event.anchor is not None or event.tag is not None or (is_mapping and key is no_key):
                    raise _UnusualError
                # A collection takes its place as it starts, so that keys keep the order they are written in.
                new: Any = {} if kind is mapping_start else []
                if is_mapping:
                    container[key] = new
                elif container is not None:
                    container.append(new)
                else:
                    root = new
                stack.append((container, is_mapping, no_key))
                if len(stack) > limits.DEPTH:
                    raise _UnusualError
                container, is_mapping, key = new, kind is mapping_start, no_key
            elif kind in ends:
                container, is_mapping, key = stack.pop()
            elif kind is stream_end:
                return root
            elif kind is document_start:
                documents += 1
                if documents > 1:
                    raise _UnusualError
            elif kind is not yaml.StreamStartEvent and kind is not yaml.DocumentEndEvent:
                raise _UnusualError  # an alias
    finally:
        loader.dispose()


class _Builder:
    """Builds data from parser events without recursion, refusing what is unsafe."""

    def __init__(self, source: str, problems: list[Problem], records: dict[int, Any] | None) -> None:
        self.source = source
        self.problems = problems
        self.records = records
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.written = 0
        self.aliased = 0
        self.documents = 0
        self.root: Any = None
        self.handlers: dict[type[Any], Callable[[Any], None]] = {
            yaml.ScalarEvent: self.scalar,
            yaml.MappingStartEvent: self.start,
            yaml.SequenceStartEvent: self.start,
            yaml.MappingEndEvent: self.end,
            yaml.SequenceEndEvent: self.end,
            yaml.AliasEvent: self.alias,
            yaml.DocumentStartEvent: self.document,
        }

    def build(self, events: Iterator[Any]) -> Any:
        handlers = self.handlers
        for event in events:
            handler = handlers.get(type(event))
            if handler is not None:
                handler(event)
        return self.root

    def refuse(self, code: str, message: str, mark: Any) -> _RefusedError:
        return _RefusedError(located(code, message, self.source, _position(mark)))

    def awaits_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is _NO_KEY

    def node(self, event: Any) -> None:
        self.written += 1
        if event.tag is not None:
            message = f"YAML tags such as {excerpt(_spelled(event.tag))} are not allowed; write the plain value"
            raise self.refuse(codes.TAG, message, event.start_mark)

    def scalar(self, event: yaml.ScalarEvent) -> None:
        self.node(event)
        position = _position(event.start_mark)
        if self.awaits_key():
            frame = self.stack[-1]
            frame.key, frame.key_position = event.value, position
            if event.value == "<<" and event.implicit[0]:
                message = (
                    "YAML merge keys ('<<') are not supported: YAML 1.2 dropped them and tools merge differently; "
                    "write the keys out in full"
                )
                self.problems.append(located(codes.MERGE_KEY, message, self.source, position))
                frame.key = _MERGED
            return
        value = _scalar(event)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self.place(value, 1, position)

    def start(self, event: yaml.CollectionStartEvent) -> None:
        self.node(event)
        if len(self.stack) >= limits.DEPTH:
            message = f"mappings and lists are nested more than {limits.DEPTH} deep; the format needs far fewer"
            raise self.refuse(codes.LIMIT, message, event.start_mark)
        if self.awaits_key():
            raise self.refuse(codes.SYNTAX, "a mapping key must be plain text, not a list or mapping", event.start_mark)
        mapping = type(event) is yaml.MappingStartEvent
        container: Any = {} if mapping else []
        record: Any = None
        if self.records is not None:
            record = {} if mapping else []
            self.records[id(container)] = record
        self.stack.append(_Frame(container, event.anchor, record, _position(event.start_mark)))

    def end(self, _event: yaml.CollectionEndEvent) -> None:
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.size)
        self.place(frame.container, frame.size, frame.start)

    def alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise self.refuse(codes.SYNTAX, f"unknown alias *{event.anchor}", event.start_mark)
        if self.awaits_key():
            raise self.refuse(codes.SYNTAX, "an alias cannot be used as a key", event.start_mark)
        value, size = self.anchors[event.anchor]
        self.aliased += size
        if self.aliased > limits.ALIAS_ALLOWANCE + limits.ALIAS_GROWTH * self.written:
            message = (
                "aliases expand the document far beyond what is written (an alias bomb?); write the values out instead"
            )
            raise self.refuse(codes.LIMIT, message, event.start_mark)
        self.place(value, size, _position(event.start_mark))

    def document(self, event: yaml.DocumentStartEvent) -> None:
        self.documents += 1
        if self.documents > 1:
            message = "a file holds one YAML document; split the others into files of their own"
            raise self.refuse(codes.SYNTAX, message, event.start_mark)

    def place(self, value: Any, size: int, position: Position) -> None:
        if not self.stack:
            self.root = value
            return
        frame = self.stack[-1]
        frame.size += size
        container = frame.container
        if isinstance(container, list):
            container.append(value)
            if frame.record is not None:
                frame.record.append(position)
            return
        key, key_position = frame.key, frame.key_position
        frame.key = _NO_KEY
        if key is _MERGED:
            return
        if key in container:
            first = frame.record[key][0] if frame.record is not None else None
            where = f" (first written on line {first[0]})" if first else ""
            message = f"the key {excerpt(key)} is written twice in the same mapping{where}; keep one"
            self.problems.append(located(codes.DUPLICATE_KEY, message, self.source, key_position))
            return
        container[key] = value
        if frame.record is not None:
            frame.record[key] = (key_position, position)
