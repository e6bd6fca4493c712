"""The record as Popolo JSON: organisations, people, memberships, events and areas, for civic-data tools.

A `Popolo <https://www.popoloproject.com/>`_ document has one list per kind
of object:

- ``organizations``: each stakeholder, with its acronym among its
  ``other_names``, its id among its ``identifiers``, its kind as its
  ``classification``, the stakeholder it is part of as its ``parent_id``
  and its country as its ``area_id``;
- ``persons``: the people of stakeholders and of participations;
- ``memberships``: each person of a stakeholder in that organisation, with
  their title as the role; and each person who represented a stakeholder at
  an event, in that organisation for the days of the event, labelled with
  the roles and the event;
- ``events``: each event, with its sessions' ``parent_id``, the first
  organiser as ``organization_id`` and the people of its participations as
  ``attendees``;
- ``areas``: the countries named.

Only what Popolo's JSON Schemas define is written. Popolo has no place for an
organisation taking part in an event other than as its organiser, so the
stakeholders that took part and their roles are told by the people who
represented them (see the how-to "Popolo" for what else has no place).

Ids are the record's own; a person's id is that of their stakeholder and their
name (``krila/il-jae-kim``). Times with no UTC offset and no time zone are
written as their day, since Popolo times carry an offset.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from typing import TYPE_CHECKING, Any

from gpworkshop._validators import day_of as _day
from gpworkshop._wording import country_name
from gpworkshop.formats._places import place
from gpworkshop.formats._zones import zone_of
from gpworkshop.identifiers import canonical, listed
from gpworkshop.vocab import Role

if TYPE_CHECKING:
    from gpworkshop.model import Event, KnowledgeBase, Participation, Person, Stakeholder

__all__ = ["document", "write"]

_ORGANISING = (Role.ORGANISER, Role.CO_ORGANISER)


def write(kb: KnowledgeBase) -> str:
    """*kb* as a Popolo JSON document, with a final newline."""
    return json.dumps(document(kb), indent=2, ensure_ascii=False) + "\n"


def document(kb: KnowledgeBase) -> dict[str, Any]:
    """The Popolo document of *kb*: a mapping of ``organizations``, ``persons``, ``memberships``, ``events``, ``areas``.

    >>> import gpworkshop as gw
    >>> kb = gw.load("examples/busan-gp-workshop-2014.yaml")
    >>> sorted(document(kb))
    ['areas', 'events', 'memberships', 'organizations', 'persons']
    """
    persons: dict[str, dict[str, Any]] = {}
    memberships: list[dict[str, Any]] = []
    for stakeholder in kb.stakeholders:
        for person in stakeholder.people:
            person_id = _person_id(stakeholder.id, person)
            persons.setdefault(person_id, _person(person_id, person))
            membership = {"id": f"{person_id}@{stakeholder.id}", "person_id": person_id}
            membership["organization_id"] = stakeholder.id
            if person.title:
                membership["role"] = person.title
            memberships.append(membership)
    for event in kb.events:
        for participation in event.participants:
            for person in participation.people:
                person_id = _person_id(participation.stakeholder, person)
                persons.setdefault(person_id, _person(person_id, person))
                memberships.append(_representing(event, participation, person, person_id))
    countries = sorted({s.country for s in kb.stakeholders if s.country})
    return {
        "organizations": [_organisation(stakeholder) for stakeholder in kb.stakeholders],
        "persons": list(persons.values()),
        "memberships": memberships,
        "events": [_event(kb, event) for event in kb.events],
        "areas": [_area(code) for code in countries],
    }


def _organisation(stakeholder: Stakeholder) -> dict[str, Any]:
    node: dict[str, Any] = {"id": stakeholder.id, "name": stakeholder.name}
    if stakeholder.acronym:
        node["other_names"] = [{"name": stakeholder.acronym, "note": "acronym"}]
    node["identifiers"] = [
        {"identifier": stakeholder.id, "scheme": "gpworkshop"},
        # Each written one way, as the linked data writes it: a ROR id bare and lowered, a Wikidata item as Q….
        *({"identifier": canonical(kind, value), "scheme": kind} for kind, value in listed(stakeholder.identifiers)),
    ]
    if stakeholder.website:
        node["links"] = [{"url": stakeholder.website, "note": "website"}]
    node["classification"] = stakeholder.kind.value
    if stakeholder.part_of:
        node["parent_id"] = stakeholder.part_of
    if stakeholder.country:
        node["area_id"] = stakeholder.country
    return node


def _person_id(stakeholder: str, person: Person) -> str:
    return f"{stakeholder}/{re.sub(r'[^0-9a-z]+', '-', person.name.casefold()).strip('-') or 'person'}"


def _person(person_id: str, person: Person) -> dict[str, Any]:
    return {"id": person_id, "name": person.name}


def _roles(participation: Participation) -> str:
    return ", ".join(role.value for role in participation.roles)


def _dates(event: Event) -> dict[str, str]:
    """The days of *event*, as a membership's dates are written (a day, never a time)."""
    days = {"start_date": _day(event.start).isoformat()}
    if event.end is not None:
        days["end_date"] = _day(event.end).isoformat()
    return days


def _representing(event: Event, participation: Participation, person: Person, person_id: str) -> dict[str, Any]:
    """The membership of a person in the stakeholder they represented at *event*, for the event's days.

    The roles at the event are its label: a membership's ``role`` is the one the person has in the organisation.
    """
    membership = {
        "id": f"{person_id}@{event.id}",
        "label": f"{_roles(participation)} at {event.title}",
        "person_id": person_id,
        "organization_id": participation.stakeholder,
    }
    if person.title:
        membership["role"] = person.title
    return {**membership, **_dates(event)}


def _event(kb: KnowledgeBase, event: Event) -> dict[str, Any]:
    node: dict[str, Any] = {"id": event.id, "name": event.title}
    if event.summary:
        node["description"] = event.summary
    node["start_date"] = _moment(event.start, kb, event)
    if event.end is not None:
        node["end_date"] = _moment(event.end, kb, event)
    where = place(event.location)
    if where is not None:
        node["location"] = where
    node["classification"] = event.format.value
    organisers = [p.stakeholder for p in event.participants if any(role in _ORGANISING for role in p.roles)]
    if organisers:
        node["organization_id"] = organisers[0]
    if event.part_of is not None:
        node["parent_id"] = event.part_of
    attendees = [_person(_person_id(p.stakeholder, person), person) for p in event.participants for person in p.people]
    if attendees:
        node["attendees"] = attendees
    links = [{"url": resource.url, "note": resource.title} for resource in event.resources if resource.url]
    if event.url:
        links.insert(0, {"url": event.url, "note": "web page"})
    if links:
        node["sources"] = links
    return node


def _moment(moment: dt.date, kb: KnowledgeBase, event: Event) -> str:
    """*moment* as Popolo writes a time: with its UTC offset, to the second, or else its day."""
    if not isinstance(moment, dt.datetime):
        return moment.isoformat()
    if moment.tzinfo is None:
        zone = zone_of(kb, event)
        if zone is None:
            return moment.date().isoformat()
        moment = moment.replace(tzinfo=zone)
    text = moment.replace(microsecond=0).isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def _area(code: str) -> dict[str, Any]:
    return {
        "id": code,
        "name": country_name(code),
        "classification": "country",
        "identifier": code,
    }
