"""Fault injection: k independent faults in a valid record give exactly k errors, each at its own place.

A valid record (drawn from the public strategies, or one of the examples) is
turned into plain data; faults of every kind are injected at places drawn at
random, each one independent of the others (no fault touches what another
one touches, and none makes another's error follow from it); the data is
written as YAML or JSON, and loading it must report exactly the injected
faults: the code, the path, and the line and column, which are found here
from PyYAML's own node marks, not from gpworkshop's locator.
"""

from __future__ import annotations

import datetime as dt
import json
import types
from collections.abc import Callable, Iterator
from typing import Any, Literal, Union, get_args, get_origin

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import _validators as check
from gpworkshop import strategies
from gpworkshop.vocab import Vocabulary

from .records import EXAMPLES, RECORDS

Path = tuple[str | int, ...]
Where = str  # "value", "key" or "parent": where the error must be located

#: Reference fields, by class and field, with the kind of object they name.
REFERENCES = {
    ("Stakeholder", "part_of"): "stakeholder",
    ("Participation", "stakeholder"): "stakeholder",
    ("Source", "stakeholder"): "stakeholder",
    ("Endorsement", "stakeholder"): "stakeholder",
    ("Commitment", "by"): "stakeholder",
    ("Event", "part_of"): "event",
    ("Relation", "event"): "event",
    ("Takeaway", "objectives"): "objective",
    ("Commitment", "objectives"): "objective",
    ("Commitment", "takeaways"): "takeaway",
}
#: The kind of object an ``id`` names, by class.
ID_KINDS = {"Stakeholder": "stakeholder", "Event": "event", "Objective": "objective", "Takeaway": "takeaway"}


@attrs.frozen
class Fault:
    """One fault: what it changes, what it touches, and the error it must cause."""

    kind: str
    claims: frozenset[Path]
    apply: Callable[[dict[str, Any]], None]
    code: str
    path: Path
    where: Where


def _at(data: Any, path: Path) -> Any:
    for step in path:
        data = data[step]
    return data


def _setter(path: Path, value: Any) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        _at(data, path[:-1])[path[-1]] = value

    return apply


def _deleter(path: Path) -> Callable[[dict[str, Any]], None]:
    def apply(data: dict[str, Any]) -> None:
        del _at(data, path[:-1])[path[-1]]

    return apply


def _class_of(type_: Any) -> type | None:
    if attrs.has(type_):
        return type_
    if get_origin(type_) in (Union, types.UnionType):
        members = [m for m in get_args(type_) if m is not type(None)]
        if len(members) == 1 and attrs.has(members[0]):
            return members[0]
    return None


def _plain(type_: Any) -> set[Any]:
    """The types a field may hold, ``None`` left out."""
    if get_origin(type_) in (Union, types.UnionType):
        return {m for m in get_args(type_) if m is not type(None)}
    return {type_}


def _scope(kind: str, path: Path) -> Path:
    return path[:2] if kind in ("objective", "takeaway") else ()


def _references(data: Any, cls: type, path: Path) -> Iterator[tuple[str, Path, Path]]:
    """Every reference in *data*: the kind it names, its scope, and its path."""
    attrs.resolve_types(cls)
    for field in attrs.fields(cls):
        if field.name not in data:
            continue
        value, field_path = data[field.name], (*path, field.name)
        kind = REFERENCES.get((cls.__name__, field.name))
        if kind is not None:
            if isinstance(value, list):
                for index in range(len(value)):
                    yield kind, _scope(kind, path), (*field_path, index)
            else:
                yield kind, _scope(kind, path), field_path
            continue
        inner = _class_of(field.type)
        if inner is None and get_origin(field.type) is tuple:
            inner = _class_of(get_args(field.type)[0])
            if inner is not None:
                for index, item in enumerate(value):
                    yield from _references(item, inner, (*field_path, index))
        elif inner is not None and isinstance(value, dict):
            yield from _references(value, inner, field_path)


def _faults(record: dict[str, Any]) -> Iterator[Fault]:  # noqa: PLR0915  (nested walkers share the counter)
    references = list(_references(record, gw.KnowledgeBase, ()))
    counter = iter(range(1, 1_000_000))

    def walk(data: dict[str, Any], cls: type, path: Path) -> Iterator[Fault]:  # noqa: PLR0912, PLR0915  (a branch a kind of fault)
        attrs.resolve_types(cls)
        fields = [field for field in attrs.fields(cls) if field.init]
        whole = (*path, "<object>")
        yield Fault(
            "unknown key",
            frozenset({whole}),
            _setter((*path, "remarks"), "x"),
            "GPW202",
            (*path, "remarks"),
            "key",
        )
        for field in fields:
            field_path = (*path, field.name)
            if field.default is attrs.NOTHING and field.name != "id" and field.name in data:
                yield Fault(
                    "missing field",
                    frozenset({whole, field_path}),
                    _deleter(field_path),
                    "GPW201",
                    field_path,
                    "parent",
                )
            if field.name not in data:
                continue
            value = data[field.name]
            inner = _class_of(field.type)
            if inner is not None and isinstance(value, dict):
                yield from walk(value, inner, field_path)
                continue
            types_ = _plain(field.type)
            validator = field.validator
            if get_origin(field.type) is tuple:
                item_type = get_args(field.type)[0]
                for index, item in enumerate(value):
                    item_path = (*field_path, index)
                    claim = frozenset({item_path})
                    if attrs.has(item_type):
                        yield from walk(item, item_type, item_path)
                    elif isinstance(item_type, type) and issubclass(item_type, Vocabulary):
                        yield Fault(
                            "vocabulary", claim, _setter(item_path, "no-such-value"), "GPW205", item_path, "value"
                        )
                    elif validator is check.slugs:
                        missing = f"no-such-id-{next(counter)}"
                        yield Fault("reference", claim, _setter(item_path, missing), "GPW302", item_path, "value")
                    elif validator is check.sdg_codes:
                        yield Fault("range", claim, _setter(item_path, "18"), "GPW206", item_path, "value")
                        yield Fault("type", claim, _setter(item_path, ["16"]), "GPW203", item_path, "value")
                    else:
                        yield Fault("type", claim, _setter(item_path, ["a", "list"]), "GPW203", item_path, "value")
                continue
            claim = frozenset({field_path})
            if field.name == "id":
                yield from id_faults(data, cls, path)
            elif validator in (check.slug, check.optional_slug):
                missing = f"no-such-id-{next(counter)}"
                yield Fault("reference", claim, _setter(field_path, missing), "GPW302", field_path, "value")
            elif validator is check.optional_country:
                yield Fault("country", claim, _setter(field_path, "Korea"), "GPW206", field_path, "value")
            elif validator is check.optional_url:
                bad = "https://example.org/a report.pdf"
                yield Fault("url", claim, _setter(field_path, bad), "GPW206", field_path, "value")
            elif validator is check.positive:
                yield Fault("range", claim, _setter(field_path, "-3"), "GPW206", field_path, "value")
            elif validator is check.percent:
                yield Fault("range", claim, _setter(field_path, "150"), "GPW206", field_path, "value")
            elif types_ & {dt.date, dt.datetime}:
                yield Fault("date", claim, _setter(field_path, "6 Nov"), "GPW204", field_path, "value")
            elif bool in types_:
                yield Fault("type", claim, _setter(field_path, "maybe"), "GPW203", field_path, "value")
            elif any(isinstance(t, type) and issubclass(t, Vocabulary) for t in types_):
                yield Fault("vocabulary", claim, _setter(field_path, "no-such-value"), "GPW205", field_path, "value")
            elif str in types_:
                yield Fault("type", claim, _setter(field_path, ["a", "list"]), "GPW203", field_path, "value")
        yield from order_faults(data, cls, path)

    def id_faults(data: dict[str, Any], cls: type, path: Path) -> Iterator[Fault]:
        kind = ID_KINDS.get(cls.__name__, "")  # nothing refers to a commitment
        old = data["id"]
        users = [p for k, scope, p in references if k == kind and scope == _scope(kind, path) and _at(record, p) == old]
        bad = f"Bad Id {next(counter)}"
        claims = frozenset({(*path, "id"), *users})

        def rename(target: dict[str, Any]) -> None:
            for user in (path, *users):
                if user == path:
                    _at(target, path)["id"] = bad
                else:
                    _setter(user, bad)(target)

        yield Fault("invalid id", claims, rename, "GPW206", (*path, "id"), "value")

    def order_faults(data: dict[str, Any], cls: type, path: Path) -> Iterator[Fault]:
        if cls is gw.Event and "start" in data:
            start = data["start"]
            end = (*path, "end")
            claims = frozenset({(*path, "start"), end})
            yield Fault("date order", claims, _setter(end, start - dt.timedelta(days=1)), "GPW206", end, "value")
        if cls is gw.Commitment and "made_on" in data:
            due = (*path, "due")
            claims = frozenset({(*path, "made_on"), due})
            early = data["made_on"] - dt.timedelta(days=1)
            yield Fault("date order", claims, _setter(due, early), "GPW306", due, "value")

    for index, stakeholder in enumerate(record.get("stakeholders", [])):
        yield from walk(stakeholder, gw.Stakeholder, ("stakeholders", index))
    for index, event in enumerate(record.get("events", [])):
        yield from walk(event, gw.Event, ("events", index))
    yield from duplicate_faults(record, references)


def duplicate_faults(record: dict[str, Any], references: list[tuple[str, Path, Path]]) -> Iterator[Fault]:
    """A later object takes the id of an earlier one of its kind; only objects nothing refers to."""
    referred = {(kind, _at(record, path)) for kind, _, path in references}
    groups: dict[str, list[Path]] = {
        "stakeholder": [("stakeholders", i) for i in range(len(record.get("stakeholders", [])))],
        "event": [("events", i) for i in range(len(record.get("events", [])))],
        "commitment": [
            ("events", i, "commitments", j)
            for i, event in enumerate(record.get("events", []))
            for j in range(len(event.get("commitments", [])))
        ],
    }
    for kind, paths in groups.items():
        for later_index, later in enumerate(paths):
            if (kind, _at(record, later)["id"]) in referred:
                continue
            for earlier in paths[:later_index]:
                claims = frozenset({(*earlier, "id"), (*later, "id")})
                taken = _at(record, earlier)["id"]
                yield Fault("duplicate id", claims, _setter((*later, "id"), taken), "GPW301", (*later, "id"), "value")


def _conflict(a: frozenset[Path], b: frozenset[Path]) -> bool:
    return any(x[: len(y)] == y or y[: len(x)] == x for x in a for y in b)


def _node_at(root: yaml.Node, path: Path, where: Where) -> yaml.Node:
    node, key = root, root
    steps = path[:-1] if where == "parent" else path
    for step in steps:
        if isinstance(node, yaml.MappingNode):
            key, node = next((k, v) for k, v in node.value if k.value == step)
        else:
            key, node = node, node.value[step]
    return key if where == "key" else node


def _written(record: dict[str, Any], format: str) -> str:
    if format == "json":
        return json.dumps(record, ensure_ascii=False, indent=2, default=lambda day: day.isoformat())
    return yaml.safe_dump(record, allow_unicode=True, sort_keys=False, width=1_000_000)


def _examples() -> list[gw.KnowledgeBase]:
    return [gw.load(EXAMPLES / name) for name in RECORDS]


records = st.one_of(st.sampled_from(_examples()), strategies.knowledge_bases(min_stakeholders=1, min_events=1))


@pytest.mark.parametrize("format", ["yaml", "json"])
@settings(suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much])
@given(kb=records, data=st.data())
def test_k_independent_faults_give_exactly_k_errors_each_at_its_place(
    format: Literal["yaml", "json"], kb: gw.KnowledgeBase, data: st.DataObject
) -> None:
    record = {"gpworkshop": gw.FORMAT_VERSION, **gw.unstructure(kb)}
    # PyYAML's writer does not keep every text (NEL, say); such records cannot carry faults through it.
    assume(gw.loads(_written(record, format), format) == kb)
    candidates = list(_faults(record))
    picks = data.draw(st.lists(st.integers(0, len(candidates) - 1), min_size=1, max_size=8), label="faults")
    chosen: list[Fault] = []
    for index in picks:
        fault = candidates[index]
        if not any(_conflict(fault.claims, other.claims) for other in chosen):
            chosen.append(fault)
    for fault in chosen:
        fault.apply(record)
    text = _written(record, format)

    with pytest.raises(gw.LoadError) as caught:
        gw.loads(text, format, source="record")

    root = yaml.compose(text)
    assert root is not None
    expected = []
    for fault in chosen:
        mark = _node_at(root, fault.path, fault.where).start_mark
        expected.append((fault.code, gw.errors.dotted(fault.path), mark.line + 1, mark.column + 1))
    found = [(p.code, p.path, p.line, p.column) for p in caught.value.errors]
    assert sorted(expected) == sorted(found), [fault.kind for fault in chosen]
    assert len({(line, column) for *_, line, column in found}) == len(chosen)
