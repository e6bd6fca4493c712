"""The model, not the YAML resolver, decides what a value is."""

from __future__ import annotations

import datetime as dt

import pytest

import gpworkshop as gw

HEADER = "gpworkshop: 1\n"


def one_event(fields: str) -> gw.Event:
    text = HEADER + "events:\n  - id: e\n    title: T\n    format: workshop\n" + fields
    return gw.loads(text).events[0]


def test_norway_country_code_stays_a_string() -> None:
    kb = gw.loads(HEADER + "stakeholders:\n  - {id: norad, name: Norad, kind: bilateral-provider, country: NO}\n")

    assert "NO" == kb.stakeholder("norad").country


def test_sdg_target_stays_text_with_its_trailing_zero() -> None:
    event = one_event("    start: 2014-11-06\n    objectives:\n      - {id: o, title: T, sdgs: [17.10, 5, 6.a]}\n")

    assert ("17.10", "5", "6.a") == event.objectives[0].sdgs


def test_date_field_gets_a_date() -> None:
    event = one_event("    start: 2014-11-06\n")

    assert dt.date(2014, 11, 6) == event.start


def test_date_in_a_text_field_stays_text() -> None:
    event = one_event("    start: 2014-11-06\n    themes: [2014-11-06, 1e3, '017', null-island]\n")

    assert ("2014-11-06", "1e3", "017", "null-island") == event.themes


def test_datetime_with_offset_keeps_its_offset() -> None:
    event = one_event("    start: 2023-10-17T09:30:00+09:00\n")

    assert dt.datetime(2023, 10, 17, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=9))) == event.start


def test_yaml_11_booleans_are_text_in_text_fields() -> None:
    event = one_event("    start: 2014-11-06\n    themes: [yes, no, on, off]\n")

    assert ("yes", "no", "on", "off") == event.themes


@pytest.mark.parametrize("word", ["yes", "no", "on", "1"])
def test_only_true_and_false_are_booleans(word: str) -> None:
    with pytest.raises(gw.LoadError) as caught:
        one_event(f"    start: 2014-11-06\n    location: {{online: {word}}}\n")

    assert ["GPW203"] == [p.code for p in caught.value.problems]
    assert "expected true or false" in caught.value.problems[0].message


def test_true_is_a_boolean_in_a_boolean_field() -> None:
    event = one_event("    start: 2014-11-06\n    location: {online: true}\n")

    assert event.location is not None
    assert event.location.online is True


def test_whole_number_from_yaml_text() -> None:
    event = one_event("    start: 2014-11-06\n    series: S\n    edition: 7\n")

    assert 7 == event.edition


def test_json_number_where_text_is_expected_is_an_error() -> None:
    text = '{"gpworkshop": 1, "events": [{"id": "e", "title": 2014, "format": "workshop", "start": "2014-11-06"}]}'

    with pytest.raises(gw.LoadError) as caught:
        gw.loads(text, "json")

    [problem] = caught.value.problems
    assert ("GPW203", "events[0].title") == (problem.code, problem.path)
    assert "put it in quotes" in problem.message


def test_dump_quotes_text_other_yaml_readers_would_misread() -> None:
    kb = gw.loads(HEADER + "stakeholders:\n  - {id: norad, name: 'yes', kind: bilateral-provider, country: NO}\n")

    text = gw.dumps(kb)

    assert "name: 'yes'" in text
    assert "country: 'NO'" in text


def test_dates_are_written_plain_in_yaml_and_as_text_in_json() -> None:
    kb = gw.KnowledgeBase(events=(one_event("    start: 2014-11-06\n"),))

    assert "start: 2014-11-06\n" in gw.dumps(kb)
    assert '"start": "2014-11-06"' in gw.dumps(kb, "json")
