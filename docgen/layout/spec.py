"""GB/T 9704-2012 as Word needs it: page, grid, sizes and style names, and the format
each role of paragraph prints in (the face of each font use is the report format's:
``core.schema.DEFAULT_FONTS``).

The template builder writes these numbers into the template; the pagination
model computes with the same numbers. Lengths are in twips (1/20 pt) unless
the name says otherwise.
"""

from __future__ import annotations

from dataclasses import dataclass

PAGE_WIDTH = 11906  # A4
PAGE_HEIGHT = 16838
MARGIN_TOP = 2098  # 37 mm 天头
MARGIN_BOTTOM = 1984  # 35 mm
MARGIN_LEFT = 1587  # 28 mm 订口
MARGIN_RIGHT = 1474  # 26 mm
FOOTER_DISTANCE = 1304  # page-number line ends 7 mm below the 版心 (23 mm from the edge)

LINE_PITCH = 579  # exact line spacing, 28.95 pt: 22 lines on the 225 mm 版心
LINES_PER_PAGE = 22
TEXT_WIDTH = PAGE_WIDTH - MARGIN_LEFT - MARGIN_RIGHT  # 8845 twips = 442.25 pt

BODY_SIZE = 32  # half-points: 三号 16 pt
TITLE_SIZE = 44  # 二号 22 pt
COVER_TITLE_SIZE = 72  # 小初 36 pt, two grid lines a line
PAGE_NUMBER_SIZE = 28  # 四号 14 pt
CHAR_SPACING = -5  # twentieths of a point: 28 × (16 − 0.25) pt = 441 pt fits the line
FIRST_LINE_CHARS = 200  # hundredths of a character: two-character indent
TOC_HANGING_CHARS = 100  # a 目录 entry's later lines hang one character in

# Style names as they appear in Word's style gallery; restyle the template by these.
STYLE_TITLE = "报告标题"
STYLE_HEADING1 = "一级标题"
STYLE_BODY = "Normal"  # Word shows the built-in Normal as 正文
STYLE_LEAD2 = "二级标题"  # character style: （一）…… lead sentences
STYLE_LEAD3 = "三级标题"  # character style: 1.…… lead sentences
STYLE_LEAD4 = "四级标题"  # character style: （1）…… lead sentences
STYLE_TOC_HEADING = "目录标题"
STYLE_TOC_BUILT_IN_HEADING = "TOC Heading"  # Word's name; defined as 目录标题 (LibreOffice's update uses it)
STYLE_TOC_LINE = "toc 1"  # Word's built-in name, shown as 目录 1; its TOC field fills it
STYLE_TOC_UNIT = "toc 2"  # the unit under a title in the 目录 (show_unit)
STYLE_PAGE_NUMBER = "页码"
STYLE_UNIT_LINE = "单位行"  # the unit under a report's title (show_unit)
STYLE_COVER_TITLE = "封面标题"
STYLE_COVER_LINE = "封面落款"  # 编印单位 and date on the cover
STYLE_SIGNATURE = "落款"  # 署名 and 成文日期 at the end of a report

# Character style of an item's number and lead sentence by its level (numbering.LEVELS):
# （一） 楷体; 1. （1） and 一是 仿宋.
LEAD_STYLE_BY_LEVEL = {2: STYLE_LEAD2, 3: STYLE_LEAD3, 4: STYLE_LEAD4, 5: STYLE_LEAD3}


# The roles a paragraph plays in a document; each prints in its format (FORMATS).
TITLE = "title"
UNIT_LINE = "unit_line"
BLANK = "blank"
HEADING1 = "heading1"
BODY = "body"
SIGNATURE = "signature"
TOC_HEADING = "toc_heading"
TOC_LINE = "toc_line"
TOC_UNIT = "toc_unit"
COVER_TITLE = "cover_title"
COVER_LINE = "cover_line"

LEFT, CENTER, RIGHT, JUSTIFY = "left", "center", "right", "both"


@dataclass(frozen=True)
class ParagraphFormat:
    """How a paragraph of one role prints: the template's style gives it these
    values and the pagination model measures it with the same ones."""

    style: str  # style name in the template
    font_use: str  # which of the volume's fonts it is set in: a key of schema.DEFAULT_FONTS
    size: int = BODY_SIZE  # half-points
    char_spacing: int = CHAR_SPACING
    align: str = JUSTIFY
    first_line_chars: int = 0  # hundredths of a character
    hanging_chars: int = 0  # hundredths of a character: the lines after the first indented so far
    grid_lines: int = 1  # grid lines each printed line takes (exact line height)
    keep_with_next: bool = False
    page_break_before: bool = False
    outline_level: int | None = None  # the level the TOC field and Word's navigation see

    @property
    def em(self) -> int:
        """One character's size in twips."""
        return self.size * 10

    @property
    def first_line_indent(self) -> int:
        return self.first_line_chars * self.em // 100

    @property
    def hanging_indent(self) -> int:
        return self.hanging_chars * self.em // 100

    @property
    def line_height(self) -> int:
        return self.grid_lines * LINE_PITCH


_BODY = ParagraphFormat(STYLE_BODY, "body", first_line_chars=FIRST_LINE_CHARS)

# One description of the page: every paragraph docgen writes has one of these roles.
FORMATS = {
    TITLE: ParagraphFormat(
        STYLE_TITLE, "title", TITLE_SIZE, 0, CENTER, keep_with_next=True, page_break_before=True, outline_level=1
    ),
    UNIT_LINE: ParagraphFormat(STYLE_UNIT_LINE, "heading2", align=CENTER, keep_with_next=True),
    BLANK: _BODY,
    HEADING1: ParagraphFormat(STYLE_HEADING1, "heading1", first_line_chars=FIRST_LINE_CHARS, keep_with_next=True, outline_level=2),
    BODY: _BODY,
    SIGNATURE: ParagraphFormat(STYLE_SIGNATURE, "body", align=RIGHT),
    TOC_HEADING: ParagraphFormat(STYLE_TOC_HEADING, "title", TITLE_SIZE, 0, CENTER),
    TOC_LINE: ParagraphFormat(STYLE_TOC_LINE, "body", align=LEFT, hanging_chars=TOC_HANGING_CHARS),
    TOC_UNIT: ParagraphFormat(STYLE_TOC_UNIT, "heading2", align=LEFT, first_line_chars=FIRST_LINE_CHARS),
    COVER_TITLE: ParagraphFormat(STYLE_COVER_TITLE, "title", COVER_TITLE_SIZE, 0, CENTER, grid_lines=2),
    COVER_LINE: ParagraphFormat(STYLE_COVER_LINE, "heading2", align=CENTER),
}
