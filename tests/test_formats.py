"""The registry of formats: YAML and JSON, lookups by name and suffix, and a format added by another package."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import gpworkshop as gw
from gpworkshop import formats
from tests.records import EXAMPLES, ROOT

BUSAN = EXAMPLES / "busan-gp-workshop-2014.yaml"


def test_yaml_and_json_are_the_first_formats() -> None:
    registry = formats.registry()

    assert ["yaml", "json"] == list(registry)[:2]
    assert all(registry[name].lossless and registry[name].read and registry[name].write for name in ("yaml", "json"))


@pytest.mark.parametrize(("path", "name"), [("a.yaml", "yaml"), ("b/C.YML", "yaml"), ("c.json", "json")])
def test_a_file_s_format_comes_from_its_suffix(path: str, name: str) -> None:
    assert name == formats.for_path(path).name == gw.serialize.format_of(path)


def test_an_unknown_name_or_suffix_is_one_error_listing_the_known_ones() -> None:
    with pytest.raises(gw.FormatError, match=r"unknown format 'xml'; the formats are: yaml, json"):
        formats.get("xml")
    with pytest.raises(
        gw.FormatError, match=r"cannot tell the format of 'notes\.txt': use one of \.yaml, \.yml, \.json"
    ):
        formats.for_path("notes.txt")
    with pytest.raises(gw.FormatError, match="unknown format 'xml'"):
        gw.loads("gpworkshop: 1\n", "xml")
    with pytest.raises(gw.FormatError, match="unknown format 'xml'"):
        gw.dumps(gw.KnowledgeBase(), "xml")


def test_a_format_registered_in_python_is_used_by_load(tmp_path: Path) -> None:
    from tests.toml_format import TOML

    record = tmp_path / "record.toml"
    record.write_text('gpworkshop = 1\n[[stakeholders]]\nid = "krila"\nname = "KRILA"\nkind = "research-institute"\n')
    formats.register(TOML)
    try:
        kb = gw.load(record)
        with pytest.raises(gw.FormatError, match="a format named 'toml' is registered already"):
            formats.register(TOML)
        with pytest.raises(gw.FormatError, match="does not hold a whole record"):
            gw.dumps(kb, "toml")
    finally:
        formats._REGISTERED.pop("toml")
        formats._registry.cache_clear()

    assert ["krila"] == [s.id for s in kb.stakeholders]


def test_a_format_cannot_take_a_suffix_of_another() -> None:
    clash = formats.Format(name="yaml-too", title="YAML again", suffixes=(".yml",))

    with pytest.raises(gw.FormatError, match=r"the suffix '\.yml' belongs to the format 'yaml' already"):
        formats.register(clash)


@pytest.fixture
def installed_toml(tmp_path: Path) -> dict[str, str]:
    """An environment in which the TOML format is installed through the entry point, as pip would install it."""
    dist_info = tmp_path / "site" / "gpworkshop_toml-1.0.dist-info"
    dist_info.mkdir(parents=True)
    (dist_info / "METADATA").write_text("Metadata-Version: 2.1\nName: gpworkshop-toml\nVersion: 1.0\n")
    (dist_info / "entry_points.txt").write_text(f"[{formats.ENTRY_POINT_GROUP}]\ntoml = tests.toml_format:TOML\n")
    path = os.pathsep.join([str(dist_info.parent), str(ROOT), os.environ.get("PYTHONPATH", "")])
    return {**os.environ, "PYTHONPATH": path}


def gpworkshop(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "gpworkshop", *args], capture_output=True, text=True, check=False, env=env
    )


def test_a_format_of_another_package_is_found_through_the_entry_point(
    installed_toml: dict[str, str], tmp_path: Path
) -> None:
    record = tmp_path / "symposium.toml"
    record.write_text(
        'gpworkshop = 1\n[[events]]\nid = "symposium-2023"\ntitle = "7th Regional Symposium"\n'
        'format = "symposium"\nstart = 2023-10-17\n',
        encoding="utf-8",
    )

    listed = gpworkshop("formats", env=installed_toml)
    imported = gpworkshop("import", str(record), "-o", str(tmp_path / "symposium.yaml"), env=installed_toml)
    refused = gpworkshop("export", str(record), "--to", "toml", "-o", "-", env=installed_toml)

    assert 0 == listed.returncode, listed.stderr
    assert ["toml", ".toml", "yes", "no", "part", "-"] in [line.split() for line in listed.stdout.splitlines()]
    assert (0, "") == (imported.returncode, imported.stderr)
    assert "2023-10-17" == str(gw.load(tmp_path / "symposium.yaml").event("symposium-2023").start)
    assert 2 == refused.returncode
    assert "the format 'toml' is not written; the formats written: yaml, json, csv, xlsx" in refused.stderr


def test_problems_of_a_format_of_another_package_are_reported_like_others(
    installed_toml: dict[str, str], tmp_path: Path
) -> None:
    record = tmp_path / "broken.toml"
    record.write_text('gpworkshop = 1\n[[stakeholders]]\nid = "KRILA"\nkind = "institute"\n', encoding="utf-8")

    result = gpworkshop("validate", str(record), env=installed_toml)

    assert 1 == result.returncode
    assert sorted(line.split(": ")[1] for line in result.stdout.splitlines()[:-1]) == [
        "GPW201 stakeholders[0].name",
        "GPW205 stakeholders[0].kind",
        "GPW206 stakeholders[0].id",
    ]


def test_export_import_and_convert_go_through_the_registry(tmp_path: Path) -> None:
    from gpworkshop.cli import main

    exported, imported, converted = tmp_path / "busan.json", tmp_path / "busan.yaml", tmp_path / "again.json"

    assert 0 == main(["export", str(BUSAN), "--to", "json", "-o", str(exported)])
    assert 0 == main(["import", str(exported), "-o", str(imported)])
    assert 0 == main(["convert", str(imported), str(converted)])

    assert gw.dumps(gw.load(BUSAN)) == imported.read_text(encoding="utf-8")
    assert exported.read_text(encoding="utf-8") == converted.read_text(encoding="utf-8")


def test_import_of_a_file_with_problems_writes_nothing(tmp_path: Path) -> None:
    from gpworkshop.cli import main

    broken = tmp_path / "broken.json"
    broken.write_text('{"gpworkshop": 1, "stakeholders": [{"id": "x"}]}', encoding="utf-8")

    assert 1 == main(["import", str(broken), "-o", str(tmp_path / "out.yaml")])
    assert not (tmp_path / "out.yaml").exists()


def test_version() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "gpworkshop", "--version"], capture_output=True, text=True, check=True
    )

    assert f"gpworkshop {gw.__version__}\n" == result.stdout
