"""The compiled volume: the cover (if any), the 目录, then every report from a new page."""

from __future__ import annotations

from ..layout.paginate import toc_entries
from ..model import Volume
from .content import cover_paragraphs, report_paragraphs, toc_paragraphs
from .docprops import DocumentProperties
from .docx_template import Template

_FIRST_BOOKMARK = 100_000_001  # Word names TOC bookmarks _Toc + digits; it hides them in its list


def bookmark_name(position: int) -> str:
    return f"_Toc{_FIRST_BOOKMARK + position}"


def volume_docx(volume: Volume, start_pages: list[int], template: Template) -> bytes:
    settings = volume.settings
    titles = volume.numbered_titles()
    entries = toc_entries(volume, [str(page) for page in start_pages])
    bookmarks = [bookmark_name(i) for i in range(len(titles))]

    def paragraphs(styles):
        body = cover_paragraphs(settings.cover, styles) if settings.cover else []
        body += toc_paragraphs(settings.toc_heading, entries, bookmarks, styles)
        for i, (report, title) in enumerate(zip(volume.reports, titles)):
            body += report_paragraphs(report, title, styles, (i + 1, bookmarks[i]), settings.show_unit)
        return body

    context = {"title": settings.series_title, "unit": ""}
    # the cover is unnumbered: the 目录 is page 1 with a cover as without one
    return template.render(paragraphs, context, volume_properties(volume), number_from_one=settings.cover is not None)


def volume_properties(volume: Volume) -> DocumentProperties:
    """The cover's title and 编印单位 where the volume has a cover, else the series title."""
    cover = volume.settings.cover
    if cover is None:
        return DocumentProperties(title=volume.settings.series_title)
    return DocumentProperties(title=cover.title or volume.settings.series_title, creator=cover.unit, company=cover.unit)
