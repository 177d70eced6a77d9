"""Composed paragraphs → WordprocessingML, styled by name from the template."""

from __future__ import annotations

from docx.oxml.ns import qn
from lxml import etree

from .. import compose
from ..errors import InputError
from ..layout import spec
from ..model import Report
from .ooxml import (
    XML_PARSER,
    add_bookmark,
    add_field,
    add_run,
    begin_field,
    document_part_control,
    element,
    end_field,
    text_run,
)

_STYLE_BY_ROLE = {
    compose.TITLE: spec.STYLE_TITLE,
    compose.BLANK: spec.STYLE_BODY,
    compose.HEADING1: spec.STYLE_HEADING1,
    compose.BODY: spec.STYLE_BODY,
}


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


def report_paragraphs(report: Report, title: str, styles: StyleIds, bookmark: tuple[int, str] | None = None):
    paragraphs = []
    for composed in compose.report_paragraphs(report, title):
        paragraph = _paragraph(styles[_STYLE_BY_ROLE[composed.role]])
        for run in composed.runs:
            char_style = styles[spec.LEAD_STYLE_BY_LEVEL[run.lead_level]] if run.lead_level else None
            add_run(paragraph, run.text, char_style)
        paragraphs.append(paragraph)
    if bookmark:
        add_bookmark(paragraphs[0], *bookmark)
    return paragraphs


def toc_paragraphs(heading: str, entries: list[tuple[str, str, int]], styles: StyleIds):
    """The 目录: heading, empty line, and a TOC field whose cached result holds
    ``entries`` (title, bookmark, page), so it is right before any update; all
    in Word's 目录 content control, which WPS and Word offer to update."""
    heading_p = _paragraph(styles[spec.STYLE_TOC_HEADING])
    add_run(heading_p, heading)
    paragraphs = [heading_p, _paragraph(styles[spec.STYLE_BODY])]
    instruction = f'TOC \\h \\z \\t "{spec.STYLE_TITLE},1"'
    for index, (title, bookmark, page) in enumerate(entries):
        line = _paragraph(styles[spec.STYLE_TOC_LINE])
        if index == 0:
            begin_field(line, instruction)
        link = element("hyperlink", anchor=bookmark, history="1")
        add_run(link, f"{title}\t")
        add_field(link, f"PAGEREF {bookmark} \\h", [text_run(str(page))])
        line.append(link)
        if index == len(entries) - 1:
            end_field(line)
        paragraphs.append(line)
    return [document_part_control(paragraphs, "Table of Contents")]


def _paragraph(style_id: str):
    paragraph = element("p")
    ppr = element("pPr")
    ppr.append(element("pStyle", val=style_id))
    paragraph.append(ppr)
    return paragraph
