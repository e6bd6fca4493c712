"""Build step: compile the gettext catalogues of the reports (``.po``) into the ``.mo`` files gettext reads."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from hatchling.builders.hooks.plugin.interface import BuildHookInterface


class CatalogueBuildHook(BuildHookInterface):  # type: ignore[misc]
    """Compiles ``src/gpworkshop/locale/LANG/LC_MESSAGES/gpworkshop.po`` next to itself, for wheels and editables."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        locale = Path(self.root) / "src" / "gpworkshop" / "locale"
        for source in sorted(locale.glob("*/LC_MESSAGES/*.po")):
            with source.open("rb") as file:
                catalog = read_po(file, locale=source.parent.parent.name)
            with source.with_suffix(".mo").open("wb") as file:
                write_mo(file, catalog)
        # Compiled files are not in git, so they are named here to go into the wheel.
        build_data["artifacts"].append("src/gpworkshop/locale/*/LC_MESSAGES/*.mo")
