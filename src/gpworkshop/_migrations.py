"""Format versions and the migrations between them.

A record names its format version in the ``gpworkshop`` key. When the format
changes, the version goes up by one and a migration is added here: a
function that turns plain data of version N into data of version N + 1.
Loading applies them in turn, so files of every earlier version keep loading.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["FORMAT_VERSION", "MIGRATIONS", "TRANSLATIONS_SINCE", "MissingMigrationError", "lowest_version", "migrate"]

#: The version of the file format this library reads and writes.
FORMAT_VERSION = 2

#: The first format version in which a text may be a mapping of languages to text.
TRANSLATIONS_SINCE = 2


def lowest_version(translated: bool) -> int:
    """The lowest format version that holds a record, given whether it has texts in several languages."""
    # Version 2 only adds texts in several languages: without them, a record is version 1, which older releases read.
    if FORMAT_VERSION == TRANSLATIONS_SINCE and not translated:
        return TRANSLATIONS_SINCE - 1
    return FORMAT_VERSION


def _same(data: dict[str, Any]) -> dict[str, Any]:
    """Version 2 only adds a form of text (a mapping of languages); a file of version 1 reads as it is."""
    return data


#: For each version N, the function that turns data of version N into version N + 1.
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: _same}


class MissingMigrationError(LookupError):
    """No migration leads from a version to the next one."""

    def __init__(self, version: int) -> None:
        super().__init__(version)
        #: The version that has no way forward.
        self.version = version


def migrate(data: dict[str, Any], version: int, target: int) -> dict[str, Any]:
    """*data* of format *version* turned into format *target*, one version at a time.

    :raises MissingMigrationError: if a step on the way has no migration.
    """
    for step in range(version, target):
        try:
            upgrade = MIGRATIONS[step]
        except KeyError:
            raise MissingMigrationError(step) from None
        data = upgrade(data)
    return data
