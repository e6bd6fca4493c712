"""JSON text written straight from model objects, by functions generated for each class; YAML beside it.

The general writers need plain data first, and then spend most of their time
deciding, value by value, what the data is: ``json.dumps`` indents with its
pure-Python encoder (the C encoder cannot indent), and PyYAML's emitter runs
an event machine over every node. The model says ahead of time what each
field holds, so for each class this module compiles one function that reads
the fields and writes the text: about one string per field.

The text is exactly that of the general writers on
:func:`~gpworkshop.serialize.unstructure` output (the tests hold both to it):
same key order, fields at their default left out, vocabularies as their
values, dates in ISO 8601. A YAML string whose style takes more than plain or
single-quoted text on one line, folded at the width (line breaks, escapes,
runs of spaces), is written by PyYAML itself, in the same place.

This module holds what both writers share, :class:`Compiler`, and the JSON
writer; :mod:`gpworkshop._yaml_emitter` holds the YAML writer.
"""

from __future__ import annotations

import abc
import ast
import datetime as dt
import functools
import json.encoder
import linecache
import operator
import re
import threading
from collections.abc import Callable
from typing import Any, get_args, get_origin

import attrs

from gpworkshop import _validators as check
from gpworkshop.model import TRANSLATABLE
from gpworkshop.multilingual import Translatable
from gpworkshop.vocab import Vocabulary

__all__ = ["DEPTH", "INDENT", "Compiler", "Header", "is_text", "noted", "write_json", "wrote_translations"]

INDENT = "  "
#: Deeper than any model object nests.
DEPTH = 32
#: A compiled writer: the object, the depth of the line it starts on, and for JSON the list it appends to.
Writer = Callable[..., Any]
#: What a header is made from: whether the record holds texts in several languages.
Header = Callable[[bool], dict[str, Any]]


class _Translations:
    """The type a human-readable field is written as: a plain string, or a mapping of languages to text."""


# Whether the writer of this thread has written a text in several languages since it was last asked.
_WROTE = threading.local()


def wrote_translations() -> bool:
    wrote = getattr(_WROTE, "translations", False)
    _WROTE.translations = False
    return bool(wrote)


def noted(texts: Any) -> Any:
    """The texts of a :class:`Translatable`, noting that the record holds one."""
    _WROTE.translations = True
    return texts.items()


def is_text(type_: Any) -> bool:
    return type_ is str or (isinstance(type_, type) and issubclass(type_, Vocabulary))


def _is_when(type_: Any) -> bool:
    return type_ in (dt.date, dt.datetime, dt.date | dt.datetime)


def _without_none(type_: Any) -> Any:
    return functools.reduce(operator.or_, [argument for argument in get_args(type_) if argument is not type(None)])


#: The checks of a field that hold it to ids: lowercase letters, digits and hyphens.
_ID_CHECKS = (check.slug, check.optional_slug, check.slugs)


def _bare(cls: type, name: str) -> bool:
    """Whether the text of the field *name* of *cls* never needs escaping: ids, and values of vocabularies."""
    field = attrs.fields_dict(cls)[name]
    if field.validator in _ID_CHECKS:
        return True
    type_ = field.type
    inner = get_args(type_)[0] if get_origin(type_) is tuple else type_
    inner = _without_none(inner) if type(None) in get_args(inner) else inner
    return isinstance(inner, type) and issubclass(inner, Vocabulary)


class Compiler(abc.ABC):
    """Generates and keeps the writer of each class; subclasses say how a field and an object are spelled."""

    language = ""

    def __init__(self, namespace: dict[str, Any]) -> None:
        self.namespace = namespace
        self.writers: dict[tuple[type, int | None], str] = {}
        # A writer is named before it is compiled, so that classes can nest; threads wait for one another.
        self.lock = threading.RLock()

    def writer(self, cls: type, depth: int | None = None) -> str:
        """The name, in the namespace, of the function that writes an object of the attrs class *cls*.

        A writer for a *depth* writes objects at that depth only, its indentation written into it.
        """
        if (cls, depth) not in self.writers:
            name = self.writers[cls, depth] = f"_write_{len(self.writers)}"
            source = self._source(name, cls, depth)
            at = "" if depth is None else f" at depth {depth}"
            where = f"<gpworkshop {self.language} writer for {cls.__qualname__}{at}>"
            # Registered with linecache, as attrs does for its generated methods, so that a traceback through
            # the writer shows its lines.
            linecache.cache[where] = (len(source), None, source.splitlines(keepends=True), where)
            exec(compile(source, where, "exec"), self.namespace)
        return self.writers[cls, depth]

    def compiled(self, cls: type, depth: int | None = None) -> Writer:
        """The compiled function that writes objects of the attrs class *cls* (at *depth*, for a writer by depth)."""
        with self.lock:
            writer: Writer = self.namespace[self.writer(cls, depth)]
        return writer

    def member(self, name: str, type_: Any, value: str) -> str:
        """Python source for one field of an object at ``depth``: its key, then its value."""
        key = self.key(name)
        return f"{key!r} + {self.value(type_, value, key)}"

    def value(self, type_: Any, value: str, key: str) -> str:  # noqa: PLR0911  (one answer per kind of field)
        """Python source for the text of *value*, an expression of *type_*, after *key*."""
        if type_ is _Translations:
            plain = self.text(value, len(key), plain=True)
            return f"({self.translations(value)} if {value}.__class__ is _Translatable else {plain})"
        if is_text(type_):
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
    def translations(self, value: str) -> str:
        """Python source for the mapping of languages to text of the :class:`Translatable` *value*."""

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
    def _source(self, name: str, cls: type, depth: int | None) -> str:
        """Python source of the function *name* that writes an object of *cls* (at *depth*, when it is given)."""

    def _fields(self, cls: type) -> list[tuple[str, Any, str | None]]:
        """Each field of *cls* written to files: its name, the type it is written as, and when it is written.

        The test is Python source on ``value``, or ``None`` for a required field.
        A field at its default is left out; a value left at None is not written,
        so the others are written as the type without None.
        """
        attrs.resolve_types(cls)
        plan: list[tuple[str, Any, str | None]] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            type_ = _Translations if field.metadata.get(TRANSLATABLE) else field.type
            if field.default is attrs.NOTHING:
                plan.append((field.name, type_, None))
            elif field.default is None:
                plan.append(
                    (field.name, _Translations if type_ is _Translations else _without_none(type_), "value is not None")
                )
            else:
                default = f"_default_{cls.__name__}_{field.name}"
                self.namespace[default] = field.default
                plan.append((field.name, field.type, f"value != {default}"))
        return plan


# What comes before the first item of an object or list at each depth, between items, and at the end.
_FIRST = tuple("\n" + INDENT * depth for depth in range(DEPTH))
_SEP = tuple(",\n" + INDENT * depth for depth in range(DEPTH))
_CLOSE_OBJECT = tuple("\n" + INDENT * depth + "}" for depth in range(DEPTH))
_OPEN_LIST = tuple("[\n" + INDENT * depth for depth in range(DEPTH))
_CLOSE_LIST = tuple("\n" + INDENT * depth + "]" for depth in range(DEPTH))


_SEPARATORS = {
    "_FIRST": _FIRST,
    "_SEP": _SEP,
    "_CLOSE_OBJECT": _CLOSE_OBJECT,
    "_OPEN_LIST": _OPEN_LIST,
    "_CLOSE_LIST": _CLOSE_LIST,
}
_SEPARATOR_AT_DEPTH = re.compile(r"(_FIRST|_SEP|_CLOSE_OBJECT|_OPEN_LIST|_CLOSE_LIST)\[depth \+ ([0-9])\]")


def _is_literal(source: str) -> bool:
    """Whether the Python *source* is a string literal."""
    return source[:1] in "'\"" and source[:1] != ""


def _merged(pieces: list[str]) -> str:
    """Python source for the tuple items *pieces*, the literals next to each other made one."""
    merged: list[str] = []
    for piece in pieces:
        if merged and _is_literal(merged[-1]) and _is_literal(piece):
            piece = repr(ast.literal_eval(merged.pop()) + ast.literal_eval(piece))  # noqa: PLW2901
        merged.append(piece)
    return ", ".join(merged)


def _joined(before: str, text: str) -> str:
    """Python source for the text of the expression *before* followed by *text*: one literal when it is one."""
    if _is_literal(before):
        return repr(ast.literal_eval(before) + text)
    return f"{before} + {text!r}"


class _JSON(Compiler):
    """Indented JSON, as ``json.dumps(data, indent=2, ensure_ascii=False)`` writes it.

    The writers append to one list of pieces, joined once at the end: a
    record of many events is one long text, and building it level by level
    would copy it again at every level. Each stakeholder and event of the
    record is the exception: written to a list of its own and joined, it is
    copied once more, which costs less than a list of pieces as long as the
    whole record.
    """

    language = "JSON"

    def __init__(self) -> None:
        # The C string encoder, when the accelerator is built; json.dumps uses the same.
        super().__init__(
            {
                "_escape": json.encoder.encode_basestring,
                "_FIRST": _FIRST,
                "_SEP": _SEP,
                "_CLOSE_OBJECT": _CLOSE_OBJECT,
                "_OPEN_LIST": _OPEN_LIST,
                "_CLOSE_LIST": _CLOSE_LIST,
                "_Translatable": Translatable,
                "noted": noted,
            }
        )

    def _source(self, name: str, cls: type, depth: int | None) -> str:
        # Each field is written after a line break, and after a comma too unless it is the first written. Whether
        # one has been written is known here after a required field; after an optional one, ``sep`` tells. The
        # writer is for one depth, so the indentation is in its text; the pieces of the fields written always
        # are added to ``out`` at once.
        assert depth is not None
        first, rest = _FIRST[depth + 1], _SEP[depth + 1]
        lines = [f"def {name}(obj, out):", f"    depth = {depth}", f"    sep = {first!r}"]
        pieces = ["'{'"]

        def flush() -> None:
            if pieces:
                lines.append(f"    out += ({_merged(pieces)},)")
            pieces.clear()

        written: bool | None = False
        for field, type_, test in self._fields(cls):
            before = repr(rest) if written else repr(first) if written is False else "sep"
            if test is None and self._branching(type_):
                # The pieces so far go out with the field, in whichever of its two spellings.
                lines.append(f"    value = obj.{field}")
                lines += [
                    f"    {statement}" for statement in self._branches(pieces, before, (cls, field), type_, depth)
                ]
                pieces.clear()
                written = True
                continue
            if test is None and self._plain(type_):
                pieces.extend([_joined(before, self.key(field)), *self._pieces(cls, field, type_, f"obj.{field}")])
                written = True
                continue
            flush()
            statements = self._field((cls, field), type_, before, depth)
            lines.append(f"    value = obj.{field}")
            if test is None:
                lines += [f"    {statement}" for statement in statements]
                written = True
            else:
                if not written:
                    statements.append(f"sep = {rest!r}")
                lines += [f"    if {test}:", *(f"        {statement}" for statement in statements)]
                written = True if written else None
        close = _CLOSE_OBJECT[depth]
        end = {True: repr(close), False: "'}'", None: f"'}}' if sep == {first!r} else {close!r}"}
        pieces.append(end[written])
        flush()
        source = "\n".join(lines) + "\n"
        # The separators of the depths below this one are known too.
        return _SEPARATOR_AT_DEPTH.sub(lambda match: repr(_SEPARATORS[match[1]][depth + int(match[2])]), source)

    @staticmethod
    def _plain(type_: Any) -> bool:
        """Whether a field of *type_* is written by an expression, not by statements that write objects."""
        arguments = get_args(type_)
        return not (
            attrs.has(type_)
            or (type(None) in arguments and attrs.has(_without_none(type_)))
            or (get_origin(type_) is tuple and attrs.has(arguments[0]))
        )

    def _field(self, field: tuple[type, str], type_: Any, sep: str, depth: int) -> list[str]:
        """Python statements that add *sep* and the *field* (class and name) of *type_*, in ``value``, to ``out``."""
        cls, name = field
        key = self.key(name)
        arguments = get_args(type_)
        if type(None) in arguments and attrs.has(_without_none(type_)):
            inner = self._field(field, _without_none(type_), sep, depth)
            return [
                "if value is None:",
                f"    out.append({_joined(sep, key + 'null')})",
                "else:",
                *(f"    {statement}" for statement in inner),
            ]
        if attrs.has(type_):
            return [f"out.append({_joined(sep, key)})", f"{self.writer(type_, depth + 1)}(value, out)"]
        if get_origin(type_) is tuple and attrs.has(arguments[0]):
            writer = self.writer(arguments[0], depth + 2)
            item = f"{writer}(item, out)"
            if depth == 0:
                # The record's own lists, of stakeholders and events, are long: each item is written to a list
                # of its own, joined at once, so that the list written to stays small and near at hand in memory
                # rather than growing to hundreds of thousands of pieces.
                item = f"part = []; {writer}(item, part); out.append(''.join(part))"
            return [
                "if value:",
                f"    out.append({_joined(sep, key + '[')})",
                f"    item_sep = {_FIRST[depth + 2]!r}",
                "    for item in value:",
                "        out.append(item_sep)",
                f"        item_sep = {_SEP[depth + 2]!r}",
                f"        {item}",
                f"    out.append({_CLOSE_LIST[depth + 1]!r})",
                "else:",
                f"    out.append({_joined(sep, key + '[]')})",
            ]
        if self._branching(type_):
            return self._branches([], sep, field, type_, depth)
        return [f"out += ({_merged([_joined(sep, key), *self._pieces(cls, name, type_, 'value')])},)"]

    def _pieces(self, cls: type, name: str, type_: Any, value: str) -> list[str]:
        """Python source for the pieces of the text of the field *name* of *cls*, of *type_*, in *value*.

        An id or a value of a vocabulary never needs escaping, and a date
        never does: each is added as it is, between quotes, with no new string
        made to hold it.
        """
        if _is_when(type_):
            return ["'\"'", f"{value}.isoformat()", "'\"'"]
        if is_text(type_) and _bare(cls, name):
            return ["'\"'", value, "'\"'"]
        return [self.value(type_, value, self.key(name))]

    @staticmethod
    def _branching(type_: Any) -> bool:
        """Whether a field of *type_* is written in one of two spellings, by :meth:`_branches`."""
        return type_ is _Translations or (get_origin(type_) is tuple and is_text(get_args(type_)[0]))

    def _branches(self, pieces: list[str], sep: str, field: tuple[type, str], type_: Any, depth: int) -> list[str]:
        """Statements adding *pieces*, *sep* and the *field* (class, name) of *type_*, in ``value``, to ``out``.

        The text of the field is added in pieces, not made into one string
        first: it is then copied once, when the pieces are joined, not twice.
        Most human-readable text needs no escaping, and is added as it is.
        """
        cls, name = field
        key = self.key(name)
        if type_ is _Translations:
            test = "value.__class__ is str and value.isprintable() and '\"' not in value and '\\\\' not in value"
            then = [_joined(sep, key + '"'), "value", "'\"'"]
            otherwise = [_joined(sep, key), self.value(_Translations, "value", key)]
        else:
            test = "value"
            if _bare(cls, name):
                items = f"({chr(34) + _SEP[depth + 2] + chr(34)!r}.join(value))"
                then = [_joined(sep, key + _OPEN_LIST[depth + 2] + '"'), items, repr('"' + _CLOSE_LIST[depth + 1])]
            else:
                items = f"({_SEP[depth + 2]!r}.join(map(_escape, value)))"
                then = [_joined(sep, key + _OPEN_LIST[depth + 2]), items, repr(_CLOSE_LIST[depth + 1])]
            otherwise = [_joined(sep, key + "[]")]
        return [
            f"if {test}:",
            f"    out += ({_merged([*pieces, *then])},)",
            "else:",
            f"    out += ({_merged([*pieces, *otherwise])},)",
        ]

    def key(self, name: str) -> str:
        return json.dumps(name) + ": "

    def text(self, value: str, after: int, *, plain: bool) -> str:
        return f"_escape({value})"

    def translations(self, value: str) -> str:
        pairs = f"_escape(tag) + ': ' + _escape(text) for tag, text in noted({value}.texts)"
        return f"('{{' + _FIRST[depth + 2] + _SEP[depth + 2].join([{pairs}]) + _CLOSE_OBJECT[depth + 1])"

    def boolean(self, value: str) -> str:
        return f"('true' if {value} else 'false')"

    def number(self, value: str) -> str:
        return f"str({value})"

    def when(self, value: str) -> str:
        return f"('\"' + {value}.isoformat() + '\"')"

    def items(self, item: Any, value: str) -> str:
        # Only lists of text reach here; lists of objects are written by _field.
        joined = f"_SEP[depth + 2].join(map(_escape, {value}))"
        return f"(_OPEN_LIST[depth + 2] + {joined} + _CLOSE_LIST[depth + 1] if {value} else '[]')"

    def nothing(self) -> str:
        return "null"

    def nested(self, text: str) -> str:
        raise TypeError("objects are written by statements, not expressions")


_JSON_COMPILER = _JSON()


def write_json(obj: Any, header: Header) -> str:
    """*obj* as an indented JSON document with a final newline, the keys *header* gives first."""
    out: list[str] = []
    wrote_translations()
    _JSON_COMPILER.compiled(type(obj), 0)(obj, out)
    head = ",\n".join(f"{INDENT}{json.dumps(key)}: {value}" for key, value in header(wrote_translations()).items())
    if out == ["{", "}"]:
        return "{\n" + head + "\n}\n"
    # The first field follows the header: it is already preceded by a line break.
    out[0] = "{\n" + head + ","
    out.append("\n")
    return "".join(out)
