"""Format versions: files of older versions are migrated on load; newer ones ask for an upgrade."""

from __future__ import annotations

from typing import Any

import pytest

import gpworkshop as gw
from gpworkshop import _migrations

# A synthetic history: format 3 renames the 'actors' of format 2 to 'stakeholders'.
RECORD_V2 = """gpworkshop: 2
actors:
  - {id: krila, name: KRILA, kind: research-institute}
"""
RECORD_V3 = """gpworkshop: 3
stakeholders:
  - {id: krila, name: KRILA, kind: research-institute}
"""


def rename_actors(data: dict[str, Any]) -> dict[str, Any]:
    """A synthetic migration: format 2 called stakeholders 'actors'."""
    migrated = dict(data)
    migrated["stakeholders"] = migrated.pop("actors", [])
    return migrated


@pytest.fixture
def format_3(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pretend the current format is 3, reached from 2 by renaming a key."""
    monkeypatch.setattr(_migrations, "FORMAT_VERSION", 3)
    monkeypatch.setattr(_migrations, "MIGRATIONS", {**_migrations.MIGRATIONS, 2: rename_actors})


@pytest.mark.usefixtures("format_3")
def test_file_of_an_older_version_is_migrated_on_load() -> None:
    assert gw.loads(RECORD_V3) == gw.loads(RECORD_V2)
    assert "KRILA" == gw.loads(RECORD_V2).stakeholder("krila").name
    assert gw.loads(RECORD_V3) == gw.loads(RECORD_V2.replace("gpworkshop: 2", "gpworkshop: 1"))


@pytest.mark.usefixtures("format_3")
def test_dump_writes_the_current_version() -> None:
    assert gw.dumps(gw.loads(RECORD_V2)).startswith("gpworkshop: 3\n")


@pytest.mark.usefixtures("format_3")
def test_file_newer_than_the_library_asks_for_an_upgrade() -> None:
    with pytest.raises(gw.LoadError) as caught:
        gw.loads(RECORD_V3.replace("gpworkshop: 3", "gpworkshop: 4"))

    [problem] = caught.value.problems
    assert ("GPW108", 1, 13) == (problem.code, problem.line, problem.column)
    assert problem.message.endswith("newer than the 3 this gpworkshop reads; upgrade gpworkshop")


def test_version_without_a_migration_path_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_migrations, "FORMAT_VERSION", 3)
    monkeypatch.setattr(_migrations, "MIGRATIONS", {2: rename_actors})

    with pytest.raises(gw.LoadError) as caught:
        gw.loads(RECORD_V2.replace("gpworkshop: 2", "gpworkshop: 1"))

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


TRANSLATED = """gpworkshop: 2
stakeholders:
  - id: krila
    name: {en: Korea Research Institute for Local Administration, ko: 한국지방행정연구원}
    kind: research-institute
"""


def test_current_format_is_2_and_a_record_is_written_in_the_lowest_version_that_holds_it() -> None:
    assert 2 == gw.FORMAT_VERSION
    assert gw.dumps(gw.KnowledgeBase()).startswith("gpworkshop: 1\n")
    assert gw.dumps(gw.loads(TRANSLATED)).startswith("gpworkshop: 2\n")
    assert gw.dumps(gw.loads(TRANSLATED), "json").startswith('{\n  "gpworkshop": 2,\n')


def test_a_file_of_version_1_reads_as_version_2() -> None:
    plain = TRANSLATED.replace(TRANSLATED.splitlines()[3].split(": ", 1)[1], "KRILA")

    assert gw.loads(plain) == gw.loads(plain.replace("gpworkshop: 2", "gpworkshop: 1"))


def test_translations_in_a_file_of_version_1_ask_for_version_2() -> None:
    with pytest.raises(gw.LoadError) as caught:
        gw.loads(TRANSLATED.replace("gpworkshop: 2", "gpworkshop: 1"))

    [problem] = caught.value.problems
    assert ("GPW208", 4, 11, "stakeholders[0].name") == (problem.code, problem.line, problem.column, problem.path)
    assert "change the first line to 'gpworkshop: 2'" in problem.message
