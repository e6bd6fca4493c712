"""The stakeholder matrix: who took part in which event, in what role, with totals by kind and country."""

from __future__ import annotations

from gpworkshop._collector import collector_paused
from gpworkshop._wording import plural
from gpworkshop.analysis import events_in, stakeholder_mix, tally
from gpworkshop.model import KnowledgeBase, Stakeholder
from gpworkshop.reports._parts import event_line, localisation_paragraph
from gpworkshop.reports._wording import country_name, date_range, label
from gpworkshop.reports.document import Block, BulletList, Chart, Document, Paragraph, Section, Strong, Table

__all__ = ["stakeholder_matrix"]


@collector_paused
def stakeholder_matrix(kb: KnowledgeBase, *, event: str | None = None, series: str | None = None) -> Document:
    """Stakeholders × events: the roles each stakeholder played at each event, with totals.

    Events are numbered in record order, sessions included; a legend lists
    them. The matrix has a cell for every stakeholder and event, so for a
    record of many events narrow it to an event (with its sessions) or a
    series (its editions with their sessions), as in
    :func:`~gpworkshop.analysis.events_in`; the rows are then the stakeholders
    who took part. Totals count the stakeholders shown by kind and by country.

    :raises UnknownIdError: if no event has the id *event*.

    >>> import gpworkshop as gw
    >>> from gpworkshop import reports
    >>> kb = gw.load("examples/regional-symposium-2023")
    >>> reports.stakeholder_matrix(kb).subtitle
    '11 stakeholders, 5 events'
    >>> reports.stakeholder_matrix(kb, event="lgpf-2023-korean-cases-roundtable").subtitle
    '7 stakeholders, 1 event'
    """
    events = events_in(kb, event=event, series=series)
    roles = {
        (participation.stakeholder, member.id): participation.roles
        for member in events
        for participation in member.participants
    }
    stakeholders = kb.stakeholders
    if event is not None or series is not None:
        taking_part = {stakeholder_id for stakeholder_id, _ in roles}
        stakeholders = tuple(stakeholder for stakeholder in stakeholders if stakeholder.id in taking_part)
    legend = BulletList(
        tuple(
            Paragraph.of(Strong(f"{number}:"), f" {member.title} ({date_range(member.start, member.end)})")
            for number, member in enumerate(events, start=1)
        ),
    )
    rows = tuple(
        (
            Paragraph.of(stakeholder.label),
            *(
                Paragraph.of(", ".join(label(role).lower() for role in roles.get((stakeholder.id, member.id), ())))
                for member in events
            ),
        )
        for stakeholder in stakeholders
    )
    blocks: list[Block] = (
        [Paragraph.of(Strong("Showing:"), f" {scope}.")] if (scope := _scope(kb, event, series)) else []
    )
    if not stakeholders or not events:
        blocks.append(Paragraph.of("The record holds no stakeholders or no events to cross."))
    else:
        header = ("Stakeholder", *(str(number) for number in range(1, len(events) + 1)))
        matrix = Table(header=header, rows=rows, row_headers=True, caption="Roles by stakeholder and event")
        blocks += [Section("Events", (legend,)), Section("Matrix", (matrix,)), _totals(kb, stakeholders, event, series)]
    subtitle = f"{plural(len(stakeholders), 'stakeholder')}, {plural(len(events), 'event')}"
    return Document(title="Stakeholder matrix", subtitle=subtitle, blocks=tuple(blocks))


def _scope(kb: KnowledgeBase, event: str | None, series: str | None) -> str:
    shown = []
    if event is not None:
        shown.append(f"{event_line(kb, event)} and its sessions")
    if series is not None:
        shown.append(f"the editions of the {series}")
    return "; ".join(shown)


def _totals(kb: KnowledgeBase, stakeholders: tuple[Stakeholder, ...], event: str | None, series: str | None) -> Section:
    kinds, countries = tally(stakeholders)
    country_rows = tuple(
        (Paragraph.of(country_name(code) if code else "No country (international)"), Paragraph.of(str(count)))
        for code, count in countries
    )
    blocks: list[Block] = [
        Chart("Stakeholders by kind", tuple((label(kind), count) for kind, count in kinds), "stakeholders", "Kind"),
        Table(
            header=("Country", "Stakeholders"), rows=country_rows, row_headers=True, caption="Stakeholders by country"
        ),
        *localisation_paragraph(stakeholder_mix(kb, event, series=series)),
    ]
    return Section("Totals", tuple(blocks))
