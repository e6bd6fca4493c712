"""The Atom feed of new events and commitment updates, and the sitemap, of a portal.

Both are written from the record alone: an entry's date is the event's or
the update's, the feed's date the latest of them (or the day the portal is
built *as of*), so the same record gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
from xml.sax.saxutils import escape, quoteattr

import attrs

__all__ = ["FeedEntry", "atom", "sitemap"]


@attrs.frozen(kw_only=True)
class FeedEntry:
    """One entry of a feed: a new event, or news of a commitment."""

    #: A stable identifier, a URN that names the event or the update.
    id: str
    #: The title, as the reader sees it.
    title: str
    #: The page it links to, relative to the feed.
    address: str
    #: The day it happened.
    day: dt.date
    #: A short text, or empty.
    summary: str = ""


def _stamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(*, title: str, language: str, feed_id: str, base: str, entries: list[FeedEntry], updated: dt.date) -> str:
    """An Atom document of *entries*, newest first; links are relative to *base* (``xml:base``), if given."""
    ordered = sorted(entries, key=lambda entry: (entry.day, entry.id), reverse=True)
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        f'<feed xmlns="http://www.w3.org/2005/Atom" xml:lang={quoteattr(language)}'
        + (f" xml:base={quoteattr(base)}" if base else "")
        + ">",
        f"<title>{escape(title)}</title>",
        f"<id>{escape(feed_id)}</id>",
        f"<updated>{_stamp(updated)}</updated>",
        '<link rel="self" href="feed.xml"/>',
        '<link rel="alternate" type="text/html" href="index.html"/>',
        "<author><name>gpworkshop</name></author>",
    ]
    for entry in ordered:
        lines += [
            "<entry>",
            f"<title>{escape(entry.title)}</title>",
            f"<id>{escape(entry.id)}</id>",
            f"<updated>{_stamp(entry.day)}</updated>",
            f'<link rel="alternate" type="text/html" href={quoteattr(entry.address)}/>',
        ]
        if entry.summary:
            lines.append(f"<summary>{escape(entry.summary)}</summary>")
        lines.append("</entry>")
    lines.append("</feed>")
    return "\n".join(lines) + "\n"


def sitemap(addresses: list[str], base_url: str) -> str:
    """A sitemap of *addresses* (relative to the portal's folder), made absolute by *base_url*."""
    prefix = base_url.rstrip("/") + "/"
    lines = ['<?xml version="1.0" encoding="utf-8"?>', '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">']
    lines.extend(f"<url><loc>{escape(prefix + address)}</loc></url>" for address in addresses)
    lines.append("</urlset>")
    return "\n".join(lines) + "\n"
