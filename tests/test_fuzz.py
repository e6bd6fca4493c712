"""Whatever the input, loading either succeeds or raises a LoadError whose problems are located.

Valid records are mutated the ways hand edits go wrong: keys dropped or
misspelt, values of the wrong type, text cut or corrupted, or plain noise.
"""

from __future__ import annotations

import json
from typing import Any

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import strategies
from tests.problems import assert_well_formed
from tests.records import EXAMPLES, RECORDS

SEEDS = [gw.dumps(gw.load(EXAMPLES / record), "json") for record in sorted(RECORDS)]
FORMATS: list[str] = ["yaml", "json"]


def assert_loads_cleanly(text: str, format_: str) -> None:
    try:
        gw.loads(text, format_, source="fuzzed")
    except gw.LoadError as error:
        assert_well_formed(error.problems, "fuzzed", positioned=True)


def paths(data: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every path to a value inside *data*."""
    found = [prefix]
    if isinstance(data, dict):
        for key, value in data.items():
            found.extend(paths(value, (*prefix, key)))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found.extend(paths(value, (*prefix, index)))
    return found


REPLACEMENTS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-5, 5),
    st.floats(allow_nan=False, allow_infinity=False),
    st.sampled_from(strategies.YAML_TRAPS),
    # Numbers too long for Python to turn into an int, and what JSON has no number for.
    st.sampled_from(["9" * 5000, "-" + "9" * 200, float("inf"), float("nan")]),
    # Fresh containers each time: a shared one could end up inside itself.
    st.builds(list),
    st.builds(dict),
    st.builds(lambda: [{"id": "x"}]),
    st.builds(lambda: {"unexpected": "mapping"}),
)


@st.composite
def mutated_records(
    draw: st.DrawFn,
    values: st.SearchStrategy[Any] = REPLACEMENTS,
    *,
    edits: int = 4,
    actions: tuple[str, ...] = ("drop", "rename", "replace"),
    suffixes: tuple[str, ...] = ("s", "_", "x"),
    body_only: bool = False,
) -> Any:
    """A seed record's data with a few values dropped, their keys misspelt, or replaced by one of *values*.

    With *body_only*, the format version is left out first, and so never edited.
    """
    data = json.loads(draw(st.sampled_from(SEEDS)))
    if body_only:
        data.pop("gpworkshop")
    for _ in range(draw(st.integers(1, edits))):
        path = draw(st.sampled_from(paths(data)))
        if not path:
            continue
        *parent_path, last = path
        parent = data
        for step in parent_path:
            parent = parent[step]
        action = draw(st.sampled_from(actions))
        if action == "drop" or (action == "rename" and isinstance(parent, list)):
            del parent[last]
        elif action == "rename":
            parent[last + draw(st.sampled_from(suffixes))] = parent.pop(last)
        else:
            parent[last] = draw(values)
    return data


@pytest.mark.parametrize("format_", FORMATS)
@given(data=mutated_records())
def test_mutated_records_fail_only_with_located_problems(format_: str, data: Any) -> None:
    text = json.dumps(data) if format_ == "json" else yaml.safe_dump(data, allow_unicode=True, sort_keys=False)

    assert_loads_cleanly(text, format_)


@st.composite
def corrupted_texts(draw: st.DrawFn, format_: str) -> str:
    kb = draw(strategies.knowledge_bases(max_events=2))
    text = (
        gw.dumps(kb, format_)
        if draw(st.booleans())
        else gw.dumps(gw.loads(draw(st.sampled_from(SEEDS)), "json"), format_)
    )
    for _ in range(draw(st.integers(1, 3))):
        at = draw(st.integers(0, len(text)))
        cut = draw(st.integers(0, 20))
        noise = draw(
            st.text(max_size=5) | st.sampled_from([":", "- ", "[", "{", "&a", "*a", "!!str ", '"', "\t", "\n  "])
        )
        text = text[:at] + noise + text[at + cut :]
    return text


@given(text=corrupted_texts("yaml"))
def test_corrupted_yaml_fails_only_with_located_problems(text: str) -> None:
    assert_loads_cleanly(text, "yaml")


@given(text=corrupted_texts("json"))
def test_corrupted_json_fails_only_with_located_problems(text: str) -> None:
    assert_loads_cleanly(text, "json")


@pytest.mark.parametrize("format_", FORMATS)
@given(noise=st.text() | st.binary().map(lambda raw: raw.decode("utf-8", errors="replace")))
def test_noise_fails_only_with_located_problems(format_: str, noise: str) -> None:
    assert_loads_cleanly(noise, format_)
