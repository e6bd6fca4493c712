"""JSON text written straight from model objects, by functions generated for each class.

``json.dumps`` writes indented JSON with its pure-Python encoder (the C
encoder cannot indent), and it needs the plain data first. For each model
class this module compiles one function that reads the fields and returns
the text, so that writing a record costs about one string per field. The
text is exactly that of ``json.dumps(unstructure(obj), indent=2,
ensure_ascii=False)``: same key order, fields at their default left out,
vocabularies as their values, dates in ISO 8601.
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
import json.encoder
import operator
from collections.abc import Callable
from typing import Any, get_args, get_origin

import attrs

from gpworkshop.vocab import Vocabulary

__all__ = ["json_writer", "write_document"]

_INDENT = "  "
#: Deeper than any model object nests.
_DEPTH = 32
#: For each depth: the text between two items, and what opens and closes an object or a list.
_PIECES = {
    "_SEP": tuple(",\n" + _INDENT * depth for depth in range(_DEPTH)),
    "_OPEN_OBJECT": tuple("{\n" + _INDENT * depth for depth in range(_DEPTH)),
    "_CLOSE_OBJECT": tuple("\n" + _INDENT * depth + "}" for depth in range(_DEPTH)),
    "_OPEN_LIST": tuple("[\n" + _INDENT * depth for depth in range(_DEPTH)),
    "_CLOSE_LIST": tuple("\n" + _INDENT * depth + "]" for depth in range(_DEPTH)),
}

#: A compiled writer: the object, and the depth of the line it starts on.
Writer = Callable[[Any, int], str]


def _is_text(type_: Any) -> bool:
    return type_ is str or (isinstance(type_, type) and issubclass(type_, Vocabulary))


def _without_none(type_: Any) -> Any:
    return functools.reduce(operator.or_, [argument for argument in get_args(type_) if argument is not type(None)])


class _Compiler:
    """Generates and keeps the writer of each class."""

    def __init__(self) -> None:
        # The C string encoder, when the accelerator is built; json.dumps uses the same.
        self.namespace: dict[str, Any] = {"_escape": json.encoder.encode_basestring, **_PIECES}
        self.writers: dict[type, str] = {}

    def writer(self, cls: type) -> str:
        """The name, in the namespace, of the function that writes an object of the attrs class *cls*."""
        if cls not in self.writers:
            name = self.writers[cls] = f"_write_{len(self.writers)}"
            source = self._source(name, cls)
            exec(compile(source, f"<gpworkshop JSON writer for {cls.__qualname__}>", "exec"), self.namespace)
        return self.writers[cls]

    def expression(self, type_: Any, value: str) -> str:  # noqa: PLR0911  (one answer per kind of field)
        """Python source for the JSON text of *value*, an expression of *type_*, written at ``depth + 1``."""
        if _is_text(type_):
            return f"_escape({value})"
        if type_ is bool:
            return f"('true' if {value} else 'false')"
        if type_ is int:
            return f"str({value})"
        if type_ in (dt.date, dt.datetime, dt.date | dt.datetime):
            return f"('\"' + {value}.isoformat() + '\"')"
        arguments = get_args(type_)
        if get_origin(type_) is tuple:
            item = arguments[0]
            items = (
                f"map(_escape, {value})"
                if _is_text(item)
                else f"[{self.writer(item)}(item, depth + 2) for item in {value}]"
            )
            return (
                f"(_OPEN_LIST[depth + 2] + _SEP[depth + 2].join({items}) + _CLOSE_LIST[depth + 1] if {value} else '[]')"
            )
        if type(None) in arguments:
            return f"('null' if {value} is None else {self.expression(_without_none(type_), value)})"
        if attrs.has(type_):
            return f"{self.writer(type_)}({value}, depth + 1)"
        raise TypeError(f"no JSON writer for {type_!r}")

    def _source(self, name: str, cls: type) -> str:
        attrs.resolve_types(cls)
        fields = [field for field in attrs.fields(cls) if field.init]
        leading = list(itertools.takewhile(lambda field: field.default is attrs.NOTHING, fields))
        # Required fields at the start go into the list as it is made; the others are added when not at their default.
        first = ", ".join(self._member(field.name, field.type, f"obj.{field.name}") for field in leading)
        lines = [f"def {name}(obj, depth):", f"    parts = [{first}]"]
        for field in fields[len(leading) :]:
            lines.append(f"    value = obj.{field.name}")
            if field.default is attrs.NOTHING:
                lines.append(f"    parts.append({self._member(field.name, field.type, 'value')})")
            elif field.default is None:
                # A value left at None is not written, so the others are written as the type without None.
                member = self._member(field.name, _without_none(field.type), "value")
                lines += ["    if value is not None:", f"        parts.append({member})"]
            else:
                default = f"_default_{name}_{field.name}"
                self.namespace[default] = field.default
                member = self._member(field.name, field.type, "value")
                lines += [f"    if value != {default}:", f"        parts.append({member})"]
        lines += [
            "    if not parts:",
            "        return '{}'",
            "    return _OPEN_OBJECT[depth + 1] + _SEP[depth + 1].join(parts) + _CLOSE_OBJECT[depth]",
        ]
        return "\n".join(lines) + "\n"

    def _member(self, key: str, type_: Any, value: str) -> str:
        return f"{json.dumps(key) + ': '!r} + {self.expression(type_, value)}"


_COMPILER = _Compiler()


def json_writer(cls: type) -> Writer:
    """The compiled function that writes objects of the attrs class *cls* as indented JSON."""
    writer: Writer = _COMPILER.namespace[_COMPILER.writer(cls)]
    return writer


def write_document(obj: Any, header: dict[str, int]) -> str:
    """*obj* as an indented JSON document with a final newline, the keys of *header* first."""
    body = json_writer(type(obj))(obj, 0)
    head = ",\n".join(f"{_INDENT}{json.dumps(key)}: {value}" for key, value in header.items())
    if body == "{}":
        return "{\n" + head + "\n}\n"
    return "{\n" + head + ",\n" + body[2:] + "\n"
