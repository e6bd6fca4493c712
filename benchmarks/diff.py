"""Measure ``gpworkshop diff`` on records whose ids were renamed: its time, and the time per object.

Run from the project folder, after ``pip install -e .``::

    python benchmarks/diff.py                     # 500, 1,000, 2,000 and 20,000 objects
    python benchmarks/diff.py --sizes 1000 50000
    python benchmarks/diff.py --record docs/explanation/diff-benchmark-results.txt

Each record has as many stakeholders as events, each stakeholder part of the
one before and organiser of one event, which holds one commitment of it; a
third of the stakeholders and a third of the events are renamed in the
second version. A diff finds each rename by looking objects up by their
content, so its time per object stays flat as records grow. A third version
changes a field of each renamed object too (a stakeholder's website, an
event's last day), so that every rename is found among objects nearly alike,
each compared only with those that share a rare word of its name. The
target: at 40,000 objects, a diff with renames, changed or not, within 3
times the time of one without, and under 10 seconds.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import sys
import time
from pathlib import Path

import attrs

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


def measure(count: int) -> tuple[float, float, float]:
    """Seconds to diff a record of *count* stakeholders and events: a third renamed, renamed and changed, none."""
    old = record(count)
    renamed = references.renamed_all(
        old,
        {
            ("stakeholders", None): {f"s{n}": f"t{n}" for n in range(0, count, 3)},
            ("events", None): {f"e{n}": f"f{n}" for n in range(1, count, 3)},
        },
    )
    changed = attrs.evolve(
        renamed,
        stakeholders=tuple(
            attrs.evolve(s, website=f"https://example.org/{s.id}") if s.id.startswith("t") else s
            for s in renamed.stakeholders
        ),
        events=tuple(attrs.evolve(e, end=dt.date(2024, 1, 2)) if e.id.startswith("f") else e for e in renamed.events),
    )
    expected = len(range(0, count, 3)) + len(range(1, count, 3))
    timings = []
    for new in (renamed, changed):
        started = time.perf_counter()
        found = changes.diff(old, new)
        timings.append(time.perf_counter() - started)
        assert expected == len(found)
        assert {"renamed"} == {change.action for change in found}
    started = time.perf_counter()
    changes.diff(old, record(count))
    return timings[0], timings[1], time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 1000, 2000, 20_000])
    parser.add_argument("--record", type=Path, help="also write the table to this file")
    args = parser.parse_args()
    lines = [
        f"gpworkshop diff, {dt.date.today()}, Python {platform.python_version()}, {platform.machine()}, "
        f"{os.cpu_count()} CPUs; benchmarks/diff.py --sizes {' '.join(map(str, args.sizes))}",
        "",
        f"{'objects':>9} {'renamed':>8} {'seconds':>8} {'per object':>11} {'and changed':>12} {'no renames':>11} "
        f"{'ratio':>6}",
    ]
    results: dict[int, tuple[float, float, float]] = {}
    for size in args.sizes:
        print(f"measuring {size} stakeholders and events…", file=sys.stderr)
        results[size] = with_renames, with_changes, without = measure(size)
        objects = 2 * size
        lines.append(
            f"{objects:>9,} {len(range(0, size, 3)) + len(range(1, size, 3)):>8,} {with_renames:>8.2f} "
            f"{with_renames / objects * 1e6:>8.1f} µs {with_changes:>11.2f}s {without:>10.2f}s "
            f"{max(with_renames, with_changes) / without:>6.2f}"
        )
    largest = max(results)
    slowest = max(results[largest][:2])
    without = results[largest][2]
    met = slowest <= 3 * without and slowest < 10
    lines += [
        "",
        f"target at {2 * largest:,} objects: renames, changed or not, within 3× a diff without, under 10 s: "
        + ("met" if met else f"NOT MET ({slowest / without:.2f}×, {slowest:.1f} s)"),
    ]
    text = "\n".join(lines) + "\n"
    print(text, end="")
    if args.record is not None:
        args.record.write_text(text, encoding="utf-8")


if __name__ == "__main__":
    main()
