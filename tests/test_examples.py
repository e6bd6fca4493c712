"""The example records model the three source documents faithfully and survive round trips."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys

import pytest

import gpworkshop as gw
from gpworkshop.vocab import CommitmentKind, CountryGroup, EventFormat, Role, StakeholderKind, TakeawayKind
from tests.records import EXAMPLES, RECORDS


@pytest.fixture(scope="module")
def busan() -> gw.KnowledgeBase:
    return gw.load(EXAMPLES / "busan-gp-workshop-2014.yaml")


@pytest.fixture(scope="module")
def symposium() -> gw.KnowledgeBase:
    return gw.load(EXAMPLES / "regional-symposium-2023")


@pytest.fixture(scope="module")
def localisation() -> gw.KnowledgeBase:
    return gw.load(EXAMPLES / "localisation-session-2022.yaml")


@pytest.mark.parametrize("record", sorted(RECORDS))
@pytest.mark.parametrize("format_", ["yaml", "json"])
def test_example_round_trips_and_dumps_stably(record: str, format_: str) -> None:
    kb = gw.load(EXAMPLES / record)

    text = gw.dumps(kb, format_)
    again = gw.loads(text, format_)

    assert kb == again
    assert text == gw.dumps(again, format_)


def test_busan_workshop_dates_place_and_types(busan: gw.KnowledgeBase) -> None:
    event = busan.event("busan-gp-workshop-2014")

    assert (dt.date(2014, 11, 6), dt.date(2014, 11, 7)) == (event.start, event.end)
    assert event.location is not None
    assert ("Seoul", "KR") == (event.location.city, event.location.country)
    assert EventFormat.WORKSHOP == event.format
    assert ("Global Partnership", "Regional Workshop") == event.categories


def test_busan_workshop_has_five_objectives_and_two_threads(busan: gw.KnowledgeBase) -> None:
    event = busan.event("busan-gp-workshop-2014")

    assert 5 == len(event.objectives)
    conclusions = [t for t in event.takeaways if t.kind is TakeawayKind.CONCLUSION]
    assert ["thread-continuity", "thread-post-2015"] == [t.id for t in conclusions]
    assert "2030" in event.takeaway("thread-post-2015").text


def test_busan_workshop_takeaways_include_the_global_light_country_heavy_focus(busan: gw.KnowledgeBase) -> None:
    texts = " ".join(t.text for t in busan.event("busan-gp-workshop-2014").takeaways)

    assert "global light, country-heavy" in texts
    assert "focusing on the practical" in texts


def test_busan_workshop_links_its_outcome_report(busan: gw.KnowledgeBase) -> None:
    [resource] = busan.event("busan-gp-workshop-2014").resources

    assert gw.ResourceKind.OUTCOME_REPORT == resource.kind


def test_inaugural_meeting_has_all_nine_bodies(symposium: gw.KnowledgeBase) -> None:
    meeting = symposium.event("nri-inaugural-meeting-2023")

    acronyms = {symposium.stakeholder(p.stakeholder).acronym for p in meeting.participants}

    assert dt.date(2023, 7, 4) == meeting.start
    assert {"KRILA", "UNPOG", "MOIS", "KFCC", "KIDI", "KIPA", "KLID", "NDMI", None} == acronyms
    assert 9 == len(meeting.participants)
    saemaul = symposium.stakeholder("saemaul-foundation").name
    assert ("Saemaul Foundation", "새마을재단") == (str(saemaul), gw.in_language(saemaul, "ko")[0])


def test_korean_bodies_are_in_korea(symposium: gw.KnowledgeBase) -> None:
    korean = [s for s in symposium.stakeholders if s.kind is not StakeholderKind.UN_ENTITY]

    assert {"KR"} == {s.country for s in korean}


def test_unpog_sits_inside_un_desa(symposium: gw.KnowledgeBase) -> None:
    chain = []
    stakeholder: gw.Stakeholder | None = symposium.stakeholder("unpog")
    while stakeholder is not None:
        chain.append(stakeholder.acronym)
        stakeholder = symposium.stakeholder(stakeholder.part_of) if stakeholder.part_of else None

    assert ["UNPOG", "DPIDG", "UN DESA"] == chain


def test_krila_president_is_recorded_and_quoted(symposium: gw.KnowledgeBase) -> None:
    krila = symposium.stakeholder("krila")
    quote = symposium.event("nri-inaugural-meeting-2023").takeaway("krila-president-quote")

    [president] = krila.people
    assert ("Il-jae Kim", "President") == (str(president.name), str(president.title))
    assert president.title is not None
    assert ("김일재", "원장") == (gw.in_language(president.name, "ko")[0], gw.in_language(president.title, "ko")[0])
    assert TakeawayKind.QUOTE == quote.kind
    assert quote.source is not None
    assert quote.source.person == krila.people[0]


def test_inaugural_meeting_prepares_the_symposium(symposium: gw.KnowledgeBase) -> None:
    meeting = symposium.event("nri-inaugural-meeting-2023")

    assert (gw.Relation(event="regional-symposium-2023", relation=gw.RelationKind.PREPARES),) == meeting.related
    assert {CountryGroup.SIDS, CountryGroup.LDC, CountryGroup.LLDC} <= set(meeting.audience)


def test_symposium_dates_edition_and_forum_sessions(symposium: gw.KnowledgeBase) -> None:
    event = symposium.event("regional-symposium-2023")
    [forum] = symposium.sessions_of(event)
    sessions = symposium.sessions_of(forum)

    assert (dt.date(2023, 10, 17), dt.date(2023, 10, 19), 7) == (event.start, event.end, event.edition)
    assert ("Local Governance and Partnerships Forum", dt.date(2023, 10, 19)) == (forum.title, forum.start)
    assert 2 == len(sessions)
    roundtable = sessions[0]
    assert EventFormat.ROUNDTABLE == roundtable.format
    assert 7 == len(roundtable.participants)


def test_localisation_session_has_four_key_messages_and_its_key_terms(localisation: gw.KnowledgeBase) -> None:
    session = localisation.event("edc-summit-2022-localisation")

    key_messages = [t for t in session.takeaways if t.kind is TakeawayKind.KEY_MESSAGE]

    assert 4 == len(key_messages)
    assert ("Localization", "leaving no one behind", "decentralization") == session.themes
    assert "edc-summit-2022" == session.part_of


def test_donor_statement_is_a_commitment_by_unnamed_bilateral_donors(localisation: gw.KnowledgeBase) -> None:
    session = localisation.event("edc-summit-2022-localisation")
    [statement] = session.commitments
    [owner] = statement.by

    assert CommitmentKind.STATEMENT == statement.kind
    assert "Donor Statement on Supporting Locally Led Development" in statement.text
    assert StakeholderKind.NETWORK == localisation.stakeholder(owner).kind
    assert (owner,) == tuple(e.stakeholder for e in statement.endorsements)
    participation = next(p for p in session.participants if p.stakeholder == owner)
    assert Role.ENDORSER in participation.roles


@pytest.mark.parametrize("script", sorted(p.name for p in EXAMPLES.glob("*.py")))
def test_example_script_runs(script: str) -> None:
    result = subprocess.run(
        [sys.executable, str(EXAMPLES / script)], capture_output=True, text=True, cwd=EXAMPLES.parent, check=False
    )

    assert 0 == result.returncode, result.stderr
    assert result.stdout.strip()
