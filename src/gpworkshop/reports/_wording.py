"""How model values read in a report: dates, places, vocabulary labels, in the report's language."""

from __future__ import annotations

import datetime as dt

from gpworkshop import _wording
from gpworkshop._validators import day_of
from gpworkshop.model import Event, Location
from gpworkshop.reports.language import gettext as _
from gpworkshop.reports.language import n_, wording
from gpworkshop.vocab import Role, Vocabulary

__all__ = ["country_name", "date_range", "edition_phrase", "label", "ordinal", "place", "role_heading"]


#: How each vocabulary value reads in a report, in English; the catalogues translate these.
_LABELS = {
    "pledge": n_("Pledge"),
    "statement": n_("Statement"),
    "voluntary-initiative": n_("Voluntary initiative"),
    "action-point": n_("Action point"),
    "announced": n_("Announced"),
    "in-progress": n_("In progress"),
    "achieved": n_("Achieved"),
    "partially-achieved": n_("Partially achieved"),
    "not-achieved": n_("Not achieved"),
    "withdrawn": n_("Withdrawn"),
    "ldc": n_("Least developed countries"),
    "lldc": n_("Landlocked developing countries"),
    "sids": n_("Small island developing states"),
    "lic": n_("Low-income countries"),
    "lmic": n_("Lower-middle-income countries"),
    "umic": n_("Upper-middle-income countries"),
    "mic": n_("Middle-income countries"),
    "hic": n_("High-income countries"),
    "workshop": n_("Workshop"),
    "meeting": n_("Meeting"),
    "symposium": n_("Symposium"),
    "forum": n_("Forum"),
    "session": n_("Session"),
    "summit": n_("Summit"),
    "conference": n_("Conference"),
    "high-level-meeting": n_("High-level meeting"),
    "roundtable": n_("Roundtable"),
    "consultation": n_("Consultation"),
    "webinar": n_("Webinar"),
    "other": n_("Other"),
    "country-ownership": n_("Country ownership"),
    "focus-on-results": n_("Focus on results"),
    "inclusive-partnerships": n_("Inclusive partnerships"),
    "transparency-accountability": n_("Transparency and mutual accountability"),
    "prepares": n_("Prepares"),
    "follows-up": n_("Follows up"),
    "reviews": n_("Reviews"),
    "continues": n_("Continues"),
    "outcome-report": n_("Outcome report"),
    "video": n_("Video"),
    "photos": n_("Photos"),
    "agenda": n_("Agenda"),
    "presentation": n_("Presentation"),
    "organiser": n_("Organiser"),
    "co-organiser": n_("Co-organiser"),
    "host": n_("Host"),
    "participant": n_("Participant"),
    "speaker": n_("Speaker"),
    "moderator": n_("Moderator"),
    "rapporteur": n_("Rapporteur"),
    "endorser": n_("Endorser"),
    "funder": n_("Funder"),
    "observer": n_("Observer"),
    "government": n_("Government"),
    "local-government": n_("Local government"),
    "public-body": n_("Public body"),
    "parliament": n_("Parliament"),
    "un-entity": n_("UN entity"),
    "multilateral": n_("Multilateral"),
    "bilateral-provider": n_("Bilateral provider"),
    "research-institute": n_("Research institute"),
    "academia": n_("Academia"),
    "civil-society": n_("Civil society"),
    "local-organisation": n_("Local organisation"),
    "foundation": n_("Foundation"),
    "private-sector": n_("Private sector"),
    "trade-union": n_("Trade union"),
    "network": n_("Network"),
    "key-message": n_("Key message"),
    "recommendation": n_("Recommendation"),
    "conclusion": n_("Conclusion"),
    "lesson": n_("Lesson"),
    "challenge": n_("Challenge"),
    "good-practice": n_("Good practice"),
    "quote": n_("Quote"),
}

#: The heading over the stakeholders who played a role.
_ROLE_HEADINGS = {
    "organiser": n_("Organisers"),
    "co-organiser": n_("Co-organisers"),
    "host": n_("Hosts"),
    "participant": n_("Participants"),
    "speaker": n_("Speakers"),
    "moderator": n_("Moderators"),
    "rapporteur": n_("Rapporteurs"),
    "endorser": n_("Endorsers"),
    "funder": n_("Funders"),
    "observer": n_("Observers"),
}


def label(member: Vocabulary) -> str:
    """A vocabulary value as a reader sees it, in the report's language: ``key-message`` → ``Key message``."""
    return _(_LABELS[member.value])


def role_heading(role: Role) -> str:
    """The heading over the stakeholders who played *role*: ``Organisers``."""
    return _(_ROLE_HEADINGS[role.value])


def country_name(code: str) -> str:
    """The name of a country in the report's language; in English, the short name the UN uses."""
    current = wording()
    if current.language != "en":
        return current.country(code) or _wording.country_name(code)
    return _wording.country_name(code)


def place(location: Location | None) -> str | None:
    """Where an event took place, as one phrase in the report's language, or ``None`` when not recorded."""
    if location is None:
        return None
    current = wording()
    parts = [current.plain(part) for part in (location.venue, location.city) if part]
    if location.country:
        parts.append(country_name(location.country))
    text = ", ".join(parts)
    if location.online:
        text = _("{place} and online").format(place=text) if text else _("Online")
    return text or None


#: English month names, whatever the locale: ``strftime("%B")`` follows ``LC_TIME``.
_MONTHS = tuple(
    "January February March April May June July August September October November December".split()  # noqa: SIM905
)


def _english() -> bool:
    return wording().language == "en"


def _day(moment: dt.date) -> str:
    if not _english():
        return wording().day(day_of(moment))
    return f"{moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def _time(moment: dt.datetime) -> str:
    if not _english():
        return wording().time(moment)
    offset = moment.utcoffset()
    if offset is None:
        return f"{moment:%H:%M}"
    minutes = int(offset.total_seconds()) // 60
    sign = "+" if minutes >= 0 else "-"
    hours, minutes = divmod(abs(minutes), 60)
    return f"{moment:%H:%M} (UTC{sign}{hours:02}:{minutes:02})"


def date_range(start: dt.date, end: dt.date | None) -> str:  # noqa: PLR0911  (one answer per shape of range)
    """A date or range as written in prose, in the report's language: ``6–7 November 2014``, ``4 July 2023, 09:00``."""
    if end is None or end == start:
        text = _day(start)
        return f"{text}, {_time(start)}" if isinstance(start, dt.datetime) else text
    if isinstance(start, dt.datetime) and isinstance(end, dt.datetime):
        if start.date() == end.date():
            bare = f"{start:%H:%M}" if _english() else _time(start.replace(tzinfo=None))
            return f"{_day(start)}, {bare}–{_time(end)}"
        return f"{_day(start)}, {_time(start)} – {_day(end)}, {_time(end)}"
    first, last = day_of(start), day_of(end)
    if first == last:
        return _day(first)
    if not _english():
        return wording().days(first, last)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first.day}–{_day(last)}"
    if first.year == last.year:
        return f"{first.day} {_MONTHS[first.month - 1]} – {_day(last)}"
    return f"{_day(first)} – {_day(last)}"


def edition_phrase(event: Event) -> str | None:
    """``7th edition of the Regional Symposium …``, or ``None`` outside a series."""
    if event.series is None:
        return None
    if event.edition is None:
        return _("Part of the series {series}").format(series=event.series)
    return _("{ordinal} edition of the {series}").format(ordinal=ordinal(event.edition), series=event.series)


def ordinal(number: int) -> str:
    """An edition's number as English writes it: ``1st``, ``2nd``, ``3rd``, ``11th``, ``21st``.

    In other languages it is the digits, which the phrase around them makes an ordinal (``{ordinal}e édition``).
    """
    if not _english():
        return str(number)
    suffix = "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"
