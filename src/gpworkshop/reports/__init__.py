"""Reports: builders that make a neutral :class:`Document`, and renderers that write it out.

>>> import gpworkshop as gw
>>> from gpworkshop import reports
>>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
>>> text = reports.render(reports.outcome_report(kb, "busan-gp-workshop-2014"), "markdown")
>>> print(text.splitlines()[0])
# Annual Busan Global Partnership Workshop
"""

from __future__ import annotations

import os
from collections.abc import Callable

from gpworkshop._collector import collector_paused
from gpworkshop.reports import html, markdown, rst, text
from gpworkshop.reports._wording import label
from gpworkshop.reports.builders import commitment_tracker, coverage_report, outcome_report, stakeholder_matrix
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
from gpworkshop.reports.language import LanguageError, rendering
from gpworkshop.reports.registry import (
    KINDS,
    PAPERS,
    SUFFIXES,
    ReportError,
    ReportKind,
    build,
    format_for,
)

__all__ = [
    "BINARY_FORMATS",
    "FORMATS",
    "KINDS",
    "PAPERS",
    "SUFFIXES",
    "Block",
    "BulletList",
    "Chart",
    "Document",
    "Emphasis",
    "Inline",
    "LanguageError",
    "Link",
    "Note",
    "Paragraph",
    "ReportError",
    "ReportKind",
    "Section",
    "Strong",
    "Table",
    "Text",
    "build",
    "commitment_tracker",
    "coverage_report",
    "format_for",
    "label",
    "outcome_report",
    "render",
    "render_bytes",
    "stakeholder_matrix",
]


_RENDERERS: dict[str, Callable[[Document], str]] = {
    "markdown": markdown.render,
    "html": html.render,
    "rst": rst.render,
    "text": text.render,
}

#: The output formats :func:`render` writes as text.
FORMATS = tuple(_RENDERERS)

#: The output formats that are files, not text, which :func:`render_bytes` writes: a Word document (with the
#: ``docx`` extra) and a PDF laid out for print (with the ``pdf`` extra).
BINARY_FORMATS = ("docx", "pdf")


@collector_paused
def render(document: Document, format: str = "markdown") -> str:
    """*document* as text in *format*, one of :data:`FORMATS`.

    Whatever the record's texts hold, the result holds no control character
    but tab and line feed: a :class:`Document` holds none, as one that would
    rewrite a terminal (ESC, BEL) or break a page is shown as U+FFFD, the
    replacement character.

    :raises ReportError: for a format not in :data:`FORMATS`; one of :data:`BINARY_FORMATS` is written by
        :func:`render_bytes`.
    """
    try:
        renderer = _RENDERERS[format]
    except KeyError:
        if format in BINARY_FORMATS:
            raise ReportError(f"a {format} report is a file, not text: make it with render_bytes()") from None
        raise ReportError(f"unknown report format {format!r}; use one of: {', '.join(FORMATS)}") from None
    with rendering(document.language):
        return renderer(document)


@collector_paused
def render_bytes(
    document: Document,
    format: str,
    *,
    paper: str | None = None,
    reference_docx: str | os.PathLike[str] | None = None,
) -> bytes:
    """*document* as the bytes of a file in *format*: one of :data:`BINARY_FORMATS`, or of :data:`FORMATS` in UTF-8.

    Made again from the same document, the file is the same, byte for byte, so that a report kept in git changes
    only where the record does: its dates are the document's :attr:`~Document.date`, never the time it was made.

    >>> import gpworkshop as gw
    >>> from gpworkshop import reports
    >>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
    >>> reports.render_bytes(reports.outcome_report(kb, "busan-gp-workshop-2014"), "docx")[:2]
    b'PK'

    :param paper: for ``docx`` and ``pdf``: one of :data:`PAPERS`; by default A4, or for a Word document made
        with *reference_docx*, the reference's own page setup.
    :param reference_docx: for ``docx``: a Word document whose styles, page setup, headers and footers the
        report takes, as Pandoc's ``--reference-doc`` does; its text is left out.
    :raises ReportError: for an unknown format, an option the format does not take, a paper not in
        :data:`PAPERS`, or a reference that is not a Word document.
    :raises ~gpworkshop.MissingExtraError: if the extra the format needs is not installed.
    """
    if format not in BINARY_FORMATS:
        if paper is not None or reference_docx is not None:
            raise ReportError(f"a {format} report takes no paper size nor reference document")
        return render(document, format).encode()
    if reference_docx is not None and format != "docx":
        raise ReportError(f"a reference document is for docx reports, not {format}")
    # Imported here: the renderers of files load with the report that needs them, not with the package. Each
    # checks the paper, and speaks the document's language, itself.
    if format == "docx":
        from gpworkshop.reports import word  # noqa: PLC0415

        return word.render(document, reference=reference_docx, paper=paper)
    from gpworkshop.reports import pdf  # noqa: PLC0415

    return pdf.render(document, paper=paper or "a4")
