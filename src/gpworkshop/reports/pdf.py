"""Render a :class:`~gpworkshop.reports.document.Document` as a PDF file laid out for print, with WeasyPrint.

The PDF is the HTML page :func:`~gpworkshop.reports.html.render` makes, set on A4 or
Letter pages: the report's title runs at the head of every page but the
first, on the side a line starts from, and the page number stands at its
foot as ``n / N``, on the side a line ends (mirrored for Arabic). A report of more than
:data:`CONTENTS_AFTER` sections, counting those of the two highest levels,
opens with a table of contents that gives the page of each; the headings
make the PDF's bookmarks. Table headers repeat on every page a table runs
onto; no row, chart or note is cut across pages, and no heading ends a page.

The file is tagged for accessibility (PDF/UA-1), states its language and
title, embeds the subsets of the fonts it uses (Noto for Chinese, Korean and
Arabic), and fetches nothing: the page needs no resource, and any address
but a ``data:`` URI is refused. The same document gives the same bytes: the
file's dates are :attr:`Document.date <gpworkshop.reports.Document.date>`
(none without it) and its identifier is drawn from its content.

It needs WeasyPrint (``pip install "gpworkshop[pdf]"``) and the Pango
library it draws text with (on Debian, ``apt-get install libpango-1.0-0
libpangoft2-1.0-0``).

>>> from gpworkshop.reports.document import Document, Paragraph
>>> pdf = render(Document(title="Follow-up", blocks=(Paragraph.of("3 commitments are open."),)))
>>> pdf[:5], pdf == render(Document(title="Follow-up", blocks=(Paragraph.of("3 commitments are open."),)))
(b'%PDF-', True)
"""

from __future__ import annotations

import hashlib
import logging
from html import escape
from typing import Any

from gpworkshop.errors import MissingExtraError
from gpworkshop.formats import requires
from gpworkshop.reports import html
from gpworkshop.reports.document import Document, Section
from gpworkshop.reports.language import gettext as _
from gpworkshop.reports.language import rendering
from gpworkshop.reports.registry import ReportError, check_paper

__all__ = ["CONTENTS_AFTER", "render"]

#: A report opens with a table of contents when it has more sections than this, counting those it would list:
#: the sections under the title and theirs.
CONTENTS_AFTER = 6

# Noto covers every script of the report languages; Chinese and Korean set the Han characters they share each in
# its own way, so the language's own font comes first.
_SANS = '"Noto Sans", "DejaVu Sans"'
_CJK = {"zh": '"Noto Sans CJK SC"', "ko": '"Noto Sans CJK KR"', "ja": '"Noto Sans CJK JP"'}
_ARABIC = '"Noto Naskh Arabic", "Noto Sans Arabic"'
_FONTS = f'{_SANS}, {_ARABIC}, "Noto Sans CJK SC", "Noto Sans CJK KR", sans-serif'


def _font_rules() -> str:
    rules = [f"body, svg text {{ font-family: {_FONTS}; }}"]
    for tag, font in _CJK.items():
        rules.append(f":lang({tag}), :lang({tag}) svg text {{ font-family: {_SANS}, {font}, {_FONTS}; }}")
    rules.append(f":lang(ar), :lang(ar) svg text {{ font-family: {_ARABIC}, {_FONTS}; }}")
    return "\n".join(rules)


def _style(paper: str, right_to_left: bool) -> str:
    """The print style sheet: pages of *paper*, with the running head and the page number on the reader's side."""
    start, end = ("right", "left") if right_to_left else ("left", "right")
    direction = "rtl" if right_to_left else "ltr"
    margin_text = f"font-size: 8.5pt; color: #5a6272; direction: {direction};"
    return f"""
@page {{
  size: {"A4" if paper == "a4" else "letter"};
  margin: 22mm 18mm 20mm;
  @top-{start} {{ content: string(title); {margin_text} vertical-align: bottom; padding-bottom: 3mm;
    width: 100%; white-space: nowrap; overflow: hidden; text-overflow: ellipsis; }}
  @bottom-{end} {{ content: counter(page) " / " counter(pages); {margin_text} }}
}}
@page :first {{ @top-{start} {{ content: none; }} }}
{_font_rules()}
body {{ font-size: 10.5pt; line-height: 1.4; }}
h1 {{ string-set: title content(text); font-size: 18pt; }}
h2 {{ font-size: 14pt; margin-top: 1.4em; }}
h3 {{ font-size: 12pt; }}
h1, h2, h3, h4, h5, h6, caption, figcaption {{ break-after: avoid; break-inside: avoid; }}
.table {{ overflow: visible; }}
table {{ break-inside: auto; font-size: 9pt; line-height: 1.3; }}
th, td {{ padding: .25rem .4rem; }}
thead {{ display: table-header-group; }}
tr, figure, svg, .note, main > section li {{ break-inside: avoid; }}
a {{ color: inherit; text-decoration: none; }}
table.bars {{ width: 100%; border: none; font-size: 9.5pt; }}
table.bars th, table.bars td {{ border: none; background: none; padding: .1rem .4rem; vertical-align: middle; }}
table.bars th {{ width: 38%; text-align: end; font-weight: normal; }}
table.bars td.bar {{ width: 52%; }}
table.bars td.bar span {{ display: block; height: .85em; background: #1f5fa8; }}
table.bars td.count {{ width: 10%; font-variant-numeric: tabular-nums; }}
nav.contents {{ break-after: page; }}
nav.contents h2 {{ border-bottom: none; }}
nav.contents ul {{ list-style: none; padding-inline-start: 0; }}
nav.contents ul ul {{ padding-inline-start: 1.5em; }}
nav.contents li {{ margin: .15em 0; }}
nav.contents a::after {{ content: leader(dotted) target-counter(attr(href url), page); }}
"""


def _metadata(document: Document) -> tuple[str, ...]:
    """The ``<meta>`` elements that give the PDF its dates, its subject and the program that made it."""
    lines = ['<meta name="generator" content="gpworkshop">']
    if document.subtitle:
        lines.append(f'<meta name="description" content="{escape(document.subtitle)}">')
    if document.date is not None:
        day = document.date.isoformat()
        lines += (f'<meta name="dcterms.created" content="{day}">', f'<meta name="dcterms.modified" content="{day}">')
    return tuple(lines)


def _listed(document: Document) -> int:
    """How many sections a table of contents of *document* lists: those under the title, and theirs."""
    return sum(
        1 + sum(isinstance(inner, Section) for inner in block.blocks)
        for block in document.blocks
        if isinstance(block, Section)
    )


class _NeedsPangoError(ReportError, MissingExtraError):
    """WeasyPrint is installed, but not the Pango library it draws text with."""


def _weasyprint() -> Any:
    try:
        return requires("weasyprint", "pdf", "pdf")
    except OSError as error:
        raise _NeedsPangoError(
            "PDF reports need the Pango library, which WeasyPrint could not load "
            f"({error}); install it with your system's packages, on Debian or Ubuntu: "
            "apt-get install libpango-1.0-0 libpangoft2-1.0-0"
        ) from None


def _refuse_all_but_data(url: str) -> None:
    if not url.lower().startswith("data:"):
        raise ValueError(f"a PDF report fetches nothing but data: URIs (refused {url[:80]!r})")


def _offline_fetcher(weasyprint: Any) -> Any:
    """A WeasyPrint URL fetcher that fetches ``data:`` URIs only, so that nothing reaches the network or the disk."""

    class _OfflineFetcher(weasyprint.URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            _refuse_all_but_data(url)
            return super().fetch(url, headers)

    return _OfflineFetcher()


#: Properties of the HTML page's style sheet, for screens, that WeasyPrint ignores, and warns that it does.
_SCREEN_ONLY = ("`overflow-x:", "`fill:")


class _ScreenStyleWarnings(logging.Filter):
    """Drops WeasyPrint's warnings that it ignores the screen-only properties of the page: they are not a fault."""

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (message.startswith("Ignored `") and message.startswith(_SCREEN_ONLY, len("Ignored ")))


def render(document: Document, *, paper: str = "a4") -> bytes:
    """*document* as a PDF on *paper*, one of :data:`~gpworkshop.reports.PAPERS`: the same bytes for the same document.

    :raises ~gpworkshop.reports.ReportError: for a paper not in :data:`~gpworkshop.reports.PAPERS`.
    :raises ~gpworkshop.MissingExtraError: without WeasyPrint, or without the Pango library it needs (a
        :class:`~gpworkshop.reports.ReportError` too).
    """
    check_paper(paper)
    weasyprint = _weasyprint()
    contents = None
    if _listed(document) > CONTENTS_AFTER:
        with rendering(document.language):
            contents = _("Contents")
    page = html.render_for_print(
        document, style=_style(paper, document.right_to_left), head=_metadata(document), contents=contents
    )
    # The first half of the file identifier stands for the report, the second (pydyf's digest) for the file.
    identifier = hashlib.sha256(page.encode()).hexdigest()[:32]
    logger = logging.getLogger("weasyprint")
    screen_style = _ScreenStyleWarnings()
    logger.addFilter(screen_style)
    try:
        source = weasyprint.HTML(string=page, url_fetcher=_offline_fetcher(weasyprint))
        pdf: bytes = source.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=identifier.encode())
    finally:
        logger.removeFilter(screen_style)
    return pdf
