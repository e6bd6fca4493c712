"""Every builder renders any valid record in every format, safely."""

from __future__ import annotations

import datetime as dt
import html
import html.parser
import io
import json
import re
from collections.abc import Callable

import attrs
import docutils.core
import docutils.nodes
import docutils.utils
import pytest
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import reports, strategies
from gpworkshop.reports import markdown, rst, text
from gpworkshop.reports._columns import display_width

AS_OF = dt.date(2025, 1, 1)


def builders_for(kb: gw.KnowledgeBase) -> list[reports.Document]:
    documents = [reports.commitment_tracker(kb, as_of=AS_OF), reports.stakeholder_matrix(kb)]
    for event in kb.events:
        documents += [reports.outcome_report(kb, event.id), reports.coverage_report(kb, event.id)]
    return documents


def docutils_warnings(source: str) -> str:
    stream = io.StringIO()
    docutils.core.publish_doctree(
        source, settings_overrides={"warning_stream": stream, "report_level": docutils.utils.Reporter.WARNING_LEVEL}
    )
    return stream.getvalue()


@given(kb=strategies.knowledge_bases(max_events=3))
def test_every_builder_renders_in_every_format(kb: gw.KnowledgeBase) -> None:
    for document in builders_for(kb):
        for format_ in reports.FORMATS:
            output = reports.render(document, format_)
            assert output.endswith("\n")
            assert not output.endswith("\n\n")


@given(kb=strategies.knowledge_bases(min_events=1, max_events=2))
def test_rst_parses_without_a_warning(kb: gw.KnowledgeBase) -> None:
    for document in builders_for(kb):
        source = reports.render(document, "rst")
        assert "" == docutils_warnings(source), source


@given(kb=strategies.knowledge_bases(min_events=1, max_events=2))
def test_text_lines_fit_in_80_columns(kb: gw.KnowledgeBase) -> None:
    for document in builders_for(kb):
        for line in reports.render(document, "text").splitlines():
            assert display_width(line) <= text.WIDTH, line


HOSTILE = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        "</title><script>x()</script>",
        "*bold* _it_ | pipe | `code` [link](javascript:alert(1)) <b>",
        ".. raw:: html\n\n   <script>x()</script>",
        "`link <javascript:alert(1)>`_ :raw:`x` |sub|",
        "&lt;script&gt; &amp;",
        "\x1b[2J\x1b]0;pwned\x07 title\r\nnext\x00\x9b31m\x7f",
    ]
)
#: Text with any control characters among letters and markup: what a terminal or a document must never get raw.
CONTROLLED = st.text(st.sampled_from([*map(chr, range(0x20)), *map(chr, range(0x7F, 0xA0)), "a", "*", "<", " "]))
# Control characters but tab and line feed, which text formats may hold; a carriage return is a control here too.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


@st.composite
def hostile_records(draw: st.DrawFn) -> gw.KnowledgeBase:
    name, title, summary = draw(HOSTILE), draw(HOSTILE), draw(HOSTILE)
    return gw.KnowledgeBase(
        stakeholders=(gw.Stakeholder(id="x", name=name, acronym=draw(HOSTILE), kind=gw.StakeholderKind.OTHER),),
        events=(
            gw.Event(
                id="e",
                title=title,
                format=gw.EventFormat.FORUM,
                start=dt.date(2024, 1, 1),
                summary=summary,
                themes=(draw(HOSTILE),),
                participants=(gw.Participation(stakeholder="x", roles=(gw.Role.HOST,)),),
                objectives=(gw.Objective(id="o", title=draw(HOSTILE)),),
                takeaways=(gw.Takeaway(id="t", text=draw(HOSTILE), kind=gw.TakeawayKind.QUOTE, objectives=("o",)),),
                commitments=(gw.Commitment(id="c", text=draw(HOSTILE), by=("x",), kind=gw.CommitmentKind.PLEDGE),),
                resources=(gw.Resource(title=draw(HOSTILE), kind=gw.ResourceKind.VIDEO, url="https://example.org/v"),),
            ),
        ),
    )


@given(kb=hostile_records(), noise=CONTROLLED)
def test_no_control_character_of_a_record_reaches_any_rendering(kb: gw.KnowledgeBase, noise: str) -> None:
    kb = attrs.evolve(
        kb,
        events=(attrs.evolve(kb.events[0], title=f"t{noise}", summary=f"{noise}s", themes=(f"{noise}",)),),
        stakeholders=(attrs.evolve(kb.stakeholders[0], name=f"n{noise}n"),),
    )
    for document in builders_for(kb):
        for format_ in reports.FORMATS:
            assert [] == RAW_CONTROL.findall(reports.render(document, format_)), format_


def test_a_title_with_escape_and_bell_is_shown_with_replacement_characters() -> None:
    kb = gw.loads('gpworkshop: 1\nevents:\n  - {id: e, title: "a\\e[31mb\\ac", format: forum, start: 2024-01-01}\n')
    document = reports.outcome_report(kb, "e")

    assert "# a\ufffd\\[31mb\ufffdc" == reports.render(document, "markdown").splitlines()[0]
    assert "a\ufffd[31mb\ufffdc" == reports.render(document, "text").splitlines()[0]


@given(kb=hostile_records())
def test_hostile_text_never_reaches_html_unescaped(kb: gw.KnowledgeBase) -> None:
    for document in builders_for(kb):
        page = reports.render(document, "html")
        # The one script is the linked data, a data block no browser runs; what it holds is escaped JSON.
        data = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
        assert len(data) == (document.linked_data is not None)
        assert all("<" not in text and ">" not in text and json.loads(text)["@graph"] for text in data)
        page = re.sub(r'<script type="application/ld\+json">.*?</script>', "", page, flags=re.DOTALL)
        tags = set(re.findall(r"<([a-zA-Z][a-zA-Z0-9]*)", page))
        assert tags <= {
            "html", "head", "meta", "title", "style", "body", "main", "h1", "h2", "h3", "h4", "h5", "h6", "p",
            "section", "ul", "ol", "li", "strong", "em", "a", "div", "table", "caption", "thead", "tbody", "tr",
            "th", "td", "aside", "figure", "figcaption", "svg", "text", "rect",
        }  # fmt: skip
        assert "javascript:" not in re.findall(r'href="([^"]*)"', page)
        assert re.search(r"\bon\w+=", re.sub(r">[^<]*<", "><", page)) is None


@given(kb=hostile_records())
def test_hostile_text_never_reaches_markdown_or_rst_unescaped(kb: gw.KnowledgeBase) -> None:
    for document in builders_for(kb):
        page = reports.render(document, "markdown")
        assert re.search(r"(?<!\\)<script", page) is None
        assert re.search(r"(?<!\\)\]\(javascript:", page) is None
        source = reports.render(document, "rst")
        assert "" == docutils_warnings(source)
        tree = docutils.core.publish_doctree(source, settings_overrides={"report_level": 5})
        assert [] == list(tree.findall(docutils.nodes.raw))
        assert [] == [ref for ref in tree.findall(docutils.nodes.reference) if "javascript" in ref.get("refuri", "")]


@pytest.mark.parametrize(
    ("renderer", "expected"),
    [
        (markdown.escape, "\\*a\\* \\_b\\_ \\`c\\` \\| \\<d\\>"),
        (rst.escape, "\\*a\\* \\_b\\_ \\`c\\` \\| <d>"),
    ],
)
def test_escaping_of_markup_characters(renderer: Callable[[str], str], expected: str) -> None:
    assert expected == renderer("*a* _b_ `c` | <d>")


def test_html_escapes_quotes_and_ampersands() -> None:
    link = reports.Link('say "hi"', "https://e.org/?a=1&b=2")
    quoted = reports.Link("quoted", 'https://e.org/"onmouseover="x()')
    document = reports.Document(title="T", blocks=(reports.Paragraph.of(link), reports.Paragraph.of(quoted)))

    page = reports.render(document, "html")

    assert '<a href="https://e.org/?a=1&amp;b=2">say &quot;hi&quot;</a>' in page
    assert "<p>quoted</p>" in page


def test_links_to_other_schemes_become_text() -> None:
    document = reports.Document(title="T", blocks=(reports.Paragraph.of(reports.Link("click", "javascript:alert(1)")),))

    for format_ in ("html", "rst"):
        assert "javascript" not in reports.render(document, format_)


def test_html_page_is_standalone_with_a_policy_against_scripts_and_requests() -> None:
    page = reports.render(reports.Document(title="T", language="ko"), "html")

    assert page.startswith('<!DOCTYPE html>\n<html lang="ko" dir="ltr">')
    assert "default-src 'none'" in page
    assert "<script" not in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")


def test_tables_use_header_scopes() -> None:
    table = reports.Table(
        header=("Who", "Role"), rows=((reports.Paragraph.of("KRILA"), reports.Paragraph.of("host")),), row_headers=True
    )

    page = reports.render(reports.Document(title="T", blocks=(table,)), "html")

    assert '<th scope="col">Who</th>' in page
    assert '<th scope="row">KRILA</th>' in page


def test_chart_is_a_picture_in_html_and_a_table_elsewhere() -> None:
    chart = reports.Chart("By kind", (("Research institute", 5), ("UN entity", 3)), "stakeholders", "Kind")
    document = reports.Document(title="T", blocks=(chart,))

    assert "<svg" in reports.render(document, "html")
    assert "| Research institute | 5 | 63% |" in reports.render(document, "markdown")
    assert "Research institute  ##############################  5" in reports.render(document, "text")
    assert "   * - Research institute\n     - 5\n     - 63%" in reports.render(document, "rst")


def test_text_wraps_korean_by_display_width() -> None:
    document = reports.Document(title="T", blocks=(reports.Paragraph.of("한국지방행정연구원 " * 20),))

    lines = reports.render(document, "text").splitlines()[3:]

    assert all(display_width(line) <= 80 for line in lines)
    assert max(display_width(line) for line in lines) > 70


def test_html_unescape_gives_back_the_text() -> None:
    name = "Fish & chips <Ltd> \"quoted\" 'single'"
    page = reports.render(reports.Document(title=name), "html")

    assert f"<h1>{html.escape(name)}</h1>" in page


class _Anchors(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "a":
            self.hrefs.extend(value for name, value in attrs if name == "href" and value is not None)


@given(resource=strategies.resources(url=strategies.resources().map(lambda r: r.url).filter(bool)))
def test_every_resource_address_is_a_working_link_in_every_format(resource: gw.Resource) -> None:
    """No report drops an address it was given: each format's own reader finds the link."""
    import urllib.parse

    from markdown_it import MarkdownIt

    event = gw.Event(
        id="e", title="Event", format=gw.EventFormat.WORKSHOP, start=dt.date(2014, 11, 6), resources=(resource,)
    )
    document = reports.outcome_report(gw.KnowledgeBase(events=(event,)), "e")
    assert resource.url is not None

    anchors = _Anchors()
    anchors.feed(reports.render(document, "html"))
    assert resource.url in anchors.hrefs

    tree = docutils.core.publish_doctree(reports.render(document, "rst"), settings_overrides={"report_level": 5})
    assert resource.url in [ref.get("refuri") for ref in tree.findall(docutils.nodes.reference)]

    tokens = MarkdownIt().parse(reports.render(document, "markdown"))
    hrefs = [child.attrs["href"] for token in tokens for child in token.children or () if child.type == "link_open"]
    assert urllib.parse.unquote(resource.url) in [urllib.parse.unquote(str(href)) for href in hrefs]

    assert resource.url in reports.render(document, "text")
