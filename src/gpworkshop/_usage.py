"""The error of a command line that asks for something that cannot be done, shared by the modules of the CLI."""

from __future__ import annotations

__all__ = ["UsageError"]


class UsageError(Exception):
    """The command line asks for something that cannot be done; the command exits with status 2."""
