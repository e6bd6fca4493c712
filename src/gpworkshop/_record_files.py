"""Which files a path names as a record: a file, or a folder searched for record files and folders of tables.

A folder received from someone else is read for what it holds, not for what it points to: links out of it, and
anything that is not a regular file, are refused with a problem that says why.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path

from gpworkshop import codes, formats
from gpworkshop._files import irregular, outside
from gpworkshop.errors import FormatError, Problem

__all__ = ["expand"]

_PathLike = str | os.PathLike[str]


def expand(
    paths: _PathLike | Iterable[_PathLike], problems: list[Problem], format: str | None = None
) -> list[tuple[Path, str | None]]:
    """The record files and folders named by *paths*, with their formats; folders are searched.

    A folder holding a format's marker file (``datapackage.json``) is one
    record; other folders are searched for record files and such folders.
    When *format* is given, every path is read in it, whatever its suffix.
    What cannot be a record goes to *problems*.
    """
    given = [paths] if isinstance(paths, str | os.PathLike) else list(paths)
    found: list[tuple[Path, str | None]] = []
    suffixes = formats.readable()
    markers = formats.markers()
    known = ", ".join(suffixes)
    for item in map(Path, given):
        source = os.fspath(item)
        if format is not None and (item.exists() and (item.is_file() or formats.get(format).marker)):
            found.append((item, format))
        elif item.is_dir() and not any((item / marker).is_file() for marker in markers):
            inside = _search(item, suffixes, markers, problems)
            if format is not None:
                inside = [(path, kind if path.is_dir() else format) for path, kind in inside]
            if not inside:
                message = f"the folder holds no record files (files ending in {known}, or tables with a {markers[0]})"
                problems.append(Problem(code=codes.UNREADABLE, message=message, source=source))
            found.extend(inside)
        elif not item.exists():
            message = "no such file or folder" if not item.is_symlink() else "the link points to nothing"
            problems.append(Problem(code=codes.UNREADABLE, message=f"cannot read the file: {message}", source=source))
        else:
            try:
                found.append((item, formats.for_path(item).name))
            except FormatError:
                message = f"cannot tell the format of the file: record files end in {known}"
                problems.append(Problem(code=codes.UNREADABLE, message=message, source=source))
    return found


def _search(
    folder: Path, suffixes: tuple[str, ...], markers: tuple[str, ...], problems: list[Problem]
) -> list[tuple[Path, str | None]]:
    """The records in *folder* and below, in name order: files, and folders that are records of tables.

    Folders that are links are not searched, and a file that is a link to a place outside *folder* is not
    read: a folder received from someone else is read for what it holds, not for what it points to.
    """
    packages = sorted({path.parent for marker in markers for path in folder.rglob(marker) if path.is_file()})
    found: list[tuple[Path, str | None]] = []
    for path in sorted({*packages, *folder.rglob("*")}):
        if path in packages:
            kept = _kept(path / markers[0] if path.is_dir() else path, folder, problems)
        elif path.suffix.lower() not in suffixes or any(p in packages for p in path.parents) or path.is_dir():
            continue
        else:
            kept = _kept(path, folder, problems)
        if kept:
            found.append((path, formats.for_path(path).name))
    return sorted(found)


def _kept(path: Path, folder: Path, problems: list[Problem]) -> bool:
    """Whether the file *path*, found in *folder*, is read; if it is not, a problem says why."""
    problem = outside(path, folder, os.fspath(path)) or irregular(path, os.fspath(path))
    if problem is not None:
        problems.append(problem)
    return problem is None
