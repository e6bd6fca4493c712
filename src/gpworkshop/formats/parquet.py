"""The record as typed Parquet tables in a data package, for analysts (needs ``gpworkshop[parquet]``).

Each table of :mod:`gpworkshop.tables` is a Parquet file written with
pyarrow, typed from the data dictionary: text and ids as strings, codes of
a vocabulary dictionary-encoded, whole numbers as int64, booleans, dates as
date32, and moments (a date, or a date and time with its offset) as ISO 8601
text, as one column may hold both. Each column carries its description, and
``datapackage.json`` describes the folder. DuckDB, Polars and pandas read
the files directly, many records at once.
"""

from __future__ import annotations

import datetime as dt
import functools
import io
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from gpworkshop import codes, limits, tables
from gpworkshop._atomic import write_folder
from gpworkshop._collector import collector_paused
from gpworkshop._migrations import lowest_version
from gpworkshop._parsed import Place
from gpworkshop.errors import Problem
from gpworkshop.formats import package, requires
from gpworkshop.tables._columnar import Columns

if TYPE_CHECKING:
    from gpworkshop.model import KnowledgeBase

__all__ = ["arrow_schema", "save", "table_text"]


def _arrow() -> Any:
    requires("pyarrow.parquet", "parquet", "parquet")
    import pyarrow as pa  # noqa: PLC0415  (an extra, loaded when the format is used)

    return pa


def arrow_schema(table: tables.Table) -> Any:
    """The ``pyarrow.Schema`` of *table*, with each column's description in its metadata."""
    pa = _arrow()
    types = {
        "text": pa.string(),
        "id": pa.string(),
        "code": pa.dictionary(pa.int32(), pa.string()),
        "integer": pa.int64(),
        "boolean": pa.bool_(),
        "date": pa.date32(),
        "moment": pa.string(),
    }
    fields = [
        pa.field(
            column.name,
            pa.string() if column.kind == "code" and not column.values else types[column.kind],
            nullable=not column.required,
            metadata={"description": column.description},
        )
        for column in table.columns
    ]
    metadata = {
        "gpworkshop": str(lowest_version(translated=False)),
        "table": table.name,
        "description": table.description,
    }
    return pa.schema(fields, metadata=metadata)


@collector_paused
def save(kb: KnowledgeBase, path: Path, /) -> None:
    """Write *kb* to the folder *path* as Parquet tables and their ``datapackage.json``."""
    pa = _arrow()
    import pyarrow.parquet as pq  # noqa: PLC0415

    rows = tables.rows(kb)
    files: dict[str, bytes] = {}
    for table in tables.TABLES:
        schema = _schema(table)
        columns = list(zip(*rows[table.name], strict=True)) or [() for _ in table.columns]
        arrays = [
            _array(pa, values, field.type, column.kind)
            for values, field, column in zip(columns, schema, table.columns, strict=True)
        ]
        buffer = io.BytesIO()
        pq.write_table(pa.Table.from_arrays(arrays, schema=schema), buffer)
        files[table.name + ".parquet"] = buffer.getvalue()
    write_folder(path, {package.DESCRIPTOR: _descriptor(translated=bool(rows[tables.TRANSLATIONS.name])), **files})


# The same for every record: made once.
_schema = functools.cache(arrow_schema)


@functools.cache
def _descriptor(*, translated: bool) -> bytes:
    """The ``datapackage.json`` of a record's Parquet tables, the same for every record but for its languages."""
    described = package.descriptor("parquet", translated=translated)
    return (json.dumps(described, indent=2, ensure_ascii=False) + "\n").encode()


def _array(pa: Any, values: tuple[Any, ...], type_: Any, kind: str) -> Any:
    if pa.types.is_dictionary(type_):
        return pa.array(values, pa.string()).dictionary_encode().cast(type_)
    if kind == "moment":
        # A moment is a date or a date and time, which one column of Arrow cannot hold both of: it is text.
        values = tuple(value.isoformat() if isinstance(value, dt.date) else value for value in values)
    return pa.array(values, type_)


def table_text(data: bytes, source: str) -> tables.TableText | Problem:
    """The rows of one Parquet table read from *data*, each value placed at its row and column.

    The file's own metadata says how many rows and columns it has and how
    large its data is once uncompressed; a file past the limits of
    :mod:`gpworkshop.limits` is refused before its data is read.
    """
    pa = _arrow()
    import pyarrow.parquet as pq  # noqa: PLC0415

    try:
        file = pq.ParquetFile(pa.BufferReader(data))
        metadata = file.metadata
        if metadata.num_columns > limits.TABLE_COLUMNS:
            return tables.too_many_columns(Place(source), metadata.num_columns)
        if metadata.num_rows > limits.TABLE_ROWS:
            return tables.too_many_rows(Place(source, limits.TABLE_ROWS + 1))
        inflated = sum(metadata.row_group(group).total_byte_size for group in range(metadata.num_row_groups))
        if inflated > limits.INFLATED_BYTES:
            message = (
                f"the table's data is {limits.size(inflated)} uncompressed, more than the "
                f"{limits.size(limits.INFLATED_BYTES)} a table may hold; split the record over several files"
            )
            return Problem(code=codes.LIMIT, message=message, source=source)
        read = file.read()
        columns = [_values(pa, column) for column in read.columns]
    except Exception as error:  # noqa: BLE001  (pyarrow's errors for a file that is not Parquet vary)
        return Problem(code=codes.SYNTAX, message=f"not a Parquet file that can be read ({error})", source=source)

    def place(row: int | None, column: int | None) -> Place:
        return Place(source, row or None, column)

    numbers = range(1, read.num_rows + 1 if columns else 1)
    return tables.TableText(read.column_names, Columns(numbers, columns), place)


def _values(pa: Any, column: Any) -> list[Any]:
    """The values of a column of Arrow, as ``to_pylist`` gives them.

    Codes and dates take the way of their few distinct values: ``to_pylist`` makes an object for each cell of a
    dictionary or a date column, which costs many times more than looking each up in a list of them.
    """
    if pa.types.is_date(column.type):
        column = column.dictionary_encode()
    elif not pa.types.is_dictionary(column.type):
        return list(column.to_pylist())
    values: list[Any] = []
    for chunk in column.chunks:
        distinct = chunk.dictionary.to_pylist()
        indices = chunk.indices.to_pylist()
        if chunk.null_count:
            values.extend(None if index is None else distinct[index] for index in indices)
        else:
            values.extend(map(distinct.__getitem__, indices))
    return values
