"""Pieces that several reports share: names, dates, takeaways, commitment details."""

from __future__ import annotations

from gpworkshop.analysis import StakeholderMix
from gpworkshop.errors import UnknownIdError
from gpworkshop.model import Commitment, KnowledgeBase, Objective, Source, Takeaway
from gpworkshop.reports._wording import date_range, label
from gpworkshop.reports.document import (
    Block,
    BulletList,
    Emphasis,
    Inline,
    Paragraph,
    Section,
    Strong,
    percentage,
)
from gpworkshop.vocab import TakeawayKind

__all__ = [
    "commitment_section",
    "commitment_terms",
    "event_line",
    "event_title",
    "fact",
    "headline",
    "localisation_paragraph",
    "objective_item",
    "owners",
    "paragraphs",
    "person",
    "source_text",
    "stakeholder_name",
    "takeaway_item",
]


def paragraphs(text: str | None) -> list[Block]:
    if not text:
        return []
    return [Paragraph.of(" ".join(chunk.split())) for chunk in text.split("\n\n") if chunk.strip()]


def objective_item(objective: Objective) -> Paragraph:
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


def stakeholder_name(kb: KnowledgeBase, stakeholder_id: str) -> str:
    try:
        return kb.stakeholder(stakeholder_id).label
    except UnknownIdError:
        return stakeholder_id


def event_title(kb: KnowledgeBase, event_id: str) -> str:
    try:
        return kb.event(event_id).title
    except UnknownIdError:
        return event_id


def person(name: str, title: str | None) -> str:
    return f"{name}, {title}" if title else name


def takeaway_item(kb: KnowledgeBase, takeaway: Takeaway) -> Paragraph:
    text = " ".join(takeaway.text.split())
    parts: list[Inline | str] = [Strong(f"{label(takeaway.kind)}:"), " "]
    parts.append(Emphasis(f"“{text}”") if takeaway.kind is TakeawayKind.QUOTE else text)
    if takeaway.source is not None:
        parts.append(f" — {source_text(kb, takeaway.source)}")
    return Paragraph.of(*parts)


def source_text(kb: KnowledgeBase, source: Source) -> str:
    names = []
    if source.person is not None:
        names.append(person(source.person.name, source.person.title))
    if source.stakeholder is not None:
        names.append(stakeholder_name(kb, source.stakeholder))
    return ", ".join(names)


def fact(name: str, value: str) -> Paragraph:
    """A labelled fact: ``**Due:** 6 November 2015``."""
    return Paragraph.of(Strong(f"{name}:"), f" {value}")


def owners(kb: KnowledgeBase, commitment: Commitment) -> str:
    """The names of the stakeholders who made a commitment."""
    return "; ".join(stakeholder_name(kb, owner) for owner in commitment.by)


def commitment_terms(commitment: Commitment) -> list[Paragraph]:
    """When a commitment was made and is due, and what it delivers and is measured by, as far as recorded."""
    terms = [
        fact(name, date_range(day, None))
        for name, day in (("Made on", commitment.made_on), ("Due", commitment.due))
        if day is not None
    ]
    terms += [
        fact(name, text)
        for name, text in (("Deliverable", commitment.deliverable), ("Indicator", commitment.indicator))
        if text
    ]
    return terms


def commitment_section(kb: KnowledgeBase, commitment: Commitment) -> Section:
    details: list[Paragraph] = [fact("Made by", owners(kb, commitment)), fact("Status", label(commitment.status))]
    if commitment.endorsements:
        endorsers = "; ".join(
            stakeholder_name(kb, e.stakeholder) + (f" ({date_range(e.on, None)})" if e.on else "")
            for e in commitment.endorsements
        )
        details.append(fact("Endorsed by", endorsers))
    details += commitment_terms(commitment)
    if commitment.progress:
        latest = commitment.progress[-1]
        note = f": {latest.note}" if latest.note else ""
        done = f", {latest.percent}%" if latest.percent is not None else ""
        details.append(
            Paragraph.of(
                Strong("Latest progress:"), f" {date_range(latest.on, None)} — {label(latest.status)}{done}{note}"
            )
        )
    title = f"{label(commitment.kind)}: {headline(commitment.text)}"
    return Section(title, (Paragraph.of(" ".join(commitment.text.split())), BulletList(tuple(details))))


def headline(text: str, limit: int = 80) -> str:
    words = " ".join(text.split())
    first = words.split(". ")[0].rstrip(".")
    if len(first) <= limit:
        return first
    return first[: limit - 1].rsplit(" ", 1)[0] + "…"


def event_line(kb: KnowledgeBase, event_id: str) -> str:
    try:
        other = kb.event(event_id)
    except UnknownIdError:
        return event_id
    return f"{other.title} ({date_range(other.start, other.end)})"


def localisation_paragraph(mix: StakeholderMix) -> list[Block]:
    """How many local and national actors took part against international ones, when that can be told."""
    classified = mix.local_and_national + mix.international
    if not classified:
        return []
    unclassified = f", and {mix.unclassified} not classified (networks and others)" if mix.unclassified else ""
    share = percentage(mix.local_and_national, classified)
    text = (
        f" {mix.local_and_national} of {classified} stakeholders ({share}), against {mix.international} international"
    )
    return [Paragraph.of(Strong("Local and national actors:"), f"{text}{unclassified}.")]
