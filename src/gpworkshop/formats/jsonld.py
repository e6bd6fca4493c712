"""The record as schema.org linked data in JSON-LD, for portals and search engines.

Events are ``Event`` nodes (sessions linked by ``superEvent`` and
``subEvent``, the place a ``Place`` with a ``PostalAddress``), stakeholders
``Organization`` nodes (their organiser and attendee roles on the event),
commitments ``Action`` nodes (``actionStatus``, ``agent``, ``startTime``,
``endTime``) and takeaways ``CreativeWork`` or, for quotes, ``Quotation``
nodes, each ``about`` the objectives it answers and ``recordedAt`` its event.

The ``@context`` is written inline, so that the document reads offline, and
node identifiers are fragments of the document (``#event-busan-gp-workshop-2014``):
a page that embeds the data gives them its own address.

:func:`script` writes the events, takeaways and commitments, most of a
page's data, straight to compact JSON rather than through dicts: the text is
the same as ``json.dumps`` of :func:`document` gives, in about half the time.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from json.encoder import encode_basestring
from typing import TYPE_CHECKING, Any

from gpworkshop.analysis import event_family
from gpworkshop.identifiers import NAMES, address, canonical, listed
from gpworkshop.vocab import CommitmentStatus, Role, TakeawayKind

if TYPE_CHECKING:
    from gpworkshop.model import Commitment, Event, KnowledgeBase, Location, Person, Source, Stakeholder, Takeaway

__all__ = ["CONTEXT", "document", "script", "script_safe", "write"]

#: The inline context of every document: schema.org's terms, the links between events as addresses, and the
#: values of schema.org's enumerations (``CompletedActionStatus``) as its terms.
CONTEXT: dict[str, Any] = {
    "@vocab": "https://schema.org/",
    "schema": "https://schema.org/",
    "superEvent": {"@type": "@id"},
    "subEvent": {"@type": "@id"},
    "actionStatus": {"@type": "@vocab"},
    "eventAttendanceMode": {"@type": "@vocab"},
}

_ACTION_STATUS = {
    CommitmentStatus.ANNOUNCED: "PotentialActionStatus",
    CommitmentStatus.IN_PROGRESS: "ActiveActionStatus",
    CommitmentStatus.ACHIEVED: "CompletedActionStatus",
    CommitmentStatus.PARTIALLY_ACHIEVED: "CompletedActionStatus",
    CommitmentStatus.NOT_ACHIEVED: "FailedActionStatus",
    CommitmentStatus.WITHDRAWN: "FailedActionStatus",
}
_ORGANISING = frozenset({Role.ORGANISER, Role.CO_ORGANISER, Role.HOST})
# What comes between two ids in a list of references to stakeholders, and in a list of events, written as text.
_NEXT_STAKEHOLDER = '"},{"@id":"#stakeholder-'
_NEXT_EVENT = '","#event-'


def write(kb: KnowledgeBase) -> str:
    """*kb* as a JSON-LD document of schema.org nodes, with a final newline."""
    return json.dumps(document(kb), indent=2, ensure_ascii=False) + "\n"


def document(kb: KnowledgeBase, events: Iterable[Event] | None = None) -> dict[str, Any]:
    """The JSON-LD document of *events* and the stakeholders they name; by default, of the whole record.

    The whole record holds every stakeholder, those that took part in no event too.

    >>> import gpworkshop as gw
    >>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
    >>> sorted({node["@type"] for node in document(kb)["@graph"]})
    ['CreativeWork', 'Event', 'Organization']
    """
    chosen = list(kb.events if events is None else events)
    graph = [_event(kb, event) for event in chosen]
    graph.extend(_organisation(stakeholder) for stakeholder in _named(kb, chosen, every=events is None))
    for event in chosen:
        graph.extend(_takeaway(event, takeaway) for takeaway in event.takeaways)
        graph.extend(_action(event, commitment) for commitment in event.commitments)
    return {"@context": CONTEXT, "@graph": graph}


def _named(kb: KnowledgeBase, chosen: list[Event], *, every: bool) -> list[Stakeholder]:
    """The stakeholders *chosen* name, and those they are part of; with *every*, all the record's too."""
    named: dict[str, None] = {}
    for event in chosen:
        for participation in event.participants:
            named.setdefault(participation.stakeholder)
        for commitment in event.commitments:
            named.update(dict.fromkeys([*commitment.by, *(e.stakeholder for e in commitment.endorsements)]))
        for takeaway in event.takeaways:
            if takeaway.source is not None and takeaway.source.stakeholder is not None:
                named.setdefault(takeaway.source.stakeholder)
    known = {stakeholder.id: stakeholder for stakeholder in kb.stakeholders}
    if every:
        named.update(dict.fromkeys(known))
    with_parents = list(named)
    for stakeholder_id in with_parents:
        parent = known[stakeholder_id].part_of if stakeholder_id in known else None
        if parent is not None and parent not in named:
            named[parent] = None
            with_parents.append(parent)
    return [known[s] for s in named if s in known]


def script(kb: KnowledgeBase, event: Event | Iterable[Event]) -> str:
    """The JSON-LD of *event* and its sessions, as the text of an HTML ``<script type="application/ld+json">``.

    Given several events (as a commitment tracker is about the events its commitments were made at), the
    JSON-LD of those events, each once.

    ``<``, ``>`` and ``&`` are written as JSON escapes, so no text of the record can end the script
    or open a comment:

    >>> import gpworkshop as gw
    >>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
    >>> "<" in script(kb, kb.events[0])
    False
    """
    chosen = list(
        {each.id: each for each in event}.values() if isinstance(event, Iterable) else event_family(kb, event.id)
    )
    graph = [_event_text(kb, each) for each in chosen]
    # Stakeholders are few and shaped many ways: json.dumps writes them, a list whose brackets are cut.
    organisations = [_organisation(stakeholder) for stakeholder in _named(kb, chosen, every=False)]
    if organisations:
        graph.append(_compact(organisations)[1:-1])
    for each in chosen:
        _written(each, graph)
    return script_safe(f'{{"@context":{_compact(CONTEXT)},"@graph":[{",".join(graph)}]}}')


def script_safe(text: str) -> str:
    r"""JSON *text* with ``<``, ``>`` and ``&`` written as JSON escapes: the same data, safe in an HTML ``<script>``.

    >>> print(script_safe('{"name": "</script>"}'))
    {"name": "\u003c/script\u003e"}
    """
    # Looked for first: a page's data runs to megabytes, and replacing a character that is not there costs more.
    for character, escaped in _SCRIPT_ESCAPES:
        if character in text:
            text = text.replace(character, escaped)
    return text


_SCRIPT_ESCAPES = (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"))


def _compact(value: object) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), check_circular=False)


def _ref(kind: str, id_: str) -> str:
    return f"#{kind}-{id_}"


def _event(kb: KnowledgeBase, event: Event) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Event", "@id": _ref("event", event.id), "name": event.title}
    if event.summary:
        node["description"] = event.summary
    node["startDate"] = _moment(event.start)
    if event.end is not None:
        node["endDate"] = _moment(event.end)
    if event.url:
        node["url"] = event.url
    if event.location is not None:
        node["eventAttendanceMode"] = _attendance(event.location)
        node["location"] = list(_places(event.location))
    if event.languages:
        node["inLanguage"] = list(event.languages)
    keywords = list(dict.fromkeys([*event.categories, *event.themes]))
    if keywords:
        node["keywords"] = keywords
    if event.part_of is not None:
        node["superEvent"] = _ref("event", event.part_of)
    sessions = kb.sessions_of(event)
    if sessions:
        node["subEvent"] = [_ref("event", session.id) for session in sessions]
    node.update(_taking_part(event))
    if event.objectives:
        node["about"] = [
            {"@type": "Thing", "@id": _ref(f"objective-{event.id}", objective.id), "name": objective.title}
            for objective in event.objectives
        ]
    documents = [resource for resource in event.resources if resource.url]
    if documents:
        node["subjectOf"] = [{"@type": "CreativeWork", "name": r.title, "url": r.url} for r in documents]
    return node


def _event_text(kb: KnowledgeBase, event: Event) -> str:
    """:func:`_event` as compact JSON: its texts through the JSON encoder's escaping, its ids (slugs) as they are."""
    text = f'{{"@type":"Event","@id":"#event-{event.id}","name":{encode_basestring(event.title)}'
    if event.summary:
        text += f',"description":{encode_basestring(event.summary)}'
    text += f',"startDate":"{_moment(event.start)}"'
    if event.end is not None:
        text += f',"endDate":"{_moment(event.end)}"'
    if event.url:
        text += f',"url":{encode_basestring(event.url)}'
    if event.location is not None:
        places = _compact(list(_places(event.location)))
        text += f',"eventAttendanceMode":"{_attendance(event.location)}","location":{places}'
    if event.languages:
        text += f',"inLanguage":[{",".join(map(encode_basestring, event.languages))}]'
    keywords = dict.fromkeys([*event.categories, *event.themes])
    if keywords:
        text += f',"keywords":[{",".join(map(encode_basestring, keywords))}]'
    if event.part_of is not None:
        text += f',"superEvent":"#event-{event.part_of}"'
    sessions = kb.sessions_of(event)
    if sessions:
        text += f',"subEvent":["#event-{_NEXT_EVENT.join([session.id for session in sessions])}"]'
    for role, ids in _roles(event):
        text += f',"{role}":[{{"@id":"#stakeholder-{_NEXT_STAKEHOLDER.join(ids)}"}}]'
    speakers = _speakers(event)
    if speakers:
        text += f',"performer":{_compact([_person(person) for person in speakers])}'
    if event.objectives:
        prefix = f'{{"@type":"Thing","@id":"#objective-{event.id}-'
        about = [
            f'{prefix}{objective.id}","name":{encode_basestring(objective.title)}}}' for objective in event.objectives
        ]
        text += f',"about":[{",".join(about)}]'
    documents = [{"@type": "CreativeWork", "name": r.title, "url": r.url} for r in event.resources if r.url]
    if documents:
        text += f',"subjectOf":{_compact(documents)}'
    return text + "}"


def _roles(event: Event) -> list[tuple[str, list[str]]]:
    """The ids of the stakeholders who organised, funded and attended *event*, by role, for the roles it has."""
    organisers = [p.stakeholder for p in event.participants if not _ORGANISING.isdisjoint(p.roles)]
    funders = [p.stakeholder for p in event.participants if Role.FUNDER in p.roles]
    attendees = [p.stakeholder for p in event.participants if p.stakeholder not in organisers]
    return [
        (role, ids) for role, ids in (("organizer", organisers), ("funder", funders), ("attendee", attendees)) if ids
    ]


def _speakers(event: Event) -> list[Person]:
    return [person for p in event.participants if Role.SPEAKER in p.roles for person in p.people]


def _taking_part(event: Event) -> dict[str, Any]:
    """Who organised, funded, attended and spoke at *event*."""
    node: dict[str, Any] = {role: [{"@id": _ref("stakeholder", s)} for s in ids] for role, ids in _roles(event)}
    speakers = _speakers(event)
    if speakers:
        node["performer"] = [_person(person) for person in speakers]
    return node


def _moment(moment: dt.date) -> str:
    return moment.isoformat()


def _attendance(location: Location) -> str:
    present = bool(location.venue or location.city or location.country)
    if location.online:
        return "MixedEventAttendanceMode" if present else "OnlineEventAttendanceMode"
    return "OfflineEventAttendanceMode"


def _places(location: Location) -> Iterator[dict[str, Any]]:
    if location.venue or location.city or location.country:
        place: dict[str, Any] = {"@type": "Place"}
        if location.venue:
            place["name"] = location.venue
        address: dict[str, Any] = {"@type": "PostalAddress"}
        if location.city:
            address["addressLocality"] = location.city
        if location.country:
            address["addressCountry"] = location.country
        if len(address) > 1:
            place["address"] = address
        yield place
    if location.online:
        yield {"@type": "VirtualLocation", "name": "Online"}


def _person(person: Person) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Person", "name": person.name}
    if person.title:
        node["jobTitle"] = person.title
    return node


def _organisation(stakeholder: Stakeholder) -> dict[str, Any]:
    node: dict[str, Any] = {"@type": "Organization", "@id": _ref("stakeholder", stakeholder.id)}
    node["name"] = stakeholder.name
    if stakeholder.acronym:
        node["alternateName"] = stakeholder.acronym
    node["additionalType"] = stakeholder.kind.value
    if stakeholder.country:
        node["address"] = {"@type": "PostalAddress", "addressCountry": stakeholder.country}
    if stakeholder.part_of:
        node["parentOrganization"] = {"@id": _ref("stakeholder", stakeholder.part_of)}
    if stakeholder.website:
        node["url"] = stakeholder.website
    found = listed(stakeholder.identifiers)
    if found:
        node["identifier"] = [
            {"@type": "PropertyValue", "propertyID": NAMES[kind], "value": canonical(kind, value)}
            for kind, value in found
        ]
    same = [link for kind, value in found if (link := address(kind, value)) is not None]
    if same:
        node["sameAs"] = same
    if stakeholder.people:
        node["employee"] = [_person(person) for person in stakeholder.people]
    return node


def _takeaway(event: Event, takeaway: Takeaway) -> dict[str, Any]:
    quote = takeaway.kind is TakeawayKind.QUOTE
    node: dict[str, Any] = {
        "@type": "Quotation" if quote else "CreativeWork",
        "@id": _ref(f"takeaway-{event.id}", takeaway.id),
        "text": takeaway.text,
        "genre": takeaway.kind.value,
        "recordedAt": {"@id": _ref("event", event.id)},
    }
    if takeaway.objectives:
        node["about"] = [{"@id": _ref(f"objective-{event.id}", objective)} for objective in takeaway.objectives]
    if takeaway.themes:
        node["keywords"] = list(takeaway.themes)
    if takeaway.source is not None:
        node["spokenByCharacter" if quote else "creator"] = list(_sources(takeaway.source))
    return node


def _written(event: Event, nodes: list[str]) -> None:
    """Add to *nodes* the takeaway and commitment nodes of *event* as compact JSON: :func:`_takeaway`, :func:`_action`.

    Ids are slugs, with nothing in them to escape; record texts go through the JSON encoder's own escaping.
    What every node of the event begins or links with is written once, and a list of ids is one join.
    """
    recorded = f',"recordedAt":{{"@id":"#event-{event.id}"}}'
    work = f'{{"@type":"CreativeWork","@id":"#takeaway-{event.id}-'
    quotation = f'{{"@type":"Quotation","@id":"#takeaway-{event.id}-'
    objective = f'{{"@id":"#objective-{event.id}-'
    next_objective = f'"}},{objective}'
    for takeaway in event.takeaways:
        quote = takeaway.kind is TakeawayKind.QUOTE
        text = (
            f'{quotation if quote else work}{takeaway.id}","text":{encode_basestring(takeaway.text)},'
            f'"genre":{encode_basestring(takeaway.kind)}{recorded}'
        )
        if takeaway.objectives:
            text += f',"about":[{objective}{next_objective.join(takeaway.objectives)}"}}]'
        if takeaway.themes:
            text += ',"keywords":[' + ",".join(map(encode_basestring, takeaway.themes)) + "]"
        if takeaway.source is not None:
            text += f',"{"spokenByCharacter" if quote else "creator"}":{_compact(list(_sources(takeaway.source)))}'
        nodes.append(text + "}")
    subject = f',"subjectOf":{{"@id":"#event-{event.id}"}}'
    for commitment in event.commitments:
        agents = f'{{"@id":"#stakeholder-{_NEXT_STAKEHOLDER.join(commitment.by)}"}}' if commitment.by else ""
        text = (
            f'{{"@type":"Action","@id":"#commitment-{commitment.id}",'
            f'"description":{encode_basestring(commitment.text)},"additionalType":{encode_basestring(commitment.kind)},'
            f'"actionStatus":"{_ACTION_STATUS[commitment.status]}","agent":[{agents}]{subject}'
        )
        if commitment.endorsements:
            endorsers = _NEXT_STAKEHOLDER.join([e.stakeholder for e in commitment.endorsements])
            text += f',"participant":[{{"@id":"#stakeholder-{endorsers}"}}]'
        if commitment.made_on is not None:
            text += f',"startTime":"{commitment.made_on.isoformat()}"'
        if commitment.due is not None:
            text += f',"endTime":"{commitment.due.isoformat()}"'
        if commitment.deliverable:
            text += f',"result":{{"@type":"CreativeWork","name":{encode_basestring(commitment.deliverable)}}}'
        if commitment.objectives:
            text += f',"object":[{objective}{next_objective.join(commitment.objectives)}"}}]'
        nodes.append(text + "}")


def _sources(source: Source) -> Iterator[dict[str, Any]]:
    if source.person is not None:
        person = _person(source.person)
        if source.stakeholder is not None:
            person["affiliation"] = {"@id": _ref("stakeholder", source.stakeholder)}
        yield person
    elif source.stakeholder is not None:
        yield {"@id": _ref("stakeholder", source.stakeholder)}


def _action(event: Event, commitment: Commitment) -> dict[str, Any]:
    node: dict[str, Any] = {
        "@type": "Action",
        "@id": _ref("commitment", commitment.id),
        "description": commitment.text,
        "additionalType": commitment.kind.value,
        "actionStatus": _ACTION_STATUS[commitment.status],
        "agent": [{"@id": _ref("stakeholder", owner)} for owner in commitment.by],
        "subjectOf": {"@id": _ref("event", event.id)},
    }
    if commitment.endorsements:
        node["participant"] = [{"@id": _ref("stakeholder", e.stakeholder)} for e in commitment.endorsements]
    if commitment.made_on is not None:
        node["startTime"] = commitment.made_on.isoformat()
    if commitment.due is not None:
        node["endTime"] = commitment.due.isoformat()
    if commitment.deliverable:
        node["result"] = {"@type": "CreativeWork", "name": commitment.deliverable}
    if commitment.objectives:
        node["object"] = [{"@id": _ref(f"objective-{event.id}", objective)} for objective in commitment.objectives]
    return node
