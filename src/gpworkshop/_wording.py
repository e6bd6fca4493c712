"""How problems word what they found: values quoted short, kinds of values, names, suggestions, date forms.

Every message about a value in a record goes through these, so that a message
never quotes more than a short, escaped excerpt of a value, and says the same
thing the same way wherever it is found.

>>> describe("Korea"), describe(["a"]), describe(None)
("the text 'Korea'", 'a list', 'nothing')
>>> suggest("objectivs", ["objectives", "takeaways"])
" (did you mean 'objectives'?)"
>>> plural(1, "commitment"), plural(3, "commitment"), plural(2, "country", "countries")
('1 commitment', '3 commitments', '2 countries')
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

__all__ = [
    "DATE",
    "DATETIME",
    "DATETIME_PATTERN",
    "DATE_PATTERN",
    "NOT_XML",
    "country_name",
    "describe",
    "excerpt",
    "plain",
    "plural",
    "printable",
    "spaced",
    "suggest",
    "with_article",
    "xml_safe",
]

#: How a date is written: ISO 8601, ``2014-11-06``.
DATE_PATTERN = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
#: :data:`DATE_PATTERN`, compiled.
DATE = re.compile(DATE_PATTERN)
#: How a date and time is written: ISO 8601, ``2023-10-17T09:30:00+09:00``, offset optional.
DATETIME_PATTERN = (
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}[T ][0-9]{2}:[0-9]{2}(?::[0-9]{2}(?:\.[0-9]{1,6})?)?(?:Z|[+-][0-9]{2}:[0-9]{2})?"
)
#: :data:`DATETIME_PATTERN`, compiled.
DATETIME = re.compile(DATETIME_PATTERN)


def excerpt(value: object, limit: int = 40) -> str:
    """*value* for a message: its repr, escaped, cut to about *limit* characters.

    >>> excerpt("Korea")
    "'Korea'"
    >>> excerpt("x" * 100)
    "'xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx...'"
    """
    if isinstance(value, str) and len(value) > limit:
        return repr(value[: limit - 3] + "...")
    shown = repr(value)
    return shown if len(shown) <= limit + 2 else shown[: limit - 1] + "..."


def describe(value: object) -> str:  # noqa: PLR0911  (one answer per kind of value)
    """A short description of a parsed value for messages: its kind and, when short, itself."""
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return f"the boolean {str(value).lower()}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return f"the text {excerpt(value)}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


def suggest(word: str, choices: Sequence[str]) -> str:
    """``" (did you mean 'x'?)"`` for the closest of *choices*, or nothing."""
    if len(choices) <= _REMEMBERED_CHOICES:
        # A table with a mistake on every row makes the same one many times over: each is looked up once.
        return _suggested(word, tuple(choices))
    return _closest(word, choices)


#: The most choices of a suggestion that is remembered: the values of a vocabulary, not the ids of a record.
_REMEMBERED_CHOICES = 64


@functools.lru_cache(maxsize=1024)
def _suggested(word: str, choices: tuple[str, ...]) -> str:
    return _closest(word, choices)


def _closest(word: str, choices: Sequence[str]) -> str:
    import difflib  # noqa: PLC0415  (needed only for a message about a mistake)

    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean {close[0]!r}?)" if close else ""


def spaced(name: str) -> str:
    """A class name in words: ``"EventFormat"`` becomes ``"event format"``."""
    return re.sub(r"(?<!^)(?=[A-Z])", " ", name).lower()


def with_article(noun: str) -> str:
    """*noun* with ``a`` or ``an`` before it."""
    return f"{'an' if noun[0] in 'aeiou' else 'a'} {noun}"


def plural(count: int, noun: str, nouns: str | None = None) -> str:
    """*count* and *noun*, in the plural (*nouns*, or *noun* with an s) unless *count* is one."""
    return f"{count} {noun if count == 1 else nouns or noun + 's'}"


# C0 and C1 control characters and DEL, but tab and line feed; a carriage return goes with its line feed.
_CONTROLS = re.compile("\r\n?|[\x00-\x08\x0b-\x1f\x7f-\x9f]")


#: What XML 1.0 cannot hold, which lxml and XML tools refuse: every control but tab, line feed and carriage return,
#: lone surrogates, and U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> str:
    """*text* with what XML cannot hold shown as U+FFFD, as a document shows control characters.

    >>> xml_safe("a" + chr(0) + "b") == "a" + chr(0xFFFD) + "b"
    True
    """
    return text if NOT_XML.search(text) is None else NOT_XML.sub("\ufffd", text)


def printable(text: str) -> str:
    r"""*text* safe to show on a terminal or in a document: no control character left but tab and line feed.

    A line end written CR LF or CR becomes a line feed; any other control
    character (ESC, BEL, NUL, the C1 controls) becomes U+FFFD, the
    replacement character, so that it is seen and does nothing.

    >>> printable("a\r\nb\x1b[31mc\x07") == "a\nb\ufffd[31mc\ufffd"
    True
    """
    if text.isprintable() or _CONTROLS.search(text) is None:
        return text
    return _CONTROLS.sub(lambda found: "\n" if found[0][0] == "\r" else "\ufffd", text)


def file_name(name: str) -> str:
    r"""A file's name as problems show it: a name holding control characters has them escaped.

    >>> file_name("a\x1b[2Jb.yaml")
    'a\\x1b[2Jb.yaml'
    """
    return name if name.isprintable() else repr(name)[1:-1]


_MARKUP = re.compile(r"``(.+?)``|:[a-z]+:`~?(?:[\w.]+\.)?(\w+)`")


def plain(text: str) -> str:
    """A field's description without its reStructuredText markup, for data dictionaries and schemas.

    >>> plain('Short name, such as ``"KRILA"``; not before :attr:`start`.')
    'Short name, such as "KRILA"; not before start.'
    """
    return _MARKUP.sub(lambda match: match.group(1) or match.group(2), text)


@functools.cache
def country_name(code: str) -> str:
    """The English short name of a country as the UN writes it: ``KR`` → ``Republic of Korea``."""
    import pycountry  # noqa: PLC0415  (loaded only when a report names a country)

    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    name: str = country.name
    head, _, tail = name.partition(", ")
    if tail.endswith((" of", " of the")):
        return f"{tail.removeprefix('The ')} {head}"
    common: str = getattr(country, "common_name", None) or name
    return common
