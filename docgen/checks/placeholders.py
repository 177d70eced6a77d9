"""Unfilled placeholders: XX社区, X万元, X月, 某某, …… left where a fact belongs.

The reference reports are anonymised with XX and X, so those are exactly what
must be found; an X that is part of Latin text or a formula (“3+X”, XXL, Xbox)
is not a placeholder.
"""

from __future__ import annotations

import re

from .findings import PLACEHOLDER, Finding, counted, excerpt
from .pieces import Piece

# Two or more X (or ×) in a row, not inside a Latin word: XX社区, 20XX年, ××街道.
_X_RUN = r"(?<![A-Za-z])[XxＸｘ×]{2,}(?![A-Za-z])"
# One X standing for a number: X万元, X余人次, X月份, 建党X周年, 第X次.
_QUANTITY_WORDS = "万千百亿余多月日号年周次场人名个家份元件篇批户天期项处所支条位届岁栋间"
_X_NUMBER = rf"(?<![A-Za-z0-9+＋\-])[XxＸｘ](?=[{_QUANTITY_WORDS}])"
_NAME = r"某某"
_ELLIPSIS = r"…+|\.{3,}|。{3,}"
# The lookahead lets the search pass over most characters at once: a third of the time.
_PLACEHOLDER = re.compile("(?=[XxＸｘ×某….。])(?:" + "|".join(f"(?:{p})" for p in (_X_RUN, _X_NUMBER, _NAME, _ELLIPSIS)) + ")")


def find_placeholders(pieces: list[Piece]) -> list[Finding]:
    findings = []
    for piece in pieces:
        matches = list(_PLACEHOLDER.finditer(piece.text))
        if matches:
            findings.append(_finding(piece, matches))
    return findings


def _finding(piece: Piece, matches: list[re.Match]) -> Finding:
    first = matches[0]
    return Finding(
        PLACEHOLDER,
        piece.origin,
        f"{piece.role}中有未填写的占位符 {counted([_display(m) for m in matches])}",
        excerpt(piece.text, first.start(), first.end()),
    )


def _display(match: re.Match) -> str:
    text = match.group()
    if len(text) == 1 and text in "XxＸｘ":  # name it with the words it stands before: X万余, X月份
        following = match.string[match.end() : match.end() + 2]
        return text + (following if len(following) == 2 and following[1] in _QUANTITY_WORDS else following[:1])
    return text
