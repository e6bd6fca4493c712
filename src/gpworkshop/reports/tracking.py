"""The commitment tracker: where every commitment stands, what is overdue or stale, and its history."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from gpworkshop._collector import collector_paused
from gpworkshop.analysis import CommitmentStanding, commitment_standing, edition_follow_up
from gpworkshop.model import Event, KnowledgeBase
from gpworkshop.reports._parts import (
    colon,
    commitment_terms,
    event_line,
    fact,
    fallback_note,
    headline,
    owners,
    record,
    source_text,
    stakeholder_name,
    words,
)
from gpworkshop.reports._wording import date_range, label, ordinal
from gpworkshop.reports.document import (
    Block,
    BulletList,
    Chart,
    Document,
    Note,
    Paragraph,
    Section,
    Strong,
    Table,
    percentage,
)
from gpworkshop.reports.language import gettext as _
from gpworkshop.reports.language import n_, ngettext, speaking
from gpworkshop.vocab import CommitmentStatus

__all__ = ["commitment_tracker"]


@collector_paused
def commitment_tracker(
    kb: KnowledgeBase,
    *,
    as_of: dt.date | None = None,
    stakeholder: str | None = None,
    event: str | None = None,
    series: str | None = None,
    status: CommitmentStatus | None = None,
    lang: str | None = None,
) -> Document:
    """Every commitment across events as it stood on *as_of* (today if not given).

    Overdue, stale and not-SMART commitments are flagged; each commitment shows
    its progress history and its endorsements over time. The filters narrow
    the tracker to the commitments a stakeholder made or endorsed, those made
    at an event (with its sessions) or a series, or those with a status.
    When a series is given, the tracker ends with what became of each
    edition's commitments by the next edition. *lang* is the language to
    write it in (see :mod:`~gpworkshop.reports.language`), English by default.

    >>> import datetime as dt
    >>> import gpworkshop as gw
    >>> from gpworkshop import reports
    >>> kb = gw.load("examples/regional-symposium-2023")
    >>> doc = reports.commitment_tracker(kb, as_of=dt.date(2025, 1, 1))
    >>> doc.subtitle
    'Standing as of 1 January 2025'
    """
    day = as_of or dt.date.today()
    standings = commitment_standing(kb, as_of=day, stakeholder=stakeholder, event=event, series=series, status=status)
    with speaking(lang, record=kb.language) as wording:
        filters = _filters(kb, stakeholder=stakeholder, event=event, series=series, status=status)
        blocks: list[Block] = []
        if filters:
            blocks.append(Paragraph.of(Strong(colon(_("Showing"))), " " + "; ".join(filters) + "."))
        if not standings:
            blocks.append(Paragraph.of(_("No commitment matches.")))
        else:
            blocks += _summary(standings)
            details: tuple[Block, ...] = (_overview(kb, standings), *(_detail(kb, s) for s in standings))
            blocks.append(Section(_("Commitments"), details))
        if series is not None:
            blocks.append(_follow_up(kb, series, day))
        blocks.extend(fallback_note(wording))
        return Document(
            title=_("Commitment tracker"),
            subtitle=_("Standing as of {day}").format(day=date_range(day, None)),
            blocks=tuple(blocks),
            language=wording.language,
            linked_data=_linked_data(kb, [standing.event for standing in standings]),
        )


def _linked_data(kb: KnowledgeBase, events: list[Event]) -> str | None:
    """The schema.org data of the events the tracked commitments were made at, their commitments among it."""
    if not events:
        return None
    from gpworkshop.formats.jsonld import script  # noqa: PLC0415  (the JSON-LD writer is needed only here)

    return script(kb, events)


def _filters(
    kb: KnowledgeBase,
    *,
    stakeholder: str | None,
    event: str | None,
    series: str | None,
    status: CommitmentStatus | None,
) -> list[str]:
    shown = []
    if stakeholder is not None:
        shown.append(_("commitments made or endorsed by {name}").format(name=stakeholder_name(kb, stakeholder)))
    if event is not None:
        shown.append(_("made at {event} and its sessions").format(event=event_line(kb, event)))
    if series is not None:
        shown.append(_("made at the {series}").format(series=series))
    if status is not None:
        shown.append(_("with the status {status}").format(status=label(status).lower()))
    return shown


def _summary(standings: tuple[CommitmentStanding, ...]) -> list[Block]:
    counts = Counter(s.status for s in standings)
    bars = tuple((label(state), counts[state]) for state in CommitmentStatus if counts[state])
    flags = [
        (sum(s.overdue for s in standings), _("overdue: open and past the due date")),
        (sum(s.stale for s in standings), _("stale: open with no news for over a year")),
        (sum(bool(s.gaps) for s in standings), _("not SMART: no due date, or no deliverable or indicator")),
    ]
    items = tuple(Paragraph.of(Strong(str(count)), f" {text}") for count, text in flags)
    total = len(standings)
    lead = Paragraph.of(
        ngettext("{count} commitment, of which:", "{count} commitments, of which:", total).format(count=total)
    )
    chart = Chart(_("Commitments by status"), bars, _("commitments"), _("Status"))
    return [chart, lead, BulletList(items)]


def _flags(standing: CommitmentStanding) -> str:
    flags = []
    if standing.overdue:
        flags.append(_("overdue"))
    if standing.stale:
        flags.append(_("stale"))
    if standing.gaps:
        flags.append(_("not SMART"))
    return ", ".join(flags)


def _overview(kb: KnowledgeBase, standings: tuple[CommitmentStanding, ...]) -> Table:
    rows = tuple(
        (
            Paragraph.of(headline(words(s.commitment.text), 60)),
            Paragraph.of(words(s.event.title)),
            Paragraph.of(owners(kb, s.commitment)),
            Paragraph.of(date_range(s.commitment.due, None) if s.commitment.due else "–"),
            Paragraph.of(label(s.status)),
            Paragraph.of(_flags(s) or "–"),
        )
        for s in standings
    )
    header = (_("Commitment"), _("Made at"), _("By"), _("Due"), _("Status"), _("Flags"))
    return Table(header=header, rows=rows, row_headers=True, caption=_("Overview"))


def _detail(kb: KnowledgeBase, standing: CommitmentStanding) -> Section:
    commitment = standing.commitment
    facts = [
        fact(_("Made at"), event_line(kb, standing.event.id)),
        fact(_("Made by"), owners(kb, commitment)),
        fact(_("Kind"), label(commitment.kind)),
        fact(_("Status"), label(standing.status)),
        *commitment_terms(commitment),
    ]
    blocks: list[Block] = [Paragraph.of(record(commitment.text)), BulletList(tuple(facts))]
    if standing.overdue and commitment.due is not None:
        overdue = _("Overdue: due on {day} and still open.").format(day=date_range(commitment.due, None))
        blocks.append(Note(Paragraph.of(overdue), "warning"))
    if standing.stale:
        news = _("No progress reported since {day}.").format(day=date_range(standing.last_news, None))
        blocks.append(Note(Paragraph.of(news), "warning"))
    if standing.gaps:
        blocks.append(Note(Paragraph.of(_(_NOT_SMART[standing.gaps]))))
    if commitment.progress:
        rows = tuple(
            (
                Paragraph.of(date_range(update.on, None)),
                Paragraph.of(label(update.status)),
                Paragraph.of(percentage(update.percent, 100) if update.percent is not None else "–"),
                Paragraph.of(record(update.note) if update.note else "–"),
                Paragraph.of(source_text(kb, update.source) if update.source else "–"),
            )
            for update in commitment.progress
        )
        header = (_("Date"), _("Status"), _("Done"), _("Note"), _("Reported by"))
        blocks.append(Table(header=header, rows=rows, caption=_("Progress")))
    if commitment.endorsements:
        ordered = sorted(commitment.endorsements, key=lambda e: (e.on is None, e.on or dt.date.min))
        endorsements = tuple(
            (
                Paragraph.of(date_range(e.on, None) if e.on else _("date not recorded")),
                Paragraph.of(stakeholder_name(kb, e.stakeholder)),
            )
            for e in ordered
        )
        blocks.append(
            Table(header=(_("Endorsed on"), _("Endorser")), rows=endorsements, caption=_("Endorsements over time"))
        )
    return Section(headline(words(commitment.text)), tuple(blocks))


def _follow_up(kb: KnowledgeBase, series: str, day: dt.date) -> Section:
    blocks: list[Block] = []
    for follow_up in edition_follow_up(kb, series, as_of=day):
        edition = follow_up.edition
        if edition.edition:
            name = _("{ordinal} edition").format(ordinal=ordinal(edition.edition))
        else:
            name = words(edition.title)
        when = follow_up.next_edition.start if follow_up.next_edition else day
        by_then = _("by the next edition") if follow_up.next_edition else _("so far")
        counts = Counter(s.status for s in follow_up.commitments)
        summary = ", ".join(f"{counts[state]} {label(state).lower()}" for state in CommitmentStatus if counts[state])
        count = len(follow_up.commitments)
        made = ngettext("{count} commitment", "{count} commitments", count).format(count=count)
        text = f"{made}; {by_then} ({date_range(when, None)}): {summary or _('none')}."
        heading = f"{name} ({date_range(edition.start, edition.end)})"
        blocks.append(Paragraph.of(Strong(colon(heading)), f" {text}"))
    if not blocks:
        blocks.append(Paragraph.of(_("No event of the series {series} is recorded.").format(series=repr(series))))
    return Section(_("Follow-up across editions"), tuple(blocks))


#: What a commitment that is not SMART lacks, as a note.
_NOT_SMART = {
    ("due date",): n_("Not SMART: no due date."),
    ("deliverable or indicator",): n_("Not SMART: no deliverable or indicator."),
    ("due date", "deliverable or indicator"): n_("Not SMART: no due date and no deliverable or indicator."),
}
