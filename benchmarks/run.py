"""Measure gpworkshop's speed and memory against the libraries it builds on, pydantic v2 and msgspec.

Run from the project folder, after ``pip install -e ".[bench]"``::

    python benchmarks/run.py                  # 1k, 10k and 50k events
    python benchmarks/run.py --sizes 1000 5000 --repeat 3

Prints one table: the median time of each operation over repeated runs, the
time per event, and ratios against the reference the targets name.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import json
import os
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


def median_seconds(action: Callable[[], Any], repeat: int) -> float:
    """The median wall time of *repeat* runs of *action*."""
    times = []
    for _ in range(repeat):
        gc.collect()
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def plain_converter() -> cattrs.Converter:
    """Cattrs with only what the model needs to structure at all: no strictness, no locations."""
    converter = cattrs.Converter()
    converter.register_structure_hook(dt.date | dt.datetime, lambda value, _type: value)
    converter.register_structure_hook(dt.date | dt.datetime | None, lambda value, _type: value)
    converter.register_structure_hook(dt.date, lambda value, _type: value)
    return converter


def process_seconds(code: list[str], repeat: int) -> float:
    """The median wall time of a whole process, with bytecode caches written as an installed package has them."""
    environment = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    run = lambda: subprocess.run(code, check=True, capture_output=True, env=environment)  # noqa: E731
    run()
    return median_seconds(run, repeat)


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

    time_it("json.loads", lambda: json.loads(json_text))
    time_it("orjson.loads", lambda: orjson.loads(json_bytes))
    time_it("msgspec decode (Struct model)", lambda: msgspec.json.decode(json_bytes, type=rivals.MRecord))
    time_it("pydantic model_validate_json", lambda: rivals.PRecord.model_validate_json(json_bytes))
    time_it("gpworkshop loads json", lambda: gw.loads(json_text, "json", as_of=AS_OF), "pydantic model_validate_json")
    time_it("pydantic model_dump_json", lambda: record.model_dump_json(exclude_defaults=True))
    # The same text as gpworkshop writes: indented by two spaces, for people and diffs.
    time_it("pydantic model_dump_json indent=2", lambda: record.model_dump_json(exclude_defaults=True, indent=2))
    time_it("msgspec encode", lambda: msgspec.json.encode(struct))
    time_it("gpworkshop dumps json", lambda: gw.dumps(kb, "json"), "pydantic model_dump_json indent=2")
    time_it("yaml.load CSafeLoader", lambda: yaml.load(yaml_text, Loader=yaml.CSafeLoader))
    time_it(
        "CSafeLoader + plain cattrs",
        lambda: plain.structure(body(yaml.load(yaml_text, Loader=yaml.CSafeLoader)), gw.KnowledgeBase),
    )
    time_it("gpworkshop loads yaml", lambda: gw.loads(yaml_text, "yaml", as_of=AS_OF), "CSafeLoader + plain cattrs")
    time_it("yaml.dump CSafeDumper", lambda: yaml.dump(gw.unstructure(kb), Dumper=yaml.CSafeDumper))
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10_000, 50_000])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    rows: list[Row] = []
    per_size: dict[int, dict[str, float]] = {}
    for size in args.sizes:
        print(f"measuring {size} events…", file=sys.stderr)
        per_size[size] = measure(size, args.repeat if size < 50_000 else max(args.repeat // 2, 1), rows)

    python = sys.executable
    deps = process_seconds([python, "-c", "import attrs, cattrs, yaml"], 10)
    ours = process_seconds([python, "-c", "import gpworkshop"], 10)
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

    print(f"{'operation':<46} {'events':>7} {'median':>10} {'per event':>11}  ratio")
    for name, size, value, ratio in rows:
        if name.startswith("peak memory"):
            print(f"{name:<46} {size:>7} {value:>9.1f}K {'':>11}  {ratio}")
        else:
            per_event = f"{value / size * 1e6:>8.1f} µs" if size else ""
            print(f"{name:<46} {size or '':>7} {value * 1000:>8.1f}ms {per_event:>11}  {ratio}")
    sizes = sorted(per_size)
    if len(sizes) > 1:
        small, large = sizes[0], sizes[-1]
        print(f"\nscaling: time per event at {large} against {small}")
        for name in SCALING:
            ratio = (per_size[large][name] / large) / (per_size[small][name] / small)
            print(f"  {name:<40} {ratio:.2f}×")
    return 0


if __name__ == "__main__":
    sys.exit(main())
