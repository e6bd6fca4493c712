"""The coverage report: which takeaways and commitments answer each objective of an event, and the gaps."""

from __future__ import annotations

from gpworkshop._collector import collector_paused
from gpworkshop.analysis import ObjectiveCoverage, event_family, objective_coverage
from gpworkshop.model import Event, KnowledgeBase
from gpworkshop.reports._parts import colon, fallback_note, headline, takeaway_item, words
from gpworkshop.reports._wording import label
from gpworkshop.reports.document import Block, BulletList, Document, Note, Paragraph, Section, Strong, Table
from gpworkshop.reports.language import gettext as _
from gpworkshop.reports.language import ngettext, speaking

__all__ = ["coverage_report"]


@collector_paused
def coverage_report(kb: KnowledgeBase, event_id: str, *, lang: str | None = None) -> Document:
    """Objectives × takeaways and commitments for an event and each of its sessions; gaps flagged.

    *lang* is the language to write it in (see :mod:`~gpworkshop.reports.language`), English by default.

    >>> import gpworkshop as gw
    >>> from gpworkshop import reports
    >>> doc = reports.coverage_report(gw.load("examples/busan-gp-workshop-2014.yaml"), "busan-gp-workshop-2014")
    >>> doc.blocks[0].plain
    '4 of 5 objectives are answered by at least one takeaway or commitment.'

    :raises UnknownIdError: if *kb* has no event *event_id*.
    """
    event, *sessions = event_family(kb, event_id)
    with speaking(lang, record=kb.language) as wording:
        blocks: list[Block] = _coverage(kb, event)
        for session in sessions:
            if session.objectives:
                title = _("Session: {title}").format(title=words(session.title))
                blocks.append(Section(title, tuple(_coverage(kb, session))))
        title = words(event.title)
        blocks.extend(fallback_note(wording))
        return Document(
            title=title,
            subtitle=_("Objective coverage"),
            blocks=tuple(blocks),
            language=wording.language,
            date=event.start,
        )


def _coverage(kb: KnowledgeBase, event: Event) -> list[Block]:
    coverage = objective_coverage(kb, event.id)
    if not coverage:
        return [Paragraph.of(_("The record states no objectives for this event."))]
    answered = sum(item.covered for item in coverage)
    lead = ngettext(
        "{answered} of {count} objective is answered by at least one takeaway or commitment.",
        "{answered} of {count} objectives are answered by at least one takeaway or commitment.",
        len(coverage),
    )
    blocks: list[Block] = [Paragraph.of(lead.format(answered=answered, count=len(coverage))), _table(coverage)]
    gaps = [
        f"{number} ({words(item.objective.title)})" for number, item in enumerate(coverage, start=1) if not item.covered
    ]
    if gaps:
        message = ngettext(
            "Nothing answers objective {objectives}.", "Nothing answers objectives {objectives}.", len(gaps)
        )
        blocks.append(Note(Paragraph.of(message.format(objectives="; ".join(gaps))), "warning"))
    for number, item in enumerate(coverage, start=1):
        if item.covered:
            title = _("Objective {number}: {title}").format(number=number, title=words(item.objective.title))
            blocks.append(Section(title, tuple(_answers(kb, item))))
    return blocks


def _table(coverage: tuple[ObjectiveCoverage, ...]) -> Table:
    rows = tuple(
        (
            Paragraph.of(f"{number}. {words(item.objective.title)}"),
            Paragraph.of(str(len(item.takeaways))),
            Paragraph.of(str(len(item.commitments))),
            Paragraph.of(_("yes") if item.covered else _("no")),
        )
        for number, item in enumerate(coverage, start=1)
    )
    header = (_("Objective"), _("Takeaways"), _("Commitments"), _("Answered"))
    return Table(header=header, rows=rows, row_headers=True, caption=_("Objectives and what answers them"))


def _answers(kb: KnowledgeBase, item: ObjectiveCoverage) -> list[Block]:
    blocks: list[Block] = []
    if item.takeaways:
        blocks.append(Paragraph.of(Strong(_("Takeaways"))))
        blocks.append(BulletList(tuple(takeaway_item(kb, takeaway) for takeaway in item.takeaways)))
    if item.commitments:
        blocks.append(Paragraph.of(Strong(_("Commitments"))))
        commitments = tuple(
            Paragraph.of(Strong(colon(label(commitment.kind))), f" {headline(words(commitment.text))}")
            for commitment in item.commitments
        )
        blocks.append(BulletList(commitments))
    return blocks
