"""The page each report starts on, from a model of the page grid — no word processor.

Every paragraph is measured in grid lines (``linebreak``); the lines are then
poured onto pages of 22 with the rules Word and LibreOffice apply: a page
break before each report title, widow and orphan control (no paragraph leaves
a single line alone at the foot or head of a page) and headings kept with the
paragraph after them.
"""

from __future__ import annotations

from dataclasses import dataclass

from .. import compose
from ..model import Report, Volume
from . import spec
from .linebreak import Font, line_count

BODY_FONT = Font(em=spec.BODY_SIZE * 10, spacing=spec.CHAR_SPACING)
TITLE_FONT = Font(em=spec.TITLE_SIZE * 10, spacing=0)
TOC_HEADING_LINES = 2  # 目录 heading and the empty line after it


@dataclass(frozen=True)
class Block:
    """A paragraph as the page sees it."""

    lines: int
    keep_with_next: bool = False
    page_break_before: bool = False


def measure(paragraph: compose.Paragraph) -> Block:
    text = paragraph.text
    if paragraph.role == compose.TITLE:
        return Block(line_count(text, TITLE_FONT, spec.TEXT_WIDTH), keep_with_next=True, page_break_before=True)
    lines = line_count(text, BODY_FONT, spec.TEXT_WIDTH, first_indent=spec.FIRST_LINE_INDENT)
    if paragraph.role == compose.BLANK:
        return Block(1)
    return Block(lines, keep_with_next=paragraph.role == compose.HEADING1)


def report_pages(report: Report, title: str) -> int:
    """How many pages the report fills, starting on a fresh page."""
    return pour([measure(p) for p in compose.report_paragraphs(report, title)])


def pour(blocks: list[Block], lines_per_page: int = spec.LINES_PER_PAGE) -> int:
    """Lay ``blocks`` onto pages; return the number of pages used."""
    page, used = 1, 0
    for index, block in enumerate(blocks):
        if block.page_break_before and used:
            page, used = page + 1, 0
        room = lines_per_page - used
        needed = _lines_to_keep_together(blocks, index)
        if used and needed > room:
            page, used = page + 1, 0
            room = lines_per_page
        page, used = _place(block, page, used, lines_per_page)
    return page


def _lines_to_keep_together(blocks: list[Block], index: int) -> int:
    """Lines that must share the page where ``blocks[index]`` begins.

    A block of one or two lines stays whole; a longer one needs two lines
    (orphan control). A heading also needs what follows it.
    """
    block = blocks[index]
    needed = min(block.lines, 2) if block.lines > 2 else block.lines
    if block.keep_with_next and index + 1 < len(blocks):
        needed = block.lines + _lines_to_keep_together(blocks, index + 1)
    return needed


def _place(block: Block, page: int, used: int, lines_per_page: int) -> tuple[int, int]:
    """Put ``block`` on the page from line ``used`` on, splitting it across pages."""
    remaining = block.lines
    while remaining > lines_per_page - used:
        room = lines_per_page - used
        rest = remaining - room
        if rest < 2:  # widow control: the next page gets at least two lines
            room -= 2 - rest
        remaining -= room
        page, used = page + 1, 0
    return page, used + remaining


def toc_pages(entry_count: int) -> int:
    """Pages the 目录 fills: its heading lines, then one line an entry."""
    return pour([Block(TOC_HEADING_LINES)] + [Block(1)] * entry_count)


def start_pages(volume: Volume) -> list[int]:
    """The page each report of the volume starts on, counted from the 目录 page."""
    titles = volume.numbered_titles()
    page = toc_pages(len(titles)) + 1
    starts = []
    for report, title in zip(volume.reports, titles):
        starts.append(page)
        page += report_pages(report, title)
    return starts
