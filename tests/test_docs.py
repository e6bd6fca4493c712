"""The documentation builds offline with warnings as errors, documents every public name, and shows the reports."""

from __future__ import annotations

import posixpath
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sphinx.util.inventory import InventoryFile

import gpworkshop
from gpworkshop import (
    analysis,
    changes,
    collect,
    duplicates,
    formats,
    identifiers,
    limits,
    references,
    reports,
    rewrite,
    strategies,
    tables,
)
from gpworkshop.collect import mapping
from gpworkshop.formats import csv, ics, jsonl, jsonld, package, parquet, popolo, schedule, schedule2, xlsx
from tests.printing import needs_pango
from tests.records import ROOT


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("docs")
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-n", "-q", "-b", "html", str(ROOT / "docs"), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    return out


def inventory(built: Path) -> dict[str, Any]:
    with (built / "objects.inv").open("rb") as stream:
        loaded: Any = InventoryFile.load(stream, "", posixpath.join)
    names: dict[str, Any] = {}
    for kind in loaded:
        for name in loaded[kind]:
            names[name] = kind
    return names


@pytest.mark.parametrize(
    ("module", "prefix"),
    [
        (gpworkshop, "gpworkshop"),
        (formats, "gpworkshop.formats"),
        (reports, "gpworkshop.reports"),
        (strategies, "gpworkshop.strategies"),
        (tables, "gpworkshop.tables"),
        (limits, "gpworkshop.limits"),
        (package, "gpworkshop.formats.package"),
        (csv, "gpworkshop.formats.csv"),
        (xlsx, "gpworkshop.formats.xlsx"),
        (parquet, "gpworkshop.formats.parquet"),
        (jsonl, "gpworkshop.formats.jsonl"),
        (ics, "gpworkshop.formats.ics"),
        (schedule, "gpworkshop.formats.schedule"),
        (schedule2, "gpworkshop.formats.schedule2"),
        (jsonld, "gpworkshop.formats.jsonld"),
        (popolo, "gpworkshop.formats.popolo"),
        (analysis, "gpworkshop.analysis"),
        (identifiers, "gpworkshop.identifiers"),
        (duplicates, "gpworkshop.duplicates"),
        (references, "gpworkshop.references"),
        (rewrite, "gpworkshop.rewrite"),
        (changes, "gpworkshop.changes"),
        (collect, "gpworkshop.collect"),
        (mapping, "gpworkshop.collect.mapping"),
    ],
)
def test_every_public_name_is_in_the_inventory(built: Path, module: Any, prefix: str) -> None:
    documented = inventory(built)

    assert [] == [name for name in module.__all__ if f"{prefix}.{name}" not in documented]


def test_the_tutorial_shows_the_2014_outcome_report(built: Path) -> None:
    page = (built / "tutorial.html").read_text(encoding="utf-8")
    report = page.split('class="gpworkshop-report', 1)[1]

    assert "Annual Busan Global Partnership Workshop" in report
    assert "6–7 November 2014" in report
    assert "No takeaway is recorded for objective 4" in report


def test_every_seed_example_is_shown(built: Path) -> None:
    page = (built / "examples.html").read_text(encoding="utf-8")

    # The six reports of the seed events, the tracker of the archive of all three, then the symposium's in each of
    # the seven languages of the reports.
    assert 14 == page.count("gpworkshop-report-title")
    for title in ("Localisation and leaving no one behind", "Local Governance and Partnerships Forum"):
        assert title in page
    for heading in ("الأهداف", "目标", "Objectifs", "목표", "Цели", "Objetivos"):
        assert heading in page
    assert 1 == page.count("gpworkshop-rtl")


@needs_pango
def test_the_examples_page_links_the_symposium_report_as_a_pdf_in_every_language(built: Path) -> None:
    page = (built / "examples.html").read_text(encoding="utf-8")

    for language in reports.language.LANGUAGES:
        name = f"reports/regional-symposium-2023.{language}.pdf"
        assert f'href="{name}"' in page
        assert (built / name).read_bytes().startswith(b"%PDF-")


def test_the_examples_page_links_only_what_the_build_published(built: Path) -> None:
    page = (built / "examples.html").read_text(encoding="utf-8")
    addresses = re.findall(r'href="([^"]*)"', page)
    local = [re.split("[#?]", address)[0] for address in addresses if ":" not in address and address[:1] not in "#?"]

    assert local
    assert [] == [address for address in local if not (built / address).exists()]


def test_error_catalogue_lists_every_code(built: Path) -> None:
    from gpworkshop.codes import CATALOGUE

    page = (built / "reference" / "errors.html").read_text(encoding="utf-8")

    assert [] == [code for code in CATALOGUE if f"<p>{code}</p>" not in page]


def test_error_catalogue_shows_every_code_by_example(built: Path) -> None:
    from gpworkshop.codes import CATALOGUE
    from gpworkshop.explain import explanation

    page = (built / "reference" / "errors.html").read_text(encoding="utf-8")

    shown = [code for code in CATALOGUE if not explanation(code).about]
    assert [] == [code for code in CATALOGUE if f'<p class="rubric">{code}: ' not in page]
    assert len(shown) == page.count("<p>Written right:</p>")
    assert "example.yaml:6:12: GPW204 events[0].start: expected a date such as 2014-11-06" in page


def test_no_page_loads_anything_from_the_network(built: Path) -> None:
    for page in built.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        assert '<script src="http' not in text, page
        assert '<link rel="stylesheet" href="http' not in text, page


def test_every_model_field_is_documented_with_its_description(built: Path) -> None:
    import html

    import attrs

    from gpworkshop.model import DOC
    from gpworkshop.model import __all__ as model_classes

    documented = inventory(built)
    page = html.unescape((built / "reference" / "api.html").read_text(encoding="utf-8")).replace("\u2019", "'")
    for class_name in model_classes:
        cls = getattr(gpworkshop, class_name, None)
        if cls is None or not attrs.has(cls):
            continue
        for field in attrs.fields(cls):
            if field.init:
                assert f"gpworkshop.{class_name}.{field.name}" in documented
                plain = re.split(r"``|:\w+:`", field.metadata[DOC])[0]
                assert plain in page, (class_name, field.name)


def test_the_tutorial_runs_under_pythons_own_doctest(monkeypatch: pytest.MonkeyPatch) -> None:
    """As a reader would check it, with no Sphinx: every name the tutorial prints is the one Python prints."""
    import doctest

    root = Path(__file__).resolve().parent.parent
    monkeypatch.chdir(root)

    result = doctest.testfile(
        str(root / "docs" / "tutorial.rst"), module_relative=False, optionflags=doctest.ELLIPSIS, verbose=False
    )

    assert (0, True) == (result.failed, result.attempted > 0)
