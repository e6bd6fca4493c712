"""The verb of the command line that publishes a record as a static outcome portal."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any, TextIO

from gpworkshop._usage import day
from gpworkshop._wording import plural
from gpworkshop.reports.language import LANGUAGES
from gpworkshop.serialize import load

__all__ = ["VERBS", "add_verbs"]


def add_verbs(verbs: Any) -> None:
    """Add the verbs of this module to the command line's sub-parsers."""
    site = verbs.add_parser(
        "site", help="publish the record as a static portal of its events, stakeholders and commitments"
    )
    site.add_argument("paths", nargs="+", type=Path, metavar="PATH", help="a record file or a folder of them")
    site.add_argument(
        "-o", "--output", required=True, type=Path, metavar="FOLDER", help="the folder to write the portal into"
    )
    site.add_argument(
        "--lang",
        action="append",
        metavar="TAG",
        help=f"a language of the portal, once for each: {', '.join(LANGUAGES)} (default: en); the first is the "
        "one it opens in",
    )
    site.add_argument(
        "--base-url", metavar="URL", help="where the portal will be published, for absolute addresses in the sitemap"
    )
    site.add_argument(
        "--theme", type=Path, metavar="DIR", help="a folder of templates and assets replacing the package's"
    )
    site.add_argument(
        "--as-of", type=day, metavar="DATE", help="mark commitments overdue as of DATE, and date the feeds by it"
    )


def _site(args: argparse.Namespace, out: TextIO) -> int:
    from gpworkshop.site import publish  # noqa: PLC0415  (Jinja2, of the site extra, is needed only here)

    kb = load(args.paths)
    languages = tuple(args.lang or ("en",))
    files = publish(kb, args.output, languages=languages, base_url=args.base_url, theme=args.theme, as_of=args.as_of)
    pages = sum(1 for name in files if name.endswith(".html"))
    print(f"wrote {args.output} ({plural(pages, 'page')} in {plural(len(languages), 'language')})", file=out)
    if args.base_url is None:
        print("note: no sitemap.xml, which lists absolute addresses: give --base-url URL to write one", file=out)
    if "data/record.ics" not in files:
        print('note: no calendar to download: install it with: pip install "gpworkshop[ics]"', file=out)
    return 0


#: The verbs of this module, by name.
VERBS = {"site": _site}
