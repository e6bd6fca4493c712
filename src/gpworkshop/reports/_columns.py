"""Laying out text: columns in a monospaced font, and inline markup set off from the words around it."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable

from gpworkshop.reports.language import is_right_to_left, wording

__all__ = ["display_width", "isolated", "one_line", "set_off", "wrap"]

# Unicode's directional isolates: left-to-right, right-to-left, and the end of either.
_LRI, _RLI, _PDI = "\u2066", "\u2067", "\u2069"
# A stretch of left-to-right text (Latin letters and digits, with what joins them) inside right-to-left text.
_LATIN = "0-9A-Za-z\u00c0-\u024f"
_LEFT_TO_RIGHT = re.compile(f"[{_LATIN}][{_LATIN} .,:;/_'’+\\-–%]*[{_LATIN}%]|[{_LATIN}]")


def isolated(text: str, language: str | None) -> str:
    """*text*, a run in *language* (``None``: the document's), set off for plain text in the document's direction.

    In a document that runs right to left (:func:`~gpworkshop.reports.language.wording` says which), a run in a
    left-to-right language, and every stretch of Latin letters and digits (ids, codes, numbers) in its other runs, is
    put between Unicode directional isolates, so that it reads in its own order; and the other way round.
    """
    right_to_left = wording().right_to_left
    if language is not None and is_right_to_left(language) != right_to_left:
        return f"{_RLI if is_right_to_left(language) else _LRI}{text}{_PDI}"
    if right_to_left:
        return _LEFT_TO_RIGHT.sub(lambda found: f"{_LRI}{found[0]}{_PDI}", text)
    return text


def one_line(text: str) -> str:
    """*text* with each run of whitespace, line breaks included, made a single space."""
    joined = " ".join(text.split())  # far quicker than a regular expression, but it drops the ends
    if not joined:
        return " " if text else ""
    if text[0].isspace():
        joined = " " + joined
    if text[-1].isspace():
        joined += " "
    return joined


def display_width(text: str) -> int:
    """How many columns *text* takes in a monospaced font."""
    if text.isascii():
        return len(text)
    return len(text) + sum(map(_extra_width, _NON_ASCII.findall(text)))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.cache
def _extra_width(character: str) -> int:
    """The columns *character* takes beyond one: none for a combining mark or a format character, two for a wide one."""
    if unicodedata.combining(character) or unicodedata.category(character) == "Cf":
        return -1
    return 1 if unicodedata.east_asian_width(character) in ("W", "F") else 0


def _split_long(word: str, width: int) -> list[str]:
    pieces, current = [], ""
    for character in word:
        if current and display_width(current + character) > width:
            pieces.append(current)
            current = ""
        current += character
    return [*pieces, current] if current else pieces


def wrap(text: str, width: int, first: str = "", rest: str = "") -> list[str]:
    """*text* broken into lines of at most *width* columns, the first after *first*, the others after *rest*."""
    # Plain ASCII, nearly all text, is as wide as it is long.
    measure = len if text.isascii() and first.isascii() and rest.isascii() else display_width
    rest_width = measure(rest)
    lines: list[str] = []
    current = first
    current_width = measure(first)
    fresh = True
    for word in text.split():
        room = width - (rest_width if lines or not fresh else measure(first))
        word_width = measure(word)
        for piece in _split_long(word, max(room, 1)) if word_width > room else [word]:
            piece_width = word_width if piece is word else measure(piece)
            if fresh:
                current += piece
                current_width += piece_width
                fresh = False
            elif current_width + 1 + piece_width <= width:
                current += " " + piece
                current_width += 1 + piece_width
            else:
                lines.append(current)
                current = rest + piece
                current_width = rest_width + piece_width
    lines.append(current)
    return lines


def set_off(marker: str, text: str, escape: Callable[[str], str]) -> str:
    """*text* escaped and between *marker*s, its surrounding spaces moved outside: markers must touch the text."""
    inner = text.strip()
    if not inner:
        return escape(text)
    before = " " if text[:1].isspace() else ""
    after = " " if text[-1:].isspace() else ""
    return f"{before}{marker}{escape(inner)}{marker}{after}"
