"""Popolo exports hold only what Popolo's own JSON Schemas define, and say what they can.

The schemas (``tests/schemas/popolo``, with their source and licence) allow
keys they do not define, so validating against them is not enough: every key
of every object written is looked up among its schema's properties.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

import gpworkshop as gw
from gpworkshop import strategies
from gpworkshop.formats import popolo
from tests.records import EXAMPLES, RECORDS
from tests.test_exports import popolo_errors, write

SCHEMAS = {
    json.loads(path.read_text("utf-8"))["id"].rstrip("#"): json.loads(path.read_text("utf-8"))
    for path in sorted((Path(__file__).parent / "schemas" / "popolo").glob("*.json"))
}
LISTS = {
    "organizations": "organization",
    "persons": "person",
    "memberships": "membership",
    "events": "event",
    "areas": "area",
}


def undefined_keys(value: Any, schema: dict[str, Any], where: str) -> list[str]:
    """The keys in *value*, and in what it holds, that *schema* (and the schemas it refers to) does not define."""
    if "$ref" in schema:
        return undefined_keys(value, SCHEMAS[schema["$ref"].rstrip("#")], where)
    if isinstance(value, list):
        items = schema.get("items", {})
        return [key for index, item in enumerate(value) for key in undefined_keys(item, items, f"{where}[{index}]")]
    if not isinstance(value, dict):
        return []
    properties = schema.get("properties", {})
    found = [f"{where}.{key}" for key in value if key not in properties]
    for key, inner in value.items():
        if key in properties:
            found.extend(undefined_keys(inner, properties[key], f"{where}.{key}"))
    return found


def popolo_document(kb: gw.KnowledgeBase) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(write("popolo", kb))
    return document


def undefined_in(document: dict[str, Any]) -> list[str]:
    schema_of = {name: SCHEMAS[f"http://www.popoloproject.com/schemas/{kind}.json"] for name, kind in LISTS.items()}
    return [key for name, items in document.items() for key in undefined_keys(items, {"items": schema_of[name]}, name)]


def test_a_key_popolo_does_not_define_is_found() -> None:
    assert ["memberships[0].event_id", "areas[0].identifiers"] == undefined_in(
        {"memberships": [{"id": "m", "event_id": "e"}], "areas": [{"id": "KR", "identifiers": []}]}
    )


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_each_example_holds_only_what_popolo_defines(record: str) -> None:
    document = popolo_document(gw.load(EXAMPLES / record))

    assert [] == undefined_in(document)
    assert [] == popolo_errors(document)


@settings(max_examples=40, deadline=None)
@given(strategies.knowledge_bases(max_events=4))
def test_every_record_holds_only_what_popolo_defines(kb: gw.KnowledgeBase) -> None:
    assert [] == undefined_in(popolo_document(kb))


def test_a_person_at_an_event_is_an_attendee_and_a_member_of_the_stakeholder_they_represented() -> None:
    document = popolo.document(gw.load(EXAMPLES / "regional-symposium-2023"))

    membership = next(m for m in document["memberships"] if m["id"] == "krila/il-jae-kim@nri-inaugural-meeting-2023")
    meeting = next(e for e in document["events"] if e["id"] == "nri-inaugural-meeting-2023")
    assert {
        "id": "krila/il-jae-kim@nri-inaugural-meeting-2023",
        "label": "participant, speaker at Inaugural meeting of national research institutions, MOIS and UNPOG on the "
        "7th Regional Symposium",
        "person_id": "krila/il-jae-kim",
        "organization_id": "krila",
        "role": "President",
        "start_date": "2023-07-04",
    } == membership
    assert "krila/il-jae-kim" in [attendee["id"] for attendee in meeting["attendees"]]


def test_a_country_is_an_area_with_its_code_as_identifier() -> None:
    document = popolo.document(gw.load(EXAMPLES / "regional-symposium-2023"))

    assert {"id": "KR", "name": "Republic of Korea", "classification": "country", "identifier": "KR"} == next(
        area for area in document["areas"] if area["id"] == "KR"
    )
