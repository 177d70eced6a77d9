"""What a Word file's styles part says of the paragraphs in a style: the list a style
numbers them in, whether it marks 目录 entries, whether it sets them apart as headings.

A style is read when a paragraph first names it (a template's styles part holds
hundreds of styles, most of them for tables): found in the part's bytes and
parsed alone (``style_locator``), or where that is not sure, from the whole
part parsed; each answer follows w:basedOn, a loop in it ending the search.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from .style_locator import NotSure, StyleFinder
from .word_numbering import list_reference
from .wordml import W, attribute, is_on

_NAME, _BASED_ON, _PPR, _RPR = W + "name", W + "basedOn", W + "pPr", W + "rPr"


class ParagraphStyles:
    """What the styles part says of the styles paragraphs name: the list a style numbers them
    in, whether it marks 目录 entries, whether it sets them apart as headings. A style is read
    when a paragraph first names it (a template holds hundreds, a report names a few)."""

    def __init__(self, data: bytes | None = None, parse: Callable[[bytes], object] = lambda data: None):
        self._data, self._parse = data, parse
        self._elements: dict[str, object] | None = None  # style id → its w:style, once the whole part is parsed
        self._finder: StyleFinder | None = None
        if data is None:
            self._elements = {}
        else:
            try:
                self._finder = StyleFinder(data, parse)
            except NotSure:
                self._elements = _indexed(parse(data))
        self._styles: dict[str, _Style | None] = {}

    def numbering(self, style_id: str | None) -> tuple[str, int] | None:
        """(numId, level) of the list the style numbers its paragraphs in, following w:basedOn."""
        num_id, level = None, None
        for style in self._chain(style_id):
            if style.numbering is not None:
                num_id = num_id or style.numbering[0]
                level = level if level is not None else style.numbering[1]
        return (num_id, level or 0) if num_id and num_id != "0" else None

    def is_toc(self, style_id: str | None) -> bool:
        """A style Word and WPS give 目录 entries ("toc 1", "目录 1", "TOC Heading")."""
        style = self._style(style_id)
        return style is not None and (style.name.startswith(("toc ", "toc heading", "目录")) or style.name == "toc")

    def is_emphasis(self, style_id: str | None) -> bool:
        """A paragraph style that sets a paragraph apart as a heading: a heading style by
        name (Heading 2, 标题 2) or outline level, or a bold one (following w:basedOn)."""
        for style in self._chain(style_id):
            if not style.paragraph:
                return False
            if style.heading:
                return True
            if style.bold is not None:
                return is_on(style.bold)
        return False

    def _chain(self, style_id: str | None):
        """The style and those it is based on, in turn; a loop in w:basedOn ends it."""
        seen = set()
        while style_id and style_id not in seen:
            seen.add(style_id)
            style = self._style(style_id)
            if style is None:
                return
            yield style
            style_id = style.based_on

    def _style(self, style_id: str | None) -> _Style | None:
        if style_id not in self._styles:
            element = self._element(style_id)
            self._styles[style_id] = None if element is None else _read(element)
        return self._styles[style_id]

    def _element(self, style_id: str | None):
        if style_id is None:
            return None  # no paragraph names a style without an id
        if self._elements is None:
            try:
                return self._finder.element(style_id)
            except NotSure:
                self._elements = _indexed(self._parse(self._data))
        return self._elements.get(style_id)


def _indexed(styles_root) -> dict[str, object]:
    """Style id → its w:style (of two with one id, the last)."""
    elements = {}
    for element in styles_root.iterchildren(W + "style"):
        style_id = attribute(element, "styleId")
        if style_id is not None:
            elements[style_id] = element
    return elements


@dataclass
class _Style:
    style_id: str | None
    paragraph: bool  # a paragraph style (or one of no type)
    name: str  # lower case
    based_on: str | None
    numbering: tuple[str | None, int | None] | None  # its own w:numPr
    heading: bool  # a heading by name or outline level
    bold: object  # its own w:rPr/w:b, or None


def _read(style) -> _Style:
    first: dict = {}
    for part in style:
        first.setdefault(part.tag, part)
    name = _value(first.get(_NAME))
    based_on = _value(first.get(_BASED_ON))
    ppr, rpr = first.get(_PPR), first.get(_RPR)
    num_pr = None if ppr is None else ppr.find(W + "numPr")
    outline = None if ppr is None else _value(ppr.find(W + "outlineLvl"))
    name = (name or "").strip().lower()
    return _Style(
        style_id=attribute(style, "styleId"),
        paragraph=attribute(style, "type") in (None, "paragraph"),
        name=name,
        based_on=based_on or None,
        numbering=None if num_pr is None else list_reference(num_pr),
        heading=name.startswith(("heading", "标题 ")) or (outline is not None and outline.isdigit() and int(outline) < 9),
        bold=None if rpr is None else rpr.find(W + "b"),
    )


def _value(element) -> str | None:
    return None if element is None else attribute(element, "val")
