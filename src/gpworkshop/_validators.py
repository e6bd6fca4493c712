"""attrs validators for the invariants of single model fields.

Messages follow attrs' shape: name the field, say what was expected and what
was found, so that a located error in a file reads on its own.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Sized
from typing import Any

import attrs

from gpworkshop import codes
from gpworkshop._wording import excerpt
from gpworkshop.errors import FieldValueError
from gpworkshop.multilingual import LANGUAGE_TAG, Translatable, is_language_tag, tag_problem

__all__ = [
    "LANGUAGE_TAG",
    "SLUG",
    "TIME_ZONE",
    "URL_PATTERN",
    "FieldValueError",
    "country_codes",
    "day_of",
    "iati_identifier",
    "is_country_code",
    "is_earlier",
    "is_language_tag",
    "is_time_zone",
    "is_web_address",
    "language_tag",
    "language_tags",
    "not_blank",
    "not_empty",
    "optional_country",
    "optional_not_blank",
    "optional_slug",
    "optional_text",
    "optional_time_zone",
    "optional_url",
    "percent",
    "positive",
    "ror_identifier",
    "sdg_codes",
    "slug",
    "slugs",
    "text",
    "wikidata_identifier",
]

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
SDG_CODE = re.compile(r"(?:[1-9]|1[0-7])(?:\.(?:[1-9][0-9]?|[a-z]))?")
#: An http(s) address: the scheme in any case, then the characters RFC 3986 allows unencoded, percent escapes,
#: and, as in IRIs, any character beyond ASCII but spaces. :func:`is_web_address` also checks the host and port.
URL_PATTERN = r"[Hh][Tt][Tt][Pp][Ss]?://(?:[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=]|%[0-9A-Fa-f]{2}|[^\x00-\x7f\s])+"
_URL = re.compile(URL_PATTERN)


def slug(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An id or reference: lowercase letters, digits and hyphens."""
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        raise FieldValueError(attribute.name, _not_a_slug(attribute.name, value), names_an_id=True)


def _not_a_slug(name: str, value: object) -> str:
    return (
        f"{name!r} must be an id of lowercase letters, digits and hyphens, "
        f"starting with a letter or digit (got {excerpt(value)})"
    )


def _each(
    attribute: attrs.Attribute[Any],
    value: tuple[object, ...],
    is_bad: Any,
    message: Any,
    *,
    names_an_id: bool = False,
    code: str = codes.INVALID_VALUE,
) -> None:
    """Check every item of a list field, and raise one error that names each bad item."""
    bad = tuple((index, message(item)) for index, item in enumerate(value) if is_bad(item))
    if bad:
        text = "; ".join(f"item {index}: {text}" for index, text in bad) if len(bad) > 1 else bad[0][1]
        raise FieldValueError(attribute.name, text, items=bad, names_an_id=names_an_id, code=code)


def slugs(_instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    """Every item is an id."""
    _each(
        attribute,
        value,
        lambda item: not isinstance(item, str) or not SLUG.fullmatch(item),
        lambda item: _not_a_slug(attribute.name, item),
        names_an_id=True,
    )


def optional_slug(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An id, or nothing."""
    if value is not None:
        slug(instance, attribute, value)


def not_blank(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Text with at least one visible character."""
    if not isinstance(value, str) or not value.strip():
        raise FieldValueError(attribute.name, f"{attribute.name!r} must be non-empty text (got {excerpt(value)})")


def optional_not_blank(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Non-empty text, or nothing."""
    if value is not None:
        not_blank(instance, attribute, value)


def text(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Human-readable text: non-blank, and in a :class:`~gpworkshop.Translatable`, non-blank in every language."""
    not_blank(_instance, attribute, value)
    if isinstance(value, Translatable):
        for tag, written in value.texts.items():
            problem = tag_problem(tag)
            if problem is not None:
                raise FieldValueError(attribute.name, f"{attribute.name!r}: {problem}")
            if not written.strip():
                raise FieldValueError(
                    attribute.name, f"{attribute.name!r} must be non-empty text in {tag!r} (got {excerpt(written)})"
                )


def optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Human-readable text, as :func:`text` checks it, or nothing."""
    if value is not None:
        text(instance, attribute, value)


def not_empty(_instance: object, attribute: attrs.Attribute[Any], value: Sized) -> None:
    """A collection with at least one item."""
    if len(value) == 0:
        raise FieldValueError(attribute.name, f"{attribute.name!r} must list at least one item (got none)")


@functools.cache
def country_codes() -> frozenset[str]:
    """Every ISO 3166-1 alpha-2 country code."""
    import pycountry  # noqa: PLC0415  (its database is loaded on first use only)

    return frozenset(country.alpha_2 for country in pycountry.countries)


def is_country_code(code: str) -> bool:
    """Whether *code* is an ISO 3166-1 alpha-2 country code, such as ``"NO"``."""
    return code in country_codes()


def optional_country(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An ISO 3166-1 alpha-2 country code, or nothing."""
    if value is not None and not (isinstance(value, str) and is_country_code(value)):
        raise FieldValueError(
            attribute.name,
            f"{attribute.name!r} must be an ISO 3166-1 alpha-2 country code in capitals, "
            f"such as 'KR' or 'NO' (got {excerpt(value)})",
        )


def sdg_codes(_instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    """SDG goal or target codes: ``"16"``, ``"17.17"``, ``"6.a"``."""
    _each(
        attribute,
        value,
        lambda code: not isinstance(code, str) or not SDG_CODE.fullmatch(code),
        lambda code: (
            f"{attribute.name!r} must list SDG goals '1' to '17' or targets such as "
            f"'17.17' or '6.a' (got {excerpt(code)})"
        ),
    )


def is_web_address(value: str) -> bool:
    """Whether *value* is a well-formed absolute ``http://`` or ``https://`` address with a host.

    >>> is_web_address("https://www.effectivecooperation.org/")
    True
    >>> is_web_address("https://")
    False
    >>> is_web_address("https://example.org/a report.pdf")
    False
    """
    from urllib.parse import urlsplit  # noqa: PLC0415  (needed only when a record has addresses)

    if not _URL.fullmatch(value):
        return False
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018  (raises ValueError for a port that is not a number from 0 to 65535)
    except ValueError:
        return False
    return bool(parts.hostname)


def optional_url(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An absolute http(s) address with a host, or nothing."""
    if value is None:
        return
    if not isinstance(value, str) or not is_web_address(value):
        raise FieldValueError(
            attribute.name,
            f"{attribute.name!r} must be a well-formed http:// or https:// address with a host, and spaces and "
            f'characters such as <, > and " written as %20, %3C, %3E and %22 (got {excerpt(value)})',
        )


def _identifier(kind: str) -> Any:
    """A validator of an identifier of *kind* in an outside registry (see :mod:`gpworkshop.identifiers`), or nothing."""

    def check(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is None:
            return
        from gpworkshop.identifiers import identifier_problem  # noqa: PLC0415  (the codelist is read only when needed)

        problem = identifier_problem(kind, value) if isinstance(value, str) else "it must be text"
        if problem is not None:
            raise FieldValueError(attribute.name, f"{attribute.name!r}: {problem} (got {excerpt(value)})")

    check.__doc__ = f"A {kind} identifier, or nothing."
    return check


iati_identifier = _identifier("iati")
ror_identifier = _identifier("ror")
wikidata_identifier = _identifier("wikidata")


def language_tag(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A BCP 47 language tag: ``"en"``, ``"ko"``, ``"zh-Hans"``."""
    problem = tag_problem(value)
    if problem is not None:
        raise FieldValueError(attribute.name, f"{attribute.name!r}: {problem}", code=codes.BAD_LANGUAGE)


def language_tags(_instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    """BCP 47 language tags: ``"en"``, ``"fr"``, ``"zh-Hans"``."""
    _each(
        attribute,
        value,
        lambda tag: not isinstance(tag, str) or not is_language_tag(tag),
        lambda tag: (
            f"{attribute.name!r} lists BCP 47 language tags, such as 'en', 'fr' or 'zh-Hans': {tag_problem(tag)}"
        ),
        code=codes.BAD_LANGUAGE,
    )


@functools.lru_cache(maxsize=1024)
def is_time_zone(name: str) -> bool:
    """Whether *name* is a time zone of the IANA database, such as ``"Asia/Seoul"`` or ``"UTC"``.

    >>> is_time_zone("Asia/Seoul"), is_time_zone("Asia/Atlantis"), is_time_zone("+09:00")
    (True, False, False)
    """
    import zoneinfo  # noqa: PLC0415  (the time zone database is read when a record names a zone)

    if len(name) > _LONGEST_ZONE or not TIME_ZONE.fullmatch(name):
        return False
    try:
        zoneinfo.ZoneInfo(name)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        # Without a time zone database on the machine, a well-formed name is taken on trust.
        return not zoneinfo.available_timezones()
    return True


# Longer than any name of the IANA database ("America/Argentina/ComodRivadavia" has 32 characters).
_LONGEST_ZONE = 64
#: The form of an IANA time zone name: ``Area/Location``, or a single name such as ``UTC``.
TIME_ZONE = re.compile(r"[A-Za-z][A-Za-z0-9_+-]*(?:/[A-Za-z0-9][A-Za-z0-9_+-]*)*")


def optional_time_zone(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An IANA time zone name, or nothing."""
    if value is not None and not (isinstance(value, str) and is_time_zone(value)):
        raise FieldValueError(
            attribute.name,
            f"{attribute.name!r} must name a time zone of the IANA database, such as 'Asia/Seoul', "
            f"'Europe/Berlin' or 'UTC' (got {excerpt(value)})",
        )


def percent(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole percentage from 0 to 100, or nothing."""
    if value is not None and not (isinstance(value, int) and 0 <= value <= 100):
        raise FieldValueError(attribute.name, f"{attribute.name!r} must be in [0, 100] (got {excerpt(value)})")


def positive(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole number from 1 up, or nothing."""
    if value is not None and not (isinstance(value, int) and value >= 1):
        raise FieldValueError(
            attribute.name, f"{attribute.name!r} must be a whole number from 1 up (got {excerpt(value)})"
        )


def is_earlier(moment: dt.date, than: dt.date) -> bool:
    """Whether *moment* comes strictly before *than*.

    Dates and datetimes compare by day unless both are datetimes that can be
    ordered (both naive or both aware), which compare by instant.
    """
    if moment.__class__ is dt.date and than.__class__ is dt.date:
        return moment < than
    if (
        isinstance(moment, dt.datetime)
        and isinstance(than, dt.datetime)
        and (moment.tzinfo is None) == (than.tzinfo is None)
    ):
        return moment < than
    return day_of(moment) < day_of(than)


def day_of(moment: dt.date) -> dt.date:
    """The calendar day of a date or datetime."""
    return moment.date() if isinstance(moment, dt.datetime) else moment
