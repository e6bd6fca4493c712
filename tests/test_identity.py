"""Who is who: identifiers of stakeholders in outside registries, and the finder of likely duplicates."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import MissingExtraError, identifiers
from gpworkshop import strategies as gws
from gpworkshop.duplicates import find_duplicates, normalised
from gpworkshop.schema import json_schema
from tests.commands import run, shown

LABELLED = Path(__file__).resolve().parent / "duplicates"


@pytest.mark.parametrize(
    ("kind", "value"),
    [
        ("iati", "XM-DAC-41114"),
        ("iati", "GB-COH-01234567"),
        ("iati", "XI-IATI-EC_DEVCO"),
        ("ror", "03yrm5c26"),
        ("ror", "https://ror.org/03yrm5c26"),
        ("ror", "05GQ02987"),
        ("wikidata", "Q7817"),
        ("wikidata", "https://www.wikidata.org/wiki/Q7817"),
        ("wikidata", "http://www.wikidata.org/entity/Q7817"),
    ],
)
def test_identifiers_of_each_registry_are_accepted_in_the_forms_people_write(kind: str, value: str) -> None:
    assert identifiers.identifier_problem(kind, value) is None
    assert re.fullmatch(identifiers.pattern(kind), value)


@pytest.mark.parametrize(
    ("kind", "value", "said"),
    [
        ("iati", "", "a registration agency, a hyphen and a number"),
        ("iati", "XM-DAC-", "has no number after the registration agency 'XM-DAC'"),
        ("iati", "XM-DAC-41 114", "holds no spaces"),
        ("iati", " XM-DAC-41114", "no spaces around it: write 'XM-DAC-41114'"),
        ("iati", "XM-DAC-41114/2", "none of / & | ?"),
        ("iati", "-", "'-' has an empty part"),
        ("iati", "--", "'--' has an empty part"),
        ("iati", "XM--DAC-41114", "joined by single hyphens"),
        ("ror", "03yrm5c27", "check digits"),
        ("ror", "ror.org/03yrm5c26", "two check digits"),
        ("ror", "13yrm5c26", "0, six letters"),
        ("wikidata", "Q0", "Q and a number"),
        ("wikidata", "P31", "Q and a number"),
    ],
)
def test_a_malformed_identifier_says_what_is_wrong(kind: str, value: str, said: str) -> None:
    problem = identifiers.identifier_problem(kind, value)

    assert problem is not None
    assert said in problem


@pytest.mark.parametrize(
    ("value", "said"),
    [
        ("US-GOV-1", "'US-GOV' is not in IATI's OrganisationRegistrationAgency codelist; the closest is 'US-USAGOV'"),
        ("XX-DAC-41114", "the closest is 'XM-DAC' (OECD Development Assistance Committee)"),
        ("DE-1", "'DE-1' is not in IATI's OrganisationRegistrationAgency codelist; the closest is 'DE-"),
        (
            "44000",
            "'44000' names no registration agency: an identifier from the OECD DAC's list is written 'XM-DAC-44000'",
        ),
        ("BE-GTCF-0123456789", "'BE-GTCF' (Au Greffe du Tribunal de Commerce Francophone de Bruxelles) is withdrawn"),
        ("FR-INSEE-123", "'FR-INSEE' (The National Institute of Statistics and Economic Studies) is withdrawn"),
        ("gb-gov-1", "'gb-gov' is written in capitals in IATI's codelist: 'GB-GOV-1'"),
    ],
)
def test_an_iati_identifier_of_an_unlisted_or_withdrawn_agency_is_kept_with_a_warning(value: str, said: str) -> None:
    warning = identifiers.agency_warning(value)

    assert identifiers.identifier_problem("iati", value) is None
    assert warning is not None
    assert said in warning


def test_an_iati_identifier_of_an_active_agency_gets_no_warning() -> None:
    assert [None, None] == [identifiers.agency_warning(value) for value in ("XM-DAC-41114", "GB-GOV-1")]


def test_the_vendored_codelist_is_iatis_with_its_source_and_licence() -> None:
    agencies = identifiers.registration_agencies()
    source = (Path(identifiers.__file__).parent / "codelists" / "SOURCE.md").read_text("utf-8")

    assert 539 == len(agencies)
    assert "OECD Development Assistance Committee" == agencies["XM-DAC"].name
    assert {"active", "withdrawn"} == {agency.status for agency in agencies.values()}
    assert "Creative Commons Attribution 4.0" in source
    assert "IATI-Codelists-NonEmbedded" in source


@given(gws.identifiers())
def test_generated_identifiers_are_valid_and_match_the_schema_patterns(drawn: gw.Identifiers) -> None:
    for kind, value in attrs.asdict(drawn).items():
        if value is not None:
            assert identifiers.identifier_problem(kind, value) is None
            assert re.fullmatch(identifiers.pattern(kind), value)


def test_the_json_schema_checks_identifiers_and_websites() -> None:
    jsonschema = pytest.importorskip("jsonschema")
    schema = json_schema()
    good = {
        "gpworkshop": 1,
        "stakeholders": [
            {
                "id": "a",
                "name": "A",
                "kind": "network",
                "identifiers": {"iati": "XM-DAC-41114"},
                "website": "https://a.org/",
            }
        ],
    }
    bad = {
        "gpworkshop": 1,
        "stakeholders": [{"id": "a", "name": "A", "kind": "network", "identifiers": {"iati": "XM-DAC 1"}}],
    }

    jsonschema.validate(good, schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(bad, schema)


def test_two_stakeholders_with_one_identifier_are_an_error_that_names_both() -> None:
    text = """gpworkshop: 1
stakeholders:
  - {id: ibrd, name: International Bank for Reconstruction and Development, kind: multilateral,
     identifiers: {iati: XM-DAC-44001}}
  - {id: world-bank, name: World Bank, kind: multilateral, identifiers: {iati: XM-DAC-44001, wikidata: Q7164}}
"""
    with pytest.raises(gw.LoadError) as raised:
        gw.loads(text, source="banks.yaml")

    [problem] = raised.value.problems
    assert ("GPW308", "banks.yaml:5:80") == (problem.code, problem.location)
    assert "'world-bank' has the IATI identifier 'XM-DAC-44001' of 'ibrd'" in problem.message


# The duplicate finder.


def labelled() -> tuple[gw.KnowledgeBase, set[frozenset[str]]]:
    kb = gw.load(LABELLED / "labelled.yaml", check=False)
    labels = yaml.safe_load((LABELLED / "labels.yaml").read_text("utf-8"))
    return kb, {frozenset(pair) for pair in labels["duplicates"]}


def test_the_finder_lists_exactly_the_labelled_duplicates() -> None:
    kb, truth = labelled()

    found = {frozenset((match.first, match.second)) for match in find_duplicates(kb)}

    assert truth == found


def test_look_alikes_are_not_paired_even_at_a_low_threshold() -> None:
    kb, truth = labelled()

    found = {frozenset((match.first, match.second)) for match in find_duplicates(kb, threshold=40)}

    assert truth == found
    for pair in (("uba", "eea"), ("afdb", "adb"), ("idb", "isdb"), ("mfa-norway", "mfa-denmark"), ("undp", "unep")):
        assert frozenset(pair) not in found


def test_each_match_says_why() -> None:
    kb, _ = labelled()
    reasons = {frozenset((m.first, m.second)): m.reasons for m in find_duplicates(kb)}

    assert "same IATI identifier XM-DAC-44001" in reasons[frozenset(("ibrd", "world-bank"))]
    assert "same website climatenetwork.org" in reasons[frozenset(("can-international", "can-int"))]
    assert "same acronym KDI and country KR" in reasons[frozenset(("kdi", "kdi-bis"))]
    assert "the acronym KRILA is the initials of the other's name" in reasons[frozenset(("krila", "krila-bis"))]
    assert "names match but for spelling or abbreviation" in reasons[frozenset(("undp", "un-development-programme"))]


def test_names_are_normalised_for_case_accents_punctuation_small_words_and_bracketed_acronyms() -> None:
    assert "climate action network europe" == normalised("The Climate Action Network (CAN) Europe")
    assert normalised("Agence Française de Développement") == normalised("AGENCE FRANCAISE DE DEVELOPPEMENT")


@given(gws.stakeholders(), st.sampled_from(["upper", "the", "bracketed", "order"]))
def test_a_stakeholder_written_again_is_always_found(stakeholder: gw.Stakeholder, how: str) -> None:
    name = str(stakeholder.name)
    again = {
        "upper": name.upper(),
        "the": f"The {name}",
        "bracketed": f"{name} (XYZ)",
        "order": " ".join(reversed(name.split())),
    }[how]
    if not normalised(name):
        return
    other = attrs.evolve(stakeholder, id=stakeholder.id + "-again", name=again, identifiers=gw.Identifiers())

    [match] = [m for m in find_duplicates([stakeholder, other]) if {m.first, m.second} == {stakeholder.id, other.id}]

    assert match.score >= 90


@given(gws.knowledge_bases(max_stakeholders=8), st.floats(0, 100))
def test_matches_are_ordered_scored_and_explained(kb: gw.KnowledgeBase, threshold: float) -> None:
    order = {s.id: index for index, s in enumerate(kb.stakeholders)}

    matches = find_duplicates(kb, threshold=threshold)

    assert [m.score for m in matches] == sorted((m.score for m in matches), reverse=True)
    for match in matches:
        assert threshold <= match.score <= 100
        assert match.reasons
        assert order[match.first] < order[match.second]


def test_without_rapidfuzz_the_extra_is_named(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "rapidfuzz", None)

    with pytest.raises(MissingExtraError, match=r'pip install "gpworkshop\[duplicates\]"'):
        find_duplicates([])
    status, out = shown("stakeholders", str(LABELLED / "labelled.yaml"), "--duplicates")
    assert 1 == status
    assert 'pip install "gpworkshop[duplicates]"' in out


# The command line.


def test_stakeholders_lists_each_with_where_it_is_written() -> None:
    status, out = shown("stakeholders", "examples/regional-symposium-2023")

    assert 0 == status
    assert re.search(
        r"^krila +Korea Research Institute for Local Administration \(KRILA\) \[KR\] +"
        r"\(examples/regional-symposium-2023/stakeholders\.yaml:\d+:5\)$",
        out,
        re.MULTILINE,
    )
    assert 11 == len(out.splitlines())


def test_stakeholders_duplicates_prints_pairs_scores_places_and_reasons() -> None:
    status, out = shown("stakeholders", str(LABELLED / "labelled.yaml"), "--duplicates")

    assert 0 == status
    assert out.startswith("100.0  'can-europe' and 'can-europe-bis'\n       Climate Action Network Europe  (")
    assert out.endswith("18 likely duplicates among 58 stakeholders\n")
    _, written = shown("stakeholders", str(LABELLED / "labelled.yaml"), "--duplicates", "--format", "json")
    first = json.loads(written)["duplicates"][0]
    assert ("can-europe", "can-europe-bis", 100.0) == (first["first"]["id"], first["second"]["id"], first["score"])
    assert first["first"]["location"].endswith("labelled.yaml:7:5")


def test_a_threshold_out_of_range_or_without_duplicates_is_a_usage_error() -> None:
    assert 2 == shown("stakeholders", str(LABELLED / "labelled.yaml"), "--duplicates", "--threshold", "120")[0]
    assert 2 == shown("stakeholders", str(LABELLED / "labelled.yaml"), "--threshold", "90")[0]


def test_identifiers_and_websites_travel_to_linked_data_and_popolo() -> None:
    kb = gw.loads(
        """gpworkshop: 1
stakeholders:
  - id: cdl
    name: California Digital Library
    kind: academia
    identifiers:
      ror: "https://ror.org/03YRM5C26"
      wikidata: "http://www.wikidata.org/entity/Q5020400"
      iati: XI-IATI-CDL
    website: https://cdlib.org/
events:
  - id: open-day
    title: Open day
    format: meeting
    start: 2024-05-02
    participants: [{stakeholder: cdl, roles: [organiser]}]
"""
    )

    linked, popolo = (gw.formats.get(name).write for name in ("jsonld", "popolo"))
    assert linked is not None
    assert popolo is not None
    [node] = _organizations(json.loads(linked(kb)))
    [organisation] = json.loads(popolo(kb))["organizations"]

    assert "https://cdlib.org/" == node["url"]
    assert ["https://ror.org/03yrm5c26", "https://www.wikidata.org/wiki/Q5020400"] == node["sameAs"]
    assert {"@type": "PropertyValue", "propertyID": "IATI", "value": "XI-IATI-CDL"} in node["identifier"]
    # Each identifier is written one way in both, however the record spells it.
    assert {"identifier": "03yrm5c26", "scheme": "ror"} in organisation["identifiers"]
    assert {"identifier": "Q5020400", "scheme": "wikidata"} in organisation["identifiers"]
    assert [{"url": "https://cdlib.org/", "note": "website"}] == organisation["links"]


def _organizations(value: Any) -> list[dict[str, Any]]:
    """Every schema.org Organization node in a JSON-LD document, however deep."""
    if isinstance(value, dict):
        found = [value] if value.get("@type") == "Organization" else []
        return found + [node for item in value.values() for node in _organizations(item)]
    if isinstance(value, list):
        return [node for item in value for node in _organizations(item)]
    return []


def test_a_pair_with_nothing_in_common_is_not_listed_even_at_threshold_zero() -> None:
    kb = gw.loads(
        """gpworkshop: 1
stakeholders:
  - {id: a, name: "0", kind: government}
  - {id: b, name: "00", acronym: "0", kind: public-body}
  - {id: c, name: Saemaul Undong Center, kind: foundation}
"""
    )

    assert [] == [m for m in find_duplicates(kb, threshold=0) if "c" in (m.first, m.second)]
    assert all(match.reasons for match in find_duplicates(kb, threshold=0))


def test_the_listing_of_stakeholders_shows_no_control_character_of_their_names(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(
        'gpworkshop: 1\nstakeholders:\n  - {id: a, name: "bad\\e]0;title\\a\\r\\nname", kind: network}\n', "utf-8"
    )

    status, out, _ = run("stakeholders", str(record))

    assert (0, f"a  bad\ufffd]0;title\ufffd name  ({record}:3:5)\n") == (status, out)


def test_the_json_listing_of_stakeholders_writes_del_and_c1_controls_as_escapes(tmp_path: Path) -> None:
    record = tmp_path / "record.yaml"
    record.write_text(
        'gpworkshop: 1\nstakeholders:\n  - {id: a, name: "bad\\x9b2J\\x7fname", kind: network}\n', "utf-8"
    )

    status, out, _ = run("stakeholders", str(record), "--format", "json")

    assert (0, '      "label": "bad\\u009b2J\\u007fname",') == (status, out.splitlines()[4])
    assert "bad\x9b2J\x7fname" == json.loads(out)["stakeholders"][0]["label"]
