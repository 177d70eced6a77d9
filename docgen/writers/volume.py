"""The compiled volume: the cover (if any), the 目录, then every report from a new page.

The 目录 comes first but needs every report's pages, known only once every
report is composed. So a build hands each report to a ``VolumeWriter`` as it
goes, which keeps the report's body on disk, not in memory, and writes the
package when the pages are known: memory stays flat however many reports.
"""

from __future__ import annotations

import io
import itertools
import tempfile
from typing import BinaryIO, Iterator

from lxml import etree

from .. import compose
from ..layout.paginate import toc_entries
from ..model import Volume
from .content import TOC_GALLERY, cover_paragraphs, report_body_xml, toc_lines
from .docprops import DocumentProperties
from .docx_template import Template
from .ooxml import document_part_control

_FIRST_BOOKMARK = 100_000_001  # Word names TOC bookmarks _Toc + digits; it hides them in its list
_BLOCK = 1 << 20
_TOC_BATCH = 500  # 目录 lines made into elements at a time


def bookmark_name(position: int) -> str:
    return f"_Toc{_FIRST_BOOKMARK + position}"


class VolumeWriter:
    """The volume's reports taken one by one (``add``), then the whole package (``write``)."""

    def __init__(self, volume: Volume, template: Template, bodies: BinaryIO | None = None):
        self.volume = volume
        # the cover is unnumbered: the 目录 is page 1 with a cover as without one
        self.rendered = template.rendered(
            {"title": volume.settings.series_title, "unit": ""}, number_from_one=volume.settings.cover is not None
        )
        self._bodies = bodies or tempfile.TemporaryFile(buffering=0)  # the reports' body XML, in order
        self._count = 0

    def add(self, paragraphs: list[compose.Paragraph]) -> None:
        """The next report, composed (``compose.report_paragraphs``); its title is the 目录's link target."""
        bookmark = (self._count + 1, bookmark_name(self._count))
        self._bodies.write(self.rendered.body(report_body_xml(paragraphs, self.rendered.styles, bookmark)))
        self._count += 1

    def write(self, file: BinaryIO, start_pages: list[int]) -> None:
        """The package into ``file``: cover, a 目录 with ``start_pages``, the reports added."""
        self._bodies.seek(0)
        bodies = iter(lambda: self._bodies.read(_BLOCK), b"")
        self.rendered.write(file, itertools.chain(self._front(start_pages), bodies), volume_properties(self.volume))

    def close(self) -> None:
        self._bodies.close()

    def __enter__(self) -> VolumeWriter:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def _front(self, start_pages: list[int]) -> Iterator[bytes]:
        """The cover and the 目录, as they print in the document part, a few hundred lines at a time."""
        settings, styles, rendered = self.volume.settings, self.rendered.styles, self.rendered
        entries = toc_entries(self.volume, [str(page) for page in start_pages])
        bookmarks = [bookmark_name(i) for i in range(len(entries))]
        if settings.cover:
            yield rendered.serialised(cover_paragraphs(settings.cover, styles))
        mark = etree.Comment("toc")
        head, tail = rendered.serialised([document_part_control([mark], TOC_GALLERY)]).split(
            etree.tostring(mark, encoding="UTF-8")
        )
        yield head
        lines = toc_lines(settings.toc_heading, entries, bookmarks, styles)
        while batch := list(itertools.islice(lines, _TOC_BATCH)):
            yield rendered.serialised(batch)
        yield tail


def volume_docx(volume: Volume, start_pages: list[int], template: Template) -> bytes:
    """The whole volume at once (its reports composed again): for ``build --exact`` and tests."""
    show_unit = volume.settings.show_unit
    with VolumeWriter(volume, template) as writer:
        for report, title in zip(volume.reports, volume.numbered_titles()):
            writer.add(compose.report_paragraphs(report, title, show_unit))
        out = io.BytesIO()
        writer.write(out, start_pages)
    return out.getvalue()


def volume_properties(volume: Volume) -> DocumentProperties:
    """The cover's title and 编印单位 where the volume has a cover, else the series title."""
    cover = volume.settings.cover
    if cover is None:
        return DocumentProperties(title=volume.settings.series_title)
    return DocumentProperties(title=cover.title or volume.settings.series_title, creator=cover.unit, company=cover.unit)
