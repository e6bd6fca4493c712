"""Document nodes made by the builders from text already printable, without the converters a caller's text needs.

A commitment tracker makes tens of nodes per commitment. The classes of
:mod:`~gpworkshop.reports.document` clean every text they are given, and a
table checks every row against its header; a builder whose texts come from
:func:`~gpworkshop.reports._parts.words`, :func:`~gpworkshop.reports._parts.record_text`,
the catalogues, dates and vocabulary labels has nothing left to clean, and its
rows are made to fit. These functions set the fields directly: the nodes are
the same, equal to those the classes make, in less than half the time.
"""

from __future__ import annotations

from collections.abc import Callable

from gpworkshop._slots import new as _new
from gpworkshop._slots import setter as _setter
from gpworkshop.reports.document import (
    Block,
    BulletList,
    Document,
    Inline,
    Note,
    Paragraph,
    Section,
    Strong,
    Table,
    Text,
)

__all__ = ["bullets", "linked_later", "note", "paragraph", "section", "strong", "table", "text", "text_paragraph"]

_TEXT = (_setter(Text, "text"), _setter(Text, "language"))
_STRONG = (_setter(Strong, "text"), _setter(Strong, "language"))
_PARAGRAPH = _setter(Paragraph, "content")
_BULLETS = (_setter(BulletList, "items"), _setter(BulletList, "ordered"))
_NOTE = (_setter(Note, "content"), _setter(Note, "kind"))
_SECTION = (_setter(Section, "title"), _setter(Section, "blocks"))
_TABLE = (_setter(Table, "header"), _setter(Table, "rows"), _setter(Table, "row_headers"), _setter(Table, "caption"))
_LINKED_DATA = _setter(Document, "linked_data")


def text(value: str, language: str | None = None) -> Text:
    """:class:`Text` of printable *value*."""
    node: Text = _new(Text)
    _TEXT[0](node, value)
    _TEXT[1](node, language)
    return node


def strong(value: str) -> Strong:
    """:class:`Strong` of printable *value*."""
    node: Strong = _new(Strong)
    _STRONG[0](node, value)
    _STRONG[1](node, None)
    return node


def paragraph(*content: Inline) -> Paragraph:
    """:class:`Paragraph` of *content*."""
    node: Paragraph = _new(Paragraph)
    _PARAGRAPH(node, content)
    return node


def text_paragraph(value: str, language: str | None = None) -> Paragraph:
    """:class:`Paragraph` of one :class:`Text` of printable *value*, as ``Paragraph.of(value)`` makes it."""
    # The commonest node of a report: its text is made here rather than by a call to text().
    run: Text = _new(Text)
    _TEXT[0](run, value)
    _TEXT[1](run, language)
    node: Paragraph = _new(Paragraph)
    _PARAGRAPH(node, (run,))
    return node


def bullets(items: tuple[Paragraph, ...]) -> BulletList:
    """An unordered :class:`BulletList` of *items*."""
    node: BulletList = _new(BulletList)
    _BULLETS[0](node, items)
    _BULLETS[1](node, False)
    return node


def note(content: Paragraph, kind: str = "note") -> Note:
    """:class:`Note` of *content*."""
    node: Note = _new(Note)
    _NOTE[0](node, content)
    _NOTE[1](node, kind)
    return node


def section(title: str, blocks: tuple[Block, ...]) -> Section:
    """:class:`Section` under printable *title*."""
    node: Section = _new(Section)
    _SECTION[0](node, title)
    _SECTION[1](node, blocks)
    return node


def table(
    header: tuple[str, ...],
    rows: tuple[tuple[Paragraph, ...], ...],
    *,
    row_headers: bool = False,
    caption: str | None = None,
) -> Table:
    """:class:`Table` of printable *header* and *caption*, with *rows* of one cell per column."""
    node: Table = _new(Table)
    _TABLE[0](node, header)
    _TABLE[1](node, rows)
    _TABLE[2](node, row_headers)
    _TABLE[3](node, caption)
    return node


def linked_later(document: Document, make: Callable[[], str | None]) -> Document:
    """*document*, just made, its linked data left to *make*: called the first time it is read, and only then."""
    _LINKED_DATA(document, make)
    return document
