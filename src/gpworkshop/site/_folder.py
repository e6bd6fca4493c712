"""A portal's folder replaced in one step: built beside it, then moved into its place."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from gpworkshop.errors import WriteError

__all__ = ["MARKER", "replace_folder"]

#: The file that marks a folder as a portal gpworkshop wrote, which it may replace.
MARKER = ".gpworkshop-site"


def replace_folder(target: Path, files: dict[str, bytes]) -> None:
    """Make *target* a folder of exactly *files* (paths with ``/`` to content), all or nothing.

    The files are written into a new folder beside *target*, which then takes its place. A *target* that
    exists must be empty or a portal written before (it holds :data:`MARKER`): nothing else is ever removed.

    :raises WriteError: if *target* is a file or a folder of something else, or cannot be written.
    """
    shown = os.fspath(target)
    if target.exists():
        if not target.is_dir():
            raise WriteError(f"cannot write the portal to {shown!r}: it is a file; name a folder")
        if any(target.iterdir()) and not (target / MARKER).is_file():
            raise WriteError(
                f"cannot write the portal to {shown!r}: the folder holds other files; name a new or empty folder"
            )
    parent = target.resolve().parent
    try:
        parent.mkdir(parents=True, exist_ok=True)
        building = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=parent))
    except OSError as error:
        raise WriteError(f"cannot write the portal to {shown!r}: {error.strerror or error}") from error
    old: Path | None = None
    try:
        for name, content in {MARKER: b"gpworkshop site\n", **files}.items():
            path = building / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content)
        building.chmod(0o755)
        if target.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{target.name}-old-", dir=parent))
            os.replace(target, old / "site")
        os.replace(building, target)
    except BaseException as error:
        # Whatever stopped the writing (a full disk, an interrupt), the old portal is put back as it was.
        if old is not None and not target.exists():
            os.replace(old / "site", target)
        shutil.rmtree(building, ignore_errors=True)
        if isinstance(error, OSError):
            raise WriteError(f"cannot write the portal to {shown!r}: {error.strerror or error}") from error
        raise
    finally:
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
