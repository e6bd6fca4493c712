"""The outcome portal: a static site of every event, stakeholder and commitment of a record.

:func:`portal_files` makes the files of the portal from a record, and
:func:`publish` writes them into a folder, replacing it in one step. The
portal has one edition per language (a sub-folder each), links only to its
own files by relative addresses, so it opens from ``file://`` as well as
from any static host or sub-path, and needs no server and no network. Every
page works without JavaScript; a small script adds search, from an index
written with the pages, and filters to the lists.

>>> import gpworkshop as gw
>>> from gpworkshop.site import portal_files
>>> files = portal_files(gw.load("examples/busan-gp-workshop-2014.yaml"), languages=("en", "ko"))
>>> [name for name in files if name.startswith("ko/events/")]
['ko/events/busan-gp-workshop-2014.html', 'ko/events/index.html']
>>> '<html lang="ko" dir="ltr">' in files["ko/index.html"].decode()
True

The pages are written from Jinja2 templates (the ``site`` extra: ``pip
install "gpworkshop[site]"``), which escape every value. A theme is a folder
whose files replace the package's of the same name: a template
(``base.html``, ``footer.html``…), the style sheet ``site.css``, or an image
such as ``logo.svg`` or ``logo.png``, shown in every page's header.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from gpworkshop.model import KnowledgeBase
from gpworkshop.reports.language import report_language
from gpworkshop.site._editions import Edition, data_files
from gpworkshop.site._feeds import sitemap
from gpworkshop.site._folder import replace_folder
from gpworkshop.site._theme import environment, static_files

__all__ = ["portal_files", "publish"]


def portal_files(
    kb: KnowledgeBase,
    *,
    languages: tuple[str, ...] = ("en",),
    base_url: str | None = None,
    theme: Path | None = None,
    as_of: dt.date | None = None,
) -> dict[str, bytes]:
    """The files of the portal of *kb*, by their path in its folder (``en/events/ID.html``).

    :param languages: the languages of its editions, among the languages reports are written in; the first
        is the one the portal opens in.
    :param base_url: where the portal will be published; the feeds then give absolute addresses (the pages
        never do), and ``sitemap.xml`` lists the pages, which needs them: without it there is no sitemap.
    :param theme: a folder whose files replace the package's templates and assets of the same name.
    :param as_of: the day the portal describes: commitments open and past due on it are marked overdue, and
        the feeds are dated by it. Without it, nothing depends on the day the portal is built.
    :raises ~gpworkshop.reports.LanguageError: for a language reports are not written in.
    :raises ~gpworkshop.MissingExtraError: without Jinja2.
    """
    chosen = tuple(dict.fromkeys(report_language(language) for language in languages or ("en",)))
    templates = environment(theme)
    assets = static_files(theme)
    logo = next((name for name in ("logo.svg", "logo.png") if name in assets), None)
    downloads = data_files(kb)
    files: dict[str, bytes] = {f"assets/{name}": content for name, content in assets.items()}
    files.update(downloads)
    pages: list[str] = []
    names: list[tuple[str, str, str]] = []
    for language in chosen:
        edition = Edition(
            kb, language, languages=chosen, templates=templates, base_url=base_url, as_of=as_of, logo=logo
        )
        written = edition.files(downloads=set(downloads))
        files.update(written)
        pages.extend(name for name in written if name.endswith(".html"))
        names.append((language, Edition.native(language), edition.words["portal"]))
    root = templates.get_template("languages.html").render(languages=names, logo=logo)
    files["index.html"] = root.encode()
    if base_url:
        # A sitemap lists absolute addresses only, as search engines read it.
        files["sitemap.xml"] = sitemap(["index.html", *pages], base_url).encode()
    return dict(sorted(files.items()))


def publish(
    kb: KnowledgeBase,
    folder: Path,
    *,
    languages: tuple[str, ...] = ("en",),
    base_url: str | None = None,
    theme: Path | None = None,
    as_of: dt.date | None = None,
) -> dict[str, bytes]:
    """Write the portal of *kb* (see :func:`portal_files`) into *folder*, replacing it all at once.

    The files are written beside *folder* and moved into its place when all are written, so a reader never
    sees half a portal. A *folder* that exists must be empty or hold a portal written before. Returns the
    files written.

    :raises ~gpworkshop.errors.WriteError: if *folder* is a file or holds other files, or cannot be written.
    """
    files = portal_files(kb, languages=languages, base_url=base_url, theme=theme, as_of=as_of)
    replace_folder(folder, files)
    return files
