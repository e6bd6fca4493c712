"""The stakeholder matrix: who took part in which event, in what role, with totals by kind and country."""

from __future__ import annotations

from gpworkshop._collector import collector_paused
from gpworkshop.analysis import events_in, stakeholder_mix, tally
from gpworkshop.model import Event, KnowledgeBase, Stakeholder
from gpworkshop.reports._parts import colon, event_line, fallback_note, localisation_paragraph, stakeholder_name, words
from gpworkshop.reports._wording import country_name, date_range, label
from gpworkshop.reports.document import Block, BulletList, Chart, Document, Paragraph, Section, Strong, Table
from gpworkshop.reports.language import gettext as _
from gpworkshop.reports.language import ngettext, speaking
from gpworkshop.vocab import Role

__all__ = ["stakeholder_matrix"]


@collector_paused
def stakeholder_matrix(
    kb: KnowledgeBase, *, event: str | None = None, series: str | None = None, lang: str | None = None
) -> Document:
    """Stakeholders × events: the roles each stakeholder played at each event, with totals.

    Events are numbered in record order, sessions included; a legend lists
    them. The matrix has a cell for every stakeholder and event, so for a
    record of many events narrow it to an event (with its sessions) or a
    series (its editions with their sessions), as in
    :func:`~gpworkshop.analysis.events_in`; the rows are then the stakeholders
    who took part. Totals count the stakeholders shown by kind and by country.
    *lang* is the language to write it in (see
    :mod:`~gpworkshop.reports.language`), English by default.

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
    with speaking(lang, record=kb.language) as wording:
        blocks = _matrix(kb, stakeholders, events, roles, event, series)
        blocks.extend(fallback_note(wording))
        stakeholder_count = ngettext("{count} stakeholder", "{count} stakeholders", len(stakeholders))
        event_count = ngettext("{count} event", "{count} events", len(events))
        subtitle = f"{stakeholder_count.format(count=len(stakeholders))}, {event_count.format(count=len(events))}"
        return Document(
            title=_("Stakeholder matrix"), subtitle=subtitle, blocks=tuple(blocks), language=wording.language
        )


def _matrix(  # noqa: PLR0917  (the pieces the public function has worked out)
    kb: KnowledgeBase,
    stakeholders: tuple[Stakeholder, ...],
    events: tuple[Event, ...],
    roles: dict[tuple[str, str], tuple[Role, ...]],
    event: str | None,
    series: str | None,
) -> list[Block]:
    legend = BulletList(
        tuple(
            Paragraph.of(Strong(colon(str(number))), f" {words(member.title)} ({date_range(member.start, member.end)})")
            for number, member in enumerate(events, start=1)
        ),
    )
    rows = tuple(
        (
            Paragraph.of(stakeholder_name(kb, stakeholder.id)),
            *(
                Paragraph.of(", ".join(label(role).lower() for role in roles.get((stakeholder.id, member.id), ())))
                for member in events
            ),
        )
        for stakeholder in stakeholders
    )
    blocks: list[Block] = (
        [Paragraph.of(Strong(colon(_("Showing"))), f" {scope}.")] if (scope := _scope(kb, event, series)) else []
    )
    if not stakeholders or not events:
        blocks.append(Paragraph.of(_("The record holds no stakeholders or no events to cross.")))
    else:
        header = (_("Stakeholder"), *(str(number) for number in range(1, len(events) + 1)))
        matrix = Table(header=header, rows=rows, row_headers=True, caption=_("Roles by stakeholder and event"))
        totals = _totals(kb, stakeholders, event, series)
        blocks += [Section(_("Events"), (legend,)), Section(_("Matrix"), (matrix,)), totals]
    return blocks


def _scope(kb: KnowledgeBase, event: str | None, series: str | None) -> str:
    shown = []
    if event is not None:
        shown.append(_("{event} and its sessions").format(event=event_line(kb, event)))
    if series is not None:
        shown.append(_("the editions of the {series}").format(series=series))
    return "; ".join(shown)


def _totals(kb: KnowledgeBase, stakeholders: tuple[Stakeholder, ...], event: str | None, series: str | None) -> Section:
    kinds, countries = tally(stakeholders)
    country_rows = tuple(
        (Paragraph.of(country_name(code) if code else _("No country (international)")), Paragraph.of(str(count)))
        for code, count in countries
    )
    bars = tuple((label(kind), count) for kind, count in kinds)
    blocks: list[Block] = [
        Chart(_("Stakeholders by kind"), bars, _("stakeholders"), _("Kind")),
        Table(
            header=(_("Country"), _("Stakeholders")),
            rows=country_rows,
            row_headers=True,
            caption=_("Stakeholders by country"),
        ),
        *localisation_paragraph(stakeholder_mix(kb, event, series=series)),
    ]
    return Section(_("Totals"), tuple(blocks))
