"""The objects of a table's rows, made from its columns by a function compiled for the columns a file has."""

from __future__ import annotations

import functools
import linecache
from collections.abc import Callable, Sequence
from typing import Any

__all__ = ["objects"]


def objects(names: tuple[str, ...], columns: Sequence[Sequence[Any]], count: int) -> list[dict[str, Any]]:
    """The object of each of *count* rows: for each of *names*, the value of its column, left out where ``None``.

    >>> objects(("id", "name"), [["norad", "sida"], ["Norad", None]], 2)
    [{'id': 'norad', 'name': 'Norad'}, {'id': 'sida'}]
    """
    if not names:
        return [{} for _ in range(count)]
    return _compiled(names)(*columns)


@functools.lru_cache(maxsize=256)
def _compiled(names: tuple[str, ...]) -> Callable[..., list[dict[str, Any]]]:
    """The function that makes the objects of rows whose columns are *names*, in that order.

    A table of a record has hundreds of thousands of rows: a test and a store for each cell, with no loop over
    the columns, takes less than half the time of a comprehension over them.
    """
    columns = ", ".join(f"c{number}" for number in range(len(names)))
    values = ", ".join(f"v{number}" for number in range(len(names)))
    tests = "".join(
        f"        if v{number} is not None:\n            item[{name!r}] = v{number}\n"
        for number, name in enumerate(names)
    )
    source = (
        f"def _objects({columns}):\n"
        "    made = []\n"
        "    append = made.append\n"
        f"    for {values}{',' if len(names) == 1 else ''} in zip({columns}, strict=True):\n"
        "        item = {}\n"
        f"{tests}"
        "        append(item)\n"
        "    return made\n"
    )
    where = f"<gpworkshop objects of rows of {', '.join(names)}>"
    linecache.cache[where] = (len(source), None, source.splitlines(keepends=True), where)
    namespace: dict[str, Any] = {}
    exec(compile(source, where, "exec"), namespace)
    made: Callable[..., list[dict[str, Any]]] = namespace["_objects"]
    return made
