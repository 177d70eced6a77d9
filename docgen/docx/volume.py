"""The compiled volume: the cover (if any), the 目录, then every report from a new page.

The 目录 comes first but needs every report's pages, known only once every
report is composed. So a build makes each report's body as it makes the
report (``VolumeWriter.body``) and keeps it on disk, not in memory; the
package is written when the pages are known, the bodies streamed into it:
memory stays flat however many reports.
"""

from __future__ import annotations

import io
import itertools
from collections.abc import Iterable, Iterator
from typing import BinaryIO

from lxml import etree

from ..core.model import Volume, VolumeSettings
from ..layout import compose, spec
from ..layout.compose import toc_field_keeps_its_look
from ..layout.paginate import toc_entries
from .content import TOC_GALLERY, cover_elements, report_body_xml, toc_lines
from .ooxml import document_part_control, paragraph_xml
from .properties import DocumentProperties
from .template_fill import Template

_FIRST_BOOKMARK = 100_000_001  # Word names TOC bookmarks _Toc + digits; it hides them in its list
_TOC_BATCH = 500  # 目录 lines written out at a time


def bookmark_name(position: int) -> str:
    return f"_Toc{_FIRST_BOOKMARK + position}"


class VolumeWriter:
    """The volume from its reports' bodies, each made on its own (``body``, in whichever
    process makes the report), and the pages of its 目录 (``write``)."""

    def __init__(self, settings: VolumeSettings, template: Template, reports: int = 0):
        self.settings = settings
        self.reports = reports  # how many the volume has
        # The cover is unnumbered: the 目录 is page 1 with a cover as without one. Printed on
        # both sides, the 目录 and each report are sections of their own, each beginning a
        # right-hand page, and the 目录's section numbers from 1 (the last report's is the template's).
        duplex = settings.duplex
        self.rendered = template.rendered(
            {"title": settings.series_title, "unit": ""},
            number_from_one=settings.cover is not None and not duplex,
            odd_page=duplex,
        )

    def body(self, paragraphs: list[compose.Paragraph], position: int) -> bytes:
        """A report, composed (``compose.report_paragraphs``), as it prints in the volume
        at ``position`` (from 0); its title is the 目录's link target."""
        bookmark = (position + 1, bookmark_name(position))
        own_section = self.settings.duplex and position < self.reports - 1
        section = self.rendered.section_xml(odd_page=True) if own_section else ""
        return self.rendered.body(report_body_xml(paragraphs, self.rendered.styles, bookmark, section))

    def write(self, file: BinaryIO, volume: Volume, start_pages: list[int], bodies: Iterable[bytes]) -> None:
        """The package into ``file``: cover, a 目录 with ``start_pages``, then ``bodies`` in order."""
        front = self._front(volume, start_pages)
        self.rendered.write(file, itertools.chain(front, bodies), volume_properties(volume))

    def _front(self, volume: Volume, start_pages: list[int]) -> Iterator[bytes]:
        """The cover and the 目录, as they print in the document part, a few hundred lines at a time."""
        settings, styles, rendered = self.settings, self.rendered.styles, self.rendered
        entries = toc_entries(volume, [str(page) for page in start_pages])
        bookmarks = [bookmark_name(i) for i in range(len(entries))]
        if settings.cover:
            yield rendered.serialised(cover_elements(settings.cover, styles, blank_back=settings.duplex))
        as_field = toc_field_keeps_its_look(entries)
        head, tail = b"", b""
        if as_field:  # in Word's 目录 content control
            mark = etree.Comment("toc")
            head, tail = rendered.serialised([document_part_control([mark], TOC_GALLERY)]).split(
                etree.tostring(mark, encoding="UTF-8")
            )
        yield head
        lines = toc_lines(settings.toc_heading, entries, bookmarks, styles, as_field)
        while batch := list(itertools.islice(lines, _TOC_BATCH)):
            yield rendered.body("".join(batch))
        yield tail
        if settings.duplex:  # the 目录's own section: an empty paragraph after it ends it (measured by the model)
            section = rendered.section_xml(odd_page=True, number_from_one=settings.cover is not None)
            yield rendered.body(paragraph_xml(styles[spec.STYLE_BODY], "", section=section))


def volume_docx(volume: Volume, start_pages: list[int], template: Template) -> bytes:
    """The whole volume at once (its reports composed again): for ``build --exact`` and tests."""
    writer, show_unit = VolumeWriter(volume.settings, template, len(volume.reports)), volume.settings.show_unit
    reports = zip(volume.reports, volume.numbered_titles())
    bodies = (writer.body(compose.report_paragraphs(r, title, show_unit), i) for i, (r, title) in enumerate(reports))
    out = io.BytesIO()
    writer.write(out, volume, start_pages, bodies)
    return out.getvalue()


def volume_properties(volume: Volume) -> DocumentProperties:
    """The cover's title and 编印单位 where the volume has a cover, else the series title."""
    cover = volume.settings.cover
    if cover is None:
        return DocumentProperties(title=volume.settings.series_title)
    return DocumentProperties(title=cover.title or volume.settings.series_title, creator=cover.unit, company=cover.unit)
