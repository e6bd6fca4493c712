"""A corpus of broken records: every problem code, at its exact line and column.

Each file in ``tests/bad`` breaks a record in one way; the table below says
exactly which problems loading and validating it must report.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
import yaml

import gpworkshop as gw
from gpworkshop import _yaml
from gpworkshop.codes import CATALOGUE

BAD = Path(__file__).resolve().parent / "bad"
AS_OF = dt.date(2024, 9, 1)

#: File → every problem expected, as (code, line, column, path).
EXPECTED: dict[str, list[tuple[str, int | None, int | None, str]]] = {
    "not-utf8.yaml": [("GPW100", None, None, "")],
    "syntax.yaml": [("GPW101", 5, 9, "")],
    "syntax.json": [("GPW101", 4, 67, "")],
    "control-character.yaml": [("GPW101", 4, 16, "")],
    "two-documents.yaml": [("GPW101", 3, 1, "")],
    "duplicate-key.yaml": [("GPW102", 6, 5, "")],
    "duplicate-key.json": [("GPW102", 8, 7, "")],
    "python-tag.yaml": [("GPW103", 4, 11, "")],
    "alias-bomb.yaml": [("GPW104", 6, 8, "")],
    "deep-nesting.yaml": [("GPW104", 2, 72, "")],
    "empty.yaml": [("GPW105", 1, 1, "")],
    "only-comments.yaml": [("GPW105", 1, 1, "")],
    "list-at-top.yaml": [("GPW106", 1, 1, "")],
    "no-version.yaml": [("GPW107", 1, 1, "")],
    "newer-version.yaml": [("GPW108", 1, 13, "gpworkshop")],
    "version-not-a-number.yaml": [("GPW108", 1, 13, "gpworkshop")],
    "missing-field.yaml": [("GPW201", 3, 5, "events[0].format")],
    "unknown-key.yaml": [("GPW202", 7, 5, "events[0].objectivs")],
    "wrong-type.yaml": [
        ("GPW203", 7, 13, "events[0].themes"),
        ("GPW203", 9, 13, "events[0].location.city"),
        ("GPW203", 10, 15, "events[0].location.online"),
    ],
    "wrong-type.json": [("GPW203", 9, 73, "events[0].objectives[0].sdgs[0]")],
    "bad-date.yaml": [("GPW204", 6, 12, "events[0].start"), ("GPW204", 7, 10, "events[0].end")],
    "unknown-vocabulary.yaml": [("GPW205", 5, 11, "stakeholders[0].kind"), ("GPW205", 9, 13, "events[0].format")],
    "invalid-value.yaml": [
        ("GPW206", 3, 9, "stakeholders[0].id"),
        ("GPW206", 9, 14, "stakeholders[1].country"),
        ("GPW206", 15, 10, "events[0].end"),
    ],
    "duplicate-across-files": [("GPW301", 3, 9, "stakeholders[0].id")],
    "broken-references.yaml": [
        ("GPW302", 6, 14, "stakeholders[0].part_of"),
        ("GPW302", 12, 14, "events[0].part_of"),
        ("GPW302", 14, 23, "events[0].participants[0].stakeholder"),
        ("GPW302", 18, 88, "events[0].takeaways[0].objectives[0]"),
        ("GPW302", 24, 21, "events[0].commitments[0].takeaways[0]"),
        ("GPW401", 16, 9, "events[0].objectives[0]"),
        ("GPW402", 20, 9, "events[0].commitments[0]"),
    ],
    "cycles.yaml": [
        ("GPW303", 6, 14, "stakeholders[0].part_of"),
        ("GPW303", 10, 14, "stakeholders[1].part_of"),
        ("GPW303", 16, 14, "events[0].part_of"),
        ("GPW303", 18, 17, "events[0].related[0].event"),
    ],
    "duplicate-participant.yaml": [("GPW304", 13, 23, "events[0].participants[1].stakeholder")],
    "commitment-without-owner.yaml": [
        ("GPW305", 11, 13, "events[0].commitments[0].by"),
        ("GPW403", 12, 14, "events[0].commitments[0].due"),
        ("GPW404", 8, 9, "events[0].commitments[0]"),
    ],
    "commitment-dates.yaml": [
        ("GPW306", 17, 14, "events[0].commitments[0].due"),
        ("GPW307", 22, 18, "events[0].commitments[0].progress[1].on"),
        ("GPW403", 17, 14, "events[0].commitments[0].due"),
    ],
    "weak-commitments.yaml": [
        ("GPW401", 13, 9, "events[0].objectives[1]"),
        ("GPW402", 15, 9, "events[0].commitments[0]"),
        ("GPW404", 15, 9, "events[0].commitments[0]"),
        ("GPW403", 26, 14, "events[0].commitments[1].due"),
        ("GPW405", 38, 17, "events[0].commitments[2].status"),
    ],
}


def problems_of(path: Path) -> tuple[gw.Problem, ...]:
    """Every problem of the record at *path*: from loading, or else from validating it."""
    try:
        kb = gw.load(path, check=False)
    except gw.LoadError as error:
        return error.problems
    return tuple(gw.validate(kb, as_of=AS_OF))


def test_corpus_has_a_file_for_every_code() -> None:
    covered = {code for problems in EXPECTED.values() for code, *_ in problems}

    assert sorted(CATALOGUE) == sorted(covered)


def test_every_file_of_the_corpus_is_checked() -> None:
    assert sorted(EXPECTED) == sorted(path.name for path in BAD.iterdir())


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_bad_file_reports_exactly_the_expected_problems(name: str) -> None:
    problems = problems_of(BAD / name)

    assert EXPECTED[name] == [(p.code, p.line, p.column, p.path) for p in problems]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_problem_names_its_file_and_severity(name: str) -> None:
    for problem in problems_of(BAD / name):
        assert problem.source is not None
        assert Path(problem.source).is_relative_to(BAD)
        assert CATALOGUE[problem.code].severity == problem.severity
        assert str(problem).startswith(f"{problem.source}:")


def test_duplicate_id_message_names_the_other_file_and_line() -> None:
    [problem] = problems_of(BAD / "duplicate-across-files")

    assert problem.source == str(BAD / "duplicate-across-files" / "stakeholders.yaml")
    assert (
        f"the stakeholder id 'krila' is already used by stakeholders[0] at "
        f"{BAD / 'duplicate-across-files' / 'meeting.yaml'}:3; ids must be unique"
    ) == problem.message


def test_duplicate_key_message_names_both_lines() -> None:
    [problem] = problems_of(BAD / "duplicate-key.yaml")

    assert "the key 'name' is written twice in the same mapping (first written on line 4); keep one" == problem.message


def test_unknown_key_and_vocabulary_value_suggest_the_closest_name() -> None:
    [unknown_key] = problems_of(BAD / "unknown-key.yaml")
    kind, format_ = problems_of(BAD / "unknown-vocabulary.yaml")

    assert "(did you mean 'objectives'?)" in unknown_key.message
    assert "(did you mean 'research-institute'?)" in kind.message
    assert re.search(
        r"'workshops' is not an event format \(did you mean 'workshop'\?\); use one of: workshop,", format_.message
    )


def test_python_tag_is_never_executed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    problems_of(BAD / "python-tag.yaml")

    assert [] == list(tmp_path.iterdir())


def test_alias_bomb_is_refused_before_it_expands() -> None:
    """Fully expanded, the bomb would hold 9**9 strings; refusing it returns at once."""
    [problem] = problems_of(BAD / "alias-bomb.yaml")

    assert "aliases expand the document far beyond what is written" in problem.message


def test_very_deep_nesting_does_not_crash_the_parser() -> None:
    text = "gpworkshop: 1\nevents: " + "[" * 200_000 + "]" * 200_000

    with pytest.raises(gw.LoadError) as caught:
        gw.loads(text)

    assert ["GPW104"] == [p.code for p in caught.value.problems]


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_without_libyaml_the_same_problems_are_found_at_the_same_places(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(_yaml, "_Loader", yaml.SafeLoader)

    problems = problems_of(BAD / name)

    assert EXPECTED[name] == [(p.code, p.line, p.column, p.path) for p in problems]
