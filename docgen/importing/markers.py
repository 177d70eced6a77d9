"""Typed numbers at the start of a paragraph: 一、（一）1. 1、（1）① 一是.

The recogniser removes them (docgen regenerates numbers) and uses their
style, level and value to tell headings, items and sub-points apart.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..core.numbering import LEVELS, NUMERAL_CHARS, chinese_value

_CN_NUMERAL = f"[{NUMERAL_CHARS}]+"
CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HALF_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")


_PATTERNS = (
    ("一、", re.compile(rf"({_CN_NUMERAL})\s*[、.．，]\s*")),
    ("（一）", re.compile(rf"[（(]\s*({_CN_NUMERAL})\s*[）)]\s*[、.．]?\s*")),
    # 1. but not 1.5万: a dot followed by a digit is a decimal point.
    ("1.", re.compile(r"(\d{1,2})\s*(?:[、．]|\.(?!\d))\s*")),
    ("（1）", re.compile(r"(?:[（(]\s*(\d{1,2})\s*[）)]|(\d{1,2})[）)])\s*")),
    ("（1）", re.compile(f"([{CIRCLED}])\\s*")),
    ("一是", re.compile(rf"({_CN_NUMERAL})是(?![是的])")),
)


@dataclass(frozen=True)
class Marker:
    style: str  # one of LEVELS
    value: int  # the number it says: 3 for 三、 (3)
    text: str  # the marker as typed, for messages

    @property
    def level(self) -> int:
        return LEVELS[self.style]


def half_width_digits(text: str) -> str:
    """１２ → 12, character for character (so positions in the text stay where they were)."""
    # translate() looks every character up in a dict: searching first spares that where there is none.
    return text.translate(_HALF_WIDTH_DIGITS) if _FULL_WIDTH_DIGIT.search(text) else text


@lru_cache(maxsize=4096)  # the readers ask it of each paragraph several times; its results are immutable
def split_marker(text: str) -> tuple[Marker | None, str]:
    """The number a paragraph starts with (if any) and the text after it; full-width digits count."""
    matched = half_width_digits(text)
    for style, pattern in _PATTERNS:
        match = pattern.match(matched)
        if not match:
            continue
        value = _value("".join(g for g in match.groups() if g))
        if value is None:
            continue
        return Marker(style, value, text[: match.end()].strip()), text[match.end():]
    return None, text


def _value(digits: str) -> int | None:
    if digits.isdigit() and digits.isascii():
        return int(digits)
    if len(digits) == 1 and digits in CIRCLED:
        return CIRCLED.index(digits) + 1
    return chinese_value(digits)
