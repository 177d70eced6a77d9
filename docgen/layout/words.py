"""Where Chinese text may break between words (GB/T 9704-2012 7.3.1: 回行时要做到词意完整).

The words come from a Chinese word segmenter, rjieba (the Python binding of
jieba-rs), with the few words of the reports' trade it would split otherwise
(基层|党建) added to its dictionary. The segmenter and its dictionary take a
moment to load (a quarter of a second, 33 MB), so they are loaded when a title
first needs breaking, or by ``load_segmenter`` before a large build forks its
workers, which then share much of one copy instead of loading one each.

A number also stays whole with the unit after it (2026年, 二〇二三年度, 12个):
the segmenter cuts 2026|年, a typesetter does not.
"""

from __future__ import annotations

import re
from functools import lru_cache

# Words of the reports' trade the segmenter's own dictionary splits.
TRADE_WORDS = (
    "基层党建", "新时代", "下一步", "主题党日", "党群服务中心", "两新组织", "新就业群体", "三会一课",
    "两学一做", "不忘初心", "牢记使命", "共驻共建", "网格员", "积分制",
)  # fmt: skip

_NUMERAL = "0-9０-９〇零一二三四五六七八九十百千万两"
# A number and the unit after it: 2026年, 二〇二三年度, 11月20日, 3个.
_NUMBER = re.compile(rf"[{_NUMERAL}]+(?:年度|年|月|日|号|届|期|批|个|项|名|人|次|户|家|条|余)?")


def load_segmenter() -> None:
    """Load the segmenter now."""
    _segmenter()


@lru_cache(maxsize=1)
def _segmenter():
    import rjieba  # loaded on first use: most titles fit one line

    segmenter = rjieba.Jieba()
    for word in TRADE_WORDS:
        segmenter.add_word(word, None, None)
    return segmenter


@lru_cache(maxsize=4096)
def word_ends(text: str) -> frozenset[int]:
    """The positions in ``text`` (0 < i < len) between two words."""
    ends, position = set(), 0
    for word in _segmenter().cut(text):
        position += len(word)
        ends.add(position)
    for number in _NUMBER.finditer(text):
        ends -= set(range(number.start() + 1, number.end()))
    return frozenset(end for end in ends if 0 < end < len(text))


def words(text: str) -> list[str]:
    """``text`` cut into the pieces no line break may split."""
    cuts = [0, *sorted(word_ends(text)), len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:])]
