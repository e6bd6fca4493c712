"""The command line: output, exit status, and never a traceback."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from gpworkshop.cli import main
from tests.commands import run
from tests.records import EXAMPLES

BUSAN = str(EXAMPLES / "busan-gp-workshop-2014.yaml")
SYMPOSIUM = str(EXAMPLES / "regional-symposium-2023")


def test_report_prints_the_outcome_report_of_the_only_event() -> None:
    status, out, _ = run("report", BUSAN)

    assert 0 == status
    assert out.startswith("# Annual Busan Global Partnership Workshop\n")


def test_report_writes_to_a_file(tmp_path: Path) -> None:
    target = tmp_path / "report.md"

    status, out, _ = run("report", BUSAN, "-o", str(target))

    assert (0, f"wrote {target}\n") == (status, out)
    assert target.read_text(encoding="utf-8").startswith("# Annual Busan")


def test_report_needs_event_when_the_files_hold_several() -> None:
    status, _, err = run("report", SYMPOSIUM)

    assert 2 == status
    assert "several events; name the event (nri-inaugural-meeting-2023, regional-symposium-2023)" in err


def test_report_of_a_session_by_event_id() -> None:
    status, out, _ = run("report", SYMPOSIUM, "--event", "local-governance-partnerships-forum-2023")

    assert 0 == status
    assert out.startswith("# Local Governance and Partnerships Forum\n")


def test_report_of_an_unknown_event_is_a_usage_error() -> None:
    status, _, err = run("report", SYMPOSIUM, "--event", "nope")

    assert 2 == status
    assert "no event has the id 'nope'" in err


def test_validate_prints_each_problem_located_and_exits_1(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("gpworkshop: 1\nstakeholders:\n  - id: x\n    name: X\n    kind: ngo\n    contry: NO\n", "utf-8")

    status, out, _ = run("validate", str(bad))

    assert 1 == status
    assert [
        f"{bad}:5:11: GPW205 stakeholders[0].kind: 'ngo' is not a stakeholder kind; use one of: "
        "government, local-government, public-body, parliament, un-entity, multilateral, bilateral-provider, "
        "research-institute, academia, civil-society, local-organisation, foundation, private-sector, trade-union, "
        "network, other",
        f"{bad}:6:5: GPW202 stakeholders[0].contry: 'contry' is not a field here (did you mean 'country'?); "
        "the fields are: id, name, acronym, kind, country, part_of, people, identifiers, website",
        "2 errors, 0 warnings",
    ] == out.splitlines()


def test_validate_of_a_record_with_warnings_only_exits_0() -> None:
    status, out, _ = run("validate", BUSAN, "--as-of", "2015-01-01")

    assert 0 == status
    assert [
        f"{BUSAN}:68:9: GPW401 events[0].objectives[3]: no takeaway or commitment answers the objective "
        "'building-blocks'",
        "0 errors, 1 warning in 2 stakeholders and 1 event",
    ] == out.splitlines()


def test_strict_validate_fails_on_warnings() -> None:
    assert 1 == run("validate", BUSAN, "--strict")[0]


def test_validate_judges_overdue_commitments_as_of_the_given_day() -> None:
    early = run("validate", SYMPOSIUM, "--as-of", "2023-08-01")[1]
    late = run("validate", SYMPOSIUM, "--as-of", "2026-11-23")[1]

    assert "GPW404" not in early
    assert "GPW404 events[0].commitments[0]: no progress on the open commitment" in late


def test_validate_prints_json_for_editors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text('{"gpworkshop": 1, "events": [{"id": "e", "title": "T", "format": "workshop"}]}', "utf-8")

    status, out, _ = run("validate", str(bad), "--format", "json")

    assert 1 == status
    assert {
        "errors": 1,
        "warnings": 0,
        "problems": [
            {
                "code": "GPW201",
                "severity": "error",
                "source": str(bad),
                "line": 1,
                "column": 30,
                "path": "events[0].start",
                "message": "the required field 'start' is missing; add it",
            }
        ],
    } == json.loads(out)


def test_validate_rejects_a_bad_as_of_date(capsys: pytest.CaptureFixture[str]) -> None:
    assert 2 == main(["validate", BUSAN, "--as-of", "soon"])
    assert "expected a date such as 2024-11-06, got 'soon'" in capsys.readouterr().err


def test_missing_file_is_reported_not_raised(tmp_path: Path) -> None:
    status, out, _ = run("validate", str(tmp_path / "missing.yaml"))

    assert 1 == status
    assert "GPW100" in out
    assert "Traceback" not in out


def test_schema_prints_the_json_schema() -> None:
    status, out, _ = run("schema")

    assert 0 == status
    assert "https://json-schema.org/draft/2020-12/schema" == json.loads(out)["$schema"]


def test_convert_writes_json_that_loads_back(tmp_path: Path) -> None:
    target = tmp_path / "busan.json"

    status, _, _ = run("convert", BUSAN, str(target))

    assert 0 == status
    assert 0 == run("validate", str(target))[0]


def test_convert_to_an_unknown_suffix_is_a_usage_error(tmp_path: Path) -> None:
    status, _, err = run("convert", BUSAN, str(tmp_path / "busan.txt"))

    assert 2 == status
    assert "use one of .yaml, .yml, .json" in err


@pytest.mark.parametrize("args", [[], ["frobnicate"], ["report"], ["report", BUSAN, "--format", "odt"]])
def test_usage_errors_exit_2(args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert 2 == main(args)
    assert "usage:" in capsys.readouterr().err


def test_python_dash_m_runs_the_same_command() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gpworkshop", "report", BUSAN], capture_output=True, text=True, check=False
    )

    assert 0 == result.returncode, result.stderr
    assert result.stdout.startswith("# Annual Busan Global Partnership Workshop\n")


def test_an_internal_error_is_one_line_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_args: object, **_options: object) -> None:
        raise RuntimeError("something impossible")

    monkeypatch.setattr("gpworkshop.cli.load", broken)

    status, out, err = run("validate", BUSAN)

    assert (70, "") == (status, out)
    assert [
        "gpworkshop validate: internal error (RuntimeError: something impossible); this is a bug in gpworkshop, "
        "please report it with the command and the files that caused it"
    ] == err.splitlines()


def test_interrupting_stops_quietly(monkeypatch: pytest.MonkeyPatch) -> None:
    def interrupted(*_args: object, **_options: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr("gpworkshop.cli.load", interrupted)

    assert (130, "", "gpworkshop validate: interrupted\n") == run("validate", BUSAN)


@pytest.mark.parametrize("verb", [["validate"], ["report"], ["convert", "out.json"]])
def test_no_verb_prints_a_traceback_for_a_broken_file(verb: list[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"gpworkshop: 1\nstakeholders: [\xff")
    args = [verb[0], str(bad), *[str(tmp_path / name) for name in verb[1:]]]

    result = subprocess.run([sys.executable, "-m", "gpworkshop", *args], capture_output=True, text=True, check=False)

    assert 1 == result.returncode
    assert "GPW100" in result.stdout + result.stderr
    assert "Traceback" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("suffix", "start"),
    [(".md", "# Annual Busan"), (".html", "<!DOCTYPE html>"), (".rst", "====="), (".txt", "Annual Busan")],
)
def test_report_format_follows_the_output_suffix(tmp_path: Path, suffix: str, start: str) -> None:
    target = tmp_path / f"report{suffix}"

    assert 0 == run("report", BUSAN, "-o", str(target))[0]
    assert target.read_text(encoding="utf-8").startswith(start)


def test_report_with_an_unknown_output_suffix_needs_a_format(tmp_path: Path) -> None:
    status, _, err = run("report", BUSAN, "-o", str(tmp_path / "report.odt"))

    assert 2 == status
    known = ".md, .markdown, .html, .htm, .rst, .txt, .docx, .pdf"
    assert f"cannot tell the report format from 'report.odt' (known: {known}); give --format" in err


@pytest.mark.parametrize("kind", ["outcome", "tracker", "matrix", "coverage"])
@pytest.mark.parametrize("format_", ["markdown", "html", "rst", "text"])
def test_every_report_kind_in_every_format(kind: str, format_: str) -> None:
    status, out, err = run(
        "report", SYMPOSIUM, "--kind", kind, "--format", format_, "--event", "regional-symposium-2023"
    )

    assert (0, "") == (status, err)
    assert out.strip()


def test_tracker_as_of_and_filters() -> None:
    status, out, _ = run(
        "report",
        SYMPOSIUM,
        "--kind",
        "tracker",
        "--as-of",
        "2024-01-01",
        "--stakeholder",
        "krila",
        "--status",
        "announced",
    )

    assert 0 == status
    assert "*Standing as of 1 January 2024*" in out
    assert "**Showing:** commitments made or endorsed by Korea Research Institute for Local Administration" in out
    assert "**0** stale" in out


def test_tracker_of_an_unknown_stakeholder_is_a_usage_error() -> None:
    status, _, err = run("report", SYMPOSIUM, "--kind", "tracker", "--stakeholder", "nobody")

    assert 2 == status
    assert "no stakeholder has the id 'nobody'" in err


def test_stats_counts_what_a_record_holds() -> None:
    status, out, _ = run("stats", SYMPOSIUM, "--as-of", "2025-01-01")

    assert 0 == status
    assert [
        "stakeholders  11",
        "events        5 (3 of them sessions of others)",
        "objectives    7",
        "takeaways     4 (1 conclusion, 1 recommendation, 1 key-message, 1 quote)",
        "commitments   1 (1 announced)",
        "  overdue 0, stale 1, not SMART 1",
        "participants  10: 8 local or national, 2 international, 0 not classified",
    ] == out.splitlines()


def test_matrix_narrowed_to_an_unknown_event_is_a_usage_error() -> None:
    status, _, err = run("report", SYMPOSIUM, "--kind", "matrix", "--event", "no-such-event")

    assert 2 == status
    assert "no event has the id 'no-such-event'" in err


def test_matrix_narrowed_to_a_series() -> None:
    series = "Regional Symposium on Effective Governance and Digital Transformation"
    status, out, _ = run("report", SYMPOSIUM, "--kind", "matrix", "--series", series, "--format", "text")

    assert 0 == status
    assert f"Showing: the editions of the {series}." in " ".join(out.split())


def test_output_dash_is_the_screen(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)

    status, out, _ = run("report", BUSAN, "-o", "-")

    assert 0 == status
    assert out.startswith("# Annual Busan Global Partnership Workshop\n")
    assert [] == list(tmp_path.iterdir())


def test_output_to_a_fifo_is_written_directly(tmp_path: Path) -> None:
    import os
    import threading

    fifo = tmp_path / "report.md"
    os.mkfifo(fifo)
    received: list[bytes] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_bytes()))
    reader.start()

    status, _, err = run("report", BUSAN, "-o", str(fifo))
    reader.join(timeout=30)

    assert (0, "") == (status, err)
    assert received[0].startswith(b"# Annual Busan Global Partnership Workshop\n")
    assert ["report.md"] == [path.name for path in tmp_path.iterdir()]


def test_output_to_a_device_is_written_directly() -> None:
    status, _, err = run("report", BUSAN, "-o", "/dev/null", "--format", "html")

    assert (0, "") == (status, err)


def test_output_through_a_symlink_replaces_the_file_it_points_to(tmp_path: Path) -> None:
    real = tmp_path / "reports" / "busan.md"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "latest.md"
    link.symlink_to(real)

    status, _, _ = run("report", BUSAN, "-o", str(link))

    assert 0 == status
    assert link.is_symlink()
    assert real.read_text(encoding="utf-8").startswith("# Annual Busan")
    assert ["busan.md"] == [path.name for path in real.parent.iterdir()]


def test_output_in_a_read_only_folder_is_a_clear_error_and_the_file_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    target = tmp_path / "busan.md"
    target.write_text("old\n", encoding="utf-8")
    real_access = os.access
    # The folder is made read-only; as root, whom permissions do not stop, its refusal is also simulated.
    tmp_path.chmod(0o555)
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == tmp_path else real_access(path, mode))
    try:
        status, _, err = run("report", BUSAN, "-o", str(target))
    finally:
        tmp_path.chmod(0o755)

    assert 1 == status
    assert "its folder is not writable" in err
    assert "old\n" == target.read_text(encoding="utf-8")


def test_output_naming_a_folder_says_so(tmp_path: Path) -> None:
    for args in (["report", BUSAN, "-o", str(tmp_path)], ["convert", BUSAN, str(tmp_path)]):
        status, _, err = run(*args)

        assert 2 == status
        assert "is a folder" in err


def test_a_folder_without_records_is_an_error(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("notes\n", encoding="utf-8")

    for verb in ("validate", "report", "stats"):
        status, out, err = run(verb, str(tmp_path))

        assert 1 == status
        assert "GPW100" in out + err
        assert "holds no record files" in out + err


@pytest.mark.parametrize("verb", [["validate"], ["report"], ["stats"], ["convert"]])
def test_an_input_of_an_unknown_suffix_exits_1_in_every_verb(verb: list[str], tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("gpworkshop: 1\n", encoding="utf-8")
    extra = [str(tmp_path / "out.yaml")] if verb == ["convert"] else []

    status, out, err = run(*verb, str(notes), *extra)

    assert 1 == status
    assert f"{notes}: GPW100: cannot tell the format of the file" in out + err
