"""The outcome portal in a real browser, opened from ``file://``: search, language switch, filters, accessibility.

Needs Chromium (Debian's ``chromium`` package) and, for the accessibility
checks, axe-core from npm: the path of its ``axe.min.js`` in ``AXE_CORE``,
or ``npm`` to install it into a temporary folder. Outside CI a missing
browser or axe-core skips these tests; in CI (``CI`` set) it fails them.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from gpworkshop.cli import main
from tests.records import FOLLOWED_UP

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
RECORDS = [
    EXAMPLES / "busan-gp-workshop-2014.yaml",
    EXAMPLES / "regional-symposium-2023",
    EXAMPLES / "localisation-session-2022.yaml",
]
FLAGS = ["--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"]
# One page of each template, by its path in a language's folder.
TEMPLATES = [
    "index.html",
    "events/index.html",
    "events/busan-gp-workshop-2014.html",
    "events/regional-symposium-2023.html",
    "stakeholders/index.html",
    "stakeholders/krila.html",
    "commitments/index.html",
    "commitments/donor-statement-locally-led-development.html",
    "commitments/open-data.html",
    "coverage.html",
    "search.html",
    "../index.html",
]


def _missing(message: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = shutil.which("chromium") or shutil.which("chromium-browser")
    if executable is None:
        _missing("Chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("portal") / "portal"
    # A commitment followed up over time, for its page's chart of progress.
    follow_up = folder.parent / "forum.yaml"
    follow_up.write_text(FOLLOWED_UP, "utf-8")
    out = io.StringIO()
    records = [*map(str, RECORDS), str(follow_up)]
    arguments = ["site", *records, "-o", str(folder), "--lang", "en", "--lang", "ko", "--lang", "ar"]
    assert 0 == main(arguments, out=out, err=out), out.getvalue()
    return folder


@pytest.fixture(scope="module")
def axe(tmp_path_factory: pytest.TempPathFactory) -> str:
    given = os.environ.get("AXE_CORE")
    if given:
        return Path(given).read_text("utf-8")
    npm = shutil.which("npm")
    if npm is None:
        _missing("axe-core needs npm to be installed, or AXE_CORE to name its axe.min.js")
    folder = tmp_path_factory.mktemp("axe")
    command = [str(npm), "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(folder), "axe-core@4"]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    script = folder / "node_modules" / "axe-core" / "axe.min.js"
    if done.returncode or not script.is_file():
        _missing(f"axe-core could not be installed from npm: {done.stderr.strip()}")
    return script.read_text("utf-8")


def _open(browser: Any, address: Path | str, *, width: int = 1024) -> tuple[Any, list[str], list[str]]:
    """A new page at *address*, with the addresses it requested and the errors its console printed."""
    page = browser.new_page(viewport={"width": width, "height": 800})
    requests: list[str] = []
    errors: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(address.as_uri() if isinstance(address, Path) else address)
    page.wait_for_load_state("load")
    return page, requests, errors


def _results(page: Any) -> list[str]:
    page.wait_for_function("document.querySelector('[data-search]') !== null && window.gpworkshopSearch")
    return [str(text) for text in page.locator("[data-results] a").all_inner_texts()]


def test_searching_a_korean_word_finds_the_page_that_holds_it_inside_a_phrase(browser: Any, portal: Path) -> None:
    page, requests, errors = _open(browser, (portal / "ko" / "search.html").as_uri() + "?q=거버넌스")

    found = _results(page)

    assert any("유엔거버넌스센터" in title for title in found), found
    assert [] == errors
    assert all(address.startswith("file://") for address in requests), requests
    page.close()


def test_searching_an_english_word_by_its_beginning_finds_the_event_as_one_types(browser: Any, portal: Path) -> None:
    page, _, errors = _open(browser, portal / "en" / "search.html")
    _results(page)

    page.fill("[data-search]", "Busa")

    assert "Annual Busan Global Partnership Workshop" in _results(page)
    page.fill("[data-search]", "zzzz-nothing")
    assert page.locator("[data-no-match]").is_visible()
    assert [] == errors
    page.close()


def test_the_script_cuts_text_into_the_same_terms_as_the_index(browser: Any, portal: Path) -> None:
    from gpworkshop.site._search import terms

    text = "Effective GOVERNANCE, ﬁnance 2030: 효과적인 거버넌스 · 数字化转型 · الحوكمة الفعّالة · Ｆｕｌｌ-width ナ"
    page, _, errors = _open(browser, portal / "en" / "index.html")

    assert terms(text) == page.evaluate("text => window.gpworkshopTerms(text)", text)
    assert [] == errors
    page.close()


def test_the_language_switcher_opens_the_same_page_in_korean(browser: Any, portal: Path) -> None:
    page, _, errors = _open(browser, portal / "en" / "events" / "busan-gp-workshop-2014.html")

    page.click("nav.languages a[hreflang=ko]")
    page.wait_for_load_state("load")

    assert page.url.endswith("/ko/events/busan-gp-workshop-2014.html")
    assert "ko" == page.get_attribute("html", "lang")
    assert [] == errors
    page.close()


def test_a_filter_hides_the_events_of_other_years(browser: Any, portal: Path) -> None:
    page, _, errors = _open(browser, portal / "en" / "events" / "index.html")

    page.select_option("select[data-filter=year]", "2014")

    shown = page.locator("tbody tr:visible").all_inner_texts()
    assert shown
    assert all("2014" in row for row in shown)
    assert [] == errors
    page.close()


@pytest.mark.parametrize("language", ["en", "ar"])
@pytest.mark.parametrize("path", TEMPLATES)
def test_each_template_has_no_serious_accessibility_violation_and_reads_at_375_pixels(
    browser: Any, portal: Path, axe: str, language: str, path: str
) -> None:
    page, requests, errors = _open(browser, portal / language / path, width=375)

    assert page.evaluate("document.documentElement.scrollWidth") <= 375, "the page scrolls sideways"
    # Errors and requests of the page itself: axe then reads the style sheets, which file:// refuses it.
    assert [] == errors
    assert all(address.startswith("file://") for address in requests), requests
    page.add_script_tag(content=axe)
    violations = page.evaluate("axe.run().then(result => result.violations)")
    serious = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]]) for v in violations]
    serious = [v for v in serious if v[1] in ("serious", "critical")]
    assert [] == serious
    page.close()
