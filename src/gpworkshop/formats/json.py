"""JSON, for records exchanged between programs: the same structure as YAML, read with positions.

JSON is parsed by ``json`` with duplicate keys refused; positions, needed
only to locate a problem, come from a scan of the text, which is known to be
valid JSON by then. Records are written by compiled per-class writers
(:func:`write`), indented by two spaces, the same text as :func:`json.dumps`
would give.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING, Any

from gpworkshop import codes, limits
from gpworkshop._parsed import Parsed, Position, located, offset_position, version_header
from gpworkshop._wording import excerpt
from gpworkshop.errors import Problem
from gpworkshop.formats import yaml as yaml_format

if TYPE_CHECKING:
    from gpworkshop.model import KnowledgeBase

__all__ = ["decode", "nesting_problem", "parse", "write"]


def write(kb: KnowledgeBase) -> str:
    """*kb* as an indented JSON document, starting with the format version, with a final newline."""
    # Imported here: the writers import json, and compile themselves, only when something is written.
    from gpworkshop._emitter import write_json  # noqa: PLC0415

    return write_json(kb, version_header)


def parse(text: str, source: str, *, positions: bool = False) -> tuple[Parsed, list[Problem]]:
    """Parse JSON *text* into plain data, with the problems found; with their positions when *positions* is true."""
    problems: list[Problem] = []
    duplicates: list[str] = []

    def unique_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        mapping = dict(pairs)
        if len(mapping) < len(pairs):
            seen: set[str] = set()
            duplicates.extend(key for key, _ in pairs if key in seen or seen.add(key))  # type: ignore[func-returns-value]
        return mapping

    data, problem = decode(text, source, object_pairs_hook=unique_keys)
    if problem is not None:
        return Parsed(None), [problem]
    if duplicates:
        # The YAML reader, which JSON nearly is a subset of, can say where the duplicates are.
        _, in_yaml = yaml_format.parse(text, source, positions=True)
        found = [problem for problem in in_yaml if problem.code == codes.DUPLICATE_KEY]
        unlocated = "the key {} is written twice in the same object; keep one"
        problems.extend(
            found or [located(codes.DUPLICATE_KEY, unlocated.format(excerpt(key)), source, None) for key in duplicates]
        )
    records = _json_positions(text, data) if positions else None
    return Parsed(data, records), problems


def decode(text: str, source: str, *, object_pairs_hook: Any = None) -> tuple[Any, Problem | None]:
    """JSON *text* as plain data, or ``None`` and the located problem that keeps it from being read.

    JSON as its standard has it: ``NaN`` and ``Infinity``, which Python's
    ``json`` would take, are refused, as are numbers too large to be a
    value of a record and nesting beyond :data:`~gpworkshop.limits.DEPTH`.

    >>> decode('{"percent": 40}', "a.json")
    ({'percent': 40}, None)
    >>> _, problem = decode('{"name": NaN}', "a.json")
    >>> str(problem)
    "a.json:1:10: GPW101: invalid JSON: 'NaN' is not a number in JSON; write a number, or text in quotes"
    """
    import json  # noqa: PLC0415  (imported when JSON is read, to keep `import gpworkshop` light)

    try:
        data = json.loads(
            text,
            object_pairs_hook=object_pairs_hook,
            parse_constant=_constant,
            parse_int=_integer,
            parse_float=_real,
        )
    except _RefusedValueError as refused:
        return None, located(refused.code, refused.message, source, _refused_at(text, refused.token))
    except json.JSONDecodeError as error:
        return None, located(codes.SYNTAX, f"invalid JSON: {error.msg}", source, (error.lineno, error.colno))
    except RecursionError:
        return None, _too_deep_in_json(text, source)
    return data, None


class _RefusedValueError(ValueError):
    """A value ``json`` reads that a record never holds: *token*, as written."""

    def __init__(self, code: str, message: str, token: str) -> None:
        super().__init__(message)
        self.code, self.message, self.token = code, message, token


def _constant(token: str) -> Any:
    raise _RefusedValueError(
        codes.SYNTAX, f"invalid JSON: {token!r} is not a number in JSON; write a number, or text in quotes", token
    )


def _integer(token: str) -> int:
    if len(token) <= limits.NUMBER_DIGITS:
        return int(token)
    too_long = limits.long_number(token)
    if too_long is not None:
        raise _RefusedValueError(codes.LIMIT, too_long, token)
    return int(token)


def _real(token: str) -> float:
    value = float(token)
    if value in (float("inf"), float("-inf")) or len(token) > limits.NUMBER_DIGITS:
        message = f"the number {excerpt(token)} is too large to hold; write it in quotes if it is text"
        raise _RefusedValueError(codes.LIMIT, message, token)
    return value


def _refused_at(text: str, token: str) -> Position | None:
    """Where *token*, outside any string, is first written in *text*."""
    for match in _JSON_TOKEN.finditer(text):
        if match.group() == token:
            return offset_position(text, match.start())
    return None


#: Strings (skipped whole, escapes included), then the numbers and constants outside them.
_JSON_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|-?(?:NaN|Infinity)|-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?')


def _json_positions(text: str, data: Any) -> dict[int, Any] | None:
    """Positions for JSON *data*, read by scanning *text*, which is known to be valid JSON."""
    import json  # noqa: PLC0415  (see _parse_json)

    records: dict[int, Any] = {}
    line_starts = [0, *(index + 1 for index, character in enumerate(text) if character == "\n")]

    def position(offset: int) -> Position:
        line = bisect.bisect_right(line_starts, offset)
        return line, offset - line_starts[line - 1] + 1

    def skip(offset: int) -> int:
        while offset < len(text) and text[offset] in " \t\r\n":
            offset += 1
        return offset

    def value(offset: int, node: Any) -> int:
        opening = text[offset]
        if opening == "{":
            record: dict[str, Any] = {}
            records[id(node)] = record
            offset = skip(offset + 1)
            while text[offset] != "}":
                after = _string_end(text, offset)
                key = json.loads(text[offset:after])
                key_position = position(offset)
                offset = skip(skip(after) + 1)
                record[key] = (key_position, position(offset))
                offset = skip(value(offset, node.get(key) if isinstance(node, dict) else None))
                if text[offset] == ",":
                    offset = skip(offset + 1)
            return offset + 1
        if opening == "[":
            items: list[Position] = []
            records[id(node)] = items
            offset = skip(offset + 1)
            index = 0
            while text[offset] != "]":
                items.append(position(offset))
                child = node[index] if isinstance(node, list) and index < len(node) else None
                offset = skip(value(offset, child))
                index += 1
                if text[offset] == ",":
                    offset = skip(offset + 1)
            return offset + 1
        if opening == '"':
            return _string_end(text, offset)
        match = _JSON_SCALAR.match(text, offset)
        return match.end() if match else offset + 1

    try:
        value(skip((text.startswith("\ufeff") and 1) or 0), data)
    except (IndexError, ValueError, RecursionError):
        return None
    return records


def nesting_problem(parsed: Parsed, text: str, source: str) -> Problem | None:
    """A problem if *parsed* nests deeper than :data:`~gpworkshop.limits.DEPTH`, located in *text*.

    The YAML reader refuses such text as it reads; JSON is read by ``json``,
    so its nesting is measured here, once the data has failed to structure
    (a record as deep as this always does), to keep valid files fast.
    """
    stack: list[tuple[Any, int]] = [(parsed.data, 0)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            if depth >= limits.DEPTH:
                return _too_deep_in_json(text, source)
            stack.extend((child, depth + 1) for child in (node.values() if isinstance(node, dict) else node))
    return None


def _too_deep_in_json(text: str, source: str) -> Problem:
    """The problem of JSON nested deeper than :data:`~gpworkshop.limits.DEPTH`, at the bracket that goes too deep."""
    depth = 0
    position: Position | None = None
    for match in _JSON_STRUCTURE.finditer(text):
        token = match.group()
        if token[0] == '"':
            continue
        depth += 1 if token in "[{" else -1
        if depth > limits.DEPTH:
            position = offset_position(text, match.start())
            break
    message = f"objects and arrays are nested more than {limits.DEPTH} deep; the format needs far fewer"
    return located(codes.LIMIT, message, source, position)


#: Strings (skipped whole, escapes included) and the brackets that open and close objects and arrays.
_JSON_STRUCTURE = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _string_end(text: str, offset: int) -> int:
    """Where the JSON string that opens at *offset* ends (one past its closing quote)."""
    index = offset + 1
    while text[index] != '"':
        index += 2 if text[index] == "\\" else 1
    return index + 1


_JSON_SCALAR = re.compile(r"-?[0-9]+(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?|true|false|null")
