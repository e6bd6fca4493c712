"""Analyses behind the reports: coverage, commitment standing, stakeholder mix, follow-up across editions."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gpworkshop as gw
from gpworkshop import analysis, strategies
from gpworkshop.vocab import CommitmentStatus, Role, StakeholderKind
from tests.records import EXAMPLES

D = dt.date


def edition(number: int, start: dt.date, *commitments: gw.Commitment) -> gw.Event:
    return gw.Event(
        id=f"busan-{start.year}",
        title=f"Busan Global Partnership Workshop {start.year}",
        format=gw.EventFormat.WORKSHOP,
        series="Busan Global Partnership Workshop",
        edition=number,
        start=start,
        commitments=commitments,
    )


def pledge(commitment_id: str, **fields: object) -> gw.Commitment:
    return gw.Commitment(id=commitment_id, text="Do it.", by=("krila",), kind=gw.CommitmentKind.PLEDGE, **fields)  # type: ignore[arg-type]


KRILA = gw.Stakeholder(id="krila", name="KRILA", kind=StakeholderKind.RESEARCH_INSTITUTE, country="KR")
REPORTED = pledge(
    "reported",
    made_on=D(2014, 11, 7),
    due=D(2015, 6, 30),
    deliverable="A study.",
    status=CommitmentStatus.ACHIEVED,
    progress=(
        gw.ProgressUpdate(on=D(2015, 3, 1), status=CommitmentStatus.IN_PROGRESS, percent=40),
        gw.ProgressUpdate(on=D(2015, 9, 1), status=CommitmentStatus.ACHIEVED, percent=100),
    ),
)
SILENT = pledge("silent", made_on=D(2014, 11, 7), due=D(2015, 3, 31))
SERIES = gw.KnowledgeBase(
    stakeholders=(KRILA,),
    events=(edition(2, D(2015, 11, 5)), edition(1, D(2014, 11, 6), REPORTED, SILENT)),
)


def test_objective_coverage_of_the_busan_workshop() -> None:
    kb = gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml")

    coverage = analysis.objective_coverage(kb, "busan-gp-workshop-2014")

    assert [1, 2, 3, 0, 2] == [len(c.takeaways) for c in coverage]
    assert ["building-blocks"] == [o.id for o in analysis.uncovered_objectives(kb, "busan-gp-workshop-2014")]


def test_standing_before_any_progress_is_announced() -> None:
    standing = analysis.standing_of(SERIES.events[1], REPORTED, D(2015, 1, 1))

    assert (CommitmentStatus.ANNOUNCED, None, False, False) == (
        standing.status,
        standing.latest,
        standing.overdue,
        standing.stale,
    )


def test_standing_between_updates_follows_the_latest_update() -> None:
    standing = analysis.standing_of(SERIES.events[1], REPORTED, D(2015, 7, 1))

    assert CommitmentStatus.IN_PROGRESS == standing.status
    assert standing.overdue
    assert standing.latest is not None
    assert 40 == standing.latest.percent


def test_standing_after_every_update_is_the_recorded_status() -> None:
    standing = analysis.standing_of(SERIES.events[1], REPORTED, D(2020, 1, 1))

    assert (CommitmentStatus.ACHIEVED, False, False) == (standing.status, standing.overdue, standing.stale)


def test_open_commitment_without_news_for_a_year_is_stale() -> None:
    standing = analysis.standing_of(SERIES.events[1], SILENT, D(2015, 11, 8))

    assert (True, True, ("deliverable or indicator",)) == (standing.overdue, standing.stale, standing.gaps)
    assert D(2014, 11, 7) == standing.last_news


def test_commitments_can_be_filtered_by_status_series_event_and_stakeholder() -> None:
    def ids(**filters: object) -> list[str]:
        return [s.commitment.id for s in analysis.commitment_standing(SERIES, as_of=D(2016, 1, 1), **filters)]  # type: ignore[arg-type]

    assert ["reported", "silent"] == ids()
    assert ["silent"] == ids(status=CommitmentStatus.ANNOUNCED)
    assert ["reported", "silent"] == ids(series="Busan Global Partnership Workshop")
    assert [] == ids(series="Another series")
    assert [] == ids(event="busan-2015")
    assert ["reported", "silent"] == ids(stakeholder="krila")
    assert [] == ids(stakeholder="kipa")


def test_follow_up_judges_each_edition_at_the_start_of_the_next() -> None:
    first, second = analysis.edition_follow_up(SERIES, "Busan Global Partnership Workshop", as_of=D(2016, 1, 1))

    assert (first.edition.edition, first.next_edition) == (1, second.edition)
    assert [CommitmentStatus.ACHIEVED, CommitmentStatus.ANNOUNCED] == [s.status for s in first.commitments]
    assert {D(2015, 11, 5)} == {s.as_of for s in first.commitments}
    assert (None, ()) == (second.next_edition, second.commitments)


def test_stakeholder_mix_of_the_inaugural_meeting() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")

    mix = analysis.stakeholder_mix(kb, "nri-inaugural-meeting-2023")

    assert (StakeholderKind.RESEARCH_INSTITUTE, 5) == mix.by_kind[0]
    assert (("KR", 8), (None, 1)) == mix.by_country
    assert ((Role.PARTICIPANT, 9), (Role.SPEAKER, 1)) == mix.by_role
    assert (8, 1, 0) == (mix.local_and_national, mix.international, mix.unclassified)
    assert pytest.approx(8 / 9) == mix.local_share


def test_localisation_session_endorsers_are_not_classified() -> None:
    kb = gw.load(EXAMPLES / "localisation-session-2022.yaml")

    mix = analysis.stakeholder_mix(kb, "edc-summit-2022")

    assert (0, 0, 2, None) == (mix.local_and_national, mix.international, mix.unclassified, mix.local_share)


def test_event_family_includes_sessions_at_any_depth() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")

    family = analysis.event_family(kb, "regional-symposium-2023")

    assert [
        "regional-symposium-2023",
        "local-governance-partnerships-forum-2023",
        "lgpf-2023-korean-cases-roundtable",
        "lgpf-2023-country-city-cases",
    ] == [event.id for event in family]


@given(kb=strategies.knowledge_bases())
def test_stakeholder_mix_counts_each_participant_once(kb: gw.KnowledgeBase) -> None:
    mix = analysis.stakeholder_mix(kb)
    recorded = {s.id for s in kb.stakeholders}
    taking_part = {p.stakeholder for e in kb.events for p in e.participants} & recorded

    assert len(taking_part) == mix.total == sum(n for _, n in mix.by_kind) == sum(n for _, n in mix.by_country)


@given(kb=strategies.knowledge_bases())
def test_every_commitment_has_a_standing_and_flags_only_open_ones(kb: gw.KnowledgeBase) -> None:
    standings = analysis.commitment_standing(kb, as_of=D(2030, 1, 1))

    assert len(list(kb.commitments())) == len(standings)
    for standing in standings:
        if standing.overdue or standing.stale:
            assert standing.status.is_open


@given(kb=strategies.knowledge_bases(min_events=1), data=st.data())
def test_events_in_an_event_are_its_family_in_record_order(kb: gw.KnowledgeBase, data: st.DataObject) -> None:
    chosen = data.draw(st.sampled_from(kb.events))
    family = {event.id for event in analysis.event_family(kb, chosen.id)}

    narrowed = analysis.events_in(kb, event=chosen.id)

    assert [event.id for event in kb.events if event.id in family] == [event.id for event in narrowed]


@given(kb=strategies.knowledge_bases(min_events=1), data=st.data())
def test_events_in_an_event_and_a_series_are_those_in_both(kb: gw.KnowledgeBase, data: st.DataObject) -> None:
    chosen = data.draw(st.sampled_from(kb.events))
    series = data.draw(st.sampled_from(sorted({event.series or "none" for event in kb.events})))

    both = analysis.events_in(kb, event=chosen.id, series=series)

    in_series = {event.id for event in analysis.events_in(kb, series=series)}
    in_family = {event.id for event in analysis.events_in(kb, event=chosen.id)}
    assert {event.id for event in both} == in_series & in_family
    assert analysis.events_in(kb) == kb.events


def test_events_of_a_series_include_the_sessions_of_its_editions() -> None:
    kb = gw.load(EXAMPLES / "regional-symposium-2023")

    narrowed = analysis.events_in(kb, series="Regional Symposium on Effective Governance and Digital Transformation")

    assert [
        "regional-symposium-2023",
        "local-governance-partnerships-forum-2023",
        "lgpf-2023-korean-cases-roundtable",
        "lgpf-2023-country-city-cases",
    ] == [event.id for event in narrowed]
