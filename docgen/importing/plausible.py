"""Whether the paragraphs of a file are a report at all: an English letter, a
Japanese memo or a news article is refused with the reason, not imported as
a Party-building report."""

from __future__ import annotations

import re

from ..core.numbering import SECTION_STYLE
from .markers import split_marker
from .paragraphs import Para
from .sections import KNOWN_HEADINGS, heading_word

_IDEOGRAPH = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_KANA = re.compile("[\u3040-\u30ff]")
MAX_KANA_SHARE = 0.05  # Chinese text may quote a の; Japanese is a third kana or more
REPORT_WORDS = ("亮点", "问题", "不足", "党建", "做法", "打算", "整改")
NOT_A_REPORT = "没有找到 一、二、 这样的标题，也没有 亮点/问题等字样，不像是报告"


def why_not_a_report(paragraphs: list[Para]) -> str | None:
    """The reason the paragraphs are no report, or None if they may well be one."""
    text = "\n".join(p.text for p in paragraphs)
    ideographs, kana = len(_IDEOGRAPH.findall(text)), len(_KANA.findall(text))
    if ideographs == 0:
        return "文件中没有中文，不像是报告"
    if kana > MAX_KANA_SHARE * (ideographs + kana):
        return "文件中的文字是日文，不像是报告"
    if not any(_is_heading(p.text) for p in paragraphs) and not any(word in text for word in REPORT_WORDS):
        return NOT_A_REPORT
    return None


def _is_heading(text: str) -> bool:
    """一、主要工作完成情况, or a heading word alone on its line (亮点工作)."""
    marker, rest = split_marker(text.strip())
    if marker is not None and marker.style == SECTION_STYLE:
        return heading_word(rest, marked=True) is not None
    return marker is None and heading_word(rest, marked=False) in KNOWN_HEADINGS
