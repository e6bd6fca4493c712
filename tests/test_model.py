"""Model invariants that a type cannot express are checked when an object is made."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import gpworkshop as gw
from gpworkshop.vocab import StakeholderKind


def stakeholder(**changes: object) -> gw.Stakeholder:
    fields: dict[str, object] = {"id": "krila", "name": "KRILA", "kind": StakeholderKind.RESEARCH_INSTITUTE}
    fields.update(changes)
    return gw.Stakeholder(**fields)  # type: ignore[arg-type]


@pytest.mark.parametrize("bad_id", ["KRILA", "-x", "a b", "", "é", "a_b"])
def test_id_must_be_a_slug(bad_id: str) -> None:
    with pytest.raises(ValueError, match="'id' must be an id of lowercase letters"):
        stakeholder(id=bad_id)


@pytest.mark.parametrize("code", ["NO", "KR", "CH"])
def test_real_country_codes_are_accepted(code: str) -> None:
    assert code == stakeholder(country=code).country


@pytest.mark.parametrize("code", ["no", "XX", "KOR", "UK"])
def test_country_must_be_an_iso_alpha_2_code(code: str) -> None:
    with pytest.raises(ValueError, match="'country' must be an ISO 3166-1 alpha-2 country code"):
        stakeholder(country=code)


def test_end_before_start_is_refused() -> None:
    with pytest.raises(ValueError, match=r"'end' must not be before 'start' \(2014-11-07\) \(got 2014-11-06\)"):
        gw.Event(
            id="e", title="T", format=gw.EventFormat.WORKSHOP, start=dt.date(2014, 11, 7), end=dt.date(2014, 11, 6)
        )


def test_end_on_the_same_day_as_a_start_time_is_fine() -> None:
    start = dt.datetime(2014, 11, 6, 9, 0)

    event = gw.Event(id="e", title="T", format=gw.EventFormat.WORKSHOP, start=start, end=dt.date(2014, 11, 6))

    assert dt.date(2014, 11, 6) == event.end


@pytest.mark.parametrize("percent", [-1, 101, 150])
def test_percent_must_be_in_range(percent: int) -> None:
    with pytest.raises(ValueError, match=rf"'percent' must be in \[0, 100\] \(got {percent}\)"):
        gw.ProgressUpdate(on=dt.date(2024, 1, 1), status=gw.CommitmentStatus.IN_PROGRESS, percent=percent)


@pytest.mark.parametrize("code", ["18", "0", "17.", "1.1.1", "16.A"])
def test_sdg_codes_must_be_goals_or_targets(code: str) -> None:
    with pytest.raises(ValueError, match="'sdgs' must list SDG goals"):
        gw.Objective(id="o", title="T", sdgs=(code,))


def test_source_must_name_someone() -> None:
    with pytest.raises(ValueError, match="a source must name a 'stakeholder', a 'person' or both"):
        gw.Source()


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "https://",
        "http:///path",
        "https://example.org/a report.pdf",
        'https://example.org/"quoted"',
        "https://example.org:99999/",
        "https://example.org/%zz",
        "ftp://example.org/",
    ],
)
def test_url_must_be_a_well_formed_web_address(url: str) -> None:
    with pytest.raises(gw.FieldValueError, match="'url' must be a well-formed http:// or https:// address"):
        gw.Resource(title="Video", kind=gw.ResourceKind.VIDEO, url=url)


@pytest.mark.parametrize(
    "url",
    [
        "https://www.effectivecooperation.org/content/busan-partnership-agreement",
        "HTTP://example.org",
        "https://ko.wikipedia.org/wiki/행정안전부",
        "https://example.org/search?q=local+governance&lang=ko#top",
        "https://[::1]:8080/it's(1)",
    ],
)
def test_well_formed_web_addresses_are_taken(url: str) -> None:
    assert url == gw.Resource(title="Video", kind=gw.ResourceKind.VIDEO, url=url).url


def test_a_list_field_error_names_every_bad_item() -> None:
    with pytest.raises(gw.FieldValueError) as caught:
        gw.Objective(id="o", title="T", sdgs=("16", "18", "17.17", "99"))

    assert "sdgs" == caught.value.field
    assert (1, 3) == tuple(index for index, _ in caught.value.items)
    assert str(caught.value).startswith("item 1: 'sdgs' must list SDG goals")


def test_blank_title_is_refused() -> None:
    with pytest.raises(ValueError, match="'title' must be non-empty text"):
        gw.Objective(id="o", title="   ")


def test_participation_needs_a_role() -> None:
    with pytest.raises(ValueError, match="'roles' must list at least one item"):
        gw.Participation(stakeholder="krila", roles=())


def test_model_objects_are_frozen() -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        stakeholder().name = "Other"  # type: ignore[misc]


def test_knowledge_base_looks_up_by_id() -> None:
    kb = gw.KnowledgeBase(stakeholders=(stakeholder(),))

    assert "KRILA" == kb.stakeholder("krila").name


def test_unknown_id_is_a_key_error_and_a_gpworkshop_error() -> None:
    kb = gw.KnowledgeBase()

    with pytest.raises(gw.UnknownIdError) as caught:
        kb.stakeholder("nobody")

    assert isinstance(caught.value, KeyError)
    assert isinstance(caught.value, gw.GPWorkshopError)
    assert "no stakeholder has the id 'nobody'" == str(caught.value)


def test_editions_of_a_series_come_in_order() -> None:
    def edition(number: int) -> gw.Event:
        return gw.Event(
            id=f"e{number}",
            title="T",
            format=gw.EventFormat.WORKSHOP,
            series="Busan GP Workshop",
            edition=number,
            start=dt.date(2013 + number, 11, 6),
        )

    kb = gw.KnowledgeBase(events=(edition(3), edition(1), edition(2)))

    assert ["e1", "e2", "e3"] == [event.id for event in kb.editions("Busan GP Workshop")]


def test_knowledge_bases_compare_by_content() -> None:
    assert gw.KnowledgeBase(stakeholders=(stakeholder(),)) == gw.KnowledgeBase(stakeholders=(stakeholder(),))
    assert hash(gw.KnowledgeBase(stakeholders=(stakeholder(),))) == hash(
        gw.KnowledgeBase(stakeholders=(stakeholder(),))
    )


def test_stakeholder_kinds_map_to_iati_organisation_types() -> None:
    assert "10" == StakeholderKind.GOVERNMENT.iati_code
    assert "80" == StakeholderKind.RESEARCH_INSTITUTE.iati_code
    assert {kind.iati_code for kind in StakeholderKind} <= {"10", "11", "15", "22", "24", "40", "60", "70", "80", "90"}


def test_every_vocabulary_value_has_a_meaning() -> None:
    from gpworkshop import vocab

    for name in vocab.__all__:
        vocabulary = getattr(vocab, name)
        for member in vocabulary:
            assert member.__doc__, member
            assert member.__doc__.endswith("."), member
