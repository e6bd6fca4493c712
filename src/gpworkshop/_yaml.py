"""Safe YAML and JSON parsing that keeps where each value came from.

YAML is read as a stream of parser events and built into plain data here,
never through a constructor, so nothing in a file is ever executed. Plain
scalars stay text except ``true``/``false`` (booleans) and ``null``/``~``/
nothing (``None``): the model, not the YAML resolver, decides what a value
is. Duplicate keys, tags, complex keys, several documents, absurd nesting
and alias bombs become :class:`~gpworkshop.errors.Problem` s.

Positions are recorded only when asked for (:func:`parse` with
``positions=True``), because a valid file never needs them: callers parse
again with positions to locate a problem.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import attrs
import yaml

from gpworkshop import _codes as codes
from gpworkshop.errors import Problem

__all__ = ["MAX_DEPTH", "Parsed", "Position", "Step", "parse"]

#: Deepest nesting of mappings and sequences accepted; the format needs about eight.
MAX_DEPTH = 64
#: Nodes that aliases may add beyond this many times the nodes written out.
_ALIAS_GROWTH = 10
_ALIAS_ALLOWANCE = 10_000

_TRUE = frozenset({"true", "True", "TRUE"})
_FALSE = frozenset({"false", "False", "FALSE"})
_NULL = frozenset({"", "~", "null", "Null", "NULL"})

_Loader: type[Any] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

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


def parse(text: str, *, format: str, source: str, positions: bool = False) -> tuple[Parsed, list[Problem]]:
    """Parse *text* as ``"yaml"`` or ``"json"`` into plain data, with the problems found."""
    if format == "json":
        return _parse_json(text, source=source, positions=positions)
    return _parse_yaml(text, source=source, positions=positions)


def _problem(code: str, message: str, source: str, position: Position | None, path: str = "") -> Problem:
    line, column = position if position else (None, None)
    return Problem(code=code, message=message, source=source, line=line, column=column, path=path)


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


class _Refusal(Exception):
    """The text cannot be read any further."""

    def __init__(self, problem: Problem) -> None:
        super().__init__(problem)
        self.problem = problem


def _events(text: str) -> Iterator[Any]:
    loader = _Loader(text)
    try:
        while loader.check_event():
            yield loader.get_event()
    finally:
        loader.dispose()


def _spelled(tag: str) -> str:
    return tag.replace("tag:yaml.org,2002:", "!!", 1)


def _parse_yaml(text: str, *, source: str, positions: bool) -> tuple[Parsed, list[Problem]]:
    parsed, problems = _parse_yaml_once(text, source=source, positions=positions)
    if problems and not positions:
        # Problems are rare and files small: parse again to name both lines of a duplicate key.
        return _parse_yaml_once(text, source=source, positions=True)
    return parsed, problems


def _parse_yaml_once(text: str, *, source: str, positions: bool) -> tuple[Parsed, list[Problem]]:
    problems: list[Problem] = []
    records: dict[int, Any] | None = {} if positions else None
    try:
        data = _build(_events(text), source, problems, records)
    except _Refusal as refusal:
        problems.append(refusal.problem)
        return Parsed(None, records), problems
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        message = " ".join(part for part in (error.context, error.problem) if part)
        problems.append(_problem(codes.SYNTAX, f"invalid YAML: {message}", source, mark and _position(mark)))
        return Parsed(None, records), problems
    except yaml.YAMLError as error:
        problems.append(_problem(codes.SYNTAX, f"invalid YAML: {error}", source, None))
        return Parsed(None, records), problems
    return Parsed(data, records), problems


def _build(events: Iterator[Any], source: str, problems: list[Problem], records: dict[int, Any] | None) -> Any:
    """Build data from parser events without recursion, refusing what is unsafe."""
    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, int]] = {}
    written = 0
    aliased = 0
    documents = 0
    root: Any = None

    def place(value: Any, size: int, position: Position) -> None:
        nonlocal root
        if not stack:
            root = value
            return
        frame = stack[-1]
        frame.size += size
        container = frame.container
        if isinstance(container, list):
            container.append(value)
            if frame.record is not None:
                frame.record.append(position)
            return
        if frame.key is _NO_KEY:
            raise _Refusal(
                _problem(codes.SYNTAX, "a mapping key must be plain text, not a list or mapping", source, position)
            )
        key, key_position = frame.key, frame.key_position
        frame.key = _NO_KEY
        if key in container:
            first = frame.record[key][0] if frame.record is not None else None
            where = f" (first written on line {first[0]})" if first else ""
            problems.append(
                _problem(
                    codes.DUPLICATE_KEY,
                    f"the key {key!r} is written twice in the same mapping{where}; keep one",
                    source,
                    key_position,
                )
            )
            return
        container[key] = value
        if frame.record is not None:
            frame.record[key] = (key_position, position)

    for event in events:
        kind = type(event)
        if kind is yaml.ScalarEvent or kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            written += 1
            if event.tag is not None:
                raise _Refusal(
                    _problem(
                        codes.TAG,
                        f"YAML tags such as {_spelled(event.tag)!r} are not allowed; write the plain value",
                        source,
                        _position(event.start_mark),
                    )
                )
        if kind is yaml.ScalarEvent:
            position = _position(event.start_mark)
            frame = stack[-1] if stack else None
            if frame is not None and isinstance(frame.container, dict) and frame.key is _NO_KEY:
                frame.key, frame.key_position = event.value, position
                continue
            value = _scalar(event)
            if event.anchor is not None:
                anchors[event.anchor] = (value, 1)
            place(value, 1, position)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            if len(stack) >= MAX_DEPTH:
                raise _Refusal(
                    _problem(
                        codes.LIMIT,
                        f"mappings and lists are nested more than {MAX_DEPTH} deep; the format needs far fewer",
                        source,
                        _position(event.start_mark),
                    )
                )
            if stack and isinstance(stack[-1].container, dict) and stack[-1].key is _NO_KEY:
                raise _Refusal(
                    _problem(
                        codes.SYNTAX,
                        "a mapping key must be plain text, not a list or mapping",
                        source,
                        _position(event.start_mark),
                    )
                )
            container: Any = {} if kind is yaml.MappingStartEvent else []
            record: Any = None
            if records is not None:
                record = {} if kind is yaml.MappingStartEvent else []
                records[id(container)] = record
            frame = _Frame(container, event.anchor, record, _position(event.start_mark))
            stack.append(frame)
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = stack.pop()
            if frame.anchor is not None:
                anchors[frame.anchor] = (frame.container, frame.size)
            place(frame.container, frame.size, frame.start)
        elif kind is yaml.AliasEvent:
            position = _position(event.start_mark)
            if event.anchor not in anchors:
                raise _Refusal(_problem(codes.SYNTAX, f"unknown alias *{event.anchor}", source, position))
            value, size = anchors[event.anchor]
            aliased += size
            if aliased > _ALIAS_ALLOWANCE + _ALIAS_GROWTH * written:
                raise _Refusal(
                    _problem(
                        codes.LIMIT,
                        "aliases expand the document far beyond what is written (an alias bomb?); "
                        "write the values out instead",
                        source,
                        position,
                    )
                )
            frame = stack[-1] if stack else None
            if frame is not None and isinstance(frame.container, dict) and frame.key is _NO_KEY:
                raise _Refusal(_problem(codes.SYNTAX, "an alias cannot be used as a key", source, position))
            place(value, size, position)
        elif kind is yaml.DocumentStartEvent:
            documents += 1
            if documents > 1:
                raise _Refusal(
                    _problem(
                        codes.SYNTAX,
                        "a file holds one YAML document; split the others into files of their own",
                        source,
                        _position(event.start_mark),
                    )
                )
    return root


def _parse_json(text: str, *, source: str, positions: bool) -> tuple[Parsed, list[Problem]]:
    problems: list[Problem] = []
    duplicates: list[str] = []

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        mapping: dict[str, Any] = {}
        for key, value in pairs:
            if key in mapping:
                duplicates.append(key)
            mapping[key] = value
        return mapping

    try:
        data = json.loads(text, object_pairs_hook=unique_keys)
    except json.JSONDecodeError as error:
        problems.append(_problem(codes.SYNTAX, f"invalid JSON: {error.msg}", source, (error.lineno, error.colno)))
        return Parsed(None), problems
    except RecursionError:
        problems.append(
            _problem(codes.LIMIT, f"objects and arrays are nested more than {MAX_DEPTH} deep", source, None)
        )
        return Parsed(None), problems
    for key in duplicates:
        problems.append(
            _problem(codes.DUPLICATE_KEY, f"the key {key!r} is written twice in the same object; keep one", source, None)
        )
    records = _json_positions(text, data) if positions else None
    return Parsed(data, records), problems


def _json_positions(text: str, data: Any) -> dict[int, Any] | None:
    """Positions for JSON data, read from the same text parsed as YAML (JSON is nearly a subset)."""
    try:
        shadow, problems = _parse_yaml_once(text, source="", positions=True)
    except Exception:  # noqa: BLE001  (positions are a courtesy; the data is already parsed)
        return None
    if problems or shadow.positions is None:
        return None
    records: dict[int, Any] = {}
    _copy_positions(shadow.data, shadow.positions, data, records)
    return records


def _copy_positions(shadow: Any, shadow_records: dict[int, Any], data: Any, records: dict[int, Any]) -> None:
    pending = [(shadow, data)]
    while pending:
        left, right = pending.pop()
        record = shadow_records.get(id(left))
        if record is None:
            continue
        if isinstance(left, dict) and isinstance(right, dict):
            records[id(right)] = record
            pending.extend((left[key], right[key]) for key in left if key in right)
        elif isinstance(left, list) and isinstance(right, list):
            records[id(right)] = record
            pending.extend(zip(left, right, strict=False))
