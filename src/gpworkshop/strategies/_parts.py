"""Strategies for the parts of events: people, places, roles, objectives, takeaways, stakeholders."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Sequence
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gpworkshop.model import (
    Endorsement,
    Identifiers,
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
from gpworkshop.strategies._basics import (
    EARLIEST,
    LATEST,
    countries,
    dates,
    ids,
    sdg_codes,
    texts,
    time_zones,
    translatable_texts,
    vocabulary_values,
)
from gpworkshop.vocab import (
    CommitmentStatus,
    Principle,
    RelationKind,
    ResourceKind,
    Role,
    StakeholderKind,
    TakeawayKind,
)

__all__ = [
    "built",
    "endorsements",
    "identifiers",
    "locations",
    "objectives",
    "participations",
    "people",
    "progress_updates",
    "relations",
    "resources",
    "some_of",
    "sources",
    "stakeholders",
    "takeaways",
    "web_addresses",
]

T = TypeVar("T")


def built(
    cls: type[T], defaults: dict[str, st.SearchStrategy[Any]], fields: dict[str, st.SearchStrategy[Any]]
) -> st.SearchStrategy[T]:
    """``st.builds(cls)`` from *defaults*, with any field replaced by the caller's strategy in *fields*.

    :raises InvalidArgument: if *fields* names something that is not a field of *cls*.
    """
    names = [field.name for field in attrs.fields(cls) if field.init]  # type: ignore[arg-type]
    unknown = sorted(set(fields) - set(names))
    if unknown:
        raise InvalidArgument(
            f"{cls.__name__} has no field {', '.join(map(repr, unknown))}; its fields are {', '.join(names)}"
        )
    for name, strategy in fields.items():
        if not isinstance(strategy, st.SearchStrategy):
            raise InvalidArgument(
                f"the override for {name!r} must be a strategy, such as st.just(...) (got {strategy!r})"
            )
    return st.builds(cls, **{**defaults, **fields})


def some_of(items: Sequence[T], *, max_size: int = 3) -> st.SearchStrategy[tuple[T, ...]]:
    """A few distinct items of *items*, in the order drawn; nothing when *items* is empty."""
    return _some_of(tuple(items), max_size)


@functools.cache
def _some_of(items: tuple[Any, ...], max_size: int) -> st.SearchStrategy[tuple[Any, ...]]:
    if not items:
        return st.just(())
    return st.lists(st.sampled_from(items), unique=True, max_size=max_size).map(tuple)


def _maybe(strategy: st.SearchStrategy[T]) -> st.SearchStrategy[T | None]:
    return st.one_of(st.none(), strategy)


_NAMES = translatable_texts(max_size=40)
_TITLES = _maybe(translatable_texts(max_size=30))


def people(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Person]:
    """People with a name and sometimes a title."""
    return (
        built(
            Person, {"name": translatable_texts(max_size=40), "title": _maybe(translatable_texts(max_size=30))}, fields
        )
        if fields
        else _people()
    )


@functools.cache
def _people() -> st.SearchStrategy[Person]:
    return st.builds(Person, name=_NAMES, title=_TITLES)


def locations(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Location]:
    """Places: a city, country and venue when known, online or not."""
    return built(Location, _location_defaults(), fields) if fields else _locations()


@functools.cache
def _locations() -> st.SearchStrategy[Location]:
    return st.builds(Location, **_location_defaults())


def _location_defaults() -> dict[str, st.SearchStrategy[Any]]:
    return {
        "city": _maybe(translatable_texts(max_size=30)),
        "country": _maybe(countries()),
        "venue": _maybe(translatable_texts(max_size=40)),
        "online": st.booleans(),
        "timezone": _maybe(time_zones()),
    }


def participations(
    *, stakeholder_ids: Sequence[str] = ("a-stakeholder",), **fields: st.SearchStrategy[Any]
) -> st.SearchStrategy[Participation]:
    """A stakeholder of *stakeholder_ids* taking part in one to three roles."""
    if not stakeholder_ids:
        raise InvalidArgument("a participation needs at least one stakeholder id to draw from")
    defaults = {
        "stakeholder": st.sampled_from(tuple(stakeholder_ids)),
        "roles": st.lists(vocabulary_values(Role), min_size=1, max_size=3, unique=True).map(tuple),
        "people": st.lists(people(), max_size=2).map(tuple),
    }
    return built(Participation, defaults, fields)


def relations(
    *, event_ids: Sequence[str] = ("an-event",), **fields: st.SearchStrategy[Any]
) -> st.SearchStrategy[Relation]:
    """A link to one of *event_ids*."""
    if not event_ids:
        raise InvalidArgument("a relation needs at least one event id to point at")
    defaults = {"event": st.sampled_from(tuple(event_ids)), "relation": vocabulary_values(RelationKind)}
    return built(Relation, defaults, fields)


#: Pieces of the path, query and fragment of an address: every character RFC 3986 allows unencoded,
#: escapes, and letters beyond ASCII as people paste them from a browser.
_URL_PIECES = st.sampled_from([*"abcXYZ0189-._~!$&'()*+,;=:@/", "%20", "%C3%A9", "é", "행정", "_"])


def web_addresses() -> st.SearchStrategy[str]:
    """Well-formed http(s) addresses, with ports, paths, queries, fragments and characters beyond ASCII."""
    return _URLS


_URLS = st.builds(
    lambda scheme, host, port, path, query, fragment: f"{scheme}://{host}{port}/{path}{query}{fragment}",
    st.sampled_from(["https", "http", "HTTPS"]),
    st.sampled_from(["example.org", "www.unpog.org", "effectivecooperation.org", "127.0.0.1", "[::1]"]),
    st.sampled_from(["", ":8080"]),
    st.lists(_URL_PIECES, max_size=12).map("".join),
    st.one_of(st.just(""), st.lists(_URL_PIECES, max_size=6).map(lambda p: "?" + "".join(p))),
    st.one_of(st.just(""), st.lists(_URL_PIECES, max_size=4).map(lambda p: "#" + "".join(p))),
)


def resources(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Resource]:
    """Reports, videos and other material, with or without an address."""
    defaults = {"title": translatable_texts(max_size=40), "kind": vocabulary_values(ResourceKind), "url": _maybe(_URLS)}
    return built(Resource, defaults, fields)


def sources(*, stakeholder_ids: Sequence[str] = (), **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Source]:
    """Who something comes from: a stakeholder of *stakeholder_ids*, a person, or both."""
    if fields:
        return built(
            Source, {"stakeholder": _maybe(st.sampled_from(tuple(stakeholder_ids))), "person": people()}, fields
        )
    return _sources(tuple(stakeholder_ids))


@functools.cache
def _sources(stakeholder_ids: tuple[str, ...]) -> st.SearchStrategy[Source]:
    by_person = st.builds(Source, stakeholder=st.none(), person=people())
    if not stakeholder_ids:
        return by_person
    by_stakeholder = st.builds(Source, stakeholder=st.sampled_from(stakeholder_ids), person=_maybe(people()))
    return st.one_of(by_stakeholder, by_person)


def endorsements(
    *,
    stakeholder_ids: Sequence[str] = ("a-stakeholder",),
    after: dt.date = EARLIEST,
    before: dt.date = LATEST,
    **fields: st.SearchStrategy[Any],
) -> st.SearchStrategy[Endorsement]:
    """An endorsement by one of *stakeholder_ids*, dated between *after* and *before* when dated."""
    if not stakeholder_ids:
        raise InvalidArgument("an endorsement needs at least one stakeholder id to draw from")
    defaults = {
        "stakeholder": st.sampled_from(tuple(stakeholder_ids)),
        "on": _maybe(dates(min_value=after, max_value=before)),
    }
    return built(Endorsement, defaults, fields)


def progress_updates(
    *,
    stakeholder_ids: Sequence[str] = (),
    after: dt.date = EARLIEST,
    before: dt.date = LATEST,
    **fields: st.SearchStrategy[Any],
) -> st.SearchStrategy[ProgressUpdate]:
    """A progress report dated between *after* and *before*, sometimes with a share done and a source."""
    defaults = {
        "on": dates(min_value=after, max_value=before),
        "status": vocabulary_values(CommitmentStatus),
        "note": _maybe(translatable_texts(max_size=80)),
        "percent": _maybe(st.integers(min_value=0, max_value=100)),
        "source": _maybe(sources(stakeholder_ids=stakeholder_ids)),
    }
    return built(ProgressUpdate, defaults, fields)


def objectives(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Objective]:
    """Objectives with Busan principles and SDG codes."""
    if fields:
        return built(Objective, _objective_defaults(), fields)
    return _objectives()


def _objective_defaults() -> dict[str, st.SearchStrategy[Any]]:
    return {
        "id": ids(),
        "title": translatable_texts(),
        "text": _maybe(translatable_texts(max_size=200, multiline=True)),
        "principles": st.lists(vocabulary_values(Principle), unique=True, max_size=4).map(tuple),
        "sdgs": st.lists(sdg_codes(), unique=True, max_size=3).map(tuple),
    }


@functools.cache
def _objectives() -> st.SearchStrategy[Objective]:
    return st.builds(Objective, **_objective_defaults())


def takeaways(
    *, objective_ids: Sequence[str] = (), stakeholder_ids: Sequence[str] = (), **fields: st.SearchStrategy[Any]
) -> st.SearchStrategy[Takeaway]:
    """Takeaways answering some of *objective_ids*, sometimes attributed to one of *stakeholder_ids* or a person."""
    if fields:
        return built(Takeaway, _takeaway_defaults(tuple(objective_ids), tuple(stakeholder_ids)), fields)
    return _takeaways(tuple(objective_ids), tuple(stakeholder_ids))


def _takeaway_defaults(
    objective_ids: tuple[str, ...], stakeholder_ids: tuple[str, ...]
) -> dict[str, st.SearchStrategy[Any]]:
    return {
        "id": ids(),
        "text": translatable_texts(max_size=200, multiline=True),
        "kind": vocabulary_values(TakeawayKind),
        "objectives": some_of(objective_ids),
        "themes": st.lists(texts(max_size=20), max_size=2).map(tuple),
        "source": _maybe(sources(stakeholder_ids=stakeholder_ids)),
    }


@functools.cache
def _takeaways(objective_ids: tuple[str, ...], stakeholder_ids: tuple[str, ...]) -> st.SearchStrategy[Takeaway]:
    return st.builds(Takeaway, **_takeaway_defaults(objective_ids, stakeholder_ids))


def identifiers(**fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Identifiers]:
    """Identifiers in IATI, ROR and Wikidata, each well formed: a listed agency, a right check sum, an item."""
    defaults = {"iati": _maybe(_IATI), "ror": _maybe(_RORS), "wikidata": _maybe(_WIKIDATA)}
    return built(Identifiers, defaults, fields)


def _ror(body: str) -> str:
    number = 0
    for character in body:
        number = number * 32 + _CROCKFORD.index(character)
    return f"{body}{98 - number * 100 % 97:02d}"


_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_IATI = st.builds(
    "{}-{}".format,
    st.sampled_from(["XM-DAC", "XI-IATI", "GB-COH", "KR-BRN", "US-EIN", "NO-BRC", "XM-OCHA"]),
    # The number: parts of letters, digits and dots, joined by single hyphens.
    st.lists(st.text(alphabet="abcXYZ0123456789.", min_size=1, max_size=6), min_size=1, max_size=2).map("-".join),
)
_RORS = st.builds(
    lambda body, address: ("https://ror.org/" if address else "") + _ror(body),
    st.text(alphabet=_CROCKFORD, min_size=6, max_size=6).map("0".__add__),
    st.booleans(),
)
_WIKIDATA = st.integers(1, 10**9).map("Q{}".format)


def stakeholders(*, part_of: Sequence[str] = (), **fields: st.SearchStrategy[Any]) -> st.SearchStrategy[Stakeholder]:
    """Stakeholders of every kind, sometimes part of one of the stakeholders in *part_of*."""
    if fields:
        return built(Stakeholder, _stakeholder_defaults(tuple(part_of)), fields)
    return _stakeholders(tuple(part_of))


def _stakeholder_defaults(part_of: tuple[str, ...]) -> dict[str, st.SearchStrategy[Any]]:
    return {
        "id": ids(),
        "name": translatable_texts(max_size=60),
        "acronym": _maybe(translatable_texts(max_size=10)),
        "kind": vocabulary_values(StakeholderKind),
        "country": _maybe(countries()),
        "part_of": _maybe(st.sampled_from(part_of)) if part_of else st.none(),
        "people": st.lists(people(), max_size=2).map(tuple),
        "identifiers": st.one_of(st.just(Identifiers()), identifiers()),
        "website": _maybe(_URLS),
    }


@functools.cache
def _stakeholders(part_of: tuple[str, ...]) -> st.SearchStrategy[Stakeholder]:
    return st.builds(Stakeholder, **_stakeholder_defaults(part_of))
