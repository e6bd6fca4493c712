r"""The neutral document tree that report builders produce and renderers consume.

A :class:`Document` is a title and a sequence of blocks: sections (which
nest), paragraphs of inline runs, bullet lists, tables and notes. Nothing in
it knows about an output format; every renderer turns any document into its
own format, and escapes all text for it.

Whatever a record's texts hold, a document holds no control character but
tab and line feed: each part, as it is made, shows any other (ESC, BEL, NUL,
the C1 controls) as U+FFFD, the replacement character, and a carriage return
as a line feed. So no renderer, nor anything else that reads a document, can
pass one on to a terminal or a page.

>>> from gpworkshop.reports.document import Document, Paragraph, Section, Strong, Text
>>> doc = Document(title="Follow-up", blocks=(
...     Section(title="Status", blocks=(Paragraph.of(Strong("3"), " commitments are open."),)),
... ))
>>> doc.blocks[0].title
'Status'
>>> Text("a\x1b[31mb\x07").text == "a\ufffd[31mb\ufffd"
True
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import attrs

from gpworkshop._validators import day_of
from gpworkshop._wording import printable
from gpworkshop.errors import FieldValueError
from gpworkshop.reports.language import gettext as _
from gpworkshop.reports.language import is_right_to_left, wording

__all__ = [
    "Block",
    "BulletList",
    "Chart",
    "Document",
    "Emphasis",
    "Inline",
    "Link",
    "Note",
    "Paragraph",
    "Section",
    "Strong",
    "Table",
    "Text",
    "percentage",
]


def _printable_or_none(text: str | None) -> str | None:
    return None if text is None else printable(text)


def _printable_all(texts: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(map(printable, texts))


def _printable_labels(bars: tuple[tuple[str, int], ...]) -> tuple[tuple[str, int], ...]:
    return tuple((printable(label), count) for label, count in bars)


# Written with ensure_ascii=False, JSON leaves DEL and the C1 controls raw; as JSON escapes they stand for the same
# characters. Raw, a carriage return can only be white space between tokens, where a line feed does as well.
_JSON_ESCAPES = {
    code: "\n" if code == 0x0D else f"\\u{code:04x}"
    for code in (*range(0x20), *range(0x7F, 0xA0))
    if code not in (0x09, 0x0A)
}


def _json_printable(text: str | None) -> str | None:
    """JSON *text* with no control character left raw but tab and line feed: the same data, escaped."""
    return None if text is None else text.translate(_JSON_ESCAPES)


@attrs.frozen
class Text:
    """Plain text."""

    #: The text, never interpreted as markup.
    text: str = attrs.field(converter=printable)
    #: The BCP 47 tag of its language when that is not the document's, as for a text shown untranslated.
    language: str | None = attrs.field(default=None, converter=_printable_or_none)


@attrs.frozen
class Emphasis:
    """Text set in italics, such as a quotation or a term."""

    #: The emphasised text.
    text: str = attrs.field(converter=printable)
    #: The BCP 47 tag of its language when that is not the document's, as for a text shown untranslated.
    language: str | None = attrs.field(default=None, converter=_printable_or_none)


@attrs.frozen
class Strong:
    """Text set in bold, such as a label."""

    #: The text in bold.
    text: str = attrs.field(converter=printable)
    #: The BCP 47 tag of its language when that is not the document's, as for a text shown untranslated.
    language: str | None = attrs.field(default=None, converter=_printable_or_none)


@attrs.frozen
class Link:
    """A hyperlink."""

    #: The visible text.
    text: str = attrs.field(converter=printable)
    #: The address, ``http://`` or ``https://``.
    url: str = attrs.field(converter=printable)
    #: The BCP 47 tag of the visible text's language when that is not the document's.
    language: str | None = attrs.field(default=None, converter=_printable_or_none)


#: A run of text inside a paragraph, list item or table cell.
Inline = Text | Emphasis | Strong | Link


def _inlines(parts: tuple[Inline | str, ...]) -> tuple[Inline, ...]:
    return tuple([Text(part) if isinstance(part, str) else part for part in parts])


@attrs.frozen
class Paragraph:
    """A paragraph: a sequence of inline runs."""

    #: The runs, in reading order.
    content: tuple[Inline, ...]

    @classmethod
    def of(cls, *parts: Inline | str) -> Paragraph:
        """A paragraph of *parts*, where plain strings become :class:`Text`."""
        return cls(_inlines(parts))

    @property
    def plain(self) -> str:
        """The text of the paragraph without formatting."""
        return "".join(run.text for run in self.content)


@attrs.frozen
class BulletList:
    """A list of items, each a paragraph."""

    #: The items, in order.
    items: tuple[Paragraph, ...]
    #: Whether the items are numbered.
    ordered: bool = False


@attrs.frozen
class Table:
    """A table with one header row."""

    #: Column headings.
    header: tuple[str, ...] = attrs.field(converter=_printable_all)
    #: Rows, each with one paragraph per column.
    rows: tuple[tuple[Paragraph, ...], ...] = attrs.field()
    #: Whether the first cell of each row heads the row, as the stakeholder does in a matrix.
    row_headers: bool = False
    #: What the table shows, for readers who cannot see its layout.
    caption: str | None = attrs.field(default=None, converter=_printable_or_none)

    @rows.validator
    def _one_cell_per_column(
        self, _attribute: attrs.Attribute[object], rows: tuple[tuple[Paragraph, ...], ...]
    ) -> None:
        for row in rows:
            if len(row) != len(self.header):
                raise FieldValueError(
                    "rows", f"'rows' must have {len(self.header)} cells each, one per column (got {len(row)})"
                )


@attrs.frozen
class Note:
    """A callout that stands apart from the text, such as a warning about missing data."""

    #: What the note says.
    content: Paragraph
    #: ``"note"`` for information, ``"warning"`` for something a reader must act on.
    kind: str = "note"


@attrs.frozen
class Section:
    """A titled section; sections nest to any depth."""

    #: The heading.
    title: str = attrs.field(converter=printable)
    #: The content of the section.
    blocks: tuple[Block, ...] = ()


def percentage(part: int, whole: int) -> str:
    """*part* of *whole* as a whole percentage, halves rounded up: ``percentage(5, 8)`` is ``'63%'``.

    Written as the language of the report being built or rendered writes percentages (``63 %`` in French).
    """
    if not whole:
        return "–"
    share = (200 * part + whole) // (2 * whole)
    current = wording()
    return f"{share}%" if current.language == "en" else current.percent(share)


@attrs.frozen
class Chart:
    """A bar chart of counts: drawn in HTML, shown as a table in the other formats."""

    #: What the chart shows.
    title: str = attrs.field(converter=printable)
    #: The bars, in order: a label and a count each.
    bars: tuple[tuple[str, int], ...] = attrs.field(converter=_printable_labels)
    #: What is counted, such as ``"stakeholders"``.
    unit: str = attrs.field(default="count", converter=printable)
    #: What the bars stand for, such as ``"Kind"``; heads the first column of the table.
    category: str = attrs.field(default="", converter=printable)

    @property
    def total(self) -> int:
        """The sum of the bars."""
        return sum(value for _, value in self.bars)

    def as_table(self) -> Table:
        """The chart as a table of counts and shares."""
        total = self.total
        rows = tuple(
            (
                Paragraph.of(label),
                Paragraph.of(str(value)),
                Paragraph.of(percentage(value, total)),
            )
            for label, value in self.bars
        )
        header = (self.category or self.title, self.unit[:1].upper() + self.unit[1:], _("Share"))
        return Table(header=header, rows=rows, row_headers=True, caption=self.title)


#: A block of a document or section.
Block = Section | Paragraph | BulletList | Table | Note | Chart


@attrs.frozen
class Document:
    """A whole report: a title, an optional subtitle, and blocks."""

    #: The title, shown as the top heading.
    title: str = attrs.field(converter=printable)
    #: The blocks under the title.
    blocks: tuple[Block, ...] = ()
    #: A line under the title, such as the report kind.
    subtitle: str | None = attrs.field(default=None, converter=_printable_or_none)
    #: The language of the text, as a BCP 47 tag; runs in other languages say so with their own tag.
    language: str = attrs.field(default="en", converter=printable)
    #: What the document is about as schema.org linked data: JSON-LD text, escaped to stand in an HTML
    #: ``<script>`` (as :func:`gpworkshop.formats.jsonld.script` gives it). An HTML page embeds it; other
    #: formats leave it out. Control characters in it are written as JSON escapes.
    linked_data: str | None = attrs.field(default=None, converter=_json_printable)
    #: The day the report speaks of: the event's first day for a report of one event, the day of the standing for
    #: the tracker; ``None`` for none. Word and PDF files give it as their date, so that a report made again from
    #: the same record is the same file.
    date: dt.date | None = attrs.field(default=None, converter=attrs.converters.optional(day_of))

    @property
    def right_to_left(self) -> bool:
        """Whether the document's language runs from right to left, as Arabic does."""
        return is_right_to_left(self.language)

    def sections(self) -> Iterator[Section]:
        """Every section, depth first, in reading order."""
        pending = [block for block in reversed(self.blocks) if isinstance(block, Section)]
        while pending:
            section = pending.pop()
            yield section
            pending.extend(block for block in reversed(section.blocks) if isinstance(block, Section))


class _LinkedDataSlot:
    """The slot of :attr:`Document.linked_data`, which a builder may fill with the function that makes the text.

    Linked data of thousands of events takes as long to write as the rest of their report, and only a page in
    HTML shows it. So a builder may leave in the slot a function of no arguments instead of the text, past the
    converter; the first read calls it, cleans its text as the converter would, and keeps the text in the slot.
    Every read goes through here (equality, hashing, ``repr``, pickling and :func:`attrs.evolve` read the
    attribute too), so no reader sees anything but the text, the same as if it had been given made.
    """

    __slots__ = ("_slot",)

    def __init__(self, slot: Any) -> None:
        self._slot = slot

    def __get__(self, document: Document | None, owner: type | None = None) -> Any:
        if document is None:
            return self._slot
        value = self._slot.__get__(document, owner)
        if callable(value):
            value = _json_printable(value())
            self._slot.__set__(document, value)
        return value

    def __set__(self, document: Document, value: object) -> None:
        self._slot.__set__(document, value)


# Set past the type checker, for which the field stays `str | None`: a function is in the slot only until it is read.
setattr(Document, "linked_data", _LinkedDataSlot(Document.__dict__["linked_data"]))  # noqa: B010
