"""Sphinx configuration for the gpworkshop documentation.

Built offline: no intersphinx inventories are fetched, so references to other
projects' objects are written as plain literals.
"""

from __future__ import annotations

import logging
import os
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))
# Doctests and the report directive name records relative to the project root.
os.chdir(Path(__file__).resolve().parent.parent)

import gpworkshop  # noqa: E402

project = "gpworkshop"
author = "The gpworkshop developers"
copyright = "2026, the gpworkshop developers"
release = gpworkshop.__version__
version = release

extensions = [
    "sphinx.ext.autodoc",
    "sphinx.ext.doctest",
    "myst_parser",
    "gpworkshop.sphinxext",
]
source_suffix = {".rst": "restructuredtext", ".md": "markdown"}
exclude_patterns = ["_build"]
nitpicky = True
# Objects of other libraries, named in signatures, that this offline build cannot link to.
nitpick_ignore_regex = [
    ("py:class", r"(datetime|collections\.abc|typing|enum|pathlib|os|argparse|io)\..*"),
    ("py:class", r"(hypothesis|attrs|attr|cattrs|docutils|yaml)(\..*)?"),
    ("py:class", r"(SearchStrategy|DrawFn|Path|PathLike|TextIO|Callable|Iterable|Iterator|Sequence|Mapping|Any|T|V)"),
    ("py:class", r"(gpworkshop\.serialize\.)?_Path"),
    ("py:class", r"gpworkshop\..*\.(T|V)"),
    ("py:class", r"(dt|st)\..*"),
    ("py:class", r"(str|int|float|bool|bytes|object|type|tuple|list|dict|set|frozenset|None|NoneType)"),
    ("py:class", r"(ValueError|KeyError|OSError|Exception|LookupError)"),
    ("py:exc", r"(ValueError|KeyError|OSError|InvalidArgument|hypothesis\..*)"),
    ("py:data", r"typing\..*"),
    ("py:obj", r"(typing|gpworkshop\.serialize)\..*"),
]

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_typehints_format = "short"
autodoc_default_options = {"members": True}
autodoc_preserve_defaults = False

html_theme = "furo"
html_title = "gpworkshop"
html_static_path = ["_static"]
html_css_files = ["gpworkshop.css"]


#: What the documentation publishes beside its pages, made from the examples when an HTML build starts.
_PUBLISHED = Path(__file__).resolve().parent / "_build" / "portal-extra"
# It must exist when the configuration is read; it is filled in by the time the build copies it.
_PUBLISHED.mkdir(parents=True, exist_ok=True)

# Copied into the built documentation as they are: docs/_build/html/portal/ and docs/_build/html/reports/.
html_extra_path = [str(_PUBLISHED)]


def _publish_examples(app: Any) -> None:
    """Make what an HTML build publishes: the examples' portal, and the 2023 symposium's outcome report as PDFs.

    The portal of the three examples, in English and Korean; the report in each language of the reports. Other
    builds, the doctests among them, publish nothing and make none of it.
    """
    if app.builder.format != "html":
        return
    from gpworkshop import reports, site  # noqa: PLC0415  (the site and pdf extras, which the build installs)
    from gpworkshop._atomic import write_atomically  # noqa: PLC0415

    # The theme's highlighting styles (a11y_pygments) set the root logger to INFO as they are imported, which would
    # print each step of WeasyPrint's progress; its warnings still show.
    logging.getLogger("weasyprint").setLevel(logging.WARNING)

    examples = Path(__file__).resolve().parent.parent / "examples"
    records = [examples / "busan-gp-workshop-2014.yaml", examples / "regional-symposium-2023"]
    kb = gpworkshop.load([*records, examples / "localisation-session-2022.yaml"])
    site.publish(kb, _PUBLISHED / "portal", languages=("en", "ko"))
    (_PUBLISHED / "reports").mkdir(exist_ok=True)
    for language in reports.language.LANGUAGES:
        document = reports.build(kb, "outcome", event="regional-symposium-2023", lang=language)
        target = _PUBLISHED / "reports" / f"regional-symposium-2023.{language}.pdf"
        try:
            write_atomically(target, reports.render_bytes(document, "pdf"))
        except gpworkshop.MissingExtraError as error:
            # A machine without Pango builds the pages all the same (the test suite builds them); CI has Pango,
            # and its tests check that every PDF is published.
            print(f"the examples' PDFs are not published: {error}", file=sys.stderr)
            return
    # The examples page links the PDFs only when they are there to link to.
    app.tags.add("published_pdfs")


def setup(app: Any) -> None:
    """Publish the examples' portal and reports when an HTML build starts."""
    app.connect("builder-inited", _publish_examples)

# Docstring examples run under pytest in their module's namespace; the doctest builder runs the pages, each as
# pasted into a fresh interpreter: no setup is shared, so every page imports what it uses.
doctest_test_doctest_blocks = ""
# Hypothesis maps Unicode the first time it runs on a machine, which can make the first examples of a freshly
# cloned project look slow; the build, like the test suite, does not count that against the strategies.
doctest_global_setup = """
from hypothesis import HealthCheck as _HealthCheck, settings as _settings
_settings.register_profile("docs", suppress_health_check=[_HealthCheck.too_slow])
_settings.load_profile("docs")
"""
myst_heading_anchors = 2
suppress_warnings = ["myst.header"]
