"""The JSON Schema (2020-12) of the file format, derived from the model.

Nothing here is written by hand: fields, types, required keys, vocabularies
with the meaning of each value, and the rules of the model's validators all
come from the model classes, so the schema cannot drift from what
:func:`gpworkshop.load` accepts. Editors use it to check and complete records
as they are typed.

>>> from gpworkshop.schema import json_schema
>>> schema = json_schema()
>>> schema["properties"]["gpworkshop"]["maximum"]
2
>>> schema["$defs"]["Stakeholder"]["required"]
['id', 'name', 'kind']
"""

from __future__ import annotations

import datetime as dt
import types
from typing import Any, Union, get_args, get_origin

import attrs

from gpworkshop import _validators as check
from gpworkshop import identifiers
from gpworkshop._wording import DATE_PATTERN, DATETIME_PATTERN
from gpworkshop.errors import GPWorkshopError
from gpworkshop.model import DOC, READS, TRANSLATABLE, KnowledgeBase
from gpworkshop.serialize import FORMAT_VERSION
from gpworkshop.vocab import Vocabulary

__all__ = ["SCHEMA_DIALECT", "SchemaError", "json_schema"]

#: The JSON Schema dialect of :func:`json_schema`.
SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_TEXT = {"type": "string", "pattern": r"\S"}
_SIMPLE: dict[Any, dict[str, Any]] = {
    str: {"type": "string"},
    bool: {"type": "boolean"},
    int: {"type": "integer"},
    dt.date: {"type": "string", "format": "date", "pattern": f"^{DATE_PATTERN}$"},
}
_SLUG = {"type": "string", "pattern": f"^{check.SLUG.pattern}$"}
_LANGUAGE_TAG = {"type": "string", "pattern": f"^{check.LANGUAGE_TAG.pattern}$"}
_TRANSLATABLE = {
    "description": "Text in the record's language, or a mapping of BCP 47 language tags to the text in each "
    "(format version 2 and later).",
    "anyOf": [
        _TEXT,
        {
            "type": "object",
            "propertyNames": _LANGUAGE_TAG,
            "additionalProperties": _TEXT,
            "minProperties": 1,
        },
    ],
}


class SchemaError(GPWorkshopError, TypeError):
    """The model has a type or a rule that the JSON Schema cannot state; a new one needs its schema here."""


def _rules() -> dict[Any, dict[str, Any]]:
    """What each field validator of the model means in JSON Schema."""
    return {
        check.slug: _SLUG,
        check.optional_slug: _SLUG,
        check.not_blank: _TEXT,
        check.optional_not_blank: _TEXT,
        check.optional_country: {"type": "string", "enum": sorted(check.country_codes())},
        check.optional_url: {"type": "string", "pattern": f"^{check.URL_PATTERN}$"},
        check.percent: {"type": "integer", "minimum": 0, "maximum": 100},
        check.positive: {"type": "integer", "minimum": 1},
        check.slugs: {"type": "array", "items": _SLUG},
        check.sdg_codes: {"type": "array", "items": {"type": "string", "pattern": f"^{check.SDG_CODE.pattern}$"}},
        check.not_empty: {"type": "array", "minItems": 1},
        check.language_tag: _LANGUAGE_TAG,
        check.language_tags: {"type": "array", "items": _LANGUAGE_TAG},
        check.iati_identifier: {"type": "string", "pattern": f"^(?:{identifiers.pattern('iati')})$"},
        check.ror_identifier: {"type": "string", "pattern": f"^(?:{identifiers.pattern('ror')})$"},
        check.wikidata_identifier: {"type": "string", "pattern": f"^(?:{identifiers.pattern('wikidata')})$"},
        check.optional_time_zone: {"type": "string", "pattern": f"^{check.TIME_ZONE.pattern}$"},
    }


def _first_line(text: str | None) -> str:
    return (text or "").strip().splitlines()[0] if text else ""


class _Builder:
    def __init__(self) -> None:
        self.definitions: dict[str, Any] = {}
        self.rules = _rules()

    def reference(self, type_: Any) -> dict[str, Any]:
        if type_ in _SIMPLE:
            return dict(_SIMPLE[type_])
        if get_origin(type_) in (Union, types.UnionType):
            members = [member for member in get_args(type_) if member is not type(None)]
            if set(members) == {dt.date, dt.datetime}:
                return {"type": "string", "pattern": f"^(?:{DATE_PATTERN}|{DATETIME_PATTERN})$"}
            inner = self.reference(members[0]) if len(members) == 1 else {"anyOf": [self.reference(m) for m in members]}
            return {"anyOf": [inner, {"type": "null"}]}
        if get_origin(type_) is tuple:
            return {"type": "array", "items": self.reference(get_args(type_)[0])}
        if isinstance(type_, type) and issubclass(type_, Vocabulary):
            self.define_vocabulary(type_)
        elif isinstance(type_, type) and attrs.has(type_):
            self.define_class(type_)
        else:
            raise SchemaError(f"no JSON Schema for the type {type_!r}")
        return {"$ref": f"#/$defs/{type_.__name__}"}

    def define_vocabulary(self, vocabulary: type[Vocabulary]) -> None:
        if vocabulary.__name__ in self.definitions:
            return
        self.definitions[vocabulary.__name__] = {
            "description": _first_line(vocabulary.__doc__),
            "type": "string",
            "oneOf": [{"const": member.value, "description": member.__doc__} for member in vocabulary],
        }

    def define_class(self, cls: type) -> None:
        name = cls.__name__
        if name in self.definitions:
            return
        self.definitions[name] = {}
        attrs.resolve_types(cls)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for field in attrs.fields(cls):
            if not field.init:
                continue
            schema = self.field_schema(field)
            if DOC in field.metadata:
                schema["description"] = field.metadata[DOC]
            properties[field.name] = schema
            if field.default is attrs.NOTHING:
                required.append(field.name)
        definition: dict[str, Any] = {
            "description": _first_line(cls.__doc__),
            "type": "object",
            "properties": properties,
            "additionalProperties": False,
        }
        if required:
            definition["required"] = required
        self.definitions[name] = definition

    def field_schema(self, field: attrs.Attribute[Any]) -> dict[str, Any]:
        if field.metadata.get(TRANSLATABLE):
            self.definitions.setdefault("Text", _TRANSLATABLE)
            text = {"$ref": "#/$defs/Text"}
            return text if field.default is attrs.NOTHING else {"anyOf": [text, {"type": "null"}]}
        schema = self.reference(field.type)
        if field.validator is None:
            return schema
        rule = self.rules.get(field.validator)
        if rule is None:
            if field.metadata.get(READS):
                # A rule between fields (end not before start), which JSON Schema cannot state.
                return schema
            raise SchemaError(f"the rule {field.validator!r} of the field {field.name!r} has no JSON Schema; add one")
        if "anyOf" in schema:
            # An optional field: the rule applies to the value when there is one.
            return {"anyOf": [{**schema["anyOf"][0], **rule}, {"type": "null"}]}
        return {**schema, **rule}


def json_schema() -> dict[str, Any]:
    """The JSON Schema of format version :data:`~gpworkshop.FORMAT_VERSION`, as a dict ready for ``json.dumps``."""
    builder = _Builder()
    builder.define_class(KnowledgeBase)
    top = builder.definitions.pop("KnowledgeBase")
    return {
        "$schema": SCHEMA_DIALECT,
        "$id": f"urn:gpworkshop:format:{FORMAT_VERSION}",
        "title": f"gpworkshop record, format {FORMAT_VERSION}",
        "description": "Stakeholders and events of multi-stakeholder workshops, their objectives, takeaways "
        "and commitments.",
        "type": "object",
        "properties": {
            "gpworkshop": {
                "type": "integer",
                "minimum": 1,
                "maximum": FORMAT_VERSION,
                "description": "The version of the file format: 1, or 2 for a record with texts in several languages.",
            },
            **top["properties"],
        },
        "required": ["gpworkshop"],
        "additionalProperties": False,
        "$defs": dict(sorted(builder.definitions.items())),
    }
