"""The Sphinx directive builds reports through the registry of reports, with the same filters as the command line."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import gpworkshop as gw
from tests.records import EXAMPLES


def sphinx_build(source: Path, out: Path) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", str(source), str(out)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert 0 == result.returncode, result.stderr
    return (out / "index.html").read_text(encoding="utf-8")


def test_the_directive_takes_the_filters_and_watches_json_records(tmp_path: Path) -> None:
    source = tmp_path / "docs"
    (source / "records").mkdir(parents=True)
    kb = gw.load(EXAMPLES / "localisation-session-2022.yaml")
    gw.dump(kb, source / "records" / "summit.json")
    (source / "conf.py").write_text('extensions = ["gpworkshop.sphinxext"]\nproject = "t"\n', encoding="utf-8")
    (source / "index.rst").write_text(
        "Follow-up\n=========\n\n"
        ".. gpworkshop-report:: records\n   :kind: tracker\n   :as-of: 2024-01-01\n   :status: announced\n\n"
        ".. gpworkshop-report:: records\n   :kind: matrix\n   :event: edc-summit-2022\n",
        encoding="utf-8",
    )

    page = sphinx_build(source, tmp_path / "html")
    renamed = gw.dumps(kb, "json").replace("Donor Statement", "Statement of the donors")
    (source / "records" / "summit.json").write_text(renamed, encoding="utf-8")
    rebuilt = sphinx_build(source, tmp_path / "html")

    assert "Showing:</strong> with the status announced." in page
    assert "Standing as of 1 January 2024" in page
    assert "Donor Statement" in page
    assert "Statement of the donors" in rebuilt
    assert "Stakeholder matrix" in page


def test_the_examples_page_shows_the_tracker_of_the_whole_archive(tmp_path: Path) -> None:
    page = (EXAMPLES.parent / "docs" / "examples.rst").read_text("utf-8")
    section = page.split("Commitment tracker of the whole archive\n", 1)[1]
    directive = section[section.index(".. gpworkshop-report:: ../examples\n") :].split("\n\n", 1)[0] + "\n"
    source = tmp_path / "docs"
    source.mkdir()
    (source / "conf.py").write_text('extensions = ["gpworkshop.sphinxext"]\nproject = "t"\n', encoding="utf-8")
    (source / "index.rst").write_text(
        "Archive\n=======\n\n" + directive.replace("../examples", str(EXAMPLES)), encoding="utf-8"
    )

    html = sphinx_build(source, tmp_path / "html")

    assert ".. gpworkshop-report:: ../examples\n   :kind: tracker\n   :as-of: 2025-01-01\n" == directive
    assert "Standing as of 1 January 2025" in html
    assert "Donor Statement on Supporting Locally Led Development" in html
    assert "Korea Research Institute for Local Administration (KRILA)" in html
