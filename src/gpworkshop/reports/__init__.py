"""Reports: builders that make a neutral :class:`Document`, and renderers that write it out.

>>> import gpworkshop as gw
>>> from gpworkshop import reports
>>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
>>> text = reports.render(reports.outcome_report(kb, "busan-gp-workshop-2014"), "markdown")
>>> print(text.splitlines()[0])
# Annual Busan Global Partnership Workshop
"""

from __future__ import annotations

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
from gpworkshop.reports.registry import KINDS, SUFFIXES, ReportError, ReportKind, build, format_for

__all__ = [
    "FORMATS",
    "KINDS",
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
    "stakeholder_matrix",
]


_RENDERERS: dict[str, Callable[[Document], str]] = {
    "markdown": markdown.render,
    "html": html.render,
    "rst": rst.render,
    "text": text.render,
}

#: The output formats :func:`render` accepts.
FORMATS = tuple(_RENDERERS)


@collector_paused
def render(document: Document, format: str = "markdown") -> str:
    """*document* as text in *format*, one of :data:`FORMATS`.

    Whatever the record's texts hold, the result holds no control character
    but tab and line feed: a :class:`Document` holds none, as one that would
    rewrite a terminal (ESC, BEL) or break a page is shown as U+FFFD, the
    replacement character.

    :raises ReportError: for a format not in :data:`FORMATS`.
    """
    try:
        renderer = _RENDERERS[format]
    except KeyError:
        raise ReportError(f"unknown report format {format!r}; use one of: {', '.join(FORMATS)}") from None
    with rendering(document.language):
        return renderer(document)
