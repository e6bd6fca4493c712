"""Measure ``gpworkshop site``: the time to build and write the portal of a synthetic record.

Run from the project folder, after ``pip install -e ".[site,i18n]"``::

    python benchmarks/site.py                           # 200 and 1,000 events, in English, then English and Korean
    python benchmarks/site.py --sizes 1000 --repeat 1 --record docs/explanation/site-benchmark-results.txt

The record is that of ``benchmarks/synthetic.py``: events with their
stakeholders, takeaways and commitments. The target: the portal of 1,000
events, in one language, built and written within 30 seconds.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from measuring import Verdicts, arguments, machine, median_seconds, report
from synthetic import knowledge_base

from gpworkshop.site import publish

#: The most seconds the portal of 1,000 events, in one language, may take to build and write.
TARGET = 30.0
#: The editions measured: one language, and two.
EDITIONS = (("en",), ("en", "ko"))


def measure(events: int, languages: tuple[str, ...], repeat: int) -> tuple[float, int, int]:
    """The median seconds to publish the portal of *events* events in *languages*, its files and its bytes."""
    kb = knowledge_base(events)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "portal"
        files = publish(kb, target, languages=languages)
        seconds = median_seconds(lambda: publish(kb, target, languages=languages), repeat)
        shutil.rmtree(target)
    return seconds, len(files), sum(map(len, files.values()))


def main() -> int:
    args = arguments(__doc__, [200, 1000], "runs of each build")
    lines = [machine("site.py", args), "", f"{'events':>6} {'languages':<10} {'median':>9} {'files':>7} {'size':>9}"]
    verdicts = Verdicts(40)
    for events in args.sizes:
        for languages in EDITIONS:
            print(f"measuring {events} events in {'+'.join(languages)}…", file=sys.stderr)
            seconds, count, size = measure(events, languages, args.repeat)
            lines.append(f"{events:>6} {'+'.join(languages):<10} {seconds:>8.2f}s {count:>7} {size / 1e6:>7.1f}MB")
            if events == 1000 and len(languages) == 1:
                verdicts.check("portal of 1,000 events, one language", seconds, TARGET, " s")
    report([*lines, "", "targets:", *verdicts.lines, "", verdicts.summary()], args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
