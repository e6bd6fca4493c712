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

import datetime as dt
import json
import os
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path
from typing import Any

import msgspec
import orjson
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))

import rivals
import synthetic
from measuring import AS_OF, Verdicts, arguments, machine, median_seconds, report

import gpworkshop as gw
from gpworkshop import reports

ROOT = Path(__file__).resolve().parent.parent


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
    time_it("gpworkshop loads json", lambda: gw.loads(json_text, "json", as_of=AS_OF), MSGSPEC)
    rival("pydantic model_dump_json", lambda: record.model_dump_json(exclude_defaults=True))
    # The same text as gpworkshop writes: indented by two spaces, for people and diffs.
    rival("pydantic model_dump_json indent=2", lambda: record.model_dump_json(exclude_defaults=True, indent=2))
    rival("msgspec encode", lambda: msgspec.json.encode(struct))
    time_it("gpworkshop dumps json", lambda: gw.dumps(kb, "json"), "pydantic model_dump_json indent=2")
    if size <= PYYAML_AT_MOST:
        # PyYAML's own loader and dumper, for comparison: minutes a run at the largest size, so left out there.
        rival("yaml.load CSafeLoader", lambda: yaml.load(yaml_text, Loader=yaml.CSafeLoader))
        rival("yaml.dump CSafeDumper", lambda: yaml.dump(gw.unstructure(kb), Dumper=yaml.CSafeDumper))
    time_it("gpworkshop loads yaml", lambda: gw.loads(yaml_text, "yaml", as_of=AS_OF), MSGSPEC)
    time_it("gpworkshop dumps yaml", lambda: gw.dumps(kb, "yaml"), "gpworkshop dumps json")
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


PAUSED = ", collector paused"
#: The reference of loading: msgspec decoding the same JSON into typed Structs, with the collector paused, as
#: gpworkshop pauses it.
MSGSPEC = f"msgspec decode (Struct model){PAUSED}"
#: The largest record PyYAML's loader and dumper are measured on.
PYYAML_AT_MOST = 10_000
#: The targets: (what, measured, reference, at most this ratio of it).
TARGETS = (
    ("JSON load against msgspec", "gpworkshop loads json", MSGSPEC, 3.0),
    ("JSON load against msgspec: the goal, pydantic's own ratio", "gpworkshop loads json", MSGSPEC, 2.0),
    ("YAML load against msgspec on JSON", "gpworkshop loads yaml", MSGSPEC, 12.0),
    ("JSON dump against pydantic (same text)", "gpworkshop dumps json", "pydantic model_dump_json indent=2", 1.0),
    ("validate against load", "gpworkshop validate", "gpworkshop loads json", 0.3),
    ("outcome_report against load", "outcome_report (one event)", "gpworkshop loads json", 1.0),
    ("coverage_report against load", "coverage_report (one event)", "gpworkshop loads json", 1.0),
    ("stakeholder_matrix (one event) against load", "stakeholder_matrix (one event)", "gpworkshop loads json", 1.0),
    ("commitment_tracker against load", "commitment_tracker", "gpworkshop loads json", 0.6),
)
IMPORT_BUDGET = 0.015


def table(rows: list[Row]) -> list[str]:
    lines = [f"{'operation':<52} {'events':>7} {'median':>10} {'per event':>11}  ratio"]
    for name, size, value, ratio in rows:
        if name.startswith("peak memory"):
            lines.append(f"{name:<52} {size:>7} {value:>9.1f}K")
        else:
            per_event = f"{value / size * 1e6:>8.1f} µs" if size else ""
            lines.append(f"{name:<52} {size or '':>7} {value * 1000:>8.1f}ms {per_event:>11}  {ratio}".rstrip())
    return lines


#: The ratios followed from one measurement to the next, on the Performance page: (label, measured, reference).
HISTORY = (
    ("JSON load / msgspec", "gpworkshop loads json", MSGSPEC),
    ("YAML load / msgspec", "gpworkshop loads yaml", MSGSPEC),
    ("JSON dump / pydantic", "gpworkshop dumps json", "pydantic model_dump_json indent=2"),
    ("validate / load", "gpworkshop validate", "gpworkshop loads json"),
    ("tracker / load", "commitment_tracker", "gpworkshop loads json"),
)


def targets(per_size: dict[int, dict[str, float]], import_cost: float) -> list[str]:
    """Each target with its measured ratio; then one line that names every target not met, and by how much."""
    verdicts = Verdicts(76)
    for what, measured, reference, budget in TARGETS:
        for size, timings in sorted(per_size.items()):
            verdicts.check(f"{what}, {size} events", timings[measured] / timings[reference], budget)
    verdicts.scaling(per_size, SCALING)
    verdicts.check("import gpworkshop over its dependencies", import_cost * 1000, IMPORT_BUDGET * 1000, " ms")
    return ["targets:", *verdicts.lines, "", verdicts.summary()]


def history(per_size: dict[int, dict[str, float]]) -> list[str]:
    """The row of the Performance page's history of the main ratios: at 10,000 events, or the largest size below."""
    size = max((size for size in per_size if size <= 10_000), default=min(per_size))
    timings = per_size[size]
    cells = [f"{timings[measured] / timings[reference]:.2f}×" for _, measured, reference in HISTORY]
    return [
        f"main ratios at {size} events ({', '.join(label for label, _, _ in HISTORY)}):",
        f"  {dt.date.today()}  {'  '.join(cells)}",
    ]


def main() -> int:
    args = arguments(__doc__, [1000, 10_000, 50_000], "runs of each operation (halved at 50,000 events)")
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
    header = machine("run.py", args, more=f", libyaml {'yes' if yaml.__with_libyaml__ else 'no'}")
    report([header, "", *table(rows), "", *history(per_size), "", *targets(per_size, ours - deps)], args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
