"""Writing plain data as YAML text, deterministically.

Dates stay :class:`datetime.date` objects in unstructured data; YAML writes
them as plain ISO dates. Text that a YAML 1.1 reader
would take for something else (``NO``, ``17.10``, ``2014-11-06``, ``null``)
is quoted, so files stay correct for every YAML tool, not just ours.
"""

from __future__ import annotations

from typing import Any

import yaml

__all__ = ["write_yaml"]


class _Dumper(yaml.SafeDumper):
    """Block style, sequences indented under their key, multi-line text as literal blocks."""

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


def _text(dumper: yaml.SafeDumper, value: str) -> yaml.ScalarNode:
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
        width=88,
    )
    return text
