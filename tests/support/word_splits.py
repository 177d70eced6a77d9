"""Words a line of a title, a cover or a 目录 must not split (the issue's, and a few
more), and the check: a list kept by hand, independent of docgen's segmenter."""

from __future__ import annotations

WORDS = [
    "基层党建", "亮点", "工作", "问题", "存在", "社区", "汇编", "情况", "报告", "街道", "委员会",
    "办公室", "新时代", "下一步", "党组织", "2026年", "2026年度", "二〇二三年度", "（一）", "（二）",
]  # fmt: skip


def split_words(lines: list[str]) -> list[str]:
    """The words of ``WORDS`` that a break between two of ``lines`` cuts in two, as 基层|党建."""
    text, split, position = "".join(lines), [], 0
    for line in lines[:-1]:
        position += len(line)
        for word in WORDS:
            start = text.find(word)
            while start >= 0:
                if start < position < start + len(word):
                    split.append(f"{text[start:position]}|{text[position:start + len(word)]}")
                start = text.find(word, start + 1)
    return split
