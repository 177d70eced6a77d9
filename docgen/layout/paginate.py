"""The page each report starts on, from a model of the page grid — no word processor.

Every paragraph is broken into grid lines (``linebreak``); the lines are then
poured onto pages of 22 with the rules Word and LibreOffice apply: a page
break before each report title, widow and orphan control (no paragraph leaves
a single line alone at the foot or head of a page) and headings kept with the
paragraph after them.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..core.model import Report, Volume
from . import compose, spec

Position = tuple[int, int]  # (page, line on the page), both counted from 1 and 0


@dataclass(frozen=True)
class Block:
    """A paragraph as the page sees it: its lines and how it holds to its neighbours."""

    lines: int
    keep_with_next: bool = False
    page_break_before: bool = False
    texts: tuple[str, ...] = field(default=(), compare=False)  # each line's text, where known
    odd_page: bool = False  # begins a right-hand (odd) page, a blank page before it where needed (duplex)


def measure(paragraph: compose.Paragraph) -> Block:
    """The grid lines ``paragraph`` fills, by the numbers of its format (``spec.FORMATS``)."""
    lines = compose.printed_lines(paragraph)
    grid_lines = len(lines) * paragraph.format.grid_lines
    return Block(grid_lines, paragraph.keeps_with_next, paragraph.format.page_break_before, texts=tuple(lines))


def measure_all(paragraphs: list[compose.Paragraph]) -> list[Block]:
    return [measure(p) for p in paragraphs]


def report_blocks(report: Report, title: str, show_unit: bool = False) -> list[Block]:
    return measure_all(compose.report_paragraphs(report, title, show_unit))


def report_pages_of(report: Report, title: str, show_unit: bool = False) -> int:
    """How many pages the report fills, starting on a fresh page."""
    return paragraph_pages(compose.report_paragraphs(report, title, show_unit))


def paragraph_pages(paragraphs: list[compose.Paragraph]) -> int:
    """How many pages ``paragraphs`` fill, starting on a fresh page."""
    return pour(measure_all(paragraphs))


def toc_blocks(volume: Volume, report_page_counts: list[int]) -> list[Block]:
    """The 目录 as measured. The page numbers' width depends on how long the
    volume is, which depends on the 目录's length: measure until the number of
    digits settles."""
    digits = 1
    while True:
        entries = toc_entries(volume, ["0" * digits] * len(volume.reports))
        blocks = measure_all(compose.toc_paragraphs(volume.settings.toc_heading, entries))
        if volume.settings.duplex:
            blocks.append(Block(1))  # the empty paragraph that ends the 目录's section (writers.volume)
        starts = _starts(pour(blocks) + 1, report_page_counts, volume.settings.duplex)
        last_page = starts[-1] + report_page_counts[-1] - 1 if starts else pour(blocks)
        if len(str(last_page)) <= digits:
            return blocks
        digits = len(str(last_page))


def _starts(first_free: int, page_counts: list[int], duplex: bool) -> list[int]:
    """The page each report starts on, the first at ``first_free`` or after; duplex: on odd pages."""
    starts, page = [], first_free
    for count in page_counts:
        page += duplex and page % 2 == 0  # a blank page before it, so that it begins a right-hand page
        starts.append(page)
        page += count
    return starts


def toc_entries(volume: Volume, pages: list[str]) -> list[compose.TocEntry]:
    show_unit = volume.settings.show_unit
    return [
        compose.TocEntry(title, page, report.unit if show_unit else "")
        for report, title, page in zip(volume.reports, volume.numbered_titles(), pages)
    ]


def cover_blocks(volume: Volume) -> list[Block]:
    cover = volume.settings.cover
    return measure_all(compose.cover_paragraphs(cover)) if cover else []


@dataclass
class VolumeLayout:
    blocks: list[Block]  # cover, 目录, then every report's
    report_starts: list[int]  # the index in ``blocks`` of each report's title
    unnumbered_pages: int = 0  # the cover's: page numbers count from the 目录's first page


def volume_layout(volume: Volume) -> VolumeLayout:
    """The volume's blocks in print order; the 目录 starts a page of its own after a
    cover. Printed on both sides (duplex), the 目录 and every report begin a
    right-hand page: the cover's back is left blank, and so is the back of a
    report's last page where it is a right-hand one."""
    titles = volume.numbered_titles()
    show_unit, duplex = volume.settings.show_unit, volume.settings.duplex
    reports = [report_blocks(report, title, show_unit) for report, title in zip(volume.reports, titles)]
    cover = cover_blocks(volume)
    toc = toc_blocks(volume, [pour(blocks) for blocks in reports])
    toc[0] = replace(toc[0], page_break_before=bool(cover), odd_page=duplex)
    blocks = cover + toc
    starts = []
    for report in reports:
        starts.append(len(blocks))
        blocks += [replace(report[0], odd_page=duplex), *report[1:]]
    unnumbered = pour(cover) if cover else 0
    return VolumeLayout(blocks, starts, unnumbered + (duplex and unnumbered % 2))


def start_pages(volume: Volume, report_pages: list[int] | None = None) -> list[int]:
    """The page each report of the volume starts on, as its footer prints it:
    counted from the 目录's first page, a cover or not (the cover is its own
    section, unnumbered, and the 目录's section numbers from 1).

    ``report_pages``: the pages each report fills (``paragraph_pages``), where
    the caller has composed the reports already. Every report starts a page of
    its own, so the reports follow the 目录 page count after page count (duplex:
    each on the odd page at or after it), as ``place`` puts them over ``volume_layout``.
    """
    if report_pages is None:
        show_unit = volume.settings.show_unit
        report_pages = [
            report_pages_of(report, title, show_unit) for report, title in zip(volume.reports, volume.numbered_titles())
        ]
    return _starts(pour(toc_blocks(volume, report_pages)) + 1, report_pages, volume.settings.duplex)


def pour(blocks: list[Block], lines_per_page: int = spec.LINES_PER_PAGE) -> int:
    """Lay ``blocks`` onto pages; return the number of pages used."""
    positions = place(blocks, lines_per_page)
    return positions[-1][-1][0] if positions else 1


def place(blocks: list[Block], lines_per_page: int = spec.LINES_PER_PAGE) -> list[list[Position]]:
    """Where each line of each block lands: (page, line on the page)."""
    page, used = 1, 0
    placed = []
    for index, block in enumerate(blocks):
        if (block.page_break_before or block.odd_page) and used:
            page, used = page + 1, 0
        if block.odd_page and page % 2 == 0:
            page += 1  # the blank back of the page before
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
        if room < 2 and not positions and used:  # orphan control: a first line alone goes over too
            room = 0
        positions += [(page, used + i) for i in range(room)]
        remaining -= room
        page, used = page + 1, 0
    positions += [(page, used + i) for i in range(remaining)]
    return positions, page, used + remaining
