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

SLUG = re.compile(r"[a-z0-9][a-z0-9-]*")
SDG_CODE = re.compile(r"(?:[1-9]|1[0-7])(?:\.(?:[1-9][0-9]?|[a-z]))?")
URL_SCHEMES = ("https://", "http://")


class FieldValueError(ValueError):
    """A field's value breaks the field's rule; :attr:`field` names the field."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field


def slug(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An id or reference: lowercase letters, digits and hyphens."""
    if not isinstance(value, str) or not SLUG.fullmatch(value):
        raise FieldValueError(
            attribute.name,
            f"{attribute.name!r} must be an id of lowercase letters, digits and hyphens, "
            f"starting with a letter or digit (got {value!r})",
        )


def slugs(instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    """Every item is an id."""
    for item in value:
        slug(instance, attribute, item)


def optional_slug(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An id, or nothing."""
    if value is not None:
        slug(instance, attribute, value)


def not_blank(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Text with at least one visible character."""
    if not isinstance(value, str) or not value.strip():
        raise FieldValueError(attribute.name, f"{attribute.name!r} must be non-empty text (got {value!r})")


def optional_not_blank(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Non-empty text, or nothing."""
    if value is not None:
        not_blank(instance, attribute, value)


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
            f"such as 'KR' or 'NO' (got {value!r})",
        )


def sdg_codes(_instance: object, attribute: attrs.Attribute[Any], value: tuple[object, ...]) -> None:
    """SDG goal or target codes: ``"16"``, ``"17.17"``, ``"6.a"``."""
    for code in value:
        if not isinstance(code, str) or not SDG_CODE.fullmatch(code):
            raise FieldValueError(
                attribute.name,
                f"{attribute.name!r} must list SDG goals '1' to '17' or targets such as "
                f"'17.17' or '6.a' (got {code!r})",
            )


def optional_url(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An absolute http(s) address, or nothing."""
    if value is None:
        return
    if not isinstance(value, str) or not value.startswith(URL_SCHEMES) or any(c.isspace() for c in value):
        raise FieldValueError(
            attribute.name, f"{attribute.name!r} must be an http:// or https:// address without spaces (got {value!r})"
        )


def percent(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole percentage from 0 to 100, or nothing."""
    if value is not None and not (isinstance(value, int) and 0 <= value <= 100):
        raise FieldValueError(attribute.name, f"{attribute.name!r} must be in [0, 100] (got {value!r})")


def positive(_instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """A whole number from 1 up, or nothing."""
    if value is not None and not (isinstance(value, int) and value >= 1):
        raise FieldValueError(attribute.name, f"{attribute.name!r} must be a whole number from 1 up (got {value!r})")


def is_earlier(moment: dt.date, than: dt.date) -> bool:
    """Whether *moment* comes strictly before *than*.

    Dates and datetimes compare by day unless both are datetimes that can be
    ordered (both naive or both aware), which compare by instant.
    """
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
