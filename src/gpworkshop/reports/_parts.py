"""Pieces that several reports share: names, dates, takeaways, commitment details, record texts."""

from __future__ import annotations

from gpworkshop._wording import printable
from gpworkshop.analysis import StakeholderMix
from gpworkshop.errors import UnknownIdError
from gpworkshop.model import Commitment, KnowledgeBase, Objective, Source, Takeaway
from gpworkshop.reports._wording import date_range, label
from gpworkshop.reports.document import (
    Block,
    BulletList,
    Emphasis,
    Inline,
    Note,
    Paragraph,
    Section,
    Strong,
    Text,
    percentage,
)
from gpworkshop.reports.language import Wording, ngettext, wording
from gpworkshop.reports.language import gettext as _
from gpworkshop.vocab import TakeawayKind

__all__ = [
    "colon",
    "commitment_section",
    "commitment_terms",
    "cut",
    "event_line",
    "event_title",
    "fact",
    "fallback_note",
    "first_sentence",
    "headline",
    "localisation_paragraph",
    "objective_item",
    "owners",
    "paragraphs",
    "person",
    "record",
    "record_text",
    "source_text",
    "stakeholder_name",
    "takeaway_item",
    "words",
]


def words(value: str) -> str:
    """A record text in the report's language (or the one it falls back to), its runs of spaces made one.

    It is printable (see :class:`~gpworkshop.reports.document.Text`), and so is anything made of it.
    """
    return _one_spaced(wording().plain(value))


def record_text(value: str) -> tuple[str, str | None]:
    """A record text as :func:`words` gives it, and the tag of its language when that is not the report's."""
    shown, tag = wording().text(value)
    return _one_spaced(shown), None if tag is None else printable(tag)


def _one_spaced(text: str) -> str:
    """*text* printable, its runs of white space made one space, with none at either end."""
    if _is_one_spaced(text):
        return text
    spaced = " ".join(text.split())
    return spaced if text.isprintable() else printable(spaced)


def _is_one_spaced(text: str) -> bool:
    """Whether *text* is printable, with single spaces between its words and none at either end."""
    # The space is the only white space a printable text holds: most texts need no change, and a look says so.
    return text.isprintable() and "  " not in text and not text.startswith(" ") and not text.endswith(" ")


def record(value: str, *, emphasis: bool = False) -> Inline:
    """A record text as a run of the report, tagged with its language when that is not the report's."""
    text, tag = record_text(value)
    return Emphasis(text, language=tag) if emphasis else Text(text, language=tag)


def colon(name: str) -> str:
    """*name* followed by a colon, as the report's language writes it (``Statut :`` in French)."""
    return _("{label}:").format(label=name)


def paragraphs(text: str | None) -> list[Block]:
    if not text:
        return []
    shown, tag = wording().text(text)
    return [Paragraph((Text(" ".join(chunk.split()), language=tag),)) for chunk in shown.split("\n\n") if chunk.strip()]


def objective_item(objective: Objective) -> Paragraph:
    title, tag = wording().text(objective.title)
    parts: list[Inline | str] = [Strong(" ".join(title.split()), language=tag)]
    if objective.text:
        parts.extend([" — ", record(objective.text)])
    tags = []
    if objective.principles:
        principles = "; ".join(label(p).lower() for p in objective.principles)
        tags.append(_("Busan principles: {principles}").format(principles=principles))
    if objective.sdgs:
        tags.append(_("SDGs: {goals}").format(goals=", ".join(objective.sdgs)))
    if tags:
        parts.extend([" ", Emphasis(f"({'; '.join(tags)})")])
    return Paragraph.of(*parts)


def stakeholder_name(kb: KnowledgeBase, stakeholder_id: str) -> str:
    """The name of a stakeholder with its acronym, in the report's language; its id when it is not recorded."""
    try:
        stakeholder = kb.stakeholder(stakeholder_id)
    except UnknownIdError:
        return stakeholder_id
    name = words(stakeholder.name)
    return f"{name} ({words(stakeholder.acronym)})" if stakeholder.acronym else name


def event_title(kb: KnowledgeBase, event_id: str) -> str:
    try:
        return words(kb.event(event_id).title)
    except UnknownIdError:
        return event_id


def person(name: str, title: str | None) -> str:
    return f"{words(name)}, {words(title)}" if title else words(name)


def takeaway_item(kb: KnowledgeBase, takeaway: Takeaway) -> Paragraph:
    parts: list[Inline | str] = [Strong(colon(label(takeaway.kind))), " "]
    if takeaway.kind is TakeawayKind.QUOTE:
        quoted = record(takeaway.text, emphasis=True)
        parts.append(Emphasis(_("“{quote}”").format(quote=quoted.text), language=quoted.language))
    else:
        parts.append(record(takeaway.text))
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
    return Paragraph.of(Strong(colon(name)), f" {value}")


def owners(kb: KnowledgeBase, commitment: Commitment) -> str:
    """The names of the stakeholders who made a commitment."""
    return "; ".join(stakeholder_name(kb, owner) for owner in commitment.by)


def commitment_terms(commitment: Commitment) -> list[Paragraph]:
    """When a commitment was made and is due, and what it delivers and is measured by, as far as recorded."""
    terms = [
        fact(name, date_range(day, None))
        for name, day in ((_("Made on"), commitment.made_on), (_("Due"), commitment.due))
        if day is not None
    ]
    terms += [
        Paragraph.of(Strong(colon(name)), " ", record(text))
        for name, text in ((_("Deliverable"), commitment.deliverable), (_("Indicator"), commitment.indicator))
        if text
    ]
    return terms


def commitment_section(kb: KnowledgeBase, commitment: Commitment) -> Section:
    details: list[Paragraph] = [
        fact(_("Made by"), owners(kb, commitment)),
        fact(_("Status"), label(commitment.status)),
    ]
    if commitment.endorsements:
        endorsers = "; ".join(
            stakeholder_name(kb, e.stakeholder) + (f" ({date_range(e.on, None)})" if e.on else "")
            for e in commitment.endorsements
        )
        details.append(fact(_("Endorsed by"), endorsers))
    details += commitment_terms(commitment)
    if commitment.progress:
        latest = commitment.progress[-1]
        done = f", {percentage(latest.percent, 100)}" if latest.percent is not None else ""
        parts: list[Inline | str] = [
            Strong(colon(_("Latest progress"))),
            f" {date_range(latest.on, None)} — {label(latest.status)}{done}",
        ]
        if latest.note:
            parts.extend([": ", record(latest.note)])
        details.append(Paragraph.of(*parts))
    title = f"{colon(label(commitment.kind))} {headline(words(commitment.text))}"
    return Section(title, (Paragraph.of(record(commitment.text)), BulletList(tuple(details))))


def headline(text: str, limit: int = 80) -> str:
    """The first sentence of *text*, cut at a word to at most *limit* characters with an ellipsis."""
    return cut(first_sentence(text), limit)


def first_sentence(text: str) -> str:
    """The first sentence of *text*, its runs of spaces made one, without its full stop."""
    spaced = text if _is_one_spaced(text) else " ".join(text.split())
    return spaced.partition(". ")[0].rstrip(".")


def cut(first: str, limit: int) -> str:
    """*first* as :func:`headline` shows it: whole when it fits in *limit* characters, else cut at a word."""
    if len(first) <= limit:
        return first
    return first[: limit - 1].rsplit(" ", 1)[0] + "…"


def event_line(kb: KnowledgeBase, event_id: str) -> str:
    try:
        other = kb.event(event_id)
    except UnknownIdError:
        return event_id
    return f"{words(other.title)} ({date_range(other.start, other.end)})"


def localisation_paragraph(mix: StakeholderMix) -> list[Block]:
    """How many local and national actors took part against international ones, when that can be told."""
    classified = mix.local_and_national + mix.international
    if not classified:
        return []
    share = percentage(mix.local_and_national, classified)
    text = ngettext(
        "{local} of {classified} stakeholder ({share}), against {international} international",
        "{local} of {classified} stakeholders ({share}), against {international} international",
        classified,
    ).format(local=mix.local_and_national, classified=classified, share=share, international=mix.international)
    if mix.unclassified:
        text += _(", and {count} not classified (networks and others)").format(count=mix.unclassified)
    return [Paragraph.of(Strong(colon(_("Local and national actors"))), f" {text}.")]


def fallback_note(current: Wording) -> list[Block]:
    """A note that some record texts are shown untranslated, when the report had to fall back for any."""
    if not current.fell_back:
        return []
    message = _("Some texts of the record have no translation into this language; they are shown as written.")
    return [Note(Paragraph.of(message))]
