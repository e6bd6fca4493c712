"""Reading what can be read of a record that does not structure, and every failure in it.

The converter stops at the first failure of each object and builds no object
whose fields fail, so the rules of its other fields are never checked and
the references it holds are never resolved. :func:`salvage` walks the data
field by field instead: each field is structured on its own, each rule of a
field is checked on its own, and every object is built (with its validators
off) as a *stand-in* whose broken fields hold ``None`` or ``()``. The
stand-ins give the integrity check something to resolve references against,
and the paths of the failures tell it which of its findings would only
repeat a failure already reported.

Used only when a text fails to structure: a valid record never comes here.
"""

from __future__ import annotations

import types
from collections.abc import Callable
from typing import Any, Union, get_args, get_origin

import attrs

from gpworkshop import codes
from gpworkshop._converter import ConversionError, converter, translatable_text
from gpworkshop._wording import describe, excerpt, spaced, suggest, with_article
from gpworkshop.errors import FieldValueError
from gpworkshop.model import READS, TRANSLATABLE
from gpworkshop.multilingual import text_problems

__all__ = ["Failure", "Path", "salvage"]

#: A path into parsed data: mapping keys and sequence indices.
Path = tuple[str | int, ...]


@attrs.frozen
class Failure:
    """One thing wrong at *path* in parsed data."""

    path: Path
    code: str
    message: str
    #: Whether the failure concerns the key at *path* rather than its value.
    at_key: bool = False
    #: Whether the value at *path* names an id that is not well formed, which the integrity check may resolve.
    id_form: bool = False


def salvage(data: Any, type_: Any) -> tuple[Any, list[Failure]]:
    """A stand-in of *type_* built from *data* as far as it goes, and every failure found on the way."""
    failures: list[Failure] = []
    value = _salvage(data, type_, (), failures)
    return value, failures


def _salvage(data: Any, type_: Any, path: Path, failures: list[Failure]) -> Any:
    if attrs.has(type_):
        return _salvage_class(data, type_, path, failures)
    if get_origin(type_) is tuple:
        if not isinstance(data, list | tuple):
            failures.append(Failure(path, codes.WRONG_TYPE, f"expected a list, got {describe(data)}"))
            return ()
        item_type = get_args(type_)[0]
        return tuple(_salvage(item, item_type, (*path, index), failures) for index, item in enumerate(data))
    inner = _optional_class(type_)
    if inner is not None:
        return None if data is None else _salvage_class(data, inner, path, failures)
    try:
        return converter().structure(data, type_)
    except ConversionError as error:
        failures.append(Failure(path, error.code, error.message))
    return None


def _optional_class(type_: Any) -> type | None:
    """The attrs class of ``Class | None``, or ``None`` for any other type."""
    if get_origin(type_) not in (Union, types.UnionType):
        return None
    members = [member for member in get_args(type_) if member is not type(None)]
    return members[0] if len(members) == 1 and attrs.has(members[0]) else None


def _salvage_class(data: Any, cls: type, path: Path, failures: list[Failure]) -> Any:
    attrs.resolve_types(cls)
    fields = [field for field in attrs.fields(cls) if field.init]
    if not isinstance(data, dict):
        expected = f"expected a mapping of the fields of {with_article(spaced(cls.__name__))}"
        failures.append(Failure(path, codes.WRONG_TYPE, f"{expected}, got {describe(data)}"))
        return _build(cls, {field.name: _filler(field) for field in fields if field.default is attrs.NOTHING})
    names = [field.name for field in fields]
    for key in data:
        if key not in names:
            hint = suggest(str(key), names)
            message = f"{excerpt(key)} is not a field here{hint}; the fields are: {', '.join(names)}"
            failures.append(Failure((*path, key), codes.UNKNOWN_KEY, message, at_key=True))
    values: dict[str, Any] = {}
    broken: dict[str, set[Path]] = {}
    for field in fields:
        field_path = (*path, field.name)
        if field.name not in data:
            if field.default is attrs.NOTHING:
                message = f"the required field {field.name!r} is missing; add it"
                failures.append(Failure(field_path, codes.MISSING_FIELD, message))
                values[field.name] = _filler(field)
                broken[field.name] = {field_path}
            continue
        before = len(failures)
        if field.metadata.get(TRANSLATABLE):
            values[field.name] = _salvage_text(data[field.name], field_path, failures)
        else:
            values[field.name] = _salvage(data[field.name], field.type, field_path, failures)
        if len(failures) > before:
            broken[field.name] = {failure.path for failure in failures[before:]}
    instance = _build(cls, values)
    for field in fields:
        _check_rule(instance, field, path, broken, failures)
    return instance


def _salvage_text(data: Any, path: Path, failures: list[Failure]) -> Any:
    """A human-readable text, every problem of its mapping of languages at its own key."""
    problems = text_problems(data) if data is not None else []
    for problem in problems:
        if problem.key is None:
            failures.append(Failure(path, codes.WRONG_TYPE, problem.message))
        elif problem.at_key:
            failures.append(Failure((*path, str(problem.key)), codes.BAD_LANGUAGE, problem.message, at_key=True))
        else:
            failures.append(Failure((*path, str(problem.key)), codes.WRONG_TYPE, problem.message))
    if problems:
        return None
    try:
        return translatable_text(data)
    except ConversionError as error:
        failures.append(Failure(path, error.code, error.message))
    return None


def _build(cls: type, values: dict[str, Any]) -> Any:
    with attrs.validators.disabled():
        return cls(**values)


def _filler(field: attrs.Attribute[Any]) -> Any:
    """What a stand-in holds in place of a field that could not be read."""
    return () if get_origin(field.type) is tuple else None


def _check_rule(
    instance: Any, field: attrs.Attribute[Any], path: Path, broken: dict[str, set[Path]], failures: list[Failure]
) -> None:
    """Check the validator of *field* on its own, on what could be read of the field."""
    validator: Callable[[Any, attrs.Attribute[Any], Any], None] | None = field.validator
    if validator is None or any(name in broken for name in field.metadata.get(READS, ())):
        return
    value = getattr(instance, field.name)
    field_path = (*path, field.name)
    unread = broken.get(field.name, set())
    if field_path in unread:
        return
    try:
        validator(instance, field, value)
    except FieldValueError as error:
        # Items that could not be read fail the rule of their list too; their failure is reported already.
        for index, message in error.items:
            if (*field_path, index) not in unread:
                failures.append(Failure((*field_path, index), error.code, message, id_form=error.names_an_id))
        if not error.items and not unread:
            failures.append(Failure((*path, error.field), error.code, str(error), id_form=error.names_an_id))
