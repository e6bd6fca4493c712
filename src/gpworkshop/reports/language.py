"""The language a report speaks: its own words from gettext catalogues, the record's texts, dates and numbers.

Reports are written in English, or in Arabic, Chinese, French, Korean,
Russian or Spanish (:data:`LANGUAGES`). A builder runs inside
:func:`speaking`, which makes one :class:`Wording` current; the fixed words
of the report go through :func:`gettext` (``_``), record texts through
:meth:`Wording.text`, and dates, numbers and country names are formatted
for the language with Babel's CLDR data. English needs nothing beyond the
core; the other languages need the ``i18n`` extra (``pip install
"gpworkshop[i18n]"``).

The catalogues are kept as ``.po`` files in ``gpworkshop/locale`` and
compiled to ``.mo`` files when the package is built or installed.

>>> from gpworkshop.reports.language import gettext as _, speaking
>>> with speaking("fr"):
...     _("Objectives")
'Objectifs'
>>> _("Objectives")
'Objectives'
"""

from __future__ import annotations

import datetime as dt
import functools
import gettext as _gettext
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from pathlib import Path
from typing import Any

import attrs

from gpworkshop.errors import GPWorkshopError, MissingExtraError
from gpworkshop.multilingual import DEFAULT_LANGUAGE, Translatable, best_match, in_language

__all__ = [
    "DOMAIN",
    "LANGUAGES",
    "LOCALE_FOLDER",
    "LanguageError",
    "Wording",
    "gettext",
    "is_right_to_left",
    "n_",
    "ngettext",
    "rendering",
    "report_language",
    "speaking",
    "wording",
]

#: The languages reports are written in: the six official languages of the United Nations, and Korean.
LANGUAGES = ("ar", "en", "es", "fr", "ko", "ru", "zh")

#: Where the gettext catalogues are: ``LANG/LC_MESSAGES/gpworkshop.po``, and the ``.mo`` compiled from it.
LOCALE_FOLDER = Path(__file__).resolve().parent.parent / "locale"

#: The gettext domain of the catalogues: the name of their files.
DOMAIN = "gpworkshop"

# Languages written from right to left (by their primary subtag), and scripts that are.
_RIGHT_TO_LEFT = frozenset({"ar", "arc", "ckb", "dv", "fa", "he", "iw", "ks", "ps", "sd", "syr", "ug", "ur", "yi"})
_RIGHT_TO_LEFT_SCRIPTS = frozenset({"arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg"})


class LanguageError(GPWorkshopError, ValueError):
    """A report asked for in a language it is not written in, or without the extra that other languages need."""


def is_right_to_left(tag: str) -> bool:
    """Whether text in the language *tag* runs from right to left.

    >>> is_right_to_left("ar"), is_right_to_left("ar-Latn"), is_right_to_left("ko"), is_right_to_left("az-Arab")
    (True, False, False, True)
    """
    parts = tag.lower().split("-")
    scripts = [part for part in parts[1:] if len(part) == 4 and part.isalpha()]
    if scripts:
        return scripts[0] in _RIGHT_TO_LEFT_SCRIPTS
    return parts[0] in _RIGHT_TO_LEFT


def report_language(wanted: str | None) -> str:
    """The language of :data:`LANGUAGES` that serves a reader of *wanted* (English for ``None``).

    >>> report_language("fr-CA"), report_language("zh-Hans"), report_language(None)
    ('fr', 'zh', 'en')

    :raises LanguageError: if no report language serves *wanted*.
    """
    if wanted is None:
        return DEFAULT_LANGUAGE
    found = best_match(wanted, LANGUAGES)
    if found is None:
        raise LanguageError(f"reports are not written in {wanted!r}; the languages are: {', '.join(LANGUAGES)}")
    return found


class _NeedsBabelError(LanguageError, MissingExtraError):
    """Reports in other languages than English need Babel, which is not installed."""


def _babel() -> Any:
    try:
        import babel  # noqa: PLC0415  (needed only for reports in other languages than English)
    except ImportError:
        raise _NeedsBabelError(
            'reports in other languages than English need Babel; install it with: pip install "gpworkshop[i18n]"'
        ) from None
    return babel


@functools.cache
def _catalogue(language: str) -> _gettext.NullTranslations:
    """The translations of the report words into *language*: compiled, or read from the ``.po`` source."""
    if language == DEFAULT_LANGUAGE:
        return _gettext.NullTranslations()
    folder = LOCALE_FOLDER / language / "LC_MESSAGES"
    compiled = folder / f"{DOMAIN}.mo"
    source = folder / f"{DOMAIN}.po"
    if compiled.is_file() and (not source.is_file() or compiled.stat().st_mtime >= source.stat().st_mtime):
        with compiled.open("rb") as file:
            return _gettext.GNUTranslations(file)
    # A source tree that was not built: the catalogue is compiled in memory.
    _babel()
    import io  # noqa: PLC0415

    from babel.messages.mofile import write_mo  # noqa: PLC0415
    from babel.messages.pofile import read_po  # noqa: PLC0415

    with source.open("rb") as file:
        catalog = read_po(file, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return _gettext.GNUTranslations(buffer)


@attrs.define
class Wording:
    """How a report in one language says things: its words, the record's texts, dates, numbers, countries."""

    #: The report's language, one of :data:`LANGUAGES`.
    language: str = DEFAULT_LANGUAGE
    #: The record's language, which plain texts are in and translations fall back to.
    record: str = DEFAULT_LANGUAGE
    #: Whether a record text was shown in another language than the report's, for want of a translation.
    fell_back: bool = False
    _translations: _gettext.NullTranslations = attrs.field(init=False, repr=False)
    # Whether a text in a language serves a reader of the report's: asked of every record text, of few tags.
    _serves: dict[str, bool] = attrs.field(init=False, repr=False, eq=False, factory=dict)

    def __attrs_post_init__(self) -> None:
        if self.language != DEFAULT_LANGUAGE:
            _babel()
        self._translations = _catalogue(self.language)

    @property
    def right_to_left(self) -> bool:
        """Whether the report's language runs from right to left."""
        return is_right_to_left(self.language)

    def gettext(self, message: str) -> str:
        """*message*, an English phrase of the reports, in the report's language."""
        return self._translations.gettext(message)

    def ngettext(self, singular: str, plural: str, count: int) -> str:
        """The form of a phrase for *count* things, in the report's language."""
        return self._translations.ngettext(singular, plural, count)

    def text(self, value: str) -> tuple[str, str | None]:
        """A record text in the report's language if it has one, and the tag of the language it is shown in.

        The tag is ``None`` when the text is in the report's language; otherwise the report shows it in the
        record's language (or the first it has), and :attr:`fell_back` is set.
        """
        if isinstance(value, Translatable):
            shown, tag = in_language(value, self.language, default=self.record)
        else:
            shown, tag = str(value), self.record
        serves = self._serves.get(tag)
        if serves is None:
            serves = self._serves[tag] = best_match(self.language, [tag]) is not None
        if serves:
            return shown, None
        self.fell_back = True
        return shown, tag

    def plain(self, value: str) -> str:
        """A record text as :meth:`text` gives it, without its tag."""
        return self.text(value)[0]

    def _locale(self) -> Any:
        from babel import Locale  # noqa: PLC0415

        return Locale.parse(self.language)

    def day(self, day: dt.date) -> str:
        """A day in full, as the language writes it: ``6 novembre 2014``, ``2014년 11월 6일``."""
        from babel.dates import format_date  # noqa: PLC0415

        return str(format_date(day, format="long", locale=self.language))

    def days(self, first: dt.date, last: dt.date) -> str:
        """A range of days, as the language writes it: ``6–7 novembre 2014``."""
        from babel.dates import format_interval  # noqa: PLC0415

        return str(format_interval(first, last, skeleton="yMMMMd", locale=self.language))

    def time(self, moment: dt.datetime) -> str:
        """A time of day, with its offset from UTC when it has one."""
        from babel.dates import format_time  # noqa: PLC0415

        text = str(format_time(moment.time(), format="short", locale=self.language))
        offset = moment.utcoffset()
        if offset is None:
            return text
        minutes = int(offset.total_seconds()) // 60
        sign = "+" if minutes >= 0 else "-"
        hours, minutes = divmod(abs(minutes), 60)
        return f"{text} (UTC{sign}{hours:02}:{minutes:02})"

    def percent(self, share: int) -> str:
        """A whole percentage, as the language writes it: ``63 %`` in French."""
        from babel.numbers import format_percent  # noqa: PLC0415

        return str(format_percent(share / 100, locale=self.language))

    def country(self, code: str) -> str | None:
        """The name of a country in the language, or ``None`` when CLDR has none."""
        name = self._locale().territories.get(code)
        return str(name) if name else None


_CURRENT: ContextVar[Wording] = ContextVar("gpworkshop_wording", default=Wording())  # noqa: B039  (never changed)


def wording() -> Wording:
    """The wording of the report being built or rendered: English outside :func:`speaking`."""
    return _CURRENT.get()


@contextmanager
def speaking(language: str | None = None, *, record: str = DEFAULT_LANGUAGE) -> Iterator[Wording]:
    """Make reports speak *language* (see :func:`report_language`) inside the block, for a record in *record*.

    :raises LanguageError: for a language reports are not written in, or one other than English without Babel.
    """
    token = _CURRENT.set(Wording(report_language(language), record))
    try:
        yield _CURRENT.get()
    finally:
        _CURRENT.reset(token)


@contextmanager
def rendering(language: str) -> Iterator[Wording]:
    """Speak the language of a document being rendered, or English when reports are not written in it."""
    found = best_match(language, LANGUAGES)
    with speaking(found or DEFAULT_LANGUAGE) as current:
        yield current


def gettext(message: str) -> str:
    """*message*, an English phrase of the reports, in the current report's language."""
    return _CURRENT.get().gettext(message)


def ngettext(singular: str, plural: str, count: int) -> str:
    """The form of a phrase for *count* things, in the current report's language."""
    return _CURRENT.get().ngettext(singular, plural, count)


def n_(message: str) -> str:
    """*message*, marked for the catalogues but not translated here: a phrase translated later by :func:`gettext`."""
    return message
