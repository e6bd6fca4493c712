"""YAML text written straight from model objects, by functions generated for each class (see :mod:`._emitter`)."""

from __future__ import annotations

import datetime as dt
import functools
import re
from collections.abc import Callable
from typing import Any

import yaml

from gpworkshop._emitter import DEPTH, INDENT, Compiler, Header, is_text, noted, wrote_translations
from gpworkshop._text import YAML_WIDTH, write_yaml
from gpworkshop.multilingual import Translatable

__all__ = ["write_yaml_document"]


# What PyYAML's emitter checks before it writes a string plain; see Emitter.analyze_scalar.
# Characters it writes as they are (allow_unicode on), with no tab, line break or byte order mark:
_PRINTABLE = re.compile("[\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010fffe]+")
# Indicators that rule out the plain style: at the start, or ": " and " #" anywhere.
_INDICATOR = re.compile(r"^(?:[#,\[\]{}&*!|>'\"%@`]|[?:-](?: |$)|---|\.\.\.)|: |:$| #")
_RESOLVERS: dict[str | None, list[tuple[str, re.Pattern[str]]]] = yaml.resolver.Resolver.yaml_implicit_resolvers
_TEXT_TAG = "tag:yaml.org,2002:str"


def _resolves_to_text(text: str) -> bool:
    """Whether a YAML reader takes *text*, written plain, for text rather than a number, date or boolean."""
    for tag, pattern in _RESOLVERS.get(text[0], []) + _RESOLVERS.get(None, []):
        if pattern.match(text):
            return tag == _TEXT_TAG
    return True


def _fold(words: list[str], column: int, indent: int) -> str:
    """*words* joined by spaces, a line broken where PyYAML breaks it: at a space after the width is passed."""
    lines = [words[0]]
    column += len(words[0])
    for word in words[1:]:
        if column > YAML_WIDTH:
            lines.append("\n" + " " * indent + word)
            column = indent + len(word)
        else:
            lines.append(" " + word)
            column += 1 + len(word)
    return "".join(lines)


def _yaml_scalar(text: str, column: int, indent: int) -> str:
    """*text* as PyYAML writes it when it starts at *column* and its next lines at *indent*."""
    if not text or "  " in text or text[0] == " " or text[-1] == " " or not _PRINTABLE.fullmatch(text):
        return _yaml_scalar_by_pyyaml(text, column, indent)
    if _INDICATOR.search(text) is None and _resolves_to_text(text):
        # Lines break only at a space once past the width, so text that ends before it is never folded.
        return text if column + len(text) <= YAML_WIDTH + 1 else _fold(text.split(" "), column, indent)
    quoted = text.replace("'", "''")
    if column + 1 + len(quoted) <= YAML_WIDTH + 1:
        return "'" + quoted + "'"
    return "'" + _fold(quoted.split(" "), column + 1, indent) + "'"


def _yaml_scalar_by_pyyaml(text: str, column: int, indent: int) -> str:
    """What PyYAML writes for *text* in the same place: a mapping value or a sequence item at the same columns."""
    data: dict[str, Any]
    if column == indent:
        # A sequence item: "- " before it, in a sequence under a key two columns to the left.
        depth, key, data = (indent - 4) // 2, "k", {"k": [text]}
        prefix = " " * (indent - 2) + "- "
    else:
        depth, key = (indent - 2) // 2, "k" * (column - indent)
        data = {key: text}
        prefix = " " * (indent - 2) + key + ": "
    for _ in range(depth):
        data = {"k": data}
    lines = write_yaml(data).split("\n")[depth + 1 if column == indent else depth :]
    written = "\n".join(lines).rstrip("\n")
    # A block scalar that keeps its final line breaks ends a document with "...", which is not part of the value.
    if written.endswith("\n..."):
        written = written[: -len("\n...")]
    return written[len(prefix) :]


class _YAML(Compiler):
    """Block YAML, as :func:`~gpworkshop._text.write_yaml` writes it: sequences indented under their key."""

    language = "YAML"

    def __init__(self) -> None:
        super().__init__(
            {
                "_scalar": _yaml_scalar,
                "_BREAK": tuple("\n" + INDENT * depth for depth in range(DEPTH)),
                "_ITEM": tuple("\n" + INDENT * depth + "- " for depth in range(DEPTH)),
                "_nested": _nested,
                "_datetime": dt.datetime,
                "_Translatable": Translatable,
                "noted": noted,
                "_key": _yaml_key,
            }
        )

    def key(self, name: str) -> str:
        return _yaml_key(name)

    def translations(self, value: str) -> str:
        # One line a language, one level in: "en: ...", each text starting after its key.
        entry = "_key(tag) + ' ' + _scalar(text, 2 * depth + len(_key(tag)) + 3, 2 * depth + 4)"
        return f"_nested(_BREAK[depth + 1].join([{entry} for tag, text in noted({value}.texts)]), depth)"

    def text(self, value: str, after: int, *, plain: bool) -> str:
        # The value starts after "key: " (or "- ") and goes on, when folded, one level in.
        text = value if plain else f"{value}._value_"  # PyYAML writes plain strings, not vocabulary members
        if after == 0:
            return f"_scalar({text}, 2 * depth + 4, 2 * depth + 4)"
        return f"' ' + _scalar({text}, 2 * depth + {after + 1}, 2 * depth + 2)"

    def boolean(self, value: str) -> str:
        return f"(' true' if {value} else ' false')"

    def number(self, value: str) -> str:
        return f"' ' + str({value})"

    def when(self, value: str) -> str:
        # PyYAML writes a date plain, and a date and time with a space before the time.
        return f"' ' + ({value}.isoformat(' ') if isinstance({value}, _datetime) else {value}.isoformat())"

    def items(self, item: Any, value: str) -> str:
        each = self.text("item", 0, plain=item is str) if is_text(item) else f"{self.writer(item)}(item, depth + 2)"
        return f"(''.join([_ITEM[depth + 1] + {each} for item in {value}]) if {value} else ' []')"

    def nothing(self) -> str:
        return " null"

    def nested(self, text: str) -> str:
        return f"_nested({text}, depth)"

    def _source(self, name: str, cls: type, depth: int | None) -> str:
        # Each field is one part; the parts are joined by a line break at the object's indentation.
        lines = [f"def {name}(obj, depth):", "    parts = []"]
        for field, type_, test in self._fields(cls):
            lines.append(f"    value = obj.{field}")
            statement = f"parts.append({self.member(field, type_, 'value')})"
            lines += [f"    {statement}"] if test is None else [f"    if {test}:", f"        {statement}"]
        lines += ["    if not parts:", "        return '{}'", "    return _BREAK[depth].join(parts)"]
        return "\n".join(lines) + "\n"


@functools.lru_cache(maxsize=512)
def _yaml_key(name: str) -> str:
    """*name* and its colon, as PyYAML writes a key: quoted when a reader would take it for something else."""
    return write_yaml({name: 0}).removesuffix(" 0\n")


def _nested(text: str, depth: int) -> str:
    """The text after the key of a mapping: on the lines below, one level in; or `` {}`` when it is empty."""
    if text == "{}":
        return " {}"
    return "\n" + INDENT * (depth + 1) + text


_YAML_COMPILER = _YAML()
# A literal block that keeps its final line breaks, which PyYAML follows with "..." at the end of a document.
_KEEPING_BLOCK = re.compile(r"[|>][1-9]?\+$", re.MULTILINE)


def write_yaml_document(obj: Any, header: Header, unstructured: Callable[[], Any]) -> str:
    """*obj* as a YAML document, the keys *header* gives first.

    *unstructured* gives the plain data of *obj*, for the rare document that
    PyYAML ends with ``...``: it is then written by PyYAML whole.
    """
    wrote_translations()
    body = _YAML_COMPILER.compiled(type(obj))(obj, 0)
    fields = header(wrote_translations())
    head = "".join(f"{key}: {value}\n" for key, value in fields.items())
    text = head if body == "{}" else head + body + "\n"
    if _KEEPING_BLOCK.search(text):
        return write_yaml({**fields, **unstructured()})
    return text
