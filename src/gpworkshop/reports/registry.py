"""The registry of reports: each kind with its builder and the filters it takes, and the renderers by suffix.

The command line, the Sphinx directive and programs that offer reports by
name all build them here, so that every kind takes the same filters
everywhere.

>>> import gpworkshop as gw
>>> from gpworkshop import reports
>>> kb = gw.load("examples/regional-symposium-2023")
>>> reports.build(kb, "outcome", event="nri-inaugural-meeting-2023").title
'Inaugural meeting of national research institutions, MOIS and UNPOG on the 7th Regional Symposium'
>>> reports.build(kb, "outcome")
Traceback (most recent call last):
...
gpworkshop.reports.registry.ReportError: the records hold several events; name the event (...)
>>> reports.format_for("symposium.html")
'html'
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import attrs

from gpworkshop.errors import GPWorkshopError
from gpworkshop.model import KnowledgeBase
from gpworkshop.reports.builders import commitment_tracker, coverage_report, outcome_report, stakeholder_matrix
from gpworkshop.reports.document import Document
from gpworkshop.vocab import CommitmentStatus

__all__ = ["KINDS", "PAPERS", "SUFFIXES", "ReportError", "ReportKind", "build", "check_paper", "format_for"]


class ReportError(GPWorkshopError, ValueError):
    """A report cannot be made as asked: an unknown kind or format, a filter the kind does not take, an unknown id."""


@attrs.frozen(kw_only=True)
class ReportKind:
    """A kind of report: what it is, how it is built, and the filters it takes."""

    #: Its name, as ``--kind`` and ``:kind:`` give it.
    name: str
    #: What it shows, in a few words.
    title: str
    #: Builds it from a knowledge base and the filters given.
    builder: Callable[..., Document]
    #: Whether it is about one event, chosen by the ``event`` filter or, when the records hold one, that one.
    of_one_event: bool = False
    #: The filters it takes, among ``event``, ``as_of``, ``stakeholder``, ``series`` and ``status``.
    filters: frozenset[str] = frozenset({"event"})


#: Every kind of report, by name.
KINDS: dict[str, ReportKind] = {
    kind.name: kind
    for kind in (
        ReportKind(
            name="outcome",
            title="the outcome report of an event",
            builder=outcome_report,
            of_one_event=True,
        ),
        ReportKind(
            name="tracker",
            title="the commitment tracker, as of a day",
            builder=commitment_tracker,
            filters=frozenset({"event", "as_of", "stakeholder", "series", "status"}),
        ),
        ReportKind(
            name="matrix",
            title="the stakeholder matrix",
            builder=stakeholder_matrix,
            filters=frozenset({"event", "series"}),
        ),
        ReportKind(
            name="coverage",
            title="the objective coverage of an event",
            builder=coverage_report,
            of_one_event=True,
        ),
    )
}

#: Report formats by file suffix.
SUFFIXES: dict[str, str] = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".html": "html",
    ".htm": "html",
    ".rst": "rst",
    ".txt": "text",
    ".docx": "docx",
    ".pdf": "pdf",
}

#: The paper sizes of Word and PDF reports.
PAPERS = ("a4", "letter")


def check_paper(paper: str) -> str:
    """*paper*, one of :data:`~gpworkshop.reports.PAPERS`.

    :raises ReportError: for any other.
    """
    if paper not in PAPERS:
        raise ReportError(f"unknown paper size {paper!r}; use one of: {', '.join(PAPERS)}")
    return paper


def format_for(path: str | os.PathLike[str]) -> str:
    """The report format a file's suffix asks for.

    :raises ReportError: for a suffix that is not one of :data:`gpworkshop.reports.SUFFIXES`.
    """
    try:
        return SUFFIXES[Path(path).suffix.lower()]
    except KeyError:
        known = ", ".join(SUFFIXES)
        raise ReportError(f"cannot tell the report format from {Path(path).name!r} (known: {known})") from None


def build(
    kb: KnowledgeBase,
    kind: str,
    *,
    event: str | None = None,
    as_of: dt.date | None = None,
    stakeholder: str | None = None,
    series: str | None = None,
    status: CommitmentStatus | None = None,
    lang: str | None = None,
) -> Document:
    """The report of *kind* on *kb*, narrowed by the filters given (those that are not ``None``), in *lang*.

    :raises ReportError: for an unknown kind, a filter the kind does not take, an id that is not in *kb*,
        or no *event* for a report of one event when the records hold several.
    """
    try:
        report = KINDS[kind]
    except KeyError:
        raise ReportError(f"unknown kind of report {kind!r}; the kinds are: {', '.join(KINDS)}") from None
    given: dict[str, Any] = {
        name: value
        for name, value in (
            ("event", event),
            ("as_of", as_of),
            ("stakeholder", stakeholder),
            ("series", series),
            ("status", status),
        )
        if value is not None
    }
    refused = sorted(set(given) - report.filters)
    if refused:
        raise ReportError(f"the {kind} report takes no {', '.join(refused)}")
    _check_ids(kb, given)
    if report.of_one_event:
        return report.builder(kb, given.get("event") or _only_event(kb), lang=lang)
    return report.builder(kb, **given, lang=lang)


def _check_ids(kb: KnowledgeBase, given: dict[str, Any]) -> None:
    if "event" in given and given["event"] not in {e.id for e in kb.events}:
        listed = ", ".join(e.id for e in kb.top_level_events())
        raise ReportError(f"no event has the id {given['event']!r}; the records hold {listed}")
    if "stakeholder" in given and given["stakeholder"] not in {s.id for s in kb.stakeholders}:
        raise ReportError(f"no stakeholder has the id {given['stakeholder']!r}")


def _only_event(kb: KnowledgeBase) -> str:
    top = kb.top_level_events()
    if len(top) == 1:
        return top[0].id
    if not top:
        raise ReportError("the records hold no event to report on")
    raise ReportError(f"the records hold several events; name the event ({', '.join(e.id for e in top)})")
