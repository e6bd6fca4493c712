"""Strategies for the scalar values of records: text, ids, dates, codes, vocabulary values."""

from __future__ import annotations

import datetime as dt
import functools
import operator
from typing import TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from gpworkshop._validators import country_codes, is_language_tag
from gpworkshop.multilingual import Translatable

__all__ = [
    "EARLIEST",
    "LATEST",
    "YAML_TRAPS",
    "countries",
    "dates",
    "ids",
    "language_tags",
    "moments",
    "sdg_codes",
    "texts",
    "time_zones",
    "translatable_texts",
    "vocabulary_values",
]

V = TypeVar("V")

#: The earliest day drawn by default.
EARLIEST = dt.date(1990, 1, 1)
#: The latest day drawn by default.
LATEST = dt.date(2060, 12, 31)

#: Text that a careless YAML reader or writer turns into something else.
YAML_TRAPS = (
    "NO", "no", "yes", "Yes", "on", "off", "y", "n", "true", "False", "null", "Null", "~",
    "017", "0x1F", "1e3", "1_000", ".inf", "-.nan", "17.10", "3.0", "2014-11-06", "2014-11-06 09:30:00",
    "12:30", "- item", "key: value", "#comment", "&anchor", "*alias", "!tag", "%directive", "@at", "`tick`",
    "'single'", '"double"', "{flow}", "[flow]", "|", ">", "?", "a #b", "trailing ", " leading",
)  # fmt: skip

# Letters, marks, numbers, punctuation, symbols and spaces from every script: Korean,
# right-to-left, combining marks and emoji included. Control characters, surrogates and
# private-use characters are left out, as are the line separators YAML folds: no record
# holds them.
_ALPHABET = st.characters(categories=("L", "M", "N", "P", "S", "Zs"), exclude_characters="\x85\u2028\u2029\ufeff")
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
    "*bold* _it_ | pipe | `code` [link](javascript:x) .. note::",
)


def texts(*, min_size: int = 1, max_size: int = 80, multiline: bool = False) -> st.SearchStrategy[str]:
    """Non-blank text: any script, realistic names, markup and YAML traps.

    :param multiline: also draw line breaks and paragraphs, as summaries have.
    :raises InvalidArgument: unless ``1 <= min_size <= max_size``.
    """
    if not 1 <= min_size <= max_size:
        raise InvalidArgument(f"need 1 <= min_size <= max_size (got {min_size}, {max_size})")
    return _texts(min_size, max_size, multiline)


# Strategies are built once per set of arguments: Hypothesis validates every new
# strategy object, which would otherwise cost more than drawing from it.
@functools.cache
def _texts(min_size: int, max_size: int, multiline: bool) -> st.SearchStrategy[str]:
    alphabet = st.one_of(_ALPHABET, st.just("\n")) if multiline else _ALPHABET
    drawn = st.text(alphabet, min_size=min_size, max_size=max_size)
    fixed = [text for text in (*YAML_TRAPS, *_SAMPLES) if min_size <= len(text) <= max_size and text.strip()]
    return (st.one_of(drawn, st.sampled_from(fixed)) if fixed else drawn).filter(lambda text: bool(text.strip()))


# Written out rather than as a regular expression, whose default alphabet makes Hypothesis map every character of
# UTF-8 the first time it runs on a machine: seconds that fail the health check of a user's first test.
_ID_CHARACTERS = "abcdefghijklmnopqrstuvwxyz0123456789"
_IDS = st.builds(operator.add, st.sampled_from(_ID_CHARACTERS), st.text(alphabet=_ID_CHARACTERS + "-", max_size=15))


def ids() -> st.SearchStrategy[str]:
    """Ids: lowercase letters, digits and hyphens, such as ``busan-2014``."""
    return _IDS


def dates(*, min_value: dt.date = EARLIEST, max_value: dt.date = LATEST) -> st.SearchStrategy[dt.date]:
    """Calendar dates between *min_value* and *max_value*."""
    if max_value < min_value:
        raise InvalidArgument(f"need min_value <= max_value (got {min_value}, {max_value})")
    return _dates(min_value, max_value)


@functools.cache
def _dates(min_value: dt.date, max_value: dt.date) -> st.SearchStrategy[dt.date]:
    return st.dates(min_value=min_value, max_value=max_value)


_OFFSETS = st.integers(min_value=-14 * 60, max_value=14 * 60).map(
    lambda minutes: dt.timezone(dt.timedelta(minutes=minutes))
)


def moments(*, max_value: dt.date = LATEST) -> st.SearchStrategy[dt.date]:
    """Dates, naive datetimes and datetimes with a UTC offset, as an event's start may be, up to *max_value*."""
    return _moments(max_value)


@functools.cache
def _moments(max_value: dt.date) -> st.SearchStrategy[dt.date]:
    last = dt.datetime.combine(max_value, dt.time())
    times = st.datetimes(min_value=dt.datetime(1990, 1, 1), max_value=last, timezones=st.one_of(st.none(), _OFFSETS))
    return st.one_of(_dates(EARLIEST, max_value), times)


_COUNTRIES = st.sampled_from(sorted(country_codes()))


def countries() -> st.SearchStrategy[str]:
    """ISO 3166-1 alpha-2 country codes, Norway's ``NO`` among them."""
    return _COUNTRIES


_GOALS = st.integers(min_value=1, max_value=17).map(str)
_SDG_CODES = _GOALS | st.tuples(_GOALS, st.integers(1, 19).map(str) | st.sampled_from("abcdefg")).map(".".join)


def sdg_codes() -> st.SearchStrategy[str]:
    """SDG goal and target codes: ``"5"``, ``"17.17"``, ``"6.a"``, ``"17.10"``."""
    return _SDG_CODES


# Checked here, once: that loads the language database when the strategies are imported, not during a draw.
_LANGUAGE_SAMPLES = (
    *("ar", "en", "es", "fr", "ko", "ru", "zh"),
    *("zh-Hans", "zh-Hant-TW", "es-419", "pt-BR", "sw", "fil", "de-CH-1996"),
)
_LANGUAGE_TAGS = st.sampled_from([tag for tag in _LANGUAGE_SAMPLES if is_language_tag(tag)])


def language_tags() -> st.SearchStrategy[str]:
    """BCP 47 language tags: the six UN languages and Korean, with scripts, regions and variants."""
    return _LANGUAGE_TAGS


def translatable_texts(*, min_size: int = 1, max_size: int = 80, multiline: bool = False) -> st.SearchStrategy[str]:
    """What a human-readable field holds: plain :func:`texts`, or a :class:`~gpworkshop.Translatable` of them.

    A translatable text has from one to three languages, with tags that differ in more than case.

    :raises InvalidArgument: unless ``1 <= min_size <= max_size``.
    """
    plain = texts(min_size=min_size, max_size=max_size, multiline=multiline)
    return _translatable_texts(plain)


@functools.cache
def _translatable_texts(plain: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    tags = st.lists(_LANGUAGE_TAGS, min_size=1, max_size=3, unique_by=str.lower)
    translated = tags.flatmap(
        lambda chosen: st.tuples(*(plain for _ in chosen)).map(lambda written: dict(zip(chosen, written, strict=True)))
    )
    return st.one_of(plain, translated.map(Translatable))


_TIME_ZONES = st.sampled_from(
    (
        "UTC",
        "Asia/Seoul",
        "Europe/Berlin",
        "America/New_York",
        "Africa/Nairobi",
        "Asia/Kolkata",
        "Asia/Kathmandu",
        "America/St_Johns",
        "Pacific/Chatham",
        "Australia/Lord_Howe",
    )
)


def time_zones() -> st.SearchStrategy[str]:
    """IANA time zone names, with daylight saving time or without, and offsets that are not whole hours."""
    return _TIME_ZONES


def vocabulary_values(vocabulary: type[V]) -> st.SearchStrategy[V]:
    """Every value of a vocabulary, such as :class:`~gpworkshop.vocab.Role`; shrinks to the first."""
    return st.sampled_from(vocabulary)  # type: ignore[arg-type]
