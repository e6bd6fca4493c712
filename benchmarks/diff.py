"""Measure ``gpworkshop diff`` on records whose ids were renamed: its time, and the time per object.

Run from the project folder, after ``pip install -e .``::

    python benchmarks/diff.py                     # 500, 1,000, 2,000 and 20,000 objects
    python benchmarks/diff.py --sizes 1000 50000
    python benchmarks/diff.py --record docs/explanation/diff-benchmark-results.txt

Each record has as many stakeholders as events, each stakeholder part of the
one before and organiser of one event, which holds one commitment of it; a
third of the stakeholders and a third of the events are renamed in the
second version. A diff finds each rename by looking objects up by their
content, so its time per object stays flat as records grow. The target: at
20,000 objects, a diff with renames within 3 times the time of one without,
and under 10 seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

import gpworkshop as gw
from gpworkshop import changes, references


def record(count: int) -> gw.KnowledgeBase:
    """*count* stakeholders and *count* events, as the module describes."""
    stakeholders = tuple(
        gw.Stakeholder(
            id=f"s{number}",
            name=f"Stakeholder {number}",
            kind=gw.StakeholderKind.NETWORK,
            part_of=f"s{number - 1}" if number else None,
        )
        for number in range(count)
    )
    events = tuple(
        gw.Event(
            id=f"e{number}",
            title=f"Event {number}",
            format=gw.EventFormat.WORKSHOP,
            start=dt.date(2024, 1, 1),
            participants=(gw.Participation(stakeholder=f"s{number}", roles=(gw.Role.ORGANISER,)),),
            commitments=(
                gw.Commitment(
                    id=f"c{number}", text=f"Commitment {number}", by=(f"s{number}",), kind=gw.CommitmentKind.PLEDGE
                ),
            ),
        )
        for number in range(count)
    )
    return gw.KnowledgeBase(stakeholders=stakeholders, events=events)


def measure(count: int) -> tuple[float, float]:
    """Seconds to diff a record of *count* stakeholders and events with a third renamed, and with none."""
    old = record(count)
    renamed = references.renamed_all(
        old,
        {
            ("stakeholders", None): {f"s{n}": f"t{n}" for n in range(0, count, 3)},
            ("events", None): {f"e{n}": f"f{n}" for n in range(1, count, 3)},
        },
    )
    started = time.perf_counter()
    found = changes.diff(old, renamed)
    with_renames = time.perf_counter() - started
    assert len(found) == len(range(0, count, 3)) + len(range(1, count, 3))
    started = time.perf_counter()
    changes.diff(old, record(count))
    return with_renames, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000, 20_000])
    parser.add_argument("--record", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    lines = [
        f"gpworkshop diff, Python {platform.python_version()}, {platform.machine()}, {os.cpu_count()} CPUs",
        "",
        f"{'objects':>9} {'renamed':>8} {'seconds':>8} {'per object':>11} {'no renames':>11} {'ratio':>6}",
    ]
    results: dict[int, tuple[float, float]] = {}
    for size in args.sizes:
        print(f"measuring {size} stakeholders and events…", file=sys.stderr)
        results[size] = with_renames, without = measure(size)
        objects = 2 * size
        lines.append(
            f"{objects:>9,} {len(range(0, size, 3)) + len(range(1, size, 3)):>8,} {with_renames:>8.2f} "
            f"{with_renames / objects * 1e6:>8.1f} µs {without:>10.2f}s {with_renames / without:>6.2f}"
        )
    largest = max(results)
    with_renames, without = results[largest]
    met = with_renames <= 3 * without and with_renames < 10
    lines += [
        "",
        f"target at {2 * largest:,} objects: renames within 3× a diff without, under 10 s: "
        + ("met" if met else f"NOT MET ({with_renames / without:.2f}×, {with_renames:.1f} s)"),
    ]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.record is not None:
        args.record.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
