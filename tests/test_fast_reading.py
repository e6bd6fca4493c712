"""The fast ways in read what the thorough ones read, and leave them the rest.

The generated builders accept only what the converter accepts and build the
same objects from it; the YAML reader's single loop over parser events gives
the data the checking builder gives, or leaves the text to it.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import threading
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import limits, strategies
from gpworkshop._converter import converter, reading_version
from gpworkshop._structuring import Unfit, builder
from gpworkshop.formats import yaml as yaml_format
from tests.test_fuzz import REPLACEMENTS, SEEDS, corrupted_texts, mutated_records

MODEL = [
    cls
    for cls in vars(gw).values()
    if isinstance(cls, type) and attrs.has(cls) and cls.__module__ == "gpworkshop.model"
]

#: Values a hand or another program may write where the model expects something else, or just right.
ODD_SCALARS: list[Any] = [
    "",
    "   ",
    "\t",
    "x",
    "speaker",
    "Speaker",
    "participant",
    "announced",
    "17.17",
    "6.a",
    "18",
    "NO",
    "no",
    "KR",
    "en",
    "zh-Hans",
    "not a tag!",
    "Asia/Seoul",
    "Asia/Atlantis",
    "https://example.org/",
    "example.org",
    "XM-DAC-41114",
    "03yrm5c26",
    "Q7817",
    "7",
    "007",
    "-1",
    "0",
    "100",
    "101",
    "+5",
    "2024-02-29",
    "2023-02-29",
    "2024-13-01",
    "2024-01-01T09:30:00+09:00",
    "2024-01-01T09:30:00",
    "2024-01-01T25:00:00",
    "20240101",
    "a-b",
    "-a",
    "A",
    dt.date(2024, 1, 1),
    dt.datetime(2024, 1, 1, 9, 30),
    True,
    0,
    7,
    101,
    -3,
    2.5,
    None,
]
#: Containers, made fresh for each use: a shared one could end up inside itself.
ODD_CONTAINERS: list[Any] = [
    [],
    {},
    {"en": "Seoul", "fr": "Séoul"},
    {"en": ""},
    {"en": "Seoul", "fr": " "},
    {"bad tag!": "x"},
    {"en": 5},
    ["participant", "speaker"],
    ["o0", "Not An Id"],
    ["17.17", "99"],
    ["en", "not a tag!"],
    [{"id": "x"}],
    ("o0",),
]
ODD_VALUES = st.one_of(
    REPLACEMENTS,
    st.sampled_from(ODD_SCALARS),
    st.sampled_from(range(len(ODD_CONTAINERS))).map(lambda index: copy.deepcopy(ODD_CONTAINERS[index])),
)


def odd_records() -> st.SearchStrategy[Any]:
    """A record's data, without its format version, with a few values replaced, dropped or renamed."""
    return mutated_records(
        ODD_VALUES, edits=3, actions=("drop", "rename", "replace", "replace"), suffixes=("s", "_"), body_only=True
    )


_REFUSED = object()


def _structured(structure: Any, data: Any) -> Any:
    try:
        return structure(data)
    except Exception:  # noqa: BLE001  (any refusal is compared as a refusal)
        return _REFUSED


def assert_same_as_converter(data: Any, cls: type, version: int = 2) -> Any:
    """The builder's object is the converter's, or the builder gives up; give what the builder gave."""
    with reading_version(version):
        slow = _structured(lambda value: converter().structure(value, cls), data)
        fast = _structured(builder(cls), data)
    if fast is not _REFUSED:
        assert slow is not _REFUSED, "the builder accepted what the converter refuses"
        assert fast == slow
        assert repr(fast) == repr(slow)
    return fast


@given(kb=strategies.knowledge_bases(max_events=3))
def test_a_valid_record_is_built_as_the_converter_builds_it(kb: gw.KnowledgeBase) -> None:
    data = gw.unstructure(kb)

    built = assert_same_as_converter(data, gw.KnowledgeBase)

    assert built is not _REFUSED
    assert built == kb


@given(data=odd_records())
def test_odd_data_is_built_as_the_converter_builds_it_or_left_to_it(data: Any) -> None:
    assert_same_as_converter(data, gw.KnowledgeBase)


@given(data=odd_records())
def test_texts_in_several_languages_are_left_to_the_converter_before_version_2(data: Any) -> None:
    assert_same_as_converter(data, gw.KnowledgeBase, version=1)


INSTANCES: dict[type, st.SearchStrategy[Any]] = {
    gw.Person: strategies.people(),
    gw.Identifiers: strategies.identifiers(),
    gw.Stakeholder: strategies.stakeholders(),
    gw.Location: strategies.locations(),
    gw.Participation: strategies.participations(),
    gw.Relation: strategies.relations(),
    gw.Objective: strategies.objectives(),
    gw.Source: strategies.sources(),
    gw.Takeaway: strategies.takeaways(),
    gw.Endorsement: strategies.endorsements(),
    gw.ProgressUpdate: strategies.progress_updates(),
    gw.Commitment: strategies.commitments(),
    gw.Resource: strategies.resources(),
    gw.Event: strategies.events(),
    gw.KnowledgeBase: strategies.knowledge_bases(max_events=1),
}


def test_every_class_of_the_model_is_tried() -> None:
    assert set(INSTANCES) == set(MODEL)


@pytest.mark.parametrize("cls", MODEL, ids=lambda cls: cls.__name__)
@settings(max_examples=5)
@given(data=st.data())
def test_every_field_with_every_odd_value_is_built_as_the_converter_builds_it(cls: type, data: st.DataObject) -> None:
    plain = gw.unstructure(data.draw(INSTANCES[cls]))
    for name in [field.name for field in attrs.fields(cls) if field.init]:
        assert_same_as_converter({key: value for key, value in plain.items() if key != name}, cls)
        for value in ODD_SCALARS + ODD_CONTAINERS:
            assert_same_as_converter({**plain, name: copy.deepcopy(value)}, cls)


@pytest.mark.parametrize("cls", MODEL, ids=lambda cls: cls.__name__)
@given(data=st.data())
def test_every_class_alone_is_built_as_the_converter_builds_it(cls: type, data: st.DataObject) -> None:
    plain = gw.unstructure(data.draw(INSTANCES[cls]))
    names = [field.name for field in attrs.fields(cls) if field.init] + ["extra"]
    for name in data.draw(st.lists(st.sampled_from(names), max_size=2)):
        if data.draw(st.booleans()):
            plain[name] = data.draw(ODD_VALUES)
        else:
            plain.pop(name, None)

    assert_same_as_converter(plain, cls)


def test_what_the_converter_refuses_the_builder_gives_up_on() -> None:
    build = builder(gw.Source)

    with pytest.raises(Exception, match="a source must name"):
        build({})
    with pytest.raises(Unfit):
        build({"stakeholder": "Not An Id"})
    with pytest.raises(Unfit):
        build([])


def test_a_record_read_from_text_is_built_once_and_equal_to_the_converters() -> None:
    text = SEEDS[0]
    data = json.loads(text)
    data.pop("gpworkshop")

    assert gw.loads(text, "json") == converter().structure(data, gw.KnowledgeBase)


def test_builders_are_generated_once_whatever_the_threads() -> None:
    found: list[Any] = []
    threads = [threading.Thread(target=lambda: found.append(builder(gw.Event))) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert all(build is found[0] for build in found)


def test_a_builder_shows_its_source_in_a_traceback() -> None:
    try:
        builder(gw.Takeaway)({"id": "t", "text": "x", "kind": "no such kind"})
    except KeyError as error:
        trace = error.__traceback__
        while trace is not None and trace.tb_next is not None:
            trace = trace.tb_next
        assert trace is not None
        assert "builder for Takeaway" in trace.tb_frame.f_code.co_filename
    else:
        pytest.fail("an unknown kind was built")


def test_objects_built_by_hand_keep_their_validators() -> None:
    with pytest.raises(gw.GPWorkshopError):
        gw.Takeaway(id="Not An Id", text="x", kind=gw.TakeawayKind.QUOTE)


#: libyaml's parser, and PyYAML's own, which is used where libyaml is missing.
LOADERS = list(dict.fromkeys([yaml_format._Loader, yaml.SafeLoader]))


def assert_read_as_the_builder_reads(text: str) -> None:
    """The single loop gives the checking builder's data, or leaves *text* to it, with either parser."""
    for loader in LOADERS:
        try:
            fast = yaml_format._plain(text, loader)
        except (yaml_format._UnusualError, yaml.YAMLError):
            continue
        slow, problems, refused = yaml_format._parse_yaml_with(loader, text, source="x", positions=False)
        assert not problems
        assert not refused
        assert fast == slow.data
        assert json.dumps(fast, default=str) == json.dumps(slow.data, default=str)


@given(text=corrupted_texts("yaml"))
def test_yaml_is_read_in_one_loop_as_the_builder_reads_it(text: str) -> None:
    assert_read_as_the_builder_reads(text)


@given(data=odd_records(), style=st.sampled_from([None, True, False]))
def test_yaml_of_any_data_is_read_in_one_loop_as_the_builder_reads_it(data: Any, style: bool | None) -> None:
    assert_read_as_the_builder_reads(yaml.safe_dump(data, allow_unicode=True, default_flow_style=style))


@pytest.mark.parametrize(
    "text",
    [
        "a: !!str 1\n",
        "a: 1\na: 2\n",
        "<<: {a: 1}\n",
        "? [a]\n: 1\n",
        "a: 1\n---\nb: 2\n",
        "[" * (limits.DEPTH + 1) + "]" * (limits.DEPTH + 1),
    ],
    ids=["tag", "duplicate", "merge", "complex key", "two documents", "deep"],
)
def test_yaml_the_loop_does_not_read_is_left_to_the_builder_to_refuse(text: str) -> None:
    for loader in LOADERS:
        with pytest.raises((yaml_format._UnusualError, yaml.YAMLError)):
            yaml_format._plain(text, loader)
    assert yaml_format.parse(text, "x")[1], "the builder reports a problem"


def test_yaml_aliases_are_left_to_the_builder_to_read() -> None:
    text = "a: &x [1]\nb: *x\n"

    with pytest.raises(yaml_format._UnusualError):
        yaml_format._plain(text, yaml_format._Loader)
    assert yaml_format.parse(text, "x")[0].data == {"a": ["1"], "b": ["1"]}


@pytest.mark.parametrize(
    "text", ["", "# only a comment\n", "a: ''\nb: ~\nc: [true, 'true', null, 'null']\n", "- [x]\n"]
)
def test_yaml_the_loop_reads_gives_what_the_builder_gives(text: str) -> None:
    assert_read_as_the_builder_reads(text)
    assert (
        yaml_format._plain(text, yaml_format._Loader)
        == yaml_format._parse_yaml_with(yaml_format._Loader, text, source="x", positions=False)[0].data
    )
