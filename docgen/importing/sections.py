"""A report's body → its 导语 and sections: headings, numbered items and their text.

Levels nest as GB/T 9704 numbers them, 一、 → （一） → 1. → （1）: a 一、 line
that reads as a heading opens a section (or, where the body numbers its
headings otherwise or sets them apart in bold, the lines ``outline`` finds),
items are taken at the first level used below it, and deeper numbers stay in
the item's text as typed. Typed numbers of headings and items are removed:
docgen generates them.

No heading is ever made up: what comes before the first heading is the 导语,
numbers and all, and a body without any heading is kept as it is (``body``).
"""

from __future__ import annotations

import re

from ..core.findings import IMPORT_GUESS, Finding
from ..core.model import Item, Origin, Section
from ..core.numbering import DEFAULT_ITEM_STYLE, ITEM_STYLES, LEVELS, NUMERAL_CHARS, SECTION_STYLE, chinese_number
from ..core.sentences import SENTENCE_END, SENTENCE_PUNCTUATION
from .markers import Marker, split_marker
from .outline import Heading, Outline, colon_heading, sentence_heading, set_apart_heading
from .paragraphs import Para

# Heading words seen in real reports; a short line ending in one of the
# endings below is taken for a heading too (其他做法, 下一步打算 …).
KNOWN_HEADINGS = {
    "亮点工作", "特色做法", "特色亮点工作", "亮点特色", "党建工作亮点", "特色工作",
    "工作亮点", "亮点", "特色亮点", "主要做法", "经验做法", "主要亮点", "亮点做法",
    "存在问题", "存在不足", "党建工作存在问题", "存在的问题", "存在的不足",
    "问题与不足", "问题和不足", "不足之处", "主要问题", "下一步打算", "下步打算",
    "下一步工作打算", "工作打算", "下一步工作计划",
}
HEADING_ENDINGS = (
    "亮点", "特色", "做法", "问题", "不足", "成效", "经验", "打算", "计划", "措施",
    "思路", "建议", "工作", "情况", "体会", "方面", "成绩", "短板",
)
MAX_NUMBERED_HEADING_CHARS = 40  # 一、坚持党建引领，全面加强社区党组织建设，筑牢基层战斗堡垒
MAX_UNMARKED_HEADING_CHARS = 10
_BRACKETED = re.compile(r"^[【〔\[]\s*(.+?)\s*[】〕\]]$")  # 【亮点工作】
_NUMBERED_TITLE = re.compile(rf"[（(]\s*[{NUMERAL_CHARS}\d]+\s*[）)]$")
# 一是…。二是…：a run of points inside one paragraph; split where the next ordinal begins.
_RUN_IN_BOUNDARY = "[。；;]"


def heading_word(text: str, marked: bool) -> str | None:
    """The heading a line holds once its number is gone (trailing colon dropped), or None.

    ``marked``: the line had a first-level number (一、), which makes a short
    line a heading even when its word is not one docgen knows.
    """
    word = _BRACKETED.sub(r"\1", text.strip().rstrip("：:").strip()).strip()
    if not word or _NUMBERED_TITLE.search(word):
        return None
    if word in KNOWN_HEADINGS:
        return word
    if marked:
        word = word.removesuffix("。")  # 一、主要做法。: a heading typed with a full stop
        fits = len(word) <= MAX_NUMBERED_HEADING_CHARS and not SENTENCE_END.search(word)
        return word if fits else None
    if len(word) > MAX_UNMARKED_HEADING_CHARS or SENTENCE_PUNCTUATION.search(word):
        return None
    # Without a number only a short line ending like a heading (其他做法) is one.
    return word if word.endswith(HEADING_ENDINGS) else None


class SectionBuilder:
    """Feeds a report's body paragraphs in order into its 导语, sections, items and their text."""

    def __init__(self, notes: list[Finding], origin: Origin, headings: Outline | None = None):
        self.notes = notes
        self.origin = origin  # the file, for what is said of a whole section
        self.outline = headings or Outline()
        self.intro: list[str] = []
        self.body: list[str] = []  # the whole body, where it has no heading at all
        self.sections: list[Section] = []
        self.typed_sections = 0  # sections opened by a typed 一、 heading
        self.numbered_before_heading: list[Para] = []  # numbered lines left in the 导语, as typed
        # Of the current section: the number style its first item was typed in, and
        # for each item the paragraph it came from (several from one: a run of 一是 points).
        self.typed_style = ""
        self.item_paragraphs: list[int] = []
        self.paragraph_index = 0

    @property
    def section(self) -> Section | None:
        return self.sections[-1] if self.sections else None

    def add(self, paragraph: Para) -> None:
        self.paragraph_index += 1
        marker, text = split_marker(paragraph.text)
        heading = self._heading(marker, text, paragraph)
        if heading is not None:
            self._open_section(heading.word)
            if heading.rest:  # 三、存在问题：一是……二是…… — the points after the heading's colon
                self._add_content(*split_marker(heading.rest), Para(heading.rest, paragraph.origin))
            return
        if self.section is None:
            self.intro.append(paragraph.text)  # 导语: what comes before the first heading, as typed
            if marker is not None:
                self.numbered_before_heading.append(paragraph)
            return
        self._add_content(marker, text, paragraph)

    def _add_content(self, marker: Marker | None, text: str, paragraph: Para) -> None:
        if marker is not None and self._starts_item(marker, paragraph):
            self._add_items(marker, text, paragraph)
        else:
            self._add_text(paragraph.text)

    def _heading(self, marker: Marker | None, text: str, paragraph: Para) -> Heading | None:
        """The heading the paragraph opens a section with, or None; says so when its 一、 number is out of place."""
        planned = self.outline.headings.get(self.paragraph_index - 1)
        if planned is not None:
            return planned
        if marker is None:
            word = heading_word(text, marked=False) or (set_apart_heading(paragraph) if self.outline.set_apart else None)
            return Heading(word) if word else None
        if marker.style != SECTION_STYLE:
            # "（一）亮点工作": other numbers make a heading only of a word docgen knows.
            word = heading_word(text, marked=False)
            return Heading(word) if word in KNOWN_HEADINGS else None
        heading = self._section_heading(marker, text)
        if heading is None:
            return None
        if marker.value != self.typed_sections + 1:
            self._note(paragraph.origin, f"部分标题“{marker.text}{heading.word}”的编号与位置不符，已按第 {len(self.sections) + 1} 部分重新编号")
        self.typed_sections += 1
        return heading

    def _section_heading(self, marker: Marker, text: str) -> Heading | None:
        """What a 一、 line opens: the whole line as a heading, the words before its colon
        (存在问题：一是……), or its short first sentence where headings are typed so; None for an item."""
        word = heading_word(text, marked=True)
        if word is not None:
            heading = Heading(word)
        else:
            heading = colon_heading(text) or sentence_heading(text)
            if heading is None:
                return None
            in_sequence = marker.value == self.typed_sections + 1
            if not self.outline.sentence_headings and not (in_sequence and heading.word.endswith(HEADING_ENDINGS)):
                return None  # 三、非公党建有待进一步强化。… among items 1. 2.: an item numbered wrongly
        if heading.word not in KNOWN_HEADINGS and not self._is_section_number(marker, heading.word):
            return None  # "三、" among items 1. 2.: an item numbered wrongly, not section 三
        return heading

    def _is_section_number(self, marker: Marker, word: str) -> bool:
        """Whether 一、/二、… before a short line that is no known heading word
        numbers the next section rather than the next item of this one."""
        if marker.value != self.typed_sections + 1:
            return word.endswith(HEADING_ENDINGS)  # 三、遇到的困难和存在的问题 after a guessed section
        # Items typed 一、二、 themselves: the next of them is no section unless it reads like a heading.
        section = self.section
        continues_items = (
            section is not None and self.typed_style == SECTION_STYLE and marker.value == len(section.items) + 1
        )
        return not continues_items or word.endswith(HEADING_ENDINGS)

    def _open_section(self, heading: str) -> None:
        self._close_section()
        self.sections.append(Section(heading=heading, numbering=""))
        self.typed_style = ""
        self.item_paragraphs = []

    def _starts_item(self, marker: Marker, paragraph: Para) -> bool:
        """A number of the section's own style, or one that outranks it, starts an
        item; a lower one (（1）under 1., 一是 under （一）) is a point inside the item."""
        section = self.section
        if not section.items:
            return True
        if marker.style == self.typed_style:
            return True
        if marker.level < LEVELS[self.typed_style]:
            self._note(paragraph.origin, f"编号“{marker.text}”与本部分其他条目不一致，按第 {len(section.items) + 1} 条处理")
            return True
        return False

    def _add_items(self, marker: Marker, text: str, paragraph: Para) -> None:
        section = self.section
        if not section.items:
            self.typed_style = marker.style
            section.numbering = _model_style(marker.style)
            if marker.style == SECTION_STYLE:
                self._note(paragraph.origin, f"条目用了“{marker.text}”编号，已改为“（一）”样式")
        elif marker.style == self.typed_style and marker.value != len(section.items) + 1:
            self._note(paragraph.origin, f"编号“{marker.text}”与位置不符，已按第 {len(section.items) + 1} 条重新编号")
        bodies = [text]
        if marker.style == "一是":
            bodies = split_run_in(text, marker.value)
        for body in bodies:
            title, rest = split_lead(body)
            section.items.append(Item(title=title, paragraphs=[rest] if rest else []))
            self.item_paragraphs.append(self.paragraph_index)

    def _add_text(self, text: str) -> None:
        section = self.section
        if not section.items:
            section.lead.append(text)
            return
        item = section.items[-1]
        if not item.title:  # "1." alone on its line, its text on the next
            item.title, rest = split_lead(text)
            item.paragraphs = [rest] if rest else []
            return
        item.paragraphs.append(text)

    def _close_section(self) -> None:
        section = self.section
        if section is None:
            return
        self._drop_numbers_without_text(section)
        self._record_runs(section)
        section.numbering = section.numbering or DEFAULT_ITEM_STYLE

    def _drop_numbers_without_text(self, section: Section) -> None:
        """A number with no text after it anywhere: nothing to keep."""
        kept = [index for index, item in enumerate(section.items) if item.title]
        if len(kept) == len(section.items):
            return
        self._note(self.origin, f"“{section.heading}”中有 {len(section.items) - len(kept)} 个编号后面没有文字，已略去")
        section.items = [section.items[index] for index in kept]
        self.item_paragraphs = [self.item_paragraphs[index] for index in kept]

    def _record_runs(self, section: Section) -> None:
        """A section that is one run of 一是 points stays run in; runs among other items were split, and are said."""
        paragraphs = self.item_paragraphs
        if len(paragraphs) > 1 and len(set(paragraphs)) == 1:
            section.run_in = True
        elif len(paragraphs) != len(set(paragraphs)):
            self._note(self.origin, f"“{section.heading}”中有几条“一是、二是”写在同一段里，已拆成各自一段")

    def _note(self, origin: Origin, message: str) -> None:
        """A guess the import made, for the user to check."""
        self.notes.append(Finding(IMPORT_GUESS, origin, message))

    def finish(self) -> list[Section]:
        self._close_section()
        if not self.sections:  # no heading anywhere: the whole body as typed, none made up
            self.body, self.intro = self.intro, []
        elif self.numbered_before_heading:
            first = self.numbered_before_heading[0]
            self._note(
                first.origin,
                f"第一个部分标题之前有 {len(self.numbered_before_heading)} 段带编号的文字，已按原样（连同编号）放在导语中，"
                "没有替它们加部分标题；原文如果漏了部分标题，请在文件中补上",
            )
        kept = []
        for section in self.sections:
            if section.items or section.lead:
                kept.append(section)
            else:
                self._note(self.origin, f"部分“{section.heading}”下面没有内容，已略去")
        return kept


def _model_style(style: str) -> str:
    """Items typed 一、 (the section level) are numbered one level down, （一）."""
    return ITEM_STYLES[0] if style == SECTION_STYLE else style


def split_lead(text: str) -> tuple[str, str]:
    """An item's lead sentence (up to and including its first 。 outside quotes) and the rest."""
    text = text.strip()
    depth = 0
    for index, char in enumerate(text):
        if char in "“‘《（(":
            depth += 1
        elif char in "”’》）)":
            depth = max(depth - 1, 0)
        elif char == "。" and depth == 0:
            return text[: index + 1], text[index + 1 :].strip()
    if "。" in text:  # a quote left open by a typo: fall back to the first 。 anywhere
        index = text.index("。")
        return text[: index + 1], text[index + 1 :].strip()
    return text, ""


def split_run_in(text: str, first: int) -> list[str]:
    """一是……。二是……。三是……: one text per point, numbers of the later points removed.

    Only the next ordinal after a sentence end counts as a boundary, so a
    "二是" elsewhere in the sentence stays where it is.
    """
    parts: list[str] = []
    rest, number = text, first + 1
    while True:
        match = re.search(f"(?<={_RUN_IN_BOUNDARY}){chinese_number(number)}是", rest)
        if not match:
            parts.append(rest)
            return parts
        parts.append(rest[: match.start()])
        rest, number = rest[match.end():], number + 1
