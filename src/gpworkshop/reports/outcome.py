"""The outcome report of an event: what it was for, who took part, what came out of it.

>>> import gpworkshop as gw
>>> from gpworkshop import reports
>>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
>>> doc = reports.outcome_report(kb, "busan-gp-workshop-2014")
>>> [section.title for section in doc.blocks if isinstance(section, reports.Section)]
['Objectives', 'Participants', 'Takeaways', 'Resources']
"""

from __future__ import annotations

from collections.abc import Iterable

from gpworkshop._collector import collector_paused
from gpworkshop.analysis import stakeholder_mix
from gpworkshop.errors import UnknownIdError
from gpworkshop.model import (
    Event,
    KnowledgeBase,
    Participation,
    Resource,
)
from gpworkshop.reports._parts import (
    colon,
    commitment_section,
    event_line,
    event_title,
    fact,
    fallback_note,
    localisation_paragraph,
    objective_item,
    paragraphs,
    person,
    record,
    stakeholder_name,
    takeaway_item,
    words,
)
from gpworkshop.reports._wording import country_name, date_range, edition_phrase, label, place, role_heading
from gpworkshop.reports.document import (
    Block,
    BulletList,
    Chart,
    Document,
    Inline,
    Link,
    Note,
    Paragraph,
    Section,
    Strong,
)
from gpworkshop.reports.language import gettext as _
from gpworkshop.reports.language import n_, ngettext, speaking, wording
from gpworkshop.vocab import Role

__all__ = ["outcome_report"]


@collector_paused
def outcome_report(kb: KnowledgeBase, event_id: str, *, lang: str | None = None) -> Document:
    """The outcome report of an event: what it was for, who took part, what came out of it.

    Sections appear only when the record has something for them: objectives,
    participants by role, takeaways grouped by the objective they answer,
    commitments, sessions (events that are part of this one) with their own
    outcomes, related events and resources. The event and its sessions come
    with it as schema.org linked data (:attr:`Document.linked_data`), which
    the HTML page embeds for search engines and portals.

    :param lang: the language to write the report in (see :mod:`~gpworkshop.reports.language`); English by default.
    :raises UnknownIdError: if *kb* has no event *event_id*.
    :raises LanguageError: for a language reports are not written in.
    """
    event = kb.event(event_id)
    with speaking(lang, record=kb.language) as wording:
        blocks: list[Block] = [*_overview(kb, event), *_body(kb, event)]
        sessions = kb.sessions_of(event)
        if sessions:
            blocks.append(Section(_("Sessions"), tuple(_session(kb, session) for session in sessions)))
        related = _related(kb, event)
        if related:
            blocks.append(Section(_("Related events"), (BulletList(related),)))
        if event.resources:
            items = tuple(_resource(resource) for resource in event.resources)
            blocks.append(Section(_("Resources"), (BulletList(items),)))
        title = words(event.title)
        blocks.extend(fallback_note(wording))
        # Imported here: the JSON writer loads when a report is built, not with the package.
        from gpworkshop.formats.jsonld import script  # noqa: PLC0415

        return Document(
            title=title,
            subtitle=_("Outcome report"),
            blocks=tuple(blocks),
            language=wording.language,
            linked_data=script(kb, event),
            date=event.start,
        )


def _overview(kb: KnowledgeBase, event: Event) -> list[Block]:
    facts: list[tuple[str, str]] = [(_("Dates"), date_range(event.start, event.end))]
    where = place(event.location)
    if where:
        facts.append((_("Place"), where))
    facts.append((_("Format"), label(event.format)))
    if event.categories:
        facts.append((_("Categories"), ", ".join(event.categories)))
    series = edition_phrase(event)
    if series:
        facts.append((_("Series"), series))
    if event.part_of:
        facts.append((_("Part of"), event_title(kb, event.part_of)))
    if event.themes:
        facts.append((_("Themes"), ", ".join(event.themes)))
    if event.audience:
        facts.append((_("Addressed to"), ", ".join(label(group).lower() for group in event.audience)))
    if event.regions:
        facts.append((_("Regions"), ", ".join(event.regions)))
    blocks: list[Block] = [BulletList(tuple(fact(name, value) for name, value in facts))]
    blocks.extend(paragraphs(event.summary))
    return blocks


def _body(kb: KnowledgeBase, event: Event) -> list[Block]:
    """Objectives, participants, takeaways and commitments of one event."""
    blocks: list[Block] = []
    if event.objectives:
        items = tuple(objective_item(objective) for objective in event.objectives)
        blocks.append(Section(_("Objectives"), (BulletList(items, ordered=True),)))
    if event.participants:
        blocks.append(Section(_("Participants"), (*_participants(kb, event.participants), *_mix(kb, event))))
    if event.takeaways:
        blocks.append(Section(_("Takeaways"), tuple(_takeaways(kb, event))))
    if event.commitments:
        blocks.append(Section(_("Commitments"), tuple(commitment_section(kb, c) for c in event.commitments)))
    return blocks


def _session(kb: KnowledgeBase, session: Event) -> Section:
    lead: list[Inline | str] = [Strong(date_range(session.start, session.end)), f" · {label(session.format)}"]
    where = place(session.location)
    if where:
        lead.append(f" · {where}")
    blocks: list[Block] = [Paragraph.of(*lead), *paragraphs(session.summary), *_body(kb, session)]
    nested = kb.sessions_of(session)
    if nested:
        blocks.append(Section(_("Sessions"), tuple(_session(kb, inner) for inner in nested)))
    return Section(words(session.title), tuple(blocks))


def _participants(kb: KnowledgeBase, participants: tuple[Participation, ...]) -> Iterable[Block]:
    for role in Role:
        items = [_participant(kb, p) for p in participants if role in p.roles]
        if items:
            yield Paragraph.of(Strong(role_heading(role)))
            yield BulletList(tuple(items))


def _mix(kb: KnowledgeBase, event: Event) -> list[Block]:
    """How the participants divide by kind, and how local the mix was, when there is a mix to speak of."""
    mix = stakeholder_mix(kb, event.id)
    if mix.total < 2:
        return []
    bars = tuple((label(kind), n) for kind, n in mix.by_kind)
    blocks: list[Block] = [Chart(_("Participants by kind"), bars, _("stakeholders"), _("Kind"))]
    blocks.extend(localisation_paragraph(mix))
    return blocks


def _participant(kb: KnowledgeBase, participation: Participation) -> Paragraph:
    try:
        stakeholder = kb.stakeholder(participation.stakeholder)
    except UnknownIdError:
        stakeholder = None
    tag = wording().text(stakeholder.name)[1] if stakeholder is not None else None
    parts: list[Inline | str] = [Strong(stakeholder_name(kb, participation.stakeholder), language=tag)]
    if stakeholder is not None:
        about = [label(stakeholder.kind)]
        if stakeholder.country:
            about.append(country_name(stakeholder.country))
        parts.append(f" ({', '.join(about)})")
    if participation.people:
        parts.append(" — " + "; ".join(person(p.name, p.title) for p in participation.people))
    return Paragraph.of(*parts)


def _takeaways(kb: KnowledgeBase, event: Event) -> Iterable[Block]:
    if not event.objectives:
        yield BulletList(tuple(takeaway_item(kb, t) for t in event.takeaways))
        return
    known = {objective.id for objective in event.objectives}
    for number, objective in enumerate(event.objectives, start=1):
        answering = [t for t in event.takeaways if objective.id in t.objectives]
        if answering:
            title = _("Objective {number}: {title}").format(number=number, title=words(objective.title))
            yield Section(title, (BulletList(tuple(takeaway_item(kb, t) for t in answering)),))
    others = [t for t in event.takeaways if not known.intersection(t.objectives)]
    if others:
        yield Section(_("Other takeaways"), (BulletList(tuple(takeaway_item(kb, t) for t in others)),))
    answered = {objective for t in event.takeaways for objective in t.objectives}
    unanswered = [
        f"{number} ({words(objective.title)})"
        for number, objective in enumerate(event.objectives, start=1)
        if objective.id not in answered
    ]
    if unanswered:
        message = ngettext(
            "No takeaway is recorded for objective {objectives}.",
            "No takeaway is recorded for objectives {objectives}.",
            len(unanswered),
        )
        yield Note(Paragraph.of(message.format(objectives="; ".join(unanswered))))


def _related(kb: KnowledgeBase, event: Event) -> tuple[Paragraph, ...]:
    items = [fact(label(relation.relation), event_line(kb, relation.event)) for relation in event.related]
    for other in kb.events:
        for relation in other.related:
            if relation.event == event.id:
                items.append(fact(_(_INVERSE[relation.relation.value]), event_line(kb, other.id)))
    return tuple(items)


_INVERSE = {
    "prepares": n_("Prepared by"),
    "follows-up": n_("Followed up by"),
    "reviews": n_("Reviewed by"),
    "continues": n_("Continued by"),
}


def _resource(resource: Resource) -> Paragraph:
    kind = Strong(colon(label(resource.kind)))
    title = record(resource.title)
    if resource.url:
        return Paragraph.of(kind, " ", Link(title.text, resource.url, language=title.language))
    return Paragraph.of(kind, " ", title)
