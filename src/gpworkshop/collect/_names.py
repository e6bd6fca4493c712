"""Names of organisations, as a table writes them, made the stakeholders of a record.

One organisation is often written several ways in one table ("Institute
for Public Administration, Ministry of the Interior", "Institute for Public
Administration (IPA), Ministry of Interior"). The duplicate finder of
:mod:`gpworkshop.duplicates` compares every name with the others and with
the stakeholders a record already has: names it finds certainly the same
are one stakeholder; those it finds only likely the same are kept apart and
listed for review, never merged unseen. Before them, a name that is the
very name of a stakeholder of the record, in any language, is that
stakeholder; and a name no stakeholder has that is the id of one of the
record (``krila``) is that one: a table imported again into the record its
first import made then adds nothing.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from gpworkshop import codes
from gpworkshop._parsed import Place
from gpworkshop.duplicates import find_duplicates
from gpworkshop.errors import MissingExtraError, Problem
from gpworkshop.model import Stakeholder
from gpworkshop.multilingual import Translatable
from gpworkshop.vocab import StakeholderKind

__all__ = ["EXTRA", "Review", "Stakeholders", "name_id", "review_warning", "stakeholders_named", "stakeholders_of"]

#: The extra that installs what reading names needs: rapidfuzz to compare them, anyascii to spell ids.
EXTRA = "mapping"
#: The score from which two names are one organisation without review.
_CERTAIN = 100.0
#: The longest id made from a name, in characters.
_LONGEST_ID = 60
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


@attrs.frozen
class Review:
    """Two names likely of one organisation, kept apart until someone decides."""

    #: The stakeholder made from a name of the table.
    new: str
    #: The stakeholder it may be, of the record or of the table.
    other: str
    #: How likely the two are one, from 0 to 100.
    score: float
    #: Why, in words.
    reasons: tuple[str, ...]


@attrs.frozen
class Stakeholders:
    """What the names of a table became."""

    #: The id of the stakeholder of each name.
    ids: dict[str, str]
    #: The stakeholders made for names no stakeholder of the record has.
    new: tuple[Stakeholder, ...]
    #: The pairs matched below certainty.
    reviews: tuple[Review, ...]


def name_id(name: str, taken: set[str] | frozenset[str] = frozenset()) -> str:
    """An id made from *name*, in Latin letters whatever its script, not one of *taken*.

    >>> name_id("Korea Research Institute for Local Administration")
    'korea-research-institute-for-local-administration'
    >>> name_id("한국지방행정연구원")
    'hangugjibanghaengjeongyeonguwon'
    >>> name_id("UNDP", {"undp"})
    'undp-2'

    :raises ~gpworkshop.MissingExtraError: if anyascii is not installed.
    """
    try:
        from anyascii import anyascii  # noqa: PLC0415  (an extra, needed only here)
    except ImportError:
        raise MissingExtraError(f'making ids from names needs anyascii: pip install "gpworkshop[{EXTRA}]"') from None
    slug = _NOT_SLUG.sub("-", anyascii(name).lower()).strip("-") or "stakeholder"
    if len(slug) > _LONGEST_ID:
        slug = slug[:_LONGEST_ID].rsplit("-", 1)[0]
    found, number = slug, 1
    while found in taken:
        number += 1
        found = f"{slug}-{number}"
    return found


def stakeholders_of(names: Sequence[str], known: Sequence[Stakeholder], *, taken: set[str]) -> Stakeholders:
    """The stakeholders of *names*: those of *known* they certainly are, and new ones for the others.

    *taken* holds the ids already used; the ids of new stakeholders are added to it.
    """
    distinct = list(dict.fromkeys(names))
    prefix = _free_prefix({stakeholder.id for stakeholder in known})
    drafts = [
        Stakeholder(id=f"{prefix}{number}", name=name, kind=StakeholderKind.OTHER)
        for number, name in enumerate(distinct)
    ]
    every = [*known, *drafts]
    try:
        matches = find_duplicates(every)
    except MissingExtraError:
        raise MissingExtraError(f'matching names needs rapidfuzz: pip install "gpworkshop[{EXTRA}]"') from None
    order = {stakeholder.id: number for number, stakeholder in enumerate(every)}
    leader = {stakeholder.id: stakeholder.id for stakeholder in every}
    pending = []
    for match in matches:
        if not (match.first.startswith(prefix) or match.second.startswith(prefix)):
            continue
        if match.score >= _CERTAIN:
            _join(leader, order, match.first, match.second)
        else:
            pending.append(match)
    final: dict[str, str] = {stakeholder.id: stakeholder.id for stakeholder in known}
    new: list[Stakeholder] = []
    for draft in drafts:
        head = _head(leader, draft.id)
        if head == draft.id:
            final[draft.id] = name_id(draft.name, taken)
            taken.add(final[draft.id])
            new.append(attrs.evolve(draft, id=final[draft.id]))
    ids = {draft.name: final[_head(leader, draft.id)] for draft in drafts}
    reviews = {
        (final[_head(leader, match.second)], final[_head(leader, match.first)]): match
        for match in pending
        if _head(leader, match.first) != _head(leader, match.second)
    }
    listed = tuple(Review(new, other, match.score, match.reasons) for (new, other), match in reviews.items())
    return Stakeholders(ids=ids, new=tuple(new), reviews=listed)


def _free_prefix(ids: set[str]) -> str:
    """A prefix of ids that no id of *ids* starts with, for the names while they are compared."""
    prefix = "draft-"
    while any(found.startswith(prefix) for found in ids):
        prefix = "x" + prefix
    return prefix


def _head(leader: dict[str, str], found: str) -> str:
    while leader[found] != found:
        found = leader[found]
    return found


def _join(leader: dict[str, str], order: dict[str, int], first: str, second: str) -> None:
    """Make the names of *first* and *second* one, led by the one listed first: the record's, then the table's."""
    one, other = _head(leader, first), _head(leader, second)
    if one != other:
        ahead, behind = sorted((one, other), key=order.__getitem__)
        leader[behind] = ahead


def stakeholders_named(names: Sequence[str], known: Sequence[Stakeholder], *, taken: set[str]) -> Stakeholders:
    """The stakeholders of *names*, among *known* or new; *taken* holds the ids in use, and gets those of the new.

    >>> stakeholders_named([], [], taken=set())
    Stakeholders(ids={}, new=(), reviews=())
    """
    # The very name of a stakeholder is that stakeholder even where the duplicate finder is not certain, as of a
    # name of one letter.
    very = _very_names(known)
    direct = {name: very[_folded(name)] for name in names if _folded(name) in very}
    others = [name for name in names if name not in direct]
    if not others:
        # With no names to match, the duplicate finder's extra is not needed.
        return Stakeholders(ids=direct, new=(), reviews=())
    found = stakeholders_of(others, known, taken=taken)
    made = {stakeholder.id for stakeholder in found.new}
    ids_known = {stakeholder.id for stakeholder in known}
    ids = {name: name if found.ids[name] in made and name in ids_known else found.ids[name] for name in found.ids}
    kept = set(ids.values())
    return Stakeholders(
        ids={**ids, **direct},
        new=tuple(stakeholder for stakeholder in found.new if stakeholder.id in kept),
        reviews=tuple(review for review in found.reviews if {review.new, review.other} <= kept | ids_known),
    )


def _very_names(stakeholders: Sequence[Stakeholder]) -> dict[str, str]:
    """The id of each stakeholder by its name, in each language, as names are compared; names of two left out."""
    found: dict[str, set[str]] = {}
    for stakeholder in stakeholders:
        name = stakeholder.name
        for text in name.texts.values() if isinstance(name, Translatable) else (name,):
            found.setdefault(_folded(text), set()).add(stakeholder.id)
    return {name: next(iter(ids)) for name, ids in found.items() if len(ids) == 1}


def _folded(name: str) -> str:
    return " ".join(name.casefold().split())


def review_warning(review: Review, place: Place | None, names: dict[str, str]) -> Problem:
    """The warning of *review*, at the cell of the name (*place*), with the stakeholders' *names* by id."""
    new, other = str(names.get(review.new, review.new)), str(names.get(review.other, review.other))
    message = (
        f"{new!r} ({review.new}) is likely {other!r} "
        f"({review.other}), scoring {review.score:g} ({'; '.join(review.reasons)}); kept apart: if they are one, "
        f"gpworkshop merge {review.new} --into {review.other}"
    )
    found = place or Place("")
    return Problem(
        code=codes.TO_REVIEW,
        message=message,
        severity=codes.CATALOGUE[codes.TO_REVIEW].severity,
        source=found.source or None,
        line=found.line,
        column=found.column,
    )
