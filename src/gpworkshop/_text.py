"""Writing plain data as YAML text, deterministically.

Dates stay :class:`datetime.date` objects in unstructured data and are
written as plain ISO dates. Text that a YAML 1.1 reader would take for
something else (``NO``, ``17.10``, ``2014-11-06``, ``null``) is quoted, so
files stay correct for every YAML tool, not just ours.
"""

from __future__ import annotations

import re
from typing import Any

import yaml

__all__ = ["YAML_WIDTH", "write_yaml"]

#: Where YAML lines are folded: at the first space after this column.
YAML_WIDTH = 88


class _Dumper(yaml.SafeDumper):
    """Block style, sequences indented under their key, multi-line text as literal blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)

    def ignore_aliases(self, data: Any) -> bool:
        # A value used twice (the same date object, say) is written twice, never as an anchor and an alias.
        return True


# Line breaks other than "\n": PyYAML would write them as they are inside quotes, where a reader folds them.
_OTHER_BREAKS = re.compile("[\x85\u2028\u2029]")


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
    if _OTHER_BREAKS.search(value):
        style: str | None = '"'  # escaped as \N, \L and \P
    else:
        style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _text)


def write_yaml(data: Any) -> str:
    """*data* as a YAML document, keys in the order given, Unicode kept readable."""
    text: str = yaml.dump(
        data,
        Dumper=_Dumper,
        sort_keys=False,
        allow_unicode=True,
        default_flow_style=False,
        width=YAML_WIDTH,
    )
    return text
