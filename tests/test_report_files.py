"""Reports as files, not text: Word and PDF from the registry, the Python API and the command line."""

from __future__ import annotations

import datetime as dt
import io
import sys
import zipfile
from pathlib import Path

import pytest
from pypdf import PdfReader

import gpworkshop as gw
from gpworkshop import reports
from gpworkshop.cli import main
from tests.commands import run
from tests.printing import needs_pango
from tests.records import EXAMPLES

BUSAN = str(EXAMPLES / "busan-gp-workshop-2014.yaml")
SYMPOSIUM = str(EXAMPLES / "regional-symposium-2023")


@pytest.fixture(scope="module")
def busan() -> reports.Document:
    return reports.outcome_report(gw.load(BUSAN), "busan-gp-workshop-2014")


def test_the_registry_tells_word_and_pdf_from_their_suffixes() -> None:
    assert ("docx", "pdf", "pdf") == tuple(map(reports.format_for, ("a.docx", "b.pdf", "C.PDF")))
    assert set(reports.BINARY_FORMATS) <= set(reports.SUFFIXES.values())


def test_a_file_format_is_not_text(busan: reports.Document) -> None:
    with pytest.raises(reports.ReportError, match=r"a docx report is a file, not text: make it with render_bytes"):
        reports.render(busan, "docx")


def test_text_formats_come_as_their_utf8_bytes(busan: reports.Document) -> None:
    assert reports.render(busan, "markdown").encode() == reports.render_bytes(busan, "markdown")


@pytest.mark.parametrize(
    ("format_", "options", "message"),
    [
        ("pdf", {"paper": "a3"}, "unknown paper size 'a3'; use one of: a4, letter"),
        ("pdf", {"reference_docx": "ref.docx"}, "a reference document is for docx reports, not pdf"),
        ("html", {"paper": "a4"}, "a html report takes no paper size nor reference document"),
        ("odt", {}, "unknown report format 'odt'"),
    ],
)
def test_options_a_format_does_not_take_are_refused(
    busan: reports.Document, format_: str, options: dict[str, str], message: str
) -> None:
    with pytest.raises(reports.ReportError, match=message):
        reports.render_bytes(busan, format_, **options)


@pytest.mark.parametrize("suffix", ["docx", pytest.param("pdf", marks=needs_pango)])
def test_the_command_writes_word_and_pdf_from_the_suffix_of_the_output(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"busan.{suffix}"

    status, out, err = run("report", BUSAN, "-o", str(target))

    assert (0, f"wrote {target}\n", "") == (status, out, err)
    if suffix == "pdf":
        assert "Annual Busan Global Partnership Workshop" in PdfReader(target).pages[0].extract_text()
    else:
        assert "word/document.xml" in zipfile.ZipFile(target).namelist()


@needs_pango
def test_the_paper_size_reaches_the_pdf(tmp_path: Path) -> None:
    sizes = {}
    for paper in reports.PAPERS:
        target = tmp_path / f"{paper}.pdf"
        assert 0 == run("report", BUSAN, "--paper", paper, "-o", str(target))[0]
        box = PdfReader(target).pages[0].mediabox
        sizes[paper] = (round(float(box.width)), round(float(box.height)))

    assert {"a4": (595, 842), "letter": (612, 792)} == sizes


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "pdf"], "a pdf report is a file, not text for the screen; name it with -o"),
        (["--format", "docx", "-o", "-"], "a docx report is a file, not text for the screen; name it with -o"),
        (["--paper", "letter"], "--paper is for docx and pdf reports, not markdown"),
        (["--reference-docx", "ref.docx", "-o", "x.pdf"], "--reference-docx is for docx reports, not pdf"),
        (["--format", "pdf", "-o", "x.docx"], "--format pdf does not write a docx file, which -o names (x.docx)"),
        (["--format", "html", "-o", "x.pdf"], "--format html does not write a pdf file, which -o names (x.pdf)"),
    ],
)
def test_the_command_refuses_what_a_format_cannot_do_before_reading_anything(
    args: list[str], message: str, tmp_path: Path
) -> None:
    status, out, err = run("report", str(tmp_path / "no-such-record.yaml"), *args)

    assert (2, "") == (status, out)
    assert message in err


def test_a_reference_that_is_not_a_word_document_is_a_usage_error(tmp_path: Path) -> None:
    reference = tmp_path / "styles.docx"
    reference.write_text("not a zip", encoding="utf-8")
    target = tmp_path / "busan.docx"

    status, _, err = run("report", BUSAN, "--reference-docx", str(reference), "-o", str(target))

    assert 2 == status
    assert "styles.docx" in err
    assert not target.exists()


@pytest.mark.parametrize(("module", "extra"), [("docx", "docx"), ("weasyprint", "pdf")])
def test_without_its_library_the_command_names_the_extra(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, module: str, extra: str
) -> None:
    monkeypatch.setitem(sys.modules, module, None)
    err = io.StringIO()

    status = main(["report", BUSAN, "--format", extra, "-o", str(tmp_path / "out")], out=io.StringIO(), err=err)

    assert 0 != status
    assert f'pip install "gpworkshop[{extra}]"' in err.getvalue()
    assert "Traceback" not in err.getvalue()


@needs_pango
def test_the_same_document_makes_the_same_files(busan: reports.Document) -> None:
    for format_ in reports.BINARY_FORMATS:
        assert reports.render_bytes(busan, format_) == reports.render_bytes(busan, format_), format_


def test_a_report_is_dated_by_the_day_it_speaks_of() -> None:
    kb = gw.load(SYMPOSIUM)

    assert dt.date(2025, 1, 1) == reports.build(kb, "tracker", as_of=dt.date(2025, 1, 1)).date
    assert dt.date(2023, 7, 4) == reports.build(kb, "outcome", event="nri-inaugural-meeting-2023").date
    assert reports.build(kb, "matrix").date is None
