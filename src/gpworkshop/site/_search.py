"""The search index of one language's pages: words, and pairs of characters for scripts written without spaces.

Words of scripts that separate words with spaces (Latin, Cyrillic, Arabic,
Greek…) are indexed whole, and the page's script matches them by their
beginning. Chinese, Japanese, Korean and Thai text is indexed as every pair
of neighbouring characters (a lone character as itself), so a search for a
word finds it inside a longer run of text with no space around it. The
script in ``static/search.js`` cuts a query into terms by the same rules.

>>> terms("Effective governance: 효과적인 거버넌스")
['effective', 'governance', '효과', '과적', '적인', '거버', '버넌', '넌스']
>>> terms("数字化转型")
['数字', '字化', '化转', '转型']
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable

__all__ = ["SearchIndex", "terms"]

_WORD = re.compile(r"[^\W_]+")
# Hangul, kana, CJK ideographs and Thai: scripts written without spaces between words (Korean has spaces
# between phrases, whose endings change, so pairs find a word inside its phrase).
_PAIRED = re.compile(
    "[\u0e00-\u0e7f\u1100-\u11ff\u3040-\u30ff\u3130-\u318f\u3400-\u4dbf\u4e00-\u9fff\ua960-\ua97f"
    "\uac00-\ud7af\uf900-\ufaff]+"
)


def terms(text: str) -> list[str]:
    """The search terms of *text*, in order, repeats kept."""
    found: list[str] = []
    for word in _WORD.findall(unicodedata.normalize("NFKC", text).lower()):
        start = 0
        for paired in _PAIRED.finditer(word):
            if paired.start() > start:
                found.append(word[start : paired.start()])
            run = paired.group()
            found.extend([run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)])
            start = paired.end()
        if start < len(word):
            found.append(word[start:])
    return found


class SearchIndex:
    """The pages of one language and the terms that find each."""

    def __init__(self) -> None:
        self._pages: list[list[str]] = []
        self._terms: dict[str, list[int]] = {}

    def add(self, address: str, title: str, kind: str, texts: Iterable[str]) -> None:
        """Index the page at *address* (relative to the language's folder), of *kind*, under its *texts*."""
        number = len(self._pages)
        self._pages.append([address, title, kind])
        for term in dict.fromkeys(term for text in (title, *texts) for term in terms(text)):
            self._terms.setdefault(term, []).append(number)

    def json(self) -> str:
        """The index as compact JSON, its terms sorted: ``{"pages": [[address, title, kind]…], "terms": {…}}``."""
        data = {"pages": self._pages, "terms": dict(sorted(self._terms.items()))}
        return json.dumps(data, ensure_ascii=False, separators=(",", ":"))

    def script(self) -> str:
        """The index as a script that hands it to the page, which loads it from ``file://`` as it cannot fetch."""
        text = self.json().replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
        return f"window.gpworkshopSearch = {text};\n"
