"""A .docx file → its paragraphs, with the numbers Word would display (its package read
by ``docx_package``): body order, table cells included, text boxes and deleted text left out,
list numbers, 目录 entries, headings set apart by their look.
"""

from __future__ import annotations

import posixpath
from pathlib import Path

from ..core.findings import IMPORT_SKIPPED, Finding
from ..core.model import Origin
from ..errors import InputError
from .docx_package import NUMBERING, STYLES, BrokenPart, Part, Parts, open_package, parse_xml, same_parts
from .markers import split_marker
from .paragraphs import Para
from .word_numbering import ListNumbers, list_definitions, list_reference
from .word_styles import ParagraphStyles
from .wordml import W, attribute, child, child_value, is_on, local_name, transitional


def read_docx_paragraphs(path: Path) -> tuple[list[Para], list[Finding]]:
    """The paragraphs of a Word file in body order (tables included) and the notes reading it raised."""
    with open_package(path) as package:
        parts = Parts(package, path)
        main = parts.main_part_name()
        body = parts.xml(main, required=True)
        related = parts.related(main)
        numbering = parts.named(related.get(NUMBERING, posixpath.join(posixpath.dirname(main), "numbering.xml")))
        styles_name = related.get(STYLES, posixpath.join(posixpath.dirname(main), "styles.xml"))
        # Only a paragraph that names its style takes anything from the styles part.
        styles = parts.named(styles_name) if _names_a_style(body) else Part(None, 0, styles_name)
    try:
        numbers = ListNumbers(*same_parts.made(numbering, _list_definitions))
        paragraphs, boxed = _paragraphs(body, numbers, same_parts.made(styles, _paragraph_styles), path)
    except BrokenPart as broken:
        raise InputError(broken.message, Origin(path)) from None
    notes = [Finding(IMPORT_SKIPPED, Origin(path), f"文本框和图形里的文字（{boxed} 段）不是正文，没有导入")] if boxed else []
    return paragraphs, notes


def _list_definitions(part: Part):
    return list_definitions(part.parsed())


def _paragraph_styles(part: Part) -> ParagraphStyles:
    if part.data is None:
        return ParagraphStyles()
    return ParagraphStyles(transitional(part.data), lambda data: parse_xml(data, part.name))


def _names_a_style(document) -> bool:
    return next(document.iter(W + "pStyle"), None) is not None


# --- paragraphs ------------------------------------------------------------------

_SKIPPED = {"del", "moveFrom", "Fallback", "rPr", "pPr", "instrText", "delText", "footnoteReference", "endnoteReference"}


def _paragraphs(document, numbers: ListNumbers, styles: ParagraphStyles, path: Path) -> tuple[list[Para], int]:
    """The body's paragraphs, and how many paragraphs of text boxes and drawings were left out."""
    body = document.find(W + "body")
    if body is None:
        return [], 0
    paragraphs: list[Para] = []
    in_toc = _toc_paragraphs(body, styles)
    rows: dict = {}  # table row element → its number in the file
    boxed = 0
    for index, (p, in_box) in enumerate(_body_paragraphs(body), 1):
        if in_box:
            boxed += any(text.strip() for text in _text_segments(p))
            continue
        style = child_value(p, "pPr/pStyle")
        label = numbers.label(*_numbering_of(p, style, styles))
        segments = _text_segments(p)
        segments[0] = (label or "") + segments[0]
        if _is_row_number_cell(p):
            segments[0] = _typed_number(segments[0])
        row, column = _table_place(p, rows)
        emphasis = _is_emphasised(p, style, styles)
        paragraphs += [
            Para(text, Origin(path, paragraph=index), in_toc=p in in_toc, row=row, column=column, emphasis=emphasis)
            for text in segments
            if text.strip()
        ]
    return paragraphs, boxed


def _body_paragraphs(body):
    """Every w:p in document order, table cells included, skipping the copies
    Word keeps in mc:Fallback and text deleted under change tracking; with each,
    whether it is in a text box or a drawing (labels, not the report's text)."""
    for p in body.iter(W + "p"):
        ancestors = [local_name(a) for a in p.iterancestors()]
        if not any(name in ("Fallback", "del", "moveFrom") for name in ancestors):
            yield p, any(name in _BOXES for name in ancestors)


_BOXES = {"txbxContent", "textbox", "drawing", "pict", "object"}


# --- headings by their look -------------------------------------------------------------


def _is_emphasised(p, style: str | None, styles: ParagraphStyles) -> bool:
    """A paragraph in a heading or bold style (no run unbolding it), at an outline level, or all of its text bold."""
    outline = child_value(p, "pPr/outlineLvl")
    if outline is not None and outline.isdigit() and int(outline) < 9:
        return True
    runs = [r for r in p.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
    if not runs:
        return False
    bolds = [child(r, "rPr/b") for r in runs]
    if styles.is_emphasis(style):
        return all(b is None or is_on(b) for b in bolds)
    return all(is_on(b) for b in bolds)


# --- tables of contents ------------------------------------------------------------


def _toc_paragraphs(body, styles: ParagraphStyles) -> set:
    """The paragraphs of a table of contents: inside a TOC field or a 目录 content
    control, in a 目录 style, or holding a link to a _Toc bookmark."""
    found = set()
    fields: list[str] = []  # instructions of the fields open at this point, outermost first
    paragraph, toc_at_start = None, False
    for element in body.iter(_P, _FLD_CHAR, _INSTR_TEXT, _FLD_SIMPLE):
        name = local_name(element)
        if name == "p":
            paragraph, toc_at_start = element, _is_toc_field(fields)
            if toc_at_start or _marks_toc(element, styles):
                found.add(element)
        elif name == "fldChar":
            char_type = attribute(element, "fldCharType")
            if char_type == "begin":
                fields.append("")
            elif char_type == "end" and fields:
                fields.pop()
        elif name == "instrText" and fields:
            fields[-1] += element.text or ""
            if _is_toc_field(fields) and paragraph is not None:
                found.add(paragraph)
        elif name == "fldSimple" and _is_toc_field([attribute(element, "instr") or ""]) and paragraph is not None:
            found.add(paragraph)
    return found


_P, _FLD_CHAR, _INSTR_TEXT, _FLD_SIMPLE = W + "p", W + "fldChar", W + "instrText", W + "fldSimple"


def _is_toc_field(instructions: list[str]) -> bool:
    return any(instruction.split()[:1] == ["TOC"] for instruction in instructions)


def _marks_toc(p, styles: ParagraphStyles) -> bool:
    if styles.is_toc(child_value(p, "pPr/pStyle")):
        return True
    if any((attribute(link, "anchor") or "").startswith("_Toc") for link in p.iter(W + "hyperlink")):
        return True
    return any(
        (child_value(sdt, "sdtPr/docPartObj/docPartGallery") or "").lower() == "table of contents"
        for sdt in p.iterancestors(W + "sdt")
    )


# --- one paragraph ---------------------------------------------------------------------


def _numbering_of(p, style: str | None, styles: ParagraphStyles) -> tuple[str | None, int]:
    """The list (numId, level) a paragraph in ``style`` is in: its own w:numPr over its style's."""
    num_id, level = styles.numbering(style) or (None, 0)
    num_pr = child(p, "pPr/numPr")
    if num_pr is not None:
        own_id, own_level = list_reference(num_pr)
        num_id = own_id or num_id
        level = level if own_level is None else own_level
    return num_id, level


def _text_segments(p) -> list[str]:
    """The paragraph's text, split where a manual line break (Shift+Enter) is.

    A line feed typed into the text itself (converters write them) splits it
    too: every paragraph handed on is one line.
    """
    segments = [""]

    def walk(element) -> None:
        for part in element:
            name = local_name(part)
            if name in _SKIPPED or name == "p" or (name == "r" and _hidden(part)):
                continue
            if name == "t":
                first, *more = (part.text or "").splitlines() or [""]
                segments[-1] += first
                segments.extend(more)
            elif name == "tab":
                segments[-1] += "\t"
            elif name in ("br", "cr"):
                segments.append("")
            elif name == "noBreakHyphen":
                segments[-1] += "-"
            else:
                walk(part)

    walk(p)
    return segments


def _hidden(run) -> bool:
    return is_on(child(run, "rPr/vanish"))


def _is_row_number_cell(p) -> bool:
    """The paragraph is in the first of several cells of a table row, where a table of items keeps its 序号."""
    cell = p.getparent()
    return (
        local_name(cell) == "tc"
        and not _holds_a_cell(cell.itersiblings(preceding=True))
        and _holds_a_cell(cell.itersiblings())
    )


def _table_place(p, rows: dict) -> tuple[int | None, int]:
    """(row, column) of the cell a paragraph is in; rows are numbered through the file."""
    cell = next(p.iterancestors(W + "tc"), None)
    if cell is None:
        return None, 0
    row = cell.getparent()
    column = sum(1 for sibling in cell.itersiblings(preceding=True) if local_name(sibling) == "tc")
    return rows.setdefault(row, len(rows) + 1), column


def _holds_a_cell(elements) -> bool:
    return any(local_name(element) == "tc" for element in elements)


def _typed_number(text: str) -> str:
    """A bare 序号 ("1", "一") as it would be typed before its item ("1.", "一、"), so that
    the recogniser gives it the text of the next cell; any other text as it is."""
    bare = text.strip()
    if not bare or split_marker(bare)[0] is not None:
        return text
    marker, rest = split_marker(bare + ".")
    return bare + "." if marker is not None and not rest else text
