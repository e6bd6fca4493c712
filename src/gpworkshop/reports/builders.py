"""Report builders: pure functions from a knowledge base to a :class:`~gpworkshop.reports.document.Document`.

>>> import gpworkshop as gw
>>> from gpworkshop import reports
>>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
>>> doc = reports.outcome_report(kb, "busan-gp-workshop-2014")
>>> [section.title for section in doc.blocks if isinstance(section, reports.Section)]
['Objectives', 'Participants', 'Takeaways', 'Resources']
"""

from __future__ import annotations

from collections.abc import Iterable

from gpworkshop.errors import UnknownIdError
from gpworkshop.model import (
    Commitment,
    Event,
    KnowledgeBase,
    Objective,
    Participation,
    Resource,
    Source,
    Takeaway,
)
from gpworkshop.reports._wording import country_name, date_range, edition_phrase, label, place
from gpworkshop.reports.document import (
    Block,
    BulletList,
    Document,
    Emphasis,
    Inline,
    Link,
    Note,
    Paragraph,
    Section,
    Strong,
    Text,
)
from gpworkshop.vocab import Role, TakeawayKind

__all__ = ["outcome_report"]


def outcome_report(kb: KnowledgeBase, event_id: str) -> Document:
    """The outcome report of an event: what it was for, who took part, what came out of it.

    Sections appear only when the record has something for them: objectives,
    participants by role, takeaways grouped by the objective they answer,
    commitments, sessions (events that are part of this one) with their own
    outcomes, related events and resources.

    :raises UnknownIdError: if *kb* has no event *event_id*.
    """
    event = kb.event(event_id)
    blocks: list[Block] = [*_overview(kb, event), *_body(kb, event)]
    sessions = kb.sessions_of(event)
    if sessions:
        blocks.append(Section("Sessions", tuple(_session(kb, session) for session in sessions)))
    related = _related(kb, event)
    if related:
        blocks.append(Section("Related events", (BulletList(related),)))
    if event.resources:
        blocks.append(Section("Resources", (BulletList(tuple(_resource(resource) for resource in event.resources)),)))
    return Document(title=event.title, subtitle="Outcome report", blocks=tuple(blocks))


def _overview(kb: KnowledgeBase, event: Event) -> list[Block]:
    facts: list[tuple[str, str]] = [("Dates", date_range(event.start, event.end))]
    where = place(event.location)
    if where:
        facts.append(("Place", where))
    facts.append(("Format", label(event.format)))
    if event.categories:
        facts.append(("Categories", ", ".join(event.categories)))
    series = edition_phrase(event)
    if series:
        facts.append(("Series", series))
    if event.part_of:
        facts.append(("Part of", _event_title(kb, event.part_of)))
    if event.themes:
        facts.append(("Themes", ", ".join(event.themes)))
    if event.audience:
        facts.append(("Addressed to", ", ".join(label(group).lower() for group in event.audience)))
    if event.regions:
        facts.append(("Regions", ", ".join(event.regions)))
    blocks: list[Block] = [BulletList(tuple(Paragraph.of(Strong(f"{name}:"), f" {value}") for name, value in facts))]
    blocks.extend(_paragraphs(event.summary))
    return blocks


def _body(kb: KnowledgeBase, event: Event) -> list[Block]:
    """Objectives, participants, takeaways and commitments of one event."""
    blocks: list[Block] = []
    if event.objectives:
        items = tuple(_objective(objective) for objective in event.objectives)
        blocks.append(Section("Objectives", (BulletList(items, ordered=True),)))
    if event.participants:
        blocks.append(Section("Participants", tuple(_participants(kb, event.participants))))
    if event.takeaways:
        blocks.append(Section("Takeaways", tuple(_takeaways(kb, event))))
    if event.commitments:
        blocks.append(Section("Commitments", tuple(_commitment(kb, c) for c in event.commitments)))
    return blocks


def _session(kb: KnowledgeBase, session: Event) -> Section:
    lead: list[Inline | str] = [Strong(date_range(session.start, session.end)), f" · {label(session.format)}"]
    where = place(session.location)
    if where:
        lead.append(f" · {where}")
    blocks: list[Block] = [Paragraph.of(*lead), *_paragraphs(session.summary), *_body(kb, session)]
    nested = kb.sessions_of(session)
    if nested:
        blocks.append(Section("Sessions", tuple(_session(kb, inner) for inner in nested)))
    return Section(session.title, tuple(blocks))


def _paragraphs(text: str | None) -> list[Block]:
    if not text:
        return []
    return [Paragraph.of(" ".join(chunk.split())) for chunk in text.split("\n\n") if chunk.strip()]


def _objective(objective: Objective) -> Paragraph:
    parts: list[Inline | str] = [Strong(objective.title)]
    if objective.text:
        parts.append(f" — {' '.join(objective.text.split())}")
    tags = []
    if objective.principles:
        tags.append("Busan principles: " + "; ".join(label(p).lower() for p in objective.principles))
    if objective.sdgs:
        tags.append("SDGs: " + ", ".join(objective.sdgs))
    if tags:
        parts.extend([" ", Emphasis(f"({'; '.join(tags)})")])
    return Paragraph.of(*parts)


def _stakeholder_name(kb: KnowledgeBase, stakeholder_id: str) -> str:
    try:
        return kb.stakeholder(stakeholder_id).label
    except UnknownIdError:
        return stakeholder_id


def _event_title(kb: KnowledgeBase, event_id: str) -> str:
    try:
        return kb.event(event_id).title
    except UnknownIdError:
        return event_id


def _participants(kb: KnowledgeBase, participants: tuple[Participation, ...]) -> Iterable[Block]:
    for role in Role:
        items = [_participant(kb, p) for p in participants if role in p.roles]
        if items:
            yield Paragraph.of(Strong(_plural(role)))
            yield BulletList(tuple(items))


def _plural(role: Role) -> str:
    return f"{label(role)}s"


def _participant(kb: KnowledgeBase, participation: Participation) -> Paragraph:
    parts: list[Inline | str] = [Strong(_stakeholder_name(kb, participation.stakeholder))]
    try:
        stakeholder = kb.stakeholder(participation.stakeholder)
    except UnknownIdError:
        stakeholder = None
    if stakeholder is not None:
        about = [label(stakeholder.kind)]
        if stakeholder.country:
            about.append(country_name(stakeholder.country))
        parts.append(f" ({', '.join(about)})")
    if participation.people:
        parts.append(" — " + "; ".join(_person(p.name, p.title) for p in participation.people))
    return Paragraph.of(*parts)


def _person(name: str, title: str | None) -> str:
    return f"{name}, {title}" if title else name


def _takeaways(kb: KnowledgeBase, event: Event) -> Iterable[Block]:
    if not event.objectives:
        yield BulletList(tuple(_takeaway(kb, t) for t in event.takeaways))
        return
    known = {objective.id for objective in event.objectives}
    for number, objective in enumerate(event.objectives, start=1):
        answering = [t for t in event.takeaways if objective.id in t.objectives]
        if answering:
            title = f"Objective {number}: {objective.title}"
            yield Section(title, (BulletList(tuple(_takeaway(kb, t) for t in answering)),))
    others = [t for t in event.takeaways if not known.intersection(t.objectives)]
    if others:
        yield Section("Other takeaways", (BulletList(tuple(_takeaway(kb, t) for t in others)),))
    answered = {objective for t in event.takeaways for objective in t.objectives}
    unanswered = [
        f"{number} ({objective.title})"
        for number, objective in enumerate(event.objectives, start=1)
        if objective.id not in answered
    ]
    if unanswered:
        noun = "objective" if len(unanswered) == 1 else "objectives"
        yield Note(Paragraph.of(f"No takeaway is recorded for {noun} {'; '.join(unanswered)}."))


def _takeaway(kb: KnowledgeBase, takeaway: Takeaway) -> Paragraph:
    text = " ".join(takeaway.text.split())
    parts: list[Inline | str] = [Strong(f"{label(takeaway.kind)}:"), " "]
    parts.append(Emphasis(f"“{text}”") if takeaway.kind is TakeawayKind.QUOTE else text)
    if takeaway.source is not None:
        parts.append(f" — {_source(kb, takeaway.source)}")
    return Paragraph.of(*parts)


def _source(kb: KnowledgeBase, source: Source) -> str:
    names = []
    if source.person is not None:
        names.append(_person(source.person.name, source.person.title))
    if source.stakeholder is not None:
        names.append(_stakeholder_name(kb, source.stakeholder))
    return ", ".join(names)


def _commitment(kb: KnowledgeBase, commitment: Commitment) -> Section:
    details: list[Paragraph] = [
        Paragraph.of(Strong("Made by:"), " " + "; ".join(_stakeholder_name(kb, s) for s in commitment.by)),
        Paragraph.of(Strong("Status:"), f" {label(commitment.status)}"),
    ]
    if commitment.endorsements:
        endorsers = "; ".join(
            _stakeholder_name(kb, e.stakeholder) + (f" ({date_range(e.on, None)})" if e.on else "")
            for e in commitment.endorsements
        )
        details.append(Paragraph.of(Strong("Endorsed by:"), f" {endorsers}"))
    for name, value in (("Made on", commitment.made_on), ("Due", commitment.due)):
        if value is not None:
            details.append(Paragraph.of(Strong(f"{name}:"), f" {date_range(value, None)}"))
    for name, text in (("Deliverable", commitment.deliverable), ("Indicator", commitment.indicator)):
        if text:
            details.append(Paragraph.of(Strong(f"{name}:"), f" {text}"))
    if commitment.progress:
        latest = commitment.progress[-1]
        note = f": {latest.note}" if latest.note else ""
        done = f", {latest.percent}%" if latest.percent is not None else ""
        details.append(
            Paragraph.of(
                Strong("Latest progress:"), f" {date_range(latest.on, None)} — {label(latest.status)}{done}{note}"
            )
        )
    title = f"{label(commitment.kind)}: {_headline(commitment.text)}"
    return Section(title, (Paragraph.of(" ".join(commitment.text.split())), BulletList(tuple(details))))


def _headline(text: str, limit: int = 80) -> str:
    words = " ".join(text.split())
    first = words.split(". ")[0].rstrip(".")
    if len(first) <= limit:
        return first
    return first[: limit - 1].rsplit(" ", 1)[0] + "…"


def _related(kb: KnowledgeBase, event: Event) -> tuple[Paragraph, ...]:
    items = [
        Paragraph.of(Strong(f"{label(relation.relation)}:"), f" {_event_line(kb, relation.event)}")
        for relation in event.related
    ]
    for other in kb.events:
        for relation in other.related:
            if relation.event == event.id:
                verb = _INVERSE[relation.relation.value]
                items.append(Paragraph.of(Strong(f"{verb}:"), f" {_event_line(kb, other.id)}"))
    return tuple(items)


_INVERSE = {
    "prepares": "Prepared by",
    "follows-up": "Followed up by",
    "reviews": "Reviewed by",
    "continues": "Continued by",
}


def _event_line(kb: KnowledgeBase, event_id: str) -> str:
    try:
        other = kb.event(event_id)
    except UnknownIdError:
        return event_id
    return f"{other.title} ({date_range(other.start, other.end)})"


def _resource(resource: Resource) -> Paragraph:
    kind = Strong(f"{label(resource.kind)}:")
    if resource.url:
        return Paragraph.of(kind, " ", Link(resource.title, resource.url))
    return Paragraph.of(kind, " ", Text(resource.title))
