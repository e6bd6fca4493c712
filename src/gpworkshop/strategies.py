"""Hypothesis strategies for gpworkshop's model, to property-test code built on it.

Needs the ``hypothesis`` extra (``pip install gpworkshop[hypothesis]``).
Every value drawn is valid and, for :func:`knowledge_bases`, referentially
consistent: ids are unique, references resolve, sessions point at real
parent events, takeaways cite objectives of their own event, dates are in
order.

>>> from hypothesis import given
>>> import gpworkshop as gw
>>> from gpworkshop import strategies
>>> from hypothesis import settings
>>> @settings(max_examples=10)
... @given(strategies.knowledge_bases(max_events=2))
... def test_round_trip(kb):
...     assert gw.loads(gw.dumps(kb)) == kb
>>> test_round_trip()
"""

from __future__ import annotations

import datetime as dt
import functools
import itertools
from collections.abc import Sequence

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gpworkshop._validators import is_country_code
from gpworkshop.model import (
    Commitment,
    Endorsement,
    Event,
    KnowledgeBase,
    Location,
    Objective,
    Participation,
    Person,
    ProgressUpdate,
    Relation,
    Resource,
    Source,
    Stakeholder,
    Takeaway,
)
from gpworkshop.vocab import (
    CommitmentKind,
    CommitmentStatus,
    CountryGroup,
    EventFormat,
    Principle,
    RelationKind,
    ResourceKind,
    Role,
    StakeholderKind,
    TakeawayKind,
)

__all__ = [
    "YAML_TRAPS",
    "commitments",
    "countries",
    "dates",
    "events",
    "ids",
    "knowledge_bases",
    "moments",
    "objectives",
    "people",
    "sdg_codes",
    "stakeholders",
    "takeaways",
    "texts",
]

#: Text that a careless YAML reader or writer turns into something else.
YAML_TRAPS = (
    "NO", "no", "yes", "Yes", "on", "off", "y", "n", "true", "False", "null", "Null", "~", "",
    "017", "0x1F", "1e3", "1_000", ".inf", "-.nan", "17.10", "3.0", "2014-11-06", "2014-11-06 09:30:00",
    "12:30", "- item", "key: value", "#comment", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`",
    "'single'", '"double"', "{flow}", "[flow]", "|", ">", "?", "a #b", "trailing ", " leading",
)  # fmt: skip

# Letters, marks, numbers, punctuation, symbols and spaces from every script:
# Korean, right-to-left, combining marks and emoji included. Control characters,
# surrogates and private-use characters are left out: no record holds them.
_ALPHABET = st.characters(
    categories=("L", "M", "N", "P", "S", "Zs"),
    exclude_characters="\x85\u2028\u2029\ufeff",
)
_SAMPLES = (
    "Korea Research Institute for Local Administration",
    "한국지방행정연구원",
    "مؤتمر التعاون الإنمائي",
    "שיתוף פעולה",
    "Cooperação para o desenvolvimento",
    "e\u0301te\u0301 co-ope\u0301ration",
    "Partnerships 🤝🌍 for the SDGs",
    "UN DESA – Division for Public Institutions & Digital Government",
    "<script>alert(1)</script>",
    "*bold* _it_ | pipe | `code` [link](x) .. note::",
)


# Strategies are built once per set of arguments: Hypothesis validates each new
# strategy object, which would otherwise dominate the cost of drawing records.
_once = functools.cache


@_once
def texts(*, min_size: int = 1, max_size: int = 80, multiline: bool = False) -> st.SearchStrategy[str]:
    """Non-blank text: any script, realistic names, markup and YAML traps.

    :param multiline: also draw text with line breaks and paragraphs, as in summaries.
    """
    if min_size < 1 or max_size < min_size:
        raise InvalidArgument(f"need 1 <= min_size <= max_size (got {min_size}, {max_size})")
    alphabet = st.one_of(_ALPHABET, st.just("\n")) if multiline else _ALPHABET
    drawn = st.text(alphabet, min_size=min_size, max_size=max_size)
    fixed = st.sampled_from([t for t in (*YAML_TRAPS, *_SAMPLES) if min_size <= len(t) <= max_size])
    return st.one_of(drawn, fixed).filter(lambda text: bool(text.strip()))


@_once
def ids() -> st.SearchStrategy[str]:
    """Ids: lowercase letters, digits and hyphens, such as ``busan-2014``."""
    return st.from_regex(r"[a-z0-9][a-z0-9-]{0,15}", fullmatch=True)


@_once
def dates(
    *, min_value: dt.date = dt.date(1990, 1, 1), max_value: dt.date = dt.date(2060, 12, 31)
) -> st.SearchStrategy[dt.date]:
    """Calendar dates in a plausible range."""
    return st.dates(min_value=min_value, max_value=max_value)


_OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)


@_once
def moments() -> st.SearchStrategy[dt.date]:
    """Dates, naive datetimes and datetimes with a UTC offset, as event starts may be."""
    times = st.datetimes(
        min_value=dt.datetime(1990, 1, 1), max_value=dt.datetime(2060, 12, 31), timezones=st.one_of(st.none(), _OFFSETS)
    )
    return st.one_of(dates(), times)


@_once
def countries() -> st.SearchStrategy[str]:
    """ISO 3166-1 alpha-2 country codes, Norway's ``NO`` among them."""
    codes = [f"{a}{b}" for a in "ABCDEFGHIJKLMNOPQRSTUVWXYZ" for b in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"]
    return st.sampled_from([code for code in codes if is_country_code(code)])


@_once
def sdg_codes() -> st.SearchStrategy[str]:
    """SDG goal and target codes: ``"5"``, ``"17.17"``, ``"6.a"``, ``"17.10"``."""
    goals = st.integers(min_value=1, max_value=17).map(str)
    targets = st.tuples(goals, st.integers(min_value=1, max_value=19).map(str) | st.sampled_from("abcdefg"))
    return goals | targets.map(".".join)


@_once
def people() -> st.SearchStrategy[Person]:
    """People with a name and sometimes a title."""
    return st.builds(Person, name=texts(max_size=40), title=st.none() | texts(max_size=30))


def _unique(items: Sequence[str]) -> st.SearchStrategy[tuple[str, ...]]:
    return _unique_of(tuple(items))


@_once
def _unique_of(items: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    if not items:
        return st.just(())
    return st.lists(st.sampled_from(items), unique=True, max_size=3).map(tuple)


def stakeholders(
    *, id: st.SearchStrategy[str] | None = None, part_of: Sequence[str] = ()
) -> st.SearchStrategy[Stakeholder]:
    """Stakeholders of every kind; *part_of* lists the ids a stakeholder may belong to."""
    return _stakeholders(id, tuple(part_of))


@_once
def _stakeholders(id: st.SearchStrategy[str] | None, part_of: tuple[str, ...]) -> st.SearchStrategy[Stakeholder]:
    return st.builds(
        Stakeholder,
        id=id if id is not None else ids(),
        name=texts(max_size=60),
        acronym=st.none() | texts(max_size=10),
        kind=st.sampled_from(StakeholderKind),
        country=st.none() | countries(),
        part_of=st.none() | st.sampled_from(part_of) if part_of else st.none(),
        people=st.lists(people(), max_size=2).map(tuple),
    )


@_once
def objectives(*, id: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Objective]:
    """Objectives with principles and SDG codes."""
    return st.builds(
        Objective,
        id=id if id is not None else ids(),
        title=texts(),
        text=st.none() | texts(max_size=200, multiline=True),
        principles=st.lists(st.sampled_from(Principle), unique=True, max_size=4).map(tuple),
        sdgs=st.lists(sdg_codes(), unique=True, max_size=3).map(tuple),
    )


def _sources(stakeholder_ids: Sequence[str]) -> st.SearchStrategy[Source]:
    return _sources_of(tuple(stakeholder_ids))


@_once
def _sources_of(stakeholder_ids: tuple[str, ...]) -> st.SearchStrategy[Source]:
    stakeholder = st.sampled_from(stakeholder_ids) if stakeholder_ids else st.nothing()
    return st.one_of(
        st.builds(Source, stakeholder=stakeholder, person=st.none() | people()),
        st.builds(Source, stakeholder=st.none(), person=people()),
    )


def takeaways(
    *,
    id: st.SearchStrategy[str] | None = None,
    objective_ids: Sequence[str] = (),
    stakeholder_ids: Sequence[str] = (),
) -> st.SearchStrategy[Takeaway]:
    """Takeaways citing some of *objective_ids*, attributed to *stakeholder_ids* or people."""
    return _takeaways(id, tuple(objective_ids), tuple(stakeholder_ids))


@_once
def _takeaways(
    id: st.SearchStrategy[str] | None,
    objective_ids: tuple[str, ...],
    stakeholder_ids: tuple[str, ...],
) -> st.SearchStrategy[Takeaway]:
    return st.builds(
        Takeaway,
        id=id if id is not None else ids(),
        text=texts(max_size=200, multiline=True),
        kind=st.sampled_from(TakeawayKind),
        objectives=_unique(objective_ids),
        themes=st.lists(texts(max_size=20), max_size=2).map(tuple),
        source=st.none() | _sources(stakeholder_ids),
    )


_MAYBE_MADE_ON = st.none() | dates(max_value=dt.date(2050, 1, 1))
_DAYS_LATER = st.integers(min_value=0, max_value=3650)
_FEW = st.integers(min_value=0, max_value=3)
_STATUSES = st.sampled_from(CommitmentStatus)
_MAYBE_NOTE = st.none() | texts(max_size=80)
_MAYBE_PERCENT = st.none() | st.integers(min_value=0, max_value=100)


@_once
def _owners(stakeholder_ids: tuple[str, ...]) -> st.SearchStrategy[tuple[str, ...]]:
    return st.lists(st.sampled_from(stakeholder_ids), min_size=1, max_size=3, unique=True).map(tuple)


@st.composite
def commitments(
    draw: st.DrawFn,
    *,
    id: st.SearchStrategy[str] | None = None,
    stakeholder_ids: Sequence[str] = ("a-stakeholder",),
    objective_ids: Sequence[str] = (),
    takeaway_ids: Sequence[str] = (),
) -> Commitment:
    """Commitments by some of *stakeholder_ids*, with endorsements and progress in date order."""
    if not stakeholder_ids:
        raise InvalidArgument("a commitment needs at least one stakeholder id to be made by")
    made_on = draw(_MAYBE_MADE_ON)
    after = made_on or dt.date(1990, 1, 1)

    def later() -> dt.date:
        return after + dt.timedelta(days=draw(_DAYS_LATER))

    def maybe_later() -> dt.date | None:
        return later() if draw(st.booleans()) else None

    progress_days = sorted(later() for _ in range(draw(_FEW)))
    sources = st.none() | _sources(stakeholder_ids)
    progress = tuple(
        ProgressUpdate(
            on=day,
            status=draw(_STATUSES),
            note=draw(_MAYBE_NOTE),
            percent=draw(_MAYBE_PERCENT),
            source=draw(sources),
        )
        for day in progress_days
    )
    endorsers = draw(_unique(stakeholder_ids))
    return Commitment(
        id=draw(id if id is not None else ids()),
        text=draw(texts(max_size=200, multiline=True)),
        by=draw(_owners(tuple(stakeholder_ids))),
        endorsements=tuple(Endorsement(stakeholder=s, on=maybe_later()) for s in endorsers),
        kind=draw(st.sampled_from(CommitmentKind)),
        made_on=made_on,
        due=maybe_later(),
        deliverable=draw(_MAYBE_NOTE),
        indicator=draw(_MAYBE_NOTE),
        status=progress[-1].status if progress else draw(_STATUSES),
        objectives=draw(_unique(objective_ids)),
        takeaways=draw(_unique(takeaway_ids)),
        progress=progress,
    )


_LOCATIONS = st.builds(
    Location,
    city=st.none() | texts(max_size=30),
    country=st.none() | countries(),
    venue=st.none() | texts(max_size=40),
    online=st.booleans(),
)
_RESOURCES = st.lists(
    st.builds(
        Resource,
        title=texts(max_size=40),
        kind=st.sampled_from(ResourceKind),
        url=st.none() | st.from_regex(r"https://example\.org/[a-z0-9/]{0,20}", fullmatch=True),
    ),
    max_size=2,
).map(tuple)
_ROLES = st.lists(st.sampled_from(Role), min_size=1, max_size=3, unique=True).map(tuple)
_SOME_PEOPLE = st.lists(people(), max_size=2).map(tuple)
_LABELS = st.lists(texts(max_size=20), max_size=3).map(tuple)
_AUDIENCE = st.lists(st.sampled_from(CountryGroup), unique=True, max_size=3).map(tuple)
_MAYBE_SERIES = st.none() | texts(max_size=40)
_MAYBE_EDITION = st.none() | st.integers(1, 60)
_MAYBE_SUMMARY = st.none() | texts(max_size=300, multiline=True)
_EVENT_LENGTH_DAYS = st.integers(min_value=0, max_value=5)
_EVENT_LENGTH = st.timedeltas(min_value=dt.timedelta(0), max_value=dt.timedelta(days=5))


def _distinct_ids(draw: st.DrawFn, count: int, prefix: str) -> list[str]:
    return [f"{prefix}{index}-{draw(ids())}" for index in range(count)]


def _end(draw: st.DrawFn, start: dt.date) -> dt.date | None:
    if not draw(st.booleans()):
        return None
    if isinstance(start, dt.datetime):
        return start + draw(_EVENT_LENGTH)
    return start + dt.timedelta(days=draw(_EVENT_LENGTH_DAYS))


@st.composite
def events(
    draw: st.DrawFn,
    *,
    id: st.SearchStrategy[str] | None = None,
    stakeholder_ids: Sequence[str] = (),
    event_ids: Sequence[str] = (),
    part_of: Sequence[str] = (),
    max_items: int = 3,
) -> Event:
    """Events with objectives, takeaways and commitments that refer to each other.

    :param stakeholder_ids: ids participants, sources and commitment owners are drawn from.
    :param event_ids: ids related events are drawn from.
    :param part_of: ids the event may be a session of.
    :param max_items: the most objectives, takeaways and commitments of each event.
    """
    count = st.integers(0, max_items)
    objective_ids = _distinct_ids(draw, draw(count), "o")
    takeaway_ids = _distinct_ids(draw, draw(count), "t")
    start = draw(moments())
    participants = tuple(
        Participation(stakeholder=stakeholder, roles=draw(_ROLES), people=draw(_SOME_PEOPLE))
        for stakeholder in draw(_unique(stakeholder_ids))
    )
    commitment_list = []
    if stakeholder_ids:
        promises = commitments(stakeholder_ids=stakeholder_ids, objective_ids=objective_ids, takeaway_ids=takeaway_ids)
        commitment_list = [
            attrs.evolve(draw(promises), id=commitment_id) for commitment_id in _distinct_ids(draw, draw(count), "c")
        ]
    takeaway = takeaways(objective_ids=objective_ids, stakeholder_ids=stakeholder_ids)
    series = draw(_MAYBE_SERIES)
    return Event(
        id=draw(id if id is not None else ids()),
        title=draw(texts()),
        format=draw(st.sampled_from(EventFormat)),
        categories=draw(_LABELS),
        series=series,
        edition=draw(_MAYBE_EDITION) if series else None,
        start=start,
        end=_end(draw, start),
        location=draw(st.none() | _LOCATIONS),
        summary=draw(_MAYBE_SUMMARY),
        part_of=draw(st.none() | st.sampled_from(part_of)) if part_of else None,
        related=tuple(
            Relation(event=other, relation=draw(st.sampled_from(RelationKind))) for other in draw(_unique(event_ids))
        ),
        participants=participants,
        objectives=tuple(attrs.evolve(draw(objectives()), id=objective_id) for objective_id in objective_ids),
        takeaways=tuple(attrs.evolve(draw(takeaway), id=takeaway_id) for takeaway_id in takeaway_ids),
        commitments=tuple(commitment_list),
        themes=draw(_LABELS),
        audience=draw(_AUDIENCE),
        regions=draw(_LABELS),
        resources=draw(_RESOURCES),
    )


@st.composite
def knowledge_bases(
    draw: st.DrawFn,
    *,
    min_stakeholders: int = 0,
    max_stakeholders: int = 5,
    min_events: int = 0,
    max_events: int = 4,
    max_items: int = 3,
) -> KnowledgeBase:
    """Whole knowledge bases in which every id is unique and every reference resolves.

    Later events may be sessions of, or relate to, earlier ones; stakeholders
    may be part of earlier stakeholders.
    """
    if not 0 <= min_stakeholders <= max_stakeholders:
        raise InvalidArgument(
            f"need 0 <= min_stakeholders <= max_stakeholders (got {min_stakeholders}, {max_stakeholders})"
        )
    if not 0 <= min_events <= max_events:
        raise InvalidArgument(f"need 0 <= min_events <= max_events (got {min_events}, {max_events})")
    stakeholder_count = draw(st.integers(min_stakeholders, max_stakeholders))
    stakeholder_ids = _distinct_ids(draw, stakeholder_count, "s")
    stakeholder_list = [
        draw(stakeholders(id=st.just(sid), part_of=stakeholder_ids[:index]))
        for index, sid in enumerate(stakeholder_ids)
    ]
    event_ids = _distinct_ids(draw, draw(st.integers(min_events, max_events)), "e")
    event_list = [
        attrs.evolve(
            draw(
                events(
                    stakeholder_ids=stakeholder_ids,
                    event_ids=event_ids[:index],
                    part_of=event_ids[:index],
                    max_items=max_items,
                )
            ),
            id=event_id,
        )
        for index, event_id in enumerate(event_ids)
    ]
    # Commitment ids are unique across the knowledge base, not only within an event.
    numbers = itertools.count()
    event_list = [
        attrs.evolve(
            event,
            commitments=tuple(
                attrs.evolve(commitment, id=f"c{next(numbers)}-{commitment.id.partition('-')[2]}")
                for commitment in event.commitments
            ),
        )
        for event in event_list
    ]
    return KnowledgeBase(stakeholders=tuple(stakeholder_list), events=tuple(event_list))
