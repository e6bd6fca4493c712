"""Text in several languages: names, titles and summaries written as a mapping of BCP 47 tags to strings.

A human-readable field of the model holds a plain :class:`str`, in the
record's language (:attr:`~gpworkshop.KnowledgeBase.language`), or a
:class:`Translatable`: a :class:`str` whose value is the text in the
record's language, which also knows its translations.

>>> from gpworkshop import Translatable, in_language
>>> name = Translatable({"en": "Korea Research Institute for Local Administration", "ko": "한국지방행정연구원"})
>>> str(name)
'Korea Research Institute for Local Administration'
>>> name.language, sorted(name.texts)
('en', ['en', 'ko'])
>>> in_language(name, "ko-KR")
('한국지방행정연구원', 'ko')
>>> in_language(name, "fr")
('Korea Research Institute for Local Administration', 'en')
>>> in_language("Seoul", "fr", default="en")
('Seoul', 'en')
"""

from __future__ import annotations

import functools
import re
import types
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from gpworkshop._wording import describe, excerpt
from gpworkshop.errors import GPWorkshopError

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGE_TAG",
    "TextProblem",
    "Translatable",
    "TranslationError",
    "best_match",
    "compared",
    "in_language",
    "is_language_tag",
    "languages_of",
    "tag_problem",
    "text_problems",
]

#: The language of a record that does not state its own.
DEFAULT_LANGUAGE = "en"


#: A well-formed BCP 47 language tag (RFC 5646): language, script, region, variants, extensions, private use.
LANGUAGE_TAG = re.compile(
    r"([A-Za-z]{2,3})(?:-[A-Za-z]{4})?(?:-(?:[A-Za-z]{2}|[0-9]{3}))?"
    r"(?:-(?:[A-Za-z0-9]{5,8}|[0-9][A-Za-z0-9]{3}))*(?:-[0-9A-WY-Za-wy-z](?:-[A-Za-z0-9]{2,8})+)*"
    r"(?:-[Xx](?:-[A-Za-z0-9]{1,8})+)?"
)


@functools.lru_cache(maxsize=1024)
def is_language_tag(tag: str) -> bool:
    """Whether *tag* is a well-formed BCP 47 language tag whose language is an ISO 639 code.

    >>> is_language_tag("en"), is_language_tag("zh-Hans-CN"), is_language_tag("es-419")
    (True, True, True)
    >>> is_language_tag("english"), is_language_tag("qq")
    (False, False)
    """
    found = LANGUAGE_TAG.fullmatch(tag)
    if found is None:
        return False
    import pycountry  # noqa: PLC0415  (its database is loaded on first use only)

    language = found[1].lower()
    field = "alpha_2" if len(language) == 2 else "alpha_3"
    return pycountry.languages.get(**{field: language}) is not None


class TranslationError(GPWorkshopError, ValueError):
    """A :class:`Translatable` built from something that is not a mapping of language tags to text."""


class Translatable(str):
    """Text in several languages; as a :class:`str`, the text in its :attr:`language`.

    *texts* maps BCP 47 language tags to the text in that language, in the
    order they are written. The text in *language* is the value of the
    string; without *language*, or when *texts* has no text in it, the first
    text is. The loader gives it the record's language. As a string it
    compares and hashes as its value does; model objects compare their texts
    with :func:`~gpworkshop.multilingual.compared`, so that a record that loses a translation is never
    taken for the same record.

    >>> Translatable({"fr": "Séoul", "en": "Seoul"}, language="en")
    Translatable({'fr': 'Séoul', 'en': 'Seoul'}, language='en')

    :raises TranslationError: if *texts* is empty, or holds something other than text under text keys.
    """

    _texts: types.MappingProxyType[str, str]
    _language: str

    def __new__(cls, texts: Mapping[str, str], *, language: str | None = None) -> Translatable:
        if not isinstance(texts, Mapping) or not texts:
            raise TranslationError(f"expected a mapping of language tags to text, got {describe(texts)}")
        for tag, text in texts.items():
            if not isinstance(tag, str) or not isinstance(text, str):
                raise TranslationError(
                    f"expected a mapping of language tags to text, got {describe(tag)} for {describe(text)}"
                )
        chosen = language if language is not None and language in texts else next(iter(texts))
        self = super().__new__(cls, texts[chosen])
        self._texts = types.MappingProxyType(dict(texts))
        self._language = chosen
        return self

    @property
    def texts(self) -> Mapping[str, str]:
        """The text in each language, by tag, in the order written; read-only."""
        return self._texts

    @property
    def language(self) -> str:
        """The tag of the text that is this string's value."""
        return self._language

    def get(self, *tags: str) -> str | None:
        """The text in the first of *tags* it is written in, or ``None``.

        Tags match as :func:`~gpworkshop.multilingual.best_match` matches them.

        >>> Translatable({"en": "Seoul", "ko": "서울"}).get("fr", "ko")
        '서울'
        """
        found = _first_match(tags, self._texts)
        return None if found is None else self._texts[found]

    def __repr__(self) -> str:
        return f"Translatable({dict(self._texts)!r}, language={self._language!r})"

    def __reduce_ex__(self, protocol: Any) -> tuple[Any, ...]:
        return (_rebuild, (dict(self._texts), self._language))


def _rebuild(texts: dict[str, str], language: str) -> Translatable:
    return Translatable(texts, language=language)


def compared(text: object) -> object:
    """What a model object compares for a text: a plain string itself, a :class:`Translatable` all its texts in order.

    >>> compared("Seoul") == compared(Translatable({"en": "Seoul"}))
    False
    """
    if isinstance(text, Translatable):
        return (Translatable, tuple(text.texts.items()))
    return text


def _chain(tag: str) -> Iterator[str]:
    """*tag* and its shorter forms: ``zh-Hans-CN``, ``zh-Hans``, ``zh``."""
    parts = tag.lower().split("-")
    for end in range(len(parts), 0, -1):
        yield "-".join(parts[:end])


def best_match(wanted: str, available: Iterable[str]) -> str | None:
    """The tag among *available* that serves a reader of *wanted*, or ``None``.

    Tags match without regard to case; ``fr-CA`` is served by ``fr``, and
    ``zh`` by ``zh-Hans`` when no plain ``zh`` is written.

    >>> best_match("fr-CA", ["en", "fr"]), best_match("zh", ["en", "zh-Hans"]), best_match("ko", ["en"])
    ('fr', 'zh-Hans', None)
    """
    by_lower = {tag.lower(): tag for tag in available}
    for shorter in _chain(wanted):
        if shorter in by_lower:
            return by_lower[shorter]
    language = wanted.lower().split("-")[0]
    for lower, tag in by_lower.items():
        if lower.split("-")[0] == language:
            return tag
    return None


def _first_match(wanted: Iterable[str], available: Mapping[str, str]) -> str | None:
    """The tag among *available* that serves the first of the *wanted* tags it can serve, or ``None``."""
    for tag in wanted:
        found = best_match(tag, available)
        if found is not None:
            return found
    return None


def in_language(text: str, wanted: str, *, default: str = DEFAULT_LANGUAGE) -> tuple[str, str]:
    """*text* as a reader of *wanted* should see it, with the tag of the language it is in.

    A plain string is in *default*, the record's language. A
    :class:`Translatable` gives its text in *wanted* when it has one, else
    in *default*, else its own value: the caller compares the tag with
    *wanted* to tell the reader a text is not in their language.
    """
    if not isinstance(text, Translatable):
        return str(text), default
    found = _first_match((wanted, default), text.texts)
    if found is None:
        return str(text), text.language
    return text.texts[found], found


def languages_of(text: str | None, *, default: str = DEFAULT_LANGUAGE) -> tuple[str, ...]:
    """The tags *text* is written in: those of a :class:`Translatable`, or *default* for a plain string."""
    if text is None:
        return ()
    if isinstance(text, Translatable):
        return tuple(text.texts)
    return (default,)


# Country codes and names people write where a language tag belongs.
_MISTAKES = {
    "cn": "zh",
    "jp": "ja",
    "ua": "uk",
    "gr": "el",
    "dk": "da",
    "se": "sv",
    "cz": "cs",
    "vn": "vi",
    "il": "he",
    "sp": "es",
    "ir": "fa",
    "in": "hi",
    "us": "en",
    "uk-en": "en-GB",
    "ch": "zh",
}


@functools.lru_cache(maxsize=256)
def _suggestion(tag: str) -> str | None:
    lower = tag.lower()
    if lower in _MISTAKES:
        return _MISTAKES[lower]
    import pycountry  # noqa: PLC0415  (needed only for a message about a mistake)

    try:
        language = pycountry.languages.lookup(tag.replace("_", "-").split("-")[0])
    except LookupError:
        return None
    code: str | None = getattr(language, "alpha_2", None) or getattr(language, "alpha_3", None)
    if code is None:
        return None
    rest = tag.replace("_", "-").split("-")[1:]
    suggestion = "-".join([code, *rest])
    return suggestion if is_language_tag(suggestion) else code


def tag_problem(tag: object) -> str | None:
    """What is wrong with *tag* as a BCP 47 language tag, with a suggestion; ``None`` for a good tag.

    >>> tag_problem("en")
    >>> tag_problem("cn")
    "'cn' is not a BCP 47 language tag (did you mean 'zh'?)"
    >>> tag_problem("korean")
    "'korean' is not a BCP 47 language tag (did you mean 'ko'?)"
    """
    if not isinstance(tag, str):
        return f"expected a language tag such as 'en' or 'ko', got {describe(tag)}"
    if is_language_tag(tag):
        return None
    suggestion = _suggestion(tag)
    hint = f" (did you mean {suggestion!r}?)" if suggestion and suggestion != tag else ""
    if not hint and LANGUAGE_TAG.fullmatch(tag):
        hint = " (its language is not an ISO 639 code)"
    return f"{excerpt(tag)} is not a BCP 47 language tag{hint}"


@attrs.frozen
class TextProblem:
    """What is wrong with the written form of a translatable text, and where."""

    #: The key of the mapping the problem is at, or ``None`` for the value as a whole.
    key: object | None
    #: Whether the key itself is wrong (a tag that is not one), rather than the text under it.
    at_key: bool
    message: str


def text_problems(value: object) -> list[TextProblem]:
    """What is wrong with *value* as the written form of a translatable text; nothing for a good one.

    A plain string is fine; so is a mapping of language tags to text. A
    problem with a tag (not one, or a language written twice) is at its key,
    a value that is not text is under its key, others concern the whole value.
    """
    if isinstance(value, str):
        return []
    if not isinstance(value, dict):
        hint = "; put it in quotes to keep it as text" if isinstance(value, bool | int | float) else ""
        wrong = f"expected text, or a mapping of language tags to text, got {describe(value)}{hint}"
        return [TextProblem(None, False, wrong)]
    if not value:
        return [TextProblem(None, False, "expected text in at least one language, got an empty mapping")]
    problems: list[TextProblem] = []
    seen: dict[str, object] = {}
    for tag, text in value.items():
        message = tag_problem(tag)
        if message is not None:
            problems.append(TextProblem(tag, True, message))
        elif tag.lower() in seen:
            problems.append(
                TextProblem(tag, True, f"the language {tag!r} is written twice (also as {seen[tag.lower()]!r})")
            )
        else:
            seen[tag.lower()] = tag
        if not isinstance(text, str):
            problems.append(TextProblem(tag, False, f"expected the text in {excerpt(tag)}, got {describe(text)}"))
    return problems
