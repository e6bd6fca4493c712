"""The HTML reports in a real browser: no console error, no request, no script; a screenshot of each.

Needs Chromium (Debian's ``chromium`` package). Outside CI a missing browser
skips these tests; in CI (``CI`` set) it fails them. Screenshots are saved to
``build/screenshots``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import gpworkshop as gw
from gpworkshop import reports

GOLDEN = Path(__file__).resolve().parent / "golden"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SCREENSHOTS = Path(__file__).resolve().parent.parent / "build" / "screenshots"
PAGES = sorted(GOLDEN.rglob("*.html"))
# Flags that keep a headless Chromium off the network and quiet on a machine without one.
FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-default-apps",
    "--disable-extensions",
]


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = _chromium()
    if executable is None:
        message = "Chromium is not installed (apt-get install chromium)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=FLAGS)
        yield launched
        launched.close()


def open_page(browser: Any, path: Path) -> tuple[Any, list[str], list[str]]:
    """The page at *path*, with the console errors and the requests seen while loading it."""
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    errors: list[str] = []
    requests: list[str] = []
    page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return page, errors, requests


def test_there_are_html_reports_to_check() -> None:
    assert len(PAGES) == 12


@pytest.mark.parametrize("path", PAGES, ids=[f"{p.parent.name}/{p.name}" for p in PAGES])
def test_report_page_loads_cleanly_and_offline(browser: Any, path: Path) -> None:
    page, errors, requests = open_page(browser, path)

    assert [] == errors
    assert [path.as_uri()] == requests
    # The only script is the linked data of an outcome report, or of a tracker that tracks commitments: a data
    # block, which the browser parses and never runs.
    scripts = page.evaluate("[...document.scripts].map(s => [s.type, JSON.parse(s.text)['@graph'].length])")
    record = next(EXAMPLES.glob(f"{path.parent.name}*"))
    linked = path.stem == "outcome" or (path.stem == "tracker" and any(True for _ in gw.load(record).commitments()))
    assert [("application/ld+json", True)] * linked == [(kind, n > 0) for kind, n in scripts]
    assert 0 == page.evaluate(
        "[...document.querySelectorAll('*')].filter(e => [...e.attributes].some(a => a.name.startsWith('on'))).length"
    )
    assert "en" == page.evaluate("document.documentElement.lang")
    assert page.evaluate("document.querySelectorAll('h1').length") == 1
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{path.parent.name}-{path.stem}.png"), full_page=True)
    page.close()


def test_report_fits_a_phone_screen(browser: Any) -> None:
    page = browser.new_page(viewport={"width": 375, "height": 800})
    page.goto((GOLDEN / "regional-symposium-2023" / "matrix.html").as_uri())

    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")

    assert 0 == overflow
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / "phone-matrix.png"), full_page=True)
    page.close()


def test_hostile_text_is_shown_not_run(browser: Any, tmp_path: Path) -> None:
    hostile = '<script>window.pwned = 1</script><img src="https://example.org/x.png" onerror="window.pwned = 2">'
    kb = gw.KnowledgeBase(
        stakeholders=(gw.Stakeholder(id="x", name=hostile, kind=gw.StakeholderKind.OTHER),),
        events=(
            gw.Event(
                id="e",
                title=hostile,
                format=gw.EventFormat.FORUM,
                start=dt.date(2024, 1, 1),
                summary=hostile,
                participants=(gw.Participation(stakeholder="x", roles=(gw.Role.HOST,)),),
                resources=(
                    gw.Resource(
                        title=hostile, kind=gw.ResourceKind.OTHER, url="https://example.org/a?b='onmouseover='x()"
                    ),
                ),
            ),
        ),
    )
    path = tmp_path / "hostile.html"
    path.write_text(reports.render(reports.outcome_report(kb, "e"), "html"), encoding="utf-8")

    page, errors, requests = open_page(browser, path)

    assert page.evaluate("window.pwned === undefined")
    assert 0 == page.evaluate("document.images.length")
    assert [path.as_uri()] == requests
    assert [] == errors
    assert hostile in page.inner_text("h1")
    # The linked data holds the title whole, and the `</script>` in it did not end the block early.
    assert [hostile] == page.evaluate(
        "[...document.scripts].map(s => JSON.parse(s.text)['@graph'].find(n => n['@type'] == 'Event').name)"
    )
    page.close()


LANGUAGE_PAGES = sorted((Path(__file__).resolve().parent / "golden-languages").glob("*.html"))
# Every element whose content is wider than its box, but for what is meant to scroll (tables) and the page itself.
OVERFLOWING = """[...document.querySelectorAll('body *')]
  .filter(e => !e.closest('.table, svg') && getComputedStyle(e).display !== 'inline')
  .filter(e => e.scrollWidth > e.clientWidth + 1)
  .map(e => e.tagName + ': ' + e.textContent.slice(0, 40))"""


def _fonts(page: Any, selector: str) -> list[str]:
    """The fonts the browser drew the text of the first *selector* with, by family name."""
    session = page.context.new_cdp_session(page)
    session.send("DOM.enable")
    session.send("CSS.enable")
    root = session.send("DOM.getDocument")["root"]["nodeId"]
    node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    fonts = session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    return [font["familyName"] for font in fonts]


@pytest.mark.parametrize("path", LANGUAGE_PAGES, ids=[p.name for p in LANGUAGE_PAGES])
def test_report_in_another_language_is_laid_out_in_its_direction_with_its_fonts(browser: Any, path: Path) -> None:
    tag = path.suffixes[0].lstrip(".")
    for width in (1000, 375):
        page, errors, requests = open_page(browser, path) if width == 1000 else (browser.new_page(), [], [])
        if width != 1000:
            page.set_viewport_size({"width": width, "height": 800})
            page.goto(path.as_uri())
        direction = "rtl" if tag == "ar" else "ltr"

        assert [] == errors
        assert requests in ([path.as_uri()], [])
        assert tag == page.evaluate("document.documentElement.lang")
        assert direction == page.evaluate("getComputedStyle(document.body).direction")
        # A run of English in the page keeps its own direction.
        assert ["ltr"] == page.evaluate(
            "[...new Set([...document.querySelectorAll('[lang=en]')].map(e => getComputedStyle(e).direction))]"
        )
        assert 0 == page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert [] == page.evaluate(OVERFLOWING)
        if direction == "rtl":
            # Headings start at the right edge of the page.
            right = page.evaluate("document.querySelector('main h2').getBoundingClientRect().right")
            main_right = page.evaluate("document.querySelector('main').getBoundingClientRect().right")
            assert abs(main_right - right) < 20
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{path.stem.replace('.', '-')}-{width}.png"), full_page=True)
        page.close()


@pytest.mark.parametrize(("tag", "sample"), [("ar", "main h2"), ("ko", "main h2"), ("zh", "main h2")])
def test_report_text_is_drawn_with_a_font_of_its_script(browser: Any, tmp_path: Path, tag: str, sample: str) -> None:
    kb = gw.load(Path(__file__).resolve().parent.parent / "examples" / "regional-symposium-2023")
    path = tmp_path / f"{tag}.html"
    path.write_text(
        reports.render(reports.outcome_report(kb, "regional-symposium-2023", lang=tag), "html"), encoding="utf-8"
    )
    page, errors, _ = open_page(browser, path)
    # Asking DevTools for the fonts makes Chromium log an error of its own about file: origins; the page's come first.
    on_load = list(errors)

    fonts = _fonts(page, sample)

    assert [] == on_load
    assert fonts, "no font drew the heading"
    # Debian's Noto fonts cover Arabic, Chinese and Korean; without them Chromium draws empty boxes.
    assert all("Noto" in family or "Droid" in family for family in fonts), fonts
    page.close()
