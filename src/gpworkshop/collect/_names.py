"""Names of organisations, as a table writes them, made the stakeholders of a record.

One organisation is often written several ways in one table ("Institute
for Public Administration, Ministry of the Interior", "Institute for Public
Administration (IPA), Ministry of Interior"). The duplicate finder of
:mod:`gpworkshop.duplicates` compares every name with the others and with
the stakeholders a record already has: names it finds certainly the same
are one stakeholder; those it finds only likely the same are kept apart and
listed for review, never merged unseen.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from gpworkshop.duplicates import find_duplicates
from gpworkshop.errors import MissingExtraError
from gpworkshop.model import Stakeholder
from gpworkshop.vocab import StakeholderKind

__all__ = ["EXTRA", "Review", "Stakeholders", "name_id", "stakeholders_of"]

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
