"""Atomic file writes: the new content in full, or the old file untouched."""

from __future__ import annotations

import os
from pathlib import Path

from gpworkshop.errors import WriteError

__all__ = ["write_atomically"]


def write_atomically(target: Path, text: str) -> None:
    """Replace *target* with *text* in one step, or leave it untouched."""
    import tempfile  # noqa: PLC0415  (with shutil and random behind it, needed only when writing)

    handle = None
    try:
        handle = tempfile.NamedTemporaryFile(  # noqa: SIM115  (closed below, before the rename)
            "w",
            encoding="utf-8",
            newline="\n",
            dir=target.parent,
            prefix=f".{target.name}.",
            suffix=".tmp",
            delete=False,
        )
        with handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
            os.chmod(handle.name, _mode_for(target))
        os.replace(handle.name, target)
    except BaseException as error:
        if handle is not None:
            Path(handle.name).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write {os.fspath(target)!r}: {error}") from error
        raise


def _mode_for(target: Path) -> int:
    """The permissions the file should have: those of the file it replaces, or the usual ones for a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask
