"""List every commitment in the example records, ready for follow-up at the next edition.

For each commitment: the event it was made at, who made it, its status, and
what a follow-up needs but the record lacks (a due date, a deliverable, an
indicator, any progress report).

Run from the project folder:  python examples/commitment_follow_up.py [RECORD ...]
"""

from __future__ import annotations

import sys
from pathlib import Path

import gpworkshop as gw

EXAMPLES = Path(__file__).resolve().parent
RECORDS = [
    EXAMPLES / "busan-gp-workshop-2014.yaml",
    EXAMPLES / "regional-symposium-2023",
    EXAMPLES / "localisation-session-2022.yaml",
]


def missing(commitment: gw.Commitment) -> list[str]:
    """What a follow-up needs but the commitment does not record."""
    gaps = []
    if commitment.due is None:
        gaps.append("due date")
    if commitment.deliverable is None and commitment.indicator is None:
        gaps.append("deliverable or indicator")
    if not commitment.progress:
        gaps.append("progress report")
    return gaps


def follow_up(kb: gw.KnowledgeBase) -> list[str]:
    """One paragraph of text per commitment in *kb*."""
    lines = []
    for event, commitment in kb.commitments():
        owners = ", ".join(kb.stakeholder(owner).acronym or kb.stakeholder(owner).name for owner in commitment.by)
        gaps = missing(commitment)
        lines.append(f"{commitment.id}  ({event.title}, {event.start:%d %B %Y})")
        lines.append(f"  made by: {owners}")
        lines.append(f"  status:  {commitment.status.value}")
        lines.append(f"  missing: {', '.join(gaps) if gaps else 'nothing'}")
    return lines


def main(paths: list[str]) -> int:
    """Print the follow-up list for each record."""
    for path in paths or [str(record) for record in RECORDS]:
        kb = gw.load(path)
        lines = follow_up(kb)
        print(f"== {Path(path).name}: {len(list(kb.commitments()))} commitment(s)")
        print("\n".join(lines) if lines else "  (no commitments recorded)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
