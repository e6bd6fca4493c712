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
from gpworkshop.reports import html as html_report
from gpworkshop.reports import markdown, rst, text
from gpworkshop.reports._columns import display_width
from gpworkshop.reports.language import LANGUAGES
from gpworkshop.sphinxext import document_nodes

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
#: Hostile text with any control characters before and after it.
HOSTILE_TEXTS = st.tuples(CONTROLLED, HOSTILE, CONTROLLED).map("".join)
# Control characters but tab and line feed, which text formats may hold; a carriage return is a control here too.
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")
RENDERERS: dict[str, Callable[[reports.Document], str]] = {
    "markdown": markdown.render,
    "html": html_report.render,
    "rst": rst.render,
    "text": text.render,
}


def renderings(document: reports.Document) -> dict[str, str]:
    """*document* by every renderer, called directly and through :func:`reports.render`, and as the Sphinx nodes."""
    assert set(RENDERERS) == set(reports.FORMATS)
    rendered = {f"{name} (direct)": render(document) for name, render in RENDERERS.items()}
    rendered.update({name: reports.render(document, name) for name in reports.FORMATS})
    rendered["sphinx"] = "".join(node.pformat() for node in document_nodes(document))
    return rendered


@st.composite
def hostile_records(draw: st.DrawFn) -> gw.KnowledgeBase:
    name, title, summary = draw(HOSTILE_TEXTS), draw(HOSTILE_TEXTS), draw(HOSTILE_TEXTS)
    return gw.KnowledgeBase(
        stakeholders=(gw.Stakeholder(id="x", name=name, acronym=draw(HOSTILE_TEXTS), kind=gw.StakeholderKind.OTHER),),
        events=(
            gw.Event(
                id="e",
                title=title,
                format=gw.EventFormat.FORUM,
                start=dt.date(2024, 1, 1),
                summary=summary,
                themes=(draw(HOSTILE_TEXTS),),
                participants=(gw.Participation(stakeholder="x", roles=(gw.Role.HOST,)),),
                objectives=(gw.Objective(id="o", title=draw(HOSTILE_TEXTS)),),
                takeaways=(
                    gw.Takeaway(id="t", text=draw(HOSTILE_TEXTS), kind=gw.TakeawayKind.QUOTE, objectives=("o",)),
                ),
                commitments=(
                    gw.Commitment(id="c", text=draw(HOSTILE_TEXTS), by=("x",), kind=gw.CommitmentKind.PLEDGE),
                ),
                resources=(
                    gw.Resource(title=draw(HOSTILE_TEXTS), kind=gw.ResourceKind.VIDEO, url="https://example.org/v"),
                ),
            ),
        ),
    )


@given(kb=hostile_records(), noise=CONTROLLED)
def test_no_control_character_of_a_record_reaches_any_rendering(kb: gw.KnowledgeBase, noise: str) -> None:
    kb = attrs.evolve(kb, events=(attrs.evolve(kb.events[0], title=f"t{noise}", themes=(f"t{noise}",)),))
    for document in builders_for(kb):
        for renderer, output in renderings(document).items():
            assert [] == RAW_CONTROL.findall(output), renderer


LANGUAGE_TAGS = st.none() | st.sampled_from(["ar", "ko", "fr\x1b", "en\r\n"])
ADDRESSES = st.tuples(
    st.sampled_from(["https://example.org/", "mailto:a@example.org", "#a", "javascript:"]), CONTROLLED
)
INLINES: st.SearchStrategy[reports.Inline] = st.one_of(
    st.builds(reports.Text, HOSTILE_TEXTS, LANGUAGE_TAGS),
    st.builds(reports.Emphasis, HOSTILE_TEXTS, LANGUAGE_TAGS),
    st.builds(reports.Strong, HOSTILE_TEXTS, LANGUAGE_TAGS),
    st.builds(reports.Link, HOSTILE_TEXTS, ADDRESSES.map("".join), LANGUAGE_TAGS),
)
PARAGRAPHS = st.lists(INLINES, max_size=3).map(lambda runs: reports.Paragraph(tuple(runs)))


@st.composite
def tables(draw: st.DrawFn) -> reports.Table:
    header = tuple(draw(st.lists(HOSTILE_TEXTS, min_size=1, max_size=3)))
    rows = draw(st.lists(st.tuples(*[PARAGRAPHS] * len(header)), max_size=2))
    return reports.Table(header, tuple(rows), draw(st.booleans()), draw(st.none() | HOSTILE_TEXTS))


BLOCKS: st.SearchStrategy[reports.Block] = st.recursive(
    st.one_of(
        PARAGRAPHS,
        st.builds(reports.BulletList, st.lists(PARAGRAPHS, max_size=3).map(tuple), st.booleans()),
        tables(),
        st.builds(reports.Note, PARAGRAPHS, st.sampled_from(["note", "warning"])),
        st.builds(
            reports.Chart,
            HOSTILE_TEXTS,
            st.lists(st.tuples(HOSTILE_TEXTS, st.integers(0, 9)), max_size=3).map(tuple),
            HOSTILE_TEXTS,
            HOSTILE_TEXTS,
        ),
    ),
    lambda blocks: st.builds(reports.Section, HOSTILE_TEXTS, st.lists(blocks, max_size=3).map(tuple)),
    max_leaves=6,
)


@st.composite
def documents(draw: st.DrawFn) -> tuple[reports.Document, object]:
    """A document of hostile text with control characters everywhere, and the data its linked data holds."""
    data = {"name": draw(HOSTILE_TEXTS), "about": [draw(CONTROLLED)]}
    document = reports.Document(
        title=draw(HOSTILE_TEXTS),
        blocks=tuple(draw(st.lists(BLOCKS, max_size=3))),
        subtitle=draw(st.none() | HOSTILE_TEXTS),
        language=draw(st.sampled_from(LANGUAGES)),
        linked_data=json.dumps(data, ensure_ascii=False) if draw(st.booleans()) else None,
    )
    return document, data


@given(drawn=documents())
def test_no_control_character_of_any_document_reaches_any_renderer(drawn: tuple[reports.Document, object]) -> None:
    """Tab and line feed aside, nor does a carriage return: not in a heading, a table, an address or linked data."""
    document, data = drawn
    for renderer, output in renderings(document).items():
        assert [] == RAW_CONTROL.findall(output), renderer
    scripts = re.findall(r'<script type="application/ld\+json">(.*?)</script>', reports.render(document, "html"))
    assert [data] * (document.linked_data is not None) == [json.loads(script) for script in scripts]


def test_every_text_of_a_document_is_made_printable_as_it_is_made() -> None:
    hostile = "a\x1b[31mb\x07\r\nc\rd\te\x9b"
    shown = "a\ufffd[31mb\ufffd\nc\nd\te\ufffd"
    chart = reports.Chart(hostile, ((hostile, 1),), hostile, hostile)
    link = reports.Link(hostile, f"https://example.org/{hostile}", hostile)
    table = reports.Table((hostile,), ((reports.Paragraph.of(reports.Strong(hostile)),),), caption=hostile)
    document = reports.Document(title=hostile, subtitle=hostile, blocks=(reports.Section(hostile),))

    assert (shown, ((shown, 1),), shown, shown) == (chart.title, chart.bars, chart.unit, chart.category)
    assert (shown, f"https://example.org/{shown}", shown) == (link.text, link.url, link.language)
    assert ((shown,), shown, shown) == (table.header, table.caption, table.rows[0][0].content[0].text)
    assert (shown, shown, shown) == (document.title, document.subtitle, next(document.sections()).title)


def test_linked_data_keeps_its_control_characters_as_json_escapes() -> None:
    document = reports.Document(title="T", linked_data='{"name": "a\x85b\x7fc\x1bd"}')

    page = reports.render(document, "html")

    assert '<script type="application/ld+json">{"name": "a\\u0085b\\u007fc\\u001bd"}</script>' in page
    assert {"name": "a\x85b\x7fc\x1bd"} == json.loads(document.linked_data or "")


def test_line_breaks_in_headings_of_text_tables_and_chart_labels_become_spaces() -> None:
    table = reports.Table(
        ("Who\r\nis it", "Role\tin it"), ((reports.Paragraph.of("KRILA"), reports.Paragraph.of("host")),)
    )
    chart = reports.Chart("By kind", (("Research\rinstitute", 2),))

    output = reports.render(reports.Document(title="T", blocks=(table, chart)), "text")

    expected = (
        "T\n=\n\nWho is it  Role in it\n---------  ----------\nKRILA      host\n\n"
        "By kind\n\nResearch institute  ##############################  2\n"
    )
    assert expected == output


def test_white_space_in_a_markdown_link_address_is_percent_encoded() -> None:
    link = reports.Link("video", "https://example.org/a b\r\nc\td")
    document = reports.Document(title="T", blocks=(reports.Table(("Link",), ((reports.Paragraph.of(link),),)),))

    output = reports.render(document, "markdown")

    assert "# T\n\n| Link |\n|---|\n| [video](<https://example.org/a%20b%0Ac%09d>) |\n" == output


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
