"""Every report of every example, in every format, matches its reviewed golden file.

After a deliberate change to a report, regenerate the files with
``GPWORKSHOP_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py`` and read
the differences before committing them.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path

import pytest

import gpworkshop as gw
from gpworkshop import reports
from tests.records import EXAMPLES, RECORDS

GOLDEN = Path(__file__).resolve().parent / "golden"
AS_OF = dt.date(2025, 1, 1)
SUFFIXES = {"markdown": "md", "html": "html", "rst": "rst", "text": "txt"}

BUILDERS: dict[str, Callable[[gw.KnowledgeBase, str], reports.Document]] = {
    "outcome": reports.outcome_report,
    "tracker": lambda kb, _event: reports.commitment_tracker(kb, as_of=AS_OF),
    "matrix": lambda kb, _event: reports.stakeholder_matrix(kb),
    "coverage": reports.coverage_report,
}

CASES = [
    (record, builder, format_) for record in sorted(RECORDS) for builder in BUILDERS for format_ in reports.FORMATS
]


def golden_path(record: str, builder: str, format_: str) -> Path:
    return GOLDEN / Path(record).stem / f"{builder}.{SUFFIXES[format_]}"


def rendered(record: str, builder: str, format_: str) -> str:
    kb = gw.load(EXAMPLES / record)
    return reports.render(BUILDERS[builder](kb, RECORDS[record]), format_)


@pytest.mark.parametrize(("record", "builder", "format_"), CASES)
def test_report_matches_golden_file(record: str, builder: str, format_: str) -> None:
    path = golden_path(record, builder, format_)
    text = rendered(record, builder, format_)
    if os.environ.get("GPWORKSHOP_UPDATE_GOLDEN"):
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")

    assert path.read_text(encoding="utf-8") == text


def test_every_golden_file_belongs_to_a_case() -> None:
    expected = {golden_path(*case) for case in CASES}

    assert sorted(expected) == sorted(GOLDEN.rglob("*.*"))


def test_rendering_is_deterministic() -> None:
    assert rendered("regional-symposium-2023", "matrix", "html") == rendered(
        "regional-symposium-2023", "matrix", "html"
    )
