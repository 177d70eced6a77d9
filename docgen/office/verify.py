"""The pages on which the reports really start, read from the rendered volume."""

from __future__ import annotations

import re
from dataclasses import dataclass

from .pdftext import Page

_SPACE = re.compile(r"\s+")


def squeeze(text: str) -> str:
    """Text without white space: PDF text extraction does not keep it faithfully."""
    return _SPACE.sub("", text)


def rendered_start_pages(pages: list[Page], titles: list[str]) -> list[int | None]:
    """The page number printed in the footer of the page each title heads, in order
    (the 目录 must give that number); None for a title not found. A template whose
    footer prints no number: the page's place in the PDF."""
    return [None if i is None else _page_number(pages[i]) for i in rendered_start_indices(pages, titles)]


def _page_number(page: Page) -> int:
    printed = page.printed_number
    return page.number if printed is None else printed


def rendered_start_indices(pages: list[Page], titles: list[str]) -> list[int | None]:
    """The index in ``pages`` of the page each title heads (its first line on the page's first grid line), in order.

    Reports start on a fresh page with their title, so a report starts where
    a page's first line begins its title; the 目录 lines that repeat the
    titles are not at the head of their page and carry page numbers.
    """
    starts: list[int | None] = []
    page_index = 0
    for title in titles:
        found = next((i for i in range(page_index, len(pages)) if _page_starts_with(pages[i], title)), None)
        starts.append(found)
        if found is not None:
            page_index = found + 1
    return starts


def _page_starts_with(page: Page, title: str) -> bool:
    """Whether the page's first lines, from its first grid line on, are ``title``
    and nothing more (a 目录 line holding a wrapped title also has its page number)."""
    wanted = squeeze(title)
    if not page.body or page.body[0].grid_line != 0:
        return False
    head = ""
    for line in page.body:
        head += squeeze(line.text)
        if not wanted.startswith(head):
            return False
        if head == wanted:
            return True
    return False


@dataclass(frozen=True)
class Mismatch:
    title: str
    model_page: int
    rendered_page: int | None


def page_mismatches(titles: list[str], model: list[int], rendered: list[int | None]) -> list[Mismatch]:
    return [Mismatch(t, m, r) for t, m, r in zip(titles, model, rendered) if m != r]


def describe(mismatch: Mismatch) -> str:
    rendered = f"第 {mismatch.rendered_page} 页" if mismatch.rendered_page else "没有找到"
    return f"{mismatch.title}：目录写第 {mismatch.model_page} 页，LibreOffice 排版为{rendered}"
