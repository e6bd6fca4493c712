r"""A mapping: which column of someone else's table fills which field of a record (``gpworkshop-map: 1``).

A mapping is a short YAML file that people read and correct::

    gpworkshop-map: 1
    rows: events
    sheet: Programme
    columns:
      title: Title
      start: {column: Start, format: "%d/%m/%Y %H:%M"}
      location.venue: Location
      summary: {column: Description, html: text}
      participants:
        - {column: Organisers, role: organiser, split: ";", strip: "^\\s*\\d+\\.\\s*"}
    defaults:
      format: session
      location.timezone: Europe/Warsaw

Each key of ``columns`` is a field, dotted into the objects it is part of
(``location.venue``); its value names a column of the header, or gives the
column with how to read it: ``format`` (a ``strptime``
pattern for dates and times written as text), ``html: text`` (the column
holds HTML, kept as its text). ``participants`` lists columns of names of
stakeholders, each with their ``role``, the text that ``split`` the names of
one cell, and a regular expression to ``strip`` from the front of each.
``defaults`` gives the fields every row has.

``rows`` says what a row is: an event (the default), a stakeholder, a
participation in an event, or a commitment made at one. Participations and
commitments are added to an event of the record imported into: the one a
column mapped to ``event`` names in each row (by id or title), or the one
given by ``event`` among the defaults, or by ``--event`` on the command
line. A field that lists several values (``roles``, ``by``) reads them from
one cell, separated by the column's ``split``::

    gpworkshop-map: 1
    rows: participants
    columns:
      stakeholder: Organisation
      roles: {column: Role, split: ";"}
      people.name: Name

>>> from gpworkshop.collect.mapping import parse_mapping
>>> mapping = parse_mapping('''
... gpworkshop-map: 1
... rows: events
... columns: {title: Title, start: {column: Start, format: "%d/%m/%Y"}}
... ''', "map.yaml")
>>> mapping.columns["start"]
Column(column='Start', format='%d/%m/%Y', html=False, split='')
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from gpworkshop import codes
from gpworkshop._parsed import Parsed, Step, located
from gpworkshop._wording import suggest
from gpworkshop.errors import LoadError, Problem
from gpworkshop.formats.yaml import parse

__all__ = ["IN_EVENTS", "ROWS", "VERSION", "Column", "Participants", "TableMapping", "mapping_text", "parse_mapping"]

#: The version of the mapping format, the value of its first key ``gpworkshop-map``.
VERSION = 1
#: What a row of the table may be.
ROWS = ("events", "stakeholders", "participants", "commitments")
#: The kinds of rows that are added to an event of the record, named by each row's ``event`` or for them all.
IN_EVENTS = ("participants", "commitments")

_TOP = ("gpworkshop-map", "rows", "sheet", "columns", "defaults")
_RULE = ("column", "format", "html", "split")
_PEOPLE = ("column", "role", "split", "strip")


@attrs.frozen(kw_only=True)
class Column:
    """One column of the table, and how its cells are read."""

    #: The column's name in the header.
    column: str
    #: How its dates and times are written, as a strptime pattern; empty to find out from the values.
    format: str = ""
    #: Whether its cells are HTML, to be kept as their text.
    html: bool = False
    #: The text between two values of one cell, for a field that lists several (``roles``, ``by``); empty for one.
    split: str = ""


@attrs.frozen(kw_only=True)
class Participants:
    """A column of names of stakeholders who take part in each row's event."""

    #: The column's name in the header.
    column: str
    #: The role of every stakeholder named in it, such as ``organiser``.
    role: str = "participant"
    #: The text between two names in one cell; empty when a cell holds one name.
    split: str = ""
    #: A regular expression taken from the front of each name, such as the number of a numbered list.
    strip: str = ""


@attrs.frozen(kw_only=True)
class TableMapping:
    """How the rows of a table become the objects of a record."""

    #: What each row is: ``events``, ``stakeholders``, ``participants`` or ``commitments``.
    rows: str = "events"
    #: The sheet of a workbook the table is on; ``None`` for the first sheet, or a CSV file.
    sheet: str | None = None
    #: For each field (dotted, ``location.venue``), the column it is read from.
    columns: dict[str, Column] = attrs.field(factory=dict)
    #: The columns of participants' names.
    participants: tuple[Participants, ...] = ()
    #: The value of fields every row has, by dotted field.
    defaults: dict[str, str] = attrs.field(factory=dict)


def parse_mapping(text: str, source: str) -> TableMapping:
    """The mapping written in *text*; *source* names the file in problems.

    :raises ~gpworkshop.LoadError: listing every problem of the mapping, each at its line.
    """
    parsed, problems = parse(text, source, positions=True)
    if problems:
        raise LoadError(problems)
    reading = _Reading(parsed, source)
    mapping = reading.mapping(parsed.data)
    if reading.problems:
        raise LoadError(reading.problems)
    return mapping


@attrs.define
class _Reading:
    parsed: Parsed
    source: str
    problems: list[Problem] = attrs.field(factory=list)

    def problem(self, code: str, message: str, path: tuple[Step, ...], *, key: bool = False) -> None:
        where = self.parsed.locate(path, key=key)
        self.problems.append(located(code, message, self.source, where, ".".join(map(str, path))))

    def mapping(self, data: Any) -> TableMapping:
        if not isinstance(data, dict):
            self.problem(codes.NOT_MAPPING, "a mapping is a YAML mapping that starts with 'gpworkshop-map: 1'", ())
            return TableMapping()
        self.keys(data, _TOP, ())
        if str(data.get("gpworkshop-map")) != str(VERSION):
            self.problem(codes.NO_VERSION, f"start the mapping with 'gpworkshop-map: {VERSION}'", ("gpworkshop-map",))
        rows = data.get("rows", "events")
        if rows not in ROWS:
            self.problem(codes.UNKNOWN_VALUE, f"'rows' must be one of {', '.join(ROWS)} (got {rows!r})", ("rows",))
        sheet = data.get("sheet")
        columns, people = self.columns(data.get("columns"), ("columns",))
        if people and rows in ROWS and rows != "events":
            message = (
                f"'participants' lists the participants of each event a row is; rows of {rows} have none "
                "(for rows: participants, map 'stakeholder' and 'roles')"
            )
            self.problem(codes.UNKNOWN_KEY, message, ("columns", "participants"), key=True)
        defaults = data.get("defaults") or {}
        if not isinstance(defaults, dict) or not all(isinstance(value, str) for value in defaults.values()):
            self.problem(codes.WRONG_TYPE, "'defaults' maps fields to values written as text", ("defaults",))
            defaults = {}
        return TableMapping(
            rows=str(rows),
            sheet=sheet if isinstance(sheet, str) else None,
            columns=columns,
            participants=people,
            defaults=defaults,
        )

    def columns(self, data: Any, path: tuple[Step, ...]) -> tuple[dict[str, Column], tuple[Participants, ...]]:
        if data is None:
            self.problem(codes.MISSING_FIELD, "'columns' must map fields to the columns of the table", path)
            return {}, ()
        if not isinstance(data, dict):
            self.problem(codes.WRONG_TYPE, "'columns' must map fields to the columns of the table", path)
            return {}, ()
        columns: dict[str, Column] = {}
        people: list[Participants] = []
        for field, rule in data.items():
            if field == "participants":
                listed = rule if isinstance(rule, list) else [rule]
                people += [self.participants(item, (*path, field, n)) for n, item in enumerate(listed)]
                continue
            if isinstance(rule, str):
                columns[field] = Column(column=rule)
            elif isinstance(rule, dict) and isinstance(rule.get("column"), str):
                self.keys(rule, _RULE, (*path, field))
                html = rule.get("html")
                if html not in (None, "text"):
                    self.problem(codes.UNKNOWN_VALUE, f"'html' must be 'text' (got {html!r})", (*path, field, "html"))
                columns[field] = Column(
                    column=rule["column"],
                    format=str(rule.get("format") or ""),
                    html=bool(html),
                    split=str(rule.get("split") or ""),
                )
            else:
                self.problem(codes.WRONG_TYPE, "give the column's name, or {column: NAME, …}", (*path, field))
        return columns, tuple(people)

    def participants(self, data: Any, path: tuple[Step, ...]) -> Participants:
        if not isinstance(data, dict) or not isinstance(data.get("column"), str):
            self.problem(codes.WRONG_TYPE, "a column of participants is {column: NAME, role: ROLE, …}", path)
            return Participants(column="")
        self.keys(data, _PEOPLE, path)
        strip = str(data.get("strip") or "")
        try:
            re.compile(strip)
        except re.error as error:
            self.problem(codes.INVALID_VALUE, f"'strip' is not a regular expression: {error}", (*path, "strip"))
            strip = ""
        return Participants(
            column=data["column"],
            role=str(data.get("role") or "participant"),
            split=str(data.get("split") or ""),
            strip=strip,
        )

    def keys(self, data: dict[str, Any], known: tuple[str, ...], path: tuple[Step, ...]) -> None:
        for key in data:
            if key not in known:
                message = f"unknown key {key!r}{suggest(str(key), list(known))}; the keys are: {', '.join(known)}"
                self.problem(codes.UNKNOWN_KEY, message, (*path, key), key=True)


def mapping_text(mapping: TableMapping, notes: dict[str, str] | None = None) -> str:
    """*mapping* written as YAML, with each of *notes* (by field) as a comment beside its field.

    A note on ``columns`` as a whole, such as the columns left out, is a comment below them.

    >>> print(mapping_text(TableMapping(columns={"title": Column(column="Titre")}), {"title": "from 'Titre'"}))
    gpworkshop-map: 1
    rows: events
    columns:
      title: "Titre"  # from 'Titre'
    <BLANKLINE>
    """
    notes = notes or {}
    lines = [f"gpworkshop-map: {VERSION}", f"rows: {mapping.rows}"]
    if mapping.sheet is not None:
        lines.append(f"sheet: {_quoted(mapping.sheet)}")
    lines.append("columns:" if mapping.columns or mapping.participants else "columns: {}")
    for field, rule in mapping.columns.items():
        options = {"format": rule.format, "html": "text" if rule.html else "", "split": rule.split}
        written = _inline(rule.column, options)
        lines.append(_noted(f"  {field}: {written}", notes.get(field)))
    if mapping.participants:
        lines.append("  participants:")
        for people in mapping.participants:
            options = {"role": people.role, "split": people.split, "strip": people.strip}
            lines.append(_noted(f"    - {_inline(people.column, options, always=True)}", notes.get(people.column)))
    if notes.get("columns"):
        lines.append(f"  # {' '.join(notes['columns'].split())}")
    if mapping.defaults:
        lines.append("defaults:")
        lines += [f"  {field}: {_quoted(value)}" for field, value in mapping.defaults.items()]
    return "\n".join(lines) + "\n"


def _inline(column: str, options: dict[str, str], *, always: bool = False) -> str:
    given = {name: value for name, value in options.items() if value}
    if not given and not always:
        return _quoted(column)
    return "{" + ", ".join(f"{name}: {_quoted(value)}" for name, value in {"column": column, **given}.items()) + "}"


def _quoted(text: str) -> str:
    """*text* as a YAML double-quoted scalar, which JSON's escapes are a form of."""
    import json  # noqa: PLC0415  (needed only to write a mapping)

    return json.dumps(text, ensure_ascii=False)


def _noted(line: str, note: str | None) -> str:
    return f"{line}  # {' '.join(note.split())}" if note else line
