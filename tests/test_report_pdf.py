"""The PDF report: laid out for print, in every language, tagged, offline, and the same bytes every time.

pypdf and pdfminer.six read the files back, independently of WeasyPrint, which writes them.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pdfminer.high_level as pdfminer_high_level
import pdfminer.layout as pdfminer_layout
import pypdf
import pytest
from hypothesis import given, settings

import gpworkshop as gw
from gpworkshop import reports
from gpworkshop.reports import html, pdf
from gpworkshop.reports.document import BulletList, Chart, Document, Paragraph, Section, Table
from tests.printing import needs_pango
from tests.records import EXAMPLES, RECORDS
from tests.test_renderers import documents

pytestmark = needs_pango

AS_OF = dt.date(2025, 1, 1)
SYMPOSIUM = "regional-symposium-2023"
_HANGUL = re.compile("[\uac00-\ud7a3]")
_ARABIC = re.compile("[\u0600-\u06ff]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"\w+")


def pages_text(data: bytes) -> list[str]:
    """The text of each page, as pdfminer.six reads it."""
    return [
        pdfminer_high_level.extract_text(io.BytesIO(data), page_numbers=[number])
        for number in range(len(pypdf.PdfReader(io.BytesIO(data)).pages))
    ]


def metadata(reader: pypdf.PdfReader) -> Any:
    """The document information of the file: its title, dates and so on."""
    return reader.metadata or {}


def trailer(reader: pypdf.PdfReader) -> Any:
    """The trailer of the file, whose ``/Root`` is its catalogue."""
    return reader.trailer


def squeezed(text: str) -> str:
    return _SPACE.sub("", text)


def embedded_fonts(data: bytes) -> set[str]:
    """The names of the fonts whose program the file embeds (``/FontFile2`` or ``/FontFile3``)."""
    names: set[str] = set()
    for page in pypdf.PdfReader(io.BytesIO(data)).pages:
        fonts = page.get("/Resources", {}).get("/Font", {})
        for reference in fonts.values():
            font = reference.get_object()
            for descendant in font.get("/DescendantFonts", [font]):
                descriptor = descendant.get_object().get("/FontDescriptor")
                if descriptor is None:
                    continue
                descriptor = descriptor.get_object()
                if "/FontFile2" in descriptor or "/FontFile3" in descriptor:
                    names.add(str(descriptor["/FontName"]).partition("+")[2])
    return names


def example_documents() -> Iterator[tuple[str, str, Document]]:
    """Every kind of report on every example record: those of one event once per top-level event."""
    for record in sorted(RECORDS):
        kb = gw.load(EXAMPLES / record)
        for kind, report in reports.KINDS.items():
            if report.of_one_event:
                for event in kb.top_level_events():
                    yield record, f"{kind} of {event.id}", reports.build(kb, kind, event=event.id)
            elif "as_of" in report.filters:
                yield record, kind, reports.build(kb, kind, as_of=AS_OF)
            else:
                yield record, kind, reports.build(kb, kind)


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_every_kind_of_report_on_every_example_renders_to_a_pdf_that_opens(record: str) -> None:
    for _, kind, document in (found for found in example_documents() if found[0] == record):
        reader = pypdf.PdfReader(io.BytesIO(pdf.render(document)))
        assert reader.pages, kind
        assert document.title == metadata(reader).title, kind


@pytest.fixture(scope="module")
def symposium() -> gw.KnowledgeBase:
    return gw.load(EXAMPLES / SYMPOSIUM)


@pytest.fixture(scope="module")
def outcome_pdfs(symposium: gw.KnowledgeBase) -> dict[str, tuple[Document, bytes]]:
    """The outcome report of the 2023 symposium in each language, as a document and as a PDF."""
    made = {}
    for language in reports.language.LANGUAGES:
        document = reports.outcome_report(symposium, SYMPOSIUM, lang=language)
        made[language] = (document, pdf.render(document))
    return made


def objectives(document: Document) -> list[str]:
    """The objectives an outcome report lists: the items of its one numbered list."""
    for section in document.sections():
        for block in section.blocks:
            if isinstance(block, BulletList) and block.ordered:
                return [item.plain for item in block.items]
    raise AssertionError("no objectives in the document")


def found_in(needle: str, text: str, *, right_to_left: bool) -> int:
    """Where *needle* is in *text*, spaces aside, or -1.

    Text set right to left is read back in visual order: Arabic words reversed, punctuation at the end of a line
    moved to its other end, and the runs of a line that mixes scripts in the order they stand. So there, each
    word of *needle* must be found (an Arabic one either way round), and the place is that of its first word.
    """
    text = squeezed(text)
    if not right_to_left:
        return text.find(squeezed(needle))
    places = []
    for word in _WORD.findall(needle):
        place = text.find(word)
        if place < 0 and _ARABIC.search(word):
            place = text.find(word[::-1])
        if place < 0:
            return -1
        places.append(place)
    return places[0] if places else -1


@pytest.mark.parametrize("language", reports.language.LANGUAGES)
def test_the_symposium_outcome_report_reads_title_then_every_objective_in_every_language(
    outcome_pdfs: dict[str, tuple[Document, bytes]], language: str
) -> None:
    document, data = outcome_pdfs[language]
    text = "".join(pages_text(data))
    right_to_left = language == "ar"

    title_at = found_in(document.title, text, right_to_left=right_to_left)
    places = [found_in(objective, text, right_to_left=right_to_left) for objective in objectives(document)]

    assert title_at >= 0
    assert all(place > title_at for place in places), places


def test_the_korean_report_holds_hangul_and_the_arabic_report_arabic_letters_in_its_own_words(
    outcome_pdfs: dict[str, tuple[Document, bytes]],
) -> None:
    korean = "".join(pages_text(outcome_pdfs["ko"][1]))
    arabic = "".join(pages_text(outcome_pdfs["ar"][1]))
    with reports.language.speaking("ar"):
        outcome_in_arabic = reports.language.gettext("Outcome report")

    assert _HANGUL.search(korean)
    assert _ARABIC.search(arabic)
    assert found_in(outcome_in_arabic, arabic, right_to_left=True) >= 0


def test_fonts_are_embedded_with_a_korean_a_chinese_and_an_arabic_one(
    outcome_pdfs: dict[str, tuple[Document, bytes]],
) -> None:
    fonts = {language: embedded_fonts(data) for language, (_, data) in outcome_pdfs.items()}

    assert all(fonts.values()), fonts
    assert any("CJK" in name and "KR" in name for name in fonts["ko"]), fonts["ko"]
    assert any("CJK" in name and "SC" in name for name in fonts["zh"]), fonts["zh"]
    assert any("Arabic" in name for name in fonts["ar"]), fonts["ar"]


def test_the_pdf_states_the_language_and_title_of_the_document(
    outcome_pdfs: dict[str, tuple[Document, bytes]],
) -> None:
    for language, (document, data) in outcome_pdfs.items():
        reader = pypdf.PdfReader(io.BytesIO(data))
        assert language == trailer(reader)["/Root"]["/Lang"]
        assert document.title == metadata(reader).title
        assert "/StructTreeRoot" in trailer(reader)["/Root"], "the file is tagged"


def test_the_same_document_gives_the_same_bytes_dated_by_the_document(symposium: gw.KnowledgeBase) -> None:
    document = reports.outcome_report(symposium, SYMPOSIUM)

    first, second = pdf.render(document), pdf.render(document)

    assert first == second
    reader = pypdf.PdfReader(io.BytesIO(first))
    assert "D:20231017" == metadata(reader)["/CreationDate"] == metadata(reader)["/ModDate"]
    assert 2 == len(trailer(reader)["/ID"])


_RENDER_IN_ANOTHER_PROCESS = """
import sys
from gpworkshop import reports
from gpworkshop.reports import html, pdf
document = reports.Document(title="Ko", language="ko", blocks=(reports.Paragraph.of("목표 {0}"),))
sys.stdout.buffer.write(pdf.render(document))
"""


def test_another_process_with_another_hash_seed_gives_the_same_bytes() -> None:
    document = Document(title="Ko", language="ko", blocks=(Paragraph.of("목표 {0}"),))
    environment = {**os.environ, "PYTHONHASHSEED": "12345"}

    other = subprocess.run(
        [sys.executable, "-c", _RENDER_IN_ANOTHER_PROCESS], capture_output=True, check=True, env=environment
    ).stdout

    assert pdf.render(document) == other


def test_an_undated_document_has_no_date_and_still_the_same_bytes() -> None:
    document = Document(title="Undated", blocks=(Paragraph.of("Nothing says when."),))

    first = pdf.render(document)

    assert first == pdf.render(document)
    assert "/CreationDate" not in metadata(pypdf.PdfReader(io.BytesIO(first)))


@pytest.mark.parametrize(("paper", "size"), [("a4", (595, 842)), ("letter", (612, 792))])
def test_pages_are_a4_or_letter(paper: str, size: tuple[int, int]) -> None:
    page = pypdf.PdfReader(io.BytesIO(pdf.render(Document(title="Paper"), paper=paper))).pages[0]

    assert size == (round(float(page.mediabox.width)), round(float(page.mediabox.height)))


def test_an_unknown_paper_is_a_report_error() -> None:
    with pytest.raises(reports.ReportError, match="unknown paper size 'a5'; use one of: a4, letter"):
        pdf.render(Document(title="T"), paper="a5")


def long_table(rows: int) -> Table:
    """A table of *rows* rows whose first cell is the row's own, wrapped over several lines: ``R007 … Z007``."""
    words = " ".join(["word"] * 12)
    return Table(
        header=("Row", "Note", "Kind"),
        rows=tuple(
            (Paragraph.of(f"R{number:03} {words} Z{number:03}"), Paragraph.of("note " * 8), Paragraph.of("kind"))
            for number in range(rows)
        ),
        caption="Long",
    )


def test_no_row_of_a_long_table_is_cut_across_pages_and_its_header_repeats() -> None:
    document = Document(title="Long table", blocks=(Section("Rows", (long_table(90),)),))

    pages = pages_text(pdf.render(document))

    assert len(pages) > 2
    for number in range(90):
        starts = [index for index, text in enumerate(pages) if f"R{number:03}" in text]
        ends = [index for index, text in enumerate(pages) if f"Z{number:03}" in text]
        assert 1 == len(starts), number
        assert starts == ends, number
    assert all("Row" in text and "Note" in text for text in pages), "the header row repeats on every page"


def test_a_long_tracker_cuts_no_row_across_pages(symposium: gw.KnowledgeBase) -> None:
    document = reports.commitment_tracker(symposium, as_of=AS_OF)
    overview = next(block for section in document.sections() for block in section.blocks if isinstance(block, Table))

    pages = [squeezed(text) for text in pages_text(pdf.render(document))]

    for row in overview.rows:
        first, last = squeezed(row[0].plain)[:12], squeezed(row[-1].plain)[-6:]
        holding = [index for index, text in enumerate(pages) if first in text]
        assert holding, row[0].plain
        assert last in pages[holding[0]], row[0].plain


def sections(count: int, language: str = "en") -> Document:
    filler = Paragraph.of(" ".join(["Text of the section."] * 60))
    return Document(
        title="Sections",
        language=language,
        blocks=tuple(Section(f"Part {number}", (filler, filler)) for number in range(1, count + 1)),
    )


def test_a_long_report_opens_with_contents_that_give_the_page_of_each_section() -> None:
    pages = pages_text(pdf.render(sections(pdf.CONTENTS_AFTER + 1, "fr")))

    assert "Table des matières" in pages[0]
    for number in range(1, pdf.CONTENTS_AFTER + 2):
        listed = re.search(rf"Part {number}\s*(?:\.\s*)+(\d+)", pages[0])
        assert listed is not None, number
        shown_on = [index + 1 for index, text in enumerate(pages[1:], 1) if f"Part {number}\n" in text]
        assert [int(listed[1])] == shown_on[:1], number


def test_a_short_report_has_no_contents() -> None:
    pages = pages_text(pdf.render(sections(pdf.CONTENTS_AFTER)))

    assert "Contents" not in "".join(pages)


def test_headings_make_the_bookmarks() -> None:
    outline: Any = pypdf.PdfReader(io.BytesIO(pdf.render(sections(3)))).outline

    assert "Sections" == outline[0].title
    assert ["Part 1", "Part 2", "Part 3"] == [item.title for item in outline[1]]


def margin_sides(data: bytes) -> set[tuple[str, str]]:
    """Where the running title and the page number ``n / N`` stand: which margin, which side, on every page."""
    sides = set()
    for page in pdfminer_high_level.extract_pages(io.BytesIO(data)):
        for box in page:
            if not isinstance(box, pdfminer_layout.LTTextContainer):
                continue
            side = "left" if (box.x0 + box.x1) / 2 < page.width / 2 else "right"
            if re.fullmatch(r"\d+ / \d+", box.get_text().strip()):
                sides.add(("foot", side))
            elif box.y0 > page.height - 72 and box.get_text().strip() == "Sections":
                sides.add(("head", side))
    return sides


def test_the_running_title_and_page_number_stand_where_a_reader_starts_and_ends_a_line() -> None:
    assert {("head", "left"), ("foot", "right")} == margin_sides(pdf.render(sections(4, "en")))
    assert {("head", "right"), ("foot", "left")} == margin_sides(pdf.render(sections(4, "ar")))


def test_the_title_runs_at_the_head_of_every_page_but_the_first() -> None:
    pages = pages_text(pdf.render(sections(4)))

    assert 1 == pages[0].count("Sections")
    assert all(text.startswith("Sections") for text in pages[1:])


def test_nothing_but_data_uris_is_fetched() -> None:
    import weasyprint

    fetcher = pdf._offline_fetcher(weasyprint)

    for address in ("file:///etc/passwd", "https://example.org/logo.png", "http://127.0.0.1/"):
        with pytest.raises(ValueError, match="fetches nothing but data: URIs"):
            fetcher(address)
    assert b"hi" == fetcher("data:text/plain,hi").read()


def test_without_pango_the_error_names_the_system_libraries(monkeypatch: pytest.MonkeyPatch) -> None:
    def no_pango(module: str, format_name: str, extra: str) -> object:
        raise OSError("cannot load library 'libpango-1.0-0': not found")

    monkeypatch.setattr(pdf, "requires", no_pango)

    with pytest.raises(gw.MissingExtraError, match=re.escape("libpango-1.0-0 libpangoft2-1.0-0")) as raised:
        pdf.render(Document(title="T"))
    assert isinstance(raised.value, reports.ReportError)


@settings(max_examples=10)
@given(drawn=documents())
def test_any_hostile_document_renders_to_a_pdf_that_opens(drawn: tuple[Document, object]) -> None:
    document, _ = drawn

    reader = pypdf.PdfReader(io.BytesIO(pdf.render(document)))

    assert reader.pages


def test_weasyprint_says_nothing_of_the_screen_properties_it_ignores(caplog: pytest.LogCaptureFixture) -> None:
    chart = reports.Chart("By kind", (("Research institute", 2),))

    with caplog.at_level("WARNING", logger="weasyprint"):
        pdf.render(Document(title="Quiet", blocks=(chart, long_table(2))))

    assert [] == [record.getMessage() for record in caplog.records]


def test_a_chart_is_set_as_text_with_bars_as_long_as_their_share() -> None:
    chart = Chart("Participants by kind", (("Research institute", 4), ("Foundation", 1)))
    document = Document(title="T", blocks=(chart,))

    page = html.render_for_print(document)
    text = "".join(pages_text(pdf.render(document)))

    assert "<svg" not in page
    assert ['style="width: 100.0%"', 'style="width: 25.0%"'] == re.findall(r'style="width: [0-9.]+%"', page)
    assert ["Participants by kind", "Research institute", "Foundation", "4", "1"] == text.split("\n\n")[1:6]
