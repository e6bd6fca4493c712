"""The outcome portal: a static site of every event, stakeholder and commitment, that works from ``file://``."""

from __future__ import annotations

import datetime as dt
import io
import json
import re
import sys
import warnings
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import pytest
import rdflib

import gpworkshop as gw
from gpworkshop.cli import main
from gpworkshop.errors import WriteError
from gpworkshop.site import portal_files, publish
from gpworkshop.site._folder import MARKER
from gpworkshop.site._search import terms
from tests.records import FOLLOWED_UP

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
BUSAN = EXAMPLES / "busan-gp-workshop-2014.yaml"
SYMPOSIUM = EXAMPLES / "regional-symposium-2023"
SESSION = EXAMPLES / "localisation-session-2022.yaml"
ALL = [BUSAN, SYMPOSIUM, SESSION]

HOSTILE = """\
gpworkshop: 1
stakeholders:
  - {id: evil, name: "</script><script>alert('name')</script>", kind: other, country: KR}
events:
  - id: hostile
    title: "<img src=x onerror=alert(1)> & \\"quoted\\""
    format: workshop
    start: 2024-05-02
    summary: "</script><!-- <script>alert('summary')</script>"
    participants:
      - {stakeholder: evil, roles: [organiser]}
    commitments:
      - id: evil-promise
        text: "<b>bold</b> promise </script>"
        by: [evil]
        kind: pledge
        progress:
          - {on: 2024-06-01, status: in-progress, note: "<script>alert('note')</script>", percent: 40}
"""


class _Addresses(HTMLParser):
    """Every address a page links to or loads, with the element and attribute naming it."""

    def __init__(self) -> None:
        super().__init__()
        self.found: list[tuple[str, str, str]] = []
        self.scripts: list[str] = []
        self._in_data = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src", "action") and value is not None:
                self.found.append((tag, dict(attrs).get("rel") or "", value))
        self._in_data = tag == "script" and dict(attrs).get("type") == "application/ld+json"

    def handle_data(self, data: str) -> None:
        if self._in_data:
            self.scripts.append(data)
            self._in_data = False


def _build(tmp_path: Path, *arguments: str) -> Path:
    out = io.StringIO()
    folder = tmp_path / "portal"
    status = main(["site", *arguments, "-o", str(folder)], out=out, err=out)
    assert 0 == status, out.getvalue()
    return folder


@pytest.mark.parametrize("paths", [[BUSAN], [SYMPOSIUM], [SESSION]], ids=["busan", "symposium", "session"])
def test_each_example_builds_a_portal_with_a_page_per_event_stakeholder_and_commitment(
    tmp_path: Path, paths: list[Path]
) -> None:
    folder = _build(tmp_path, *map(str, paths))
    kb = gw.load(paths)

    for event in kb.events:
        assert (folder / "en" / "events" / f"{event.id}.html").is_file()
    for stakeholder in kb.stakeholders:
        assert (folder / "en" / "stakeholders" / f"{stakeholder.id}.html").is_file()
    for _, commitment in kb.commitments():
        assert (folder / "en" / "commitments" / f"{commitment.id}.html").is_file()


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """All three examples as one portal in English and Korean."""
    return _build(tmp_path_factory.mktemp("all"), *map(str, ALL), "--lang", "en", "--lang", "ko")


def _pages(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.html"))


def test_every_internal_link_leads_to_a_file_of_the_portal_and_nothing_is_loaded_from_elsewhere(portal: Path) -> None:
    for page in _pages(portal):
        parser = _Addresses()
        parser.feed(page.read_text("utf-8"))
        for tag, _rel, address in parser.found:
            parts = urlsplit(address)
            if parts.scheme or address.startswith("//"):
                # Only a link a reader follows may leave the portal; nothing is loaded from elsewhere.
                assert tag == "a", (page, address)
                assert parts.scheme in ("http", "https", "mailto"), (page, address)
                continue
            assert not address.startswith("/"), (page, address)
            target = (page.parent / parts.path).resolve() if parts.path else page
            assert target.is_file(), (page, address)
            assert portal.resolve() in target.parents, (page, address)


def test_every_page_states_its_language_and_links_its_translations(portal: Path) -> None:
    for page in _pages(portal / "ko"):
        text = page.read_text("utf-8")
        assert '<html lang="ko" dir="ltr">' in text
        assert 'hreflang="en"' in text
        assert 'hreflang="ko"' in text
    assert "검색" in (portal / "ko" / "index.html").read_text("utf-8")


def test_arabic_pages_run_right_to_left(tmp_path: Path) -> None:
    files = portal_files(gw.load(BUSAN), languages=("ar",))

    assert '<html lang="ar" dir="rtl">' in files["ar/index.html"].decode()
    assert '<html lang="ar" dir="rtl">' in files["ar/events/busan-gp-workshop-2014.html"].decode()


def test_record_texts_are_shown_in_the_language_of_the_edition(portal: Path) -> None:
    kb = gw.load(SYMPOSIUM)
    title = kb.event("regional-symposium-2023").title

    korean = (portal / "ko" / "events" / "regional-symposium-2023.html").read_text("utf-8")

    assert getattr(title, "texts", {}).get("ko", "") in korean


def test_event_stakeholder_and_commitment_pages_carry_schema_org_linked_data(portal: Path) -> None:
    pages = {
        "Event": portal / "en" / "events" / "busan-gp-workshop-2014.html",
        "Organization": portal / "en" / "stakeholders" / "gpedc.html",
    }
    commitment = next(iter(sorted((portal / "en" / "commitments").glob("*.html"), reverse=True)))
    pages["Action"] = commitment
    for kind, page in pages.items():
        parser = _Addresses()
        parser.feed(page.read_text("utf-8"))
        assert 1 == len(parser.scripts), page
        graph = json.loads(parser.scripts[0])["@graph"]
        assert kind in {node.get("@type") for node in graph}, page


def test_the_feed_is_atom_that_feedparser_reads(portal: Path) -> None:
    feed = feedparser.parse((portal / "en" / "feed.xml").read_bytes())

    assert not feed.bozo, feed.get("bozo_exception")
    assert "atom10" == feed.version
    titles = [entry.title for entry in feed.entries]
    assert "Annual Busan Global Partnership Workshop" in titles


def test_the_feed_tells_of_commitment_updates_newest_first() -> None:
    feed = feedparser.parse(portal_files(gw.loads(HOSTILE))["en/feed.xml"])

    assert not feed.bozo, feed.get("bozo_exception")
    assert ["Progress update: In progress", '<img src=x onerror=alert(1)> & "quoted"'] == [
        entry.title for entry in feed.entries
    ]
    assert "commitments/evil-promise.html" == feed.entries[0].link
    assert "2024-06-01T00:00:00Z" == feed.feed.updated


def test_the_sitemap_is_written_with_a_base_url_of_absolute_addresses_and_not_without(tmp_path: Path) -> None:
    kb = gw.load(BUSAN)

    based = portal_files(kb, base_url="https://example.org/portal/")["sitemap.xml"].decode()

    assert "sitemap.xml" not in portal_files(kb)
    assert "<loc>https://example.org/portal/en/index.html</loc>" in based
    assert all(loc.startswith("https://example.org/portal/") for loc in re.findall(r"<loc>([^<]*)</loc>", based))
    assert (
        'xml:base="https://example.org/portal/en/"'
        in portal_files(kb, base_url="https://example.org/portal")["en/feed.xml"].decode()
    )


def test_the_same_record_gives_the_same_bytes() -> None:
    kb = gw.load(ALL)

    assert portal_files(kb, languages=("en", "ko")) == portal_files(gw.load(ALL), languages=("en", "ko"))


def test_hostile_text_is_escaped_on_every_page_and_in_the_linked_data() -> None:
    files = portal_files(gw.loads(HOSTILE), languages=("en",))

    for name, content in files.items():
        if name.endswith(".html"):
            text = content.decode()
            assert "<script>alert" not in text, name
            assert "<!--" not in text, name
            assert "<img src=x" not in text, name
            assert "<b>bold" not in text, name
            # The only script elements are the portal's own and its linked data.
            assert {"application/ld+json", "src"} >= {
                "src" if "src=" in tag else "application/ld+json" for tag in re.findall(r"<script[^>]*>", text)
            }, name


def test_the_record_is_downloadable_as_json_csv_and_a_calendar(portal: Path) -> None:
    kb = gw.load(ALL)

    assert kb == gw.load(portal / "data" / "record.json")
    assert kb == gw.load(portal / "data" / "csv")
    assert (portal / "data" / "record.ics").read_text("utf-8").startswith("BEGIN:VCALENDAR")


def test_the_search_index_finds_korean_words_inside_their_phrase(portal: Path) -> None:
    index = json.loads((portal / "ko" / "search-index.json").read_text("utf-8"))

    pages = [set(index["terms"].get(term, ())) for term in terms("거버넌스")]

    assert pages
    assert set.intersection(*pages)
    assert "effective" in index["terms"] or "governance" in index["terms"]


def test_arabic_is_searched_by_words_and_chinese_by_pairs_of_characters() -> None:
    assert ["الحوكمة", "الفعالة"] == terms("الحوكمة الفعالة")
    assert ["数字", "字化", "化转", "转型", "2030"] == terms("数字化转型 2030")


def test_a_theme_replaces_templates_and_assets_of_the_same_name(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "footer.html").write_text('<footer class="site"><p>Secretariat of the Partnership</p></footer>\n')
    (theme / "site.css").write_text("body { color: #123456; }\n")
    (theme / "logo.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg" width="1" height="1"/>\n')

    files = portal_files(gw.load(BUSAN), theme=theme)

    assert b"#123456" in files["assets/site.css"]
    assert "assets/logo.svg" in files
    page = files["en/events/busan-gp-workshop-2014.html"].decode()
    assert "Secretariat of the Partnership" in page
    assert 'src="../../assets/logo.svg"' in page


def test_publishing_replaces_a_portal_but_refuses_a_folder_of_other_files(tmp_path: Path) -> None:
    kb = gw.load(BUSAN)
    folder = tmp_path / "site"
    publish(kb, folder)
    (folder / "en" / "stale.html").write_text("old")

    publish(kb, folder, languages=("ko",))

    assert (folder / MARKER).is_file()
    assert not (folder / "en").exists()
    assert (folder / "ko" / "index.html").is_file()
    assert [folder.name] == [path.name for path in tmp_path.iterdir()]
    other = tmp_path / "documents"
    other.mkdir()
    (other / "thesis.docx").write_text("keep me")
    with pytest.raises(WriteError, match="holds other files"):
        publish(kb, other)
    assert "keep me" == (other / "thesis.docx").read_text()


def test_a_language_reports_are_not_written_in_is_a_usage_error(tmp_path: Path) -> None:
    out = io.StringIO()

    status = main(["site", str(BUSAN), "-o", str(tmp_path / "x"), "--lang", "de"], out=out, err=out)

    assert 1 <= status
    assert "de" in out.getvalue()
    assert not (tmp_path / "x").exists()


def test_a_failed_write_leaves_the_previous_portal_as_it_was(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kb = gw.load(BUSAN)
    folder = tmp_path / "site"
    before = publish(kb, folder)

    def refuse(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr("gpworkshop.site._folder.os.replace", refuse)
    with pytest.raises(WriteError, match="No space left on device"):
        publish(kb, folder, languages=("ko",))

    assert before["en/index.html"] == (folder / "en" / "index.html").read_bytes()
    assert [folder.name] == [path.name for path in tmp_path.iterdir()]


def test_the_command_names_the_pages_and_languages_it_wrote(tmp_path: Path) -> None:
    out = io.StringIO()

    status = main(["site", str(BUSAN), "-o", str(tmp_path / "p"), "--lang", "en", "--lang", "fr"], out=out, err=out)

    assert 0 == status
    assert (
        f"wrote {tmp_path / 'p'} (19 pages in 2 languages)\n"
        "note: no sitemap.xml, which lists absolute addresses: give --base-url URL to write one\n"
    ) == out.getvalue()


def test_without_jinja2_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "jinja2", None)

    with pytest.raises(gw.MissingExtraError, match=r"pip install \"gpworkshop\[site\]\""):
        portal_files(gw.load(BUSAN))


IDENTIFIED = """\
gpworkshop: 1
stakeholders:
  - id: undp
    name: United Nations Development Programme
    kind: un-entity
    identifiers: {iati: XM-DAC-41114, ror: 03yrm5c26, wikidata: Q7817}
events:
  - {id: forum, title: Forum, format: forum, start: 2024-01-10, participants: [{stakeholder: undp, roles: [host]}]}
"""


def test_a_stakeholder_page_links_its_identifiers_to_iati_ror_and_wikidata() -> None:
    page = portal_files(gw.loads(IDENTIFIED))["en/stakeholders/undp.html"].decode()

    assert 'href="https://d-portal.org/ctrack.html?publisher=XM-DAC-41114#view=main"' in page
    assert 'href="https://ror.org/03yrm5c26"' in page
    assert 'href="https://www.wikidata.org/wiki/Q7817"' in page
    assert "Host" in page


PROMISED = """\
gpworkshop: 1
stakeholders:
  - {id: agency, name: Agency, kind: government, country: FR}
events:
  - id: forum
    title: Forum
    format: forum
    start: 2023-03-01
    commitments:
      - {id: report, text: Publish a report, by: [agency], kind: pledge, due: 2024-01-31}
"""


def test_as_of_a_day_open_commitments_past_due_are_marked_overdue_and_the_feed_is_dated_by_it() -> None:
    kb = gw.loads(PROMISED)

    judged = portal_files(kb, as_of=dt.date(2025, 11, 6))
    plain = portal_files(kb)

    assert 'class="overdue"' in judged["en/commitments/report.html"].decode()
    assert 'class="overdue"' not in plain["en/commitments/report.html"].decode()
    assert "<updated>2025-11-06T00:00:00Z</updated>" in judged["en/feed.xml"].decode().splitlines()[4]
    assert "<updated>2023-03-01T00:00:00Z</updated>" in plain["en/feed.xml"].decode().splitlines()[4]


def test_the_command_takes_a_theme_a_base_url_and_a_day(tmp_path: Path) -> None:
    theme = tmp_path / "theme"
    theme.mkdir()
    (theme / "footer.html").write_text("<footer><p>Our secretariat</p></footer>\n")

    folder = _build(
        tmp_path, str(BUSAN), "--theme", str(theme), "--base-url", "https://example.org/p/", "--as-of", "2025-01-01"
    )

    assert "Our secretariat" in (folder / "en" / "index.html").read_text("utf-8")
    assert "<loc>https://example.org/p/index.html</loc>" in (folder / "sitemap.xml").read_text("utf-8")
    assert "<updated>2025-01-01T00:00:00Z</updated>" in (folder / "en" / "feed.xml").read_text("utf-8")


def test_a_commitment_page_draws_its_status_history_as_a_timeline_of_its_updates() -> None:
    files = portal_files(gw.loads(FOLLOWED_UP), languages=("en",))
    page = files["en/commitments/open-data.html"].decode()
    chart = re.search(r'<svg class="timeline".*?</svg>', page, re.DOTALL)

    assert chart is not None
    svg = chart.group()
    assert (
        '<title id="timeline-title">Status history: 2023-09-01, In progress, 20%; 2024-02-01, In progress; '
        "2024-12-01, Partially achieved, 60%</title>"
    ) in svg
    dots = re.findall(r'<circle class="dot status-([a-z-]+)" cx="([0-9.]+)" cy="([0-9.]+)"', svg)
    assert ["in-progress", "in-progress", "partially-achieved"] == [status for status, _, _ in dots]
    across = [float(x) for _, x, _ in dots]
    heights = [float(y) for _, _, y in dots]
    assert across == sorted(across)
    # The share done holds at 20 % until it is next reported, then rises: higher is nearer the top.
    assert heights[0] == heights[1] > heights[2]
    # Made on the first day drawn, due on the last: the line of time runs from one to the other.
    assert ">2023-03-01</text>" in svg
    assert ">2025-06-30</text>" in svg
    assert '<line class="due"' in svg
    assert 'role="img"' in svg
    assert 'class="timeline"' not in files["en/commitments/quiet.html"].decode()


def _graph_of(page: Path) -> rdflib.Graph:
    """The linked data of *page*, read by rdflib with the page's own address as its base."""
    parser = _Addresses()
    parser.feed(page.read_text("utf-8"))
    [data] = parser.scripts
    with warnings.catch_warnings():
        # rdflib's JSON-LD parser calls parts of rdflib that rdflib itself has deprecated.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module="rdflib")
        return rdflib.Graph().parse(data=data, format="json-ld", base=page.as_uri())


def test_a_node_of_linked_data_has_one_address_on_every_page_the_page_about_it(portal: Path) -> None:
    edition = portal / "en"
    stakeholder = _graph_of(edition / "stakeholders" / "krila.html")
    event = _graph_of(edition / "events" / "regional-symposium-2023.html")
    schema = rdflib.Namespace("https://schema.org/")
    krila = rdflib.URIRef((edition / "stakeholders" / "krila.html").as_uri() + "#this")

    assert (krila, rdflib.RDF.type, schema.Organization) in stakeholder
    assert krila in set(event.objects())
    # What the stakeholder's page says a commitment is the subject of is an event that its own page describes.
    for subject_of in stakeholder.objects(predicate=schema.subjectOf):
        page = Path(urlsplit(str(subject_of)).path)
        assert (subject_of, rdflib.RDF.type, schema.Event) in _graph_of(page)
