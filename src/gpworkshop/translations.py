"""What a record holds in each language: its texts, how far each language covers them, and what is left.

>>> import gpworkshop as gw
>>> from gpworkshop.translations import coverage
>>> kb = gw.load("examples/regional-symposium-2023")
>>> [(row.language, row.translated <= row.texts) for row in coverage(kb)][:2]
[('en', True), ('ko', True)]
"""

from __future__ import annotations

import enum
import linecache
from collections.abc import Callable, Iterator
from typing import Any, get_args, get_origin

import attrs

from gpworkshop._migrations import lowest_version
from gpworkshop.model import SHARED, TRANSLATABLE, KnowledgeBase
from gpworkshop.multilingual import Translatable, languages_of

__all__ = ["Gap", "LanguageCoverage", "Path", "coverage", "format_version", "gaps", "texts", "translated"]

#: Where a value is in a knowledge base: field names and list indices, as in ``events[0].title``.
Path = tuple[str | int, ...]


@attrs.frozen
class LanguageCoverage:
    """How much of a record is written in one language."""

    #: The language's BCP 47 tag.
    language: str
    #: How many texts the record has.
    texts: int
    #: How many of them are written in the language.
    translated: int

    @property
    def share(self) -> float:
        """The part of the texts written in the language, from 0 to 1."""
        return self.translated / self.texts if self.texts else 1.0


def _walk(obj: Any, path: Path, *, shared: bool = True) -> Iterator[tuple[Path, str]]:
    """The texts in *obj*; without those that, written plain, serve every language, unless *shared*."""
    plan = _PLANS.get(type(obj))
    if plan is None:
        plan = _PLANS[type(obj)] = _plan(type(obj))
    for name, role, _ in plan:
        value = getattr(obj, name)
        if role is _Role.TEXT or role is _Role.SHARED_TEXT:
            if value is not None and (shared or role is _Role.TEXT or isinstance(value, Translatable)):
                yield (*path, name), value
        elif role is _Role.OBJECT:
            if value is not None:
                yield from _walk(value, (*path, name), shared=shared)
        else:
            for index, item in enumerate(value):
                yield from _walk(item, (*path, name, index), shared=shared)


def _translated(obj: Any) -> bool:
    """Whether a text in *obj* is written in several languages; quicker than walking its texts."""
    test = _TESTS.get(type(obj))
    if test is None:
        test = _TESTS[type(obj)] = _test(type(obj))
    return test(obj)


#: For each model class met so far, the function that tells whether an object of it holds a translated text.
_TESTS: dict[type, Callable[[Any], bool]] = {}


def _test(cls: type) -> Callable[[Any], bool]:
    """A function, compiled for *cls*, that looks at the texts of an object and of the objects in it.

    The tests of the objects in it are written into it, down the model, so
    that a record is looked through without a call for each of its objects.
    """
    lines = ["def translated(obj):", *_looks(cls, "obj", 1, (cls,)), "    return False"]
    source = "\n".join(lines) + "\n"
    where = f"<gpworkshop translation test for {cls.__qualname__}>"
    linecache.cache[where] = (len(source), None, source.splitlines(keepends=True), where)
    namespace: dict[str, Any] = {"_translated": _translated, "_Translatable": Translatable}
    exec(compile(source, where, "exec"), namespace)
    test: Callable[[Any], bool] = namespace["translated"]
    return test


def _looks(cls: type, value: str, depth: int, within: tuple[type, ...]) -> list[str]:
    """Python statements, *depth* levels in, that return ``True`` when the object *value* of *cls* is translated."""
    pad = "    " * depth
    lines: list[str] = []
    for name, role, held in _plan(cls):
        if held is None:
            lines += [f"{pad}if {value}.{name}.__class__ is _Translatable:", f"{pad}    return True"]
            continue
        inner = f"value{depth}"
        # A class met again further down (a model that nests itself) is looked through by a call.
        looks = (
            [f"{pad}    if _translated({inner}):", f"{pad}        return True"]
            if held in within
            else _looks(held, inner, depth + 1, (*within, held))
        )
        if not looks:
            continue  # a class with no text anywhere in it
        if role is _Role.OBJECT:
            lines += [f"{pad}{inner} = {value}.{name}", f"{pad}if {inner} is not None:", *looks]
        else:
            lines += [f"{pad}for {inner} in {value}.{name}:", *looks]
    return lines


def translated(kb: KnowledgeBase) -> bool:
    """Whether any text of *kb* is written in several languages.

    >>> import gpworkshop as gw
    >>> translated(gw.load("examples/regional-symposium-2023")), translated(gw.KnowledgeBase())
    (True, False)
    """
    return any(_translated(item) for item in kb.stakeholders) or any(_translated(item) for item in kb.events)


class _Role(enum.Enum):
    """What a field of a model class holds, for the walk through its texts."""

    TEXT = enum.auto()
    #: Text that, written plain, serves every language.
    SHARED_TEXT = enum.auto()
    OBJECT = enum.auto()
    OBJECTS = enum.auto()


#: A field in a plan: its name, what it holds, and the model class of the objects it holds (None for a text).
_Step = tuple[str, _Role, type | None]
#: The plan of each model class met so far.
_PLANS: dict[type, tuple[_Step, ...]] = {}


def _plan(cls: type) -> tuple[_Step, ...]:
    """The fields of the model class *cls* that hold texts or objects that may, in order, with what they hold."""
    attrs.resolve_types(cls)
    plan: list[_Step] = []
    for field in attrs.fields(cls):
        kind = field.metadata.get(TRANSLATABLE)
        arguments = [argument for argument in get_args(field.type) if argument is not type(None)]
        if kind:
            plan.append((field.name, _Role.SHARED_TEXT if kind == SHARED else _Role.TEXT, None))
        elif attrs.has(field.type):
            plan.append((field.name, _Role.OBJECT, field.type))
        elif len(arguments) == 1 and attrs.has(arguments[0]):
            plan.append((field.name, _Role.OBJECT, arguments[0]))
        elif get_origin(field.type) is tuple and attrs.has(arguments[0]):
            plan.append((field.name, _Role.OBJECTS, arguments[0]))
    return tuple(plan)


def _owners(kb: KnowledgeBase) -> Iterator[tuple[Path, Any]]:
    """Every stakeholder and event of *kb* with its path, stakeholders first, in record order."""
    for kind, items in (("stakeholders", kb.stakeholders), ("events", kb.events)):
        for index, item in enumerate(items):
            yield (kind, index), item


def texts(kb: KnowledgeBase) -> Iterator[tuple[Path, str]]:
    """Every human-readable text of *kb* with its path, stakeholders first, in record order."""
    for path, owner in _owners(kb):
        yield from _walk(owner, path)


def format_version(kb: KnowledgeBase) -> int:
    """The lowest format version that holds *kb*: 2 when a text is written in several languages, 1 otherwise.

    >>> import gpworkshop as gw
    >>> format_version(gw.KnowledgeBase())
    1
    """
    return lowest_version(translated(kb))


def coverage(kb: KnowledgeBase) -> list[LanguageCoverage]:
    """For the record's language and each language it has translations in, how many texts are written in it.

    The record's language comes first, the others in the order they first appear.
    """
    found = [text for _, text in texts(kb)]
    names = {kb.language.lower(): kb.language}
    counts = {kb.language.lower(): 0}
    for text in found:
        for tag in languages_of(text, default=kb.language):
            names.setdefault(tag.lower(), tag)
            counts[tag.lower()] = counts.get(tag.lower(), 0) + 1
    return [LanguageCoverage(names[key], len(found), count) for key, count in counts.items()]


@attrs.frozen
class Gap:
    """Texts of a stakeholder or an event not written in a language that others of its texts are written in."""

    #: The path of the stakeholder or event, such as ``("events", 0)``.
    owner: Path
    #: The language's BCP 47 tag, as first written.
    language: str
    #: The path of each text that lacks it, in record order.
    missing: tuple[Path, ...]


def gaps(kb: KnowledgeBase) -> Iterator[Gap]:
    """For each stakeholder and event, each language some of its texts are written in and others are not.

    The texts of a stakeholder or an event are its own and those within it
    (objectives, takeaways, commitments, people); a session is an event of
    its own; an acronym written plain serves every language. Tags are
    compared whole, without regard to case: a text in ``zh-Hans`` does not
    stand for one in ``zh-Hant``.
    """
    for owner, item in _owners(kb):
        # Each text with its tags, by their lower case.
        found = [
            (path, {tag.lower(): tag for tag in languages_of(text, default=kb.language)})
            for path, text in _walk(item, owner, shared=False)
        ]
        languages: dict[str, str] = {}
        for _, tags in found:
            for key, tag in tags.items():
                languages.setdefault(key, tag)
        for key, tag in languages.items():
            missing = tuple(path for path, tags in found if key not in tags)
            if missing:
                yield Gap(owner, tag, missing)
