"""Format versions: files of older versions are migrated on load; newer ones ask for an upgrade."""

from __future__ import annotations

from typing import Any

import pytest

import gpworkshop as gw
from gpworkshop import _migrations

RECORD_V1 = """gpworkshop: 1
actors:
  - {id: krila, name: KRILA, kind: research-institute}
"""
RECORD_V2 = """gpworkshop: 2
stakeholders:
  - {id: krila, name: KRILA, kind: research-institute}
"""


def rename_actors(data: dict[str, Any]) -> dict[str, Any]:
    """A synthetic migration: format 1 called stakeholders 'actors'."""
    migrated = dict(data)
    migrated["stakeholders"] = migrated.pop("actors", [])
    return migrated


@pytest.fixture
def format_2(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend the current format is 2, reached from 1 by renaming a key."""
    monkeypatch.setattr(_migrations, "FORMAT_VERSION", 2)
    monkeypatch.setattr(_migrations, "MIGRATIONS", {1: rename_actors})


@pytest.mark.usefixtures("format_2")
def test_file_of_an_older_version_is_migrated_on_load() -> None:
    assert gw.loads(RECORD_V2) == gw.loads(RECORD_V1)
    assert "KRILA" == gw.loads(RECORD_V1).stakeholder("krila").name


@pytest.mark.usefixtures("format_2")
def test_dump_writes_the_current_version() -> None:
    assert gw.dumps(gw.loads(RECORD_V1)).startswith("gpworkshop: 2\n")


@pytest.mark.usefixtures("format_2")
def test_file_newer_than_the_library_asks_for_an_upgrade() -> None:
    with pytest.raises(gw.LoadError) as caught:
        gw.loads(RECORD_V2.replace("gpworkshop: 2", "gpworkshop: 3"))

    [problem] = caught.value.problems
    assert ("GPW108", 1, 13) == (problem.code, problem.line, problem.column)
    assert problem.message.endswith("newer than the 2 this gpworkshop reads; upgrade gpworkshop")


def test_version_without_a_migration_path_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_migrations, "FORMAT_VERSION", 3)
    monkeypatch.setattr(_migrations, "MIGRATIONS", {2: rename_actors})

    with pytest.raises(gw.LoadError) as caught:
        gw.loads(RECORD_V1)

    assert ["GPW108"] == [p.code for p in caught.value.problems]
    assert "format version 1 can no longer be read" in caught.value.problems[0].message


def test_migrations_apply_one_version_at_a_time() -> None:
    steps: list[int] = []

    def step(number: int) -> Any:
        def upgrade(data: dict[str, Any]) -> dict[str, Any]:
            steps.append(number)
            return data

        return upgrade

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(_migrations, "MIGRATIONS", {1: step(1), 2: step(2), 3: step(3)})
        _migrations.migrate({}, 1, 4)

    assert [1, 2, 3] == steps


def test_current_format_is_1() -> None:
    assert 1 == gw.FORMAT_VERSION
    assert gw.dumps(gw.KnowledgeBase()).startswith("gpworkshop: 1\n")
