"""Composed paragraphs → WordprocessingML, styled by name from the template."""

from __future__ import annotations

from collections.abc import Iterator

from docx.oxml.ns import qn
from lxml import etree

from ..core.model import Cover, Report
from ..errors import InputError
from ..layout import compose, spec
from .ooxml import (
    BREAK_XML,
    XML_PARSER,
    element,
    field_begin_xml,
    field_char_xml,
    hyperlink_xml,
    paragraph_xml,
    parse_body,
    replace_child,
    run_xml,
)


class StyleIds:
    """Style ids by style name, read from ``styles.xml``: Word renames ids when it
    saves a restyled template, so paragraphs must name styles by their id of the day."""

    def __init__(self, styles_xml: bytes):
        root = etree.fromstring(styles_xml, XML_PARSER)
        self._ids = {
            style.find(qn("w:name")).get(qn("w:val")): style.get(qn("w:styleId"))
            for style in root.iter(qn("w:style"))
            if style.find(qn("w:name")) is not None
        }

    def __getitem__(self, name: str) -> str:
        try:
            return self._ids[name]
        except KeyError:
            raise InputError(f"模板中缺少样式“{name}”，请不要删除或改名 docgen 的样式") from None


def report_elements(report: Report, title: str, styles: StyleIds, show_unit: bool = False):
    """The report's paragraphs as WordprocessingML elements."""
    return parse_body([report_body_xml(compose.report_paragraphs(report, title, show_unit), styles)])


def report_body_xml(
    paragraphs: list[compose.Paragraph], styles: StyleIds, bookmark: tuple[int, str] | None = None
) -> str:
    """A report's composed paragraphs as WordprocessingML text, its title in ``bookmark`` where given."""
    first, *rest = paragraphs
    return _paragraph_xml(first, styles, bookmark) + "".join(_paragraph_xml(p, styles) for p in rest)


def cover_elements(cover: Cover, styles: StyleIds):
    """The cover page as WordprocessingML elements, ending its own section: no footer, so no page number."""
    paragraphs = parse_body([_paragraph_xml(p, styles) for p in compose.cover_paragraphs(cover)])
    replace_child(paragraphs[-1].find(qn("w:pPr")), _cover_section())
    return paragraphs


def _cover_section():
    section = element("sectPr")
    section.append(element("pgSz", w=str(spec.PAGE_WIDTH), h=str(spec.PAGE_HEIGHT)))
    section.append(
        element(
            "pgMar",
            top=str(spec.MARGIN_TOP),
            right=str(spec.MARGIN_RIGHT),
            bottom=str(spec.MARGIN_BOTTOM),
            left=str(spec.MARGIN_LEFT),
            header=str(spec.MARGIN_TOP // 2),
            footer=str(spec.FOOTER_DISTANCE),
            gutter="0",
        )
    )
    section.append(element("docGrid", type="lines", linePitch=str(spec.LINE_PITCH)))
    return section


TOC_GALLERY = "Table of Contents"


def toc_lines(heading: str, entries: list[compose.TocEntry], bookmarks: list[str], styles: StyleIds) -> Iterator[str]:
    """The 目录's paragraphs as XML text, one by one: a TOC field whose cached result
    holds ``entries``, each linked to its report's bookmark, so it is right before any
    update. They go into Word's 目录 content control (``TOC_GALLERY``), which WPS
    and Word offer to update; given one by one, a 目录 of thousands of entries
    need not be held whole."""
    instruction = f'TOC \\h \\z \\t "{spec.STYLE_TITLE},1"'
    if any(entry.unit for entry in entries):  # the unit lines as entries without page numbers
        instruction = f'TOC \\h \\z \\t "{spec.STYLE_TITLE},1,{spec.STYLE_UNIT_LINE},2" \\n 2-2'
    links = iter(bookmarks)
    composed = compose.toc_paragraphs(heading, entries)
    first_entry = next((i for i, p in enumerate(composed) if p.role == compose.TOC_LINE), None)
    held = None  # each paragraph is given out once the next is known: the last one closes the field
    for index, paragraph in enumerate(composed):
        if held is not None:
            yield held
        if paragraph.role != compose.TOC_LINE:
            held = _paragraph_xml(paragraph, styles)
            continue
        bookmark = next(links)
        page = field_begin_xml(f"PAGEREF {bookmark} \\h") + run_xml(paragraph.page) + field_char_xml("end")
        content = hyperlink_xml(bookmark, run_xml(f"{paragraph.text}\t") + page)
        if index == first_entry:
            content = field_begin_xml(instruction) + content
        held = paragraph_xml(styles[paragraph.format.style], content)
    if first_entry is not None:
        held = held.removesuffix(_PARAGRAPH_END) + field_char_xml("end") + _PARAGRAPH_END
    yield held


_PARAGRAPH_END = "</w:p>"


def _paragraph_xml(paragraph: compose.Paragraph, styles: StyleIds, bookmark: tuple[int, str] | None = None) -> str:
    """``paragraph`` as WordprocessingML text (see ``ooxml.parse_body``)."""
    runs = []
    for run in paragraph.runs:
        char_style = styles[spec.LEAD_STYLE_BY_LEVEL[run.lead_level]] if run.lead_level else None
        for number, segment in enumerate(run.text.split(compose.LINE_BREAK)):
            if number:
                runs.append(BREAK_XML)
            if segment:
                runs.append(run_xml(segment, char_style))
    return paragraph_xml(styles[paragraph.format.style], "".join(runs), paragraph.right_indent, bookmark)
