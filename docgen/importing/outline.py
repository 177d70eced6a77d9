"""Which lines of a report's body are its section headings, told by evidence.

Reports number their headings 一、, but also 第一部分, （一） or 1., or leave them
unnumbered and set them apart in bold or a heading style (思想方面 / 工作方面 /
存在的不足). A level of numbers is the headings' level when its lines read as
headings — short, no sentence in them, text under each — and at least one
names a part of a report (主要做法, 存在问题 …) or all are set apart; a level
whose lines are sentences (1.党员管理有待规范。…) numbers items, and a body
whose lines are all of that kind has no headings at all: it is kept as written.

The 一、 level keeps its own rules in ``sections.SectionBuilder`` (it knows an
item mistyped 三、 among 1. 2.); this module says whether such lines may be
headings in the form of a lead sentence (一、加强学习，提高素质。我始终……).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.numbering import SECTION_STYLE, chinese_value
from ..core.sentences import SENTENCE_END
from .markers import split_marker
from .paragraphs import Para

MAX_HEADING_CHARS = 40  # 一、坚持党建引领，全面加强社区党组织建设，筑牢基层战斗堡垒
MAX_SET_APART_CHARS = 20  # an unnumbered bold line longer than this is a lead sentence, not a heading
MAX_SENTENCE_HEADING_CHARS = 30  # 一、加强学习，提高素质。 as a heading
SHARE_READING_AS_HEADINGS = 2 / 3
# 第一部分 主要工作, 第二章、存在问题, 第三，下一步打算.
ORDINAL_PART = re.compile(r"^第\s*(?P<number>[一二三四五六七八九十]+)\s*(?P<unit>部分|章|篇|节)?\s*[、，,：:．.\s]?\s*")
# Words that name the parts of a work report; a level of numbered lines holding none is no heading level.
REPORT_PART_WORDS = (
    "工作", "成效", "成绩", "做法", "亮点", "特色", "问题", "不足", "短板", "差距", "下一步", "整改", "打算",
    "计划", "措施", "情况", "经验", "体会", "方面", "思路", "目标", "建议", "举措", "收获", "启示", "方向",
)
ORDINAL = "第一"
_SENTENCE_HEADING = re.compile(rf"^(?P<head>[^。；！？]{{2,{MAX_SENTENCE_HEADING_CHARS}}})[。；！？](?P<rest>.+)$")  # the level of 第一部分 …, as ``Outline.style`` names it


@dataclass
class Heading:
    """A heading line: its words (number and trailing colon gone) and any text typed on after it."""

    word: str
    rest: str = ""


@dataclass
class Outline:
    """What the body's headings are: a numbered level other than 一、 with the heading of
    each of its lines (by index), whether 一、 lines may be lead-sentence headings, and
    whether unnumbered lines set apart (bold, a heading style) are headings."""

    style: str | None = None
    headings: dict[int, Heading] = field(default_factory=dict)
    sentence_headings: bool = False
    set_apart: bool = False


def outline(paragraphs: list[Para]) -> Outline:
    """The heading levels of a report body."""
    marked = [_numbered(p.text) for p in paragraphs]
    section_lines = [i for i, (style, _) in enumerate(marked) if style == SECTION_STYLE]
    if any(line_heading(marked[i][1], full_stop=True) or colon_heading(marked[i][1]) for i in section_lines):
        return Outline()
    if section_lines:
        sentences = [i for i in section_lines if sentence_heading(marked[i][1])]
        if len(sentences) >= SHARE_READING_AS_HEADINGS * len(section_lines):
            return Outline(sentence_headings=True)
    for style in (ORDINAL, "（一）", "1."):
        headings = _level_headings(paragraphs, marked, style)
        if headings:
            return Outline(style=style, headings=headings)
    return Outline(set_apart=True)


def _numbered(text: str) -> tuple[str | None, str]:
    """The numbering style a line starts with (第一部分 as ``ORDINAL``) and the text after it."""
    ordinal = ORDINAL_PART.match(text)
    if ordinal and chinese_value(ordinal["number"]) and (ordinal["unit"] or ordinal.end() > len(ordinal["number"]) + 1):
        return ORDINAL, text[ordinal.end():]
    marker, rest = split_marker(text)
    return (marker.style if marker else None), rest


def _level_headings(paragraphs: list[Para], marked: list[tuple[str | None, str]], style: str) -> dict[int, Heading]:
    """The headings of the lines numbered in ``style``, where that level reads as headings; else none."""
    lines = [i for i, (kind, _) in enumerate(marked) if kind == style]
    if not lines:
        return {}
    found: dict[int, Heading] = {}
    for i in lines:
        has_text_under = i + 1 < len(paragraphs) and marked[i + 1][0] != style
        heading = numbered_heading(marked[i][1], sentences=style == ORDINAL)
        if heading and (has_text_under or heading.rest):
            found[i] = heading
    if len(found) < SHARE_READING_AS_HEADINGS * len(lines):
        return {}
    names_parts = any(names_a_part(h.word) for h in found.values())
    set_apart = all(paragraphs[i].emphasis for i in found)
    return found if names_parts or set_apart else {}


def numbered_heading(text: str, sentences: bool = False) -> Heading | None:
    """The heading a numbered line holds: the whole line, the words before a colon
    (存在问题：一是……), or (``sentences``) its short first sentence."""
    word = line_heading(text, full_stop=sentences)
    if word:
        return Heading(word)
    return colon_heading(text) or (sentence_heading(text) if sentences else None)


def line_heading(text: str, full_stop: bool = False) -> str | None:
    """A whole line that reads as a heading (colon dropped), or None; ``full_stop``: one
    closing 。 is dropped too (一、主要做法。), where a line of a lower level would be an item."""
    word = text.strip().rstrip("：:").strip()
    word = word.removesuffix("。") if full_stop else word
    if not word or len(word) > MAX_HEADING_CHARS or SENTENCE_END.search(word):
        return None
    return word


def colon_heading(text: str) -> Heading | None:
    """存在的主要问题：一是…… — a heading and the text typed on after its colon."""
    match = re.match(r"^(?P<head>[^：:]{2,30}?)\s*[：:]\s*(?P<rest>.+)$", text.strip())
    if not match or SENTENCE_END.search(match["head"]) or "，" in match["head"] or not names_a_part(match["head"]):
        return None
    return Heading(match["head"].strip(), match["rest"].strip())


def sentence_heading(text: str) -> Heading | None:
    """加强学习，提高素质。我始终…… — a short first sentence as the heading, the rest as its text."""
    match = _SENTENCE_HEADING.match(text.strip())
    if not match:
        return None
    return Heading(match["head"].strip().rstrip("：:"), match["rest"].strip())


def set_apart_heading(paragraph: Para) -> str | None:
    """An unnumbered line in bold or a heading style, short and no sentence: its words, or None."""
    word = paragraph.text.strip().rstrip("：:").strip()
    if not paragraph.emphasis or not word or len(word) > MAX_SET_APART_CHARS or SENTENCE_END.search(word):
        return None
    return word


def names_a_part(text: str) -> bool:
    return any(word in text for word in REPORT_PART_WORDS)
