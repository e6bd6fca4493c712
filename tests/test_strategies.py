"""The strategies users import: valid, consistent, diverse, aimable, and registered with Hypothesis."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
from typing import Any

import attrs
import pytest
from hypothesis import HealthCheck, Phase, find, given, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

import gpworkshop as gw
from gpworkshop import strategies, vocab

FORMATS: list[str] = ["yaml", "json"]


def test_all_names_the_public_strategies() -> None:
    defined = {name for name in dir(strategies) if not name.startswith("_") and name not in {"annotations"}}
    modules = {"_basics", "_parts", "_records", "_plugin"}

    assert sorted(defined - modules) == sorted(strategies.__all__)


def _walk(value: Any, seen_vocabulary: set[Any], seen_fields: set[tuple[str, str]]) -> None:
    """Record every vocabulary value and every optional field given a value, anywhere in *value*."""
    if isinstance(value, vocab.Vocabulary):
        seen_vocabulary.add(value)
    elif isinstance(value, tuple):
        for item in value:
            _walk(item, seen_vocabulary, seen_fields)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):
            if not field.init:
                continue
            inner = getattr(value, field.name)
            if field.default is not attrs.NOTHING and inner != field.default:
                seen_fields.add((type(value).__name__, field.name))
            _walk(inner, seen_vocabulary, seen_fields)


def test_a_hundred_knowledge_bases_validate_round_trip_and_cover_the_model() -> None:
    seen_vocabulary: set[Any] = set()
    seen_fields: set[tuple[str, str]] = set()

    @settings(max_examples=100, database=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
    @given(kb=strategies.knowledge_bases(min_stakeholders=4, min_events=2))
    def check(kb: gw.KnowledgeBase) -> None:
        assert [] == [p for p in gw.validate(kb, as_of=dt.date(2030, 1, 1)) if p.severity is gw.Severity.ERROR]
        for format_ in FORMATS:
            assert kb == gw.loads(gw.dumps(kb, format_), format_)
        _walk(kb, seen_vocabulary, seen_fields)

    check()

    every_value = {member for name in vocab.__all__ if name != "Vocabulary" for member in getattr(vocab, name)}
    optional = {
        (cls.__name__, field.name)
        for cls in (gw.KnowledgeBase, gw.Stakeholder, gw.Person, gw.Event, gw.Location, gw.Participation,
                    gw.Objective, gw.Takeaway, gw.Source, gw.Commitment, gw.Endorsement, gw.ProgressUpdate, gw.Resource)
        for field in attrs.fields(cls)
        if field.init and field.default is not attrs.NOTHING
    }  # fmt: skip
    # A hundred records show nearly everything; what they happen to miss must still be found, in a longer search.
    # Hypothesis mixes constants from the code under test into what it draws, so the first hundred vary with it.
    for value in every_value - seen_vocabulary:
        _walk(_find(lambda kb, value=value: value in _vocabulary_of(kb)), seen_vocabulary, seen_fields)
    for name, field in optional - seen_fields:
        _walk(_find(lambda kb, wanted=(name, field): wanted in _fields_of(kb)), seen_vocabulary, seen_fields)
    assert set() == every_value - seen_vocabulary
    assert set() == optional - seen_fields


def _vocabulary_of(kb: gw.KnowledgeBase) -> set[Any]:
    seen: set[Any] = set()
    _walk(kb, seen, set())
    return seen


def _fields_of(kb: gw.KnowledgeBase) -> set[tuple[str, str]]:
    seen: set[tuple[str, str]] = set()
    _walk(kb, set(), seen)
    return seen


def _find(condition: Any) -> gw.KnowledgeBase:
    found: gw.KnowledgeBase = find(
        strategies.knowledge_bases(min_stakeholders=4, min_events=2),
        condition,
        settings=settings(
            max_examples=2000, database=None, phases=[Phase.generate], suppress_health_check=list(HealthCheck)
        ),
    )
    return found


@given(kb=strategies.knowledge_bases(as_of=dt.date(2020, 6, 30)))
def test_nothing_is_dated_after_as_of(kb: gw.KnowledgeBase) -> None:
    day = dt.date(2020, 6, 30)
    for event in kb.events:
        assert (event.start.date() if isinstance(event.start, dt.datetime) else event.start) <= day
        for commitment in event.commitments:
            assert all(update.on <= day for update in commitment.progress)
            assert all(e.on is None or e.on <= day for e in commitment.endorsements)


KRILA = gw.Stakeholder(id="krila", name="KRILA", kind=gw.StakeholderKind.RESEARCH_INSTITUTE, country="KR")


@given(kb=strategies.knowledge_bases(stakeholders=[KRILA], max_stakeholders=0, min_events=1))
def test_given_stakeholders_are_included_and_referred_to(kb: gw.KnowledgeBase) -> None:
    assert (KRILA,) == kb.stakeholders
    for event in kb.events:
        assert {p.stakeholder for p in event.participants} <= {"krila"}


@given(
    event=strategies.events(
        title=st.just("Annual Busan Global Partnership Workshop"), themes=st.just(("localisation",))
    )
)
def test_any_field_can_be_overridden(event: gw.Event) -> None:
    assert ("Annual Busan Global Partnership Workshop", ("localisation",)) == (event.title, event.themes)


@given(stakeholder=strategies.stakeholders(country=st.just("NO")))
def test_builds_strategies_take_overrides_too(stakeholder: gw.Stakeholder) -> None:
    assert "NO" == stakeholder.country


@given(kb=strategies.knowledge_bases(min_events=4, max_events=4))
def test_series_editions_are_numbered_in_order(kb: gw.KnowledgeBase) -> None:
    for series in {event.series for event in kb.events if event.series}:
        assert list(range(1, len(kb.editions(series)) + 1)) == [e.edition for e in kb.editions(series)]


@pytest.mark.parametrize(
    "make",
    [
        lambda: strategies.texts(min_size=0),
        lambda: strategies.texts(min_size=5, max_size=2),
        lambda: strategies.dates(min_value=dt.date(2020, 1, 1), max_value=dt.date(2019, 1, 1)),
        lambda: strategies.events(titel=st.just("x")),
        lambda: strategies.people(name="not a strategy"),  # type: ignore[arg-type]
        lambda: strategies.knowledge_bases(min_events=3, max_events=1),
        lambda: strategies.knowledge_bases(stakeholders=[KRILA, KRILA]),
        lambda: strategies.commitments(stakeholder_ids=[]),
    ],
)
def test_impossible_arguments_are_invalid(make: Any) -> None:
    @given(st.data())
    def draw_one(data: st.DataObject) -> None:
        data.draw(make())

    with pytest.raises(InvalidArgument):
        draw_one()


@given(text=strategies.texts())
def test_texts_round_trip_through_yaml_as_a_name(text: str) -> None:
    kb = gw.KnowledgeBase(stakeholders=(gw.Stakeholder(id="x", name=text, kind=gw.StakeholderKind.OTHER),))

    assert text == gw.loads(gw.dumps(kb)).stakeholder("x").name


def test_texts_include_the_yaml_traps() -> None:
    assert {"NO", "017", "1e3", "null", "~", "2014-11-06", "yes"} <= set(strategies.YAML_TRAPS)


FROM_TYPE = """
from hypothesis import given, settings, strategies as st
import gpworkshop as gw
classes = [gw.KnowledgeBase, gw.Stakeholder, gw.Person, gw.Event, gw.Location, gw.Participation, gw.Relation,
           gw.Objective, gw.Takeaway, gw.Source, gw.Commitment, gw.Endorsement, gw.ProgressUpdate, gw.Resource,
           gw.Role, gw.StakeholderKind]
for cls in classes:
    @settings(max_examples=3, database=None)
    @given(st.from_type(cls))
    def check(value):
        assert isinstance(value, cls)
    check()
print("ok", len(classes))
"""


def test_from_type_works_for_every_model_class_in_a_fresh_interpreter() -> None:
    result = subprocess.run([sys.executable, "-c", FROM_TYPE], capture_output=True, text=True, check=False)

    assert 0 == result.returncode, result.stderr
    assert "ok 16\n" == result.stdout


def test_importing_gpworkshop_does_not_import_hypothesis() -> None:
    code = "import gpworkshop, sys; assert 'hypothesis' not in sys.modules"

    assert 0 == subprocess.run([sys.executable, "-c", code], check=False).returncode
