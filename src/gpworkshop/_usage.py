"""What the modules of the command line share: the error of a command line that cannot be done, and dates."""

from __future__ import annotations

import argparse
import datetime as dt

__all__ = ["UsageError", "day"]


class UsageError(Exception):
    """The command line asks for something that cannot be done; the command exits with status 2."""


def day(text: str) -> dt.date:
    """The date an option gives, in ISO 8601 (``2024-11-06``)."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date such as 2024-11-06, got {text!r}") from None
