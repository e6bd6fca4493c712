"""Identifiers of stakeholders in registries others keep: IATI, ROR and Wikidata.

A stakeholder's :class:`~gpworkshop.model.Identifiers` name it in lists that
outlive any one record, so that two records, or two files of one record, can
tell that they speak of the same organisation. Each kind has a form, checked
here:

- an **IATI organisation identifier** is the code of the list it was drawn
  from, a registration agency such as ``XM-DAC`` (the OECD Development
  Assistance Committee), then a hyphen and the organisation's number in that
  list: ``XM-DAC-41114``. The agency should be in IATI's
  OrganisationRegistrationAgency codelist (vendored in
  ``gpworkshop/codelists``, with its source and licence);
- a **ROR id** is ``0``, six characters of Crockford's base 32 and a
  two-digit checksum, alone (``03yrm5c26``) or as its address
  (``https://ror.org/03yrm5c26``);
- a **Wikidata item** is ``Q`` and a number: ``Q7817``.

Real data holds IATI identifiers drawn from lists that IATI's codelist no
longer has, or never had (``US-GOV-1``, the older ``DE-1`` or ``44000``):
such an identifier is kept, with a warning (:func:`agency_warning`) that
names the closest agency; only a value that cannot be an identifier at all
(with spaces or ``/ & | ?`` in it, or an empty part between hyphens) is an
error.

>>> identifier_problem("iati", "XM-DAC-41114") is None
True
>>> identifier_problem("iati", "XM DAC 41114")
'an IATI organisation identifier holds no spaces and none of / & | ?'
>>> agency_warning("XX-DAC-41114").partition("; ")[2]
"the closest is 'XM-DAC' (OECD Development Assistance Committee): check the identifier with its publisher"
>>> identifier_problem("ror", "https://ror.org/03yrm5c26") is None
True
>>> canonical("ror", "https://ror.org/03yrm5c26") == canonical("ror", "03YRM5C26")
True
"""

from __future__ import annotations

import csv
import functools
import re
from importlib import resources
from typing import Any

import attrs

__all__ = [
    "KINDS",
    "NAMES",
    "RegistrationAgency",
    "address",
    "agency_warning",
    "canonical",
    "identifier_problem",
    "listed",
    "pattern",
    "registration_agencies",
]

#: The kinds of identifier a stakeholder may carry, in the order they are written.
KINDS = ("iati", "ror", "wikidata")
#: The name of each kind of identifier, as messages write it.
NAMES = {"iati": "IATI", "ror": "ROR", "wikidata": "Wikidata"}

_CROCKFORD = "0123456789abcdefghjkmnpqrstvwxyz"
_ROR_FORM = r"(?:https?://ror\.org/)?(0[0-9a-hjkmnp-tv-zA-HJKMNP-TV-Z]{6}[0-9]{2})"
_ROR = re.compile(_ROR_FORM)
_WIKIDATA_FORM = r"Q[1-9][0-9]*"
_WIKIDATA = re.compile(_WIKIDATA_FORM)
_WIKIDATA_ADDRESS_FORM = rf"https?://(?:www\.)?wikidata\.org/(?:wiki|entity)/({_WIKIDATA_FORM})"
_WIKIDATA_ADDRESS = re.compile(_WIKIDATA_ADDRESS_FORM)
#: Characters IATI identifiers must not hold: whitespace, and those that break addresses and lists.
_IATI_FORBIDDEN = re.compile(r"[\s/&|?]")


@attrs.frozen
class RegistrationAgency:
    """An item of IATI's OrganisationRegistrationAgency codelist: a list organisation identifiers come from."""

    #: The prefix of identifiers from this list, such as ``"XM-DAC"``.
    code: str
    #: The name of the list, such as ``"OECD Development Assistance Committee"``.
    name: str
    #: ``"active"``, or ``"withdrawn"`` for a list no longer recommended (its identifiers stay valid).
    status: str


@functools.cache
def registration_agencies() -> dict[str, RegistrationAgency]:
    """The registration agencies of IATI organisation identifiers, by code.

    >>> registration_agencies()["XM-DAC"].name
    'OECD Development Assistance Committee'
    """
    text = resources.files("gpworkshop").joinpath("codelists/OrganisationRegistrationAgency.csv").read_text("utf-8")
    return {row["code"]: RegistrationAgency(**row) for row in csv.DictReader(text.splitlines())}


def pattern(kind: str) -> str:
    """A regular expression (for JSON Schema) that identifiers of *kind* match in full; it skips the ROR checksum.

    >>> import re
    >>> bool(re.fullmatch(pattern("iati"), "XM-DAC-41114"))
    True
    """
    if kind == "iati":
        return "[^\\s/&|?-]+(?:-[^\\s/&|?-]+)*"
    if kind == "ror":
        return _ROR_FORM.replace("(0", "(?:0")
    return f"{_WIKIDATA_FORM}|{_WIKIDATA_ADDRESS_FORM.replace('(Q', '(?:Q')}"


def listed(held: Any) -> list[tuple[str, str]]:
    """The identifiers a :class:`~gpworkshop.model.Identifiers` holds, as ``(kind, value)`` pairs in kind order.

    >>> from gpworkshop import Identifiers
    >>> listed(Identifiers(wikidata="Q7817", iati="XM-DAC-41114"))
    [('iati', 'XM-DAC-41114'), ('wikidata', 'Q7817')]
    """
    return [(kind, value) for kind in KINDS if (value := getattr(held, kind)) is not None]


def address(kind: str, value: str) -> str | None:
    """The web address of the identifier *value* of *kind*, for registries that give each identifier one.

    >>> address("ror", "03yrm5c26")
    'https://ror.org/03yrm5c26'
    >>> address("iati", "XM-DAC-41114") is None
    True
    """
    if kind == "ror":
        return f"https://ror.org/{canonical(kind, value)}"
    if kind == "wikidata":
        return f"https://www.wikidata.org/wiki/{canonical(kind, value)}"
    return None


def identifier_problem(kind: str, value: str) -> str | None:
    """What is wrong with *value* as an identifier of *kind* (``"iati"``, ``"ror"``, ``"wikidata"``), if anything."""
    if kind == "iati":
        return _iati_problem(value)
    if kind == "ror":
        return _ror_problem(value)
    return _wikidata_problem(value)


def canonical(kind: str, value: str) -> str:
    """*value* written one way for each identifier, so that two spellings of one identifier compare equal.

    A ROR id loses its address and is lowered; a Wikidata address becomes its
    item; an IATI identifier is kept as written, since the lists it comes from
    may tell letters' case apart.
    """
    if kind == "ror":
        found = _ROR.fullmatch(value)
        return found.group(1).lower() if found else value
    if kind == "wikidata":
        found = _WIKIDATA_ADDRESS.fullmatch(value)
        return found.group(1) if found else value
    return value


def _iati_problem(value: str) -> str | None:
    if not value.strip():
        return "an IATI organisation identifier is a registration agency, a hyphen and a number, such as 'XM-DAC-41114'"
    if value != value.strip():
        return f"an IATI organisation identifier has no spaces around it: write {value.strip()!r}"
    if _IATI_FORBIDDEN.search(value):
        return "an IATI organisation identifier holds no spaces and none of / & | ?"
    prefix, rest = _agency_of(value)
    if prefix in registration_agencies() and not rest:
        return f"the IATI organisation identifier {value!r} has no number after the registration agency {prefix!r}"
    if not all(value.split("-")):
        return (
            f"the IATI organisation identifier {value!r} has an empty part: its parts, a registration agency and a "
            "number, are joined by single hyphens, as in 'XM-DAC-41114'"
        )
    return None


def agency_warning(value: str) -> str | None:
    """Why the IATI identifier *value* may not name its organisation well: its agency is unknown or withdrawn.

    >>> agency_warning("XM-DAC-41114") is None
    True
    >>> agency_warning("44000")
    "'44000' names no registration agency: an identifier from the OECD DAC's list is written 'XM-DAC-44000'"
    >>> agency_warning("gb-gov-1")
    "the registration agency 'gb-gov' is written in capitals in IATI's codelist: 'GB-GOV-1'"
    """
    agencies = registration_agencies()
    prefix, _ = _agency_of(value)
    known = agencies.get(prefix)
    if known is not None:
        if known.status != "withdrawn":
            return None
        return (
            f"the registration agency {prefix!r} ({known.name}) is withdrawn from IATI's codelist: its identifiers "
            "stay valid, but an organisation is best named from an active list"
        )
    if value.isdigit():
        return (
            f"{value!r} names no registration agency: an identifier from the OECD DAC's list is written "
            f"'XM-DAC-{value}'"
        )
    if prefix.upper() in agencies:
        return (
            f"the registration agency {prefix!r} is written in capitals in IATI's codelist: "
            f"{prefix.upper() + value[len(prefix) :]!r}"
        )
    import difflib  # noqa: PLC0415  (needed only for an identifier of an unknown agency)

    country = prefix.partition("-")[0].upper()
    candidates = [code for code in agencies if code.startswith(f"{country}-")] or list(agencies)
    closest = difflib.get_close_matches(prefix.upper(), candidates, n=1, cutoff=0.0) or candidates[:1]
    return (
        f"the registration agency {prefix!r} is not in IATI's OrganisationRegistrationAgency codelist; the closest is "
        f"{closest[0]!r} ({agencies[closest[0]].name}): check the identifier with its publisher"
    )


def _agency_of(value: str) -> tuple[str, str]:
    """The registration agency an IATI identifier starts with (a country or ``XM``, a hyphen, a list), and the rest."""
    country, _, after = value.partition("-")
    list_name, _, rest = after.partition("-")
    return (f"{country}-{list_name}" if after else value), rest


def _ror_problem(value: str) -> str | None:
    found = _ROR.fullmatch(value)
    if found is None:
        return (
            "a ROR id is 0, six letters or digits and two check digits, alone or as its address: "
            "'03yrm5c26' or 'https://ror.org/03yrm5c26'"
        )
    ror = found.group(1).lower()
    number = 0
    for character in ror[:7]:
        number = number * 32 + _CROCKFORD.index(character)
    expected = f"{98 - number * 100 % 97:02d}"
    if ror[7:] != expected:
        return f"the check digits of the ROR id {ror!r} do not match: a character is mistyped"
    return None


def _wikidata_problem(value: str) -> str | None:
    if _WIKIDATA.fullmatch(value) or _WIKIDATA_ADDRESS.fullmatch(value):
        return None
    return "a Wikidata item is Q and a number, such as 'Q7817', or its address"
