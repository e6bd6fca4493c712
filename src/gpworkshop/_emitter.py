"""YAML and JSON text written straight from model objects, by functions generated for each class.

The general writers need plain data first, and then spend most of their time
deciding, value by value, what the data is: ``json.dumps`` indents with its
pure-Python encoder (the C encoder cannot indent), and PyYAML's emitter runs
an event machine over every node. The model says ahead of time what each
field holds, so for each class this module compiles one function that reads
the fields and returns the text: about one string per field.

The text is exactly that of the general writers on
:func:`~gpworkshop.serialize.unstructure` output (the tests hold both to it):
same key order, fields at their default left out, vocabularies as their
values, dates in ISO 8601. A YAML string whose style takes more than plain or
single-quoted text on one line, folded at the width (line breaks, escapes,
runs of spaces), is written by PyYAML itself, in the same place.
"""

from __future__ import annotations

import abc
import datetime as dt
import functools
import itertools
import json.encoder
import operator
import re
import threading
from collections.abc import Callable
from typing import Any, get_args, get_origin

import attrs
import yaml

from gpworkshop._text import YAML_WIDTH, write_yaml
from gpworkshop.vocab import Vocabulary

__all__ = ["write_json", "write_yaml_document"]

_INDENT = "  "
#: Deeper than any model object nests.
_DEPTH = 32
#: A compiled writer: the object, and the depth of the line it starts on.
Writer = Callable[[Any, int], str]


def _is_text(type_: Any) -> bool:
    return type_ is str or (isinstance(type_, type) and issubclass(type_, Vocabulary))


def _is_when(type_: Any) -> bool:
    return type_ in (dt.date, dt.datetime, dt.date | dt.datetime)


def _without_none(type_: Any) -> Any:
    return functools.reduce(operator.or_, [argument for argument in get_args(type_) if argument is not type(None)])


class _Compiler(abc.ABC):
    """Generates and keeps the writer of each class; subclasses say how a field and an object are spelled."""

    language = ""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.namespace = namespace
        self.writers: dict[type, str] = {}
        # A writer is named before it is compiled, so that classes can nest; threads wait for one another.
        self.lock = threading.RLock()

    def writer(self, cls: type) -> str:
        """The name, in the namespace, of the function that writes an object of the attrs class *cls*."""
        if cls not in self.writers:
            name = self.writers[cls] = f"_write_{len(self.writers)}"
            source = self._source(name, cls)
            where = f"<gpworkshop {self.language} writer for {cls.__qualname__}>"
            exec(compile(source, where, "exec"), self.namespace)
        return self.writers[cls]

    def compiled(self, cls: type) -> Writer:
        """The compiled function that writes objects of the attrs class *cls*."""
        with self.lock:
            writer: Writer = self.namespace[self.writer(cls)]
        return writer

    def member(self, name: str, type_: Any, value: str) -> str:
        """Python source for one field of an object at ``depth``: its key, then its value."""
        key = self.key(name)
        return f"{key!r} + {self.value(type_, value, key)}"

    def value(self, type_: Any, value: str, key: str) -> str:  # noqa: PLR0911  (one answer per kind of field)
        """Python source for the text of *value*, an expression of *type_*, after *key*."""
        if _is_text(type_):
            return self.text(value, len(key), plain=type_ is str)
        if type_ is bool:
            return self.boolean(value)
        if type_ is int:
            return self.number(value)
        if _is_when(type_):
            return self.when(value)
        if get_origin(type_) is tuple:
            return self.items(get_args(type_)[0], value)
        if type(None) in get_args(type_):
            return f"({self.nothing()!r} if {value} is None else {self.value(_without_none(type_), value, key)})"
        if attrs.has(type_):
            return self.nested(f"{self.writer(type_)}({value}, depth + 1)")
        raise TypeError(f"no {self.language} writer for {type_!r}")

    @abc.abstractmethod
    def key(self, name: str) -> str:
        """The text before the value of the field *name*."""

    @abc.abstractmethod
    def text(self, value: str, after: int, *, plain: bool) -> str:
        """Python source for text, *after* columns into the line; a vocabulary member unless *plain*."""

    @abc.abstractmethod
    def boolean(self, value: str) -> str:
        """Python source for a boolean."""

    @abc.abstractmethod
    def number(self, value: str) -> str:
        """Python source for a whole number."""

    @abc.abstractmethod
    def when(self, value: str) -> str:
        """Python source for a date, or a date and time."""

    @abc.abstractmethod
    def items(self, item: Any, value: str) -> str:
        """Python source for a tuple of *item*."""

    @abc.abstractmethod
    def nothing(self) -> str:
        """The text of ``None``."""

    @abc.abstractmethod
    def nested(self, text: str) -> str:
        """Python source for an object whose text *text* gives, written one level in."""

    @abc.abstractmethod
    def join(self) -> str:
        """Python source that makes the text of an object at ``depth`` from its non-empty list ``parts``."""

    def _source(self, name: str, cls: type) -> str:
        attrs.resolve_types(cls)
        fields = [field for field in attrs.fields(cls) if field.init]
        leading = list(itertools.takewhile(lambda field: field.default is attrs.NOTHING, fields))
        # Required fields at the start go into the list as it is made; the others are added when not at their default.
        first = ", ".join(self.member(field.name, field.type, f"obj.{field.name}") for field in leading)
        lines = [f"def {name}(obj, depth):", f"    parts = [{first}]"]
        for field in fields[len(leading) :]:
            lines.append(f"    value = obj.{field.name}")
            if field.default is attrs.NOTHING:
                lines.append(f"    parts.append({self.member(field.name, field.type, 'value')})")
            elif field.default is None:
                # A value left at None is not written, so the others are written as the type without None.
                member = self.member(field.name, _without_none(field.type), "value")
                lines += ["    if value is not None:", f"        parts.append({member})"]
            else:
                default = f"_default_{name}_{field.name}"
                self.namespace[default] = field.default
                member = self.member(field.name, field.type, "value")
                lines += [f"    if value != {default}:", f"        parts.append({member})"]
        lines += ["    if not parts:", "        return '{}'", f"    return {self.join()}"]
        return "\n".join(lines) + "\n"


class _JSON(_Compiler):
    """Indented JSON, as ``json.dumps(data, indent=2, ensure_ascii=False)`` writes it."""

    language = "JSON"

    def __init__(self) -> None:
        # The C string encoder, when the accelerator is built; json.dumps uses the same.
        super().__init__(
            {
                "_escape": json.encoder.encode_basestring,
                "_SEP": tuple(",\n" + _INDENT * depth for depth in range(_DEPTH)),
                "_OPEN_OBJECT": tuple("{\n" + _INDENT * depth for depth in range(_DEPTH)),
                "_CLOSE_OBJECT": tuple("\n" + _INDENT * depth + "}" for depth in range(_DEPTH)),
                "_OPEN_LIST": tuple("[\n" + _INDENT * depth for depth in range(_DEPTH)),
                "_CLOSE_LIST": tuple("\n" + _INDENT * depth + "]" for depth in range(_DEPTH)),
            }
        )

    def key(self, name: str) -> str:
        return json.dumps(name) + ": "

    def text(self, value: str, after: int, *, plain: bool) -> str:
        return f"_escape({value})"

    def boolean(self, value: str) -> str:
        return f"('true' if {value} else 'false')"

    def number(self, value: str) -> str:
        return f"str({value})"

    def when(self, value: str) -> str:
        return f"('\"' + {value}.isoformat() + '\"')"

    def items(self, item: Any, value: str) -> str:
        each = f"map(_escape, {value})" if _is_text(item) else f"[{self.writer(item)}(i, depth + 2) for i in {value}]"
        joined = f"_SEP[depth + 2].join({each})"
        return f"(_OPEN_LIST[depth + 2] + {joined} + _CLOSE_LIST[depth + 1] if {value} else '[]')"

    def nothing(self) -> str:
        return "null"

    def nested(self, text: str) -> str:
        return text

    def join(self) -> str:
        return "_OPEN_OBJECT[depth + 1] + _SEP[depth + 1].join(parts) + _CLOSE_OBJECT[depth]"


# What PyYAML's emitter checks before it writes a string plain; see Emitter.analyze_scalar.
# Characters it writes as they are (allow_unicode on), with no tab, line break or byte order mark:
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]+")
# Indicators that rule out the plain style: at the start, or ": " and " #" anywhere.
_INDICATOR = re.compile(r"^(?:[#,\[\]{}&*!|>'\"%@`]|[?:-](?: |$)|---|\.\.\.)|: |:$| #")
_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern[str]]]] = yaml.resolver.Resolver.yaml_implicit_resolvers
_TEXT_TAG = "tag:yaml.org,2002:str"


def _resolves_to_text(text: str) -> bool:
    """Whether a YAML reader takes *text*, written plain, for text rather than a number, date or boolean."""
    for tag, pattern in _RESOLVERS.get(text[0], []) + _RESOLVERS.get(None, []):
        if pattern.match(text):
            return tag == _TEXT_TAG
    return True


def _fold(words: list[str], column: int, indent: int) -> str:
    """*words* joined by spaces, a line broken where PyYAML breaks it: at a space after the width is passed."""
    lines = [words[0]]
    column += len(words[0])
    for word in words[1:]:
        if column > YAML_WIDTH:
            lines.append("\n" + " " * indent + word)
            column = indent + len(word)
        else:
            lines.append(" " + word)
            column += 1 + len(word)
    return "".join(lines)


def _yaml_scalar(text: str, column: int, indent: int) -> str:
    """*text* as PyYAML writes it when it starts at *column* and its next lines at *indent*."""
    if not text or "  " in text or text[0] == " " or text[-1] == " " or not _PRINTABLE.fullmatch(text):
        return _yaml_scalar_by_pyyaml(text, column, indent)
    if _INDICATOR.search(text) is None and _resolves_to_text(text):
        # Lines break only at a space once past the width, so text that ends before it is never folded.
        return text if column + len(text) <= YAML_WIDTH + 1 else _fold(text.split(" "), column, indent)
    quoted = text.replace("'", "''")
    if column + 1 + len(quoted) <= YAML_WIDTH + 1:
        return "'" + quoted + "'"
    return "'" + _fold(quoted.split(" "), column + 1, indent) + "'"


def _yaml_scalar_by_pyyaml(text: str, column: int, indent: int) -> str:
    """What PyYAML writes for *text* in the same place: a mapping value or a sequence item at the same columns."""
    data: dict[str, Any]
    if column == indent:
        # A sequence item: "- " before it, in a sequence under a key two columns to the left.
        depth, key, data = (indent - 4) // 2, "k", {"k": [text]}
        prefix = " " * (indent - 2) + "- "
    else:
        depth, key = (indent - 2) // 2, "k" * (column - indent)
        data = {key: text}
        prefix = " " * (indent - 2) + key + ": "
    for _ in range(depth):
        data = {"k": data}
    lines = write_yaml(data).split("\n")[depth + 1 if column == indent else depth :]
    written = "\n".join(lines).rstrip("\n")
    # A block scalar that keeps its final line breaks ends a document with "...", which is not part of the value.
    if written.endswith("\n..."):
        written = written[: -len("\n...")]
    return written[len(prefix) :]


class _YAML(_Compiler):
    """Block YAML, as :func:`~gpworkshop._text.write_yaml` writes it: sequences indented under their key."""

    language = "YAML"

    def __init__(self) -> None:
        super().__init__(
            {
                "_scalar": _yaml_scalar,
                "_BREAK": tuple("\n" + _INDENT * depth for depth in range(_DEPTH)),
                "_ITEM": tuple("\n" + _INDENT * depth + "- " for depth in range(_DEPTH)),
                "_nested": _nested,
                "_datetime": dt.datetime,
            }
        )

    def key(self, name: str) -> str:
        # Field names are keys too: PyYAML quotes those a reader would take for something else, such as 'on'.
        return write_yaml({name: 0}).removesuffix(" 0\n")

    def text(self, value: str, after: int, *, plain: bool) -> str:
        # The value starts after "key: " (or "- ") and goes on, when folded, one level in.
        text = value if plain else f"{value}._value_"  # PyYAML writes plain strings, not vocabulary members
        if after == 0:
            return f"_scalar({text}, 2 * depth + 4, 2 * depth + 4)"
        return f"' ' + _scalar({text}, 2 * depth + {after + 1}, 2 * depth + 2)"

    def boolean(self, value: str) -> str:
        return f"(' true' if {value} else ' false')"

    def number(self, value: str) -> str:
        return f"' ' + str({value})"

    def when(self, value: str) -> str:
        # PyYAML writes a date plain, and a date and time with a space before the time.
        return f"' ' + ({value}.isoformat(' ') if isinstance({value}, _datetime) else {value}.isoformat())"

    def items(self, item: Any, value: str) -> str:
        each = self.text("item", 0, plain=item is str) if _is_text(item) else f"{self.writer(item)}(item, depth + 2)"
        return f"(''.join([_ITEM[depth + 1] + {each} for item in {value}]) if {value} else ' []')"

    def nothing(self) -> str:
        return " null"

    def nested(self, text: str) -> str:
        return f"_nested({text}, depth)"

    def join(self) -> str:
        return "_BREAK[depth].join(parts)"


def _nested(text: str, depth: int) -> str:
    """The text after the key of a mapping: on the lines below, one level in; or `` {}`` when it is empty."""
    if text == "{}":
        return " {}"
    return "\n" + _INDENT * (depth + 1) + text


_JSON_COMPILER = _JSON()
_YAML_COMPILER = _YAML()
# A literal block that keeps its final line breaks, which PyYAML follows with "..." at the end of a document.
_KEEPING_BLOCK = re.compile(r"[|>][1-9]?\+$", re.MULTILINE)


def write_json(obj: Any, header: dict[str, int]) -> str:
    """*obj* as an indented JSON document with a final newline, the keys of *header* first."""
    body = _JSON_COMPILER.compiled(type(obj))(obj, 0)
    head = ",\n".join(f"{_INDENT}{json.dumps(key)}: {value}" for key, value in header.items())
    if body == "{}":
        return "{\n" + head + "\n}\n"
    return "{\n" + head + ",\n" + body[2:] + "\n"


def write_yaml_document(obj: Any, header: dict[str, int], unstructured: Callable[[], Any]) -> str:
    """*obj* as a YAML document, the keys of *header* first.

    *unstructured* gives the plain data of *obj*, for the rare document that
    PyYAML ends with ``...``: it is then written by PyYAML whole.
    """
    body = _YAML_COMPILER.compiled(type(obj))(obj, 0)
    head = "".join(f"{key}: {value}\n" for key, value in header.items())
    text = head if body == "{}" else head + body + "\n"
    if _KEEPING_BLOCK.search(text):
        return write_yaml({**header, **unstructured()})
    return text
