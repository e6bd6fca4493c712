"""The record as flat, typed tables: one per kind of object, and one per list.

Every table, column, type, vocabulary, key and description here is derived
from the model classes, so the tables cannot drift from the record: a list
of objects becomes a table of its own (``commitments``, ``progress_updates``),
a list of ids or codes a link table (``commitment_owners``: which
stakeholders made each commitment), and an object held in one field becomes
columns with its name in front (``location_city``). A row names what it
belongs to by the key columns that come first (``event``, ``commitment``).
Rows keep the order of the record, so a record goes to tables and back
unchanged.

The CSV data package, the Excel workbook, Parquet and JSON Lines formats of
:mod:`gpworkshop.formats` all write and read these tables.

>>> from gpworkshop import tables
>>> commitments = tables.table("commitments")
>>> commitments.primary_key
('id',)
>>> [column.name for column in commitments.columns][:4]
['event', 'id', 'text', 'kind']
>>> tables.table("commitment_owners").foreign_keys[1]
ForeignKey(columns=('stakeholder',), table='stakeholders', to=('id',))

A record and its rows:

>>> import gpworkshop as gw
>>> kb = gw.loads('''
... gpworkshop: 1
... stakeholders:
...   - {id: norad, name: Norwegian Agency for Development Cooperation, kind: bilateral-provider, country: NO}
... ''')
>>> rows = tables.rows(kb)
>>> rows["stakeholders"][0][:5]
('norad', 'Norwegian Agency for Development Cooperation', None, 'bilateral-provider', 'NO')
>>> tables.record(rows) == kb
True
"""

from __future__ import annotations

from gpworkshop._parsed import TableText
from gpworkshop.tables import _dictionary
from gpworkshop.tables._dictionary import Column, ForeignKey, Table, table
from gpworkshop.tables._found import followed, too_many_columns, too_many_rows
from gpworkshop.tables._reading import parsed, record
from gpworkshop.tables._writing import rows

__all__ = [
    "RECORD",
    "TABLES",
    "TRANSLATIONS",
    "Column",
    "ColumnKind",
    "ForeignKey",
    "Table",
    "TableText",
    "followed",
    "parsed",
    "record",
    "rows",
    "table",
    "too_many_columns",
    "too_many_rows",
]

#: What a column holds: free ``text`` (kept exactly as written), an ``id`` or a reference to one, a ``code`` of a
#: vocabulary or a standard list (spaces around it do not count), an ``integer``, a ``boolean``, a ``date``, or a
#: ``moment``: a date, or a date and time with its offset, in ISO 8601.
ColumnKind = _dictionary.ColumnKind
#: The record as a whole: its language, when that is not English.
RECORD = _dictionary.RECORD
#: Texts of the other tables written in several languages.
TRANSLATIONS = _dictionary.TRANSLATIONS
#: Every table, parents before the tables of their lists; the record's language and the translations of its texts last.
TABLES = _dictionary.TABLES
