"""A record made rows: each table's rows, by functions compiled once from the data dictionary."""

from __future__ import annotations

import functools
import linecache
from collections.abc import Callable
from typing import Any

from gpworkshop._collector import collector_paused
from gpworkshop.model import KnowledgeBase
from gpworkshop.multilingual import DEFAULT_LANGUAGE
from gpworkshop.tables._dictionary import KEYS, RECORD, SPECS, TABLES, TRANSLATIONS, Part, Spec
from gpworkshop.tables._translations import translation_rows

__all__ = ["rows"]


@collector_paused
def rows(kb: KnowledgeBase) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every table for *kb*, each a tuple in the order of the table's columns.

    Values are text, whole numbers, booleans, :class:`datetime.date` or
    :class:`datetime.datetime`, or ``None`` for an empty cell; codes are their
    file spelling. Every table is present, empty when the record has nothing
    for it. A text written in several languages is in its cell in the
    record's language, and in every language in the ``translations`` table.
    """
    out: dict[str, list[tuple[Any, ...]]] = {table.name: [] for table in TABLES}
    # The objects of each table that has tables of its own, with the key its rows name them by; the record first.
    objects: dict[str | None, list[tuple[Any, tuple[Any, ...]]]] = {None: [(kb, ())]}
    for spec, make, below in _makers():
        owners = objects.get(spec.parent)
        if not owners:
            continue
        out[spec.table.name] = make(owners)
        if below is not None:
            objects[spec.table.name] = below(owners)
    if kb.language != DEFAULT_LANGUAGE:
        out[RECORD.name].append((kb.language,))
    out[TRANSLATIONS.name] = translation_rows(out, kb.language)
    return out


# The rows of one table for the objects that hold its lists, each with its key: ``make(owners)``.
_Make = Callable[[list[tuple[Any, tuple[Any, ...]]]], list[tuple[Any, ...]]]
# The objects of one table, each with the key the rows of the tables of its lists name it by: ``below(owners)``.
_Below = Callable[[list[tuple[Any, tuple[Any, ...]]]], list[tuple[Any, tuple[Any, ...]]]]


@functools.cache
def _makers() -> tuple[tuple[Spec, _Make, _Below | None], ...]:
    """For each table, parents first, the function that makes its rows, and the one that lists its objects.

    The second is for a table whose objects have tables of their own, else ``None``. Each function is compiled
    from the table's columns, as attrs and cattrs compile theirs, and makes every row of its table at once: a
    record of 50,000 events has millions of cells.
    """
    parents = {spec.parent for spec in SPECS}
    return tuple(
        (spec, _compiled(spec), _below(spec) if spec.table.name in parents and spec.cls in KEYS else None)
        for spec in SPECS
    )


def _compiled(spec: Spec) -> _Make:
    cells = [_cell_source(part) for part in spec.parts]
    name = f"_rows_of_{spec.table.name}"
    source = (
        f"def {name}(owners):\n"
        f"    return [(*key, {', '.join(cells)}) for owner, key in owners for o in owner.{spec.field}]\n"
    )
    made: _Make = _defined(name, source, f"<gpworkshop rows of {spec.table.name}>")
    return made


def _below(spec: Spec) -> _Below:
    own, scoped = KEYS[spec.cls][1:] if spec.cls is not None else ("", False)
    key = f"(*key, o.{own})" if scoped else f"(o.{own},)"
    name = f"_objects_of_{spec.table.name}"
    source = f"def {name}(owners):\n    return [(o, {key}) for owner, key in owners for o in owner.{spec.field}]\n"
    below: _Below = _defined(name, source, f"<gpworkshop objects of {spec.table.name}>")
    return below


def _defined(name: str, source: str, where: str) -> Any:
    """The function *name* that *source* defines, its source shown in tracebacks as *where*."""
    linecache.cache[where] = (len(source), None, source.splitlines(keepends=True), where)
    namespace: dict[str, Any] = {}
    exec(compile(source, where, "exec"), namespace)
    return namespace[name]


def _cell_source(part: Part) -> str:
    """The expression of the cell of *part* in the row of the object ``o``.

    A member of a vocabulary is its value, read as ``_value_``: the ``value`` property costs several times more.
    """
    if not part.path:
        return "o._value_" if part.vocabulary else "o"
    *through, last = part.path
    if not through:
        return f"(None if (v := o.{last}) is None else v._value_)" if part.vocabulary else f"o.{last}"
    steps = " or ".join([f"(n := o.{through[0]}) is None"] + [f"(n := n.{step}) is None" for step in through[1:]])
    value = f"n.{last}._value_" if part.vocabulary else f"n.{last}"
    return f"(None if {steps} else {value})"
