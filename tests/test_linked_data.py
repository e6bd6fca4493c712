"""The schema.org export holds the whole record: every stakeholder, and identifiers written one way."""

from __future__ import annotations

import datetime as dt
import json
import re

import rdflib
from hypothesis import given, settings

import gpworkshop as gw
from gpworkshop import reports, strategies
from gpworkshop.formats import jsonld
from tests.records import EXAMPLES
from tests.test_exports import SCHEMA, graph_of, node, write


@settings(max_examples=40, deadline=None)
@given(strategies.knowledge_bases(max_events=3))
def test_every_stakeholder_of_the_record_is_an_organization_of_its_linked_data(kb: gw.KnowledgeBase) -> None:
    graph = graph_of(write("jsonld", kb))

    assert {node("stakeholder", s.id) for s in kb.stakeholders} == set(
        graph.subjects(rdflib.RDF.type, SCHEMA.Organization)
    )


def test_a_stakeholder_in_no_event_is_in_the_linked_data() -> None:
    kb = gw.loads(
        "gpworkshop: 1\nstakeholders:\n  - {id: alone, name: Took part in nothing, kind: network}\n"
        "events:\n  - {id: e, title: E, format: workshop, start: 2024-05-06}\n"
    )

    graph = graph_of(write("jsonld", kb))

    assert [rdflib.Literal("Took part in nothing")] == list(graph.objects(node("stakeholder", "alone"), SCHEMA.name))


def test_identifiers_are_written_in_one_form_whatever_form_the_record_uses() -> None:
    written = [
        gw.loads(
            "gpworkshop: 1\nstakeholders:\n"
            f"  - {{id: undp, name: UNDP, kind: un-entity, identifiers: {{wikidata: '{wikidata}', ror: '{ror}'}}}}\n"
        )
        for wikidata, ror in [
            ("Q34433", "03yrm5c26"),
            ("https://www.wikidata.org/wiki/Q34433", "https://ror.org/03YRM5C26"),
            ("http://wikidata.org/entity/Q34433", "03YRM5C26"),
        ]
    ]

    documents = {write("jsonld", kb) for kb in written}

    assert 1 == len(documents)
    assert '"value": "Q34433"' in documents.pop()


def test_the_trackers_page_carries_the_linked_data_of_the_commitments_it_tracks() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")
    page = reports.render(reports.commitment_tracker(kb, as_of=dt.date(2025, 1, 1)), "html")

    [data] = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.DOTALL)
    graph = graph_of(data)
    actions = {str(subject).rpartition("#commitment-")[2] for subject in graph.subjects(rdflib.RDF.type, SCHEMA.Action)}
    assert {commitment.id for _, commitment in kb.commitments()} == actions


@settings(max_examples=60, deadline=None)
@given(strategies.knowledge_bases(max_events=3))
def test_a_pages_linked_data_is_the_compact_json_of_the_document_of_its_events(kb: gw.KnowledgeBase) -> None:
    """The script text, written directly, is what json.dumps writes of the same document, escaped for a page."""
    compact = json.dumps(jsonld.document(kb, kb.events), ensure_ascii=False, separators=(",", ":"))
    expected = compact.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")

    assert expected == jsonld.script(kb, kb.events)


def test_record_texts_that_need_escaping_are_escaped_in_a_pages_linked_data() -> None:
    kb = gw.loads(
        "gpworkshop: 1\nstakeholders:\n  - {id: s, name: S, kind: network}\n"
        "events:\n  - id: e\n    title: E\n    format: workshop\n    start: 2024-05-06\n"
        '    takeaways: [{id: t, kind: quote, text: "a \\"quoted\\" back\\\\slash\\ttab </script> & more"}]\n'
        '    commitments: [{id: c, kind: pledge, text: "x \\"y\\" <z>", by: [s], deliverable: "d\\\\e"}]\n'
    )
    script = jsonld.script(kb, kb.events)

    data = json.loads(script)

    [quote, action] = [node for node in data["@graph"] if node["@type"] in {"Quotation", "Action"}]
    assert 'a "quoted" back\\slash\ttab </script> & more' == quote["text"]
    assert ('x "y" <z>', "d\\e") == (action["description"], action["result"]["name"])
    assert not {"<", ">", "&", "\t"} & set(script)
