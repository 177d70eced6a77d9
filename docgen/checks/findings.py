"""What ``docgen check`` finds, as data: one ``Finding`` (docgen's one type of them) a place."""

from __future__ import annotations

from collections import Counter

from ..core.findings import Finding

__all__ = ["Finding", "KIND_NAMES", "counted", "excerpt", "shorten"]

PLACEHOLDER = "placeholder"
HALF_WIDTH = "half_width"
UNBALANCED = "unbalanced"
REPEATED = "repeated"
EMPTY = "empty"
LONG_TITLE = "long_title"
UNDATED = "undated"

# Chinese names, in the order findings are counted in summaries.
KIND_NAMES = {
    PLACEHOLDER: "占位符",
    HALF_WIDTH: "半角标点",
    UNBALANCED: "引号括号不成对",
    REPEATED: "重复内容",
    EMPTY: "空内容",
    LONG_TITLE: "标题过长",
    UNDATED: "落款无日期",
}

EXCERPT_CONTEXT = 10  # characters shown on each side of the offending text


def excerpt(text: str, start: int, end: int, context: int = EXCERPT_CONTEXT) -> str:
    """``text[start:end]`` with a little context, elided with …… where cut."""
    left = max(0, start - context)
    right = min(len(text), end + context)
    head = "……" if left > 0 else ""
    tail = "……" if right < len(text) else ""
    return f"{head}{text[left:right]}{tail}"


def shorten(text: str, limit: int = 2 * EXCERPT_CONTEXT + 4) -> str:
    return text if len(text) <= limit else text[:limit] + "……"


def counted(texts: list[str]) -> str:
    """Each distinct text quoted once, in order of first appearance, with ×n when repeated: “,”×2、“:”."""
    return "、".join(f"“{text}”" + (f"×{n}" if n > 1 else "") for text, n in Counter(texts).items())
