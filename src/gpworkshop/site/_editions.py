"""One language's edition of a portal: every page, its search index and its feed."""

from __future__ import annotations

import contextlib
import datetime as dt
from typing import Any

from gpworkshop import formats
from gpworkshop.errors import MissingExtraError
from gpworkshop.model import Event, KnowledgeBase, Takeaway
from gpworkshop.reports.language import is_right_to_left, speaking
from gpworkshop.site._feeds import FeedEntry, atom
from gpworkshop.site._pages import (
    Pages,
    addresses,
    commitment_link,
    coverage_rows,
    event_link,
    event_page,
    event_year,
    placed,
    stakeholder_link,
    status_counts,
)
from gpworkshop.site._search import SearchIndex
from gpworkshop.site._speech import NATIVE_NAMES, Speech, day_of
from gpworkshop.site._words import fixed_words, progress_title
from gpworkshop.vocab import TakeawayKind

__all__ = ["Edition", "data_files"]

#: The downloads of the record, at the portal's root, and the word that names each.
DOWNLOADS = (("data/record.json", "as_json"), ("data/csv/datapackage.json", "as_csv"), ("data/record.ics", "as_ics"))


def data_files(kb: KnowledgeBase) -> dict[str, bytes]:
    """The record as JSON, as a CSV data package and, with the ``ics`` extra, as a calendar."""
    from gpworkshop.formats import csv  # noqa: PLC0415  (a format of tables, reached when a portal is built)

    found = {"data/record.json": formats.write("json", kb).encode()}
    found.update({f"data/csv/{name}": content for name, content in csv.files(kb).items()})
    # Without the ics extra the portal has no calendar to download; the command line says so.
    with contextlib.suppress(MissingExtraError):
        found["data/record.ics"] = formats.write("ics", kb).encode()
    return found


def _outcomes(event: Event) -> list[Takeaway]:
    """The first three key messages of *event*, or its first three takeaways when it states no key message."""
    messages = [takeaway for takeaway in event.takeaways if takeaway.kind is TakeawayKind.KEY_MESSAGE]
    return (messages or list(event.takeaways))[:3]


class Edition:
    """The pages of one language, rendered from the templates."""

    def __init__(
        self,
        kb: KnowledgeBase,
        language: str,
        *,
        languages: tuple[str, ...],
        templates: Any,
        base_url: str | None,
        as_of: dt.date | None,
        logo: str | None,
    ) -> None:
        self.kb = kb
        self.language = language
        self.languages = languages
        self.templates = templates
        self.base_url = base_url
        self.as_of = as_of
        self.logo = logo
        self.search = SearchIndex()
        self.out: dict[str, bytes] = {}
        self.addresses = addresses(kb)

    @staticmethod
    def native(language: str) -> str:
        """The name of *language* in itself."""
        return NATIVE_NAMES.get(language, language)

    def files(self, *, downloads: set[str]) -> dict[str, bytes]:
        """Every file of the edition by its path in the portal's folder (``ko/events/ID.html``)."""
        kb = self.kb
        with speaking(self.language, record=kb.language) as wording:
            speech = Speech(wording)
            self.words = fixed_words()
            self.downloads = [(name, self.words[word]) for name, word in DOWNLOADS if name in downloads]
            pages = Pages(kb, self.as_of)
            for event in kb.events:
                self._event(speech, event)
            for stakeholder in kb.stakeholders:
                context = pages.stakeholder(speech, stakeholder)
                texts = [speech.plain(stakeholder.name), stakeholder.acronym or ""]
                self._page(f"stakeholders/{stakeholder.id}.html", "stakeholder.html", context, texts, "stakeholder")
            for _, commitment in kb.commitments():
                context = pages.commitment(speech, commitment, self.words)
                texts = [speech.plain(commitment.deliverable), speech.plain(commitment.indicator)]
                self._page(f"commitments/{commitment.id}.html", "commitment.html", context, texts, "commitment")
            self._lists(speech)
            self._feed(speech)
        self.out[f"{self.language}/search-index.json"] = (self.search.json() + "\n").encode()
        self.out[f"{self.language}/search-index.js"] = self.search.script().encode()
        return self.out

    def _page(self, path: str, template: str, context: dict[str, Any], texts: list[str], kind: str | None) -> None:
        depth = path.count("/")
        up = "../" * depth
        title = context["title"]
        if kind is not None:
            self.search.add(path, str(title.striptags()) if hasattr(title, "striptags") else str(title), kind, texts)
        if context.get("linked_data"):
            context = {**context, "linked_data": placed(context["linked_data"], self.addresses, up)}
        page = self.templates.get_template(template).render(
            **context,
            words=self.words,
            lang=self.language,
            dir="rtl" if is_right_to_left(self.language) else "ltr",
            up=up,
            root=up + "../",
            path=path,
            alternates=[(other, self.native(other), f"{up}../{other}/{path}") for other in self.languages],
            downloads=self.downloads,
            logo=self.logo,
        )
        self.out[f"{self.language}/{path}"] = page.encode()

    def _event(self, speech: Speech, event: Event) -> None:
        context = event_page(self.kb, speech, event)
        texts = [speech.plain(event.summary)]
        texts += [speech.plain(o.title) for o in event.objectives]
        texts += [speech.plain(t.text) for t in event.takeaways]
        texts += [speech.plain(c.text) for c in event.commitments]
        texts += [event.series or "", *event.themes, *event.categories]
        if event.location is not None:
            texts += [event.location.city or "", speech.country(event.location.country)]
        self._page(f"events/{event.id}.html", "event.html", context, texts, "event")

    def _lists(self, speech: Speech) -> None:
        kb = self.kb
        events = sorted(kb.events, key=lambda event: (day_of(event.start), event.id), reverse=True)
        event_rows = [
            {
                **event_link(speech, event),
                "year": event_year(event),
                "country": speech.country(event.location.country if event.location else None),
                "kind": speech.label(event.format),
            }
            for event in events
        ]
        made_at = {commitment.id: event for event, commitment in kb.commitments()}
        commitment_rows = [
            {
                **commitment_link(speech, commitment),
                "event": event_link(speech, made_at[commitment.id]),
                "by": [stakeholder_link(kb, speech, s) for s in commitment.by],
                "due": speech.day(commitment.due),
                "year": event_year(made_at[commitment.id]),
                "kind": speech.label(commitment.kind),
            }
            for _, commitment in kb.commitments()
        ]
        stakeholder_rows = [
            {
                **stakeholder_link(kb, speech, stakeholder.id),
                "kind": speech.label(stakeholder.kind),
                "country": speech.country(stakeholder.country),
            }
            for stakeholder in sorted(kb.stakeholders, key=lambda s: speech.plain(s.name).casefold())
        ]
        series = {}
        for event in kb.events:
            if event.series and event.series not in series:
                series[event.series] = [
                    event_link(speech, e) | {"edition": e.edition} for e in kb.editions(event.series)
                ]
        top = [event for event in events if event.part_of is None]
        latest = [
            event_link(speech, e)
            | {"summary": speech.text(e.summary), "messages": [speech.text(t.text) for t in _outcomes(e)]}
            for e in top[:5]
        ]
        counts = status_counts(kb, speech)
        home = {"title": self.words["portal"], "series": series, "latest": latest, "counts": counts}
        self._page("index.html", "home.html", home, [], None)
        self._page("events/index.html", "events.html", {"title": self.words["events"], "rows": event_rows}, [], None)
        self._page(
            "stakeholders/index.html",
            "stakeholders.html",
            {"title": self.words["stakeholders"], "rows": stakeholder_rows},
            [],
            None,
        )
        commitments = {"title": self.words["commitments"], "rows": commitment_rows, "counts": counts}
        self._page("commitments/index.html", "commitments.html", commitments, [], None)
        coverage = {"title": self.words["coverage"], "rows": coverage_rows(kb, speech)}
        self._page("coverage.html", "coverage.html", coverage, [], None)
        self._page("search.html", "search.html", {"title": self.words["search"]}, [], None)

    def _feed(self, speech: Speech) -> None:
        kb = self.kb
        entries = [
            FeedEntry(
                id=f"urn:gpworkshop:event:{event.id}",
                title=speech.plain(event.title),
                address=f"events/{event.id}.html",
                day=day_of(event.start),
                summary=speech.plain(event.summary),
            )
            for event in kb.top_level_events()
        ]
        for _, commitment in kb.commitments():
            for number, update in enumerate(commitment.progress):
                entries.append(
                    FeedEntry(
                        id=f"urn:gpworkshop:commitment:{commitment.id}:{number}",
                        title=progress_title(speech.label(update.status)),
                        address=f"commitments/{commitment.id}.html",
                        day=update.on,
                        summary=" ".join(filter(None, [speech.plain(commitment.text), speech.plain(update.note)])),
                    )
                )
        updated = self.as_of or max((entry.day for entry in entries), default=dt.date(1970, 1, 1))
        base = f"{self.base_url.rstrip('/')}/{self.language}/" if self.base_url else ""
        feed = atom(
            title=self.words["portal"],
            language=self.language,
            feed_id=f"urn:gpworkshop:portal:{self.language}",
            base=base,
            entries=entries,
            updated=updated,
        )
        self.out[f"{self.language}/feed.xml"] = feed.encode()
