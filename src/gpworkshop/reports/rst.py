r"""Render a :class:`~gpworkshop.reports.document.Document` as reStructuredText.

The output parses with docutils without a warning and can be included in a
Sphinx page. All text is escaped, so markup characters in a record come out
literally:

>>> from gpworkshop.reports.document import Document, Paragraph
>>> print(render(Document(title="*Busan* 2014", blocks=(Paragraph.of(".. note:: `x`_"),))), end="")
==============
\*Busan\* 2014
==============
<BLANKLINE>
\.. note:: \`x\`\_
"""

from __future__ import annotations

import re

from gpworkshop.reports._columns import display_width, isolated, one_line, set_off
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

_MARKUP = "\\*`|_"
_HAS_MARKUP = re.compile(f"[{re.escape(_MARKUP)}:]")
_ESCAPED = str.maketrans({character: "\\" + character for character in _MARKUP})
_SCRIPT_SCHEME = re.compile(r"\b((?:java|vb|live)script|data):", re.IGNORECASE)
# What docutils would read as a list, field, option, directive or doctest at the start of a paragraph.
_BLOCK_START = re.compile(r"(?:[^\w\s\\]|\w{1,5}[.)](?:\s|$)|\(\w{1,5}\)(?:\s|$))")
_SAFE_URL = re.compile(r"(?:https?://|mailto:)[^\s<>`\\]+", re.IGNORECASE)
_ADORNMENTS = "=-~^\"'+"
# What may follow the end of inline markup directly.
_ENDS_MARKUP = re.compile(r"[-.,:;!?'\")\]}>/]")


def escape(text: str) -> str:
    """*text* on one line, with every reStructuredText markup character backslash-escaped.

    docutils turns text such as ``javascript:x`` into a link by itself; an
    escaped colon keeps script schemes plain text.
    """
    text = one_line(text)
    if _HAS_MARKUP.search(text) is None:  # most text: looking is quicker than replacing
        return text
    return _SCRIPT_SCHEME.sub(r"\1\\:", text.translate(_ESCAPED))


def _inline(run: Inline) -> str:
    text = isolated(run.text, run.language)
    if isinstance(run, Text):
        return escape(text)
    if isinstance(run, Strong):
        return set_off("**", text, escape)
    if isinstance(run, Emphasis):
        return set_off("*", text, escape)
    assert isinstance(run, Link)
    label = escape(text.strip()).replace("<", "\\<").replace(">", "\\>")
    if not _SAFE_URL.fullmatch(run.url) or not label:
        return escape(text)
    return f"`{label} <{run.url}>`__"


def _is_markup(run: Inline) -> bool:
    return isinstance(run, Strong | Emphasis | Link) and bool(run.text.strip())


def _paragraph(paragraph: Paragraph) -> str:
    previous: Inline | None = None
    text = ""
    for run in paragraph.content:
        piece = _inline(run)
        if not piece:
            continue
        if text and not text[-1].isspace() and not piece[0].isspace():
            # Inline markup must stand apart from the words around it; an escaped space
            # separates the two without showing.
            touches_start = _is_markup(run)
            touches_end = previous is not None and _is_markup(previous) and not _ENDS_MARKUP.match(piece)
            if touches_start or touches_end:
                piece = "\\ " + piece
        text += piece
        previous = run
    text = text.strip()
    if text and not text.startswith("\\") and _BLOCK_START.match(text) and not text.startswith(("**", "*", "`")):
        text = "\\" + text
    if text.endswith("::"):
        text = text[:-1] + "\\:"
    return text or "\\ "


def _heading(title: str, level: int) -> list[str]:
    text = _paragraph(Paragraph.of(title))
    rule = _ADORNMENTS[min(level, len(_ADORNMENTS)) - 1] * max(display_width(text), 1)
    return [text, rule, ""]


def _table(table: Table) -> list[str]:
    if not table.rows:
        # docutils refuses a table without a body row.
        caption = [_paragraph(Paragraph.of(Strong(table.caption))), ""] if table.caption else []
        return [*caption, _paragraph(Paragraph.of(Emphasis("No entries."))), ""]
    lines = [f".. list-table:: {escape(table.caption)}" if table.caption else ".. list-table::", "   :header-rows: 1"]
    if table.row_headers:
        lines.append("   :stub-columns: 1")
    lines.append("")
    for row in (tuple(Paragraph.of(cell) for cell in table.header), *table.rows):
        for position, cell in enumerate(row):
            lines.append(f"   {'* -' if position == 0 else '  -'} {_paragraph(cell)}")
    return [*lines, ""]


def _block(block: Block, level: int) -> list[str]:
    if isinstance(block, Section):
        lines = _heading(block.title, level)
        for inner in block.blocks:
            lines.extend(_block(inner, level + 1))
        return lines
    if isinstance(block, Paragraph):
        return [_paragraph(block), ""]
    if isinstance(block, BulletList):
        marks = [f"{number}." if block.ordered else "-" for number in range(1, len(block.items) + 1)]
        return [*(f"{mark} {_paragraph(item)}" for mark, item in zip(marks, block.items, strict=True)), ""]
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        return _table(block.as_table())
    assert isinstance(block, Note)
    directive = "warning" if block.kind == "warning" else "note"
    return [f".. {directive}::", "", f"   {_paragraph(block.content)}", ""]


def render(document: Document) -> str:
    """The document as reStructuredText, ending in one newline."""
    title = _paragraph(Paragraph.of(document.title))
    rule = "=" * max(display_width(title), 1)
    lines = [rule, title, rule, ""]
    if document.subtitle and document.subtitle.strip():
        lines += [_paragraph(Paragraph.of(Emphasis(document.subtitle))), ""]
    for block in document.blocks:
        lines.extend(_block(block, 1))
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
