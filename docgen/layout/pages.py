"""The pages as the layout model lays them out, line by line: what the workbench's
预览 draws (where each page ends, the 目录 with its numbers) without a word processor.

The paragraphs are composed, measured and placed by the very functions that page
the 目录 (``compose``, ``paginate.measure``, ``paginate.place``): what is shown is
what the page numbers were computed from.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.model import Report, Volume
from . import compose
from .paginate import measure, place, start_pages, toc_entries, volume_layout


@dataclass(frozen=True)
class Line:
    """One printed line: its paragraph's role, its text and where it stands on its page."""

    role: str  # a role in spec.FORMATS
    text: str
    grid_line: int  # on its page, counted from 0
    first: bool  # its paragraph's first line (indented where its format indents)
    last: bool  # its paragraph's last line (not stretched to the margin)
    page_number: str = ""  # a 目录 line's page number, on the entry's last line
    right_indent: int = 0  # twips beyond its format's own (the 落款)


@dataclass
class Page:
    number: int | None  # as its footer prints it; None for the cover and a blank page, which print none
    lines: list[Line] = field(default_factory=list)


def report_pages(report: Report, title: str, show_unit: bool = False) -> list[Page]:
    """A report's pages as its own .docx prints them, numbered from 1."""
    return _pages(compose.report_paragraphs(report, title, show_unit))


def volume_pages(volume: Volume) -> list[Page]:
    """The volume's pages: the cover (unnumbered), the 目录 with its page numbers, every
    report; printed on both sides, the blank pages before right-hand pages too."""
    settings = volume.settings
    cover = compose.cover_paragraphs(settings.cover) if settings.cover else []
    pages = [str(page) for page in start_pages(volume)]
    paragraphs = cover + compose.toc_paragraphs(settings.toc_heading, toc_entries(volume, pages))
    if settings.duplex:
        paragraphs.append(compose.Paragraph(compose.BLANK))  # the one that ends the 目录's section
    for report, title in zip(volume.reports, volume.numbered_titles()):
        paragraphs += compose.report_paragraphs(report, title, settings.show_unit)
    layout = volume_layout(volume)  # the same paragraphs, measured and flagged as the 目录 was paged
    return _pages(paragraphs, layout.blocks, layout.unnumbered_pages)


def _pages(paragraphs: list[compose.Paragraph], blocks: list | None = None, unnumbered: int = 0) -> list[Page]:
    """``paragraphs`` placed on pages (as ``blocks`` where given, else as measured); the
    first ``unnumbered`` pages (the cover's) print no number."""
    blocks = blocks or [measure(paragraph) for paragraph in paragraphs]
    positions = place(blocks)
    pages: dict[int, Page] = {}
    for paragraph, block, where in zip(paragraphs, blocks, positions):
        step = paragraph.format.grid_lines
        texts = block.texts or ("",)
        for index, text in enumerate(texts):
            page, grid_line = where[index * step]
            last = index == len(texts) - 1
            line = Line(
                paragraph.role,
                text,
                grid_line,
                first=index == 0,
                last=last,
                page_number=paragraph.page if last else "",
                right_indent=paragraph.right_indent,
            )
            number = page - unnumbered if page > unnumbered else None
            pages.setdefault(page, Page(number)).lines.append(line)
    for page in range(1, max(pages, default=0)):  # a blank page before a right-hand one (duplex): no number printed
        pages.setdefault(page, Page(None))
    return [pages[page] for page in sorted(pages)]
