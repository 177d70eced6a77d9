"""The page each report starts on, from a model of the page grid — no word processor.

Every paragraph is broken into grid lines (``linebreak``); the lines are then
poured onto pages of 22 with the rules Word and LibreOffice apply: a page
break before each report title, widow and orphan control (no paragraph leaves
a single line alone at the foot or head of a page) and headings kept with the
paragraph after them.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import compose
from ..model import Report, Volume
from . import spec
from .linebreak import Font, break_lines, text_width

BODY_FONT = Font(em=spec.BODY_SIZE * 10, spacing=spec.CHAR_SPACING)
TITLE_FONT = Font(em=spec.TITLE_SIZE * 10, spacing=0)
TOC_HEADING_LINES = 2  # 目录 heading and the empty line after it
TOC_LEADER_MIN = 0  # a right tab takes the page number to the margin however little room is left

Position = tuple[int, int]  # (page, line on the page), both counted from 1 and 0


@dataclass(frozen=True)
class Block:
    """A paragraph as the page sees it: its lines and how it holds to its neighbours."""

    lines: int
    keep_with_next: bool = False
    page_break_before: bool = False
    texts: tuple[str, ...] = field(default=(), compare=False)  # each line's text, where known


def measure(paragraph: compose.Paragraph) -> Block:
    text = paragraph.text
    if paragraph.role == compose.TITLE:
        lines = break_lines(text, TITLE_FONT, spec.TEXT_WIDTH)
        return Block(len(lines), keep_with_next=True, page_break_before=True, texts=tuple(lines))
    if paragraph.role == compose.BLANK:
        return Block(1, texts=("",))
    lines = break_lines(text, BODY_FONT, spec.TEXT_WIDTH, spec.FIRST_LINE_INDENT, _run_starts(paragraph))
    return Block(len(lines), keep_with_next=paragraph.role == compose.HEADING1, texts=tuple(lines))


def _run_starts(paragraph: compose.Paragraph) -> frozenset[int]:
    starts, position = set(), 0
    for run in paragraph.runs:
        starts.add(position)
        position += len(run.text)
    return frozenset(starts - {0})


def report_blocks(report: Report, title: str) -> list[Block]:
    return [measure(p) for p in compose.report_paragraphs(report, title)]


def report_pages(report: Report, title: str) -> int:
    """How many pages the report fills, starting on a fresh page."""
    return pour(report_blocks(report, title))


def toc_blocks(titles: list[str], report_page_counts: list[int]) -> list[Block]:
    """The 目录: its heading lines, then an entry a title, as many lines as the
    title wraps to, plus one where the page number no longer fits after it.

    The page numbers' width depends on how long the volume is, which depends
    on the 目录's length: measure until the number of digits settles.
    """
    digits = 1
    while True:
        blocks = [Block(TOC_HEADING_LINES)] + [Block(_toc_entry_lines(t, digits)) for t in titles]
        last_page = pour(blocks) + sum(report_page_counts)
        if len(str(last_page)) <= digits:
            return blocks
        digits = len(str(last_page))


def _toc_entry_lines(title: str, page_digits: int) -> int:
    lines = break_lines(title, BODY_FONT, spec.TEXT_WIDTH)
    page_number = text_width("0" * page_digits, BODY_FONT)
    fits = text_width(lines[-1], BODY_FONT) + TOC_LEADER_MIN + page_number <= spec.TEXT_WIDTH
    return len(lines) + (0 if fits else 1)


def start_pages(volume: Volume) -> list[int]:
    """The page each report of the volume starts on, counted from the 目录 page."""
    titles = volume.numbered_titles()
    counts = [report_pages(report, title) for report, title in zip(volume.reports, titles)]
    page = pour(toc_blocks(titles, counts)) + 1
    starts = []
    for count in counts:
        starts.append(page)
        page += count
    return starts


def pour(blocks: list[Block], lines_per_page: int = spec.LINES_PER_PAGE) -> int:
    """Lay ``blocks`` onto pages; return the number of pages used."""
    positions = place(blocks, lines_per_page)
    return positions[-1][-1][0] if positions else 1


def place(blocks: list[Block], lines_per_page: int = spec.LINES_PER_PAGE) -> list[list[Position]]:
    """Where each line of each block lands: (page, line on the page)."""
    page, used = 1, 0
    placed = []
    for index, block in enumerate(blocks):
        if block.page_break_before and used:
            page, used = page + 1, 0
        if used and _lines_to_keep_together(blocks, index) > lines_per_page - used:
            page, used = page + 1, 0
        positions, page, used = _place(block, page, used, lines_per_page)
        placed.append(positions)
    return placed


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


def _place(block: Block, page: int, used: int, lines_per_page: int) -> tuple[list[Position], int, int]:
    """Put ``block`` on the page from line ``used`` on, splitting it across pages."""
    positions: list[Position] = []
    remaining = block.lines
    while remaining > lines_per_page - used:
        room = lines_per_page - used
        rest = remaining - room
        if rest < 2:  # widow control: the next page gets at least two lines
            room -= 2 - rest
        positions += [(page, used + i) for i in range(room)]
        remaining -= room
        page, used = page + 1, 0
    positions += [(page, used + i) for i in range(remaining)]
    return positions, page, used + remaining
