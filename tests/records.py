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

#: A record of a forum whose commitment was followed up three times, and one with no update: for pages and
#: reports that show progress over time, which the examples have none of.
FOLLOWED_UP = """\
gpworkshop: 1
stakeholders:
  - {id: agence, name: Agence, kind: government}
events:
  - id: forum
    title: Forum
    format: workshop
    start: 2023-03-01
    commitments:
      - id: open-data
        text: Open the data
        by: [agence]
        kind: pledge
        made_on: 2023-03-01
        due: 2025-06-30
        status: partially-achieved
        progress:
          - {on: 2023-09-01, status: in-progress, percent: 20}
          - {on: 2024-02-01, status: in-progress}
          - {on: 2024-12-01, status: partially-achieved, percent: 60}
      - id: quiet
        text: Nothing reported yet
        by: [agence]
        kind: pledge
"""
