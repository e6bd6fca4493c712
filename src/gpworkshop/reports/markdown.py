r"""Render a :class:`~gpworkshop.reports.document.Document` as GitHub-flavoured Markdown.

All text is escaped, so ``*``, ``_``, ``|`` or ``<script>`` in a record come
out literally:

>>> from gpworkshop.reports.document import Document, Paragraph
>>> print(render(Document(title="A *bold* claim", blocks=(Paragraph.of("1 < 2 | 3"),))), end="")
# A \*bold\* claim
<BLANKLINE>
1 \< 2 \| 3
"""

from __future__ import annotations

import re
import urllib.parse

from gpworkshop.reports._columns import isolated, one_line, set_off
from gpworkshop.reports.document import (
    Block,
    BulletList,
    Chart,
    Document,
    Emphasis,
    Inline,
    Link,
    Note,
    Paragraph,
    Section,
    Strong,
    Table,
    Text,
)

__all__ = ["render"]

_MARKUP = "\\`*_[]<>#|~"
_HAS_MARKUP = re.compile(f"[{re.escape(_MARKUP)}&]")
_ESCAPED = str.maketrans({character: "\\" + character for character in _MARKUP})
_ENTITY = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# What makes a list item, heading or numbered list when it starts a paragraph.
_BLOCK_START = re.compile(r"^([-+=]|\d+(?=[.)]))")
_WHITE_SPACE = re.compile(r"\s")


def escape(text: str) -> str:
    """*text* on one line, with every character Markdown could read as markup backslash-escaped."""
    text = one_line(text)
    if _HAS_MARKUP.search(text) is None:  # most text: looking is quicker than replacing
        return text
    return _ENTITY.sub(r"\\&", text.translate(_ESCAPED))


def _inline(run: Inline) -> str:
    text = isolated(run.text, run.language)
    if isinstance(run, Text):
        return escape(text)
    if isinstance(run, Strong):
        return set_off("**", text, escape)
    if isinstance(run, Emphasis):
        return set_off("*", text, escape)
    assert isinstance(run, Link)
    # White space, a line feed too, would end the address, and a line feed the paragraph or table row.
    url = _WHITE_SPACE.sub(lambda found: urllib.parse.quote(found[0]), run.url.replace("(", "%28").replace(")", "%29"))
    return f"[{escape(text)}](<{url.replace('<', '%3C').replace('>', '%3E')}>)"


def _paragraph(paragraph: Paragraph) -> str:
    text = "".join(_inline(run) for run in paragraph.content)
    return _BLOCK_START.sub(
        lambda match: match.group(1) + "\\" if match.group(1)[0].isdigit() else "\\" + match.group(1), text
    )


def _table(table: Table) -> list[str]:
    caption = [f"*{escape(table.caption)}*", ""] if table.caption and table.caption.strip() else []
    header = "| " + " | ".join(escape(cell) for cell in table.header) + " |"
    rule = "|" + "|".join("---" for _ in table.header) + "|"
    rows = ["| " + " | ".join(_paragraph(cell) for cell in row) + " |" for row in table.rows]
    return [*caption, header, rule, *rows, ""]


def _block(block: Block, level: int) -> list[str]:
    if isinstance(block, Section):
        lines = [f"{'#' * min(level, 6)} {escape(isolated(block.title, None))}", ""]
        for inner in block.blocks:
            lines.extend(_block(inner, level + 1))
        return lines
    if isinstance(block, Paragraph):
        return [_paragraph(block), ""]
    if isinstance(block, BulletList):
        lines = [
            f"{number}. {_paragraph(item)}" if block.ordered else f"- {_paragraph(item)}"
            for number, item in enumerate(block.items, start=1)
        ]
        return [*lines, ""]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        return _table(block.as_table())
    assert isinstance(block, Note)
    marker = "WARNING" if block.kind == "warning" else "NOTE"
    return [f"> [!{marker}]", f"> {_paragraph(block.content)}", ""]


def render(document: Document) -> str:
    """The document as Markdown text, ending in one newline."""
    lines = [f"# {escape(isolated(document.title, None))}", ""]
    if document.subtitle:
        lines.extend([f"*{escape(isolated(document.subtitle, None))}*", ""])
    for block in document.blocks:
        lines.extend(_block(block, 2))
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
