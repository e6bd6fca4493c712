"""The fixed words of the portal's pages, in the language being spoken, from the gettext catalogues."""

from __future__ import annotations

from gpworkshop.reports.language import gettext as _

__all__ = ["fixed_words"]


def fixed_words() -> dict[str, str]:
    """The words the templates show, by name, in the current report language (see ``speaking``)."""
    return {
        "portal": _("Outcome portal"),
        "home": _("Home"),
        "search": _("Search"),
        "search_portal": _("Search the portal"),
        "no_match": _("No page matches."),
        "language": _("Language"),
        "skip": _("Skip to the content"),
        "feed": _("News feed"),
        "year": _("Year"),
        "all": _("All"),
        "downloads": _("Downloads"),
        "identifiers": _("Identifiers"),
        "roles": _("Roles"),
        "website": _("Website"),
        "history": _("Status history"),
        "attended": _("Events attended"),
        "made": _("Commitments made"),
        "endorsed": _("Commitments endorsed"),
        "latest": _("Latest events"),
        "progress_glance": _("Commitment progress"),
        "series_editions": _("Series and editions"),
        "as_json": _("The record as JSON"),
        "as_csv": _("The record as tables (CSV data package)"),
        "as_ics": _("Events and commitments as a calendar (iCalendar)"),
        "events": _("Events"),
        "event": _("Event"),
        "stakeholders": _("Stakeholders"),
        "stakeholder": _("Stakeholder"),
        "commitments": _("Commitments"),
        "commitment": _("Commitment"),
        "coverage": _("Objective coverage"),
        "objectives": _("Objectives"),
        "objective": _("Objective"),
        "takeaways": _("Takeaways"),
        "sessions": _("Sessions"),
        "part_of": _("Part of"),
        "participants": _("Participants"),
        "country": _("Country"),
        "kind": _("Kind"),
        "status": _("Status"),
        "date": _("Date"),
        "dates": _("Dates"),
        "due": _("Due"),
        "made_at": _("Made at"),
        "made_by": _("Made by"),
        "made_on": _("Made on"),
        "endorsed_by": _("Endorsed by"),
        "deliverable": _("Deliverable"),
        "indicator": _("Indicator"),
        "progress": _("Progress"),
        "percent": _("Percent done"),
        "note": _("Note"),
        "reported_by": _("Reported by"),
        "series": _("Series"),
        "format": _("Format"),
        "overview": _("Overview"),
        "overdue": _("overdue"),
    }


def progress_title(status: str) -> str:
    """The title of a feed entry for a progress update to the status *status*."""
    return _("Progress update: {status}").format(status=status)
