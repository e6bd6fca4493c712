"""The JSON Schema describes exactly the records gpworkshop accepts."""

from __future__ import annotations

import json
from typing import Any

import jsonschema
import pytest
from hypothesis import given

import gpworkshop as gw
from gpworkshop import strategies
from gpworkshop.schema import json_schema
from gpworkshop.vocab import StakeholderKind
from tests.records import EXAMPLES, RECORDS

SCHEMA = json_schema()
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)


def as_json(kb: gw.KnowledgeBase) -> Any:
    return json.loads(gw.dumps(kb, "json"))


def test_schema_is_a_valid_2020_12_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


@pytest.mark.parametrize("record", sorted(RECORDS))
def test_every_example_validates_against_the_schema(record: str) -> None:
    VALIDATOR.validate(as_json(gw.load(EXAMPLES / record)))


@given(kb=strategies.knowledge_bases(max_events=2))
def test_every_valid_record_validates_against_the_schema(kb: gw.KnowledgeBase) -> None:
    VALIDATOR.validate(as_json(kb))


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda d: d.update(gpworkshop=3), "version"),
        (lambda d: d["stakeholders"][0].update(kind="ngo"), "vocabulary"),
        (lambda d: d["stakeholders"][0].update(acronim="X"), "unknown key"),
        (lambda d: d["stakeholders"][0].pop("name"), "missing field"),
        (lambda d: d["stakeholders"][0].update(id="KRILA"), "id syntax"),
        (lambda d: d["stakeholders"][0].update(country="NOR"), "country code"),
        (lambda d: d["events"][0].update(start="6 Nov 2014"), "date"),
        (lambda d: d["events"][0]["objectives"][0].update(sdgs=["18"]), "SDG code"),
        (lambda d: d["events"][0]["participants"][0].update(roles=[]), "no role"),
    ],
)
def test_schema_refuses_what_the_loader_refuses(change: Any, reason: str) -> None:
    data = as_json(gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml"))
    change(data)

    assert not VALIDATOR.is_valid(data), reason
    with pytest.raises(gw.LoadError):
        gw.loads(json.dumps(data), "json")


def test_vocabulary_values_carry_their_meaning_for_editors() -> None:
    options = SCHEMA["$defs"]["StakeholderKind"]["oneOf"]

    assert [kind.value for kind in StakeholderKind] == [option["const"] for option in options]
    assert StakeholderKind.NETWORK.__doc__ == options[-2]["description"]


def test_fields_carry_their_documentation() -> None:
    assert 'Short name, such as ``"KRILA"``.' == SCHEMA["$defs"]["Stakeholder"]["properties"]["acronym"]["description"]


def test_the_schema_refuses_a_rule_it_cannot_state() -> None:
    import attrs

    from gpworkshop import schema

    def odd(_instance: object, _attribute: object, value: int) -> None:
        """An odd number."""

    @attrs.frozen
    class Tally:
        count: int = attrs.field(validator=odd)

    with pytest.raises(schema.SchemaError, match=r"the rule .*odd.* of the field 'count' has no JSON Schema"):
        schema._Builder().define_class(Tally)


def test_every_field_is_described_from_the_model_without_reading_source(monkeypatch: pytest.MonkeyPatch) -> None:
    import inspect

    import attrs

    from gpworkshop.model import DOC

    def no_source(_obj: object) -> str:
        raise OSError("no source in this installation")

    monkeypatch.setattr(inspect, "getsource", no_source)
    schema = json_schema()

    for name, definition in schema["$defs"].items():
        if definition.get("type") != "object":
            continue
        cls = getattr(gw, name)
        for field in attrs.fields(cls):
            if field.init:
                assert field.metadata[DOC] == definition["properties"][field.name]["description"], (name, field.name)
