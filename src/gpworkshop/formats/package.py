"""The record's tables as a Frictionless Data Package: ``datapackage.json`` beside one file per table.

The descriptor (`Data Package v2 <https://datapackage.org/>`_) is the data
dictionary: for each table its columns with their types, descriptions and
constraints (required, the values of a coded column, the pattern of an id),
its primary key and its foreign keys, all from :mod:`gpworkshop.tables`.
The same descriptor serves the CSV, Parquet and JSON Lines formats, each
resource naming the format of its file, so a folder is read whatever its
tables are written in.

>>> from gpworkshop.formats import package
>>> stakeholders = package.descriptor("csv")["resources"][0]
>>> stakeholders["path"], stakeholders["schema"]["primaryKey"]
('stakeholders.csv', ['id'])
>>> stakeholders["schema"]["fields"][3]["constraints"]["enum"][:2]
['government', 'local-government']
"""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from gpworkshop import _validators as check
from gpworkshop import codes, limits, tables
from gpworkshop._encoding import decode
from gpworkshop._files import read_file
from gpworkshop._migrations import FORMAT_VERSION, lowest_version
from gpworkshop._parsed import Parsed, Place, placed
from gpworkshop._wording import DATE_PATTERN, DATETIME_PATTERN, excerpt, suggest
from gpworkshop.errors import Problem
from gpworkshop.formats import TableReader, registry
from gpworkshop.formats import json as json_format

__all__ = ["DESCRIPTOR", "PROFILE", "descriptor", "read"]

#: The name of the descriptor file.
DESCRIPTOR = "datapackage.json"
#: The profile the descriptor follows.
PROFILE = "https://datapackage.org/profiles/2.0/datapackage.json"

_TYPES = {
    "text": "string",
    "id": "string",
    "code": "string",
    "integer": "integer",
    "boolean": "boolean",
    "date": "date",
    "moment": "string",
}
_MEDIA = {"csv": "text/csv", "parquet": "application/vnd.apache.parquet", "jsonl": "application/jsonl"}
_FORMULA_NOTE = (
    " In CSV, text that a spreadsheet would take for a formula (it starts with =, +, -, @, a tab or a carriage "
    "return, after any apostrophes) has one more apostrophe in front, which reading the package takes away."
)


def descriptor(file_format: str, *, translated: bool = False) -> dict[str, Any]:
    """The ``datapackage.json`` of a record's tables written as *file_format*: ``csv``, ``parquet`` or ``jsonl``.

    *translated* says whether the record has texts in several languages, which need format version 2.
    """
    return {
        "$schema": PROFILE,
        "name": "gpworkshop-record",
        "title": "A gpworkshop record as tables",
        "description": "Stakeholders and events of multi-stakeholder workshops, their objectives, takeaways and "
        "commitments, one table per kind of object and one per list." + (_FORMULA_NOTE if file_format == "csv" else ""),
        "gpworkshop": lowest_version(translated),
        "resources": [_resource(table, file_format) for table in tables.TABLES],
    }


def _resource(table: tables.Table, file_format: str) -> dict[str, Any]:
    resource: dict[str, Any] = {
        "name": table.name,
        "type": "table",
        "path": f"{table.name}.{file_format}",
        "format": file_format,
        "mediatype": _MEDIA[file_format],
    }
    if file_format != "parquet":
        resource["encoding"] = "utf-8"
    resource["title"] = table.title
    resource["description"] = table.description
    resource["schema"] = schema(table)
    return resource


def schema(table: tables.Table) -> dict[str, Any]:
    """The Table Schema of *table*."""
    described: dict[str, Any] = {"fields": [_field(column) for column in table.columns], "missingValues": [""]}
    if table.primary_key:
        described["primaryKey"] = list(table.primary_key)
    if table.foreign_keys:
        described["foreignKeys"] = [_foreign_key(key, table) for key in table.foreign_keys]
    return described


def _foreign_key(key: tables.ForeignKey, table: tables.Table) -> dict[str, Any]:
    # A reference to the same table names no resource, as Data Package v2 has it (and as v1 readers take it).
    reference = {"fields": list(key.to)} if key.table == table.name else {"resource": key.table, "fields": list(key.to)}
    return {"fields": list(key.columns), "reference": reference}


def _field(column: tables.Column) -> dict[str, Any]:
    field: dict[str, Any] = {"name": column.name, "type": _TYPES[column.kind], "description": column.description}
    constraints: dict[str, Any] = {}
    if column.required:
        constraints["required"] = True
    if column.values:
        constraints["enum"] = list(column.values)
    elif column.kind == "id":
        constraints["pattern"] = check.SLUG.pattern
    elif column.kind == "code":
        constraints["pattern"] = check.SDG_CODE.pattern
    elif column.kind == "moment":
        constraints["pattern"] = f"{DATE_PATTERN}|{DATETIME_PATTERN}"
    if constraints:
        field["constraints"] = constraints
    return field


def read(path: Path, source: str, *, positions: bool = False) -> tuple[Parsed, list[Problem]]:
    """The record in the data package at *path* (its folder, or its ``datapackage.json``).

    A folder without a ``datapackage.json`` is read from the files named
    after the tables it holds (``commitments.csv``, ``events.parquet``).
    With *positions*, the place of every value: its file, row and column.
    Every file of the package must lie inside its folder, links followed.
    """
    readers = {format_.name: format_.table for format_ in registry().values() if format_.table is not None}
    folder, named = (path, os.path.join(source, DESCRIPTOR)) if path.is_dir() else (path.parent, source)
    base = os.path.dirname(named)
    problems: list[Problem] = []
    # For each table that could not be read, the problem that says why.
    causes: dict[str, int] = {}
    text: str | None = None
    if path.is_dir() and not (folder / DESCRIPTOR).exists():
        described = Parsed({"resources": _files(folder, source, readers, problems, causes)})
    else:
        data = read_file(
            folder / DESCRIPTOR, named, within=folder if path.is_dir() else None, limit=limits.DESCRIPTOR_BYTES
        )
        if isinstance(data, Problem):
            return Parsed(None), [data]
        text, problem = decode(data, named)
        if text is None:
            assert problem is not None
            return Parsed(None), [problem]
        described, more = json_format.parse(text, named)
        if described.data is None:
            return Parsed(None), more
        problems.extend(more)
    descriptor = _Descriptor(described, named, text)
    resources = described.data.get("resources") if isinstance(described.data, dict) else None
    if not isinstance(resources, list):
        message = "a data package needs a list of 'resources', one for each table"
        return Parsed(None), [placed(codes.MISSING_FIELD, message, descriptor.place("resources"))]
    if len(resources) > limits.TABLES:
        message = (
            f"a data package has at most {limits.TABLES} resources, one for each table; this one has {len(resources):,}"
        )
        return Parsed(None), [placed(codes.LIMIT, message, descriptor.place("resources"))]
    found: dict[str, tables.TableText] = {}
    for number, resource in enumerate(resources):
        entry = _entry(resource, folder, base, readers=readers, at=descriptor.at(number), problems=problems)
        if isinstance(entry, str):
            causes.setdefault(entry, len(problems) - 1)
        elif entry is not None:
            name, table_text = entry
            found[name] = table_text
    version = described.data.get("gpworkshop", FORMAT_VERSION)
    dropped: dict[str, int] = {}
    parsed, more = tables.parsed(found, version=version, unread=causes, positions=positions, dropped=dropped)
    return parsed, [*tables.followed(problems, causes, dropped), *more]


class _Descriptor:
    """Where the parts of a package's descriptor are written, to place the problems of its resources."""

    def __init__(self, described: Parsed, named: str, text: str | None) -> None:
        self.described, self.named, self.text = described, named, text

    def place(self, *path: str | int) -> Place:
        if self.text is not None and self.described.positions is None:
            # The positions of the descriptor's values are found when a problem first needs one.
            self.described = json_format.parse(self.text, self.named, positions=True)[0]
        position = self.described.locate(path)
        if isinstance(position, Place):
            return position
        return Place(self.named, *(position or (1, 1)))

    def at(self, number: int) -> Callable[[str | None], Place]:
        """The place of a key of the resource at *number*, or of the resource itself for ``None``."""
        return lambda key: self.place("resources", number, *([key] if key else []))


def _files(
    folder: Path, source: str, readers: dict[str, TableReader], problems: list[Problem], causes: dict[str, int]
) -> list[dict[str, str]]:
    """The resources of a folder of tables without a descriptor: its files of tables, each named after its table.

    A file named like a table but not as it is (``event.csv``) is a problem, and that table counts as unread in
    *causes*, so that the rows that belong to its rows are not each reported.
    """
    names = [table.name for table in tables.TABLES]
    found: list[dict[str, str]] = []
    for path in sorted(folder.iterdir()):
        kind = path.suffix.lstrip(".").lower()
        if kind not in readers or path.is_dir():
            continue
        if path.stem in names:
            found.append({"name": path.stem, "path": path.name, "format": kind})
        else:
            message = (
                f"the file is not named after a table{suggest(path.stem, names)}; the tables are: {', '.join(names)}"
            )
            problems.append(Problem(code=codes.UNKNOWN_KEY, message=message, source=os.path.join(source, path.name)))
            meant = difflib.get_close_matches(path.stem, names, n=1, cutoff=0.6)
            if meant and not (folder / f"{meant[0]}{path.suffix}").exists():
                causes.setdefault(meant[0], len(problems) - 1)
    if not found and not problems:
        message = f"the folder holds no {DESCRIPTOR} and no tables (files such as commitments.csv)"
        problems.append(Problem(code=codes.UNREADABLE, message=message, source=source))
    return found


def _entry(
    resource: Any,
    folder: Path,
    base: str,
    *,
    readers: dict[str, TableReader],
    at: Callable[[str | None], Place],
    problems: list[Problem],
) -> tuple[str, tables.TableText] | str | None:
    """The name and the rows of the table a *resource* of the descriptor names.

    When they cannot be read, a problem goes to *problems*, placed *at* the resource in the descriptor, and
    the result is the table's name, or ``None`` when the resource names none.
    """
    name, relative = (resource.get("name"), resource.get("path")) if isinstance(resource, dict) else (None, None)
    if not isinstance(name, str) or not isinstance(relative, str):
        problems.append(placed(codes.MISSING_FIELD, "each resource needs a 'name' and a 'path' (text)", at(None)))
        return None
    if not relative.isprintable() or not relative.strip():
        message = f"the path of the table {excerpt(name)} must be a file name, got {excerpt(relative)}"
        problems.append(placed(codes.INVALID_VALUE, message, at("path")))
        return name
    file_format = resource.get("format") or Path(relative).suffix.lstrip(".").lower()
    reader = readers.get(file_format) if isinstance(file_format, str) else None
    shown = os.path.join(base, relative)
    if reader is None:
        message = (
            f"the table {excerpt(name)} is in the format {excerpt(file_format)}; tables are in one of: "
            f"{', '.join(readers)}"
        )
        problems.append(placed(codes.UNKNOWN_VALUE, message, at("format" if "format" in resource else "path")))
        return name
    inside = Path(os.path.normpath(folder / relative))
    if Path(relative).is_absolute() or not inside.is_relative_to(os.path.normpath(folder)):
        message = f"the table {excerpt(name)} must be a file inside the package's folder, got {excerpt(relative)}"
        problems.append(placed(codes.INVALID_VALUE, message, at("path")))
        return name
    data = read_file(inside, shown, within=folder)
    table_text = data if isinstance(data, Problem) else reader(data, shown)
    if isinstance(table_text, Problem):
        problems.append(table_text)
        return name
    return name, table_text
