"""Word files of reports read back with python-docx, an independent reader, as their documents were written."""

from __future__ import annotations

import datetime as dt
import io
import os
import subprocess
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml.ns import qn
from docx.shared import Inches, RGBColor, Twips
from hypothesis import given, settings
from PIL import Image

import gpworkshop as gw
from gpworkshop import reports
from gpworkshop.reports import _chart_image, word
from tests.records import EXAMPLES, RECORDS
from tests.test_renderers import documents

SYMPOSIUM = "regional-symposium-2023"


def read(data: bytes) -> Any:
    return docx.Document(io.BytesIO(data))


def in_utc(moment: dt.datetime) -> dt.datetime:
    """*moment*, which python-docx before 1.2 reads without its zone, UTC as the file has it."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=dt.UTC)


def blocks_of(blocks: tuple[reports.Block, ...]) -> Iterator[reports.Block]:
    """Every block, depth first, in reading order."""
    for block in blocks:
        yield block
        if isinstance(block, reports.Section):
            yield from blocks_of(block.blocks)


def paragraphs_of(document: reports.Document) -> Iterator[reports.Paragraph]:
    """Every paragraph of the document: in the body, in lists, in table cells and in notes."""
    for block in blocks_of(document.blocks):
        if isinstance(block, reports.Paragraph):
            yield block
        elif isinstance(block, reports.BulletList):
            yield from block.items
        elif isinstance(block, reports.Table):
            yield from (cell for row in block.rows for cell in row)
        elif isinstance(block, reports.Note):
            yield block.content


def texts_of(file: Any) -> list[str]:
    """The text of every paragraph of a Word file, those in table cells too."""
    found = [paragraph.text for paragraph in file.paragraphs]
    for table in file.tables:
        found += [paragraph.text for row in table.rows for cell in row.cells for paragraph in cell.paragraphs]
    return found


def headings(file: Any) -> list[str]:
    return [paragraph.text for paragraph in file.paragraphs if paragraph.style.name.startswith("Heading")]


def example_reports() -> Iterator[tuple[str, str, str | None]]:
    for record in sorted(RECORDS):
        for kind, report in reports.KINDS.items():
            if report.of_one_event:
                events = [event.id for event in gw.load(EXAMPLES / record).top_level_events()]
                yield from ((record, kind, event) for event in events)
            else:
                yield record, kind, None


@pytest.fixture(scope="module")
def symposium() -> gw.KnowledgeBase:
    return gw.load(EXAMPLES / SYMPOSIUM)


@pytest.mark.parametrize(("record", "kind", "event"), list(example_reports()))
def test_every_report_of_every_example_reads_back_with_its_headings_tables_and_title(
    record: str, kind: str, event: str | None
) -> None:
    document = reports.build(gw.load(EXAMPLES / record), kind, event=event)

    file = read(word.render(document))

    tables = [block for block in blocks_of(document.blocks) if isinstance(block, reports.Table)]
    charts = [block for block in blocks_of(document.blocks) if isinstance(block, reports.Chart)]
    assert document.title == file.core_properties.title
    assert len(charts) == len(file.inline_shapes)
    assert [document.title] == [p.text for p in file.paragraphs if p.style.name == "Title"]
    assert [section.title for section in document.sections()] == headings(file)
    assert [[list(table.header), *[[cell.plain for cell in row] for row in table.rows]] for table in tables] == [
        [[cell.text for cell in row.cells] for row in table.rows] for table in file.tables
    ]


def test_core_properties_give_the_title_subject_language_and_day_of_the_document() -> None:
    document = reports.Document(title="Outcome", subtitle="Outcome report", language="fr", date=dt.date(2023, 10, 17))

    properties = read(word.render(document)).core_properties

    made = dt.datetime(2023, 10, 17, tzinfo=dt.UTC)
    expected = ("Outcome", "Outcome report", "fr", made, made, "gpworkshop", "gpworkshop", 1)
    actual = (
        properties.title,
        properties.subject,
        properties.language,
        in_utc(properties.created),
        in_utc(properties.modified),
        properties.author,
        properties.last_modified_by,
        properties.revision,
    )
    assert expected == actual


def test_a_document_without_a_day_is_dated_1_january_2000() -> None:
    data = word.render(reports.Document(title="T"))

    assert dt.datetime(2000, 1, 1, tzinfo=dt.UTC) == in_utc(read(data).core_properties.created)
    assert {(2000, 1, 1, 0, 0, 0)} == {member.date_time for member in zipfile.ZipFile(io.BytesIO(data)).infolist()}


def test_the_same_document_gives_the_same_bytes(symposium: gw.KnowledgeBase) -> None:
    document = reports.build(symposium, "outcome", event=SYMPOSIUM)

    assert word.render(document) == word.render(document)


def test_sections_nest_as_headings_down_to_heading_4() -> None:
    deep = reports.Section("5", (reports.Paragraph.of("deep"),))
    nested = reports.Section("1", (reports.Section("2", (reports.Section("3", (reports.Section("4", (deep,)),)),)),))

    file = read(word.render(reports.Document(title="T", subtitle="S", blocks=(nested,))))

    styles = [(p.style.name, p.text) for p in file.paragraphs]
    expected = [("Title", "T"), ("Subtitle", "S")] + [(f"Heading {min(n, 4)}", str(n)) for n in range(1, 6)]
    assert [*expected, ("Normal", "deep")] == styles


def test_strong_is_bold_and_emphasis_italic() -> None:
    paragraph = reports.Paragraph.of("plain ", reports.Strong("bold"), reports.Emphasis("italic"))

    runs = read(word.render(reports.Document(title="T", blocks=(paragraph,)))).paragraphs[1].runs

    assert [("plain ", None, None), ("bold", True, None), ("italic", None, True)] == [
        (run.text, run.bold, run.italic) for run in runs
    ]


def test_lists_take_the_list_styles_and_each_numbered_list_starts_again() -> None:
    items = (reports.Paragraph.of("a"), reports.Paragraph.of("b"))
    blocks = (reports.BulletList(items), reports.BulletList(items, ordered=True), reports.BulletList(items, True))

    file = read(word.render(reports.Document(title="T", blocks=blocks)))

    listed = file.paragraphs[1:]
    assert ["List Bullet"] * 2 + ["List Number"] * 4 == [p.style.name for p in listed]
    numbers = [p._p.pPr.numPr.numId.val for p in listed[2:]]
    assert numbers[0] == numbers[1] != numbers[2] == numbers[3]


def test_a_table_repeats_its_header_row_keeps_rows_whole_and_has_a_caption() -> None:
    rows = ((reports.Paragraph.of("KRILA"), reports.Paragraph.of("host")),)
    table = reports.Table(("Who", "Role"), rows, row_headers=True, caption="Participants")

    file = read(word.render(reports.Document(title="T", blocks=(table,))))

    [grid] = file.tables
    assert ("Caption", "Participants") == (file.paragraphs[1].style.name, file.paragraphs[1].text)
    assert "Table Grid" == grid.style.name
    assert [True, False] == [row._tr.trPr.find(qn("w:tblHeader")) is not None for row in grid.rows]
    assert [True, True] == [row._tr.trPr.find(qn("w:cantSplit")) is not None for row in grid.rows]
    assert [True, None] == [cell.paragraphs[0].runs[0].bold for cell in grid.rows[1].cells]


def test_notes_are_quotes_that_say_their_kind() -> None:
    notes = (reports.Note(reports.Paragraph.of("No data.")), reports.Note(reports.Paragraph.of("Act."), "warning"))

    file = read(word.render(reports.Document(title="T", blocks=notes)))

    assert [("Quote", "Note: No data."), ("Intense Quote", "Warning: Act.")] == [
        (p.style.name, p.text) for p in file.paragraphs[1:]
    ]


def test_safe_links_are_hyperlinks_to_their_address_and_others_plain_text() -> None:
    paragraph = reports.Paragraph.of(
        reports.Link("site", "https://example.org/a?b=1"),
        reports.Link("mail", "mailto:desk@example.org"),
        reports.Link(" script", "javascript:alert(1)"),
        reports.Link(" anchor", "#top"),
    )

    [_, written] = read(word.render(reports.Document(title="T", blocks=(paragraph,)))).paragraphs

    links = [(link.text, link.address, link.runs[0].style.name) for link in written.hyperlinks]
    assert [("site", "https://example.org/a?b=1", "Hyperlink"), ("mail", "mailto:desk@example.org", "Hyperlink")] == (
        links
    )
    assert "sitemail script anchor" == written.text


def test_a_chart_is_a_picture_with_its_data_in_words_as_alternative_text() -> None:
    chart = reports.Chart("Participants by kind", (("Research institute", 5), ("Foundation", 1)), "stakeholders")

    file = read(word.render(reports.Document(title="T", blocks=(chart,))))

    [picture] = file.inline_shapes
    properties = picture._inline.docPr
    assert "Participants by kind" == properties.get("title")
    assert "Participants by kind (stakeholders): Research institute: 5; Foundation: 1" == properties.get("descr")
    assert ("Caption", "Participants by kind") == (file.paragraphs[1].style.name, file.paragraphs[1].text)
    image = Image.open(
        io.BytesIO(file.part.related_parts[picture._inline.graphic.graphicData.pic.blipFill.blip.embed].blob)
    )
    assert "PNG" == image.format


def language_of(data: bytes) -> tuple[Any, Any, Any]:
    """The run defaults of the styles: the language element and the fonts element; and the body."""
    file = read(data)
    defaults = file.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    return defaults.find(qn("w:lang")), defaults.find(qn("w:rFonts")), file


@pytest.mark.parametrize(("language", "font"), [("ko", "Malgun Gothic"), ("zh", "Microsoft YaHei")])
def test_an_east_asian_report_states_its_language_and_font_for_east_asian_text(
    symposium: gw.KnowledgeBase, language: str, font: str
) -> None:
    document = reports.build(symposium, "outcome", event=SYMPOSIUM, lang=language)

    lang, fonts, file = language_of(word.render(document))

    assert (language, font) == (lang.get(qn("w:eastAsia")), fonts.get(qn("w:eastAsia")))
    tagged = {element.get(qn("w:eastAsia")) for element in file.element.body.iter(qn("w:lang"))}
    assert language in tagged
    # Texts left in the record's language say so.
    assert "en" in {element.get(qn("w:val")) for element in file.element.body.iter(qn("w:lang"))}


def test_an_arabic_report_runs_from_right_to_left(symposium: gw.KnowledgeBase) -> None:
    document = reports.build(symposium, "outcome", event=SYMPOSIUM, lang="ar")

    lang, fonts, file = language_of(word.render(document))

    assert ("ar", "Arial") == (lang.get(qn("w:bidi")), fonts.get(qn("w:cs")))
    assert all(p._p.pPr.find(qn("w:bidi")) is not None for p in file.paragraphs)
    assert all(table._tbl.tblPr.find(qn("w:bidiVisual")) is not None for table in file.tables)
    arabic = [run for p in file.paragraphs for run in p.runs if "الأهداف" in run.text]
    assert arabic
    assert all(run.font.rtl for run in arabic)


def make_reference(path: Path, *, drop: tuple[str, ...] = ()) -> Path:
    """A secretariat's template: Letter paper, dark red headings, a header, and a body of its own."""
    file = docx.Document()
    file.styles["Heading 1"].font.color.rgb = RGBColor(0x8B, 0x00, 0x00)
    section = file.sections[0]
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    section.header.paragraphs[0].text = "Secretariat of the Symposium"
    file.add_paragraph("Draft text to be replaced")
    for name in drop:
        file.styles.element.remove(file.styles[name].element)
    file.save(str(path))
    return path


def test_a_reference_gives_its_styles_page_and_header_but_not_its_body(
    tmp_path: Path, symposium: gw.KnowledgeBase
) -> None:
    reference = make_reference(tmp_path / "secretariat.docx")
    document = reports.build(symposium, "outcome", event=SYMPOSIUM)

    file = read(word.render(document, reference=reference))

    section = file.sections[0]
    assert RGBColor(0x8B, 0x00, 0x00) == file.styles["Heading 1"].font.color.rgb
    assert (Inches(8.5), Inches(11)) == (section.page_width, section.page_height)
    assert "Secretariat of the Symposium" == section.header.paragraphs[0].text
    assert "Draft text to be replaced" not in texts_of(file)
    assert [s.title for s in document.sections()] == headings(file)


def test_styles_a_reference_lacks_are_taken_from_the_default_template(tmp_path: Path) -> None:
    reference = make_reference(tmp_path / "bare.docx", drop=("Title", "List Bullet", "Caption", "Table Grid"))
    table = reports.Table(("A",), ((reports.Paragraph.of("1"),),), caption="C")
    blocks = (reports.BulletList((reports.Paragraph.of("item"),)), table)

    file = read(word.render(reports.Document(title="T", blocks=blocks), reference=reference))

    assert [("Title", "T"), ("List Bullet", "• item"), ("Caption", "C")] == [
        (p.style.name, p.text) for p in file.paragraphs
    ]
    assert "Table Grid" == file.tables[0].style.name


def test_a_word_template_serves_as_a_reference(tmp_path: Path) -> None:
    document_type = b"wordprocessingml.document.main+xml"
    source = make_reference(tmp_path / "made.docx")
    template = tmp_path / "secretariat.dotx"
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(template, "w") as copy:
        for name in archive.namelist():
            content = archive.read(name)
            copy.writestr(name, content.replace(document_type, b"wordprocessingml.template.main+xml"))

    file = read(word.render(reports.Document(title="T"), reference=template))

    assert RGBColor(0x8B, 0x00, 0x00) == file.styles["Heading 1"].font.color.rgb


def pipe(path: Path) -> Path:
    """A named pipe at *path*, which nothing writes to: read, it would wait forever."""
    os.mkfifo(path)
    return path


def zip_bomb(path: Path) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/document.xml", b"\0" * (8 * 2**20))
    return path


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (
            lambda folder: folder / "absent.docx",
            r"the reference document 'absent.docx': cannot read the file: No such file",
        ),
        (lambda folder: folder / "notes.docx", r"'notes.docx' is not a Word file"),
        (lambda folder: zip_bomb(folder / "bomb.docx"), r"'bomb.docx' is refused: .* zip bomb"),
        (lambda folder: pipe(folder / "pipe.docx"), r"'pipe.docx': cannot read the file: it is a named pipe"),
        (lambda folder: folder, r"cannot read the file: it is a folder"),
    ],
)
def test_a_reference_that_is_not_a_word_file_is_a_report_error_naming_it(
    tmp_path: Path, make: Any, message: str
) -> None:
    (tmp_path / "notes.docx").write_text("not a zip")

    with pytest.raises(reports.ReportError, match=message):
        word.render(reports.Document(title="T"), reference=make(tmp_path))


def test_without_python_docx_the_error_names_the_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "docx", None)

    with pytest.raises(gw.MissingExtraError, match=r'pip install "gpworkshop\[docx\]"'):
        word.render(reports.Document(title="T"))


def test_line_feeds_and_tabs_are_breaks_and_tabs_and_what_xml_cannot_hold_is_a_replacement_character() -> None:
    paragraph = reports.Paragraph.of("a\nb\tc", "d\ud800e\ufffff")

    [_, written] = read(word.render(reports.Document(title="T", blocks=(paragraph,)))).paragraphs

    assert "a\nb\tcd\ufffde\ufffdf" == written.text
    assert 1 == len(written._p.xpath(".//w:br")) == len(written._p.xpath(".//w:tab"))


@settings(max_examples=25, deadline=None)
@given(drawn=documents())
def test_any_document_of_hostile_text_opens_with_every_paragraph_of_it(drawn: tuple[reports.Document, object]) -> None:
    document, _ = drawn

    file = read(word.render(document))

    texts = texts_of(file)
    assert document.title == texts[0]
    assert [section.title for section in document.sections()] == headings(file)
    assert [] == [p.plain for p in paragraphs_of(document) if not any(p.plain in text for text in texts)]


def page_size(data: bytes) -> tuple[int, int]:
    section = read(data).sections[0]
    return section.page_width, section.page_height


def test_pages_are_a4_by_default_or_the_paper_asked_for_even_over_a_reference(tmp_path: Path) -> None:
    reference = make_reference(tmp_path / "letter.docx")
    document = reports.Document(title="T")

    a4, letter = (Twips(11906), Twips(16838)), (Inches(8.5), Inches(11))
    assert a4 == page_size(word.render(document))
    assert letter == page_size(word.render(document, paper="letter"))
    assert a4 == page_size(word.render(document, reference=reference, paper="a4"))


def test_an_unknown_paper_is_a_report_error() -> None:
    with pytest.raises(reports.ReportError, match="unknown paper size 'a3'"):
        word.render(reports.Document(title="T"), paper="a3")


def test_a_reference_style_of_another_type_than_needed_leaves_the_paragraph_normal(tmp_path: Path) -> None:
    reference = tmp_path / "odd.docx"
    file = docx.Document()
    file.styles.element.remove(file.styles["Caption"].element)
    file.styles.add_style("Caption", WD_STYLE_TYPE.CHARACTER)
    file.save(str(reference))
    table = reports.Table(("A",), ((reports.Paragraph.of("1"),),), caption="C")

    written = read(word.render(reports.Document(title="T", blocks=(table,)), reference=reference))

    assert ("Normal", "C") == (written.paragraphs[1].style.name, written.paragraphs[1].text)


def test_render_bytes_writes_a_word_file_with_its_options(tmp_path: Path) -> None:
    reference = make_reference(tmp_path / "secretariat.docx")
    document = reports.Document(title="T", blocks=(reports.Section("Objectives"),))

    data = reports.render_bytes(document, "docx", reference_docx=reference)

    assert RGBColor(0x8B, 0x00, 0x00) == read(data).styles["Heading 1"].font.color.rgb
    assert data == word.render(document, reference=reference)


def replaced(source: Path, target: Path, part: str, content: bytes) -> Path:
    """A copy of the Word file *source* with *part* holding *content*."""
    with zipfile.ZipFile(source) as archive, zipfile.ZipFile(target, "w") as copy:
        for name in archive.namelist():
            copy.writestr(name, content if name == part else archive.read(name))
    return target


@pytest.mark.parametrize("part", ["word/document.xml", "word/styles.xml", "docProps/core.xml"])
def test_a_reference_with_a_damaged_part_is_a_report_error_naming_it(tmp_path: Path, part: str) -> None:
    reference = replaced(make_reference(tmp_path / "made.docx"), tmp_path / "damaged.docx", part, b"<x/>")

    with pytest.raises(reports.ReportError, match=r"'damaged\.docx' is not a Word file"):
        word.render(reports.Document(title="T"), reference=reference)


def test_a_reference_that_declares_a_document_type_is_refused_unparsed(tmp_path: Path) -> None:
    laughs = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa">]><w:styles/>'
    reference = replaced(make_reference(tmp_path / "made.docx"), tmp_path / "laughs.docx", "word/styles.xml", laughs)

    with pytest.raises(reports.ReportError, match=r"'laughs.docx' is refused: .*document type"):
        word.render(reports.Document(title="T"), reference=reference)


def test_a_reference_without_page_setup_gets_one(tmp_path: Path) -> None:
    made = make_reference(tmp_path / "made.docx")
    with zipfile.ZipFile(made) as archive:
        body = archive.read("word/document.xml")
    start, end = body.index(b"<w:sectPr"), body.index(b"</w:sectPr>") + len(b"</w:sectPr>")
    reference = replaced(made, tmp_path / "bare.docx", "word/document.xml", body[:start] + body[end:])
    chart = reports.Chart("By kind", (("Research institute", 5),))

    file = read(word.render(reports.Document(title="T", blocks=(chart,)), reference=reference))

    assert 1 == len(file.sections)
    assert 1 == len(file.inline_shapes)


def test_a_chart_of_a_right_to_left_document_is_drawn_mirrored() -> None:
    chart = reports.Chart("By kind", (("معهد بحوث", 5),))

    def bar_side(language: str) -> tuple[bool, bool]:
        data, width, height = _chart_image.png(chart, language=language)
        image = Image.open(io.BytesIO(data)).convert("RGB")
        bar = (31, 95, 168)
        return image.getpixel((width // 4, height // 2)) == bar, image.getpixel((3 * width // 4, height // 2)) == bar

    assert ((False, True), (True, False)) == (bar_side("en"), bar_side("ar"))


def test_importing_the_renderer_leaves_python_docx_and_pillow_unimported() -> None:
    code = "import gpworkshop.reports.word, sys; print([m for m in ('docx', 'PIL') if m in sys.modules])"

    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert "[]\n" == result.stdout
