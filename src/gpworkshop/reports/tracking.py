"""The commitment tracker: where every commitment stands, what is overdue or stale, and its history."""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections import Counter

from gpworkshop._collector import collector_paused
from gpworkshop.analysis import CommitmentStanding, commitment_standing, edition_follow_up
from gpworkshop.model import Event, KnowledgeBase, ProgressUpdate
from gpworkshop.reports import _nodes as nodes
from gpworkshop.reports._parts import (
    colon,
    cut,
    event_line,
    fallback_note,
    first_sentence,
    record_text,
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
    percentage,
)
from gpworkshop.reports.language import gettext as _
from gpworkshop.reports.language import n_, ngettext, speaking
from gpworkshop.vocab import CommitmentKind, CommitmentStatus, Vocabulary

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
            blocks.append(_Tracking(kb).commitments(standings))
        if series is not None:
            blocks.append(_follow_up(kb, series, day))
        blocks.extend(fallback_note(wording))
        document = Document(
            title=_("Commitment tracker"),
            subtitle=_("Standing as of {day}").format(day=date_range(day, None)),
            blocks=tuple(blocks),
            language=wording.language,
            date=day,
        )
    if not standings:
        return document
    # The data of thousands of events takes as long to write as the rest: it is written when first read, as a
    # page in HTML reads it and the other formats do not.
    events = tuple({standing.event.id: standing.event for standing in standings}.values())
    return nodes.linked_later(document, functools.partial(_linked_data, kb, events))


@collector_paused
def _linked_data(kb: KnowledgeBase, events: tuple[Event, ...]) -> str:
    """The schema.org data of the events the tracked commitments were made at, their commitments among it."""
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


class _Tracking:
    """The overview and a section per commitment, made once for all the commitments of one tracker.

    Trackers run to thousands of commitments, each with a few dozen document nodes. The fixed words are
    translated once, and the names, dates, labels, cells, facts and notes that commitments share are made once
    and shared, looked up by the record's values they show: document nodes are immutable. Every text is
    printable as made, so the nodes are made without cleaning.
    """

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb
        made_at, made_by, kind, status = _("Made at"), _("Made by"), _("Kind"), _("Status")
        made_on, due, deliverable, indicator = _("Made on"), _("Due"), _("Deliverable"), _("Indicator")
        self.labels = {
            name: nodes.strong(colon(name))
            for name in (made_at, made_by, kind, status, made_on, due, deliverable, indicator)
        }
        self.made_at, self.made_by, self.made_on, self.due = made_at, made_by, made_on, due
        self.deliverable, self.indicator = deliverable, indicator
        self.overdue = _("Overdue: due on {day} and still open.")
        self.no_news = _("No progress reported since {day}.")
        self.not_smart = {gaps: nodes.note(nodes.text_paragraph(_(message))) for gaps, message in _NOT_SMART.items()}
        self.overview_header = (_("Commitment"), _("Made at"), _("By"), _("Due"), _("Status"), _("Flags"))
        self.progress_header = (_("Date"), _("Status"), _("Done"), _("Note"), _("Reported by"))
        self.endorsements_header = (_("Endorsed on"), _("Endorser"))
        self.progress, self.endorsed = _("Progress"), _("Endorsements over time")
        self.undated = _("date not recorded")
        self.space = nodes.text(" ")
        self.cells: dict[str, Paragraph] = {}
        self.facts: dict[tuple[str, str], Paragraph] = {}
        self.days: dict[dt.date, str] = {}
        self.names: dict[str, str] = {}
        self.dash = self.cell("–")
        labels: dict[Vocabulary, str] = {member: label(member) for member in (*CommitmentStatus, *CommitmentKind)}
        self.status_cells = {state: self.cell(labels[state]) for state in CommitmentStatus}
        self.status_facts = {state: self.fact(status, labels[state]) for state in CommitmentStatus}
        self.kind_facts = {sort: self.fact(kind, labels[sort]) for sort in CommitmentKind}
        words_of = (_("overdue"), _("stale"), _("not SMART"))
        self.flag_cells = {
            flagged: self.cell(", ".join([word for word, on in zip(words_of, flagged, strict=True) if on]) or "–")
            for flagged in itertools.product((False, True), repeat=3)
        }
        # What is shared, by the record's values it shows.
        self.title_cells: dict[str, Paragraph] = {}
        self.owner_cells: dict[tuple[str, ...], Paragraph] = {}
        self.day_cells: dict[dt.date, Paragraph] = {}
        self.percent_cells: dict[int | None, Paragraph] = {}
        self.place_facts: dict[str, Paragraph] = {}
        self.owner_facts: dict[tuple[str, ...], Paragraph] = {}
        self.made_on_facts: dict[dt.date, Paragraph] = {}
        self.due_facts: dict[dt.date, Paragraph] = {}
        self.overdue_notes: dict[dt.date, Note] = {}
        self.no_news_notes: dict[dt.date, Note] = {}
        self.progress_rows: dict[tuple[dt.date, CommitmentStatus, int | None], tuple[Paragraph, ...]] = {}

    def commitments(self, standings: tuple[CommitmentStanding, ...]) -> Section:
        """The section of every commitment: the overview table, then one section each."""
        rows = []
        details: list[Block] = []
        for standing in standings:
            said = record_text(standing.commitment.text)
            first = first_sentence(said[0])
            rows.append(self.overview_row(standing, cut(first, 60)))
            details.append(self.detail(standing, cut(first, 80), said))
        overview = nodes.table(self.overview_header, tuple(rows), row_headers=True, caption=_("Overview"))
        return nodes.section(_("Commitments"), (overview, *details))

    def cell(self, text: str) -> Paragraph:
        """A cell of *text*, shared by every cell that shows it."""
        found = self.cells.get(text)
        if found is None:
            found = self.cells[text] = nodes.text_paragraph(text)
        return found

    def fact(self, name: str, value: str) -> Paragraph:
        """:func:`~gpworkshop.reports._parts.fact`, shared by the commitments that state it."""
        found = self.facts.get((name, value))
        if found is None:
            found = self.facts[name, value] = nodes.paragraph(self.labels[name], nodes.text(f" {value}"))
        return found

    def day(self, day: dt.date) -> str:
        found = self.days.get(day)
        if found is None:
            found = self.days[day] = date_range(day, None)
        return found

    def name(self, stakeholder_id: str) -> str:
        found = self.names.get(stakeholder_id)
        if found is None:
            found = self.names[stakeholder_id] = stakeholder_name(self.kb, stakeholder_id)
        return found

    # Each of these makes what its dictionary lacks, and keeps it there.

    def owners(self, by: tuple[str, ...]) -> str:
        return "; ".join([self.name(owner) for owner in by])

    def title_cell(self, event: Event) -> Paragraph:
        found = self.title_cells[event.id] = self.cell(words(event.title))
        return found

    def owner_cell(self, by: tuple[str, ...]) -> Paragraph:
        found = self.owner_cells[by] = self.cell(self.owners(by))
        return found

    def day_cell(self, day: dt.date) -> Paragraph:
        found = self.day_cells[day] = self.cell(self.day(day))
        return found

    def percent_cell(self, percent: int | None) -> Paragraph:
        found = self.percent_cells[percent] = self.cell(percentage(percent, 100) if percent is not None else "–")
        return found

    def place_fact(self, event: Event) -> Paragraph:
        found = self.place_facts[event.id] = self.fact(self.made_at, event_line(self.kb, event.id))
        return found

    def owner_fact(self, by: tuple[str, ...]) -> Paragraph:
        found = self.owner_facts[by] = self.fact(self.made_by, self.owners(by))
        return found

    def made_on_fact(self, day: dt.date) -> Paragraph:
        found = self.made_on_facts[day] = self.fact(self.made_on, self.day(day))
        return found

    def due_fact(self, day: dt.date) -> Paragraph:
        found = self.due_facts[day] = self.fact(self.due, self.day(day))
        return found

    def overdue_note(self, due: dt.date) -> Note:
        text = self.overdue.format(day=self.day(due))
        found = self.overdue_notes[due] = nodes.note(nodes.text_paragraph(text), "warning")
        return found

    def no_news_note(self, last: dt.date) -> Note:
        text = self.no_news.format(day=self.day(last))
        found = self.no_news_notes[last] = nodes.note(nodes.text_paragraph(text), "warning")
        return found

    def overview_row(self, standing: CommitmentStanding, headline: str) -> tuple[Paragraph, ...]:
        commitment, event, due = standing.commitment, standing.event, standing.commitment.due
        return (
            nodes.text_paragraph(headline),
            self.title_cells.get(event.id) or self.title_cell(event),
            self.owner_cells.get(commitment.by) or self.owner_cell(commitment.by),
            self.dash if due is None else self.day_cells.get(due) or self.day_cell(due),
            self.status_cells[standing.status],
            self.flag_cells[standing.overdue, standing.stale, bool(standing.gaps)],
        )

    def progress_row(self, update: ProgressUpdate) -> tuple[Paragraph, ...]:
        """The row of a progress update; shared by the updates of the same day, status and share, when bare."""
        bare = not update.note and not update.source
        if bare:
            found = self.progress_rows.get((update.on, update.status, update.percent))
            if found is not None:
                return found
        row = (
            self.day_cells.get(update.on) or self.day_cell(update.on),
            self.status_cells[update.status],
            self.percent_cells.get(update.percent) or self.percent_cell(update.percent),
            nodes.text_paragraph(*record_text(update.note)) if update.note else self.dash,
            self.cell(source_text(self.kb, update.source)) if update.source else self.dash,
        )
        if bare:
            self.progress_rows[update.on, update.status, update.percent] = row
        return row

    def detail(self, standing: CommitmentStanding, headline: str, said: tuple[str, str | None]) -> Section:
        """The section of one commitment, under *headline*; *said* is its text as :func:`record_text` gives it."""
        commitment, event = standing.commitment, standing.event
        facts = [
            self.place_facts.get(event.id) or self.place_fact(event),
            self.owner_facts.get(commitment.by) or self.owner_fact(commitment.by),
            self.kind_facts[commitment.kind],
            self.status_facts[standing.status],
        ]
        made_on, due = commitment.made_on, commitment.due
        if made_on is not None:
            facts.append(self.made_on_facts.get(made_on) or self.made_on_fact(made_on))
        if due is not None:
            facts.append(self.due_facts.get(due) or self.due_fact(due))
        for name, value in ((self.deliverable, commitment.deliverable), (self.indicator, commitment.indicator)):
            if value:
                text, tag = record_text(value)
                facts.append(nodes.paragraph(self.labels[name], self.space, nodes.text(text, tag)))
        blocks: list[Block] = [nodes.text_paragraph(*said), nodes.bullets(tuple(facts))]
        if standing.overdue and due is not None:
            blocks.append(self.overdue_notes.get(due) or self.overdue_note(due))
        if standing.stale:
            last = standing.last_news
            blocks.append(self.no_news_notes.get(last) or self.no_news_note(last))
        if standing.gaps:
            blocks.append(self.not_smart[standing.gaps])
        if commitment.progress:
            rows = tuple([self.progress_row(update) for update in commitment.progress])
            blocks.append(nodes.table(self.progress_header, rows, caption=self.progress))
        if commitment.endorsements:
            ordered = sorted(commitment.endorsements, key=lambda e: (e.on is None, e.on or dt.date.min))
            endorsements = tuple(
                (
                    (self.day_cells.get(e.on) or self.day_cell(e.on)) if e.on else self.cell(self.undated),
                    self.cell(self.name(e.stakeholder)),
                )
                for e in ordered
            )
            blocks.append(nodes.table(self.endorsements_header, endorsements, caption=self.endorsed))
        return nodes.section(headline, tuple(blocks))


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
