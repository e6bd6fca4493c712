"""Measure gpworkshop's speed and memory against the libraries it builds on, pydantic v2 and msgspec.

Run from the project folder, after ``pip install -e ".[bench]"``::

    python benchmarks/run.py                  # 1k, 10k and 50k events, three runs each
    python benchmarks/run.py --sizes 1000 5000 --repeat 3
    python benchmarks/run.py --record docs/explanation/benchmark-results.txt

Prints one table: the median time of each operation over repeated runs, the
time per event, and ratios against the reference the targets name; then
each target with its measured ratio, and whether it is met.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
import platform
import statistics
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import cattrs
import msgspec
import orjson
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import rivals
import synthetic

import gpworkshop as gw
from gpworkshop import reports

ROOT = Path(__file__).resolve().parent.parent
AS_OF = dt.date(2030, 1, 1)


def median_seconds(action: Callable[[], Any], repeat: int, *, collector: bool = True) -> float:
    """The median wall time of *repeat* runs of *action*, with the garbage collector running or paused."""
    times = []
    for _ in range(repeat):
        gc.collect()
        if not collector:
            gc.disable()
        try:
            started = time.perf_counter()
            action()
            times.append(time.perf_counter() - started)
        finally:
            gc.enable()
    return statistics.median(times)


def plain_converter() -> cattrs.Converter:
    """Cattrs with only what the model needs to structure at all: no strictness, no locations."""
    converter = cattrs.Converter()
    converter.register_structure_hook(dt.date | dt.datetime, lambda value, _type: value)
    converter.register_structure_hook(dt.date | dt.datetime | None, lambda value, _type: value)
    converter.register_structure_hook(dt.date, lambda value, _type: value)
    return converter


def process_seconds(code: list[str], repeat: int, *, fastest: bool = False) -> float:
    """The wall time of a whole process, with bytecode caches written as an installed package has them.

    The median of *repeat* runs, or with *fastest* the minimum: the run least disturbed by the rest of the
    machine, which is what a difference of a few milliseconds between two processes is read from.
    """
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    run = lambda: subprocess.run(code, check=True, capture_output=True, env=environment)  # noqa: E731
    run()
    if not fastest:
        return median_seconds(run, repeat)
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


Row = tuple[str, int, float, str]
#: What must take the same time per event whatever the size of the record.
SCALING = (
    "gpworkshop loads json",
    "gpworkshop loads yaml",
    "gpworkshop dumps json",
    "gpworkshop dumps yaml",
    "gpworkshop validate",
    "outcome_report (one event)",
    "coverage_report (one event)",
    "stakeholder_matrix (one event)",
    "commitment_tracker",
)


def measure(size: int, repeat: int, rows: list[Row]) -> dict[str, float]:
    kb = synthetic.knowledge_base(size)
    json_text = gw.dumps(kb, "json")
    yaml_text = gw.dumps(kb, "yaml")
    json_bytes = json_text.encode()
    plain = plain_converter()
    body = lambda data: {key: value for key, value in data.items() if key != "gpworkshop"}  # noqa: E731
    record = rivals.PRecord.model_validate_json(json_bytes)
    struct = msgspec.json.decode(json_bytes, type=rivals.MRecord)
    timings: dict[str, float] = {}

    def time_it(name: str, action: Callable[[], Any], reference: str | None = None) -> None:
        seconds = median_seconds(action, repeat)
        timings[name] = seconds
        ratio = f"{seconds / timings[reference]:.2f}× {reference}" if reference else ""
        rows.append((name, size, seconds, ratio))

    def rival(name: str, action: Callable[[], Any]) -> None:
        # gpworkshop pauses the garbage collector while it works: a rival is timed as called and with it paused too.
        running = median_seconds(action, repeat)
        paused = median_seconds(action, repeat, collector=False)
        timings[name], timings[f"{name}{PAUSED}"] = running, paused
        rows.extend([(name, size, running, ""), (f"{name}{PAUSED}", size, paused, "")])

    rival("json.loads", lambda: json.loads(json_text))
    rival("orjson.loads", lambda: orjson.loads(json_bytes))
    rival("msgspec decode (Struct model)", lambda: msgspec.json.decode(json_bytes, type=rivals.MRecord))
    rival("pydantic model_validate_json", lambda: rivals.PRecord.model_validate_json(json_bytes))
    time_it("gpworkshop loads json", lambda: gw.loads(json_text, "json", as_of=AS_OF), "pydantic model_validate_json")
    rival("pydantic model_dump_json", lambda: record.model_dump_json(exclude_defaults=True))
    # The same text as gpworkshop writes: indented by two spaces, for people and diffs.
    rival("pydantic model_dump_json indent=2", lambda: record.model_dump_json(exclude_defaults=True, indent=2))
    rival("msgspec encode", lambda: msgspec.json.encode(struct))
    time_it("gpworkshop dumps json", lambda: gw.dumps(kb, "json"), "pydantic model_dump_json indent=2")
    rival("yaml.load CSafeLoader", lambda: yaml.load(yaml_text, Loader=yaml.CSafeLoader))
    rival(
        "CSafeLoader + plain cattrs",
        lambda: plain.structure(body(yaml.load(yaml_text, Loader=yaml.CSafeLoader)), gw.KnowledgeBase),
    )
    time_it("gpworkshop loads yaml", lambda: gw.loads(yaml_text, "yaml", as_of=AS_OF), "CSafeLoader + plain cattrs")
    rival("yaml.dump CSafeDumper", lambda: yaml.dump(gw.unstructure(kb), Dumper=yaml.CSafeDumper))
    time_it("gpworkshop dumps yaml", lambda: gw.dumps(kb, "yaml"), "yaml.dump CSafeDumper")
    time_it("gpworkshop validate", lambda: gw.validate(kb, as_of=AS_OF), "gpworkshop loads json")
    first = kb.events[0].id
    time_it("outcome_report (one event)", lambda: reports.outcome_report(kb, first), "gpworkshop loads json")
    time_it("coverage_report (one event)", lambda: reports.coverage_report(kb, first), "gpworkshop loads json")
    time_it(
        "stakeholder_matrix (one event)", lambda: reports.stakeholder_matrix(kb, event=first), "gpworkshop loads json"
    )
    time_it("commitment_tracker", lambda: reports.commitment_tracker(kb, as_of=AS_OF), "gpworkshop loads json")
    tracker = reports.commitment_tracker(kb, as_of=AS_OF)
    for format_ in reports.FORMATS:
        time_it(f"render tracker as {format_}", lambda f=format_: reports.render(tracker, f))
    if size <= 2000:
        # The whole matrix has a cell per stakeholder and event: it grows with their product, not with events.
        time_it("stakeholder_matrix (every event)", lambda: reports.stakeholder_matrix(kb))
    tracemalloc.start()
    gw.loads(json_text, "json", as_of=AS_OF)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    rows.append(("peak memory of loads json, per event (KiB)", size, peak / size / 1024, ""))
    return timings


#: The targets: (what, measured, reference, at most this ratio of it).
TARGETS = (
    ("JSON load against pydantic", "gpworkshop loads json", "pydantic model_validate_json", 1.0),
    ("JSON dump against pydantic (same text)", "gpworkshop dumps json", "pydantic model_dump_json indent=2", 2.0),
    ("YAML load against libyaml + plain cattrs", "gpworkshop loads yaml", "CSafeLoader + plain cattrs", 1.15),
    ("validate against load", "gpworkshop validate", "gpworkshop loads json", 1.0),
    ("outcome_report against load", "outcome_report (one event)", "gpworkshop loads json", 1.0),
    ("coverage_report against load", "coverage_report (one event)", "gpworkshop loads json", 1.0),
    ("stakeholder_matrix (one event) against load", "stakeholder_matrix (one event)", "gpworkshop loads json", 1.0),
    ("commitment_tracker against load", "commitment_tracker", "gpworkshop loads json", 1.0),
)
IMPORT_BUDGET = 0.015
PAUSED = ", collector paused"
SCALING_BUDGET = 1.15


def table(rows: list[Row]) -> list[str]:
    lines = [f"{'operation':<52} {'events':>7} {'median':>10} {'per event':>11}  ratio"]
    for name, size, value, ratio in rows:
        if name.startswith("peak memory"):
            lines.append(f"{name:<52} {size:>7} {value:>9.1f}K")
        else:
            per_event = f"{value / size * 1e6:>8.1f} µs" if size else ""
            lines.append(f"{name:<52} {size or '':>7} {value * 1000:>8.1f}ms {per_event:>11}  {ratio}".rstrip())
    return lines


def verdict(holds: bool) -> str:
    return "met" if holds else "NOT MET"


def targets(per_size: dict[int, dict[str, float]], import_cost: float) -> list[str]:
    lines = ["targets:"]
    for what, measured, reference, budget in TARGETS:
        for size, timings in sorted(per_size.items()):
            for against, label in ((reference, ""), (f"{reference}{PAUSED}", " (rival's collector paused)")):
                if against in timings:
                    ratio = timings[measured] / timings[against]
                    what_at = f"{what}{label}, {size} events"
                    lines.append(f"  {what_at:<76} {ratio:5.2f}× (at most {budget}×) {verdict(ratio <= budget)}")
    sizes = sorted(per_size)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        for name in SCALING:
            ratio = (per_size[large][name] / large) / (per_size[small][name] / small)
            what = f"{name}: time per event at {large} against {small}"
            lines.append(f"  {what:<76} {ratio:5.2f}× (at most {SCALING_BUDGET}×) {verdict(ratio <= SCALING_BUDGET)}")
    what = "import gpworkshop over its dependencies"
    lines.append(
        f"  {what:<76} {import_cost * 1000:5.1f} ms (at most {IMPORT_BUDGET * 1000:.0f} ms) "
        f"{verdict(import_cost <= IMPORT_BUDGET)}"
    )
    return lines


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=3, help="runs of each operation (halved at 50,000 events)")
    parser.add_argument("--record", type=Path, metavar="FILE", help="also write the table to FILE")
    args = parser.parse_args()
    rows: list[Row] = []
    per_size: dict[int, dict[str, float]] = {}
    for size in args.sizes:
        print(f"measuring {size} events…", file=sys.stderr)
        per_size[size] = measure(size, args.repeat if size < 50_000 else max(args.repeat // 2, 1), rows)

    python = sys.executable
    deps = process_seconds([python, "-c", "import attrs, cattrs, yaml"], 61, fastest=True)
    ours = process_seconds([python, "-c", "import gpworkshop"], 61, fastest=True)
    seed = str(ROOT / "examples" / "busan-gp-workshop-2014.yaml")
    validate = process_seconds([python, "-m", "gpworkshop", "validate", seed], 5)
    rows += [
        ("python -c 'import attrs, cattrs, yaml'", 0, deps, ""),
        ("python -c 'import gpworkshop'", 0, ours, f"+{(ours - deps) * 1000:.1f} ms over the dependencies"),
        (
            "gpworkshop validate <seed> (whole process)",
            0,
            validate,
            f"{validate / deps:.2f}× importing the dependencies",
        ),
    ]
    machine = (
        f"{dt.date.today()}, Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs, "
        f"libyaml {'yes' if yaml.__with_libyaml__ else 'no'}; "
        f"benchmarks/run.py --sizes {' '.join(map(str, args.sizes))} --repeat {args.repeat}"
    )
    lines = [machine, "", *table(rows), "", *targets(per_size, ours - deps)]
    print("\n".join(lines))
    if args.record is not None:
        args.record.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
