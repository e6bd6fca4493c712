"""What every benchmark shares: timing, its options, the line that names the machine, and the verdict on targets."""

from __future__ import annotations

import argparse
import datetime as dt
import gc
import os
import platform
import statistics
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

#: The date records are judged against, so that nothing depends on the day of the run.
AS_OF = dt.date(2030, 1, 1)
#: Time per event (or talk) at the largest size, against the smallest, at most.
SCALING_BUDGET = 1.15


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


def arguments(description: str, sizes: list[int], repeat: str) -> argparse.Namespace:
    """The options of a benchmark: the sizes measured, how many runs of each operation, and a file to record to."""
    parser = argparse.ArgumentParser(description=description.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=sizes)
    parser.add_argument("--repeat", type=int, default=3, help=repeat)
    parser.add_argument("--record", type=Path, metavar="FILE", help="also write the results to FILE")
    return parser.parse_args()


def machine(script: str, options: argparse.Namespace, *, more: str = "") -> str:
    """The first line of the results: the date, the machine, and the command that measured them."""
    sizes = " ".join(map(str, options.sizes))
    return (
        f"{dt.date.today()}, Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs"
        f"{more}; benchmarks/{script} --sizes {sizes} --repeat {options.repeat}"
    )


class Verdicts:
    """The lines that give each target its measured value and verdict, and one line that sums up what is missed."""

    def __init__(self, width: int) -> None:
        self.width = width
        self.lines: list[str] = []
        self.missed: list[str] = []

    def check(self, what: str, measured: float, budget: float, unit: str = "×") -> None:
        """Add the target *what*: *measured* against at most *budget*, in *unit*."""
        shown = f"{measured:5.2f}{unit}" if unit == "×" else f"{measured:5.1f}{unit}"
        verdict = "met" if measured <= budget else "NOT MET"
        self.lines.append(f"  {what:<{self.width}} {shown} (at most {budget:g}{unit}) {verdict}")
        if measured > budget:
            over = f"+{measured / budget - 1:.0%}"
            self.missed.append(f"{what} {measured:.2f}{unit.strip()} for {budget:g}{unit.strip()} ({over})")

    def scaling(self, per_size: dict[int, dict[str, float]], names: tuple[str, ...], unit: str = "event") -> None:
        """Add a target for each of *names*: the same time per *unit* at the largest size as at the smallest."""
        sizes = sorted(per_size)
        if len(sizes) < 2:
            return
        small, large = sizes[0], sizes[-1]
        for name in names:
            ratio = (per_size[large][name] / large) / (per_size[small][name] / small)
            self.check(f"{name}: time per {unit} at {large} against {small}", ratio, SCALING_BUDGET)

    def summary(self) -> str:
        """One line that names every target not met, and by how much."""
        if not self.missed:
            return "every target met"
        return f"NOT MET ({len(self.missed)}): " + "; ".join(self.missed)


def report(lines: list[str], record: Path | None) -> None:
    """Print the results, and write them to *record* when it is given."""
    print("\n".join(lines))
    if record is not None:
        record.write_text("\n".join(lines) + "\n", encoding="utf-8")
