"""The compiled volume: the 目录 on page 1, then every report from a new page."""

from __future__ import annotations

from ..model import Volume
from .content import report_paragraphs, toc_paragraphs
from .docprops import DocumentProperties
from .docx_template import Template

_FIRST_BOOKMARK = 100_000_001  # Word names TOC bookmarks _Toc + digits; it hides them in its list


def bookmark_name(position: int) -> str:
    return f"_Toc{_FIRST_BOOKMARK + position}"


def volume_docx(volume: Volume, start_pages: list[int], template: Template) -> bytes:
    titles = volume.numbered_titles()
    entries = [(title, bookmark_name(i), page) for i, (title, page) in enumerate(zip(titles, start_pages))]

    def paragraphs(styles):
        body = toc_paragraphs(volume.settings.toc_heading, entries, styles)
        for i, (report, title) in enumerate(zip(volume.reports, titles)):
            body += report_paragraphs(report, title, styles, bookmark=(i + 1, bookmark_name(i)))
        return body

    series = volume.settings.series_title
    return template.render(paragraphs, {"title": series, "unit": ""}, volume_properties(volume))


def volume_properties(volume: Volume) -> DocumentProperties:
    """The cover's title and 编印单位 where the volume has a cover, else the series title."""
    cover = volume.settings.cover
    if cover is None:
        return DocumentProperties(title=volume.settings.series_title)
    return DocumentProperties(title=cover.title or volume.settings.series_title, creator=cover.unit, company=cover.unit)
