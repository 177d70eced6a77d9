"""The thin XML layer under python-docx: what its API does not reach.

East Asian fonts, character spacing, outline levels, fields, bookmarks and
tab leaders are written here as WordprocessingML elements.
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree

# For the package parts docgen reads back: no entities resolved, no network.
XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True)
# For the body XML docgen writes itself, as text: a report's text may be long.
_OWN_XML_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def element(tag: str, **attrs: str) -> OxmlElement:
    """A ``w:`` element with ``w:`` attributes: element("spacing", line="579")."""
    el = OxmlElement(f"w:{tag}")
    for name, value in attrs.items():
        el.set(qn(f"w:{name}"), str(value))
    return el


# Child order that the schema demands (Word refuses files that break it).
_ORDER = {
    "pPr": (
        "pStyle keepNext keepLines pageBreakBefore framePr widowControl numPr "
        "suppressLineNumbers pBdr shd tabs suppressAutoHyphens kinsoku wordWrap "
        "overflowPunct topLinePunct autoSpaceDE autoSpaceDN bidi adjustRightInd "
        "snapToGrid spacing ind contextualSpacing mirrorIndents suppressOverlap jc "
        "textDirection textAlignment textboxTightWrap outlineLvl divId cnfStyle rPr "
        "sectPr pPrChange"
    ).split(),
    "rPr": (
        "rStyle rFonts b bCs i iCs caps smallCaps strike dstrike outline shadow "
        "emboss imprint noProof snapToGrid vanish webHidden color spacing w kern "
        "position sz szCs highlight u effect bdr shd fitText vertAlign rtl cs em "
        "lang eastAsianLayout specVanish oMath"
    ).split(),
    "style": (
        "name aliases basedOn next link autoRedefine hidden uiPriority semiHidden unhideWhenUsed qFormat "
        "locked personal personalCompose personalReply rsid pPr rPr tblPr trPr tcPr tblStylePr"
    ).split(),
    "sectPr": (
        "headerReference footerReference footnotePr endnotePr type pgSz pgMar "
        "paperSrc pgBorders lnNumType pgNumType cols formProt vAlign noEndnote "
        "titlePg textDirection bidi rtlGutter docGrid printerSettings sectPrChange"
    ).split(),
}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def replace_child(parent, child) -> None:
    """Put ``child`` in ``parent`` at its schema place, replacing one of the same tag."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    order = _ORDER.get(_local(parent.tag))
    if order is None or _local(child.tag) not in order:
        parent.append(child)
        return
    rank = order.index(_local(child.tag))
    for i, sibling in enumerate(parent):
        name = _local(sibling.tag)
        if name in order and order.index(name) > rank:
            parent.insert(i, child)
            return
    parent.append(child)


def set_fonts(rpr, face: str, east_asian_hint: bool = True) -> None:
    """Name ``face`` in every font slot, so Chinese text, Latin and digits all use it.

    python-docx's ``font.name`` writes only the Latin slots; Chinese text takes
    its face from ``w:eastAsia``. The ``eastAsia`` hint makes Word draw the
    characters shared with Latin text (“ ” — …) in the Chinese face.
    """
    fonts = element("rFonts", ascii=face, hAnsi=face, eastAsia=face, cs=face)
    if east_asian_hint:
        fonts.set(qn("w:hint"), "eastAsia")
    replace_child(rpr, fonts)


def set_size(rpr, half_points: int) -> None:
    replace_child(rpr, element("sz", val=str(half_points)))
    replace_child(rpr, element("szCs", val=str(half_points)))


def set_outline_level(ppr, level: int) -> None:
    """Outline level 1-based as Word shows it (the XML counts from 0)."""
    replace_child(ppr, element("outlineLvl", val=str(level - 1)))


def text_run(text: str, char_style: str | None = None) -> OxmlElement:
    """A run holding ``text``; tabs become ``w:tab``."""
    run = element("r")
    if char_style:
        rpr = element("rPr")
        rpr.append(element("rStyle", val=char_style))
        run.append(rpr)
    for i, chunk in enumerate(text.split("\t")):
        if i:
            run.append(element("tab"))
        if chunk:
            t = element("t")
            t.text = chunk
            t.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
            run.append(t)
    return run


def add_run(parent, text: str, char_style: str | None = None) -> OxmlElement:
    """Append a run holding ``text`` to a ``w:p`` (or ``w:hyperlink``)."""
    run = text_run(text, char_style)
    parent.append(run)
    return run


def add_field(paragraph_el, instruction: str, result_runs=()) -> None:
    """Append a complex field: ``{ instruction }`` with a cached result (``field_begin_xml``
    and ``field_char_xml`` write the same as XML text)."""
    _field_char(paragraph_el, "begin")
    run = element("r")
    instr = element("instrText")
    instr.text = f" {instruction} "
    instr.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
    run.append(instr)
    paragraph_el.append(run)
    _field_char(paragraph_el, "separate")
    for result in result_runs:
        paragraph_el.append(result)
    _field_char(paragraph_el, "end")


def _field_char(paragraph_el, char_type: str) -> None:
    run = element("r")
    run.append(element("fldChar", fldCharType=char_type))
    paragraph_el.append(run)


def document_part_control(blocks, gallery: str):
    """``blocks`` (paragraphs) in a block-level content control of a building-block
    gallery, as Word wraps its own 目录 (``gallery`` "Table of Contents")."""
    sdt = element("sdt")
    properties = element("sdtPr")
    part = element("docPartObj")
    part.append(element("docPartGallery", val=gallery))
    part.append(element("docPartUnique"))
    properties.append(part)
    content = element("sdtContent")
    content.extend(blocks)
    sdt.append(properties)
    sdt.append(content)
    return sdt


# Body paragraphs are the bulk of every file docgen writes: they are written
# as XML text and parsed in one go (lxml builds them at C speed), not element
# by element. The serialised file is the same as from ``element``/``add_run``.
_TEXT_ESCAPES = (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("\r", "&#13;"))
_ATTRIBUTE_ESCAPES = str.maketrans(
    {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;", "\n": "&#10;", "\t": "&#9;"}
)


def attribute_xml(value: str) -> str:
    return value.translate(_ATTRIBUTE_ESCAPES)


def text_xml(text: str) -> str:
    """``text`` escaped as lxml writes a text node (``str.replace``: most text needs none,
    and ``str.translate`` with a table looks up every character)."""
    for char, reference in _TEXT_ESCAPES:
        if char in text:
            text = text.replace(char, reference)
    return text


def run_xml(text: str, char_style: str | None = None) -> str:
    """``text_run`` as XML text: a run holding ``text``, tabs as ``w:tab``."""
    style = f'<w:rPr><w:rStyle w:val="{attribute_xml(char_style)}"/></w:rPr>' if char_style else ""
    chunks = (f'<w:t xml:space="preserve">{text_xml(chunk)}</w:t>' if chunk else "" for chunk in text.split("\t"))
    return f"<w:r>{style}{'<w:tab/>'.join(chunks)}</w:r>"


BREAK_XML = "<w:r><w:br/></w:r>"


def field_begin_xml(instruction: str) -> str:
    """A field's start as XML text, up to its result: begin, ``instruction``, separate
    (the same as ``add_field`` writes); ``field_char_xml("end")`` closes it, maybe
    paragraphs later (the 目录's TOC field)."""
    instruction_run = f'<w:r><w:instrText xml:space="preserve"> {text_xml(instruction)} </w:instrText></w:r>'
    return f"{field_char_xml('begin')}{instruction_run}{field_char_xml('separate')}"


def field_char_xml(char_type: str) -> str:
    return f'<w:r><w:fldChar w:fldCharType="{char_type}"/></w:r>'


def hyperlink_xml(anchor: str, content: str) -> str:
    """A link to the bookmark ``anchor`` around ``content`` (runs as XML text)."""
    return f'<w:hyperlink w:anchor="{attribute_xml(anchor)}" w:history="1">{content}</w:hyperlink>'


def paragraph_xml(
    style_id: str,
    content: str,
    right_indent: int = 0,
    bookmark: tuple[int, str] | None = None,
    keep_with_next: bool = False,
    keep_lines: bool = False,
    section: str = "",
) -> str:
    """A paragraph of style ``style_id`` holding ``content`` (runs as XML text),
    wrapped in ``bookmark`` (id, name) where given: a 目录 entry links to it.
    ``keep_with_next``, ``keep_lines``: on the page of the next paragraph, not split
    across pages, beyond what its style says. ``section``: section properties (XML
    text) the paragraph ends a section with."""
    keep = ("<w:keepNext/>" if keep_with_next else "") + ("<w:keepLines/>" if keep_lines else "")
    indent = f'<w:ind w:right="{right_indent}"/>' if right_indent else ""
    if bookmark:
        number, name = bookmark
        content = f'<w:bookmarkStart w:id="{number}" w:name="{attribute_xml(name)}"/>{content}<w:bookmarkEnd w:id="{number}"/>'
    return f'<w:p><w:pPr><w:pStyle w:val="{attribute_xml(style_id)}"/>{keep}{indent}{section}</w:pPr>{content}</w:p>'


def parse_xml_fragments(fragments) -> list:
    """``w:`` elements written as XML text (``w:`` prefix, no declaration), in order."""
    return parse_body(list(fragments))


def parse_body(fragments: list[str]) -> list:
    """The ``w:`` elements written as XML text in ``fragments``, in order."""
    wrapper = f'<w:body xmlns:w="{W_NAMESPACE}">{"".join(fragments)}</w:body>'
    return list(etree.fromstring(wrapper, _OWN_XML_PARSER))
