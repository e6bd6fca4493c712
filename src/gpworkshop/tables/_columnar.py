"""Rows that a reader found a column at a time, kept so: reading turns them into a record a column at a time too."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

__all__ = ["Columns"]


class Columns:
    """The rows of a table held as its columns, each with its number: what :attr:`TableText.rows` holds, unturned.

    Iterating gives each row with its number, as a list of rows does, for a reader of rows; a reader of
    columns takes :attr:`columns` as they are, rather than turn the rows back into them. Every column has a
    cell for each row.

    >>> rows = Columns([2, 3], [["norad", "sida"], ["Norad", ""]])
    >>> list(rows)
    [(2, ['norad', 'Norad']), (3, ['sida', ''])]
    """

    def __init__(self, numbers: Sequence[int], columns: Sequence[Sequence[Any]]) -> None:
        #: The number of each row, as the table's ``place`` counts them.
        self.numbers = numbers
        #: The cells of each column, in the order of the rows.
        self.columns = columns

    def __iter__(self) -> Iterator[tuple[int, list[Any]]]:
        if not self.columns:
            return iter([(number, []) for number in self.numbers])
        return zip(self.numbers, map(list, zip(*self.columns, strict=True)), strict=True)

    def __len__(self) -> int:
        return len(self.numbers)
