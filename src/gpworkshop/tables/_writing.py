"""A record made rows: every table's rows, by one function compiled once from the data dictionary."""

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
    out = _maker()(kb)
    if kb.language != DEFAULT_LANGUAGE:
        out[RECORD.name].append((kb.language,))
    out[TRANSLATIONS.name] = translation_rows(out, kb.language)
    return out


@functools.cache
def _maker() -> Callable[[KnowledgeBase], dict[str, list[tuple[Any, ...]]]]:
    """The function that makes the rows of every table of a record, compiled from the tables' columns.

    It visits each object once, the objects it holds right after it, and adds its row to its table: a record of
    50,000 events has millions of cells, and visiting its objects once, in the order they are held, is much
    quicker than once for each table they have rows in. Rows keep the order of the record.
    """
    below: dict[str | None, list[Spec]] = {}
    for spec in SPECS:
        below.setdefault(spec.parent, []).append(spec)
    lines = [f"    rows_{table.name} = []\n    add_{table.name} = rows_{table.name}.append" for table in TABLES]
    lines.extend(_visits(below, None, "kb", [], 1))
    lines.append("    return {" + ", ".join(f"{table.name!r}: rows_{table.name}" for table in TABLES) + "}")
    source = "def _rows(kb):\n" + "\n".join(lines) + "\n"
    made: Callable[[KnowledgeBase], dict[str, list[tuple[Any, ...]]]] = _defined("_rows", source, "<gpworkshop rows>")
    return made


def _visits(
    below: dict[str | None, list[Spec]], parent: str | None, owner: str, key: list[str], depth: int
) -> list[str]:
    """The lines that visit the objects of each table held by *owner*, a row of *parent* named by *key*."""
    lines = []
    indent = "    " * depth
    name = f"o{depth}"
    for spec in below.get(parent, []):
        cells = [*key, *(_cell_source(part, name) for part in spec.parts)]
        lines.append(f"{indent}for {name} in {owner}.{spec.field}:")
        lines.append(f"{indent}    add_{spec.table.name}(({', '.join(cells)},))")
        if spec.table.name in below:
            own, scoped = KEYS[spec.cls][1:] if spec.cls is not None else ("", False)
            named = [*key, f"{name}.{own}"] if scoped else [f"{name}.{own}"]
            lines.extend(_visits(below, spec.table.name, name, named, depth + 1))
    return lines


def _defined(name: str, source: str, where: str) -> Any:
    """The function *name* that *source* defines, its source shown in tracebacks as *where*."""
    linecache.cache[where] = (len(source), None, source.splitlines(keepends=True), where)
    namespace: dict[str, Any] = {}
    exec(compile(source, where, "exec"), namespace)
    return namespace[name]


def _cell_source(part: Part, name: str) -> str:
    """The expression of the cell of *part* in the row of the object named *name*.

    A member of a vocabulary is its value, read as ``_value_``: the ``value`` property costs several times more.
    """
    if not part.path:
        return f"{name}._value_" if part.vocabulary else name
    *through, last = part.path
    if not through:
        return f"(None if (v := {name}.{last}) is None else v._value_)" if part.vocabulary else f"{name}.{last}"
    steps = " or ".join([f"(n := {name}.{through[0]}) is None"] + [f"(n := n.{step}) is None" for step in through[1:]])
    value = f"n.{last}._value_" if part.vocabulary else f"n.{last}"
    return f"(None if {steps} else {value})"
