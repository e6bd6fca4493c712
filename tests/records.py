"""The example records of the project, shared by the tests."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"

#: Each example record (a file or a folder) with the event its outcome report covers.
RECORDS = {
    "busan-gp-workshop-2014.yaml": "busan-gp-workshop-2014",
    "regional-symposium-2023": "regional-symposium-2023",
    "localisation-session-2022.yaml": "edc-summit-2022",
}
