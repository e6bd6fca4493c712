"""The record as tables: the data dictionary derived from the model, and rows there and back."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import tables
from gpworkshop._parsed import Place
from gpworkshop.model import DOC, REFERS
from gpworkshop.strategies import knowledge_bases
from tests.records import EXAMPLES, RECORDS


@given(knowledge_bases())
def test_rows_give_back_the_record(kb: gw.KnowledgeBase) -> None:
    assert kb == tables.record(tables.rows(kb))


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_examples_go_to_rows_and_back(record: str) -> None:
    kb = gw.load(EXAMPLES / record)

    assert kb == tables.record(tables.rows(kb))


@given(knowledge_bases())
def test_every_row_has_a_cell_for_each_column_of_its_type(kb: gw.KnowledgeBase) -> None:
    types: dict[str, tuple[type, ...]] = {
        "text": (str,),
        "id": (str,),
        "code": (str,),
        "integer": (int,),
        "boolean": (bool,),
        "date": (dt.date,),
        "moment": (dt.date,),
    }
    for table in tables.TABLES:
        for row in tables.rows(kb)[table.name]:
            assert len(table.columns) == len(row)
            for column, value in zip(table.columns, row, strict=True):
                assert (value is None and not column.required) or isinstance(value, types[column.kind])
                if column.values and value is not None:
                    assert value in column.values


@given(knowledge_bases())
def test_keys_are_unique_and_foreign_keys_resolve(kb: gw.KnowledgeBase) -> None:
    rows = tables.rows(kb)
    for table in tables.TABLES:
        names = [column.name for column in table.columns]
        if table.primary_key:
            keys = [tuple(row[names.index(name)] for name in table.primary_key) for row in rows[table.name]]
            assert len(keys) == len(set(keys)), table.name
        for key in table.foreign_keys:
            target = tables.table(key.table)
            target_names = [column.name for column in target.columns]
            known = {tuple(row[target_names.index(name)] for name in key.to) for row in rows[key.table]}
            for row in rows[table.name]:
                value = tuple(row[names.index(name)] for name in key.columns)
                assert None in value or value in known, (table.name, key)


def test_every_model_field_has_a_home_in_the_tables() -> None:
    """Each field of every class is a column, a table of its own, or columns of the object it holds."""
    columns = {column.name for table in tables.TABLES for column in table.columns}
    names = {table.name for table in tables.TABLES}
    leaves: list[str] = []

    def walk(cls: type, prefix: str) -> None:
        for field in attrs.fields(cls):
            type_text = str(field.type)
            if "tuple[" in type_text:
                continue
            inner = next((c for c in (gw.Location, gw.Source, gw.Person) if c.__name__ in type_text), None)
            if inner is not None and cls is not inner:
                walk(inner, f"{prefix}{field.name}_")
            else:
                leaves.append(prefix + field.name)

    for cls in (gw.Event, gw.Commitment, gw.ProgressUpdate, gw.Takeaway):
        walk(cls, "")
    assert [] == [leaf for leaf in leaves if leaf not in columns and leaf != "event"]
    assert {"participations", "commitment_owners", "takeaway_objectives", "progress_updates"} <= names
    # The model's 25, then the record's language and the translations of its texts.
    assert 27 == len(tables.TABLES)
    assert ("record", "translations") == tuple(table.name for table in tables.TABLES[-2:])


def test_descriptions_and_references_come_from_the_model() -> None:
    owners = tables.table("commitment_owners")
    by = attrs.fields_dict(gw.Commitment)["by"]

    assert by.metadata[DOC] == owners.column("stakeholder").description
    assert "stakeholders" == by.metadata[REFERS]
    assert tables.ForeignKey(("stakeholder",), "stakeholders", ("id",)) in owners.foreign_keys
    assert 'Short name, such as "KRILA".' == tables.table("stakeholders").column("acronym").description
    assert tables.table("events").column("start").required
    assert not tables.table("events").column("location_city").required
    assert ("event", "id") == tables.table("objectives").primary_key
    assert tables.ForeignKey(("event", "objective"), "objectives", ("event", "id")) in (
        tables.table("takeaway_objectives").foreign_keys
    )
    assert tuple(status.value for status in gw.CommitmentStatus) == tables.table("commitments").column("status").values


def test_tables_come_in_an_order_where_parents_are_first() -> None:
    seen: set[str] = set()
    for table in tables.TABLES:
        for key in table.foreign_keys:
            if key.columns == tuple(column.name for column in table.columns[: len(key.columns)]):
                assert key.table in seen or key.table == table.name
        seen.add(table.name)


def test_unknown_names_are_refused_with_a_suggestion() -> None:
    with pytest.raises(gw.FormatError, match=r"there is no table 'comitments' \(did you mean 'commitments'\?\)"):
        tables.table("comitments")
    with pytest.raises(gw.FormatError, match="has no column 'colour'"):
        tables.table("events").column("colour")


def symposium_rows() -> dict[str, list[tuple[Any, ...]]]:
    return tables.rows(gw.load(EXAMPLES / "regional-symposium-2023"))


def test_problems_in_rows_are_located_by_table_row_and_column() -> None:
    rows = symposium_rows()
    commitment = rows["commitments"][0]
    rows["commitments"][0] = (*commitment[:3], "pledg", commitment[4], "2023-13-01", *commitment[6:])
    rows["commitment_owners"].append(("no-such-commitment", "krila"))
    rows["commitment_owners"].append((commitment[1], "krilla"))

    with pytest.raises(gw.LoadError) as caught:
        tables.record(rows)

    assert [
        ("commitments", 1, 4, "GPW205"),
        ("commitments", 1, 6, "GPW204"),
        ("commitment_owners", 2, 1, "GPW302"),
        ("commitment_owners", 3, 2, "GPW302"),
    ] == [(p.source, p.line, p.column, p.code) for p in caught.value.problems]
    messages = [problem.message for problem in caught.value.problems]
    assert "(did you mean 'pledge'?)" in messages[0]
    assert "commitments has no row for the commitment 'no-such-commitment'" in messages[2]
    assert "(did you mean 'krila'?)" in messages[3]


def test_a_child_row_without_its_key_is_reported() -> None:
    rows = symposium_rows()
    rows["commitment_owners"].append((None, "krila"))
    rows["event_themes"].append(("regional-symposium-2023", None))

    with pytest.raises(gw.LoadError) as caught:
        tables.record(rows)

    assert [("commitment_owners", 2, 1, "GPW201")] == [
        (p.source, p.line, p.column, p.code) for p in caught.value.problems
    ]


def test_an_empty_text_in_a_link_table_is_empty_text() -> None:
    rows = symposium_rows()
    rows["event_themes"].append(("regional-symposium-2023", None))

    kb = tables.record(rows, check=False)

    assert "" == kb.event("regional-symposium-2023").themes[-1]


@given(st.sampled_from([1.0, 17.0, 17.1, 4.25]))
def test_numbers_in_text_columns_are_read_as_their_text(number: float) -> None:
    rows = symposium_rows()
    rows["objective_sdgs"][0] = (*rows["objective_sdgs"][0][:2], number)

    kb = tables.record(rows, check=False)

    expected = str(int(number)) if number.is_integer() else str(number)
    assert expected == kb.event("nri-inaugural-meeting-2023").objective("nri-roles").sdgs[0]


def test_cells_are_read_as_spreadsheets_give_them() -> None:
    rows = symposium_rows()
    events = tables.table("events")
    index = {column.name: number for number, column in enumerate(events.columns)}
    first = list(rows["events"][1])
    first[index["edition"]] = 7.0
    first[index["id"]] = "  regional-symposium-2023 "
    first[index["location_online"]] = "TRUE"
    rows["events"][1] = tuple(first)
    commitment = rows["commitments"][0]
    rows["commitments"][0] = (*commitment[:4], dt.datetime(2023, 7, 4), *commitment[5:])

    kb = tables.record(rows)
    event = kb.event("regional-symposium-2023")

    assert (7, True) == (event.edition, event.location and event.location.online)
    assert dt.date(2023, 7, 4) == kb.event("nri-inaugural-meeting-2023").commitments[0].made_on


@given(st.datetimes(min_value=dt.datetime(1900, 1, 1), max_value=dt.datetime(2100, 1, 1)))
def test_a_time_stays_a_time(moment: dt.datetime) -> None:
    rows = symposium_rows()
    index = [column.name for column in tables.table("events").columns].index("start")
    rows["events"][0] = (*rows["events"][0][:index], moment, *rows["events"][0][index + 1 :])

    assert moment == tables.record(rows, check=False).events[0].start


def test_every_mistake_in_the_translations_table_is_placed_at_its_cell() -> None:
    stakeholder = ("krila", "KRILA institute", None, "research-institute", "KR", None, None, None, None, None)
    translations = [
        ("stakeholders", 1, "name", "", "x"),
        ("nope", 1, "name", "ko", "x"),
        ("stakeholders", 1, "nam", "ko", "x"),
        ("stakeholders", 9, "name", "ko", "x"),
        ("stakeholders", 1, "name", "ko", "가"),
        ("stakeholders", 1, "name", "ko", "나"),
        ("stakeholders", 1, "name", "en", "Different"),
    ]

    with pytest.raises(gw.LoadError) as caught:
        tables.record({"stakeholders": [stakeholder], "translations": translations})

    assert [
        ("GPW201", 1, 4, "the language is empty; fill it in or delete the row"),
        ("GPW205", 2, 1, "'nope' is not a table with texts"),
        (
            "GPW205",
            3,
            3,
            "'nam' is not a column of texts of stakeholders (did you mean 'name'?); those are: name, acronym",
        ),
        ("GPW302", 4, 2, "stakeholders has no row 9: rows are counted from 1, and it has 1"),
        ("GPW102", 6, 4, "the language 'ko' is given twice for this text; keep one row"),
        (
            "GPW206",
            7,
            5,
            "the text in 'en' is not the text of its cell ('KRILA institute'); make them the same, or leave the "
            "cell empty",
        ),
    ] == [(p.code, p.line, p.column, p.message) for p in caught.value.problems]


def _found(given: dict[str, list[tuple[Any, ...]]], *, strings: bool) -> dict[str, tables.TableText]:
    """Rows as a reader gives them: as CSV text when *strings*, else as typed cells; blank rows left out."""

    def text(value: Any) -> str:
        return "" if value is None else value.isoformat() if isinstance(value, dt.date) else str(value)

    found = {}
    for name, rows in given.items():
        cells = [[text(value) for value in row] if strings else list(row) for row in rows]
        numbered = [
            (number, row) for number, row in enumerate(cells, 2) if any(value not in (None, "") for value in row)
        ]
        header = [column.name for column in tables.table(name).columns]
        found[name] = tables.TableText(header, numbered, functools.partial(Place, name), strings)
    return found


# What a person may do to a cell: nothing, pad it with spaces, empty it, or write a value of another kind.
_EDITS = st.sampled_from([lambda value: value, lambda value: f"  {value} ", lambda value: None, lambda value: 17.0])


@given(knowledge_bases(), st.lists(st.tuples(st.integers(0, 10**6), st.integers(0, 40), _EDITS)), st.booleans())
def test_tables_read_a_column_at_a_time_as_cell_by_cell(
    kb: gw.KnowledgeBase, edits: list[tuple[int, int, Any]], strings: bool
) -> None:
    """Reading without places (a column at a time) gives the data and the problems that reading every place gives."""
    rows = tables.rows(kb)
    filled = [name for name in rows if rows[name]]
    for pick, column, edit in edits if filled else ():
        name = filled[pick % len(filled)]
        number = pick % len(rows[name])
        row = list(rows[name][number])
        row[column % len(row)] = edit(row[column % len(row)])
        rows[name][number] = tuple(row)

    quick, quick_problems = tables.parsed(_found(rows, strings=strings), positions=False)
    placed, placed_problems = tables.parsed(_found(rows, strings=strings), positions=True)

    assert placed.data == quick.data
    assert placed_problems == quick_problems
