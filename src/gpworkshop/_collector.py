"""Pausing Python's cyclic garbage collector while a large record is built or read.

Reading a record allocates hundreds of thousands of dicts, lists and model
objects, none of them in a reference cycle. Each allocation counts towards
the collector's thresholds, so it runs again and again, and its oldest
generation walks every object built so far: time per event then grows with
the size of the record. Reference counting frees everything these functions
drop, so the collector has nothing to find; it is paused for their duration
and restored afterwards. Another thread may restart it early, which costs
speed only.
"""

from __future__ import annotations

import functools
import gc
from collections.abc import Callable
from typing import ParamSpec, TypeVar

__all__ = ["collector_paused"]

P = ParamSpec("P")
R = TypeVar("R")


def collector_paused(function: Callable[P, R]) -> Callable[P, R]:
    """*function*, run with the garbage collector paused; a collector already paused stays paused."""

    @functools.wraps(function)
    def paused(*args: P.args, **kwargs: P.kwargs) -> R:
        if not gc.isenabled():
            return function(*args, **kwargs)
        gc.disable()
        try:
            return function(*args, **kwargs)
        finally:
            gc.enable()

    return paused
