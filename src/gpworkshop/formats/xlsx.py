"""The record as an Excel workbook, to fill in and send around (needs ``gpworkshop[xlsx]``).

The first sheet, *About*, says what the workbook is and how to fill it in,
and lists every column of every table: the data dictionary, in words. Then
comes one sheet per table of :mod:`gpworkshop.tables`, named after it
(*Commitments*, *Commitment owners*), with a frozen, styled header row,
filters, real dates, text columns kept as text (so ``17.10`` stays
``17.10``), and a drop-down list on every coded column and on every column
of ids that refers to another sheet. Nothing is ever written as a formula.
The workbook is written with XlsxWriter, but for the rows of its tables,
written as XML directly, and read with openpyxl, but for its largest parts,
read by patterns when they are in the plain forms programs write them in.

Reading is forgiving where a spreadsheet changes what was typed, and
strict where a guess could lose something; see the how-to "Tables:
spreadsheets, CSV and Parquet".
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gpworkshop import tables
from gpworkshop._atomic import write_atomically
from gpworkshop._collector import collector_paused
from gpworkshop._parsed import Parsed
from gpworkshop.errors import FormatError, Problem
from gpworkshop.formats import requires
from gpworkshop.tables import _workbook_parts, _workbook_reading
from gpworkshop.tables._workbook_cells import ROW_LIMIT, filled, widths
from gpworkshop.tables._workbook_parts import letter

if TYPE_CHECKING:
    from gpworkshop.model import KnowledgeBase

__all__ = ["ABOUT", "LISTS", "read", "save", "workbook"]

#: The sheet that explains the workbook.
ABOUT = _workbook_parts.ABOUT
#: The hidden sheet that holds the values of the drop-down lists.
LISTS = _workbook_parts.LISTS

_KIND_WORDS = {
    "text": "text",
    "id": "id: lower-case letters, digits and hyphens",
    "code": "code",
    "integer": "whole number",
    "boolean": "TRUE or FALSE",
    "date": "date",
    "moment": "date, or date and time as 2023-10-17T09:30:00+09:00",
}
_INTRODUCTION = (
    "This workbook holds a gpworkshop record: the stakeholders and events of multi-stakeholder workshops, "
    "their objectives, takeaways and commitments.",
    "Each sheet after this one is a table. A row of a table belongs to the rows of other tables its first "
    "columns name: a commitment names its event, an owner of a commitment names the commitment.",
    "Rows keep their order. Leave a cell empty for no value. Drop-down lists show the allowed codes and the ids "
    "of other sheets. Extra sheets and columns are reported, not ignored; blank rows are skipped.",
    "Check the workbook with: gpworkshop validate FILE.xlsx; turn it into a record file with: "
    "gpworkshop import FILE.xlsx -o record.yaml",
)
# Fixed, so that the same record gives the same workbook.
_CREATED = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
_SPARE_ROWS = 1000
_WIDEST = 60
# The most a cell holds, counted as Excel counts: a character past U+FFFF counts twice.
_LONGEST = 32_767
# How hard the parts are compressed: little, as a workbook of text then comes out a fifth larger than at the usual
# level, in a quarter of the time.
_LEVEL = 2


@collector_paused
def save(kb: KnowledgeBase, path: Path, /) -> None:
    """Write *kb* to the workbook *path*."""
    write_atomically(path, workbook(tables.rows(kb)))


def workbook(rows: dict[str, list[tuple[Any, ...]]]) -> bytes:
    """The bytes of the workbook of *rows* (as :func:`gpworkshop.tables.rows` gives them)."""
    xlsxwriter = requires("xlsxwriter", "xlsx", "xlsx")
    buffer = io.BytesIO()
    options = {"in_memory": True, "strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False}
    book = xlsxwriter.Workbook(buffer, options)
    book.set_properties({"title": "gpworkshop record", "created": _CREATED})
    styles = {
        "heading": book.add_format({"bold": True, "bg_color": "#DCE6F1", "bottom": 1, "text_wrap": True}),
        "title": book.add_format({"bold": True, "font_size": 14}),
        "text": book.add_format({"num_format": "@"}),
        "date": book.add_format({"num_format": "yyyy-mm-dd"}),
        "wrap": book.add_format({"text_wrap": True, "valign": "top"}),
    }
    _about(book.add_worksheet(ABOUT), styles)
    sheets = {table.name: book.add_worksheet(table.title) for table in tables.TABLES}
    lists = _lists(book.add_worksheet(LISTS))
    for table in tables.TABLES:
        _table(sheets[table.name], table, rows.get(table.name, []), styles=styles, lists=lists, every=rows)
    book.close()
    # XlsxWriter numbers the styles as it writes them; a cell takes its column's, and a day the style of dates.
    text, date = styles["text"].xf_index, styles["date"].xf_index
    columns: dict[str, list[int | None]] = {
        table.title: [
            date if column.kind == "date" else (None if column.kind == "integer" else text) for column in table.columns
        ]
        for table in tables.TABLES
    }
    found = {table.title: rows.get(table.name, []) for table in tables.TABLES}
    return filled(buffer.getvalue(), found, columns, date_style=date, level=_LEVEL)


def _about(sheet: Any, styles: dict[str, Any]) -> None:
    sheet.write_string(0, 0, "gpworkshop record", styles["title"])
    for number, paragraph in enumerate(_INTRODUCTION, 2):
        sheet.merge_range(number, 0, number, 6, paragraph, styles["wrap"])
        sheet.set_row(number, 45)
    start = len(_INTRODUCTION) + 3
    headings = ("Sheet", "Column", "Holds", "Required", "Allowed values", "Refers to", "Meaning")
    for column, heading in enumerate(headings):
        sheet.write_string(start, column, heading, styles["heading"])
    row = start + 1
    for table in tables.TABLES:
        refers = {key.columns[-1]: f"{tables.table(key.table).title} ({key.to[-1]})" for key in table.foreign_keys}
        for described in table.columns:
            values = ", ".join(described.values) if len(described.values) <= 30 else "the drop-down list"
            cells = (
                table.title,
                described.name,
                _KIND_WORDS[described.kind],
                "yes" if described.required else "",
                values,
                refers.get(described.name, ""),
                described.description,
            )
            for number, cell in enumerate(cells):
                sheet.write_string(row, number, cell)
            row += 1
    for column, width in enumerate((22, 22, 28, 9, 40, 24, 80)):
        sheet.set_column(column, column, width)
    sheet.freeze_panes(start + 1, 0)


def _lists(sheet: Any) -> dict[tuple[str, ...], str]:
    """The hidden sheet of drop-down values: one column per list, with the range that holds each."""
    ranges: dict[tuple[str, ...], str] = {}
    for table in tables.TABLES:
        for column in table.columns:
            if column.values and column.values not in ranges:
                number = len(ranges)
                sheet.write_string(0, number, column.name)
                for row, value in enumerate(column.values, 1):
                    sheet.write_string(row, number, value)
                column_letter = letter(number)
                ranges[column.values] = f"={LISTS}!${column_letter}$2:${column_letter}${len(column.values) + 1}"
    sheet.hide()
    return ranges


def _table(
    sheet: Any,
    table: tables.Table,
    rows: Sequence[Sequence[Any]],
    *,
    styles: dict[str, Any],
    lists: dict[tuple[str, ...], str],
    every: dict[str, list[tuple[Any, ...]]],
) -> None:
    """Write the header of *table*, and the widths, styles and drop-down lists of its columns; not its rows."""
    if len(rows) >= ROW_LIMIT:
        raise FormatError(
            f"the table {table.name} has {len(rows):,} rows, more than a sheet of a workbook holds; "
            "write the record as csv or parquet instead"
        )
    for number, column in enumerate(table.columns):
        sheet.write_string(0, number, column.name, styles["heading"])
    longest = widths(list(zip(*rows, strict=True))) if rows else [0] * len(table.columns)
    if max(longest, default=0) > _LONGEST // 2:
        _first_too_long(table, rows)
    last = len(rows) + _SPARE_ROWS
    references = _references(table, every)
    for number, column in enumerate(table.columns):
        style = styles["date"] if column.kind == "date" else (styles["text"] if column.kind != "integer" else None)
        width = max(len(column.name) + 2, longest[number] + 1 if longest[number] else 0)
        sheet.set_column(number, number, min(max(width, 10), _WIDEST), style)
        source = lists.get(column.values) if column.values else references.get(column.name)
        if source is not None:
            closed = bool(column.values)
            sheet.data_validation(
                1,
                number,
                last,
                number,
                {
                    "validate": "list",
                    "source": source,
                    "error_type": "stop" if closed else "warning",
                    "error_title": column.name,
                    "error_message": "Choose a value from the list." if closed else "This id is not on its sheet.",
                },
            )
        elif column.kind == "boolean":
            sheet.data_validation(1, number, last, number, {"validate": "list", "source": ["TRUE", "FALSE"]})
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, max(len(rows), 1), len(table.columns) - 1)


def _first_too_long(table: tables.Table, rows: Sequence[Sequence[Any]]) -> None:
    """Refuse the first text of *rows*, row by row, longer than a cell of a workbook holds."""
    for line, row in enumerate(rows, 1):
        for number, value in enumerate(row):
            if isinstance(value, str) and len(value) > _LONGEST // 2:
                units = len(value.encode("utf-16-le", "surrogatepass")) // 2
                if units <= _LONGEST:
                    continue
                counted = f" ({units:,} as Excel counts them)" if units != len(value) else ""
                raise FormatError(
                    f"a text of {len(value):,} characters{counted} is longer than a cell of a workbook holds "
                    f"({_LONGEST:,}); write the record as csv or parquet instead (sheet {table.title}, cell "
                    f"{letter(number)}{line + 1})"
                )


def _references(table: tables.Table, every: dict[str, list[tuple[Any, ...]]]) -> dict[str, str]:
    """For each column of ids that refers to another sheet, the range of that sheet's ids."""
    found: dict[str, str] = {}
    for key in table.foreign_keys:
        target = tables.table(key.table)
        position = [column.name for column in target.columns].index(key.to[-1])
        column_letter = letter(position)
        last = len(every.get(target.name, [])) + _SPARE_ROWS + 1
        found[key.columns[-1]] = f"='{target.title}'!${column_letter}$2:${column_letter}${last}"
    return found


def read(path: Path, source: str, *, positions: bool = False) -> tuple[Parsed, list[Problem]]:
    """The record in the workbook at *path*; with each value placed at its sheet and cell if *positions*.

    The workbook's parts are checked before any is parsed: their number,
    their inflated sizes and how far each inflates (a zip bomb is refused
    unopened), and that no XML part declares a document type, which could
    bring entities (see :mod:`gpworkshop.limits`).
    """
    return _workbook_reading.read(path, source, positions=positions)
