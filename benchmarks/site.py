"""Measure ``gpworkshop site``: the time to build and write the portal of a synthetic record.

Run from the project folder, after ``pip install -e ".[site,i18n]"``::

    python benchmarks/site.py                      # 1,000 events, in English
    python benchmarks/site.py --events 200 1000 --lang en --lang ko

The record is that of ``benchmarks/synthetic.py``: 1,000 events with their
stakeholders, takeaways and commitments. The target: the portal of 1,000
events, in one language, built and written within 30 seconds.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synthetic import knowledge_base

from gpworkshop.site import publish


def measure(events: int, languages: tuple[str, ...]) -> tuple[float, int, int]:
    """Seconds to publish the portal of *events* events in *languages*, its number of files and of bytes."""
    kb = knowledge_base(events)
    with tempfile.TemporaryDirectory() as folder:
        start = time.perf_counter()
        files = publish(kb, Path(folder) / "portal", languages=languages)
        seconds = time.perf_counter() - start
        shutil.rmtree(Path(folder) / "portal")
    return seconds, len(files), sum(map(len, files.values()))


def main() -> None:
    """Print the time of each size asked for."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", nargs="+", type=int, default=[1000], help="sizes of record to measure")
    parser.add_argument("--lang", action="append", help="a language of the portal (default: en)")
    args = parser.parse_args()
    languages = tuple(args.lang or ("en",))
    for events in args.events:
        seconds, count, size = measure(events, languages)
        print(f"{events:>6} events, {'+'.join(languages)}: {seconds:6.2f} s, {count} files, {size / 1e6:.1f} MB")


if __name__ == "__main__":
    main()
