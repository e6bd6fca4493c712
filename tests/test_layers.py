"""The modules stand on the floors the design page lists: imports go down or stay level, never up, never round."""

from __future__ import annotations

import ast
import fnmatch
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT / "src"
DESIGN = ROOT / "docs" / "explanation" / "design.rst"


def modules() -> dict[str, Path]:
    """Every module by its dotted name without ``gpworkshop.`` in front; the package's own face is ``gpworkshop``."""
    found: dict[str, Path] = {}
    for path in sorted((SOURCE / "gpworkshop").rglob("*.py")):
        parts = list(path.relative_to(SOURCE / "gpworkshop").with_suffix("").parts)
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(parts) or "gpworkshop"] = path
    return found


def floors() -> dict[str, int]:
    """The floor of each pattern of module names, as the design page's numbered list gives them."""
    section = DESIGN.read_text("utf-8").split("\nFloors\n------\n", 1)[1].split("\n\nIds are references", 1)[0]
    listed: dict[str, int] = {}
    for number, entry in re.findall(r"^(\d+)\. (.*?)(?=^\d+\. |\n\n|\Z)", section, re.MULTILINE | re.DOTALL):
        names = entry.split(":")[0]
        for pattern in re.findall(r"``([^`]+)``", names):
            listed[pattern] = int(number)
    return listed


def floor_of(module: str, listed: dict[str, int]) -> int:
    matches = [floor for pattern, floor in listed.items() if fnmatch.fnmatchcase(module, pattern)]
    assert len(matches) == 1, f"{module} is on {len(matches)} floors of the design page"
    return matches[0]


def imports(module: str, path: Path, known: dict[str, Path]) -> set[str]:
    """The modules of the package that *module* imports, anywhere in it."""
    package = module if path.name == "__init__.py" else module.rpartition(".")[0]
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                steps = package.split(".") if package else []
                base = ".".join([*steps[: len(steps) - node.level + 1], *([node.module] if node.module else [])])
                base = f"gpworkshop.{base}" if base else "gpworkshop"
            if not base.startswith("gpworkshop"):
                continue
            inner = base.removeprefix("gpworkshop").lstrip(".") or "gpworkshop"
            for alias in node.names:
                name = f"{inner}.{alias.name}" if inner != "gpworkshop" else alias.name
                found.add(name if name in known else inner)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name.startswith("gpworkshop"):
                    found.add(alias.name.removeprefix("gpworkshop").lstrip(".") or "gpworkshop")
    return {name for name in found if name in known and name != module}


KNOWN = modules()
LISTED = floors()


def test_every_module_is_on_one_floor_of_the_design_page() -> None:
    for module in KNOWN:
        floor_of(module, LISTED)


@pytest.mark.parametrize("module", sorted(KNOWN))
def test_a_module_imports_nothing_from_a_floor_above_its_own(module: str) -> None:
    own = floor_of(module, LISTED)

    above = sorted(name for name in imports(module, KNOWN[module], KNOWN) if floor_of(name, LISTED) > own)

    assert [] == above


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each circle of imports in *graph* found by a walk in depth, as the modules on it."""
    found: list[list[str]] = []
    state: dict[str, str] = {}

    def walk(module: str, path: list[str]) -> None:
        state[module] = "on the path"
        for name in sorted(graph[module]):
            if state.get(name) == "on the path":
                found.append([*path[path.index(name) :], name])
            elif name not in state:
                walk(name, [*path, name])
        state[module] = "done"

    for module in sorted(graph):
        if module not in state:
            walk(module, [module])
    return found


def test_a_circle_of_imports_is_found() -> None:
    assert [["a", "b", "c", "a"]] == circles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}})


def test_no_modules_import_each_other_in_a_circle() -> None:
    assert [] == circles({module: imports(module, path, KNOWN) for module, path in KNOWN.items()})
