"""Texts in several languages as tables, written and read back.

Each cell holds its text in the record's language, and the ``translations``
table every language of it, by table, row and column.
"""

from __future__ import annotations

from collections.abc import Callable
from collections.abc import Set as AbstractSet
from operator import itemgetter
from typing import Any

from gpworkshop import codes
from gpworkshop._parsed import Place, TableText
from gpworkshop._wording import excerpt, suggest
from gpworkshop.multilingual import Translatable, best_match, in_language
from gpworkshop.tables._dictionary import TEXT_COLUMNS, TRANSLATIONS
from gpworkshop.tables._found import EMPTY, cell, put

__all__ = ["read_translations", "translation_rows"]

#: ``problem(code, message, place)``: note a problem found in a table.
Report = Callable[[str, str, Place], None]


def translation_rows(out: dict[str, list[tuple[Any, ...]]], language: str) -> list[tuple[Any, ...]]:
    """The rows of the translations table; each text in several languages in *out* made its text in *language*."""
    found: list[tuple[Any, ...]] = []
    for name, columns in TEXT_COLUMNS.items():
        table_rows = out[name]
        # Most records are in one language: a table without texts in several is passed over a column at a time.
        if not any(Translatable in set(map(type, map(itemgetter(index), table_rows))) for index, _, _ in columns):
            continue
        for number, row in enumerate(table_rows):
            if not any(row[index].__class__ is Translatable for index, _, _ in columns):
                continue
            cells = list(row)
            for index, column, _ in columns:
                text = row[index]
                if text.__class__ is Translatable:
                    cells[index] = in_language(text, language, default=language)[0]
                    found.extend((name, number + 1, column, tag, written) for tag, written in text.texts.items())
            table_rows[number] = tuple(cells)
    return found


def read_translations(
    text: TableText,
    columns: dict[str, int],
    *,
    language: str,
    ordered: dict[str, list[dict[str, Any] | None]],
    positions: dict[int, Any] | None,
    problem: Report,
    unread: AbstractSet[str] = frozenset(),
) -> None:
    """Put the texts of the translations table *text*, whose columns are *columns*, in place of their cells' texts.

    *ordered* holds the objects of each table in the order of its rows (``None`` for a row that could not be
    read); *positions*, when places are wanted, gets the place of each text; *problem* is told what is wrong.
    """
    _Translations(text, columns, problem, unread).read(language, ordered, positions)


class _Translations:
    """One translations table being read."""

    def __init__(self, text: TableText, columns: dict[str, int], problem: Report, unread: AbstractSet[str]) -> None:
        self.text, self.columns, self.problem, self.unread = text, columns, problem, unread

    def read(
        self, language: str, ordered: dict[str, list[dict[str, Any] | None]], positions: dict[int, Any] | None
    ) -> None:
        groups: dict[tuple[str, int, str], list[tuple[str, str, int]]] = {}
        for number, values in self.text.rows:
            cells = {
                name: cell(values[at], TRANSLATIONS.column(name)) if at < len(values) else EMPTY
                for name, at in self.columns.items()
            }
            target = self.translated_cell(cells, number, ordered)
            if target is not None:
                groups.setdefault(target, []).append((str(cells["language"]), str(cells["text"]), number))
        for (name, row, column), written in groups.items():
            item = ordered[name][row - 1]
            if item is None:
                continue  # the row itself could not be read, which is reported already
            path = next(path for _, named, path in TEXT_COLUMNS[name] if named == column)
            self.put_translations(item, path, written, language, positions)

    def at(self, number: int, name: str) -> Place:
        return self.text.place(number, self.columns[name] + 1)

    def translated_cell(
        self, cells: dict[str, Any], number: int, ordered: dict[str, list[dict[str, Any] | None]]
    ) -> tuple[str, int, str] | None:
        """The table, row and column a row of the translations table is about, or ``None`` (with a problem)."""
        for name in ("table", "row", "column", "language", "text"):
            if cells[name] is EMPTY:
                self.problem(
                    codes.MISSING_FIELD, f"the {name} is empty; fill it in or delete the row", self.at(number, name)
                )
                return None
        name, column = str(cells["table"]), str(cells["column"])
        if name in self.unread:
            return None  # the table could not be read, which is reported already
        if name not in TEXT_COLUMNS:
            message = f"{excerpt(name)} is not a table with texts{suggest(name, list(TEXT_COLUMNS))}"
            self.problem(codes.UNKNOWN_VALUE, message, self.at(number, "table"))
            return None
        named = [named for _, named, _ in TEXT_COLUMNS[name]]
        if column not in named:
            message = f"{excerpt(column)} is not a column of texts of {name}{suggest(column, named)}"
            self.problem(codes.UNKNOWN_VALUE, f"{message}; those are: {', '.join(named)}", self.at(number, "column"))
            return None
        count = len(ordered.get(name, ()))
        row = cells["row"]
        try:
            row = int(row)
        except (TypeError, ValueError):
            row = 0
        if not 1 <= row <= count:
            message = f"{name} has no row {excerpt(cells['row'])}: rows are counted from 1, and it has {count}"
            self.problem(codes.UNKNOWN_REFERENCE, message, self.at(number, "row"))
            return None
        return name, row, column

    def put_translations(
        self,
        item: dict[str, Any],
        path: tuple[str, ...],
        written: list[tuple[str, str, int]],
        language: str,
        positions: dict[int, Any] | None,
    ) -> None:
        """Put the texts of one cell in each of its languages in place of the cell's text."""
        texts: dict[str, str] = {}
        places: dict[str, Any] = {}
        for tag, translated, number in written:
            if tag in texts:
                message = f"the language {excerpt(tag)} is given twice for this text; keep one row"
                self.problem(codes.DUPLICATE_KEY, message, self.at(number, "language"))
                continue
            texts[tag] = translated
            places[tag] = (self.at(number, "language"), self.at(number, "text"))
        target: Any = item
        for name in path[:-1]:
            target = target.get(name) if isinstance(target, dict) else None
        held = target.get(path[-1]) if isinstance(target, dict) else None
        own = best_match(language, texts)
        if held is not None and own is not None and texts[own] != held:
            message = (
                f"the text in {own!r} is not the text of its cell ({excerpt(held)}); make them the same, or leave the "
                "cell empty"
            )
            self.problem(codes.INVALID_VALUE, message, places[own][1])
        first = places[next(iter(places))][1] if places else None
        put(item, positions, path, texts, first)
        if positions is not None:
            positions[id(texts)] = places
