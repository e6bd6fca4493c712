"""Records survive a trip through YAML and JSON unchanged, and the text is stable."""

from __future__ import annotations

import datetime as dt
import json

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import strategies
from gpworkshop._text import write_yaml
from gpworkshop.formats import yaml as yaml_format
from gpworkshop.translations import format_version

FORMATS = ["yaml", "json"]


@pytest.mark.parametrize("format_", FORMATS)
@given(kb=strategies.knowledge_bases())
def test_loads_of_dumps_is_the_same_knowledge_base(format_: str, kb: gw.KnowledgeBase) -> None:
    assert kb == gw.loads(gw.dumps(kb, format_), format_)


@pytest.mark.parametrize("format_", FORMATS)
@given(kb=strategies.knowledge_bases(max_events=2))
def test_dumps_of_a_loaded_record_gives_the_same_text(format_: str, kb: gw.KnowledgeBase) -> None:
    text = gw.dumps(kb, format_)

    assert text == gw.dumps(gw.loads(text, format_), format_)


@given(event=strategies.events(stakeholder_ids=["krila", "unpog"]))
def test_structure_of_unstructure_is_the_same_event(event: gw.Event) -> None:
    assert event == gw.structure(gw.unstructure(event), gw.Event)


@given(kb=strategies.knowledge_bases(max_events=2))
def test_yaml_and_json_hold_the_same_record(kb: gw.KnowledgeBase) -> None:
    assert gw.loads(gw.dumps(kb, "json"), "json") == gw.loads(gw.dumps(kb, "yaml"), "yaml")


def _iso(value: object) -> str:
    assert isinstance(value, dt.date)
    return value.isoformat()


@given(kb=strategies.knowledge_bases())
def test_json_text_is_what_the_json_module_writes_of_the_plain_data(kb: gw.KnowledgeBase) -> None:
    data = {"gpworkshop": format_version(kb), **gw.unstructure(kb)}

    assert gw.dumps(kb, "json") == json.dumps(data, indent=2, ensure_ascii=False, default=_iso) + "\n"


@pytest.mark.parametrize(
    "text",
    ['say "yes"', "a \\ b", "tab\there", "two\nlines", "bell\x07", "del\x7f", "line\u2028separator", "zero\u200bwidth"],
)
def test_json_text_escapes_what_the_json_module_escapes_in_every_text_field(text: str) -> None:
    takeaway = gw.Takeaway(id="t", text=text, kind=gw.TakeawayKind.KEY_MESSAGE, themes=(text,))
    event = gw.Event(
        id="e", title=text, format=gw.EventFormat.WORKSHOP, start=dt.date(2024, 5, 2), takeaways=(takeaway,)
    )
    kb = gw.KnowledgeBase(events=(event,))
    data = {"gpworkshop": format_version(kb), **gw.unstructure(kb)}

    assert gw.dumps(kb, "json") == json.dumps(data, indent=2, ensure_ascii=False, default=_iso) + "\n"


@given(event=strategies.events(stakeholder_ids=["krila", "unpog"]))
def test_json_text_of_an_event_with_every_kind_of_field(event: gw.Event) -> None:
    kb = gw.KnowledgeBase(events=(event,))
    data = {"gpworkshop": format_version(kb), **gw.unstructure(kb)}

    assert gw.dumps(kb, "json") == json.dumps(data, indent=2, ensure_ascii=False, default=_iso) + "\n"


@given(kb=strategies.knowledge_bases())
def test_yaml_text_is_what_pyyaml_writes_of_the_plain_data(kb: gw.KnowledgeBase) -> None:
    data = {"gpworkshop": format_version(kb), **gw.unstructure(kb)}

    assert gw.dumps(kb, "yaml") == write_yaml(data)


# Text that exercises every style: plain, quoted, folded at the width, literal blocks, escapes.
_AWKWARD_CHARACTERS = " \n\t:#'\"-?!&*|>%@`,[]{}.0123456789aeNOyé中\x85\u2028\ufeff"
_TEXT = st.one_of(
    st.text(min_size=1),
    st.text(alphabet=_AWKWARD_CHARACTERS, min_size=1, max_size=140),
    st.lists(
        st.sampled_from(["word", "a", "longerwords", "x:", "#y", "it's", "é", "NO", "17.10", "-"]),
        min_size=1,
        max_size=60,
    ).map(" ".join),
    st.sampled_from(["yes", "No", "null", "~", "2014-11-06", "0x1F", "1e3", ".inf", "<<", "=", "---", "..."]),
).filter(lambda text: text.strip())


@given(text=_TEXT)
def test_yaml_text_of_awkward_strings_in_every_place_is_what_pyyaml_writes(text: str) -> None:
    kb = gw.KnowledgeBase(
        stakeholders=(
            gw.Stakeholder(
                id="s", name=text, kind=gw.StakeholderKind.OTHER, people=(gw.Person(name=text, title=text),)
            ),
        ),
        events=(
            gw.Event(
                id="e",
                title=text,
                format=gw.EventFormat.WORKSHOP,
                start=dt.date(2014, 11, 6),
                summary=text,
                takeaways=(gw.Takeaway(id="t", text=text, kind=gw.TakeawayKind.KEY_MESSAGE),),
                themes=(text, "localisation", text),
            ),
        ),
    )
    data = {"gpworkshop": format_version(kb), **gw.unstructure(kb)}

    assert gw.dumps(kb, "yaml") == write_yaml(data)
    assert kb == gw.loads(gw.dumps(kb, "yaml"))


def test_json_text_of_an_empty_knowledge_base() -> None:
    assert gw.dumps(gw.KnowledgeBase(), "json") == '{\n  "gpworkshop": 1\n}\n'


def test_korean_text_is_written_as_korean() -> None:
    kb = gw.KnowledgeBase(
        stakeholders=(
            gw.Stakeholder(id="krila", name="한국지방행정연구원", kind=gw.StakeholderKind.RESEARCH_INSTITUTE),
        )
    )

    assert "name: 한국지방행정연구원" in gw.dumps(kb)
    assert '"name": "한국지방행정연구원"' in gw.dumps(kb, "json")


def test_fields_at_their_default_are_left_out() -> None:
    kb = gw.KnowledgeBase(stakeholders=(gw.Stakeholder(id="x", name="X", kind=gw.StakeholderKind.OTHER),))

    assert "gpworkshop: 1\nstakeholders:\n  - id: x\n    name: X\n    kind: other\n" == gw.dumps(kb)


def test_keys_follow_the_order_of_the_model() -> None:
    kb = gw.load("examples/busan-gp-workshop-2014.yaml")

    keys = list(gw.unstructure(kb.events[0]))

    assert ["id", "title", "format", "categories", "series", "edition", "start", "end", "location"] == keys[:9]


def test_multi_line_text_is_written_as_a_literal_block() -> None:
    event = gw.Event(id="e", title="T", format=gw.EventFormat.FORUM, start=dt.date(2020, 1, 1), summary="One.\n\nTwo.")

    text = gw.dumps(gw.KnowledgeBase(events=(event,)))

    assert "    summary: |-\n      One.\n\n      Two.\n" in text


@given(kb=strategies.knowledge_bases(max_events=2))
def test_the_pure_python_yaml_reader_reads_what_libyaml_reads(kb: gw.KnowledgeBase) -> None:
    text = gw.dumps(kb, "yaml")

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yaml_format, "_Loader", yaml.SafeLoader)
        read_in_python = gw.loads(text)

    assert kb == read_in_python == gw.loads(text)


def test_a_traceback_through_a_generated_writer_shows_its_source() -> None:
    import traceback

    class Unwritable:
        def __repr__(self) -> str:
            raise RuntimeError("cannot be written")

    kb = gw.KnowledgeBase(stakeholders=(gw.Stakeholder(id="s", name="S", kind=gw.StakeholderKind.OTHER),))
    object.__setattr__(kb.stakeholders[0], "name", Unwritable())

    with pytest.raises(Exception) as caught:  # noqa: PT011  (whatever the writer raises, its lines are shown)
        gw.dumps(kb, "json")

    frames = [frame for frame in traceback.extract_tb(caught.value.__traceback__) if "writer for" in frame.filename]
    assert frames
    assert all(frame.line for frame in frames)
