"""What each page of a portal shows: the context its template is given, built from the record alone."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator
from typing import Any
from urllib.parse import quote

from gpworkshop import reports
from gpworkshop.analysis import objective_coverage, standing_of
from gpworkshop.formats.jsonld import CONTEXT, script_safe
from gpworkshop.identifiers import NAMES, address, canonical, listed
from gpworkshop.model import Commitment, Event, KnowledgeBase, Participation, Stakeholder
from gpworkshop.site._speech import Markup, Speech, day_of
from gpworkshop.site._timeline import timeline
from gpworkshop.vocab import CommitmentStatus

__all__ = [
    "Pages",
    "addresses",
    "commitment_link",
    "coverage_rows",
    "event_link",
    "event_page",
    "event_year",
    "identifier_address",
    "linked_data",
    "outcome_fragment",
    "placed",
    "stakeholder_link",
    "status_counts",
]


def outcome_fragment(kb: KnowledgeBase, event: Event, language: str) -> tuple[Markup, str | None]:
    """The body of the event's outcome report as the HTML renderer writes it, and its linked data.

    The page's own title stands for the report's, so the report's heading and subtitle are left out.
    """
    document = reports.outcome_report(kb, event.id, lang=language)
    page = reports.render(document, "html")
    body = page.split("<main>\n", 1)[1].rsplit("\n</main>", 1)[0]
    lines = body.split("\n")[1:]
    if lines and lines[0].startswith('<p class="subtitle">'):
        lines = lines[1:]
    data = document.linked_data
    # A wide table scrolls sideways on a phone: its box takes the keyboard's focus so that it can be scrolled.
    body = "\n".join(lines).replace('<div class="table">', '<div class="table" tabindex="0">')
    return Markup(body), None if data is None else script_safe(data)


def identifier_address(kind: str, value: str) -> str | None:
    """Where a reader looks an identifier up: ROR's and Wikidata's own pages, and d-portal's for IATI.

    D-portal shows the activities that the organisation of an IATI identifier publishes.

    >>> identifier_address("iati", "XM-DAC-41114")
    'https://d-portal.org/ctrack.html?publisher=XM-DAC-41114#view=main'
    """
    if kind == "iati":
        return f"https://d-portal.org/ctrack.html?publisher={quote(canonical(kind, value), safe='-.')}#view=main"
    return address(kind, value)


def linked_data(nodes: list[dict[str, Any]]) -> str:
    """Schema.org nodes as JSON-LD, escaped to stand in an HTML ``<script>``."""
    text = json.dumps({"@context": CONTEXT, "@graph": nodes}, ensure_ascii=False, sort_keys=True)
    return script_safe(text)


def addresses(kb: KnowledgeBase) -> dict[str, str]:
    """The page, relative to a language's folder, where each node of the record's linked data is shown.

    The linked data of a record names its nodes by fragments (``#stakeholder-krila``), as one document would;
    a portal shows them on many pages, so each is named by the page about it (``stakeholders/krila.html#this``),
    which is the same address whichever page names it. Objectives and takeaways are shown on their event's page.
    """
    found: dict[str, str] = {}
    for stakeholder in kb.stakeholders:
        found[f"#stakeholder-{stakeholder.id}"] = f"stakeholders/{stakeholder.id}.html#this"
    for event in kb.events:
        page = f"events/{event.id}.html"
        found[f"#event-{event.id}"] = f"{page}#this"
        for objective in event.objectives:
            found[f"#objective-{event.id}-{objective.id}"] = f"{page}#objective-{objective.id}"
        for takeaway in event.takeaways:
            found[f"#takeaway-{event.id}-{takeaway.id}"] = f"{page}#takeaway-{takeaway.id}"
        for commitment in event.commitments:
            found[f"#commitment-{commitment.id}"] = f"commitments/{commitment.id}.html#this"
    return found


def placed(data: str, found: dict[str, str], up: str) -> str:
    """The linked data *data* of a page *up* from its language's folder, its nodes named by their own pages.

    >>> placed('{"@id": "#event-e", "superEvent": "#event-p"}', {"#event-e": "events/e.html#this"}, "../")
    '{"@id": "../events/e.html#this", "superEvent": "#event-p"}'
    """

    def named(value: Any) -> Any:
        if isinstance(value, str):
            return up + found[value] if value in found else value
        if isinstance(value, list):
            return [named(item) for item in value]
        if isinstance(value, dict):
            return {key: item if key == "@context" else named(item) for key, item in value.items()}
        return value

    return script_safe(json.dumps(named(json.loads(data)), ensure_ascii=False))


def stakeholder_link(kb: KnowledgeBase, speech: Speech, stakeholder_id: str) -> dict[str, Any]:
    """A stakeholder's name and the address of its page, relative to the language's folder."""
    try:
        found = kb.stakeholder(stakeholder_id)
    except KeyError:
        return {"name": stakeholder_id, "href": None}
    return {"name": speech.text(found.name), "href": f"stakeholders/{found.id}.html"}


def event_link(speech: Speech, event: Event) -> dict[str, Any]:
    """An event's title, days and page, relative to the language's folder."""
    return {
        "name": speech.text(event.title),
        "href": f"events/{event.id}.html",
        "days": speech.days(event.start, event.end),
    }


def commitment_link(speech: Speech, commitment: Commitment) -> dict[str, Any]:
    """A commitment's text, status and page, relative to the language's folder."""
    return {
        "name": speech.text(commitment.text),
        "href": f"commitments/{commitment.id}.html",
        "status": speech.label(commitment.status),
        "status_value": commitment.status.value,
    }


def event_page(kb: KnowledgeBase, speech: Speech, event: Event) -> dict[str, Any]:
    """The context of an event's page: its outcome report, and links to what it names."""
    body, data = outcome_fragment(kb, event, speech.language)
    stakeholders = []
    for participation in event.participants:
        link = stakeholder_link(kb, speech, participation.stakeholder)
        stakeholders.append({**link, "roles": ", ".join(speech.label(role) for role in participation.roles)})
    parent = kb.event(event.part_of) if event.part_of else None
    return {
        "title": speech.text(event.title),
        "days": speech.days(event.start, event.end),
        "body": body,
        "linked_data": data,
        "parent": event_link(speech, parent) if parent else None,
        "sessions": [event_link(speech, session) for session in kb.sessions_of(event)],
        "stakeholders": stakeholders,
        "commitments": [commitment_link(speech, commitment) for commitment in event.commitments],
    }


def _graph(kb: KnowledgeBase) -> dict[str, dict[str, Any]]:
    from gpworkshop.formats.jsonld import document  # noqa: PLC0415  (the whole record's nodes, once per portal)

    return {node["@id"]: node for node in document(kb)["@graph"] if "@id" in node}


class Pages:
    """The contexts of the stakeholder and commitment pages, from nodes of linked data made once per portal."""

    def __init__(self, kb: KnowledgeBase, as_of: dt.date | None) -> None:
        self.kb = kb
        self.as_of = as_of
        self.nodes = _graph(kb)
        self.made_at = {commitment.id: event for event, commitment in kb.commitments()}
        # What each stakeholder took part in, made and endorsed, found in one pass over the record.
        self.taking_part: dict[str, list[tuple[Event, Participation]]] = {}
        self.made: dict[str, list[Commitment]] = {}
        self.endorsed: dict[str, list[Commitment]] = {}
        for event in kb.events:
            for participation in event.participants:
                self.taking_part.setdefault(participation.stakeholder, []).append((event, participation))
            for commitment in event.commitments:
                for owner in dict.fromkeys(commitment.by):
                    self.made.setdefault(owner, []).append(commitment)
                for endorser in dict.fromkeys(e.stakeholder for e in commitment.endorsements):
                    self.endorsed.setdefault(endorser, []).append(commitment)

    def _data(self, ids: Iterator[str]) -> str:
        return linked_data([self.nodes[each] for each in dict.fromkeys(ids) if each in self.nodes])

    def stakeholder(self, speech: Speech, stakeholder: Stakeholder) -> dict[str, Any]:
        """The context of a stakeholder's page."""
        kb = self.kb
        attended = [
            {**event_link(speech, event), "roles": ", ".join(speech.label(role) for role in p.roles)}
            for event, p in self.taking_part.get(stakeholder.id, [])
        ]
        made = self.made.get(stakeholder.id, [])
        endorsed = self.endorsed.get(stakeholder.id, [])
        identifiers = [
            {"scheme": NAMES[kind], "value": canonical(kind, value), "href": identifier_address(kind, value)}
            for kind, value in listed(stakeholder.identifiers)
        ]
        ids = [f"#stakeholder-{stakeholder.id}", *(f"#commitment-{c.id}" for c in made)]
        return {
            "title": speech.text(stakeholder.name),
            "acronym": stakeholder.acronym,
            "kind": speech.label(stakeholder.kind),
            "country": speech.country(stakeholder.country),
            "parent": stakeholder_link(kb, speech, stakeholder.part_of) if stakeholder.part_of else None,
            "website": stakeholder.website,
            "identifiers": identifiers,
            "attended": attended,
            "made": [commitment_link(speech, c) for c in made],
            "endorsed": [commitment_link(speech, c) for c in endorsed],
            "linked_data": self._data(iter(ids)),
        }

    def commitment(self, speech: Speech, commitment: Commitment, words: dict[str, str]) -> dict[str, Any]:
        """The context of a commitment's page: who made it, its status over time and the evidence reported.

        *words* are the page's fixed words, which name the chart of its status over time.
        """
        event = self.made_at[commitment.id]
        history = [
            {
                "date": speech.day(update.on),
                "status": speech.label(update.status),
                "percent": update.percent,
                "note": speech.text(update.note),
                "source": self._source(speech, update.source),
            }
            for update in commitment.progress
        ]
        percents = [update.percent for update in commitment.progress if update.percent is not None]
        overdue = self.as_of is not None and standing_of(event, commitment, self.as_of).overdue
        ids = [f"#commitment-{commitment.id}", *(f"#stakeholder-{s}" for s in commitment.by)]
        return {
            "title": speech.text(commitment.text),
            "event": event_link(speech, event),
            "by": [stakeholder_link(self.kb, speech, s) for s in commitment.by],
            "endorsements": [
                {**stakeholder_link(self.kb, speech, e.stakeholder), "date": speech.day(e.on)}
                for e in commitment.endorsements
            ],
            "kind": speech.label(commitment.kind),
            "made_on": speech.day(commitment.made_on),
            "due": speech.day(commitment.due),
            "deliverable": speech.text(commitment.deliverable),
            "indicator": speech.text(commitment.indicator),
            "status": speech.label(commitment.status),
            "status_value": commitment.status.value,
            "overdue": overdue,
            "percent": percents[-1] if percents else None,
            "history": history,
            "timeline": timeline(commitment, speech, title=words["history"], due=words["due"]),
            "linked_data": self._data(iter(ids)),
        }

    def _source(self, speech: Speech, source: Any) -> dict[str, Any] | None:
        if source is None:
            return None
        link = stakeholder_link(self.kb, speech, source.stakeholder) if source.stakeholder else None
        return {"link": link, "person": source.person.name if source.person else ""}


def coverage_rows(kb: KnowledgeBase, speech: Speech) -> list[dict[str, Any]]:
    """For each event with objectives, each objective and how many takeaways and commitments answer it."""
    rows = []
    for event in kb.events:
        covered = objective_coverage(kb, event.id)
        if covered:
            objectives = [
                {
                    "title": speech.text(each.objective.title),
                    "takeaways": len(each.takeaways),
                    "commitments": len(each.commitments),
                    "covered": each.covered,
                }
                for each in covered
            ]
            rows.append({"event": event_link(speech, event), "objectives": objectives})
    return rows


def status_counts(kb: KnowledgeBase, speech: Speech) -> list[dict[str, Any]]:
    """How many commitments have each status, for the statuses that some have."""
    counts = dict.fromkeys(CommitmentStatus, 0)
    for _, commitment in kb.commitments():
        counts[commitment.status] += 1
    total = sum(counts.values()) or 1
    return [
        {"status": speech.label(status), "value": status.value, "count": count, "share": round(100 * count / total)}
        for status, count in counts.items()
        if count
    ]


def event_year(event: Event) -> str:
    """The year an event started, as text."""
    return str(day_of(event.start).year)
