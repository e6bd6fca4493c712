"""The schema.org export holds the whole record: every stakeholder, and identifiers written one way."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
import re

import attrs
import pytest
import rdflib
from hypothesis import given, settings

import gpworkshop as gw
from gpworkshop import analysis, reports, strategies
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


def test_a_trackers_linked_data_is_written_when_first_read_and_only_then(monkeypatch: pytest.MonkeyPatch) -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")
    calls: list[object] = []

    def script(*given: object) -> str:
        calls.append(given)
        return "{}"

    monkeypatch.setattr(jsonld, "script", script)
    tracker = reports.commitment_tracker(kb, as_of=dt.date(2025, 1, 1))
    for format_ in ("markdown", "rst", "text"):
        reports.render(tracker, format_)
    unread = len(calls)
    texts = [tracker.linked_data, reports.render(tracker, "html"), tracker.linked_data]

    assert (0, 1) == (unread, len(calls))
    assert texts[0] is texts[2]


@pytest.mark.parametrize("as_of", [dt.date(2015, 1, 1), dt.date(2025, 1, 1)])
def test_a_tracker_is_the_document_given_its_linked_data_made(as_of: dt.date) -> None:
    """Read or not, its linked data is the text: equality, hashing, repr, copies and pickles all see it."""
    kb = gw.load(EXAMPLES / "regional-symposium-2023")
    made = reports.commitment_tracker(kb, as_of=as_of)
    given = reports.Document(
        title=made.title,
        blocks=made.blocks,
        subtitle=made.subtitle,
        language=made.language,
        linked_data=made.linked_data,
        date=made.date,
    )

    def fresh() -> reports.Document:
        return reports.commitment_tracker(kb, as_of=as_of)

    tracked = [standing.event for standing in analysis.commitment_standing(kb, as_of=as_of)]
    assert made.linked_data == (jsonld.script(kb, tracked) if tracked else None)
    assert given == fresh()
    assert fresh() == given
    assert hash(given) == hash(fresh())
    assert repr(given) == repr(fresh())
    assert attrs.asdict(given) == attrs.asdict(fresh())
    assert given == attrs.evolve(fresh()) == copy.copy(fresh()) == copy.deepcopy(fresh())
    assert pickle.dumps(given) == pickle.dumps(fresh())
    assert given == pickle.loads(pickle.dumps(fresh()))
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        fresh().linked_data = None  # type: ignore[misc]
