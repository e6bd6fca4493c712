"""A :class:`~gpworkshop.reports.document.Chart` drawn as a PNG image of horizontal bars, for Word files.

Labels are drawn with a font that has their glyphs: one of the usual font
folders is searched by file name for Noto Sans, Noto Sans CJK, Noto Naskh
Arabic or DejaVu Sans, chosen by the script of each label, and Pillow's own
font stands in when none is found. With libraqm, Arabic and Hebrew labels
are shaped and run from right to left; a chart of a right-to-left document
is drawn mirrored, its labels on the right. The same chart gives the same
bytes on the same machine: the PNG holds no time.
"""

from __future__ import annotations

import functools
import io
import os
import sys
from pathlib import Path
from typing import Any

from gpworkshop.formats import requires
from gpworkshop.reports.document import Chart
from gpworkshop.reports.language import is_right_to_left

__all__ = ["DOTS_PER_INCH", "png", "script"]

#: The resolution the image is drawn for: its width in pixels over this is its width in inches.
DOTS_PER_INCH = 200

_WIDTH = 1200
_FONT_SIZE = 26
_ROW = 52
_BAR = 34
_MARGIN = 12
_LABEL_WIDTH = 480
_COUNT_WIDTH = 110
_INK = (29, 35, 48)
_ACCENT = (31, 95, 168)
_LINE = (213, 217, 224)

# Font files by the script they are chosen for, best first, by their names in lower case.
_FONT_FILES = {
    "latin": ("notosans-regular.ttf", "dejavusans.ttf", "arial.ttf", "liberationsans-regular.ttf"),
    "cjk": (
        "notosanscjk-regular.ttc",
        "notosanscjkkr-regular.otf",
        "notosanscjksc-regular.otf",
        "notosanscjkjp-regular.otf",
        "notosanskr-regular.otf",
        "notosanssc-regular.otf",
        "malgun.ttf",
        "msyh.ttc",
        "yugothr.ttc",
        "applesdgothicneo.ttc",
    ),
    "arabic": ("notonaskharabic-regular.ttf", "notosansarabic-regular.ttf", "dejavusans.ttf", "arial.ttf"),
    "hebrew": ("notosanshebrew-regular.ttf", "dejavusans.ttf", "arial.ttf"),
    # Right-to-left text with Latin letters or punctuation, which the Noto fonts of those scripts lack.
    "wide": ("dejavusans.ttf", "arial.ttf", "notosans-regular.ttf"),
}
# What the Noto fonts of Arabic and Hebrew have besides their letters.
_RIGHT_TO_LEFT_FONT_EXTRAS = frozenset(" 0123456789,")
# The face of a CJK font collection that suits a language: its name ends in these letters.
_CJK_FACES = {"ko": "KR", "zh": "SC", "zh-hant": "TC", "zh-tw": "TC", "zh-hk": "HK", "ja": "JP"}


def _folders() -> list[Path]:
    home = Path.home()
    folders = [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        home / ".local" / "share" / "fonts",
        home / ".fonts",
        Path("/Library/Fonts"),
        Path("/System/Library/Fonts"),
        home / "Library" / "Fonts",
    ]
    if sys.platform == "win32":
        folders.append(Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts")
    return folders


@functools.cache
def _font_files() -> dict[str, Path]:
    """Every font file in the font folders by its name in lower case: the first found of each name."""
    found: dict[str, Path] = {}
    for folder in _folders():
        if not folder.is_dir():
            continue
        for root, folders, files in os.walk(folder):
            folders.sort()
            for name in sorted(files):
                found.setdefault(name.lower(), Path(root) / name)
    return found


def script(text: str) -> str:
    """The script a font must cover for *text*: ``"cjk"``, ``"arabic"``, ``"hebrew"`` or ``"latin"``."""
    for character in text:
        code = ord(character)
        if 0x1100 <= code <= 0x11FF or 0x2E80 <= code <= 0x9FFF or 0xAC00 <= code <= 0xD7AF or 0xF900 <= code <= 0xFAFF:
            return "cjk"
        if 0x0600 <= code <= 0x08FF or 0xFB50 <= code <= 0xFDFF or 0xFE70 <= code <= 0xFEFF:
            return "arabic"
        if 0x0590 <= code <= 0x05FF:
            return "hebrew"
    return "latin"


def _cjk_face(text: str, language: str) -> str:
    """The face of a CJK font collection for *text*: the language's own, or that of the letters it holds."""
    tag = language.lower()
    for known in (tag, tag.split("-")[0]):
        if known in _CJK_FACES:
            return _CJK_FACES[known]
    if any(0xAC00 <= ord(character) <= 0xD7AF or 0x1100 <= ord(character) <= 0x11FF for character in text):
        return "KR"
    if any(0x3040 <= ord(character) <= 0x30FF for character in text):
        return "JP"
    return "SC"


def _font_for(text: str, language: str) -> Any:
    """The font to draw *text* with, in a chart of a document in *language*."""
    kind = script(text)
    if kind in ("arabic", "hebrew") and any(
        script(character) == "latin" and character not in _RIGHT_TO_LEFT_FONT_EXTRAS for character in text
    ):
        kind = "wide"
    return _font(kind, _cjk_face(text, language) if kind == "cjk" else "")


@functools.cache
def _font(kind: str, face: str) -> Any:
    image_font = requires("PIL.ImageFont", "docx", "docx")
    files = _font_files()
    for name in _FONT_FILES[kind]:
        path = files.get(name)
        if path is None:
            continue
        try:
            return _face(image_font, path, face)
        except OSError:
            continue
    return image_font.load_default(_FONT_SIZE)


def _face(image_font: Any, path: Path, wanted: str) -> Any:
    """The font in *path*; of a collection, the first face whose name ends in *wanted*, or else its first."""
    if path.suffix.lower() == ".ttc" and wanted:
        for index in range(16):
            try:
                font = image_font.truetype(str(path), _FONT_SIZE, index=index)
            except OSError:
                break
            if str(font.getname()[0]).endswith(wanted):
                return font
    return image_font.truetype(str(path), _FONT_SIZE)


@functools.cache
def _shapes() -> bool:
    """Whether Pillow can shape text and lay it out from right to left (it has libraqm)."""
    features = requires("PIL.features", "docx", "docx")
    return bool(features.check("raqm"))


def _layout(text: str, language: str) -> dict[str, str]:
    """What Pillow is told of *text*'s direction and language, when it can use it."""
    if not _shapes():
        return {}
    kind = script(text)
    if kind in ("arabic", "hebrew"):
        return {"direction": "rtl", "language": language if is_right_to_left(language) else kind[:2]}
    return {"direction": "ltr"}


def _fitted(text: str, font: Any, width: int, layout: dict[str, str]) -> str:
    """*text* on one line, cut short with an ellipsis where it is wider than *width* pixels."""
    text = " ".join(text.split())
    if font.getlength(text, **layout) <= width:
        return text
    low, high = 0, len(text)
    while low < high:
        middle = (low + high + 1) // 2
        if font.getlength(text[:middle] + "…", **layout) <= width:
            low = middle
        else:
            high = middle - 1
    return text[:low].rstrip() + "…"


def png(chart: Chart, *, language: str) -> tuple[bytes, int, int]:
    """*chart* as PNG bytes with its width and height in pixels, for a document in *language*."""
    image_module = requires("PIL.Image", "docx", "docx")
    draw_module = requires("PIL.ImageDraw", "docx", "docx")
    rows = max(len(chart.bars), 1)
    height = 2 * _MARGIN + rows * _ROW
    image = image_module.new("RGB", (_WIDTH, height), (255, 255, 255))
    draw = draw_module.Draw(image)
    mirrored = is_right_to_left(language)

    def x(position: float) -> float:
        return _WIDTH - position if mirrored else position

    bar_start = _MARGIN + _LABEL_WIDTH + 12
    bar_space = _WIDTH - bar_start - _COUNT_WIDTH - _MARGIN
    highest = max((count for _, count in chart.bars), default=0) or 1
    draw.line([(x(bar_start), _MARGIN), (x(bar_start), height - _MARGIN)], fill=_LINE, width=2)
    for index, (label, count) in enumerate(chart.bars):
        middle = _MARGIN + index * _ROW + _ROW // 2
        layout = _layout(label, language)
        font = _font_for(label, language)
        shown = _fitted(label, font, _LABEL_WIDTH, layout)
        draw.text((x(bar_start - 12), middle), shown, font=font, fill=_INK, anchor="lm" if mirrored else "rm", **layout)
        length = round(bar_space * max(count, 0) / highest)
        if length:
            ends = sorted((x(bar_start), x(bar_start + length)))
            draw.rectangle([(ends[0], middle - _BAR // 2), (ends[1], middle + _BAR // 2)], fill=_ACCENT)
        draw.text(
            (x(bar_start + length + 10), middle),
            str(count),
            font=_font("latin", ""),
            fill=_INK,
            anchor="rm" if mirrored else "lm",
        )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DOTS_PER_INCH, DOTS_PER_INCH))
    return buffer.getvalue(), _WIDTH, height
