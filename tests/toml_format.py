"""A small format of the kind another package adds: records read from TOML, registered through the entry point.

The test suite installs it by putting a ``*.dist-info`` folder with an
``entry_points.txt`` on the path, as pip would; see "Adding a format" in the
documentation.
"""

from __future__ import annotations

import tomllib

from gpworkshop import codes, formats
from gpworkshop.errors import Problem


def read(text: str, source: str, *, positions: bool = False) -> tuple[formats.Parsed, list[Problem]]:
    """The record in TOML *text*; TOML readers give no positions, so problems name the file only."""
    try:
        return formats.Parsed(tomllib.loads(text)), []
    except tomllib.TOMLDecodeError as error:
        return formats.Parsed(None), [Problem(code=codes.SYNTAX, message=f"invalid TOML: {error}", source=source)]


#: The format, as the entry point names it.
TOML = formats.Format(name="toml", title="the record as TOML, read only", suffixes=(".toml",), read=read)
