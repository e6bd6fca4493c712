"""A Sphinx extension: reports, vocabularies, the error catalogue and the file format inside documentation.

Add ``"gpworkshop.sphinxext"`` to ``extensions`` in ``conf.py``, then::

    .. gpworkshop-report:: ../examples/busan-gp-workshop-2014.yaml
       :kind: outcome
       :event: busan-gp-workshop-2014

renders the outcome report of that record in the page. ``:kind:`` is one of
the kinds of :data:`gpworkshop.reports.KINDS`: ``outcome`` (the default),
``tracker``, ``matrix`` and ``coverage``. The filters are those of
:func:`gpworkshop.reports.build` and of ``gpworkshop report``: ``:event:``
(needed for outcome and coverage reports when the record holds several
top-level events, and narrowing the tracker and the matrix), ``:as-of:`` (the
day a tracker judges commitments on), ``:stakeholder:``, ``:series:`` and
``:status:``; ``:lang:`` writes the report in one of the languages of
:data:`gpworkshop.reports.language.LANGUAGES`. The path is relative to the page, and the page is rebuilt when
any record file under it changes, whatever its format.

Four more directives, without arguments, write reference tables generated
from the code: ``gpworkshop-vocabularies``, ``gpworkshop-errors``,
``gpworkshop-format`` and ``gpworkshop-tables`` (the data dictionary of the
record's tables).
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any, ClassVar

import attrs
from docutils import nodes
from docutils.parsers.rst import Directive, directives

from gpworkshop import codes, formats, vocab
from gpworkshop._wording import plain
from gpworkshop.errors import GPWorkshopError
from gpworkshop.explain import Explanation, explanation
from gpworkshop.model import DOC
from gpworkshop.reports import KINDS as _REPORT_KINDS
from gpworkshop.reports import (
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
from gpworkshop.reports import build as _build_report
from gpworkshop.reports.language import LANGUAGES, rendering
from gpworkshop.schema import json_schema
from gpworkshop.serialize import load
from gpworkshop.vocab import CommitmentStatus

__all__ = ["document_nodes", "field_docstring", "setup"]


def _inline(run: Inline) -> nodes.Node:
    if isinstance(run, Strong):
        return nodes.strong(text=run.text)
    if isinstance(run, Emphasis):
        return nodes.emphasis(text=run.text)
    if isinstance(run, Link) and run.url.startswith(("https://", "http://")):
        return nodes.reference(text=run.text, refuri=run.url)
    assert isinstance(run, Text | Link)
    return nodes.Text(run.text)


def _paragraph(paragraph: Paragraph) -> nodes.paragraph:
    node = nodes.paragraph()
    node.extend(_inline(run) for run in paragraph.content)
    return node


def _table(table: Table) -> nodes.table:
    node = nodes.table()
    if table.caption:
        node += nodes.title(text=table.caption)
    group = nodes.tgroup(cols=len(table.header))
    node += group
    group.extend(
        nodes.colspec(colwidth=1, stub=int(table.row_headers and index == 0)) for index in range(len(table.header))
    )
    head = nodes.thead()
    head += nodes.row("", *(nodes.entry("", nodes.paragraph(text=cell)) for cell in table.header))
    body = nodes.tbody()
    for cells in table.rows:
        body += nodes.row("", *(nodes.entry("", _paragraph(cell)) for cell in cells))
    group += head
    group += body
    return node


def _block(block: Block) -> list[nodes.Node]:
    if isinstance(block, Section):
        # Report headings are rubrics: they must not disturb the page's own section levels.
        children: list[nodes.Node] = [nodes.rubric(text=block.title)]
        for inner in block.blocks:
            children.extend(_block(inner))
        return children
    if isinstance(block, Paragraph):
        return [_paragraph(block)]
    if isinstance(block, BulletList):
        listing = nodes.enumerated_list() if block.ordered else nodes.bullet_list()
        listing.extend(nodes.list_item("", _paragraph(item)) for item in block.items)
        return [listing]
    if isinstance(block, Table):
        return [_table(block)]
    if isinstance(block, Chart):
        return [_table(block.as_table())]
    assert isinstance(block, Note)
    admonition: nodes.Element = nodes.warning() if block.kind == "warning" else nodes.note()
    admonition.append(_paragraph(block.content))
    return [admonition]


def document_nodes(document: Document) -> list[nodes.Node]:
    """The docutils nodes of a report: its title and subtitle as rubrics, then its blocks."""
    direction = "rtl" if document.right_to_left else "ltr"
    container = nodes.container(classes=["gpworkshop-report", f"gpworkshop-{direction}"])
    container += nodes.rubric(text=document.title, classes=["gpworkshop-report-title"])
    if document.subtitle:
        container += nodes.paragraph("", "", nodes.emphasis(text=document.subtitle))
    with rendering(document.language):
        for block in document.blocks:
            container.extend(_block(block))
    return [container]


def _day(text: str) -> dt.date:
    return dt.date.fromisoformat(text.strip())


class _ReportDirective(Directive):
    """``.. gpworkshop-report:: PATH`` — a report of the record at *PATH*, rendered in place."""

    required_arguments = 1
    option_spec: ClassVar[dict[str, Any]] = {
        "kind": lambda text: directives.choice(text, tuple(_REPORT_KINDS)),
        "event": directives.unchanged_required,
        "as-of": _day,
        "stakeholder": directives.unchanged_required,
        "series": directives.unchanged_required,
        "status": lambda text: CommitmentStatus(directives.choice(text, [s.value for s in CommitmentStatus])),
        "lang": lambda text: directives.choice(text, LANGUAGES),
    }

    def run(self) -> list[nodes.Node]:
        env = self.state.document.settings.env
        page = Path(env.doc2path(env.docname)).parent
        path = (page / self.arguments[0]).resolve()
        suffixes = formats.readable()
        for file in [path] if path.is_file() else sorted(path.rglob("*")):
            if file.suffix.lower() in suffixes:
                env.note_dependency(str(file))
        try:
            kb = load(path)
            document = _build_report(
                kb,
                self.options.get("kind", "outcome"),
                event=self.options.get("event"),
                as_of=self.options.get("as-of"),
                stakeholder=self.options.get("stakeholder"),
                series=self.options.get("series"),
                status=self.options.get("status"),
                lang=self.options.get("lang"),
            )
        except GPWorkshopError as error:
            raise self.error(f"gpworkshop-report: {path}: {error}") from None
        return document_nodes(document)


def _definition_table(
    header: tuple[str, ...], rows: Sequence[tuple[str, ...]], caption: str | None = None
) -> nodes.table:
    return _table(
        Table(header=header, rows=tuple(tuple(Paragraph.of(cell) for cell in row) for row in rows), caption=caption)
    )


class _VocabulariesDirective(Directive):
    """``.. gpworkshop-vocabularies::`` — every vocabulary, each value with its meaning."""

    def run(self) -> list[nodes.Node]:
        result: list[nodes.Node] = []
        for name in vocab.__all__:
            vocabulary = getattr(vocab, name)
            if vocabulary is vocab.Vocabulary:
                continue
            result.append(nodes.rubric(text=name))
            result.append(nodes.paragraph(text=(vocabulary.__doc__ or "").strip().splitlines()[0]))
            rows = [(member.value, member.__doc__ or "") for member in vocabulary]
            result.append(_definition_table(("Value", "Meaning"), rows))
        return result


class _ErrorsDirective(Directive):
    """``.. gpworkshop-errors::`` — every problem code with its severity, cause and fix, then shown by example."""

    def run(self) -> list[nodes.Node]:
        rows = [(info.code, info.severity.value, info.title, info.fix) for info in codes.CATALOGUE.values()]
        result: list[nodes.Node] = [_definition_table(("Code", "Severity", "Cause", "Fix"), rows)]
        for code in codes.CATALOGUE:
            result.extend(_shown_by_example(explanation(code)))
        return result


def _shown_by_example(shown: Explanation) -> list[nodes.Node]:
    """A code's record that has the problem, what is said of it and the record put right, as ``explain`` says."""
    result: list[nodes.Node] = [nodes.rubric(text=f"{shown.info.code}: {plain(shown.info.title)}")]
    if shown.about:
        return [*result, nodes.paragraph(text=" ".join(shown.about.split()))]
    command = "gpworkshop validate" + (f" --as-of {shown.as_of}" if shown.as_of else "")
    said = "\n".join(str(problem) for problem in shown.found)
    for caption, text, language in (
        # Text that is wrong on purpose, such as a quote never closed, is not highlighted as YAML.
        ("A record that has the problem:", shown.wrong or "# (nothing but this comment)", "text"),
        (f"{command} says:", said, "text"),
        ("Written right:", shown.right, "yaml"),
    ):
        result.append(nodes.paragraph(text=caption))
        block = nodes.literal_block(text, text)
        block["language"] = language
        result.append(block)
    return result


def _type_of(schema: dict[str, Any]) -> str:  # noqa: PLR0911  (one answer per shape of schema)
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[1]
    if "anyOf" in schema:
        return " or ".join(_type_of(option) for option in schema["anyOf"] if option != {"type": "null"})
    if schema.get("type") == "array":
        return f"list of {_type_of(schema['items'])}"
    if "const" in schema:
        return f"the number {schema['const']}"
    if schema.get("format") == "date":
        return "date"
    if schema.get("type") == "string" and "pattern" in schema and "[T ]" in schema["pattern"]:
        return "date or date and time"
    return str(schema.get("type", "value"))


class _FormatDirective(Directive):
    """``.. gpworkshop-format::`` — the file format, key by key, derived from the model."""

    def run(self) -> list[nodes.Node]:
        schema = json_schema()
        result: list[nodes.Node] = []
        sections = [("Record (top level)", schema)] + [
            (name, definition) for name, definition in schema["$defs"].items() if definition.get("type") == "object"
        ]
        for name, definition in sections:
            required = set(definition.get("required", ()))
            rows = [
                (key, _type_of(field), "yes" if key in required else "", field.get("description", ""))
                for key, field in definition["properties"].items()
            ]
            result.append(nodes.rubric(text=name))
            if definition.get("description"):
                result.append(nodes.paragraph(text=definition["description"]))
            result.append(_definition_table(("Key", "Value", "Required", "Meaning"), rows))
        return result


_KIND_WORDS = {
    "text": "text",
    "id": "id",
    "code": "code",
    "integer": "whole number",
    "boolean": "true or false",
    "date": "date",
    "moment": "date, or date and time",
}


class _TablesDirective(Directive):
    """``.. gpworkshop-tables::`` — the data dictionary: every table of :mod:`gpworkshop.tables`, column by column."""

    def run(self) -> list[nodes.Node]:
        from gpworkshop import tables  # noqa: PLC0415  (derived from the model when first used)

        result: list[nodes.Node] = []
        for table in tables.TABLES:
            refers = {key.columns[-1]: f"{key.table}.{key.to[-1]}" for key in table.foreign_keys}
            rows = [
                (
                    column.name,
                    _KIND_WORDS[column.kind],
                    "yes" if column.required else "",
                    _values(column, refers),
                    column.description,
                )
                for column in table.columns
            ]
            result.append(nodes.rubric(text=table.name))
            key = f" Key: {', '.join(table.primary_key)}." if table.primary_key else ""
            result.append(nodes.paragraph(text=table.description + key))
            header = ("Column", "Holds", "Required", "Values or refers to", "Meaning")
            result.append(_definition_table(header, rows))
        return result


def _values(column: Any, refers: dict[str, str]) -> str:
    if len(column.values) > 12:
        return "a country code (ISO 3166-1 alpha-2)"
    return ", ".join(column.values) or refers.get(column.name, "")


def field_docstring(_app: Any, what: str, name: str, _obj: Any, _options: Any, lines: list[str]) -> None:
    """Give autodoc the description of a model field, kept in the field's metadata (``autodoc-process-docstring``).

    The description is written once, in the model, and serves the API
    reference, the file format reference and the JSON Schema alike.
    """
    if what != "attribute" or lines:
        return
    owner, _, field_name = name.rpartition(".")
    module_name, _, class_name = owner.rpartition(".")
    cls = getattr(sys.modules.get(module_name), class_name, None)
    if cls is None or not attrs.has(cls):
        return
    field = attrs.fields_dict(cls).get(field_name)
    if field is not None and DOC in field.metadata:
        lines.append(field.metadata[DOC])


def setup(app: Any) -> dict[str, Any]:
    """Register the directives with Sphinx, and :func:`field_docstring` with autodoc."""
    from gpworkshop import __version__  # noqa: PLC0415

    # Field descriptions reach the API reference through autodoc, which is loaded for it.
    app.setup_extension("sphinx.ext.autodoc")
    app.connect("autodoc-process-docstring", field_docstring)

    app.add_directive("gpworkshop-report", _ReportDirective)
    app.add_directive("gpworkshop-vocabularies", _VocabulariesDirective)
    app.add_directive("gpworkshop-errors", _ErrorsDirective)
    app.add_directive("gpworkshop-format", _FormatDirective)
    app.add_directive("gpworkshop-tables", _TablesDirective)
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
