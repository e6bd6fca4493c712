"""Render a :class:`~gpworkshop.reports.document.Document` as a Word file (.docx), as secretariats circulate them.

Every part of the document takes a real Word style, so that a secretariat's
own template restyles it: the title ``Title``, sections ``Heading 1`` to
``Heading 4``, lists ``List Bullet`` and ``List Number``, tables ``Table
Grid`` with a header row repeated on each page, notes ``Quote`` and
``Intense Quote``, links ``Hyperlink``. Charts are pictures with their data
in words as alternative text. Every run states its language (East Asian and
right-to-left ones as Word wants them), and paragraphs of Arabic run from
right to left. The same document gives the same bytes, the day of the
document standing for when the file was made.

Given a *reference* document, as Pandoc's ``--reference-doc``, the file
takes its styles, page setup, headers and footers, and none of its text.
It needs the ``docx`` extra (``pip install "gpworkshop[docx]"``).

>>> from gpworkshop.reports.document import Document, Paragraph
>>> document = Document(title="Outcome", blocks=(Paragraph.of("Agreed."),))
>>> data = render(document)
>>> data[:2], data == render(document)
(b'PK', True)
"""

from __future__ import annotations

import io
import os
import re
from typing import Any

from gpworkshop._wording import xml_safe
from gpworkshop.reports import _chart_image, _word_package
from gpworkshop.reports._parts import colon
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
)
from gpworkshop.reports.language import gettext as _
from gpworkshop.reports.language import is_right_to_left, rendering

__all__ = ["EAST_ASIAN_FONTS", "render"]

#: The font Word is told to set East Asian text in, by language (a primary subtag, or one with its script or
#: region where that changes the font); a secretariat's reference document may name others in its styles.
EAST_ASIAN_FONTS = {
    "ko": "Malgun Gothic",
    "zh": "Microsoft YaHei",
    "zh-hant": "Microsoft JhengHei",
    "zh-tw": "Microsoft JhengHei",
    "zh-hk": "Microsoft JhengHei",
    "ja": "Yu Gothic",
}
# Addresses made links: those of the web and of e-mail, as in the other formats; anything else stays text.
_LINKABLE = re.compile(r"(?:https?://|mailto:)\S+", re.IGNORECASE)
_COMPLEX_SCRIPT_FONT = "Arial"
_DEEPEST_HEADING = 4
# Elements of paragraph and run properties that follow w:bidi and w:lang, which are inserted before them.
_AFTER_BIDI = (
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
_AFTER_SECTION_BIDI = ("w:rtlGutter", "w:docGrid", "w:printerSettings", "w:sectPrChange")
_AFTER_LANG = ("w:eastAsianLayout", "w:specVanish", "w:oMath")
_AFTER_BIDI_VISUAL = ("w:tblStyleRowBandSize", "w:tblStyleColBandSize", "w:tblW", "w:jc", "w:tblInd", "w:tblLook")


def _east_asian(tag: str) -> bool:
    return tag.lower().split("-")[0] in ("ko", "zh", "ja")


def _east_asian_font(tag: str) -> str | None:
    parts = tag.lower().split("-")
    for length in range(len(parts), 0, -1):
        found = EAST_ASIAN_FONTS.get("-".join(parts[:length]))
        if found:
            return found
    return None


class _Writer:
    """Writes the blocks of one document into one Word file."""

    def __init__(self, word: _word_package.Modules, file: Any, document: Document) -> None:
        self.word = word
        self.file = file
        self.language = document.language
        self.right_to_left = is_right_to_left(document.language)
        self.styles = _word_package.Styles(word, file)
        section = file.sections[-1]
        inches = word.shared.Inches
        sizes = (section.page_width, section.left_margin, section.right_margin)
        # A reference may leave the page size out; Word then takes Letter, with margins of an inch and a quarter.
        width = sizes[0] - sizes[1] - sizes[2] if None not in sizes else inches(6)
        self.addresses: dict[str, str] = {}
        self.next_relationship: int | None = None
        self.picture_width = max(inches(1), min(int(width), inches(6.5)))

    def add_paragraph(self, container: Any, style: str | None) -> Any:
        paragraph = container.add_paragraph()
        return self.prepared(paragraph, style)

    def prepared(self, paragraph: Any, style: str | None) -> Any:
        if style is not None:
            found = self.styles[style]
            if found is not None:
                # Set by id: python-docx looks the style up again on each paragraph, in time that grows with the file.
                paragraph._p.style = found.style_id
        if self.right_to_left:
            paragraph._p.get_or_add_pPr().insert_element_before(self.word.element("w:bidi"), *_AFTER_BIDI)
        return paragraph

    def text(self, paragraph: Any, text: str, *, language: str | None = None, bold: bool = False) -> Any:
        """Add a run of *text* to *paragraph*, in *language* (the document's when ``None``)."""
        text = xml_safe(text)
        run = paragraph.add_run(text)
        if bold:
            run.font.bold = run.font.cs_bold = True
        self.mark_language(run, language or self.language, text)
        return run

    def mark_language(self, run: Any, tag: str, text: str) -> None:
        """State the language of *run*; it runs from right to left when its language and its *text* do."""
        properties = run._r.get_or_add_rPr()
        tag = xml_safe(tag)
        if _east_asian(tag):
            properties.insert_element_before(self.word.element("w:lang", eastAsia=tag), *_AFTER_LANG)
            font = _east_asian_font(tag)
            if font:
                properties.get_or_add_rFonts().set(self.word.qn("w:eastAsia"), font)
        elif is_right_to_left(tag):
            # Word sets Latin text of a right-to-left paragraph, such as a name left untranslated, left to right.
            if _chart_image.script(text) in ("arabic", "hebrew"):
                properties.get_or_add_rtl()
            properties.insert_element_before(self.word.element("w:lang", bidi=tag), *_AFTER_LANG)
        else:
            properties.insert_element_before(self.word.element("w:lang", val=tag), *_AFTER_LANG)

    def runs(self, paragraph: Any, content: tuple[Inline, ...], *, bold: bool = False) -> Any:
        for inline in content:
            self.inline(paragraph, inline, bold=bold)
        return paragraph

    def inline(self, paragraph: Any, inline: Inline, *, bold: bool) -> None:
        # An address within the page (#top) leads nowhere in a Word file, which has no such anchors.
        if isinstance(inline, Link) and _LINKABLE.fullmatch(inline.url):
            self.link(paragraph, inline, bold=bold)
            return
        run = self.text(paragraph, inline.text, language=inline.language, bold=bold or isinstance(inline, Strong))
        if isinstance(inline, Emphasis):
            run.font.italic = run.font.cs_italic = True

    def link(self, paragraph: Any, link: Link, *, bold: bool) -> None:
        target = self.relationship(paragraph.part, xml_safe(link.url))
        hyperlink = self.word.oxml.OxmlElement("w:hyperlink")
        hyperlink.set(self.word.qn("r:id"), target)
        hyperlink.set(self.word.qn("w:history"), "1")
        run = self.text(paragraph, link.text, language=link.language, bold=bold)
        style = self.styles[_word_package.HYPERLINK_STYLE]
        if style is not None:
            run._r.style = style.style_id
        run._r.addprevious(hyperlink)
        hyperlink.append(run._r)

    def relationship(self, part: Any, address: str) -> str:
        """The id of the relationship of *part* to the web *address*, one for each address.

        Kept here, as python-docx looks through every relationship for each new one.
        """
        found = self.addresses.get(address)
        if found is None:
            relationships = part.rels
            if self.next_relationship is None:
                numbers = [int(key[3:]) for key in relationships if key[:3] == "rId" and key[3:].isdigit()]
                self.next_relationship = max(numbers, default=0) + 1
            while f"rId{self.next_relationship}" in relationships:
                self.next_relationship += 1
            found = self.addresses[address] = f"rId{self.next_relationship}"
            hyperlink = self.word.constants.RELATIONSHIP_TYPE.HYPERLINK
            relationships.add_relationship(hyperlink, address, found, is_external=True)
        return found

    def block(self, container: Any, block: Block, depth: int) -> None:
        if isinstance(block, Section):
            heading = self.add_paragraph(container, f"Heading {min(depth, _DEEPEST_HEADING)}")
            self.text(heading, block.title)
            for inner in block.blocks:
                self.block(container, inner, depth + 1)
        elif isinstance(block, Paragraph):
            self.runs(self.add_paragraph(container, None), block.content)
        elif isinstance(block, BulletList):
            self.bullets(container, block)
        elif isinstance(block, Table):
            self.table(container, block)
        elif isinstance(block, Chart):
            self.chart(container, block)
        else:
            assert isinstance(block, Note)
            self.note(container, block)

    def note(self, container: Any, note: Note) -> None:
        warning = note.kind == "warning"
        paragraph = self.add_paragraph(container, "Intense Quote" if warning else "Quote")
        self.text(paragraph, colon(_("Warning") if warning else _("Note")) + " ", bold=True)
        self.runs(paragraph, note.content.content)

    def bullets(self, container: Any, bullets: BulletList) -> None:
        style = "List Number" if bullets.ordered else "List Bullet"
        numbering = self.list_numbering(style, restart=bullets.ordered)
        for number, item in enumerate(bullets.items, start=1):
            paragraph = self.add_paragraph(container, style)
            if numbering is None:
                self.text(paragraph, f"{number}. " if bullets.ordered else "• ")
            elif bullets.ordered:
                properties = paragraph._p.get_or_add_pPr().get_or_add_numPr()
                properties.get_or_add_ilvl().val = 0
                properties.get_or_add_numId().val = numbering
            self.runs(paragraph, item.content)

    def list_numbering(self, style: str, *, restart: bool) -> int | None:
        """The numbering of the list style *style*, a new one that starts again at 1 when *restart*.

        ``None`` when the style numbers nothing, or numbering the file does not define.
        """
        qn = self.word.qn
        found = self.styles[style]
        if found is None or style in self.styles.unnumbered:
            return None
        number = found.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}/{qn('w:numId')}")
        # A reference's numbering may be missing or damaged; its lists are then numbered in their text.
        try:
            numbering = self.file.part.numbering_part.element
            abstract = numbering.num_having_numId(int(number.get(qn("w:val")))).abstractNumId.val
            if not restart:
                return int(number.get(qn("w:val")))
            restarted = numbering.add_num(abstract)
            restarted.add_lvlOverride(ilvl=0).add_startOverride(1)
            return int(restarted.numId)
        except (AttributeError, KeyError, ValueError, TypeError, NotImplementedError):
            return None

    def table(self, container: Any, table: Table) -> None:
        if table.caption:
            caption = self.add_paragraph(container, "Caption")
            caption.paragraph_format.keep_with_next = True
            self.text(caption, table.caption)
        if not table.header:
            # Rows without cells, which Word takes for a damaged file.
            return
        grid = container.add_table(rows=1, cols=len(table.header))
        style = self.styles["Table Grid"]
        if style is not None:
            grid.style = style
        if self.right_to_left:
            grid._tbl.tblPr.insert_element_before(self.word.element("w:bidiVisual"), *_AFTER_BIDI_VISUAL)
        header = grid.rows[0]
        for cell, text in zip(header.cells, table.header, strict=True):
            self.text(self.prepared(cell.paragraphs[0], None), text, bold=True)
        self.keep_together(header, repeat=True)
        for row in table.rows:
            line = grid.add_row()
            for index, (cell, paragraph) in enumerate(zip(line.cells, row, strict=True)):
                self.runs(
                    self.prepared(cell.paragraphs[0], None), paragraph.content, bold=table.row_headers and not index
                )
            self.keep_together(line, repeat=False)

    def keep_together(self, row: Any, *, repeat: bool) -> None:
        """Keep *row* on one page; repeat it at the top of each page the table runs to when *repeat*."""
        properties = row._tr.get_or_add_trPr()
        properties.append(self.word.element("w:cantSplit"))
        if repeat:
            properties.append(self.word.element("w:tblHeader"))

    def chart(self, container: Any, chart: Chart) -> None:
        caption = self.add_paragraph(container, "Caption")
        caption.paragraph_format.keep_with_next = True
        self.text(caption, chart.title)
        data, width, _ = _chart_image.png(chart, language=self.language)
        shown = min(self.picture_width, self.word.shared.Inches(width / _chart_image.DOTS_PER_INCH))
        paragraph = self.add_paragraph(container, None)
        picture = paragraph.add_run().add_picture(io.BytesIO(data), width=shown)
        properties = picture._inline.docPr
        properties.set("descr", xml_safe(_description(chart)))
        properties.set("title", xml_safe(chart.title))


def _description(chart: Chart) -> str:
    """The chart's data in words, as its alternative text."""
    counted = "; ".join(f"{label}: {count}" for label, count in chart.bars)
    about = f"{chart.title} ({chart.category}, {chart.unit})" if chart.category else f"{chart.title} ({chart.unit})"
    return f"{about}: {counted}" if counted else about


def _set_language_defaults(writer: _Writer) -> None:
    """State the document's language and its fonts in the defaults of the styles and the settings; its direction."""
    word, qn = writer.word, writer.word.qn
    styles = writer.file.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is None:
        defaults = word.element("w:docDefaults")
        styles.insert(0, defaults)
    run_defaults = defaults.find(qn("w:rPrDefault"))
    if run_defaults is None:
        run_defaults = word.element("w:rPrDefault")
        defaults.insert(0, run_defaults)
    properties = run_defaults.find(qn("w:rPr"))
    if properties is None:
        properties = word.element("w:rPr")
        run_defaults.append(properties)
    language = properties.find(qn("w:lang"))
    if language is None:
        language = word.element("w:lang")
        properties.insert_element_before(language, *_AFTER_LANG)
    tag = xml_safe(writer.language)
    kind = "eastAsia" if _east_asian(tag) else "bidi" if writer.right_to_left else "val"
    language.set(qn(f"w:{kind}"), tag)
    fonts = properties.get_or_add_rFonts()
    font = _east_asian_font(tag)
    if font:
        fonts.set(qn("w:eastAsia"), font)
        fonts.attrib.pop(qn("w:eastAsiaTheme"), None)
    if writer.right_to_left:
        fonts.set(qn("w:cs"), _COMPLEX_SCRIPT_FONT)
        fonts.attrib.pop(qn("w:cstheme"), None)
    # The theme's fonts, which headings of most templates take, are chosen for the language the settings give.
    theme = writer.file.settings.element.find(qn("w:themeFontLang"))
    if theme is not None and kind != "val":
        theme.set(qn(f"w:{kind}"), tag)
    if writer.right_to_left:
        for section in writer.file.sections:
            page = section._sectPr
            if page.find(qn("w:bidi")) is None:
                page.insert_element_before(word.element("w:bidi"), *_AFTER_SECTION_BIDI)


def render(document: Document, *, reference: str | os.PathLike[str] | None = None, paper: str | None = None) -> bytes:
    """The document as the bytes of a Word file, styled after *reference*, a Word file, when one is given.

    :param reference: a Word document (.docx) or template (.dotx) whose styles, page setup, headers and footers
        the file takes, as Pandoc's ``--reference-doc`` does; its text is left out. Styles it lacks are taken
        from python-docx's own template.
    :param paper: ``"a4"`` or ``"letter"``; by default A4, or the reference's own page size.
    :raises ~gpworkshop.MissingExtraError: if python-docx or Pillow is not installed.
    :raises ~gpworkshop.reports.ReportError: naming the reference, if it cannot be read or is not a Word file;
        for an unknown paper size.
    """
    word = _word_package.Modules()
    if reference is None:
        file = word.docx.Document()
        paper = paper or "a4"
    else:
        file = _word_package.opened(word.docx, reference)
        _word_package.emptied(file, word.qn)
    _word_package.without_thumbnail(file)
    if paper is not None:
        _word_package.set_paper(word, file, paper)
    writer = _Writer(word, file, document)
    with rendering(document.language):
        _set_language_defaults(writer)
        writer.text(writer.add_paragraph(file, "Title"), document.title)
        if document.subtitle:
            writer.text(writer.add_paragraph(file, "Subtitle"), document.subtitle)
        for block in document.blocks:
            writer.block(file, block, 1)
    made = _word_package.stamp(document.date)
    _word_package.set_properties(
        file,
        title=xml_safe(document.title),
        subject=xml_safe(document.subtitle or ""),
        language=xml_safe(document.language),
        made=made,
    )
    buffer = io.BytesIO()
    file.save(buffer)
    return _word_package.stable_zip(buffer.getvalue(), made)
