"""The script a text is written in, against the script its language tag leads one to expect.

A text in Hangul tagged ``kr`` is most likely Korean (``ko``) under the
country code of Korea: ``kr`` is Kanuri, written in Latin script. The
script a language is written in comes from CLDR's likely subtags, which
Babel ships; without Babel, nothing is said.

A text is taken to be in the wrong script only when not one of its letters
is in the expected script, and it is not in Latin script: names and
acronyms are written in Latin letters within texts of every language
(``KRILA`` among Korean words, ``UNDP`` in Arabic).
"""

from __future__ import annotations

import functools
import unicodedata
from typing import Any

__all__ = ["available", "script_mismatch"]

# The scripts of letters, by the first word of their Unicode names, as ISO 15924 codes.
_SCRIPTS = {
    "LATIN": "Latn",
    "HANGUL": "Hang",
    "CJK": "Hani",
    "HIRAGANA": "Hira",
    "KATAKANA": "Kana",
    "CYRILLIC": "Cyrl",
    "ARABIC": "Arab",
    "GREEK": "Grek",
    "HEBREW": "Hebr",
    "DEVANAGARI": "Deva",
    "BENGALI": "Beng",
    "THAI": "Thai",
    "GEORGIAN": "Geor",
    "ARMENIAN": "Armn",
    "ETHIOPIC": "Ethi",
    "KHMER": "Khmr",
    "MYANMAR": "Mymr",
    "TAMIL": "Taml",
    "TELUGU": "Telu",
    "SINHALA": "Sinh",
    "GUJARATI": "Gujr",
    "GURMUKHI": "Guru",
    "KANNADA": "Knda",
    "MALAYALAM": "Mlym",
    "LAO": "Laoo",
    "TIBETAN": "Tibt",
}

# The scripts of letters each written script is made of: Korean mixes Hangul and Han, Japanese Han and kana.
_MADE_OF = {
    "Kore": {"Hang", "Hani"},
    "Jpan": {"Hani", "Hira", "Kana"},
    "Hans": {"Hani"},
    "Hant": {"Hani"},
}

#: How many letters of a text are looked at: enough to tell its script.
_SAMPLE = 200


def script_mismatch(tag: str, text: str) -> str | None:
    """What is wrong when *text* is not written in the script of the language *tag*, else ``None``.

    Said with the names of the language and the scripts, and the tag whose
    script fits the text when CLDR suggests one.

    >>> script_mismatch("kr", "한국지방행정연구원")
    "the text in 'kr' is written in Hangul script, but 'kr' (Kanuri) is written in Latin script: is it 'ko'?"
    >>> script_mismatch("ko", "KRILA 연구원"), script_mismatch("ko", "KRILA"), script_mismatch("en", "2014")
    (None, None, None)
    """
    if text.isascii():
        return None  # Latin letters, or none
    expected = _expected_script(tag)
    if expected is None:
        return None
    counts = _scripts_of(text, _MADE_OF.get(expected, {expected}))
    if not counts:
        return None
    found = max(counts, key=lambda script: counts[script])
    if found == "Latn":
        return None
    suggested = _suggestion(tag, found)
    hint = f": is it {suggested!r}?" if suggested is not None else ""
    language = _english().languages.get(tag.replace("-", "_").split("_")[0].lower())
    named = f"{tag!r} ({language})" if language else repr(tag)
    return (
        f"the text in {tag!r} is written in {_name(found)} script, but {named} is written in "
        f"{_name(expected)} script{hint}"
    )


def _scripts_of(text: str, fitting: set[str]) -> dict[str, int]:
    """How many of the first letters of *text* are in each script; none at all once a letter is in a *fitting* one.

    A text in its language's script is told at its first letter of that script: most texts, at their first letter.
    """
    counts: dict[str, int] = {}
    seen = 0
    for character in text:
        if not character.isalpha():
            continue
        seen += 1
        if seen > _SAMPLE:
            break
        script = _script(character)
        if script in fitting:
            return {}
        if script is not None:
            counts[script] = counts.get(script, 0) + 1
    return counts


@functools.lru_cache(maxsize=4096)
def _script(letter: str) -> str | None:
    return _SCRIPTS.get(unicodedata.name(letter, "").partition(" ")[0])


@functools.lru_cache(maxsize=256)
def _expected_script(tag: str) -> str | None:
    """The script *tag* names, or the one CLDR says its language is most likely written in."""
    parts = tag.replace("_", "-").split("-")
    scripts = [part.title() for part in parts[1:] if len(part) == 4 and part.isalpha()]
    if scripts:
        return scripts[0]
    likely = _likely_subtags()
    language = parts[0].lower()
    regions = [part.upper() for part in parts[1:] if len(part) == 2 or part.isdigit()]
    found = likely.get(f"{language}_{regions[0]}") if regions else None
    found = found or likely.get(language)
    subtags = str(found or "").split("_")
    return subtags[1] if len(subtags) > 1 and len(subtags[1]) == 4 else None


def _suggestion(tag: str, script: str) -> str | None:
    """The tag of the language, in the script found, if CLDR has it; else the language CLDR writes in that script."""
    from babel.localedata import exists  # noqa: PLC0415

    language = tag.replace("_", "-").split("-")[0].lower()
    if language.isalpha() and language.isascii() and exists(f"{language}_{script}"):
        return f"{language}-{script}"
    found = _likely_subtags().get(f"und_{script}")
    return None if found is None else str(found.split("_")[0])


def _name(script: str) -> str:
    names: Any = _english().scripts
    return str(names.get(script, script)).removesuffix(" script")


@functools.cache
def _likely_subtags() -> dict[str, str]:
    from babel.core import get_global  # noqa: PLC0415  (Babel is an extra, loaded once a record is checked)

    likely: dict[str, str] = dict(get_global("likely_subtags"))
    return likely


@functools.cache
def _english() -> Any:
    from babel import Locale  # noqa: PLC0415

    return Locale("en")


def available() -> bool:
    """Whether Babel, which knows the scripts of languages, is installed."""
    try:
        _likely_subtags()
    except ImportError:
        return False
    return True
