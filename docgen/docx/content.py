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
    paragraphs: list[compose.Paragraph], styles: StyleIds, bookmark: tuple[int, str] | None = None, section: str = ""
) -> str:
    """A report's composed paragraphs as WordprocessingML text, its title in ``bookmark``
    where given, its last paragraph ending a section with ``section`` (XML text) where given."""
    *most, last = paragraphs
    xml = [_paragraph_xml(p, styles, bookmark if i == 0 else None) for i, p in enumerate(most)]
    xml.append(_paragraph_xml(last, styles, bookmark if not most else None, section))
    return "".join(xml)


def cover_elements(cover: Cover, styles: StyleIds, blank_back: bool = False):
    """The cover page as WordprocessingML elements, ending its own section: no footer, so no page number.
    ``blank_back``: and a blank page after it, the cover's back (printed on both sides)."""
    composed = compose.cover_paragraphs(cover)
    if blank_back:
        composed.append(compose.Paragraph(compose.BLANK))
    paragraphs = parse_body([_paragraph_xml(p, styles) for p in composed])
    if blank_back:
        replace_child(paragraphs[-1].find(qn("w:pPr")), element("pageBreakBefore"))
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


TOC_INSTRUCTION = f'TOC \\h \\z \\t "{spec.STYLE_TITLE},1"'


def toc_lines(
    heading: str, entries: list[compose.TocEntry], bookmarks: list[str], styles: StyleIds, as_field: bool
) -> Iterator[str]:
    """The 目录's paragraphs as XML text, one by one (a 目录 of thousands of entries
    need not be held whole). Each entry links to its report's bookmark and gives
    its page in a PAGEREF field, so it is right before any update.

    ``as_field``: the entries are the cached result of a TOC field, which Word and
    WPS offer to update (in Word's 目录 content control, ``TOC_GALLERY``). Otherwise
    they are lines of their own, which an update of fields (Word's F9, WPS's and
    LibreOffice's 更新域) leaves as they are but for their page numbers: where an
    update of a TOC field would not print them as composed
    (``compose.toc_field_keeps_its_look``).
    """
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
        content = _entry_xml(paragraph, next(links))
        if as_field and index == first_entry:
            content = field_begin_xml(TOC_INSTRUCTION) + content
        held = paragraph_xml(styles[paragraph.format.style], content, keep_with_next=paragraph.keep_with_next)
    if as_field and first_entry is not None:
        held = held.removesuffix(_PARAGRAPH_END) + field_char_xml("end") + _PARAGRAPH_END
    yield held


def _entry_xml(paragraph: compose.Paragraph, bookmark: str) -> str:
    """A 目录 entry's text, its lines broken by hand, a tab to the dot leader and its page number."""
    *lines, last = paragraph.text.split(compose.LINE_BREAK)
    text = "".join(run_xml(line) + BREAK_XML for line in lines) + run_xml(f"{last}\t")
    page = field_begin_xml(f"PAGEREF {bookmark} \\h") + run_xml(paragraph.page) + field_char_xml("end")
    return hyperlink_xml(bookmark, text + page)


_PARAGRAPH_END = "</w:p>"


def _paragraph_xml(
    paragraph: compose.Paragraph, styles: StyleIds, bookmark: tuple[int, str] | None = None, section: str = ""
) -> str:
    """``paragraph`` as WordprocessingML text (see ``ooxml.parse_body``)."""
    runs = []
    for run in paragraph.runs:
        char_style = styles[spec.LEAD_STYLE_BY_LEVEL[run.lead_level]] if run.lead_level else None
        for number, segment in enumerate(run.text.split(compose.LINE_BREAK)):
            if number:
                runs.append(BREAK_XML)
            if segment:
                runs.append(run_xml(segment, char_style))
    return paragraph_xml(
        styles[paragraph.format.style],
        "".join(runs),
        paragraph.right_indent,
        bookmark,
        paragraph.keep_with_next,
        paragraph.keep_lines,
        section,
    )
