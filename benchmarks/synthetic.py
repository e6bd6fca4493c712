"""Synthetic knowledge bases for benchmarks: a fixed seed, realistic shapes, any size."""

from __future__ import annotations

import datetime as dt
import random

import gpworkshop as gw
from gpworkshop.vocab import CommitmentKind, CommitmentStatus, EventFormat, Role, StakeholderKind, TakeawayKind

WORDS = [
    "local",
    "governance",
    "partnership",
    "country",
    "ownership",
    "results",
    "accountability",
    "transparency",
    "inclusive",
    "development",
    "co-operation",
    "localisation",
    "finance",
    "commitment",
    "monitoring",
    "evidence",
    "capacity",
    "digital",
    "transformation",
    "institutions",
    "community",
    "civil",
    "society",
    "private",
    "sector",
    "leave",
    "no",
    "one",
    "behind",
]
COUNTRIES = ["KR", "NO", "CH", "KE", "BD", "CO", "FJ", "NP", "GH", "PE"]


def _text(rng: random.Random, words: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


def knowledge_base(events: int, *, seed: int = 2014) -> gw.KnowledgeBase:
    """*events* events, each with 5 objectives, 10 takeaways and 3 commitments with progress; events/5 stakeholders."""
    rng = random.Random(seed)
    stakeholder_ids = [f"s{index}" for index in range(max(events // 5, 1))]
    stakeholders = tuple(
        gw.Stakeholder(
            id=sid,
            name=f"Institute {index} for {_text(rng, 3)}",
            acronym=f"I{index}",
            kind=rng.choice(list(StakeholderKind)),
            country=rng.choice(COUNTRIES),
        )
        for index, sid in enumerate(stakeholder_ids)
    )
    records = []
    for index in range(events):
        start = dt.date(2000, 1, 1) + dt.timedelta(days=rng.randrange(9000))
        objectives = tuple(gw.Objective(id=f"o{n}", title=_text(rng, 8), sdgs=("17.17",)) for n in range(5))
        takeaways = tuple(
            gw.Takeaway(id=f"t{n}", text=_text(rng, 25), kind=rng.choice(list(TakeawayKind)), objectives=(f"o{n % 5}",))
            for n in range(10)
        )
        commitments = tuple(
            gw.Commitment(
                id=f"e{index}-c{n}",
                text=_text(rng, 20),
                by=(rng.choice(stakeholder_ids),),
                kind=rng.choice(list(CommitmentKind)),
                made_on=start,
                due=start + dt.timedelta(days=365),
                deliverable=_text(rng, 6),
                status=CommitmentStatus.IN_PROGRESS,
                objectives=(f"o{n}",),
                progress=(
                    gw.ProgressUpdate(
                        on=start + dt.timedelta(days=90), status=CommitmentStatus.IN_PROGRESS, percent=30
                    ),
                    gw.ProgressUpdate(
                        on=start + dt.timedelta(days=200), status=CommitmentStatus.IN_PROGRESS, percent=60
                    ),
                ),
            )
            for n in range(3)
        )
        participants = tuple(
            gw.Participation(stakeholder=sid, roles=(rng.choice(list(Role)),))
            for sid in rng.sample(stakeholder_ids, min(5, len(stakeholder_ids)))
        )
        records.append(
            gw.Event(
                id=f"e{index}",
                title=f"Workshop {index}: {_text(rng, 6)}",
                format=rng.choice(list(EventFormat)),
                start=start,
                end=start + dt.timedelta(days=1),
                location=gw.Location(city="Seoul", country=rng.choice(COUNTRIES)),
                summary=_text(rng, 40),
                participants=participants,
                objectives=objectives,
                takeaways=takeaways,
                commitments=commitments,
                themes=("localisation",),
            )
        )
    return gw.KnowledgeBase(stakeholders=stakeholders, events=tuple(records))
