"""Model objects built from plain data by functions generated for each class: the fast way in.

The converter of :mod:`gpworkshop._converter` structures a value by asking
cattrs for the hook of each field's type, and attrs then checks each field
again with its validator as the object is built. A record read from a file
is almost always right, and the model says ahead of time what each field
holds; so for each class this module compiles one function that takes the
plain data (from JSON, YAML, or the rows of a table) and builds the object
with the field checks written inline, without dispatch per field, and sets
the fields as attrs does when validators are off: each value is checked
once.

A generated function only ever accepts data the converter accepts, and gives
the same object for it (the tests hold the two to that). Anything it is not
sure of, a value of the wrong type, a date that is not a date, an unknown
key, a field a validator refuses, makes it give up with :class:`Unfit`; the
caller then structures the same data through the converter, which finds and
words every problem. Objects built by hand in Python keep their validators.

The source of each function is registered with :mod:`linecache`, as attrs
does for its generated methods, so that a traceback or a debugger shows it.
"""

from __future__ import annotations

import datetime as dt
import functools
import linecache
import operator
import threading
from collections.abc import Callable
from typing import Any, get_args, get_origin

import attrs

from gpworkshop import _converter
from gpworkshop import _validators as check
from gpworkshop._slots import new, setter
from gpworkshop._wording import DATE
from gpworkshop.model import TRANSLATABLE
from gpworkshop.vocab import Vocabulary

__all__ = ["Unfit", "builder"]

_When = dt.date | dt.datetime


class Unfit(Exception):  # noqa: N818  (a signal to take the slow way, never shown to anyone)
    """The data is not certainly right: structure it through the converter instead, to word its problems."""


#: Checks written inline for validators, over ``{v}``, a value already of the field's type: whether the value
#: certainly passes, and whether failing it means the validator would refuse the value (else it is called).
_CHECKS: dict[Callable[..., Any], tuple[str, bool]] = {
    check.slug: ("{v} in _ids or _is_id({v})", True),
    check.optional_slug: ("{v} is None or {v} in _ids or _is_id({v})", True),
    check.text: ("{v}.__class__ is str and {v} and not {v}.isspace()", False),
    check.optional_text: ("{v} is None or ({v}.__class__ is str and {v} and not {v}.isspace())", False),
    check.not_blank: ("{v} and not {v}.isspace()", True),
    check.optional_not_blank: ("{v} is None or ({v} and not {v}.isspace())", True),
    check.not_empty: ("{v}", True),
    check.optional_country: ("{v} is None or _is_country({v})", True),
    check.percent: ("{v} is None or 0 <= {v} <= 100", True),
    check.positive: ("{v} is None or {v} >= 1", True),
    check.optional_url: ("{v} is None", False),
    check.optional_time_zone: ("{v} is None", False),
    check.iati_identifier: ("{v} is None", False),
    check.ror_identifier: ("{v} is None", False),
    check.wikidata_identifier: ("{v} is None", False),
}
#: Validators of every item of a list of text, written inline over ``_x``, each exactly as the validator checks.
_ITEM_CHECKS: dict[Callable[..., Any], str] = {
    check.slugs: "_is_id(_x)",
    check.sdg_codes: "_sdg(_x)",
    check.language_tags: "_language_tag(_x)",
}


#: Ids already found well formed: most ids of a record are references, written many times over.
_IDS: set[str] = set()
#: The most ids remembered; then they are forgotten, and remembered afresh.
_REMEMBERED = 1 << 16


def _is_id(text: str) -> bool:
    """Whether *text* is well formed as an id, remembering it if it is."""
    if check.SLUG.fullmatch(text) is None:
        return False
    if len(_IDS) >= _REMEMBERED:
        _IDS.clear()
    _IDS.add(text)
    return True


class _Compiler:
    """Generates and keeps the builder of each class."""

    def __init__(self) -> None:
        self.namespace: dict[str, Any] = {
            "Unfit": Unfit,
            "_new": new,
            "_MISSING": _MISSING,
            "_ids": _IDS,
            "_is_id": _is_id,
            "_sdg": check.SDG_CODE.fullmatch,
            "_language_tag": check.is_language_tag,
            "_is_country": check.is_country_code,
            "_integer": _converter.integer_value,
            "_date": _converter.date_value,
            "_date_pattern": DATE.fullmatch,
            "_date_from": dt.date.fromisoformat,
            "_date_type": dt.date,
            "_when": _converter.when_value,
            "_translatable": _converter.translatable_text,
            "_record_language": _converter.record_language,
        }
        self.builders: dict[type, str] = {}
        self.constants = 0
        # A builder is named before it is compiled, so that classes can nest; threads wait for one another.
        self.lock = threading.RLock()

    def constant(self, value: Any) -> str:
        """A name in the namespace for *value*."""
        self.constants += 1
        name = f"_c{self.constants}"
        self.namespace[name] = value
        return name

    def builder(self, cls: type) -> str:
        """The name, in the namespace, of the function that builds an object of the attrs class *cls*."""
        if cls not in self.builders:
            name = self.builders[cls] = f"_build_{len(self.builders)}"
            source = self.source(name, cls)
            where = f"<gpworkshop builder for {cls.__qualname__}>"
            linecache.cache[where] = (len(source), None, source.splitlines(keepends=True), where)
            exec(compile(source, where, "exec"), self.namespace)
        return self.builders[cls]

    def source(self, name: str, cls: type) -> str:
        attrs.resolve_types(cls)
        fields = attrs.fields(cls)
        keys = frozenset(field.name for field in fields if field.init)
        lines = [
            f"def {name}(data):",
            f"    if data.__class__ is not dict or not {self.constant(keys)}.issuperset(data):",
            "        raise Unfit",
        ]
        body: list[str] = []
        after: list[str] = []
        for number, field in enumerate(fields):
            if field.init:
                found, later = self.field(field, f"v{number}")
                body.extend(found)
                after.extend(later)
        if any(not field.init or isinstance(field.default, attrs.Factory) for field in fields):  # type: ignore[arg-type]
            # A class that computes fields of its own, such as a knowledge base's indexes, is built by its
            # constructor; there are few of them.
            arguments = ", ".join(f"{field.name}=v{number}" for number, field in enumerate(fields) if field.init)
            body.append(f"o = {self.constant(cls)}({arguments})")
        else:
            body.append(f"o = _new({self.constant(cls)})")
            for number, field in enumerate(fields):
                set_field = self.constant(setter(cls, field.name))
                body.append(f"{set_field}(o, v{number})")
        body.extend(after)
        body.append("return o")
        if any(field.name == "language" for field in fields):
            # Texts in several languages take the record's language as their value.
            lines.append("    with _record_language(data.get('language')):")
            lines.extend("        " + line for line in body)
        else:
            lines.extend("    " + line for line in body)
        return "\n".join(lines) + "\n"

    def field(self, field: attrs.Attribute[Any], value: str) -> tuple[list[str], list[str]]:
        """Statements that set *value* to the field's value in ``data``, or raise; and those to run on the object.

        A field left out takes its default, checked once, here; a validator that may read other fields runs once
        the object is built, as attrs runs it, whether the field was written or not.
        """
        checks, after = self.checks(field, value)
        found = self.together(field, value) or [*self.convert(field, field.type, value), *checks]
        if field.default is attrs.NOTHING:
            return [f"{value} = data[{field.name!r}]", *found], after
        # A default the validator refuses (none does, so far) is checked like a written value.
        checked_after = checks and not self.passes(field)
        lines = [
            f"if {field.name!r} in data:",
            f"    {value} = data[{field.name!r}]",
            *("    " + line for line in (self.convert(field, field.type, value) if checked_after else found)),
            "else:",
            f"    {value} = {self.constant(field.default)}",
        ]
        return [*lines, *(checks if checked_after else [])], after

    def together(self, field: attrs.Attribute[Any], value: str) -> list[str]:
        """Statements that convert and check *value* at once, for the commonest fields: ids and texts; or none.

        An id already met is taken as it is, as the converter takes any text; one not yet met must be text and
        well formed. Text that is not certainly right goes through the converter's hook and the validator.
        """
        validator = field.validator
        if validator is check.slug and field.type is str:
            return [
                f"if {value} not in _ids and ({value}.__class__ is not str or not _is_id({value})):",
                "    raise Unfit",
            ]
        if validator in (check.text, check.optional_text) and field.metadata.get(TRANSLATABLE):
            unsure = f"{value}.__class__ is not str or not {value} or {value}.isspace()"
            if validator is check.optional_text:
                unsure = f"{value} is not None and ({unsure})"
            call = f"{self.constant(validator)}(None, {self.constant(field)}, {value})"
            return [f"if {unsure}:", f"    {value} = _translatable({value})", f"    {call}"]
        return []

    def checks(self, field: attrs.Attribute[Any], value: str) -> tuple[list[str], list[str]]:
        """Statements that check *value* as the field's validator would, before and after the object is built."""
        validator = field.validator
        if validator is None or (validator in _ITEM_CHECKS and field.type == tuple[str, ...]):
            return [], []
        call = f"{self.constant(validator)}({{instance}}, {self.constant(field)}, {value})"
        if validator not in _CHECKS:
            return [], [call.format(instance="o")]
        sure, exact = _CHECKS[validator]
        refuse = "raise Unfit" if exact else call.format(instance="None")
        return [f"if not ({sure.format(v=value)}):", f"    {refuse}"], []

    @staticmethod
    def passes(field: attrs.Attribute[Any]) -> bool:
        """Whether the field's default passes its validator, which reads nothing else."""
        try:
            field.validator(None, field, field.default)  # type: ignore[misc]
        except Exception:  # noqa: BLE001  (a default the validator refuses is checked in every object)
            return False
        return True

    def convert(self, field: attrs.Attribute[Any], type_: Any, value: str) -> list[str]:  # noqa: PLR0911
        """Statements that turn the plain *value* into a value of *type_*, as the converter would, or raise."""
        if field.metadata.get(TRANSLATABLE):
            return [
                f"if {value}.__class__ is not str and {value} is not None:",
                f"    {value} = _translatable({value})",
            ]
        if type_ is str:
            return [f"if {value}.__class__ is not str:", "    raise Unfit"]
        if type_ is bool:
            return [f"if {value}.__class__ is not bool:", "    raise Unfit"]
        if type_ is int:
            return [f"if {value}.__class__ is not int:", f"    {value} = _integer({value}, int)"]
        if type_ is dt.date:
            return [
                f"if {value}.__class__ is str and _date_pattern({value}):",
                f"    {value} = _date_from({value})",
                f"elif {value}.__class__ is not _date_type:",
                f"    {value} = _date({value}, None)",
            ]
        if type_ == _When:
            return [f"{value} = _when({value}, None)"]
        if isinstance(type_, type) and issubclass(type_, Vocabulary):
            members = self.constant(type_._value2member_map_)
            # Looked up by value, as the converter does; a value of no member raises.
            return [f"{value} = {members}[{value}]"]
        if attrs.has(type_):
            return [f"{value} = {self.builder(type_)}({value})"]
        if get_origin(type_) is tuple:
            return [
                f"if {value}.__class__ is not list and {value}.__class__ is not tuple:",
                "    raise Unfit",
                *self.items(field, get_args(type_)[0], value),
            ]
        arguments = get_args(type_)
        if type(None) in arguments:
            present = functools.reduce(operator.or_, [argument for argument in arguments if argument is not type(None)])
            return [f"if {value} is not None:", *("    " + line for line in self.convert(field, present, value))]
        # Anything else the model may come to hold takes the converter's own hook.
        hook = self.constant(_converter.converter().get_structure_hook(type_))
        return [f"{value} = {hook}({value}, {self.constant(type_)})"]

    def items(self, field: attrs.Attribute[Any], type_: Any, value: str) -> list[str]:
        """Statements that turn the list *value* into a tuple of *type_*, or raise."""
        if type_ is str:
            each = _ITEM_CHECKS.get(field.validator)  # type: ignore[arg-type]
            unfit = f"_x.__class__ is not str{f' or not {each}' if each else ''}"
            if field.validator is check.slugs:
                unfit = "_x not in _ids and (_x.__class__ is not str or not _is_id(_x))"
            return [
                f"for _x in {value}:",
                f"    if {unfit}:",
                "        raise Unfit",
                f"{value} = tuple({value})",
            ]
        if isinstance(type_, type) and issubclass(type_, Vocabulary):
            members = self.constant(type_._value2member_map_)
            return [f"{value} = tuple(map({members}.__getitem__, {value}))"]
        if attrs.has(type_):
            return [f"{value} = tuple(map({self.builder(type_)}, {value}))"]
        hook = self.constant(_converter.converter().get_structure_hook(type_))
        kind = self.constant(type_)
        return [f"{value} = tuple([{hook}(_x, {kind}) for _x in {value}])"]


_MISSING = object()
_COMPILER: list[_Compiler] = []
_LOCK = threading.Lock()


def builder(cls: type) -> Callable[[Any], Any]:
    """The generated function that builds an object of the attrs class *cls* from plain data, or raises.

    Whatever it raises (:class:`Unfit`, or the error of a check it called)
    means only that the data should be structured through the converter.
    """
    with _LOCK:
        if not _COMPILER:
            _COMPILER.append(_Compiler())
    compiler = _COMPILER[0]
    with compiler.lock:
        build: Callable[[Any], Any] = compiler.namespace[compiler.builder(cls)]
    return build
