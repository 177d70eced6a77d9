"""The pages as the layout model lays them out, line by line: what the workbench's
预览 draws (where each page ends, the 目录 with its numbers) without a word processor.

The paragraphs are composed, measured and placed by the very functions that page
the 目录 (``compose``, ``paginate.measure``, ``paginate.place``): what is shown is
what the page numbers were computed from.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..core.model import Report, Volume
from . import compose
from .paginate import measure, place, start_pages, toc_entries


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
    number: int | None  # as its footer prints it; None for the cover, which prints none
    lines: list[Line] = field(default_factory=list)


def report_pages(report: Report, title: str, show_unit: bool = False) -> list[Page]:
    """A report's pages as its own .docx prints them, numbered from 1."""
    return _pages(compose.report_paragraphs(report, title, show_unit))


def volume_pages(volume: Volume) -> list[Page]:
    """The volume's pages: the cover (unnumbered), the 目录 with its page numbers, every report."""
    cover = compose.cover_paragraphs(volume.settings.cover) if volume.settings.cover else []
    pages = [str(page) for page in start_pages(volume)]
    paragraphs = cover + compose.toc_paragraphs(volume.settings.toc_heading, toc_entries(volume, pages))
    show_unit = volume.settings.show_unit
    for report, title in zip(volume.reports, volume.numbered_titles()):
        paragraphs += compose.report_paragraphs(report, title, show_unit)
    return _pages(paragraphs, breaks_after=len(cover))


def _pages(paragraphs: list[compose.Paragraph], breaks_after: int = 0) -> list[Page]:
    """``paragraphs`` placed on pages; the paragraph after the first ``breaks_after`` (the
    cover's) starts a page of its own, and those pages print no number."""
    blocks = [measure(paragraph) for paragraph in paragraphs]
    if breaks_after and breaks_after < len(blocks):
        blocks[breaks_after] = replace(blocks[breaks_after], page_break_before=True)
    positions = place(blocks)
    unnumbered = positions[breaks_after - 1][-1][0] if breaks_after else 0
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
    return [pages[page] for page in sorted(pages)]
