"""Opening the files a record is read from: regular files only, inside their folder, within the size limit.

Every reader goes through :func:`read_file`, so that what a file is and
where it lies are checked once, the same way, before anything is read:

- a named pipe, a device or a socket is refused before a byte is read
  (it is opened without waiting, then looked at), as reading it could
  wait forever or never end;
- a file found inside a folder (a table of a data package, a record in
  a folder of records) must lie inside that folder once links are
  followed: a link to ``/etc/passwd`` or to a folder elsewhere is not
  read, and nothing of it is quoted;
- a file larger than :data:`gpworkshop.limits.FILE_BYTES` is refused
  before it is read, and reading stops there should it grow meanwhile.

A file named by the user, on the command line or to :func:`gpworkshop.load`,
may be a link to anywhere: the user chose it.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from gpworkshop import codes, limits
from gpworkshop._parsed import unreadable
from gpworkshop.errors import Problem

__all__ = ["file_head", "irregular", "outside", "read_file"]

# Opening a named pipe without O_NONBLOCK waits for a writer; with it, the open returns at once.
_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISCHR, "a device"),
    (stat.S_ISBLK, "a device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_file(path: Path, source: str, *, within: Path | None = None, limit: int | None = None) -> bytes | Problem:
    """The bytes of the regular file *path*, or the problem that keeps it from being read.

    *source* names the file in the problem. With *within*, the file must lie
    inside that folder once links are followed. *limit* is the most bytes it
    may hold, :data:`~gpworkshop.limits.FILE_BYTES` unless given.
    """
    limit = limits.FILE_BYTES if limit is None else limit
    refused = None if within is None else outside(path, within, source)
    if refused is not None:
        return refused
    opened = _open(path, source, limit)
    if isinstance(opened, Problem):
        return opened
    with os.fdopen(opened, "rb") as file:
        data = file.read(limit + 1)
    if len(data) > limit:
        return _too_big(source, limit)
    return data


def file_head(path: Path, size: int) -> bytes | None:
    """The first *size* bytes of the regular file *path*, or ``None`` if it is not one or cannot be read."""
    opened = _open(path, os.fspath(path), limits.FILE_BYTES)
    if isinstance(opened, Problem):
        return None
    with os.fdopen(opened, "rb") as file:
        return file.read(size)


def outside(path: Path, folder: Path, source: str) -> Problem | None:
    """The problem of a *path* that lies outside *folder* once every link is followed, or ``None``."""
    try:
        inside = Path(os.path.realpath(path)).is_relative_to(os.path.realpath(folder))
    except (OSError, ValueError):
        inside = False
    if inside:
        return None
    message = (
        f"the file is a link to a place outside the folder {os.fspath(folder)!r}, which is not followed; "
        "copy the file into the folder instead"
    )
    return Problem(code=codes.UNREADABLE, message=message, source=source)


def irregular(path: Path, source: str) -> Problem | None:
    """The problem of a *path* that is not a regular file once links are followed (a pipe, a device), or ``None``."""
    try:
        return _irregular(path.stat().st_mode, source)
    except (OSError, ValueError):
        return None


def _irregular(mode: int, source: str) -> Problem | None:
    if stat.S_ISREG(mode):
        return None
    kind = next((name for test, name in _KINDS if test(mode)), "not a regular file")
    message = f"cannot read the file: it is {kind}, not a regular file"
    return Problem(code=codes.UNREADABLE, message=message, source=source)


def _open(path: Path, source: str, limit: int) -> int | Problem:
    """A descriptor of the regular file *path*, opened for reading, or the problem that keeps it closed."""
    try:
        descriptor = os.open(path, _FLAGS)
    except OSError as error:
        return unreadable(source, error)
    except ValueError:
        return Problem(code=codes.UNREADABLE, message="cannot read the file: its name holds a NUL byte", source=source)
    try:
        status = os.fstat(descriptor)
    except OSError as error:
        os.close(descriptor)
        return unreadable(source, error)
    refused = _irregular(status.st_mode, source)
    if refused is not None:
        os.close(descriptor)
        return refused
    if status.st_size > limit:
        os.close(descriptor)
        return _too_big(source, limit)
    return descriptor


def _too_big(source: str, limit: int) -> Problem:
    message = (
        f"the file is larger than {limits.size(limit)}, the most a file of a record may be; "
        "split the record over several files"
        if limit == limits.FILE_BYTES
        else f"the file is larger than {limits.size(limit)}, the most a file of its kind may be"
    )
    return Problem(code=codes.LIMIT, message=message, source=source)
