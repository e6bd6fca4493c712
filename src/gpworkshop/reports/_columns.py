"""Laying out text: columns in a monospaced font, and inline markup set off from the words around it."""

from __future__ import annotations

import unicodedata
from collections.abc import Callable

__all__ = ["display_width", "set_off", "wrap"]


def display_width(text: str) -> int:
    """How many columns *text* takes in a monospaced font."""
    width = 0
    for character in text:
        if unicodedata.combining(character):
            continue
        width += 2 if unicodedata.east_asian_width(character) in ("W", "F") else 1
    return width


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
    lines: list[str] = []
    current = first
    current_width = display_width(first)
    fresh = True
    for word in text.split():
        prefix = rest if lines or not fresh else first
        room = width - display_width(prefix)
        for piece in _split_long(word, max(room, 1)) if display_width(word) > room else [word]:
            piece_width = display_width(piece)
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
                current_width = display_width(rest) + piece_width
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
