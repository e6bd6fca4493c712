"""The one cattrs converter between model objects and plain data.

Built on first use, configured with hooks. Structuring is strict and decides types
from the model: text fields take only text, a number field takes a number or
the text of a whole number (what YAML plain scalars give), date fields take
ISO 8601 text, vocabularies take their file spelling. Each failure raises a
:class:`ConversionError` with a problem code, so that :mod:`gpworkshop.serialize`
can turn cattrs' grouped errors into located problems.

Unstructuring omits fields at their default, keeps the model's field order,
writes vocabularies as their values and sequences as lists, and leaves dates
as :class:`datetime.date` objects for the YAML and JSON writers to spell.
"""

from __future__ import annotations

import datetime as dt
import functools
import operator
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any, get_args, get_origin

import attrs
import cattrs
from cattrs.errors import IterableValidationError, IterableValidationNote
from cattrs.gen import make_dict_structure_fn, override

from gpworkshop import codes, limits
from gpworkshop._migrations import TRANSLATIONS_SINCE
from gpworkshop._wording import DATE, DATETIME, describe, excerpt, spaced, suggest, with_article
from gpworkshop.errors import GPWorkshopError
from gpworkshop.model import TRANSLATABLE
from gpworkshop.multilingual import DEFAULT_LANGUAGE, Translatable, is_language_tag, text_problems
from gpworkshop.vocab import Vocabulary

__all__ = [
    "ConversionError",
    "converter",
    "reading_version",
    "record_language",
    "translatable_text",
]

# The language of the record being structured, and whether its format version allows translations.
_LANGUAGE: ContextVar[str] = ContextVar("gpworkshop_language", default=DEFAULT_LANGUAGE)
_TRANSLATIONS_ALLOWED: ContextVar[bool] = ContextVar("gpworkshop_translations_allowed", default=True)

_INTEGER = re.compile(r"[+-]?[0-9]+")
_When = dt.date | dt.datetime


class ConversionError(GPWorkshopError, ValueError):
    """A value the converter cannot take, with the problem code that says why."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def _wrong_type(expected: str, value: object, hint: str = "") -> ConversionError:
    return ConversionError(codes.WRONG_TYPE, f"expected {expected}, got {describe(value)}{hint}")


def _text(value: object, _type: type) -> str:
    if isinstance(value, str):
        return value
    hint = "; put it in quotes to keep it as text" if isinstance(value, bool | int | float) else ""
    raise _wrong_type("text", value, hint)


def translatable_text(value: object, _type: object = None) -> str | None:
    """A human-readable field: text, ``None`` for an optional field left empty, or a :class:`Translatable`."""
    if value is None or isinstance(value, str):
        return value
    problems = text_problems(value)
    if problems:
        raise ConversionError(codes.BAD_LANGUAGE if problems[0].at_key else codes.WRONG_TYPE, problems[0].message)
    if not _TRANSLATIONS_ALLOWED.get():
        raise ConversionError(
            codes.TRANSLATIONS_NEED_VERSION,
            f"a text in several languages needs format version {TRANSLATIONS_SINCE}; "
            f"change the first line to 'gpworkshop: {TRANSLATIONS_SINCE}'",
        )
    assert isinstance(value, dict)
    return Translatable(value, language=_LANGUAGE.get())


@contextmanager
def reading_version(version: int) -> Iterator[None]:
    """Structure data of format *version*: texts in several languages are refused before version 2."""
    token = _TRANSLATIONS_ALLOWED.set(version >= TRANSLATIONS_SINCE)
    try:
        yield
    finally:
        _TRANSLATIONS_ALLOWED.reset(token)


def integer_value(value: object, _type: type) -> int:
    """A whole number, or the text of one, as a number."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, str) and _INTEGER.fullmatch(value):
        too_long = limits.long_number(value)
        if too_long is not None:
            raise ConversionError(codes.LIMIT, too_long)
        return int(value)
    raise _wrong_type("a whole number", value)


def _boolean(value: object, _type: type) -> bool:
    if isinstance(value, bool):
        return value
    raise _wrong_type("true or false", value)


def _calendar(parse: Callable[[str], dt.date], text: str, what: str) -> dt.date:
    try:
        return parse(text)
    except ValueError as error:
        raise ConversionError(codes.BAD_DATE, f"{excerpt(text)} is not a real {what} ({error})") from None


def date_value(value: object, _type: type) -> dt.date:
    """A date, or its ISO 8601 text, as a date."""
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str) and DATE.fullmatch(value):
        return _calendar(dt.date.fromisoformat, value, "date")
    raise ConversionError(codes.BAD_DATE, f"expected a date such as 2014-11-06, got {describe(value)}")


def when_value(value: object, _type: type) -> dt.date:
    """A date or a date and time, or the ISO 8601 text of either, as a date or datetime."""
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str) and DATETIME.fullmatch(value):
        return _calendar(dt.datetime.fromisoformat, value, "date and time")
    if isinstance(value, str) and DATE.fullmatch(value):
        return _calendar(dt.date.fromisoformat, value, "date")
    raise ConversionError(
        codes.BAD_DATE,
        f"expected a date such as 2014-11-06 or a time such as 2014-11-06T09:30:00+09:00, got {describe(value)}",
    )


def _optional(hook: Callable[[object, type], Any]) -> Callable[[object, type], Any]:
    return lambda value, type_: None if value is None else hook(value, type_)


def _vocabulary(value: object, vocabulary: type[Vocabulary]) -> Vocabulary:
    # The enum's own value map is a dict look-up; calling the class costs far more.
    member = vocabulary._value2member_map_.get(value) if isinstance(value, str) else None
    if member is not None:
        return member  # type: ignore[return-value]
    if isinstance(value, vocabulary):
        return value
    values = _values_of(vocabulary)
    if isinstance(value, str):
        raise ConversionError(
            codes.UNKNOWN_VALUE,
            f"{excerpt(value)} is not {with_article(spaced(vocabulary.__name__))}{suggest(value, values)}; "
            f"use one of: {', '.join(values)}",
        )
    raise _wrong_type(f"one of {', '.join(values)}", value)


@functools.cache
def _values_of(vocabulary: type[Vocabulary]) -> tuple[str, ...]:
    """The values of *vocabulary*, in its order, listed once: a table may misspell one on every row."""
    return tuple(member.value for member in vocabulary)


def _is_tuple(type_: Any) -> bool:
    return get_origin(type_) is tuple


def _tuple_hook(converter: cattrs.Converter, type_: Any) -> Callable[[object, type], tuple[Any, ...]]:
    item_type = get_args(type_)[0]
    structure_item = converter.get_structure_hook(item_type)

    def structure(value: object, _type: type) -> tuple[Any, ...]:
        if not isinstance(value, list | tuple):
            raise _wrong_type("a list", value)
        items: list[Any] = []
        errors: list[Exception] = []
        for index, item in enumerate(value):
            try:
                items.append(structure_item(item, item_type))
            except Exception as error:  # noqa: BLE001  (every item's error is collected and reported)
                error.__notes__ = [*getattr(error, "__notes__", []), IterableValidationNote("", index, item_type)]
                errors.append(error)
        if errors:
            raise IterableValidationError(f"While structuring {type_!r}", errors, type_)
        return tuple(items)

    return structure


def _class_hook(converter: cattrs.Converter, cls: type) -> Callable[[object, type], Any]:
    attrs.resolve_types(cls)
    texts: dict[str, Any] = {
        field.name: override(struct_hook=translatable_text)
        for field in attrs.fields(cls)
        if field.metadata.get(TRANSLATABLE)
    }
    structure_fields: Callable[[Any, type], Any] = make_dict_structure_fn(
        cls, converter, _cattrs_forbid_extra_keys=True, **texts
    )
    noun = spaced(cls.__name__)
    states_language = any(field.name == "language" for field in attrs.fields(cls))

    def structure(value: object, _type: type) -> Any:
        if not isinstance(value, dict):
            raise _wrong_type(f"a mapping of the fields of {with_article(noun)}", value)
        if states_language:
            with record_language(value.get("language")):
                return structure_fields(value, cls)
        return structure_fields(value, cls)

    return structure


@contextmanager
def record_language(tag: object) -> Iterator[None]:
    """Give texts in several languages the value of their text in *tag*, the record's language, when it is one."""
    token = _LANGUAGE.set(tag if isinstance(tag, str) and is_language_tag(tag) else DEFAULT_LANGUAGE)
    try:
        yield
    finally:
        _LANGUAGE.reset(token)


_REQUIRED = object()


def _class_unstructure_hook(converter: cattrs.Converter, cls: type) -> Callable[[Any], dict[str, Any]]:
    """Unstructure in field order, leaving out fields at their default.

    cattrs' own generated function puts required fields first; files must
    keep the order of the model.
    """
    attrs.resolve_types(cls)
    plan = [
        (
            field.name,
            _text_data if field.metadata.get(TRANSLATABLE) else converter.get_unstructure_hook(field.type),
            _REQUIRED if field.default is attrs.NOTHING else field.default,
        )
        for field in attrs.fields(cls)
        if field.init
    ]

    def unstructure(obj: Any) -> dict[str, Any]:
        data: dict[str, Any] = {}
        for name, hook, default in plan:
            value = getattr(obj, name)
            if default is _REQUIRED or value != default:
                data[name] = hook(value)
        return data

    return unstructure


def _build() -> cattrs.Converter:
    converter = cattrs.Converter(forbid_extra_keys=True, omit_if_default=True)
    # Classes dispatch on their MRO, so Vocabulary (a str subclass) needs its own hook.
    hooks: list[tuple[type, Callable[[Any, Any], Any]]] = [
        (str, _text),
        (int, integer_value),
        (bool, _boolean),
        (dt.date, date_value),
        (Vocabulary, _vocabulary),
    ]
    for cls, hook in hooks:
        converter.register_structure_hook(cls, hook)
    for union, hook in ((_When, when_value), (_When | None, _optional(when_value))):
        converter.register_structure_hook_func(functools.partial(operator.eq, union), hook)
    converter.register_structure_hook_factory(_is_tuple, lambda type_: _tuple_hook(converter, type_))
    converter.register_structure_hook_factory(attrs.has, lambda cls: _class_hook(converter, cls))

    converter.register_unstructure_hook(dt.date, lambda value: value)
    converter.register_unstructure_hook(dt.datetime, lambda value: value)
    converter.register_unstructure_hook_factory(attrs.has, lambda cls: _class_unstructure_hook(converter, cls))
    converter.register_unstructure_hook(Vocabulary, _vocabulary_value)
    converter.register_unstructure_hook_factory(_is_tuple, lambda type_: _tuple_unstructure_hook(converter, type_))
    return converter


def _text_data(value: str | None) -> str | dict[str, str] | None:
    """A plain string as it is; a :class:`Translatable` as its mapping of languages."""
    return dict(value.texts) if isinstance(value, Translatable) else value


def _vocabulary_value(member: Vocabulary) -> str:
    return member.value


def _tuple_unstructure_hook(converter: cattrs.Converter, type_: Any) -> Callable[[tuple[Any, ...]], list[Any]]:
    unstructure_item = converter.get_unstructure_hook(get_args(type_)[0])
    return lambda value: [unstructure_item(item) for item in value]


@functools.cache
def converter() -> cattrs.Converter:
    """The converter, built on first use; never cattrs' global one."""
    return _build()
