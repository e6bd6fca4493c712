"""A record made rows: each table's rows, by functions compiled once from the data dictionary."""

from __future__ import annotations

import functools
import linecache
from collections.abc import Callable
from typing import Any

from gpworkshop.model import KnowledgeBase
from gpworkshop.multilingual import DEFAULT_LANGUAGE
from gpworkshop.tables._dictionary import KEYS, RECORD, SPECS, TABLES, TRANSLATIONS, Part, Spec
from gpworkshop.tables._translations import translation_rows

__all__ = ["rows"]


def rows(kb: KnowledgeBase) -> dict[str, list[tuple[Any, ...]]]:
    """The rows of every table for *kb*, each a tuple in the order of the table's columns.

    Values are text, whole numbers, booleans, :class:`datetime.date` or
    :class:`datetime.datetime`, or ``None`` for an empty cell; codes are their
    file spelling. Every table is present, empty when the record has nothing
    for it. A text written in several languages is in its cell in the
    record's language, and in every language in the ``translations`` table.
    """
    out: dict[str, list[tuple[Any, ...]]] = {table.name: [] for table in TABLES}
    makers = _makers()
    _emit_lists(kb, makers.get(None, []), (), makers, out)
    if kb.language != DEFAULT_LANGUAGE:
        out[RECORD.name].append((kb.language,))
    out[TRANSLATIONS.name] = translation_rows(out, kb.language)
    return out


# The rows of one table for a list of objects: ``make(items, key)``.
_Make = Callable[[tuple[Any, ...], tuple[Any, ...]], list[tuple[Any, ...]]]


@functools.cache
def _makers() -> dict[str | None, list[tuple[Spec, _Make]]]:
    """For each table (``None`` for the record), the tables of its lists with the functions that make their rows.

    Each function is compiled from the table's columns, as attrs and cattrs
    compile theirs: a record of 50,000 events has millions of cells.
    """
    makers: dict[str | None, list[tuple[Spec, _Make]]] = {}
    for spec in SPECS:
        makers.setdefault(spec.parent, []).append((spec, _compiled(spec)))
    return makers


def _compiled(spec: Spec) -> _Make:
    cells = [_cell_source(part) for part in spec.parts]
    name = f"_rows_of_{spec.table.name}"
    source = f"def {name}(items, key):\n    return [(*key, {', '.join(cells)}) for o in items]\n"
    where = f"<gpworkshop rows of {spec.table.name}>"
    linecache.cache[where] = (len(source), None, source.splitlines(keepends=True), where)
    namespace: dict[str, Any] = {}
    exec(compile(source, where, "exec"), namespace)
    made: _Make = namespace[name]
    return made


def _cell_source(part: Part) -> str:
    """The expression of the cell of *part* in the row of the object ``o``."""
    if not part.path:
        return "o.value" if part.vocabulary else "o"
    *through, last = part.path
    if not through:
        return f"(None if (v := o.{last}) is None else v.value)" if part.vocabulary else f"o.{last}"
    steps = " or ".join([f"(n := o.{through[0]}) is None"] + [f"(n := n.{step}) is None" for step in through[1:]])
    value = f"n.{last}.value" if part.vocabulary else f"n.{last}"
    return f"(None if {steps} else {value})"


def _emit_lists(
    obj: Any,
    makers: list[tuple[Spec, _Make]],
    key: tuple[Any, ...],
    every: dict[str | None, list[tuple[Spec, _Make]]],
    out: dict[str, list[tuple[Any, ...]]],
) -> None:
    for spec, make in makers:
        items = getattr(obj, spec.field)
        if not items:
            continue
        out[spec.table.name].extend(make(items, key))
        below = every.get(spec.table.name)
        identity = KEYS.get(spec.cls) if spec.cls is not None else None
        if below and identity is not None:
            own_field, scoped = identity[1], identity[2]
            for item in items:
                own = getattr(item, own_field)
                _emit_lists(item, below, (*key, own) if scoped else (own,), every, out)
