"""The neutral document tree that report builders produce and renderers consume.

A :class:`Document` is a title and a sequence of blocks: sections (which
nest), paragraphs of inline runs, bullet lists, tables and notes. Nothing in
it knows about an output format; every renderer turns any document into its
own format, and escapes all text for it.

>>> from gpworkshop.reports.document import Document, Paragraph, Section, Strong
>>> doc = Document(title="Follow-up", blocks=(
...     Section(title="Status", blocks=(Paragraph.of(Strong("3"), " commitments are open."),)),
... ))
>>> doc.blocks[0].title
'Status'
"""

from __future__ import annotations

from collections.abc import Iterator

import attrs

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


@attrs.frozen
class Text:
    """Plain text."""

    #: The text, never interpreted as markup.
    text: str
    #: The BCP 47 tag of its language when that is not the document's, as for a text shown untranslated.
    language: str | None = None


@attrs.frozen
class Emphasis:
    """Text set in italics, such as a quotation or a term."""

    #: The emphasised text.
    text: str
    #: The BCP 47 tag of its language when that is not the document's, as for a text shown untranslated.
    language: str | None = None


@attrs.frozen
class Strong:
    """Text set in bold, such as a label."""

    #: The text in bold.
    text: str
    #: The BCP 47 tag of its language when that is not the document's, as for a text shown untranslated.
    language: str | None = None


@attrs.frozen
class Link:
    """A hyperlink."""

    #: The visible text.
    text: str
    #: The address, ``http://`` or ``https://``.
    url: str
    #: The BCP 47 tag of the visible text's language when that is not the document's.
    language: str | None = None


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
    header: tuple[str, ...]
    #: Rows, each with one paragraph per column.
    rows: tuple[tuple[Paragraph, ...], ...] = attrs.field()
    #: Whether the first cell of each row heads the row, as the stakeholder does in a matrix.
    row_headers: bool = False
    #: What the table shows, for readers who cannot see its layout.
    caption: str | None = None

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
    title: str
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
    title: str
    #: The bars, in order: a label and a count each.
    bars: tuple[tuple[str, int], ...]
    #: What is counted, such as ``"stakeholders"``.
    unit: str = "count"
    #: What the bars stand for, such as ``"Kind"``; heads the first column of the table.
    category: str = ""

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
    title: str
    #: The blocks under the title.
    blocks: tuple[Block, ...] = ()
    #: A line under the title, such as the report kind.
    subtitle: str | None = None
    #: The language of the text, as a BCP 47 tag; runs in other languages say so with their own tag.
    language: str = "en"
    #: What the document is about as schema.org linked data: JSON-LD text, escaped to stand in an HTML
    #: ``<script>`` (as :func:`gpworkshop.formats.jsonld.script` gives it). An HTML page embeds it; other
    #: formats leave it out.
    linked_data: str | None = None

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
