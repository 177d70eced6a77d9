"""How alike two wordings of one unit's problem are, 0–100: the same problem a year later (--previous),
the same ledger row after a small edit (--keep).

Within one unit a problem keeps most of its wording, so the characters are
compared, after dropping punctuation and the stock phrases every problem is
dressed in (有待进一步、不够、存在 …): otherwise 党员管理有待进一步规范 and
理论素质有待于进一步提升 look alike. The score is rapidfuzz's normalised Indel
similarity. Problems of different units, said in their own words, are
compared by their words instead (``grouping``, ``wording``).
"""

from __future__ import annotations

import re

from rapidfuzz import fuzz

SAME_PROBLEM = 60  # title score from which two problems count as one
SAME_TEXT = 60  # score of the texts (without stock phrases removed) from which they count as one
SAME_ROW = 75  # --keep: title score from which an old row is the same row, edited a little

_NOT_WORDING = re.compile(r"[\W_]+")
_STOCK_PHRASES = re.compile(r"有待于?进一步|有待于?|进一步|还|不够|不足|不强|不明显|较|比较|存在|方面")


def plain(text: str) -> str:
    """``text`` without punctuation, spaces and marks: only the wording."""
    return _NOT_WORDING.sub("", text)


def title_key(title: str) -> str:
    """What is compared of a title: its wording without the stock phrases."""
    return _STOCK_PHRASES.sub("", plain(title))


def score(a: str, b: str) -> float:
    return fuzz.ratio(a, b)
