"""Reading files and folders, located errors, and atomic writes."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import gpworkshop as gw
from tests.records import EXAMPLES


def test_folder_loads_as_one_knowledge_base() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")

    assert 11 == len(kb.stakeholders)
    assert {"nri-inaugural-meeting-2023", "regional-symposium-2023"} == {e.id for e in kb.top_level_events()}


def test_several_files_load_as_one_knowledge_base() -> None:
    folder = EXAMPLES / "regional-symposium-2023"

    kb = gw.load([folder / "stakeholders.yaml", folder / "regional-symposium.yaml"])

    assert ["regional-symposium-2023"] == [e.id for e in kb.top_level_events()]


def test_a_file_whose_references_lie_in_files_not_loaded_is_refused_unless_unchecked() -> None:
    folder = EXAMPLES / "regional-symposium-2023"

    with pytest.raises(gw.LoadError) as caught:
        gw.load([folder / "stakeholders.yaml", folder / "inaugural-meeting.yaml"])
    kb = gw.load([folder / "stakeholders.yaml", folder / "inaugural-meeting.yaml"], check=False)

    assert ["GPW302"] == [p.code for p in caught.value.errors]
    assert ["nri-inaugural-meeting-2023"] == [e.id for e in kb.events]


def test_errors_in_every_file_are_reported_together(tmp_path: Path) -> None:
    (tmp_path / "a.yaml").write_text("gpworkshop: 1\nstakeholders:\n  - {id: a, name: A, kind: nope}\n", "utf-8")
    (tmp_path / "b.json").write_text('{"gpworkshop": 1, "events": [{"id": "b"}]}', "utf-8")

    with pytest.raises(gw.LoadError) as caught:
        gw.load(tmp_path)

    assert [("a.yaml", "GPW205"), ("b.json", "GPW201"), ("b.json", "GPW201"), ("b.json", "GPW201")] == [
        (Path(p.source or "").name, p.code) for p in caught.value.problems
    ]


def test_problem_prints_file_line_column_code_path_and_message() -> None:
    with pytest.raises(gw.LoadError) as caught:
        gw.loads(
            "gpworkshop: 1\nevents:\n  - id: e\n    title: T\n    format: workshop\n    start: 6 Nov\n", source="e.yaml"
        )

    assert ["e.yaml:6:12: GPW204 events[0].start: expected a date such as 2014-11-06 or a time such as "
            "2014-11-06T09:30:00+09:00, got the text '6 Nov'"] == [str(p) for p in caught.value.problems]  # fmt: skip


def test_json_problems_are_located_too() -> None:
    text = '{\n  "gpworkshop": 1,\n  "stakeholders": [\n    {"id": "x", "name": "X", "kind": "ngo"}\n  ]\n}\n'

    with pytest.raises(gw.LoadError) as caught:
        gw.loads(text, "json", source="x.json")

    [problem] = caught.value.problems
    assert ("x.json", 4, 38) == (problem.source, problem.line, problem.column)


def test_dump_writes_the_format_of_the_suffix(tmp_path: Path) -> None:
    kb = gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml")

    gw.dump(kb, tmp_path / "busan.json")

    assert (tmp_path / "busan.json").read_text("utf-8").startswith('{\n  "gpworkshop": 1,')
    assert kb == gw.load(tmp_path / "busan.json")


def test_failed_dump_leaves_the_old_file_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "record.yaml"
    target.write_text("old content\n", "utf-8")
    kb = gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml")

    def fail_mid_write(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("gpworkshop._atomic.os.fsync", fail_mid_write)
    with pytest.raises(gw.WriteError, match="No space left on device"):
        gw.dump(kb, target)

    assert "old content\n" == target.read_text("utf-8")
    assert ["record.yaml"] == os.listdir(tmp_path)


def test_dump_keeps_the_permissions_of_the_file_it_replaces(tmp_path: Path) -> None:
    target = tmp_path / "record.yaml"
    target.write_text("old\n", "utf-8")
    target.chmod(0o640)

    gw.dump(gw.KnowledgeBase(), target)

    assert 0o640 == target.stat().st_mode & 0o777
    assert "gpworkshop: 1\n" == target.read_text("utf-8").splitlines(keepends=True)[0]


def test_unknown_suffix_is_reported_with_the_other_problems(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("gpworkshop: 1\n", encoding="utf-8")

    with pytest.raises(gw.LoadError) as caught:
        gw.load([notes, tmp_path / "missing.yaml"])

    assert [(str(notes), "GPW100"), (str(tmp_path / "missing.yaml"), "GPW100")] == [
        (p.source, p.code) for p in caught.value.problems
    ]
    assert "cannot tell the format of the file: record files end in .yaml, .yml, .json, .xlsx" == (
        caught.value.problems[0].message
    )


def test_unknown_suffix_is_refused_for_writing(tmp_path: Path) -> None:
    with pytest.raises(gw.FormatError, match=r"cannot tell the format of '.*notes\.txt'"):
        gw.dump(gw.KnowledgeBase(), tmp_path / "notes.txt")


def test_missing_paths_are_reported_together(tmp_path: Path) -> None:
    with pytest.raises(gw.LoadError) as caught:
        gw.load([tmp_path / "missing.yaml", tmp_path / "missing-folder"])

    assert ["GPW100", "GPW100"] == [p.code for p in caught.value.problems]


def test_type_errors_and_broken_references_are_reported_together(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(
        "gpworkshop: 1\n"
        "stakeholders:\n"
        "  - {id: krila, name: KRILA, kind: research-institute, country: Korea}\n"
        "events:\n"
        "  - id: meeting\n"
        "    title: Inaugural meeting\n"
        "    format: meeting\n"
        "    start: 4 July 2023\n"
        "  - id: forum\n"
        "    title: Forum\n"
        "    format: forum\n"
        "    start: 2023-10-19\n"
        "    related: [{event: meeting, relation: follows-up}, {event: symposium, relation: continues}]\n"
        "    participants: [{stakeholder: krila, roles: [participant]}, {stakeholder: kipa, roles: [speaker]}]\n",
        encoding="utf-8",
    )

    with pytest.raises(gw.LoadError) as caught:
        gw.load(record)

    assert [
        ("GPW206", 3, 65, "stakeholders[0].country"),
        ("GPW204", 8, 12, "events[0].start"),
        ("GPW302", 13, 63, "events[1].related[1].event"),
        ("GPW302", 14, 78, "events[1].participants[1].stakeholder"),
    ] == [(p.code, p.line, p.column, p.path) for p in caught.value.problems]
