"""Render a :class:`~gpworkshop.reports.document.Document` as one standalone HTML page.

The page carries its own style sheet, runs no script and requests nothing
from the network: a Content Security Policy forbids both. Its only
``<script>`` element is a data block, the document's linked data
(``type="application/ld+json"``), which browsers never run; the text in it
is escaped so that nothing can end it early. It reads on a
phone (tables scroll sideways) and prints cleanly. The page states its
language and direction (``dir="rtl"`` for Arabic), and so does every run of
text in another language. All text is escaped:

>>> from gpworkshop.reports.document import Document, Paragraph
>>> page = render(Document(title="<script>alert(1)</script>", blocks=(Paragraph.of("Fish & chips"),)))
>>> "<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>" in page, "<p>Fish &amp; chips</p>" in page
(True, True)
"""

from __future__ import annotations

import re

from gpworkshop.formats.jsonld import script_safe
from gpworkshop.reports.document import (
    Block,
    BulletList,
    Chart,
    Document,
    Emphasis,
    Inline,
    Link,
    Note,
    Paragraph,
    Section,
    Strong,
    Table,
    Text,
)
from gpworkshop.reports.language import is_right_to_left

__all__ = ["render", "render_for_print"]

# An apostrophe is allowed (RFC 3986 allows it, and addresses are written escaped inside double quotes).
_SAFE_URL = re.compile(r"(?:https?://|mailto:)[^\s\"<>]+|#[\w-]*", re.IGNORECASE)

_STYLE = """
:root { color-scheme: light; --ink: #1d2330; --muted: #5a6272; --line: #d5d9e0; --tint: #f3f5f8; --accent: #1f5fa8; }
* { box-sizing: border-box; }
body { margin: 0; font: 1rem/1.55 system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Noto Sans KR",
  "Noto Sans CJK KR", "Noto Sans CJK SC", "Noto Naskh Arabic", "Noto Sans Arabic", sans-serif; color: var(--ink);
  background: #fff; }
main { max-width: 52rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.75rem; line-height: 1.25; margin: 0 0 .25rem; }
h2 { font-size: 1.35rem; margin: 2rem 0 .5rem; padding-bottom: .25rem; border-bottom: 2px solid var(--line); }
h3 { font-size: 1.15rem; margin: 1.5rem 0 .5rem; }
h4, h5, h6 { font-size: 1rem; margin: 1.25rem 0 .5rem; }
.subtitle { color: var(--muted); margin: 0 0 1.5rem; }
a { color: var(--accent); overflow-wrap: anywhere; }
ul, ol { padding-inline-start: 1.5rem; }
li { margin: .25rem 0; }
.table { overflow-x: auto; margin: 1rem 0; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
caption { text-align: start; font-weight: 600; padding: .25rem 0; }
th, td { border: 1px solid var(--line); padding: .4rem .6rem; text-align: start; vertical-align: top; }
thead th { background: var(--tint); }
tbody th { font-weight: 600; }
.note { border-inline-start: 4px solid var(--accent); background: var(--tint); padding: .6rem .9rem; margin: 1rem 0; }
.note.warning { border-inline-start-color: #b3541e; }
.note p { margin: 0; }
figure { margin: 1rem 0; }
figcaption { font-weight: 600; margin-bottom: .25rem; }
svg { max-width: 100%; height: auto; direction: ltr; }
svg text { font: 13px system-ui, sans-serif; fill: var(--ink); }
svg .bar { fill: var(--accent); }
@media print {
  body { font-size: 11pt; }
  main { max-width: none; padding: 0; }
  a { color: inherit; text-decoration: none; }
  h2, h3, h4 { break-after: avoid; }
  table, figure, .note { break-inside: avoid; }
  thead th, .note { background: none; }
  svg .bar { fill: #555; }
}
"""

_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'"


def _escape(text: str) -> str:
    """*text* as ``html.escape(text, quote=True)`` gives it.

    Looking for a character is many times faster than replacing it where it is not, and pages escape tens of
    thousands of texts, most with nothing to escape.
    """
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if '"' in text:
        text = text.replace('"', "&quot;")
    if "'" in text:
        text = text.replace("'", "&#x27;")
    return text


def _language(tag: str | None) -> str:
    """The attributes of an element whose text is in the language *tag*, or nothing when it is the page's."""
    if tag is None:
        return ""
    return f' lang="{_escape(tag)}" dir="{"rtl" if is_right_to_left(tag) else "ltr"}"'


def _inline(run: Inline) -> str:
    if run.language is None and type(run) is Text:
        return _escape(run.text)
    marked = _language(run.language)
    if isinstance(run, Text):
        return f"<span{marked}>{_escape(run.text)}</span>" if marked else _escape(run.text)
    if isinstance(run, Strong):
        return f"<strong{marked}>{_escape(run.text)}</strong>"
    if isinstance(run, Emphasis):
        return f"<em{marked}>{_escape(run.text)}</em>"
    assert isinstance(run, Link)
    if not _SAFE_URL.fullmatch(run.url):
        return f"<span{marked}>{_escape(run.text)}</span>" if marked else _escape(run.text)
    return f'<a href="{_escape(run.url)}"{marked}>{_escape(run.text)}</a>'


class _Page:
    """The lines of one page as they are written, and what is written already of the nodes shown more than once.

    Reports share one node among the places that show the same thing, as a tracker does its cells of dates
    and statuses, its facts and its rows of progress: each is written once per page, and found again by its
    identity, which stays its own while the page is written, as the document holds every node.
    """

    def __init__(
        self, lines: list[str], *, outline: list[tuple[int, str, str]] | None = None, for_print: bool = False
    ) -> None:
        self.lines = lines
        # Each section's level, id and title as its heading is written, when headings are to carry ids.
        self.outline = outline
        # Charts for a print engine are tables of bars, whose text the engine shapes as any other (Arabic
        # included), where its drawing of SVG text would not.
        self.for_print = for_print
        self.paragraphs: dict[int, str] = {}
        self.headers: dict[int, str] = {}
        # Rows by whether their first cell heads them, which writes them differently.
        self.rows: dict[bool, dict[int, str]] = {False: {}, True: {}}

    def runs(self, paragraph: Paragraph) -> str:
        found = self.paragraphs.get(id(paragraph))
        if found is None:
            content = paragraph.content
            written = _inline(content[0]) if len(content) == 1 else "".join([_inline(run) for run in content])
            found = self.paragraphs[id(paragraph)] = written
        return found

    def row(self, row: tuple[Paragraph, ...], headed: bool) -> str:
        written = self.rows[headed]
        found = written.get(id(row))
        if found is None:
            cells = [f"<td>{self.runs(cell)}</td>" for cell in row]
            if headed and row:
                cells[0] = f'<th scope="row">{self.runs(row[0])}</th>'
            found = written[id(row)] = "<tr>" + "".join(cells) + "</tr>"
        return found

    def table(self, table: Table) -> None:
        lines = self.lines
        lines.append('<div class="table"><table>')
        if table.caption:
            lines.append(f"<caption>{_escape(table.caption)}</caption>")
        header = self.headers.get(id(table.header))
        if header is None:
            cells = "".join([f'<th scope="col">{_escape(cell)}</th>' for cell in table.header])
            header = self.headers[id(table.header)] = f"<thead><tr>{cells}</tr></thead>"
        lines.append(header)
        lines.append("<tbody>")
        headed = table.row_headers
        lines.extend([self.row(row, headed) for row in table.rows])
        lines.append("</tbody></table></div>")

    def block(self, block: Block, level: int) -> None:
        lines = self.lines
        if isinstance(block, Section):
            tag = f"h{min(level, 6)}"
            if self.outline is None:
                lines += ("<section>", f"<{tag}>{_escape(block.title)}</{tag}>")
            else:
                anchor = f"section-{len(self.outline) + 1}"
                self.outline.append((level, anchor, block.title))
                lines += ("<section>", f'<{tag} id="{anchor}">{_escape(block.title)}</{tag}>')
            for inner in block.blocks:
                self.block(inner, level + 1)
            lines.append("</section>")
        elif isinstance(block, Paragraph):
            lines.append(f"<p>{self.runs(block)}</p>")
        elif isinstance(block, BulletList):
            tag = "ol" if block.ordered else "ul"
            lines.append(f"<{tag}>")
            lines.extend([f"<li>{self.runs(item)}</li>" for item in block.items])
            lines.append(f"</{tag}>")
        elif isinstance(block, Table):
            self.table(block)
        elif isinstance(block, Chart):
            lines.extend(_bars(block) if self.for_print else _chart(block))
        else:
            assert isinstance(block, Note)
            kind = "warning" if block.kind == "warning" else "note"
            lines.append(f'<aside class="note {kind}" role="note"><p>{self.runs(block.content)}</p></aside>')


_BAR_HEIGHT = 26
_LABEL_WIDTH = 220
_BAR_SPACE = 320


def _chart(chart: Chart) -> list[str]:
    highest = max((value for _, value in chart.bars), default=0) or 1
    height = _BAR_HEIGHT * len(chart.bars) + 8
    width = _LABEL_WIDTH + _BAR_SPACE + 60
    summary = "; ".join(f"{label}: {value}" for label, value in chart.bars)
    lines = [
        "<figure>",
        f"<figcaption>{_escape(chart.title)}</figcaption>",
        f'<svg viewBox="0 0 {width} {height}" width="{width}" height="{height}" role="img" '
        f'aria-label="{_escape(chart.title)}: {_escape(summary)}" xmlns="http://www.w3.org/2000/svg">',
    ]
    for index, (label, value) in enumerate(chart.bars):
        top = 4 + index * _BAR_HEIGHT
        length = round(_BAR_SPACE * value / highest)
        shown = label if len(label) <= 30 else label[:29] + "…"
        lines.append(
            f'<text x="{_LABEL_WIDTH - 8}" y="{top + 17}" text-anchor="end">{_escape(shown)}</text>'
            f'<rect class="bar" x="{_LABEL_WIDTH}" y="{top + 3}" width="{max(length, 1)}" height="{_BAR_HEIGHT - 8}"/>'
            f'<text x="{_LABEL_WIDTH + length + 6}" y="{top + 17}">{value}</text>'
        )
    lines += ["</svg>", "</figure>"]
    return lines


def _bars(chart: Chart) -> list[str]:
    """*chart* as a table of one row a bar, the bar's length its share of the longest."""
    highest = max((value for _, value in chart.bars), default=0) or 1
    lines = ['<figure class="chart">', f"<figcaption>{_escape(chart.title)}</figcaption>", '<table class="bars">']
    for label, value in chart.bars:
        length = max(round(100 * value / highest, 1), 0.5)
        lines.append(
            f'<tr><th scope="row">{_escape(label)}</th>'
            f'<td class="bar"><span style="width: {length}%"></span></td><td class="count">{value}</td></tr>'
        )
    lines += ["</table>", "</figure>"]
    return lines


def _linked_data(document: Document) -> list[str]:
    text = document.linked_data
    if text is None:
        return []
    # The text is JSON with <, > and & escaped; should other text get here, it is escaped the same way.
    return [f'<script type="application/ld+json">{script_safe(text)}</script>']


def render(document: Document) -> str:
    """The document as a complete HTML page, ending in one newline."""
    return _written(document, _Page([]))


def render_for_print(
    document: Document, *, style: str = "", head: tuple[str, ...] = (), contents: str | None = None
) -> str:
    """The page of :func:`render` for a print engine, such as the PDF renderer's.

    Every section heading has an id, ``section-1`` onwards in reading order. A chart is a table of bars
    (``<table class="bars">``, each bar a ``<span>`` as wide as its share of the longest), which a print engine
    sets as it sets text, where it may not shape the text of an SVG drawing. The linked data, which print does
    not show, is left out (and so never made). *style* follows the page's own style sheet, and the lines of
    *head* (``<meta>`` elements, already escaped) close its head. With a *contents* heading, a table of contents
    follows the title: a ``<nav class="contents">`` of the sections of the two highest levels, each a link to its
    heading.

    >>> from gpworkshop.reports.document import Section
    >>> page = render_for_print(Document(title="T", blocks=(Section("A"),)), contents="Contents")
    >>> '<h2 id="section-1">A</h2>' in page, '<li><a href="#section-1">A</a>' in page
    (True, True)
    """
    page = _Page([], outline=[], for_print=True)
    return _written(document, page, style=style, head=head, contents=contents, linked=False)


def _contents(heading: str, outline: list[tuple[int, str, str]]) -> str:
    """A table of contents of the sections of the two highest levels of *outline*, nested as they are."""
    lines = [f'<nav class="contents" role="doc-toc"><h2>{_escape(heading)}</h2>', "<ul>"]
    top = min(level for level, _, _ in outline)
    open_item = False
    nested = False
    for level, anchor, title in outline:
        if level > top + 1:
            continue
        link = f'<a href="#{anchor}">{_escape(title)}</a>'
        if level == top:
            if nested:
                lines.append("</ul>")
                nested = False
            if open_item:
                lines.append("</li>")
            lines.append(f"<li>{link}")
            open_item = True
        else:
            if not nested:
                lines.append("<ul>")
                nested = True
            lines.append(f"<li>{link}</li>")
    if nested:
        lines.append("</ul>")
    if open_item:
        lines.append("</li>")
    lines += ["</ul>", "</nav>"]
    return "\n".join(lines)


def _written(
    document: Document,
    page: _Page,
    *,
    style: str = "",
    head: tuple[str, ...] = (),
    contents: str | None = None,
    linked: bool = True,
) -> str:
    """The document as a complete HTML page written by *page*, with *style* and *head* closing its head.

    A table of contents headed *contents* follows the title when *page* keeps an outline and there are sections.
    """
    lines = page.lines
    lines += [
        "<!DOCTYPE html>",
        f'<html lang="{_escape(document.language)}" dir="{"rtl" if document.right_to_left else "ltr"}">',
        "<head>",
        '<meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f'<meta http-equiv="Content-Security-Policy" content="{_POLICY}">',
        f"<title>{_escape(document.title)}</title>",
        f"<style>{_STYLE}</style>",
        *([f"<style>{style}</style>"] if style else []),
        *(_linked_data(document) if linked else ()),
        *head,
        "</head>",
        "<body>",
        "<main>",
        f"<h1>{_escape(document.title)}</h1>",
    ]
    if document.subtitle:
        lines.append(f'<p class="subtitle">{_escape(document.subtitle)}</p>')
    title_ends = len(lines)
    for block in document.blocks:
        page.block(block, 2)
    if contents is not None and page.outline:
        lines.insert(title_ends, _contents(contents, page.outline))
    lines += ["</main>", "</body>", "</html>"]
    return "\n".join(lines) + "\n"
