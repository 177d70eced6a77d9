"""A report's body → its 导语 and sections: headings, numbered items and their text.

Levels nest as GB/T 9704 numbers them, 一、 → （一） → 1. → （1）: a 一、 line
that reads as a heading opens a section, items are taken at the first level
used below it, and deeper numbers stay in the item's text as typed. Typed
numbers of headings and items are removed: docgen generates them.
"""

from __future__ import annotations

import re

from ..core.findings import IMPORT_GUESS, Finding
from ..core.model import Item, Origin, Section
from ..core.numbering import DEFAULT_ITEM_STYLE, ITEM_STYLES, LEVELS, NUMERAL_CHARS, SECTION_STYLE, chinese_number
from ..core.sentences import SENTENCE_END, SENTENCE_PUNCTUATION
from .markers import Marker, split_marker
from .paragraphs import Para

GUESSED_FIRST_HEADING = "亮点工作"

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
    "思路", "建议", "工作", "情况", "体会",
)
MAX_NUMBERED_HEADING_CHARS = 30  # 一、强化政治引领，筑牢战斗堡垒
MAX_UNMARKED_HEADING_CHARS = 10
_NUMBERED_TITLE = re.compile(rf"[（(]\s*[{NUMERAL_CHARS}\d]+\s*[）)]$")
# 一是…。二是…：a run of points inside one paragraph; split where the next ordinal begins.
_RUN_IN_BOUNDARY = "[。；;]"


def heading_word(text: str, marked: bool) -> str | None:
    """The heading a line holds once its number is gone (trailing colon dropped), or None.

    ``marked``: the line had a first-level number (一、), which makes a short
    line a heading even when its word is not one docgen knows.
    """
    word = text.strip().rstrip("：:").strip()
    if not word or _NUMBERED_TITLE.search(word):
        return None
    if word in KNOWN_HEADINGS:
        return word
    if marked:
        fits = len(word) <= MAX_NUMBERED_HEADING_CHARS and not SENTENCE_END.search(word)
        return word if fits else None
    if len(word) > MAX_UNMARKED_HEADING_CHARS or SENTENCE_PUNCTUATION.search(word):
        return None
    # Without a number only a short line ending like a heading (其他做法) is one.
    return word if word.endswith(HEADING_ENDINGS) else None


class SectionBuilder:
    """Feeds a report's body paragraphs in order into its 导语, sections, items and their text."""

    def __init__(self, notes: list[Finding], origin: Origin):
        self.notes = notes
        self.origin = origin  # the file, for what is said of a whole section
        self.intro: list[str] = []
        self.sections: list[Section] = []
        self.typed_sections = 0  # sections opened by a typed heading (a guessed one has no number)
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
            self._open_section(heading)
            return
        if self.section is None:
            if marker is None:
                self.intro.append(paragraph.text)  # 导语: what comes before the first 一、
                return
            self._open_section(GUESSED_FIRST_HEADING)
            self._note(paragraph.origin, f"第一条之前没有部分标题，猜测第一部分是“{GUESSED_FIRST_HEADING}”，请核对")
        if marker is not None and self._starts_item(marker, paragraph):
            self._add_items(marker, text, paragraph)
        else:
            self._add_text(paragraph.text)

    def _heading(self, marker: Marker | None, text: str, paragraph: Para) -> str | None:
        """The heading the paragraph opens a section with, or None; says so when its 一、 number is out of place."""
        if marker is None:
            return heading_word(text, marked=False)
        word = heading_word(text, marked=marker.style == SECTION_STYLE)
        if word is None:
            return None
        if marker.style != SECTION_STYLE:
            # "（一）亮点工作": other numbers make a heading only of a word docgen knows.
            return word if word in KNOWN_HEADINGS else None
        if word not in KNOWN_HEADINGS and not self._is_section_number(marker, word):
            return None  # "三、" among items 1. 2.: an item numbered wrongly, not section 三
        if marker.value != self.typed_sections + 1:
            self._note(paragraph.origin, f"部分标题“{marker.text}{word}”的编号与位置不符，已按第 {len(self.sections) + 1} 部分重新编号")
        self.typed_sections += 1
        return word

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
