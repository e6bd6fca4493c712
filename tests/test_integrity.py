"""The integrity checks miss no reference that does not resolve, whichever field it is in."""

from __future__ import annotations

from typing import Any

import attrs
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import codes, strategies
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
