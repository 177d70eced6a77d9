"""Builds ``templates/report.docx``: the styles, page setup and footers of every document.

The committed template is this module's output (a test keeps them equal), so
the numbers stay in one place (``layout.spec``) while a user can still restyle
by opening the template in Word and changing a style.

Run ``python -m tools.make_template`` to write it anew.
"""

from __future__ import annotations

import datetime
import io
from pathlib import Path

import docx
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.shared import Twips

from ..core.schema import DEFAULT_FONTS, FONT_USES
from ..layout import spec
from .fonttable import declare_faces
from .ooxml import (
    add_field,
    add_run,
    element,
    parse_xml_fragments,
    replace_child,
    set_fonts,
    set_outline_level,
    set_size,
    text_run,
)
from .package import FIXED_ZIP_DATE, read_parts, zip_parts
from .properties import DocumentProperties

TEMPLATE_PATH = Path(__file__).resolve().parents[2] / "templates" / "report.docx"
BODY_PLACEHOLDER = "{{ body }}"
# python-docx's default document carries these; none of them belongs in ours (docgen
# numbers by text, and names every face and colour it uses: no list definitions, no theme).
_LEFTOVER_RELATIONSHIPS = ("/stylesWithEffects", "/customXml", "/thumbnail", "/theme", "/numbering")
# Word's own defaults, which every document has: the paragraph default is docgen's Normal.
_WORD_DEFAULT_STYLES = (
    '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont">'
    '<w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
    '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/>'
    '<w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/>'
    '<w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>',
    '<w:style w:type="numbering" w:default="1" w:styleId="NoList"><w:name w:val="No List"/>'
    '<w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/></w:style>',
)
_TEMPLATE_DATE = datetime.datetime(*FIXED_ZIP_DATE, tzinfo=datetime.timezone.utc)


def build_template(fonts: dict[str, str] | None = None) -> bytes:
    """The template as bytes, with ``fonts`` (font use → face) over the defaults."""
    faces = {**DEFAULT_FONTS, **(fonts or {})}
    document = docx.Document()
    _set_defaults(document, faces)
    _only_word_defaults(document)
    _define_styles(document, faces)
    _set_page(document)
    _set_footers(document, faces)
    _set_settings(document)
    _set_body(document)
    _drop_leftovers(document)
    parts = read_parts(_saved(document))
    parts.update(DocumentProperties(title="docgen 报告模板").parts(_TEMPLATE_DATE))
    declare_faces(parts, keep_others=False)  # python-docx's list names faces we never use
    return zip_parts(parts)


def apply_fonts(document, fonts: dict[str, str]) -> None:
    """Name other faces in an already built document's styles (volume settings ``fonts``)."""
    styles = document.styles
    for use, face in fonts.items():
        for style_name in _STYLES_BY_FONT_USE[use]:
            rpr = styles[style_name].element.get_or_add_rPr()
            set_fonts(rpr, face)


def _styles_by_font_use() -> dict[str, set[str]]:
    by_use = {use: set() for use in FONT_USES}
    for fmt in spec.FORMATS.values():
        by_use[fmt.font_use].add(fmt.style)
    by_use["heading2"].add(spec.STYLE_LEAD2)
    by_use["body"].update((spec.STYLE_LEAD3, spec.STYLE_LEAD4))
    by_use["page_number"].add(spec.STYLE_PAGE_NUMBER)
    return by_use


_STYLES_BY_FONT_USE = _styles_by_font_use()


def _set_defaults(document, faces) -> None:
    styles_el = document.styles.element
    rpr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    for child in list(rpr_default):
        rpr_default.remove(child)
    set_fonts(rpr_default, faces["body"])
    set_size(rpr_default, spec.BODY_SIZE)
    rpr_default.append(element("lang", val="en-US", eastAsia="zh-CN", bidi="ar-SA"))
    ppr_default = styles_el.find(qn("w:docDefaults")).find(qn("w:pPrDefault")).find(qn("w:pPr"))
    for child in list(ppr_default):
        ppr_default.remove(child)
    # Lines are exactly one grid line high whatever the face's ascent: with
    # snapping on, LibreOffice gives a line two grid lines where a substitute
    # face is taller than 28.95 pt (the 二号 title in Noto CJK), Word does not.
    ppr_default.append(element("snapToGrid", val="0"))
    ppr_default.append(_exact_spacing())


def _exact_spacing():
    return element("spacing", before="0", after="0", line=str(spec.LINE_PITCH), lineRule="exact")


_ALIGNMENT = {
    spec.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
    spec.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    spec.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    spec.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
}


def _only_word_defaults(document) -> None:
    """Every style of python-docx's default document goes (its headings, lists and
    table styles in theme colours); Word's defaults are written as Word has them.
    Word's other built-in styles stay latent: defined by Word, out of the gallery."""
    styles = document.styles.element
    for style in styles.findall(qn("w:style")):
        styles.remove(style)
    for style in parse_xml_fragments(_WORD_DEFAULT_STYLES):
        styles.append(style)
    latent = styles.find(qn("w:latentStyles"))
    for exception in list(latent):
        latent.remove(exception)


def _define_styles(document, faces) -> None:
    """A paragraph style for each paragraph format in ``spec.FORMATS``, then the
    character styles of lead sentences and the page number's style."""
    styles = document.styles
    body = styles.add_style(spec.STYLE_BODY, WD_STYLE_TYPE.PARAGRAPH)
    body.element.attrib.pop(qn("w:customStyle"))  # Word's own Normal (shown as 正文), docgen's numbers
    body.element.set(qn("w:styleId"), "Normal")
    body.element.set(qn("w:default"), "1")
    body.quick_style = True
    body.priority = 0
    _paragraph_format(body, spec.FORMATS[spec.BODY], faces)
    body.paragraph_format.widow_control = True
    defined = {spec.STYLE_BODY}
    for fmt in spec.FORMATS.values():
        if fmt.style not in defined:
            defined.add(fmt.style)
            style = styles.add_style(fmt.style, WD_STYLE_TYPE.PARAGRAPH)
            style.base_style = body
            style.next_paragraph_style = body
            style.quick_style = True
            _paragraph_format(style, fmt, faces)

    for name, face in (
        (spec.STYLE_LEAD2, faces["heading2"]),
        (spec.STYLE_LEAD3, faces["body"]),
        (spec.STYLE_LEAD4, faces["body"]),
    ):
        style = styles.add_style(name, WD_STYLE_TYPE.CHARACTER)
        set_fonts(style.element.get_or_add_rPr(), face)
        style.quick_style = True

    for name, style_id in ((spec.STYLE_TOC_LINE, "TOC1"), (spec.STYLE_TOC_UNIT, "TOC2")):
        toc_line = styles[name]
        replace_child(toc_line.element, element("unhideWhenUsed"))
        toc_line.paragraph_format.tab_stops.add_tab_stop(
            Twips(spec.TEXT_WIDTH), alignment=2, leader=1  # right-aligned, dot leader
        )
        toc_line.quick_style = False
        toc_line.element.set(qn("w:styleId"), style_id)  # the id Word's TOC field looks for
        toc_line.element.attrib.pop(qn("w:customStyle"))  # Word's built-in 目录 1/2, not look-alikes
        toc_line.priority = 39  # where Word ranks its TOC styles

    _toc_heading(styles)

    page_number = styles.add_style(spec.STYLE_PAGE_NUMBER, WD_STYLE_TYPE.PARAGRAPH)
    page_number.base_style = body
    page_number.quick_style = True
    page_number_format = spec.ParagraphFormat(spec.STYLE_PAGE_NUMBER, "page_number", spec.PAGE_NUMBER_SIZE, 0, spec.LEFT)
    _paragraph_format(page_number, page_number_format, faces)
    replace_child(
        page_number.element.get_or_add_pPr(),
        element("spacing", before="0", after="0", line=str(spec.PAGE_NUMBER_SIZE * 10), lineRule="exact"),
    )


def _toc_heading(styles) -> None:
    """Word's built-in TOC Heading, as docgen's 目录标题: LibreOffice heads a 目录
    it updates with it."""
    heading = styles.add_style(spec.STYLE_TOC_BUILT_IN_HEADING, WD_STYLE_TYPE.PARAGRAPH)
    heading.element.attrib.pop(qn("w:customStyle"))
    heading.element.set(qn("w:styleId"), "TOCHeading")
    heading.base_style = styles[spec.STYLE_TOC_HEADING]
    heading.next_paragraph_style = styles[spec.STYLE_BODY]
    heading.priority = 39
    replace_child(heading.element, element("semiHidden"))
    replace_child(heading.element, element("unhideWhenUsed"))
    set_outline_level(heading.element.get_or_add_pPr(), 10)  # body text: not itself in a 目录


def _paragraph_format(style, fmt: spec.ParagraphFormat, faces) -> None:
    ppr = style.element.get_or_add_pPr()
    replace_child(
        ppr, element("spacing", before="0", after="0", line=str(fmt.line_height), lineRule="exact")
    )
    if fmt.hanging_chars:
        hanging = str(fmt.hanging_indent)
        chars = str(fmt.hanging_chars)
        replace_child(ppr, element("ind", left=hanging, leftChars=chars, hanging=hanging, hangingChars=chars))
    elif fmt.first_line_chars:
        replace_child(
            ppr,
            element("ind", firstLine=str(fmt.first_line_indent), firstLineChars=str(fmt.first_line_chars)),
        )
    else:
        replace_child(ppr, element("ind", firstLine="0", firstLineChars="0"))
    # No w:autoSpaceDE/autoSpaceDN/overflowPunct: left at their defaults, Word
    # and LibreOffice both space Latin text from Chinese and hang ，。、 into
    # the margin. LibreOffice ignores autoSpaceDE=0 and reads overflowPunct
    # inverted, so any explicit value makes the two lay out lines differently.
    rpr = style.element.get_or_add_rPr()
    set_fonts(rpr, faces[fmt.font_use])
    set_size(rpr, fmt.size)
    _char_spacing(style, fmt.char_spacing)
    style.paragraph_format.alignment = _ALIGNMENT[fmt.align]
    if fmt.keep_with_next:
        style.paragraph_format.keep_with_next = True
    if fmt.page_break_before:
        style.paragraph_format.page_break_before = True
    if fmt.outline_level is not None:
        set_outline_level(ppr, fmt.outline_level)


def _char_spacing(style, twentieths: int) -> None:
    rpr = style.element.get_or_add_rPr()
    replace_child(rpr, element("spacing", val=str(twentieths)))


def _set_page(document) -> None:
    section = document.sections[0]
    section.page_width = Twips(spec.PAGE_WIDTH)
    section.page_height = Twips(spec.PAGE_HEIGHT)
    section.top_margin = Twips(spec.MARGIN_TOP)
    section.bottom_margin = Twips(spec.MARGIN_BOTTOM)
    section.left_margin = Twips(spec.MARGIN_LEFT)
    section.right_margin = Twips(spec.MARGIN_RIGHT)
    section.header_distance = Twips(spec.MARGIN_TOP // 2)
    section.footer_distance = Twips(spec.FOOTER_DISTANCE)
    section.gutter = Twips(0)
    sect_pr = section._sectPr
    replace_child(sect_pr, element("docGrid", type="lines", linePitch=str(spec.LINE_PITCH)))


def _set_footers(document, faces) -> None:
    """ "— N —" in 宋体 四号, odd pages right and even pages left, one character in."""
    section = document.sections[0]
    one_char = spec.PAGE_NUMBER_SIZE * 10
    for footer, alignment, indent in (
        (section.footer, WD_ALIGN_PARAGRAPH.RIGHT, {"right": one_char}),
        (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, {"left": one_char}),
    ):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        paragraph.style = document.styles[spec.STYLE_PAGE_NUMBER]
        paragraph.alignment = alignment
        replace_child(paragraph._p.get_or_add_pPr(), element("ind", **{k: str(v) for k, v in indent.items()}))
        add_run(paragraph._p, "— ")
        add_field(paragraph._p, "PAGE", [text_run("1")])
        add_run(paragraph._p, " —")


def _set_settings(document) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    settings = document.settings.element
    lang = settings.find(qn("w:themeFontLang"))
    if lang is not None:
        lang.set(qn("w:eastAsia"), "zh-CN")
    for tag in ("w:rsids", "w:updateFields", "w:savePreviewPicture"):
        for old in settings.findall(qn(tag)):
            settings.remove(old)
    zoom = settings.find(qn("w:zoom"))
    zoom.attrib.clear()
    zoom.set(qn("w:percent"), "100")


def _set_body(document) -> None:
    body = document.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    paragraph = document.add_paragraph(BODY_PLACEHOLDER)
    body.remove(paragraph._p)
    body.insert(0, paragraph._p)


def _drop_leftovers(document) -> None:
    """Unlink the leftover parts; python-docx saves only parts reached by a
    relationship and lists content types only for the parts it saves."""
    for rels in (document.part.rels, document.part.package.rels):
        for rel_id, rel in list(rels.items()):
            if rel.reltype.endswith(_LEFTOVER_RELATIONSHIPS):
                del rels[rel_id]


def _saved(document) -> bytes:
    raw = io.BytesIO()
    document.save(raw)
    return raw.getvalue()


def write_template(path: Path = TEMPLATE_PATH) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(build_template())
    return path
