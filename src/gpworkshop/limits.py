"""The limits every reader keeps, in one place: how big, how deep and how wide an input may be.

A record is read from files that people send each other. A file may be
broken by accident or made to hurt: a workbook that inflates to gigabytes,
a table a million columns wide, JSON nested a hundred thousand deep. Each
reader refuses such input as soon as it passes a limit below, with a
problem that names the limit, before it costs time or memory.

The limits are far above what any real record needs: a record of 50,000
events, each with its objectives, takeaways and commitments, is about
450 MB of JSON and a workbook of 700 MB inflated, with at most 500,000
rows in a table. A larger archive is split over several files, which
:func:`gpworkshop.load` reads as one.

>>> from gpworkshop import limits
>>> limits.FILE_BYTES // 2**20, limits.TABLE_ROWS, limits.DEPTH
(1024, 1000000, 64)
"""

from __future__ import annotations

import datetime as dt

__all__ = [
    "ALIAS_ALLOWANCE",
    "ALIAS_GROWTH",
    "DEPTH",
    "DESCRIPTOR_BYTES",
    "DURATION",
    "FILE_BYTES",
    "INFLATED_BYTES",
    "INFLATION_RATIO",
    "INFLATION_RATIO_FROM",
    "NUMBER_DIGITS",
    "PROBLEMS_PER_FILE",
    "TABLES",
    "TABLE_COLUMNS",
    "TABLE_ROWS",
    "XML_PROLOG_BYTES",
    "ZIP_MEMBERS",
    "long_number",
    "size",
]

#: The largest file read, in bytes (1 GiB): a record file, a table of a data package, a workbook.
FILE_BYTES = 2**30

#: The largest descriptor of a data package (``datapackage.json``) read, in bytes (16 MiB): a record's, with the
#: schema of every table, is some tens of KiB.
DESCRIPTOR_BYTES = 16 * 2**20

#: The most a workbook's parts may hold once inflated, all together, in bytes (1 GiB).
INFLATED_BYTES = 2**30
#: The most a part of a workbook may inflate, as a multiple of its compressed size (as Apache POI allows):
#: real sheets inflate about 13 times, a zip bomb a thousand times.
INFLATION_RATIO = 100
#: Parts smaller than this many bytes once inflated are not held to :data:`INFLATION_RATIO` (1 MiB).
INFLATION_RATIO_FROM = 2**20
#: The most parts a workbook may have; one of a record has about 40.
ZIP_MEMBERS = 10_000
#: How far into an XML part of a workbook its first element may start, in bytes (64 KiB); a document type
#: declaration, which would bring entities, is refused in that prolog.
XML_PROLOG_BYTES = 64 * 2**10

#: The most rows a table may have, in any format of tables (a sheet of a workbook has 1,048,575 at most).
TABLE_ROWS = 1_000_000
#: The most columns a table may have, many times what the widest table of a record has.
TABLE_COLUMNS = 256
#: The most tables (resources of a data package, sheets of a workbook) a record of tables may have, many
#: times the number of tables of a record.
TABLES = 256

#: How deep mappings and lists may nest; the format needs about eight.
DEPTH = 64
#: Aliases of a YAML file may expand what is written by this many values before :data:`ALIAS_GROWTH` applies.
ALIAS_ALLOWANCE = 10_000
#: Beyond :data:`ALIAS_ALLOWANCE`, aliases may expand a YAML file to this many times the values written.
ALIAS_GROWTH = 10

#: The most digits a number may have; the numbers of a record (an edition, a percentage) have a few.
NUMBER_DIGITS = 100

#: The longest a session of a conference schedule may last.
DURATION = dt.timedelta(days=366)

#: The most problems listed for one file (one sheet of a workbook); the rest are counted, not listed.
PROBLEMS_PER_FILE = 100


def size(count: int) -> str:
    """*count* bytes in words, for messages.

    >>> size(2**30), size(3 * 2**20 + 1), size(512)
    ('1 GiB', '3.0 MiB', '512 bytes')
    """
    for unit, name in ((2**30, "GiB"), (2**20, "MiB"), (2**10, "KiB")):
        if count >= unit:
            whole, rest = divmod(count, unit)
            return f"{whole} {name}" if not rest else f"{count / unit:.1f} {name}"
    return f"{count} bytes"


def long_number(written: str) -> str | None:
    """Why the number *written* (digits, with a sign) is refused, when it has more digits than a number may.

    >>> long_number("-" + "9" * 120)
    'a number of 120 digits is longer than the 100 a record allows'
    >>> long_number("2014") is None
    True
    """
    digits = len(written.lstrip("+-"))
    if digits <= NUMBER_DIGITS:
        return None
    return f"a number of {digits:,} digits is longer than the {NUMBER_DIGITS} a record allows"
