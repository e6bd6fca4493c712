"""The templates and static files of a portal: the package's own, each replaced by a theme's file of the same name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from gpworkshop.errors import MissingExtraError, WriteError

__all__ = ["PACKAGE_STATIC", "PACKAGE_TEMPLATES", "environment", "static_files"]

#: The package's Jinja2 templates.
PACKAGE_TEMPLATES = Path(__file__).resolve().parent / "templates"
#: The package's style sheet and script, copied into the portal's ``assets`` folder.
PACKAGE_STATIC = Path(__file__).resolve().parent / "static"


def _jinja() -> Any:
    try:
        import jinja2  # noqa: PLC0415  (only the portal needs Jinja2, an extra)
    except ImportError:
        raise MissingExtraError(
            'publishing a portal needs Jinja2; install it with: pip install "gpworkshop[site]"'
        ) from None
    return jinja2


def environment(theme: Path | None) -> Any:
    """A Jinja2 environment, escaping every value, that finds a template in *theme* first, then in the package."""
    jinja2 = _jinja()
    folders = [PACKAGE_TEMPLATES]
    if theme is not None:
        if not theme.is_dir():
            raise WriteError(f"cannot use the theme {str(theme)!r}: it is not a folder")
        folders.insert(0, theme)
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader([str(folder) for folder in folders]),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def static_files(theme: Path | None) -> dict[str, bytes]:
    """The files of the ``assets`` folder by name: the package's, and every file of *theme* but its templates."""
    found = {path.name: path.read_bytes() for path in sorted(PACKAGE_STATIC.iterdir()) if path.is_file()}
    if theme is not None and theme.is_dir():
        for path in sorted(theme.iterdir()):
            if path.is_file() and path.suffix != ".html" and not path.name.startswith("."):
                found[path.name] = path.read_bytes()
    return found
