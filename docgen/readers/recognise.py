"""Plain paragraphs, as a 社区 typed them → reports of the model.

Every reader (text, Word) hands over the paragraphs it found; this module
finds in them the 目录 of a compiled volume, the title line of each report,
the section headings and the numbered items, and says in Chinese each guess
it had to make. Typed numbers are removed: docgen generates them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Item, Origin, Report, Section
from ..numbering import chinese_number
from .markers import LEVELS, Marker, chinese_value, split_marker

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
_HEADING_ENDINGS = (
    "亮点", "特色", "做法", "问题", "不足", "成效", "经验", "打算", "计划", "措施",
    "思路", "建议", "工作", "情况", "体会",
)
MAX_HEADING_CHARS = 20
MAX_UNMARKED_HEADING_CHARS = 10
MAX_TITLE_CHARS = 60
_SENTENCE_PUNCTUATION = re.compile("[。，；！？,;!?]")
_TITLE_NUMBER = re.compile(r"^(?P<series>.+?)\s*[（(]\s*(?P<number>[一二三四五六七八九十百零〇两\d]+)\s*[）)]$")
_TOC_HEADING = re.compile(r"^目\s*录$")
# A 目录 line: text, then a dot leader, a tab or spaces, then the page number.
_TOC_ENTRY = re.compile(r"^(?P<title>.+?)(?:\s*[.…·．_—\-]{2,}\s*|\t+\s*|\s{2,})(?P<page>\d{1,4})$")
_UNIT_ENDINGS = ("社区", "街道", "办事处", "党委", "党工委", "党支部", "党总支", "委员会", "镇", "乡", "村")
# 一是…。二是…：a run of points inside one paragraph; split where the next ordinal begins.
_RUN_IN_BOUNDARY = "[。；;]"


@dataclass
class Para:
    """One paragraph as read, and where it was (第 N 行 / 第 N 段) for messages."""

    text: str
    where: str


@dataclass
class Recognised:
    """One report found in a file, with what the recogniser had to guess."""

    report: Report
    title: str | None = None
    unit_line: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def series_title(self) -> str | None:
        if self.title is None:
            return None
        match = _TITLE_NUMBER.match(self.title)
        return match.group("series") if match else self.title

    @property
    def title_number(self) -> int | None:
        """The report's number in last year's volume: 3 for …（三）."""
        match = _TITLE_NUMBER.match(self.title or "")
        if not match:
            return None
        number = match.group("number")
        return int(number) if number.isdigit() else chinese_value(number)


@dataclass
class Recognition:
    """What one file holds: one report, or a compiled volume of many."""

    reports: list[Recognised]
    toc_lines: int = 0  # 目录 lines skipped (the heading included)
    toc_heading: str | None = None  # as typed: 目录, 目  录 …

    @property
    def is_volume(self) -> bool:
        return self.toc_lines > 0 or len(self.reports) > 1


def recognise(paragraphs: list[Para], origin: Origin) -> Recognition:
    """Find the reports in the paragraphs of one file."""
    paragraphs = [Para(p.text.strip(), p.where) for p in paragraphs if p.text.strip()]
    toc_heading = _toc_heading(paragraphs)
    toc_lines = _toc_length(paragraphs, toc_heading is not None)
    reports = [_report(chunk, origin) for chunk in _split_reports(paragraphs[toc_lines:])]
    return Recognition(reports, toc_lines, toc_heading)


# --- the 目录 and the reports of a volume -----------------------------------


def _toc_heading(paragraphs: list[Para]) -> str | None:
    """The first line if it is a 目录 heading, as typed (目录, 目  录 …)."""
    if paragraphs and _TOC_HEADING.match(paragraphs[0].text.replace("\u3000", " ")):
        return paragraphs[0].text
    return None


def _toc_length(paragraphs: list[Para], has_heading: bool) -> int:
    """How many paragraphs at the start are a 目录 (heading and entries)."""
    if not has_heading and not (paragraphs and _is_toc_entry(paragraphs[0].text)):
        return 0
    end = 1 if has_heading else 0
    while end < len(paragraphs) and (_is_toc_entry(paragraphs[end].text) or is_numbered_title(paragraphs[end].text)):
        end += 1
    # A 目录 without page numbers lists bare titles; the last of them that
    # content follows is the first report's own title, not an entry.
    if end > 1 and not _is_toc_entry(paragraphs[end - 1].text):
        end -= 1
    return end


def _is_toc_entry(text: str) -> bool:
    match = _TOC_ENTRY.match(text)
    return bool(match) and is_numbered_title(match.group("title").strip())


def is_numbered_title(text: str) -> bool:
    """基层党建亮点工作及存在问题（三）: a report title with its number in the volume."""
    return _numbered_title_series(text) is not None


def _numbered_title_series(text: str) -> str | None:
    """The series a numbered report title belongs to (its text before （三）); None for other lines."""
    if len(text) > MAX_TITLE_CHARS or _SENTENCE_PUNCTUATION.search(text) or split_marker(text)[0] is not None:
        return None
    match = _TITLE_NUMBER.match(text)
    return match.group("series") if match else None


def _split_reports(paragraphs: list[Para]) -> list[list[Para]]:
    """Each title line of the series (…（二）, …（三）) after a report's body starts another report."""
    chunks: list[list[Para]] = [[]]
    body_started = False
    series = None  # once a first title is seen, a line like 活动剪影（二） is not another report
    for paragraph in paragraphs:
        title_series = _numbered_title_series(paragraph.text)
        if body_started and title_series and series in (None, title_series):
            chunks.append([])
            body_started = False
        series = series or title_series
        chunks[-1].append(paragraph)
        body_started = body_started or not (_is_unit_line(paragraph.text) or _is_title_line(paragraph.text))
    return [chunk for chunk in chunks if chunk]


# --- one report ---------------------------------------------------------------


def _report(paragraphs: list[Para], origin: Origin) -> Recognised:
    recognised = Recognised(Report(unit="", origin=origin))
    rest = paragraphs
    while rest:  # the title and a line naming the unit, in either order
        text = rest[0].text
        if recognised.unit_line is None and _is_unit_line(text):
            recognised.unit_line = text
        elif recognised.title is None and _is_title_line(text):
            recognised.title = text
        else:
            break
        rest = rest[1:]
    if recognised.title is None:
        recognised.notes.append("没有找到标题行（如“基层党建亮点工作及存在问题（一）”），标题将按汇编中的位置生成")
    builder = _SectionBuilder(recognised.notes)
    for paragraph in rest:
        builder.add(paragraph)
    recognised.report.sections = builder.finish()
    return recognised


def _is_title_line(text: str) -> bool:
    return (
        len(text) <= MAX_TITLE_CHARS
        and "。" not in text
        and split_marker(text)[0] is None
        and heading_word(text, marked=False) is None
    )


def _is_unit_line(text: str) -> bool:
    return (
        len(text) <= 30
        and not _SENTENCE_PUNCTUATION.search(text)
        and split_marker(text)[0] is None
        and text.endswith(_UNIT_ENDINGS)
    )


def heading_word(text: str, marked: bool) -> str | None:
    """The heading a line holds once its number is gone, or None if it is no heading.

    ``marked``: the line had a first-level number (一、), which makes a short
    line a heading even when its word is not one docgen knows.
    """
    word = text.strip().rstrip("：:").strip()
    if not word or len(word) > MAX_HEADING_CHARS or _SENTENCE_PUNCTUATION.search(word):
        return None
    if _TITLE_NUMBER.match(word):
        return None
    if word in KNOWN_HEADINGS:
        return word
    if marked:
        return word
    # Without a number only a short line ending like a heading (其他做法) is one.
    return word if len(word) <= MAX_UNMARKED_HEADING_CHARS and word.endswith(_HEADING_ENDINGS) else None


class _SectionBuilder:
    """Feeds paragraphs in order into sections, items and their text."""

    def __init__(self, notes: list[str]):
        self.notes = notes
        self.sections: list[Section] = []
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
        if self._is_heading(marker, text, paragraph):
            self._open_section(text.strip())  # as typed, "存在问题：" included; only its number goes
            return
        if self.section is None:
            self._open_section(GUESSED_FIRST_HEADING)
            self.notes.append(f"{paragraph.where}：正文前没有部分标题，猜测第一部分是“{GUESSED_FIRST_HEADING}”，请核对")
        if marker is not None and self._starts_item(marker, paragraph):
            self._add_items(marker, text, paragraph)
        else:
            self._add_text(paragraph.text)

    def _is_heading(self, marker: Marker | None, text: str, paragraph: Para) -> bool:
        """Whether the paragraph opens a section; says so when its 一、 number is out of place."""
        if marker is None:
            return heading_word(text, marked=False) is not None
        word = heading_word(text, marked=marker.style == "一、")
        if word is None:
            return False
        if marker.style != "一、":
            # "（一）亮点工作": other numbers make a heading only of a word docgen knows.
            return word in KNOWN_HEADINGS
        if word not in KNOWN_HEADINGS and not self._is_section_number(marker, word):
            return False  # "三、" among items 1. 2.: an item numbered wrongly, not section 三
        expected = len(self.sections) + 1
        if marker.value != expected:
            self.notes.append(
                f"{paragraph.where}：部分标题“{marker.text}{word}”的编号与位置不符，已按第 {expected} 部分重新编号"
            )
        return True

    def _is_section_number(self, marker: Marker, word: str) -> bool:
        """Whether 一、/二、… before a short line that is no known heading word
        numbers the next section rather than the next item of this one."""
        if marker.value != len(self.sections) + 1:
            return False
        section = self.section
        continues_items = (
            section is not None and section.items and marker.value == len(section.items) + 1
        )
        return not continues_items or word.endswith(_HEADING_ENDINGS)

    def _open_section(self, heading: str) -> None:
        self._close_section()
        self.sections.append(Section(heading=heading, numbering=""))
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
            self.notes.append(
                f"{paragraph.where}：编号“{marker.text}”与本部分其他条目不一致，按第 {len(section.items) + 1} 条处理"
            )
            return True
        return False

    def _add_items(self, marker: Marker, text: str, paragraph: Para) -> None:
        section = self.section
        if not section.items:
            self.typed_style = marker.style
            section.numbering = _model_style(marker.style)
            if marker.style == "一、":
                self.notes.append(f"{paragraph.where}：条目用了“{marker.text}”编号，已改为“（一）”样式")
        elif marker.style == self.typed_style and marker.value != len(section.items) + 1:
            self.notes.append(
                f"{paragraph.where}：编号“{marker.text}”与位置不符，已按第 {len(section.items) + 1} 条重新编号"
            )
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
        section.numbering = section.numbering or "1."

    def _drop_numbers_without_text(self, section: Section) -> None:
        """A number with no text after it anywhere: nothing to keep."""
        kept = [index for index, item in enumerate(section.items) if item.title]
        if len(kept) == len(section.items):
            return
        self.notes.append(f"“{section.heading}”中有 {len(section.items) - len(kept)} 个编号后面没有文字，已略去")
        section.items = [section.items[index] for index in kept]
        self.item_paragraphs = [self.item_paragraphs[index] for index in kept]

    def _record_runs(self, section: Section) -> None:
        """A section that is one run of 一是 points stays run in; runs among other items were split, and are said."""
        paragraphs = self.item_paragraphs
        if len(paragraphs) > 1 and len(set(paragraphs)) == 1:
            section.run_in = True
        elif len(paragraphs) != len(set(paragraphs)):
            self.notes.append(f"“{section.heading}”中有几条“一是、二是”写在同一段里，已拆成各自一段")

    def finish(self) -> list[Section]:
        self._close_section()
        kept = []
        for section in self.sections:
            if section.items or section.lead:
                kept.append(section)
            else:
                self.notes.append(f"部分“{section.heading}”下面没有内容，已略去")
        return kept


def _model_style(style: str) -> str:
    return "（一）" if style == "一、" else style


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
