"""The integrity checks miss no reference that does not resolve, whichever field it is in."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import attrs
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import _integrity, codes, strategies
from gpworkshop.errors import dotted
from gpworkshop.model import REFERS
from gpworkshop.references import _set
from gpworkshop.validate import has_integrity_errors

Path = tuple[str | int, ...]
UNKNOWN = "no-such-id"


def references(obj: Any, path: Path = ()) -> list[Path]:
    """The path of every id *obj* refers to another object by, through the fields the model marks."""
    found: list[Path] = []
    for field in attrs.fields(type(obj)):
        if not field.init:
            continue
        value = getattr(obj, field.name)
        if field.metadata.get(REFERS):
            if isinstance(value, str):
                found.append((*path, field.name))
            elif isinstance(value, tuple):
                found.extend((*path, field.name, index) for index in range(len(value)))
        elif attrs.has(type(value)):
            found.extend(references(value, (*path, field.name)))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if attrs.has(type(item)):
                    found.extend(references(item, (*path, field.name, index)))
    return found


@st.composite
def broken_references(draw: st.DrawFn) -> tuple[gw.KnowledgeBase, Path]:
    kb = draw(strategies.knowledge_bases(min_stakeholders=1, min_events=1))
    paths = references(kb)
    # A reference an event makes to itself is reported as a cycle, not as an unknown id.
    path = draw(st.sampled_from(paths)) if paths else ()
    return kb, path


@given(case=broken_references())
def test_a_reference_to_nothing_is_found_wherever_it_is(case: tuple[gw.KnowledgeBase, Path]) -> None:
    kb, path = case
    assert not has_integrity_errors(kb)
    if not path:
        return
    broken = _set(kb, path, UNKNOWN)

    assert has_integrity_errors(broken)
    found = [problem.path for problem in gw.validate(broken) if problem.code == codes.UNKNOWN_REFERENCE]
    assert found == [dotted(path)]


@given(kb=strategies.knowledge_bases(min_stakeholders=1, min_events=1))
def test_a_commitment_without_owner_is_found(kb: gw.KnowledgeBase) -> None:
    made = [(index, position) for index, event in enumerate(kb.events) for position in range(len(event.commitments))]
    if not made:
        return
    index, position = made[0]
    commitment = kb.events[index].commitments[position]
    broken = _set(kb, ("events", index, "commitments", position), attrs.evolve(commitment, by=()))

    assert has_integrity_errors(broken)
    assert codes.NO_OWNER in {problem.code for problem in gw.validate(broken)}


#: The ways a change may break a rule the integrity checks keep.
BREAKS = ("reference", "date", "order", "twice")
LISTS = {"progress", "participants", "objectives", "takeaways", "by", "endorsements"}


def changes(obj: Any, path: Path = ()) -> list[tuple[str, Path, Any]]:
    """Each place in *obj* where a change may break a rule, with how, and the new value (``None`` for a date)."""
    found: list[tuple[str, Path, Any]] = []
    for field in attrs.fields(type(obj)):
        if not field.init:
            continue
        value = getattr(obj, field.name)
        at = (*path, field.name)
        if field.metadata.get(REFERS) and isinstance(value, str):
            found.append(("reference", at, UNKNOWN))
        elif field.name in {"made_on", "due", "on"}:
            found.append(("date", at, None))
        elif field.name in LISTS and value:
            found.extend([("order", at, tuple(reversed(value))), ("twice", at, (*value, value[0]))])
        if attrs.has(type(value)):
            found.extend(changes(value, at))
        elif isinstance(value, tuple):
            for index, item in enumerate(value):
                if attrs.has(type(item)):
                    found.extend(changes(item, (*at, index)))
    return found


@st.composite
def damaged(draw: st.DrawFn) -> gw.KnowledgeBase:
    """Knowledge bases with a few references broken, dates moved, lists reversed, or items listed twice."""
    kb = draw(strategies.knowledge_bases(min_stakeholders=1, min_events=1))
    for _ in range(draw(st.integers(1, 4))):
        how = draw(st.sampled_from(BREAKS))
        found = [(path, value) for kind, path, value in changes(kb) if kind == how]
        if not found:
            continue
        path, value = draw(st.sampled_from(found))
        if how == "date":
            # Mostly plain dates, which the quick look compares itself; times of day it leaves to the full checks.
            value = draw(st.one_of(strategies.dates(), strategies.dates(), strategies.moments()))
        try:
            kb = _set(kb, path, value)
        except gw.FieldValueError:
            continue  # a change the model refuses cannot be made to a record
    return kb


@given(kb=damaged())
def test_the_quick_look_at_an_event_finds_what_the_full_checks_find(kb: gw.KnowledgeBase) -> None:
    with mock.patch.object(_integrity, "_sound", return_value=False):
        full = list(_integrity.integrity(kb))

    assert full == list(_integrity.integrity(kb))


def test_an_update_at_a_time_of_the_day_a_commitment_was_made_is_in_order() -> None:
    made = dt.date(2024, 3, 1)
    update = gw.ProgressUpdate(on=dt.datetime(2024, 3, 1, 9, 30), status=gw.CommitmentStatus.IN_PROGRESS)
    commitment = gw.Commitment(
        id="c", text="T", by=("s",), kind=gw.CommitmentKind.ACTION_POINT, made_on=made, progress=(update,)
    )
    kb = gw.KnowledgeBase(
        stakeholders=(gw.Stakeholder(id="s", name="S", kind=gw.StakeholderKind.GOVERNMENT),),
        events=(gw.Event(id="e", title="T", format=gw.EventFormat.WORKSHOP, start=made, commitments=(commitment,)),),
    )

    assert not has_integrity_errors(kb)
    late = attrs.evolve(update, on=dt.datetime(2024, 2, 29, 23, 0))
    assert has_integrity_errors(_set(kb, ("events", 0, "commitments", 0, "progress"), (late,)))


def test_the_warnings_of_a_commitment_name_its_path() -> None:
    commitment = gw.Commitment(
        id="c",
        text="T",
        by=("s",),
        kind=gw.CommitmentKind.ACTION_POINT,
        made_on=dt.date(2020, 1, 1),
        due=dt.date(2021, 1, 1),
        status=gw.CommitmentStatus.IN_PROGRESS,
        progress=(gw.ProgressUpdate(on=dt.date(2020, 6, 1), status=gw.CommitmentStatus.ANNOUNCED),),
    )
    event = gw.Event(
        id="e", title="T", format=gw.EventFormat.WORKSHOP, start=dt.date(2020, 1, 1), commitments=(commitment,)
    )
    kb = gw.KnowledgeBase(
        stakeholders=(gw.Stakeholder(id="s", name="S", kind=gw.StakeholderKind.GOVERNMENT),),
        events=(attrs.evolve(event, id="other", commitments=()), event),
    )

    found = [(problem.code, problem.path) for problem in gw.validate(kb, as_of=dt.date(2030, 1, 1))]

    assert [
        (codes.NOT_SMART, "events[1].commitments[0]"),
        (codes.STATUS_MISMATCH, "events[1].commitments[0].status"),
        (codes.OVERDUE, "events[1].commitments[0].due"),
        (codes.STALE, "events[1].commitments[0]"),
    ] == found
