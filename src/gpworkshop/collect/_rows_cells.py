"""The cells of someone else's table read as the values of fields: text, lists, words of a vocabulary.

What a field holds is read from the model: a field whose type is a tuple
lists several values, split from one cell; a field of a vocabulary takes the
word a table writes in any case, with spaces for hyphens
(``"Co organizer"`` is ``co-organiser``).
"""

from __future__ import annotations

import enum
import functools
import html.parser
import re
import typing
from typing import Any

from gpworkshop.model import Commitment, Event, Participation, Stakeholder

__all__ = ["KINDS", "is_list", "listed", "text_of_html", "vocabulary", "word_of", "written"]

#: The class of the object each kind of rows makes.
KINDS: dict[str, type[Any]] = {
    "events": Event,
    "stakeholders": Stakeholder,
    "participants": Participation,
    "commitments": Commitment,
}
_BLOCKS = frozenset({"p", "br", "div", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6"})
# American spellings of the words of the vocabularies, which are British.
_SPELLINGS = (("organiz", "organis"),)


def written(value: Any) -> str:
    """A number or other typed cell as the text it shows: ``2024``, not ``2024.0``.

    >>> written(2024.0), written(17.1)
    ('2024', '17.1')
    """
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def listed(cell: Any, split: str, strip: str = "") -> list[str]:
    r"""The values of *cell*: its text split at *split*, *strip* taken from the front of each, blanks left out.

    >>> listed("1. UNDP; 2. UNPOG;", ";", r"^\s*\d+\.\s*")
    ['UNDP', 'UNPOG']
    """
    if cell is None:
        return []
    text = written(cell)
    parts = text.split(split) if split else [text]
    if strip:
        parts = [re.sub(strip, "", part, count=1) for part in parts]
    return [name for part in parts if (name := " ".join(part.split()))]


@functools.cache
def _types(kind: str) -> dict[str, Any]:
    return typing.get_type_hints(KINDS[kind])


def is_list(kind: str, field: str) -> bool:
    """Whether *field* of the objects of rows of *kind* lists several values.

    >>> is_list("participants", "roles"), is_list("participants", "stakeholder")
    (True, False)
    """
    return typing.get_origin(_types(kind).get(field)) is tuple


def vocabulary(kind: str, field: str) -> type[enum.Enum] | None:
    """The vocabulary of *field* of the objects of rows of *kind*, or of each of its values; ``None`` for none."""
    found = _types(kind).get(field)
    for candidate in (found, *typing.get_args(found)):
        if isinstance(candidate, type) and issubclass(candidate, enum.Enum):
            return candidate
    return None


def word_of(text: str, words: type[enum.Enum]) -> str:
    """The word of *words* that *text* writes in its own way, or *text* as it is, for the loader to report.

    >>> from gpworkshop.vocab import Role
    >>> word_of("Co Organizer", Role), word_of("Keynote", Role)
    ('co-organiser', 'Keynote')
    """
    folded = "-".join(text.casefold().replace("_", " ").split())
    for american, british in _SPELLINGS:
        folded = folded.replace(american, british)
    known = {str(member.value) for member in words}
    return folded if folded in known else text


def text_of_html(text: str) -> str:
    r"""The text of *text* written in HTML: tags taken away, entities read, a paragraph or item a line of its own.

    >>> text_of_html("<p>One &amp; two</p><ul><li>three</li></ul>")
    'One & two\nthree'
    """
    reader = _HTMLText()
    reader.feed(text)
    reader.close()
    lines = (" ".join(line.split()) for line in "".join(reader.parts).split("\n"))
    return "\n".join(line for line in lines if line)


class _HTMLText(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        self.parts.append(data)
