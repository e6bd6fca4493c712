"""How the pages of one language show the record: its texts, labels, countries and days."""

from __future__ import annotations

import datetime as dt

import pycountry

from gpworkshop._validators import day_of
from gpworkshop.errors import MissingExtraError
from gpworkshop.reports import label
from gpworkshop.reports.language import Wording, is_right_to_left
from gpworkshop.vocab import Vocabulary

try:
    from markupsafe import Markup, escape
except ImportError:
    raise MissingExtraError(
        'publishing a portal needs Jinja2; install it with: pip install "gpworkshop[site]"'
    ) from None

__all__ = ["NATIVE_NAMES", "Markup", "Speech", "day_of"]

#: The name of each language of the portal, in itself, for the language switcher.
NATIVE_NAMES = {
    "ar": "العربية",
    "en": "English",
    "es": "Español",
    "fr": "Français",
    "ko": "한국어",
    "ru": "Русский",
    "zh": "中文",
}


class Speech:
    """The record's texts, labels and countries in one language, as the current :class:`Wording` gives them."""

    def __init__(self, wording: Wording) -> None:
        self.wording = wording
        self.language = wording.language

    def text(self, value: str | None) -> Markup:
        """A record text, escaped, in a ``<span lang dir>`` when it is shown in another language."""
        if value is None:
            return Markup("")
        shown, tag = self.wording.text(value)
        if tag is None:
            return escape(shown)
        direction = "rtl" if is_right_to_left(tag) else "ltr"
        return Markup('<span lang="{}" dir="{}">{}</span>').format(tag, direction, shown)

    def plain(self, value: str | None) -> str:
        """A record text as plain text, in this language where the record has it."""
        return "" if value is None else self.wording.plain(value)

    def label(self, member: Vocabulary) -> str:
        """A vocabulary value as a reader of this language sees it."""
        return label(member)

    def country(self, code: str | None) -> str:
        """The name of a country in this language, or its code when no name is known."""
        if not code:
            return ""
        if self.language != "en":
            return self.wording.country(code) or code
        found = pycountry.countries.get(alpha_2=code)
        return str(getattr(found, "common_name", None) or found.name) if found is not None else code

    @staticmethod
    def day(moment: dt.date | None) -> str:
        """A day as ISO 8601 writes it, which every language reads: ``2014-11-06``."""
        return "" if moment is None else day_of(moment).isoformat()

    def days(self, start: dt.date, end: dt.date | None) -> str:
        """The days from *start* to *end*, or the one day."""
        first, last = self.day(start), self.day(end)
        return first if not last or last == first else f"{first} – {last}"
