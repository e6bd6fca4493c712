"""Atomic file writes: the new content in full, or the old file untouched."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from gpworkshop.errors import WriteError

__all__ = ["write_all", "write_atomically", "write_folder"]


def write_atomically(target: Path, text: str | bytes) -> None:
    """Replace *target* with *text* (or bytes) in one step, or leave it untouched.

    The text is written to a new file beside the one it replaces, which is
    then renamed over it. A symbolic link is kept: the file it points to is
    replaced. A FIFO or a device is written to directly, as it cannot be
    replaced. A folder, or a file in a folder that cannot take the new file,
    is refused with a :class:`WriteError` that says so.
    """
    shown = os.fspath(target)
    if target.is_dir():
        raise WriteError(f"cannot write {shown!r}: it is a folder; name a file")
    final = Path(os.path.realpath(target))
    if final.exists() and not final.is_file():
        _write_directly(final, text, shown)
        return
    if not os.access(final.parent, os.W_OK | os.X_OK) and final.parent.is_dir():
        raise WriteError(
            f"cannot write {shown!r}: its folder is not writable, and a file is replaced by writing the new one "
            "beside it and renaming it, so that a failure never leaves half a file; make the folder writable, "
            "or write elsewhere and copy the file"
        )
    _replace(final, text, shown)


def _write_directly(target: Path, text: str | bytes, shown: str) -> None:
    """Write to a FIFO or a device, which has no content to keep and cannot be renamed over."""
    try:
        if isinstance(text, bytes):
            target.write_bytes(text)
            return
        with target.open("w", encoding="utf-8", newline="\n") as handle:
            handle.write(text)
    except OSError as error:
        raise WriteError(f"cannot write {shown!r}: {error.strerror or error}") from error


def _replace(target: Path, text: str | bytes, shown: str) -> None:
    handle = None
    try:
        handle = _temporary(target, binary=isinstance(text, bytes))
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
            raise WriteError(f"cannot write {shown!r}: {error.strerror or error}") from error
        raise


def _mode_for(target: Path) -> int:
    """The permissions the file should have: those of the file it replaces, or the usual ones for a new file."""
    try:
        return target.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def _temporary(target: Path, *, binary: bool) -> Any:
    """A new file beside *target*, to be renamed over it."""
    import tempfile  # noqa: PLC0415  (with shutil and random behind it, needed only when writing)

    options: dict[str, Any] = {"mode": "wb"} if binary else {"mode": "w", "encoding": "utf-8", "newline": "\n"}
    return tempfile.NamedTemporaryFile(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp", delete=False, **options
    )


def write_folder(target: Path, files: dict[str, bytes]) -> None:
    """Write *files* (names to content) into the folder *target*, made if needed, all or none.

    Every file is first written beside the one it replaces; only when all
    are written are they renamed into place, so a failure while writing
    leaves every file of the folder as it was. Files of the folder that are
    not named are left alone.
    """
    shown = os.fspath(target)
    if target.exists() and not target.is_dir():
        raise WriteError(f"cannot write {shown!r}: it is a file, and this format is written to a folder; name a folder")
    written: list[tuple[str, Path]] = []
    try:
        target.mkdir(parents=True, exist_ok=True)
        for name, content in files.items():
            handle = _temporary(target / name, binary=True)
            written.append((handle.name, target / name))
            with handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
                os.chmod(handle.name, _mode_for(target / name))
        for temporary, final in written:
            os.replace(temporary, final)
    except BaseException as error:
        for temporary, _ in written:
            Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write {shown!r}: {error.strerror or error}") from error
        raise


def write_all(files: dict[Path, bytes]) -> None:
    """Replace each of *files* (paths to content) with its new content, all or none.

    Every new file is first written beside the one it replaces. Then each is
    renamed into place, the old one kept under another name until all are in
    place; if a rename fails, the files already replaced get their old
    content back.
    """
    staged: list[tuple[str, Path]] = []
    kept: list[tuple[Path, Path]] = []
    shown = ""
    try:
        for target, content in files.items():
            shown = os.fspath(target)
            final = Path(os.path.realpath(target))
            handle = _temporary(final, binary=True)
            staged.append((handle.name, final))
            with handle:
                handle.write(content)
                handle.flush()
                os.fsync(handle.fileno())
                os.chmod(handle.name, _mode_for(final))
        for temporary, final in staged:
            shown = os.fspath(final)
            backup = Path(temporary).with_suffix(".old")
            if final.exists():
                os.link(final, backup)
                kept.append((backup, final))
            os.replace(temporary, final)
    except BaseException as error:
        for backup, final in reversed(kept):
            if final.exists() and os.path.samefile(backup, final):
                # Not replaced yet: the backup is another name of the file itself.
                backup.unlink()
            else:
                os.replace(backup, final)
        for temporary, _ in staged:
            Path(temporary).unlink(missing_ok=True)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write {shown!r}: {error.strerror or error}; no file was changed") from error
        raise
    for backup, _ in kept:
        backup.unlink(missing_ok=True)
