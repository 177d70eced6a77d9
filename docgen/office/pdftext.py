"""What a rendered PDF holds: its text lines with their positions, page by page.

Read through poppler's ``pdftotext -bbox`` (words with their boxes); words on
one baseline are joined back into the line they were printed on, and each
line is placed on the page's grid of 22 lines from where it sits.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..errors import EnvironmentProblem
from ..layout import spec

POPPLER_HINT = (
    "没有找到 poppler 工具（pdftotext、pdftoppm），无法读取 PDF 的页面。\n"
    "  Debian/Ubuntu：sudo apt-get install poppler-utils\n"
    "  Windows：下载 https://github.com/oschwartz10612/poppler-windows/releases ，"
    "解压后把其中的 Library\\bin 文件夹加入 PATH。"
)

POINTS_PER_TWIP = 1 / 20
_TOP = spec.MARGIN_TOP * POINTS_PER_TWIP
_PITCH = spec.LINE_PITCH * POINTS_PER_TWIP
_BODY_BOTTOM = (spec.PAGE_HEIGHT - spec.MARGIN_BOTTOM) * POINTS_PER_TWIP
_SAME_LINE = 3.0  # points: words whose boxes end this close share a line
_NUMBER = re.compile(r"\d+")


@dataclass(frozen=True)
class TextLine:
    text: str
    left: float  # points from the page's left edge
    right: float
    top: float  # points from the page's top edge
    bottom: float

    @property
    def grid_line(self) -> int:
        """0-based line of the 22-line grid; a line's box ends at its grid line's foot."""
        return round((self.bottom - _TOP) / _PITCH) - 1


@dataclass(frozen=True)
class Page:
    number: int  # 1-based position in the PDF (a cover counts)
    width: float
    lines: list[TextLine]

    @property
    def printed_number(self) -> int | None:
        """The page number its footer prints (— 3 —), or None where the footer has none."""
        match = _NUMBER.search("".join(line.text for line in self.footer))
        return int(match.group()) if match else None

    @property
    def body(self) -> list[TextLine]:
        return [line for line in self.lines if line.bottom <= _BODY_BOTTOM + _PITCH / 2]

    @property
    def footer(self) -> list[TextLine]:
        return [line for line in self.lines if line.bottom > _BODY_BOTTOM + _PITCH / 2]


def require_tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise EnvironmentProblem(POPPLER_HINT)
    return found


def read_pages(pdf: Path) -> list[Page]:
    pdftotext = require_tool("pdftotext")
    finished = subprocess.run([pdftotext, "-bbox", str(pdf), "-"], capture_output=True)
    if finished.returncode != 0:
        raise EnvironmentProblem(f"无法读取 PDF：{pdf}（{finished.stderr.decode(errors='replace').strip()}）")
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, recover=True)
    root = etree.fromstring(finished.stdout, parser)
    pages = []
    for number, page in enumerate(root.iter("{*}page"), 1):
        words = [_word(w) for w in page.iter("{*}word")]
        pages.append(Page(number, float(page.get("width")), _lines(words)))
    return pages


def _word(word) -> TextLine:
    box = [float(word.get(k)) for k in ("xMin", "xMax", "yMin", "yMax")]
    return TextLine(word.text or "", *box)


def _lines(words: list[TextLine]) -> list[TextLine]:
    rows: list[list[TextLine]] = []
    for word in sorted(words, key=lambda w: (w.bottom, w.left)):
        if rows and abs(rows[-1][0].bottom - word.bottom) <= _SAME_LINE:
            rows[-1].append(word)
        else:
            rows.append([word])
    return [_join(sorted(row, key=lambda w: w.left)) for row in rows]


def _join(words: list[TextLine]) -> TextLine:
    text = words[0].text
    for before, word in zip(words, words[1:]):
        latin_gap = before.text[-1:].isascii() and word.text[:1].isascii()
        text += (" " if latin_gap else "") + word.text
    return TextLine(
        text,
        min(w.left for w in words),
        max(w.right for w in words),
        min(w.top for w in words),
        max(w.bottom for w in words),
    )
