"""The parts of a Word file: a reference opened safely and emptied, styles found or copied, properties, stable bytes.

A reference document is a file someone sent, so it is read as hostile
input: it is a ZIP archive, and the guard of workbooks (the number of its
parts, how far they inflate, no document type declared) refuses it before
python-docx parses any part.
"""

from __future__ import annotations

import datetime as dt
import io
import os
import zipfile
from pathlib import Path
from typing import Any

from gpworkshop import codes, limits
from gpworkshop._files import read_file
from gpworkshop._wording import excerpt, xml_safe
from gpworkshop.errors import Problem
from gpworkshop.formats import requires
from gpworkshop.reports.registry import ReportError, check_paper

__all__ = [
    "AUTHOR",
    "HYPERLINK_STYLE",
    "Modules",
    "Styles",
    "emptied",
    "opened",
    "set_paper",
    "set_properties",
    "stable_zip",
    "stamp",
    "without_thumbnail",
]

_DOCUMENT = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
_TEMPLATE = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"
# What a body alone refers to, by the last segment of the relationship's type: gone with the body it served.
_BODY_ONLY = frozenset(
    {
        "image",
        "hyperlink",
        "chart",
        "diagramData",
        "diagramLayout",
        "diagramQuickStyle",
        "diagramColors",
        "oleObject",
        "package",
        "video",
        "audio",
        "media",
        "control",
        "comments",
        "commentsExtended",
        "commentsIds",
        "commentsExtensible",
        "people",
    }
)
_RELATIONSHIPS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

#: Who Word files made here say wrote them.
AUTHOR = "gpworkshop"
#: The character style of hyperlinks, made as Word's own when a file has none.
HYPERLINK_STYLE = "Hyperlink"
# Paper sizes in twentieths of a point, width by height, standing, as Word gives them.
_PAPERS = {"a4": (11906, 16838), "letter": (12240, 15840)}


class Modules:
    """The python-docx modules a Word file is written with, imported once they are needed."""

    def __init__(self) -> None:
        self.docx = requires("docx", "docx", "docx")
        self.shared = requires("docx.shared", "docx", "docx")
        self.oxml = requires("docx.oxml", "docx", "docx")
        self.ns = requires("docx.oxml.ns", "docx", "docx")
        self.constants = requires("docx.opc.constants", "docx", "docx")
        self.styles = requires("docx.enum.style", "docx", "docx")

    def qn(self, tag: str) -> Any:
        """The name *tag*, such as ``w:lang``, with its namespace in full, as lxml writes it."""
        return self.ns.qn(tag)

    def element(self, tag: str, **attributes: str) -> Any:
        """A new element *tag* with *attributes* in the ``w:`` namespace, their values made safe for XML."""
        made = self.oxml.OxmlElement(tag)
        for name, value in attributes.items():
            made.set(self.qn(f"w:{name}"), xml_safe(value))
        return made


class Styles:
    """The styles of the Word file by name: its own, or copied from python-docx's template when it lacks one."""

    def __init__(self, word: Modules, file: Any) -> None:
        self._word = word
        self._styles = file.styles
        self._template: Any = None
        self._found: dict[str, Any] = {}
        #: Styles copied without the numbering they had, whose lists are numbered in their text.
        self.unnumbered: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        """The style called *name*, or ``None`` for Normal when neither file nor template has one of its type."""
        if name not in self._found:
            self._found[name] = self._find(name)
        return self._found[name]

    def _find(self, name: str) -> Any:
        kinds = self._word.styles.WD_STYLE_TYPE
        kind = {HYPERLINK_STYLE: kinds.CHARACTER, "Table Grid": kinds.TABLE}.get(name, kinds.PARAGRAPH)
        try:
            found = self._styles[name]
        except KeyError:
            pass
        else:
            # A reference may give the name to a style of another type, which python-docx would refuse to apply.
            return found if found.type == kind else None
        if name == HYPERLINK_STYLE:
            return self._hyperlink()
        if self._template is None:
            self._template = self._word.docx.Document().styles
        try:
            model = self._template[name].element
        except KeyError:
            return None
        if self._styles.element.get_by_id(model.styleId) is not None:
            return None
        if self._copy(model):
            self.unnumbered.add(name)
        return self._styles[name]

    def _copy(self, model: Any) -> bool:
        """Copy the style element *model* and the styles it is based on that the file lacks, without numbering.

        Whether the style numbered paragraphs: its numbering is left out, as the file may have no such list.
        """
        import copy  # noqa: PLC0415

        qn = self._word.qn
        element = copy.deepcopy(model)
        for tag in ("w:link", "w:rsid"):
            for found in element.findall(qn(tag)):
                element.remove(found)
        numbered = element.findall(f"{qn('w:pPr')}/{qn('w:numPr')}")
        for numbering in numbered:
            numbering.getparent().remove(numbering)
        self._styles.element.append(element)
        based_on = element.find(qn("w:basedOn"))
        if based_on is not None and self._styles.element.get_by_id(based_on.get(qn("w:val"))) is None:
            parent = self._template.element.get_by_id(based_on.get(qn("w:val")))
            if parent is not None:
                self._copy(parent)
        return bool(numbered)

    def _hyperlink(self) -> Any:
        """A Hyperlink character style as Word's own: blue and underlined."""
        style = self._styles.add_style(HYPERLINK_STYLE, self._word.styles.WD_STYLE_TYPE.CHARACTER)
        style.font.color.rgb = self._word.shared.RGBColor(0x05, 0x63, 0xC1)
        style.font.underline = True
        style.priority = 99
        style.unhide_when_used = True
        return style


def opened(docx: Any, reference: str | os.PathLike[str]) -> Any:
    """The python-docx document of the file *reference*, a Word document (.docx) or template (.dotx).

    :raises ReportError: naming the file, if it cannot be read, is not a Word file, or passes a limit.
    """
    from gpworkshop.tables._workbook_parts import UNREADABLE, refused  # noqa: PLC0415  (tables are heavy)

    path = Path(reference)
    name = excerpt(path.name, 80)
    # A pipe or a device is refused before a byte is read, and a file over the limit before it is read whole.
    data = read_file(path, name)
    if isinstance(data, Problem):
        if data.code == codes.LIMIT:
            allowed = limits.size(limits.FILE_BYTES)
            raise ReportError(f"the reference document {name} is larger than the {allowed} allowed")
        raise ReportError(f"the reference document {name}: {data.message}")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            problem = refused(archive, name)
            if problem is not None:
                # The guard speaks of workbooks, which a reference is not.
                message = problem.message.replace("workbook", "Word file")
                raise ReportError(f"the reference document {name} is refused: {message}")
            data = _as_document(archive, data)
        word = docx.Document(io.BytesIO(data))
        _read_parts(word)
        return word
    except ReportError:
        raise
    except UNREADABLE as error:
        raise ReportError(
            f"the reference document {name} is not a Word file (.docx) that can be read ({excerpt(str(error), 80)})"
        ) from None


def _read_parts(word: Any) -> None:
    """Read the parts a report is written into, which python-docx reads only when asked, for their errors.

    :raises KeyError: for a document without a body.
    """
    if word.element.body is None:
        raise KeyError("the document has no body (w:body)")
    word.styles.element.get_by_name("Normal")
    _ = word.core_properties.title
    for section in word.sections:
        _ = section.page_width, section.left_margin, section.right_margin


def _as_document(archive: zipfile.ZipFile, data: bytes) -> bytes:
    """The bytes of the archive with a template's main part declared a document's, as Word does on opening it."""
    types = archive.read("[Content_Types].xml")
    if _TEMPLATE.encode() not in types:
        return data
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as copy:
        for member in archive.infolist():
            content = archive.read(member)
            if member.filename == "[Content_Types].xml":
                content = content.replace(_TEMPLATE.encode(), _DOCUMENT.encode())
            copy.writestr(member.filename, content)
    return buffer.getvalue()


def emptied(word: Any, qn: Any) -> None:
    """Remove the body of *word* but its last section's page setup, and what only that body referred to."""
    body = word.element.body
    for child in list(body):
        if child.tag != qn("w:sectPr"):
            body.remove(child)
    # Word takes a body without page setup as Letter; the page is then set as the renderer sets it.
    body.get_or_add_sectPr()
    used = {
        value
        for element in word.element.iter()
        for key, value in element.attrib.items()
        if key.startswith(f"{{{_RELATIONSHIPS}}}")
    }
    rels = word.part.rels
    for key, relationship in list(rels.items()):
        if key not in used and relationship.reltype.rsplit("/", 1)[-1] in _BODY_ONLY:
            del rels[key]
            rels._target_parts_by_rId.pop(key, None)


def without_thumbnail(word: Any) -> None:
    """Leave out the file's picture of its first page, which shows a template's page or a reference's body."""
    relationships = word.part.package.rels
    for key, relationship in list(relationships.items()):
        if relationship.reltype.endswith("/metadata/thumbnail"):
            del relationships[key]
            relationships._target_parts_by_rId.pop(key, None)


def stamp(day: dt.date | None) -> dt.datetime:
    """When a Word file of a document of *day* says it was made: that day at 00:00 UTC, or 1 January 2000."""
    day = day or dt.date(2000, 1, 1)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


def set_properties(word: Any, *, title: str, subject: str | None, language: str, made: dt.datetime) -> None:
    """Replace the core properties of *word* (those of a reference too) with the document's own."""
    element = word.core_properties._element
    for child in list(element):
        element.remove(child)
    properties = word.core_properties
    properties.title = title
    properties.subject = subject or ""
    properties.language = language
    properties.author = AUTHOR
    properties.last_modified_by = AUTHOR
    properties.revision = 1
    properties.created = made
    properties.modified = made


def stable_zip(data: bytes, made: dt.datetime) -> bytes:
    """The ZIP archive *data* again, its members in a fixed order with fixed dates: the same bytes every time."""
    when = (max(1980, min(made.year, 2107)), made.month, made.day, 0, 0, 0)
    target = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(target, "w") as copy:
        names = sorted(source.namelist(), key=lambda name: (name != "[Content_Types].xml", name))
        for name in names:
            member = zipfile.ZipInfo(name, date_time=when)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.create_system = 0
            member.external_attr = 0
            copy.writestr(member, source.read(name), compresslevel=6)
    return target.getvalue()


def set_paper(word: Modules, file: Any, paper: str) -> None:
    """Set every section on *paper*, each keeping its orientation."""
    width, height = (word.shared.Twips(size) for size in _PAPERS[check_paper(paper)])
    for section in file.sections:
        lying = (section.page_width or 0) > (section.page_height or 0)
        section.page_width, section.page_height = (height, width) if lying else (width, height)
