"""A corpus of broken records: every problem code, at its exact line and column.

Each file in ``tests/bad`` breaks a record in one way; the table below says
exactly which problems loading and validating it must report.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Literal

import pytest
import yaml

import gpworkshop as gw
from gpworkshop import limits
from gpworkshop._listing import capped
from gpworkshop.codes import CATALOGUE
from gpworkshop.formats import yaml as yaml_format
from tests.test_mapping import CODES_SHOWN as MAPPING_CODES
from tests.test_survey import CODES_SHOWN as SURVEY_CODES

BAD = Path(__file__).resolve().parent / "bad"
AS_OF = dt.date(2024, 9, 1)

#: File → every problem expected, as (code, line, column, path).
EXPECTED: dict[str, list[tuple[str, int | None, int | None, str]]] = {
    "not-utf8.yaml": [("GPW100", 4, 37, "")],
    "latin1.yaml": [("GPW100", 4, 52, "")],
    "utf16.yaml": [("GPW100", 1, 1, "")],
    "nul-byte.yaml": [("GPW100", 3, 25, "")],
    "notes.txt": [("GPW100", None, None, "")],
    "no-records": [("GPW100", None, None, "")],
    "tabs.yaml": [("GPW101", 3, 1, "")],
    "syntax.yaml": [("GPW101", 4, 11, "")],
    "syntax.json": [("GPW101", 4, 67, "")],
    "control-character.yaml": [("GPW101", 4, 16, "")],
    "two-documents.yaml": [("GPW101", 3, 1, "")],
    "duplicate-key.yaml": [("GPW102", 6, 5, "")],
    "duplicate-key.json": [("GPW102", 8, 7, "")],
    "python-tag.yaml": [("GPW103", 4, 11, "")],
    "alias-bomb.yaml": [("GPW104", 6, 8, "")],
    "deep-nesting.yaml": [("GPW104", 2, 72, "")],
    "deep-nesting.json": [("GPW104", 1, 92, "")],
    "empty.yaml": [("GPW105", 1, 1, "")],
    "only-comments.yaml": [("GPW105", 1, 1, "")],
    "list-at-top.yaml": [("GPW106", 1, 1, "")],
    "no-version.yaml": [("GPW107", 1, 1, "")],
    "newer-version.yaml": [("GPW108", 1, 13, "gpworkshop")],
    "version-not-a-number.yaml": [("GPW108", 1, 13, "gpworkshop")],
    "merge-key.yaml": [("GPW109", 7, 5, "")],
    "many-problems.yaml": [
        *[("GPW205", 4 + number, 45, f"stakeholders[{number}].kind") for number in range(limits.PROBLEMS_PER_FILE)],
        ("GPW110", None, None, ""),
    ],
    "missing-field.yaml": [("GPW201", 3, 5, "events[0].format")],
    "schedule-links.json": [("GPW111", 24, 27, "")],
    "missing-id.yaml": [("GPW201", 3, 5, "stakeholders[0].id")],
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
    "bad-language-tags.yaml": [
        ("GPW207", 2, 11, "language"),
        ("GPW207", 8, 7, "stakeholders[0].name.cn"),
        ("GPW207", 12, 37, "events[0].title.EN"),
    ],
    "translations-in-version-1.yaml": [("GPW208", 4, 11, "stakeholders[0].name")],
    "untranslated.yaml": [
        ("GPW407", 19, 11, "events[0].takeaways[0].text"),
        ("GPW406", 4, 5, "events[0]"),
    ],
    "bad-identifiers.yaml": [
        ("GPW206", 8, 13, "stakeholders[0].identifiers.iati"),
        ("GPW206", 9, 12, "stakeholders[0].identifiers.ror"),
        ("GPW206", 10, 17, "stakeholders[0].identifiers.wikidata"),
        ("GPW206", 11, 14, "stakeholders[0].website"),
        ("GPW308", 19, 24, "stakeholders[2].identifiers.ror"),
    ],
    "iati-identifiers.yaml": [
        ("GPW408", 5, 95, "stakeholders[0].identifiers.iati"),
        ("GPW408", 6, 92, "stakeholders[1].identifiers.iati"),
        ("GPW408", 7, 80, "stakeholders[2].identifiers.iati"),
        ("GPW408", 8, 93, "stakeholders[3].identifiers.iati"),
        ("GPW408", 9, 90, "stakeholders[4].identifiers.iati"),
        ("GPW408", 10, 84, "stakeholders[5].identifiers.iati"),
    ],
    "duplicate-across-files": [("GPW301", 3, 9, "stakeholders[0].id")],
    "duplicate-id-part-of.yaml": [("GPW301", 6, 9, "stakeholders[1].id")],
    "long-value.yaml": [("GPW205", 5, 11, "stakeholders[0].kind")],
    "bad-url.yaml": [
        ("GPW206", 8, 60, "events[0].resources[0].url"),
        ("GPW206", 9, 44, "events[0].resources[1].url"),
    ],
    "date-and-dangling-owner.yaml": [
        ("GPW204", 8, 12, "events[0].start"),
        ("GPW302", 13, 21, "events[0].commitments[0].by[1]"),
    ],
    "takeaway-kind-and-objective.yaml": [
        ("GPW205", 12, 15, "events[0].takeaways[0].kind"),
        ("GPW302", 13, 34, "events[0].takeaways[0].objectives[1]"),
    ],
    "edition-and-country.yaml": [
        ("GPW206", 7, 14, "events[0].edition"),
        ("GPW206", 9, 40, "events[0].location.country"),
    ],
    "missing-field-and-others.yaml": [
        ("GPW201", 3, 5, "events[0].title"),
        ("GPW206", 3, 9, "events[0].id"),
        ("GPW206", 6, 10, "events[0].end"),
        ("GPW203", 7, 13, "events[0].themes"),
        ("GPW206", 9, 60, "events[0].resources[0].url"),
    ],
    "invalid-id-referenced.yaml": [
        ("GPW206", 3, 10, "stakeholders[0].id"),
        ("GPW206", 12, 89, "events[0].commitments[0].by[1]"),
    ],
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
    "wrong-script.yaml": [("GPW409", 7, 11, "stakeholders[0].name.kr")],
    "weak-commitments.yaml": [
        ("GPW401", 13, 9, "events[0].objectives[1]"),
        ("GPW402", 15, 9, "events[0].commitments[0]"),
        ("GPW404", 15, 9, "events[0].commitments[0]"),
        ("GPW403", 26, 14, "events[0].commitments[1].due"),
        ("GPW405", 38, 17, "events[0].commitments[2].status"),
    ],
}


def problems_of(path: Path) -> tuple[gw.Problem, ...]:
    """Every problem of the record at *path*, from loading or else from validating it, as the command lists them."""
    try:
        kb = gw.load(path, as_of=AS_OF)
    except gw.LoadError as error:
        return tuple(capped(error.problems))
    return tuple(capped(gw.validate(kb, as_of=AS_OF)))


def test_corpus_has_a_file_for_every_code() -> None:
    covered = {code for problems in EXPECTED.values() for code, *_ in problems} | MAPPING_CODES | SURVEY_CODES

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
        f"{BAD / 'duplicate-across-files' / 'meeting.yaml'}:3, with other values of name; ids must be unique, and an "
        "object written in several files must be written the same in each"
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


def test_messages_give_the_reason_and_the_fix() -> None:
    assert "UTF-16" in problems_of(BAD / "utf16.yaml")[0].message
    assert "NUL byte" in problems_of(BAD / "nul-byte.yaml")[0].message
    for name in ("utf16.yaml", "nul-byte.yaml", "latin1.yaml", "not-utf8.yaml"):
        [problem] = problems_of(BAD / name)
        assert "save it as UTF-8" in problem.message
        assert "codec" not in problem.message
    assert "indents with spaces only" in problems_of(BAD / "tabs.yaml")[0].message
    assert "merge keys ('<<') are not supported" in problems_of(BAD / "merge-key.yaml")[0].message
    assert "holds no record files" in problems_of(BAD / "no-records")[0].message
    assert "nested more than 64 deep" in problems_of(BAD / "deep-nesting.json")[0].message
    assert "nested more than 64 deep" in problems_of(BAD / "deep-nesting.yaml")[0].message


def test_a_long_value_is_quoted_short_and_escaped() -> None:
    [problem] = problems_of(BAD / "long-value.yaml")

    assert problem.message.startswith("'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...' is not a stakeholder kind;")


def test_nothing_of_a_file_that_is_not_a_record_is_quoted(tmp_path: Path) -> None:
    secret = "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
    (tmp_path / "secret").write_text(secret, encoding="utf-8")
    (tmp_path / "record.yaml").symlink_to(tmp_path / "secret")

    [problem] = problems_of(tmp_path / "record.yaml")

    assert "GPW106" == problem.code
    assert "root" not in problem.message
    assert "daemon" not in problem.message


def test_merging_a_duplicate_reports_no_false_cycle() -> None:
    assert ["GPW301"] == [p.code for p in problems_of(BAD / "duplicate-id-part-of.yaml")]


def test_python_tag_is_never_executed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    problems_of(BAD / "python-tag.yaml")

    assert [] == list(tmp_path.iterdir())


def test_alias_bomb_is_refused_before_it_expands() -> None:
    """Fully expanded, the bomb would hold 9**9 strings; refusing it returns at once."""
    [problem] = problems_of(BAD / "alias-bomb.yaml")

    assert "aliases expand the document far beyond what is written" in problem.message


@pytest.mark.parametrize("format", ["yaml", "json"])
@pytest.mark.parametrize("depth", [limits.DEPTH + 1, 1_000, 1_001, 10_000, 200_000])
def test_very_deep_nesting_gets_one_problem_naming_the_limit(format: Literal["yaml", "json"], depth: int) -> None:
    """Whichever parser stops first (libyaml has a limit of its own; json, Python's recursion limit)."""
    opening = '{"gpworkshop": 1, "events": ' if format == "json" else "gpworkshop: 1\nevents: "
    text = opening + "[" * depth + "]" * depth + ("}" if format == "json" else "")

    with pytest.raises(gw.LoadError) as caught:
        gw.loads(text, format)

    [problem] = caught.value.problems
    assert ("GPW104", 1 if format == "json" else 2) == (problem.code, problem.line)
    assert f"nested more than {limits.DEPTH} deep" in problem.message


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_without_libyaml_the_same_problems_are_found_at_the_same_places(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(yaml_format, "_Loader", yaml.SafeLoader)

    problems = problems_of(BAD / name)

    assert EXPECTED[name] == [(p.code, p.line, p.column, p.path) for p in problems]
