"""Stakeholders that are likely one organisation written twice, with a score and the reasons.

Records grow over years and many hands, and the same organisation turns up
as "Climate Action Network Europe" in one file and "Climate Action Network
(CAN) Europe" in another. :func:`find_duplicates` lists such pairs, each
with a score from 0 to 100 and the reasons for it:

- the same IATI, ROR or Wikidata identifier, or the same website;
- the same acronym and country, or an acronym that is the initials of the
  other's name;
- names that match once case, accents, punctuation, "the" and other small
  words, acronyms in brackets and word order are set aside, or nearly match
  (rapidfuzz's token sort ratio), with no word on either side that the other
  lacks: "German Environment Agency" and "European Environment Agency"
  differ in a word each, and are not paired.

Not every pair is compared: stakeholders are grouped by identifier,
website, acronym, initials and their rarest name words, and only those that
share a group are scored, so ten thousand stakeholders take about a second.

Needs ``pip install "gpworkshop[duplicates]"`` (rapidfuzz).

>>> import gpworkshop as gw
>>> from gpworkshop.duplicates import find_duplicates
>>> kb = gw.loads('''
... gpworkshop: 1
... stakeholders:
...   - {id: can-europe, name: Climate Action Network Europe, kind: network}
...   - {id: can-eu, name: Climate Action Network (CAN) Europe, kind: network}
...   - {id: uba, name: German Environment Agency, kind: public-body, country: DE}
...   - {id: eea, name: European Environment Agency, kind: public-body}
... ''')
>>> [match] = find_duplicates(kb)
>>> match.first, match.second, match.score
('can-europe', 'can-eu', 100.0)
>>> match.reasons
('names match once case, accents, punctuation, small words, bracketed acronyms and word order are set aside',)
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

import attrs

from gpworkshop.errors import MissingExtraError
from gpworkshop.identifiers import NAMES, canonical, listed
from gpworkshop.model import KnowledgeBase, Stakeholder

__all__ = ["EXTRA", "THRESHOLD", "Match", "candidate_count", "find_duplicates", "normalised"]

#: The extra that installs what the finder needs.
EXTRA = "duplicates"
#: The lowest score listed unless asked otherwise.
THRESHOLD = 85.0
#: Words that say little about which organisation is meant, in the languages records are mostly kept in.
_SMALL_WORDS = frozenset(
    "the of for and on in at to a an de la le les des du et en y el los las del für und der die das".split()  # noqa: SIM905
)
#: The likeness (rapidfuzz's token sort ratio) below which two names with nothing else in common are let go.
_WORTH_A_LOOK = 70.0
#: The likeness from which two words are one spelt two ways ("organisation", "organization").
_SPELT_ALIKE = 80
#: The longest word that may be the initials of words of another name ("un" for "united nations").
_SHORT = 3
#: How many of a name's rarest words group it with others, two by two.
_RAREST = 3
#: Words shared by more stakeholders than this do not group them (words such as "ministry" and "health").
_COMMON = 50
_BRACKETS = re.compile(r"\(([^()]*)\)|\[([^\[\]]*)\]")
_NOT_WORD = re.compile(r"[^\w]+")
_SAME_NAME = "names match once case, accents, punctuation, small words, bracketed acronyms and word order are set aside"


@attrs.frozen
class Match:
    """Two stakeholders that are likely one organisation."""

    #: The id of the one listed first in the record.
    first: str
    #: The id of the other.
    second: str
    #: How likely the two are one, from 0 to 100.
    score: float
    #: Why, in words, strongest first.
    reasons: tuple[str, ...]


def normalised(name: str) -> str:
    """*name* as names are compared: bracketed parts, accents, case, punctuation and small words taken out.

    >>> normalised("The Climate Action Network (CAN) Europe")
    'climate action network europe'
    >>> normalised("Ministère de l'Économie et des Finances")
    'ministere l economie finances'
    """
    return " ".join(_words(_BRACKETS.sub(" ", name)))


def find_duplicates(
    stakeholders: KnowledgeBase | Iterable[Stakeholder], *, threshold: float = THRESHOLD
) -> list[Match]:
    """The pairs of *stakeholders* scoring at least *threshold*, highest score first, then in record order.

    :raises ~gpworkshop.MissingExtraError: if rapidfuzz is not installed.
    """
    try:
        from rapidfuzz import fuzz  # noqa: PLC0415  (an extra, needed only here)
    except ImportError:
        raise MissingExtraError(f'finding duplicates needs rapidfuzz: pip install "gpworkshop[{EXTRA}]"') from None
    listed = list(stakeholders.stakeholders if isinstance(stakeholders, KnowledgeBase) else stakeholders)
    names = [_Name.of(stakeholder) for stakeholder in listed]
    matches = []
    ratio = fuzz.ratio
    for i, j in sorted(_candidates(names)):
        first, second = names[i], names[j]
        # Most pairs that share a group share a word and little else: they are let go here, by a comparison of
        # their sorted words and of what else may tie them, before their words are weighed one by one.
        if ratio(first.sorted_text, second.sorted_text) < _WORTH_A_LOOK and not _tied(first, second):
            continue
        score, reasons = _scored(first, second, fuzz)
        # A pair with no reason at all is not listed, even at a threshold of 0.
        if reasons and score >= threshold:
            matches.append(Match(listed[i].id, listed[j].id, score, reasons))
    return sorted(matches, key=lambda match: -match.score)


def _tied(first: _Name, second: _Name) -> bool:
    """Whether two stakeholders share an identifier, a website or an acronym, whatever their names."""
    return bool(
        first.identifiers & second.identifiers
        or (first.host and first.host == second.host)
        or first.acronyms & (second.acronyms | {second.initials})
        or second.acronyms & {first.initials}
    )


def candidate_count(stakeholders: KnowledgeBase | Iterable[Stakeholder]) -> int:
    """How many pairs of *stakeholders* :func:`find_duplicates` scores, of all the pairs there are.

    Stakeholders are grouped first, and only pairs within a group are scored;
    this says how far that goes.
    """
    listed = list(stakeholders.stakeholders if isinstance(stakeholders, KnowledgeBase) else stakeholders)
    return len(_candidates([_Name.of(stakeholder) for stakeholder in listed]))


@attrs.frozen
class _Name:
    """What a stakeholder is compared on."""

    words: tuple[str, ...]
    #: The words in alphabetical order, joined by spaces: compared, they give rapidfuzz's token sort ratio.
    sorted_text: str
    acronyms: frozenset[str]
    initials: str
    country: str | None
    identifiers: frozenset[tuple[str, str]]
    host: str | None

    @classmethod
    def of(cls, stakeholder: Stakeholder) -> _Name:
        name = str(stakeholder.name)
        bracketed = {
            _folded(inner) for match in _BRACKETS.finditer(name) for inner in match.groups() if inner and _short(inner)
        }
        acronyms = {_folded(str(stakeholder.acronym))} if stakeholder.acronym else set()
        all_words = [*_words(_BRACKETS.sub(" ", name), keep_small=True)]
        if len(all_words) == 1:
            # A name of one word, such as "KRILA", may be what others give as an acronym.
            acronyms.add(all_words[0])
        identifiers = frozenset((kind, canonical(kind, value)) for kind, value in listed(stakeholder.identifiers))
        words = tuple(word for word in all_words if word not in _SMALL_WORDS)
        return cls(
            words=words,
            sorted_text=" ".join(sorted(words)),
            acronyms=frozenset(acronym for acronym in acronyms | bracketed if acronym),
            initials="".join(word[0] for word in all_words if word not in _SMALL_WORDS),
            country=stakeholder.country,
            identifiers=identifiers,
            host=_host(stakeholder.website),
        )


def _short(text: str) -> bool:
    """Whether bracketed *text* can be an acronym: a word or two, as in "(CAN)" or "(UN DESA)"."""
    return len(text.split()) <= 2


def _folded(text: str) -> str:
    return "".join(_words(text, keep_small=True))


def _words(text: str, *, keep_small: bool = False) -> Iterator[str]:
    text = unicodedata.normalize("NFKD", text.replace("&", " and "))
    text = "".join(character for character in text if not unicodedata.combining(character)).casefold()
    for word in _NOT_WORD.split(text.replace("_", " ")):
        if word and (keep_small or word not in _SMALL_WORDS):
            yield word


def _host(address: str | None) -> str | None:
    if address is None:
        return None
    host = (urlsplit(address).hostname or "").removeprefix("www.")
    return host or None


def _candidates(names: list[_Name]) -> set[tuple[int, int]]:
    """Pairs of stakeholders that share a group: an identifier, a website, an acronym, initials or a rare word."""
    groups: defaultdict[Any, list[int]] = defaultdict(list)
    counts = Counter(word for name in names for word in set(name.words))
    short = {word for word in counts if len(word) <= _SHORT}
    for index, name in enumerate(names):
        keys: list[Any] = [("id", identifier) for identifier in name.identifiers]
        if name.host:
            keys.append(("host", name.host))
        keys.extend(("acronym", acronym) for acronym in name.acronyms)
        if len(name.initials) > 1:
            keys.append(("acronym", name.initials))
        rare = sorted(set(name.words), key=lambda word: (counts[word], word))[:_RAREST]
        # Two of its rarest words: one mistyped word leaves the other two to group a name with its original.
        keys.extend(("words", pair) for pair in itertools.combinations(sorted(rare), 2))
        if len(rare) == 1:
            keys.append(("words", rare[0]))
        # The same words in any order, and the same letters however the words are split ("co-operation").
        keys.append(("name", " ".join(sorted(name.words))))
        keys.append(("letters", "".join(name.words)))
        # The name with two or three of its words written as their initials: "UN" for "United Nations".
        keys.extend(("name", shortened) for shortened in _shortened(name.words, short))
        for key in keys:
            groups[key].append(index)
    pairs: set[tuple[int, int]] = set()
    for key, members in groups.items():
        if key[0] == "words" and len(members) > _COMMON:
            continue
        pairs.update(itertools.combinations(sorted(set(members)), 2))
    return pairs


def _shortened(words: tuple[str, ...], short: set[str]) -> Iterator[str]:
    """*words* sorted, with a run of two or three of them written as its initials, where some name has that word."""
    for start in range(len(words)):
        for length in (2, 3):
            initials = "".join(word[0] for word in words[start : start + length])
            if start + length <= len(words) and initials in short:
                yield " ".join(sorted((*words[:start], initials, *words[start + length :])))


def _scored(first: _Name, second: _Name, fuzz: Any) -> tuple[float, tuple[str, ...]]:
    scored: list[tuple[float, str]] = []
    for kind, value in sorted(first.identifiers & second.identifiers):
        scored.append((100.0, f"same {NAMES[kind]} identifier {value}"))
    if first.host and first.host == second.host:
        scored.append((90.0, f"same website {first.host}"))
    if not _distinct(first, second, fuzz):
        likeness = float(fuzz.ratio(first.sorted_text, second.sorted_text))
        scored.extend(_acronym_scores(first, second))
        scored.extend(_name_score(first, second, likeness, fuzz))
    if not scored:
        return 0.0, ()
    scored.sort(key=lambda item: -item[0])
    return scored[0][0], tuple(reason for _, reason in scored)


def _acronym_scores(first: _Name, second: _Name) -> Iterator[tuple[float, str]]:
    shared = first.acronyms & second.acronyms
    if shared and first.country == second.country:
        where = f" and country {first.country}" if first.country else " and no country"
        yield 90.0, f"same acronym {sorted(shared)[0].upper()}{where}"
    for one, other in ((first, second), (second, first)):
        if len(other.initials) > 1 and other.initials in one.acronyms and _same_country(one, other):
            yield 88.0, f"the acronym {other.initials.upper()} is the initials of the other's name"
            return


def _distinct(first: _Name, second: _Name, fuzz: Any) -> bool:
    """Whether the two are told apart by their countries, or by a word each has that the other lacks.

    "German Environment Agency" and "European Environment Agency" differ in a
    word each; so do the African and the Asian Development Bank, whose
    initials are alike.
    """
    if first.country and second.country and first.country != second.country:
        return True
    return bool(_lost(first.words, second.words, fuzz) and _lost(second.words, first.words, fuzz))


def _same_country(one: _Name, other: _Name) -> bool:
    return one.country is None or other.country is None or one.country == other.country


def _name_score(first: _Name, second: _Name, likeness: float, fuzz: Any) -> Iterator[tuple[float, str]]:
    if not first.words or not second.words:
        return
    if sorted(first.words) == sorted(second.words):
        yield 100.0, _SAME_NAME
        return
    if not _lost(first.words, second.words, fuzz) and not _lost(second.words, first.words, fuzz):
        yield max(round(likeness, 1), 90.0), "names match but for spelling or abbreviation"
    elif likeness >= _WORTH_A_LOOK:
        yield round(likeness, 1), f"names nearly match ({round(likeness)} % alike once normalised)"


def _lost(words: tuple[str, ...], others: tuple[str, ...], fuzz: Any) -> list[str]:
    """The *words* that *others* neither have, nor spell otherwise ("organization"), nor shorten or join.

    Shortened: "un" for "united nations"; joined: "cooperation" for "co operation".
    """
    mine = [word for word in words if word not in others]
    theirs = [word for word in others if word not in words]
    if not mine or not theirs:
        return mine
    covered: set[int] = set()
    for start, end in itertools.combinations(range(len(mine) + 1), 2):
        if end - start > 1:
            run = mine[start:end]
            if "".join(word[0] for word in run) in theirs or "".join(run) in theirs:
                covered.update(range(start, end))
    written_otherwise = _runs(tuple(theirs))
    return [
        word
        for index, word in enumerate(mine)
        if index not in covered
        and word not in written_otherwise
        and not any(fuzz.ratio(word, other) >= _SPELT_ALIKE for other in theirs if min(len(word), len(other)) >= 4)
    ]


@functools.lru_cache(maxsize=4096)
def _runs(words: tuple[str, ...]) -> frozenset[str]:
    """The initials and the letters of every run of two or more consecutive *words*: "un", "cooperation"."""
    runs = set()
    for start, end in itertools.combinations(range(len(words) + 1), 2):
        if end - start > 1:
            run = words[start:end]
            runs.add("".join(word[0] for word in run))
            runs.add("".join(run))
    return frozenset(runs)
