"""The coverage report: which takeaways and commitments answer each objective of an event, and the gaps."""

from __future__ import annotations

from gpworkshop._collector import collector_paused
from gpworkshop.analysis import ObjectiveCoverage, event_family, objective_coverage
from gpworkshop.model import Event, KnowledgeBase
from gpworkshop.reports._parts import headline, takeaway_item
from gpworkshop.reports._wording import label
from gpworkshop.reports.document import Block, BulletList, Document, Note, Paragraph, Section, Strong, Table

__all__ = ["coverage_report"]


@collector_paused
def coverage_report(kb: KnowledgeBase, event_id: str) -> Document:
    """Objectives × takeaways and commitments for an event and each of its sessions; gaps flagged.

    >>> import gpworkshop as gw
    >>> from gpworkshop import reports
    >>> doc = reports.coverage_report(gw.load("examples/busan-gp-workshop-2014.yaml"), "busan-gp-workshop-2014")
    >>> doc.blocks[0].plain
    '4 of 5 objectives are answered by at least one takeaway or commitment.'

    :raises UnknownIdError: if *kb* has no event *event_id*.
    """
    event, *sessions = event_family(kb, event_id)
    blocks: list[Block] = _coverage(kb, event)
    for session in sessions:
        if session.objectives:
            blocks.append(Section(f"Session: {session.title}", tuple(_coverage(kb, session))))
    return Document(title=event.title, subtitle="Objective coverage", blocks=tuple(blocks))


def _coverage(kb: KnowledgeBase, event: Event) -> list[Block]:
    coverage = objective_coverage(kb, event.id)
    if not coverage:
        return [Paragraph.of("The record states no objectives for this event.")]
    answered = sum(item.covered for item in coverage)
    blocks: list[Block] = [
        Paragraph.of(f"{answered} of {len(coverage)} objectives are answered by at least one takeaway or commitment."),
        _table(coverage),
    ]
    gaps = [f"{number} ({item.objective.title})" for number, item in enumerate(coverage, start=1) if not item.covered]
    if gaps:
        noun = "objective" if len(gaps) == 1 else "objectives"
        blocks.append(Note(Paragraph.of(f"Nothing answers {noun} {'; '.join(gaps)}."), "warning"))
    for number, item in enumerate(coverage, start=1):
        if item.covered:
            blocks.append(Section(f"Objective {number}: {item.objective.title}", tuple(_answers(kb, item))))
    return blocks


def _table(coverage: tuple[ObjectiveCoverage, ...]) -> Table:
    rows = tuple(
        (
            Paragraph.of(f"{number}. {item.objective.title}"),
            Paragraph.of(str(len(item.takeaways))),
            Paragraph.of(str(len(item.commitments))),
            Paragraph.of("yes" if item.covered else "no"),
        )
        for number, item in enumerate(coverage, start=1)
    )
    header = ("Objective", "Takeaways", "Commitments", "Answered")
    return Table(header=header, rows=rows, row_headers=True, caption="Objectives and what answers them")


def _answers(kb: KnowledgeBase, item: ObjectiveCoverage) -> list[Block]:
    blocks: list[Block] = []
    if item.takeaways:
        blocks.append(Paragraph.of(Strong("Takeaways")))
        blocks.append(BulletList(tuple(takeaway_item(kb, takeaway) for takeaway in item.takeaways)))
    if item.commitments:
        blocks.append(Paragraph.of(Strong("Commitments")))
        commitments = tuple(
            Paragraph.of(Strong(f"{label(commitment.kind)}:"), f" {headline(commitment.text)}")
            for commitment in item.commitments
        )
        blocks.append(BulletList(commitments))
    return blocks
