"""The stakeholder matrix: who took part in which event, in what role, with totals by kind and country."""

from __future__ import annotations

from collections import Counter

from gpworkshop._collector import collector_paused
from gpworkshop.analysis import stakeholder_mix
from gpworkshop.model import KnowledgeBase
from gpworkshop.reports._parts import localisation_paragraph
from gpworkshop.reports._wording import country_name, date_range, label
from gpworkshop.reports.document import Block, BulletList, Chart, Document, Paragraph, Section, Strong, Table
from gpworkshop.vocab import StakeholderKind

__all__ = ["stakeholder_matrix"]


@collector_paused
def stakeholder_matrix(kb: KnowledgeBase) -> Document:
    """Stakeholders × events: the roles each stakeholder played at each event, with totals.

    Events are numbered in record order, sessions included; a legend lists
    them. Totals count the recorded stakeholders by kind and by country.

    >>> import gpworkshop as gw
    >>> from gpworkshop import reports
    >>> doc = reports.stakeholder_matrix(gw.load("examples/regional-symposium-2023"))
    >>> doc.subtitle
    '11 stakeholders, 5 events'
    """
    roles = {
        (participation.stakeholder, event.id): participation.roles
        for event in kb.events
        for participation in event.participants
    }
    legend = BulletList(
        tuple(
            Paragraph.of(Strong(f"{number}:"), f" {event.title} ({date_range(event.start, event.end)})")
            for number, event in enumerate(kb.events, start=1)
        ),
    )
    rows = tuple(
        (
            Paragraph.of(stakeholder.label),
            *(
                Paragraph.of(", ".join(label(role).lower() for role in roles.get((stakeholder.id, event.id), ())))
                for event in kb.events
            ),
        )
        for stakeholder in kb.stakeholders
    )
    if not kb.stakeholders or not kb.events:
        blocks: list[Block] = [Paragraph.of("The record holds no stakeholders or no events to cross.")]
    else:
        header = ("Stakeholder", *(str(number) for number in range(1, len(kb.events) + 1)))
        matrix = Table(header=header, rows=rows, row_headers=True, caption="Roles by stakeholder and event")
        blocks = [Section("Events", (legend,)), Section("Matrix", (matrix,)), _totals(kb)]
    subtitle = f"{len(kb.stakeholders)} stakeholder{'s' if len(kb.stakeholders) != 1 else ''}, "
    subtitle += f"{len(kb.events)} event{'s' if len(kb.events) != 1 else ''}"
    return Document(title="Stakeholder matrix", subtitle=subtitle, blocks=tuple(blocks))


def _totals(kb: KnowledgeBase) -> Section:
    order = list(StakeholderKind)
    kinds = sorted(Counter(s.kind for s in kb.stakeholders).items(), key=lambda item: (-item[1], order.index(item[0])))
    countries = sorted(Counter(s.country for s in kb.stakeholders).items(), key=lambda item: (-item[1], item[0] or "~"))
    country_rows = tuple(
        (Paragraph.of(country_name(code) if code else "No country (international)"), Paragraph.of(str(count)))
        for code, count in countries
    )
    blocks: list[Block] = [
        Chart("Stakeholders by kind", tuple((label(kind), count) for kind, count in kinds), "stakeholders", "Kind"),
        Table(
            header=("Country", "Stakeholders"), rows=country_rows, row_headers=True, caption="Stakeholders by country"
        ),
        *localisation_paragraph(stakeholder_mix(kb)),
    ]
    return Section("Totals", tuple(blocks))
