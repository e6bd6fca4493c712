"""The commitment tracker: where every commitment stands, what is overdue or stale, and its history."""

from __future__ import annotations

import datetime as dt
from collections import Counter

from gpworkshop._collector import collector_paused
from gpworkshop._wording import plural
from gpworkshop.analysis import CommitmentStanding, commitment_standing, edition_follow_up
from gpworkshop.model import KnowledgeBase
from gpworkshop.reports._parts import (
    commitment_terms,
    event_line,
    fact,
    headline,
    owners,
    source_text,
    stakeholder_name,
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
)
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
) -> Document:
    """Every commitment across events as it stood on *as_of* (today if not given).

    Overdue, stale and not-SMART commitments are flagged; each commitment shows
    its progress history and its endorsements over time. The filters narrow
    the tracker to the commitments a stakeholder made or endorsed, those made
    at an event (with its sessions) or a series, or those with a status.
    When a series is given, the tracker ends with what became of each
    edition's commitments by the next edition.

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
    filters = _filters(kb, stakeholder=stakeholder, event=event, series=series, status=status)
    blocks: list[Block] = []
    if filters:
        blocks.append(Paragraph.of(Strong("Showing:"), " " + "; ".join(filters) + "."))
    if not standings:
        blocks.append(Paragraph.of("No commitment matches."))
    else:
        blocks += _summary(standings)
        blocks.append(Section("Commitments", (_overview(kb, standings), *(_detail(kb, s) for s in standings))))
    if series is not None:
        blocks.append(_follow_up(kb, series, day))
    return Document(
        title="Commitment tracker", subtitle=f"Standing as of {date_range(day, None)}", blocks=tuple(blocks)
    )


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
        shown.append(f"commitments made or endorsed by {stakeholder_name(kb, stakeholder)}")
    if event is not None:
        shown.append(f"made at {event_line(kb, event)} and its sessions")
    if series is not None:
        shown.append(f"made at the {series}")
    if status is not None:
        shown.append(f"with the status {label(status).lower()}")
    return shown


def _summary(standings: tuple[CommitmentStanding, ...]) -> list[Block]:
    counts = Counter(s.status for s in standings)
    bars = tuple((label(state), counts[state]) for state in CommitmentStatus if counts[state])
    flags = [
        (sum(s.overdue for s in standings), "overdue: open and past the due date"),
        (sum(s.stale for s in standings), "stale: open with no news for over a year"),
        (sum(bool(s.gaps) for s in standings), "not SMART: no due date, or no deliverable or indicator"),
    ]
    items = tuple(Paragraph.of(Strong(str(count)), f" {text}") for count, text in flags)
    total = len(standings)
    lead = Paragraph.of(f"{plural(total, 'commitment')}, of which:")
    return [Chart("Commitments by status", bars, "commitments", "Status"), lead, BulletList(items)]


def _flags(standing: CommitmentStanding) -> str:
    flags = []
    if standing.overdue:
        flags.append("overdue")
    if standing.stale:
        flags.append("stale")
    if standing.gaps:
        flags.append("not SMART")
    return ", ".join(flags)


def _overview(kb: KnowledgeBase, standings: tuple[CommitmentStanding, ...]) -> Table:
    rows = tuple(
        (
            Paragraph.of(headline(s.commitment.text, 60)),
            Paragraph.of(s.event.title),
            Paragraph.of(owners(kb, s.commitment)),
            Paragraph.of(date_range(s.commitment.due, None) if s.commitment.due else "–"),
            Paragraph.of(label(s.status)),
            Paragraph.of(_flags(s) or "–"),
        )
        for s in standings
    )
    header = ("Commitment", "Made at", "By", "Due", "Status", "Flags")
    return Table(header=header, rows=rows, row_headers=True, caption="Overview")


def _detail(kb: KnowledgeBase, standing: CommitmentStanding) -> Section:
    commitment = standing.commitment
    facts = [
        fact("Made at", event_line(kb, standing.event.id)),
        fact("Made by", owners(kb, commitment)),
        fact("Kind", label(commitment.kind)),
        fact("Status", label(standing.status)),
        *commitment_terms(commitment),
    ]
    blocks: list[Block] = [Paragraph.of(" ".join(commitment.text.split())), BulletList(tuple(facts))]
    if standing.overdue and commitment.due is not None:
        overdue = f"Overdue: due on {date_range(commitment.due, None)} and still open."
        blocks.append(Note(Paragraph.of(overdue), "warning"))
    if standing.stale:
        news = f"No progress reported since {date_range(standing.last_news, None)}."
        blocks.append(Note(Paragraph.of(news), "warning"))
    if standing.gaps:
        blocks.append(Note(Paragraph.of(f"Not SMART: no {' and no '.join(standing.gaps)}.")))
    if commitment.progress:
        rows = tuple(
            (
                Paragraph.of(date_range(update.on, None)),
                Paragraph.of(label(update.status)),
                Paragraph.of(f"{update.percent}%" if update.percent is not None else "–"),
                Paragraph.of(update.note or "–"),
                Paragraph.of(source_text(kb, update.source) if update.source else "–"),
            )
            for update in commitment.progress
        )
        header = ("Date", "Status", "Done", "Note", "Reported by")
        blocks.append(Table(header=header, rows=rows, caption="Progress"))
    if commitment.endorsements:
        ordered = sorted(commitment.endorsements, key=lambda e: (e.on is None, e.on or dt.date.min))
        endorsements = tuple(
            (
                Paragraph.of(date_range(e.on, None) if e.on else "date not recorded"),
                Paragraph.of(stakeholder_name(kb, e.stakeholder)),
            )
            for e in ordered
        )
        blocks.append(Table(header=("Endorsed on", "Endorser"), rows=endorsements, caption="Endorsements over time"))
    return Section(headline(commitment.text), tuple(blocks))


def _follow_up(kb: KnowledgeBase, series: str, day: dt.date) -> Section:
    blocks: list[Block] = []
    for follow_up in edition_follow_up(kb, series, as_of=day):
        edition = follow_up.edition
        name = f"{ordinal(edition.edition)} edition" if edition.edition else edition.title
        when = follow_up.next_edition.start if follow_up.next_edition else day
        by_then = "by the next edition" if follow_up.next_edition else "so far"
        counts = Counter(s.status for s in follow_up.commitments)
        summary = ", ".join(f"{counts[state]} {label(state).lower()}" for state in CommitmentStatus if counts[state])
        made = plural(len(follow_up.commitments), "commitment")
        text = f"{made}; {by_then} ({date_range(when, None)}): {summary or 'none'}."
        blocks.append(Paragraph.of(Strong(f"{name} ({date_range(edition.start, edition.end)}):"), f" {text}"))
    if not blocks:
        blocks.append(Paragraph.of(f"No event of the series {series!r} is recorded."))
    return Section("Follow-up across editions", tuple(blocks))
