"""The public face of the package is what ``__all__`` says, typed, and light to import."""

from __future__ import annotations

import importlib
import subprocess
import sys
import types
from pathlib import Path

import pytest

import gpworkshop

PUBLIC_MODULES = [
    "gpworkshop",
    "gpworkshop.analysis",
    "gpworkshop.codes",
    "gpworkshop.collect",
    "gpworkshop.collect.mapping",
    "gpworkshop.errors",
    "gpworkshop.formats",
    "gpworkshop.multilingual",
    "gpworkshop.reports",
    "gpworkshop.reports.language",
    "gpworkshop.schema",
    "gpworkshop.sphinxext",
    "gpworkshop.strategies",
    "gpworkshop.translations",
    "gpworkshop.vocab",
]


def test_top_level_all_lists_every_public_name() -> None:
    public = {
        name
        for name, value in vars(gpworkshop).items()
        if not name.startswith("_") and not isinstance(value, types.ModuleType)
    }

    assert sorted(public) == sorted(gpworkshop.__all__)


@pytest.mark.parametrize("name", PUBLIC_MODULES)
def test_all_lists_what_the_module_defines(name: str) -> None:
    module = importlib.import_module(name)

    defined = {
        attribute
        for attribute, value in vars(module).items()
        if not attribute.startswith("_") and getattr(value, "__module__", None) == name
    }

    assert set() == defined - set(module.__all__)
    assert [] == [attribute for attribute in module.__all__ if not hasattr(module, attribute)]


def test_package_ships_py_typed() -> None:
    assert (Path(gpworkshop.__file__).parent / "py.typed").is_file()


LOADED_ON_USE = [
    "hypothesis",
    "sphinx",
    "docutils",
    "pycountry",
    "gpworkshop.analysis",
    "gpworkshop.cli",
    "gpworkshop.collect",
    "gpworkshop.reports",
    "gpworkshop.schema",
    "gpworkshop.sphinxext",
    "gpworkshop.strategies",
    "gpworkshop._emitter",
    "gpworkshop._yaml_emitter",
    "gpworkshop.formats.yaml",
    "gpworkshop.formats.json",
    "gpworkshop.reports.registry",
    "gpworkshop.reports.language",
    "gpworkshop.translations",
    "babel",
    "importlib.metadata",
    "json",
    "tempfile",
    "difflib",
]


def test_importing_gpworkshop_leaves_what_is_used_later_unimported() -> None:
    code = f"import gpworkshop, sys; print(sorted(m for m in {LOADED_ON_USE!r} if m in sys.modules))"

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert "[]\n" == result.stdout


def test_every_public_name_has_a_docstring() -> None:
    for name in PUBLIC_MODULES:
        module = importlib.import_module(name)
        assert module.__doc__, name
        for attribute in module.__all__:
            value = getattr(module, attribute)
            if callable(value) or isinstance(value, type):
                assert value.__doc__, f"{name}.{attribute}"


def test_the_wheel_ships_the_licence_and_declares_it(tmp_path: Path) -> None:
    import zipfile

    root = Path(__file__).resolve().parent.parent
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(root)],
        check=True,
        capture_output=True,
    )
    [wheel] = tmp_path.glob("gpworkshop-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        [metadata] = [name for name in names if name.endswith(".dist-info/METADATA")]
        headers = archive.read(metadata).decode("utf-8")

    assert any(name.endswith(".dist-info/licenses/LICENSE") for name in names)
    assert "License-Expression: MIT" in headers.splitlines()
    # The catalogues of the reports, compiled when the wheel is built, with their sources.
    for language in ("ar", "es", "fr", "ko", "ru", "zh"):
        for suffix in ("po", "mo"):
            assert f"gpworkshop/locale/{language}/LC_MESSAGES/gpworkshop.{suffix}" in names
