"""Render a :class:`~gpworkshop.reports.document.Document` as plain text wrapped at 80 columns.

>>> from gpworkshop.reports.document import Document, Paragraph
>>> print(render(Document(title="Outcome", blocks=(Paragraph.of("word " * 20),)), width=40), end="")
Outcome
=======
<BLANKLINE>
word word word word word word word word
word word word word word word word word
word word word word
"""

from __future__ import annotations

from gpworkshop.reports._columns import display_width, isolated, wrap
from gpworkshop.reports._parts import colon
from gpworkshop.reports.document import (
    Block,
    BulletList,
    Chart,
    Document,
    Inline,
    Link,
    Note,
    Paragraph,
    Section,
    Table,
)
from gpworkshop.reports.language import gettext as _

__all__ = ["WIDTH", "render"]

#: The width text reports are wrapped at, in columns.
WIDTH = 80
_RULES = "=-~."
_BAR = 30


def _inline(run: Inline) -> str:
    if isinstance(run, Link) and run.url not in run.text:
        return isolated(f"{run.text} <{run.url}>", run.language)
    return isolated(run.text, run.language)


def _one_line(text: str) -> str:
    return " ".join(text.split())


def _plain(paragraph: Paragraph) -> str:
    return _one_line("".join(_inline(run) for run in paragraph.content))


def _heading(title: str, level: int, width: int) -> list[str]:
    lines = wrap(isolated(title, None), width)
    rule = _RULES[min(level, len(_RULES)) - 1] * min(max(display_width(line) for line in lines), width)
    return [*lines, rule, ""]


def _pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def _table(table: Table, width: int) -> list[str]:
    cells = [[_one_line(cell) for cell in table.header], *([_plain(cell) for cell in row] for row in table.rows)]
    widths = [max(display_width(row[column]) for row in cells) for column in range(len(table.header))]
    lines = [*wrap(table.caption, width), ""] if table.caption else []
    if sum(widths) + 2 * (len(widths) - 1) <= width:
        rule = "  ".join("-" * column for column in widths)
        rows = ["  ".join(_pad(text, widths[i]) for i, text in enumerate(row)).rstrip() for row in cells]
        return [*lines, rows[0], rule, *rows[1:], ""]
    # Too wide for the page: one block of "heading: value" lines per row, empty cells left out.
    for row in cells[1:]:
        for heading, text in zip(cells[0], row, strict=True):
            if text:
                lines.extend(wrap(text, width, f"{heading}: " if heading else "", "    "))
        lines.append("")
    return lines


def _chart(chart: Chart, width: int) -> list[str]:
    highest = max((value for _, value in chart.bars), default=0) or 1
    bars = [(_one_line(label), value) for label, value in chart.bars]
    label_width = min(max((display_width(label) for label, _ in bars), default=0), width - _BAR - 8)
    lines = [*wrap(chart.title, width), ""]
    for label, value in bars:
        shown = label if display_width(label) <= label_width else wrap(label, label_width - 1)[0] + "…"
        bar = "#" * max(round(_BAR * value / highest), 1 if value else 0)
        lines.append(f"{_pad(shown, label_width)}  {_pad(bar, _BAR)}  {value}".rstrip())
    return [*lines, ""]


def _block(block: Block, level: int, width: int) -> list[str]:
    if isinstance(block, Section):
        lines = _heading(block.title, level, width)
        for inner in block.blocks:
            lines.extend(_block(inner, level + 1, width))
        return lines
    if isinstance(block, Paragraph):
        return [*wrap(_plain(block), width), ""]
    if isinstance(block, BulletList):
        lines = []
        for number, item in enumerate(block.items, start=1):
            mark = f"{number}. " if block.ordered else "- "
            lines.extend(wrap(_plain(item), width, mark, " " * len(mark)))
        return [*lines, ""]
    if isinstance(block, Table):
        return _table(block, width)
    if isinstance(block, Chart):
        return _chart(block, width)
    assert isinstance(block, Note)
    label = colon(_("Warning") if block.kind == "warning" else _("Note")) + " "
    return [*wrap(_plain(block.content), width, label, "  "), ""]


def render(document: Document, *, width: int = WIDTH) -> str:
    """The document as plain text whose lines fit in *width* columns, ending in one newline."""
    lines = _heading(document.title, 1, width)
    if document.subtitle:
        lines += [*wrap(isolated(document.subtitle, None), width), ""]
    for block in document.blocks:
        lines.extend(_block(block, 2, width))
    while lines and lines[-1] == "":
        lines.pop()
    return "\n".join(lines) + "\n"
