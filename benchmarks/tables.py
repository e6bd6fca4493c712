"""Measure the tables formats: export and import of CSV, Excel, Parquet and JSON Lines against JSON.

Run from the project folder, after ``pip install -e ".[bench,xlsx,parquet]"``::

    python benchmarks/tables.py                  # 1k, 10k and 50k events
    python benchmarks/tables.py --sizes 1000 10000 --repeat 3
    python benchmarks/tables.py --record docs/explanation/table-benchmark-results.txt

Each format's round trip (write the record, read it back) is set beside
gpworkshop's own JSON round trip (``dumps`` then ``loads``) of the same
record, and the time per event is compared across sizes. The targets: CSV
and Parquet within 1.5× of JSON, the workbook within 8×; JSON Lines is
measured beside them.
"""

from __future__ import annotations

import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic
from measuring import AS_OF, Verdicts, arguments, machine, median_seconds, report

import gpworkshop as gw

FORMATS = ("csv", "parquet", "jsonl", "xlsx")
#: At most this many times gpworkshop's JSON round trip.
TARGETS = {"csv": 1.5, "parquet": 1.5, "xlsx": 8.0}


def measure(size: int, repeat: int, folder: Path) -> dict[str, float]:
    kb = synthetic.knowledge_base(size)
    timings: dict[str, float] = {}
    text = gw.dumps(kb, "json")
    timings["json dumps"] = median_seconds(lambda: gw.dumps(kb, "json"), repeat)
    timings["json loads"] = median_seconds(lambda: gw.loads(text, "json", as_of=AS_OF), repeat)
    timings["json"] = timings["json dumps"] + timings["json loads"]
    for format_ in FORMATS:
        path = folder / f"{size}-{format_}" / ("record.xlsx" if format_ == "xlsx" else "record")
        path.parent.mkdir(parents=True, exist_ok=True)
        save: Callable[[], Any] = lambda p=path, f=format_: gw.dump(kb, p, format=f)  # noqa: E731
        timings[f"{format_} export"] = median_seconds(save, repeat)
        read: Callable[[], Any] = lambda p=path: gw.load(p, as_of=AS_OF)  # noqa: E731
        timings[f"{format_} import"] = median_seconds(read, repeat)
        timings[format_] = timings[f"{format_} export"] + timings[f"{format_} import"]
        assert gw.load(path) == kb, format_
    return timings


def main() -> int:
    args = arguments(__doc__, [1000, 10_000, 50_000], "runs of each operation (one at 50,000 events)")
    per_size: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        for size in args.sizes:
            print(f"measuring {size} events…", file=sys.stderr)
            per_size[size] = measure(size, args.repeat if size < 50_000 else 1, Path(folder))
    names = ["json dumps", "json loads"] + [f"{f} {verb}" for f in FORMATS for verb in ("export", "import")]
    lines = [machine("tables.py", args), "", f"{'operation':<22} {'events':>7} {'median':>10} {'per event':>11}"]
    for size, timings in sorted(per_size.items()):
        for name in names:
            seconds = timings[name]
            lines.append(f"{name:<22} {size:>7} {seconds * 1000:>8.1f}ms {seconds / size * 1e6:>8.1f} µs")
    verdicts = Verdicts(52)
    for size, timings in sorted(per_size.items()):
        for format_ in FORMATS:
            ratio = timings[format_] / timings["json"]
            what = f"{format_} round trip against JSON, {size} events"
            if format_ in TARGETS:
                verdicts.check(what, ratio, TARGETS[format_])
            else:
                verdicts.lines.append(f"  {what:<52} {ratio:5.2f}× (no target)")
    verdicts.scaling(per_size, ("json", *FORMATS))
    heading = "targets (round trip: export then import, against gpworkshop's dumps then loads of JSON):"
    report([*lines, "", heading, *verdicts.lines, "", verdicts.summary()], args.record)
    return 0


if __name__ == "__main__":
    sys.exit(main())
