"""What the README shows is what the library does."""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from gpworkshop.cli import main
from tests.records import EXAMPLES, ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def block(marker: str) -> str:
    """The fenced block that follows ``<!-- marker -->`` in the README."""
    match = re.search(rf"<!-- {marker} -->\n```[a-z]*\n(.*?)```", README, re.DOTALL)
    assert match, marker
    return match.group(1)


def test_tour_runs_and_prints_what_its_comments_say(tmp_path: Path) -> None:
    shutil.copytree(EXAMPLES, tmp_path / "examples")
    code = block("tour")

    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False, env=os.environ
    )

    assert 0 == result.returncode, result.stderr
    assert "# 2023-07-04" in code
    assert "# ['KRILA', 'UNPOG', 'MOIS']" in code
    assert result.stdout.startswith("2023-07-04\n['KRILA', 'UNPOG', 'MOIS']\n")
    assert (tmp_path / "symposium.json").is_file()


def test_validate_example_prints_what_the_readme_shows(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "busan.yaml").write_text(block("bad-record"), encoding="utf-8")
    command, *expected = block("validate-output").splitlines()
    monkeypatch.chdir(tmp_path)
    out = io.StringIO()

    status = main(command.removeprefix("$ gpworkshop ").split(), out=out, err=io.StringIO())

    assert 1 == status
    assert expected == out.getvalue().splitlines()


def test_first_command_reports_on_a_file_that_exists() -> None:
    command = block("first-command")

    assert (ROOT / command.split()[-1]).is_file()
