"""Punctuation: half-width marks in Chinese text, and quotes or brackets that do not pair up."""

from __future__ import annotations

import re
import unicodedata

from .findings import HALF_WIDTH, UNBALANCED, Finding, counted, excerpt
from .pieces import Piece

_HALF_WIDTH = ',;:()?!"'
_PERIOD = "."  # a mistake only right after a Chinese character: 1.5万 and 1. are fine
_CANDIDATE = re.compile("[" + re.escape(_HALF_WIDTH + _PERIOD) + "]")
_CHINESE_MARKS = set("“”‘’…—·")

_OPENERS = {"“": "”", "‘": "’", "（": "）", "《": "》", "【": "】", "〔": "〕"}
_CLOSERS = {closer: opener for opener, closer in _OPENERS.items()}
_PAIRED = re.compile("[" + "".join(_OPENERS) + "".join(_CLOSERS) + "]")
_MARK_NAMES = {
    "“": "前引号“", "”": "后引号”", "‘": "前单引号‘", "’": "后单引号’",
    "（": "左括号（", "）": "右括号）", "《": "书名号《", "》": "书名号》",
    "【": "左方头括号【", "】": "右方头括号】", "〔": "左六角括号〔", "〕": "右六角括号〕",
}


def find_half_width(pieces: list[Piece]) -> list[Finding]:
    findings = []
    for piece in pieces:
        candidates = (m.start() for m in _CANDIDATE.finditer(piece.text))
        positions = [i for i in candidates if _is_misplaced_half_width(piece.text, i)]
        if positions:
            findings.append(_half_width_finding(piece, positions))
    return findings


def _is_misplaced_half_width(text: str, i: int) -> bool:
    before, after = _neighbour(text, i, -1), _neighbour(text, i, 1)
    if text[i] == _PERIOD:
        return _is_chinese(before)
    if _is_latin_or_digit(before) and _is_latin_or_digit(after):
        return False  # 9:00, 1,000, a;b
    return _is_chinese(before) or _is_chinese(after)


def _neighbour(text: str, i: int, step: int) -> str:
    i += step
    while 0 <= i < len(text) and text[i] == " ":
        i += step
    return text[i] if 0 <= i < len(text) else ""


def _is_chinese(char: str) -> bool:
    return bool(char) and (unicodedata.east_asian_width(char) in "WF" or char in _CHINESE_MARKS)


def _is_latin_or_digit(char: str) -> bool:
    return bool(char) and char.isascii() and char.isalnum()


def _half_width_finding(piece: Piece, positions: list[int]) -> Finding:
    first = positions[0]
    return Finding(
        HALF_WIDTH,
        piece.origin,
        f"{piece.role}的中文里用了半角标点 {counted([piece.text[i] for i in positions])}，应改用全角（，；：（）？！“”。）",
        excerpt(piece.text, first, first + 1),
    )


def find_unbalanced(pieces: list[Piece]) -> list[Finding]:
    findings = []
    for piece in pieces:
        problem = _first_unpaired(piece.text)
        if problem is not None:
            position, message = problem
            findings.append(
                Finding(UNBALANCED, piece.origin, f"{piece.role}中{message}", excerpt(piece.text, position, position + 1))
            )
    return findings


def _first_unpaired(text: str) -> tuple[int, str] | None:
    """The first mark without its partner (position, Chinese description), or None."""
    open_marks: list[int] = []
    for match in _PAIRED.finditer(text):
        i, char = match.start(), match.group()
        if char in _OPENERS:
            open_marks.append(i)
        elif not open_marks:
            return i, f"{_MARK_NAMES[char]}前面没有与它配对的{_MARK_NAMES[_CLOSERS[char]]}"
        elif text[open_marks[-1]] == _CLOSERS[char]:
            open_marks.pop()
        else:
            opener = text[open_marks[-1]]
            return open_marks[-1], f"{_MARK_NAMES[opener]}还没有配上{_MARK_NAMES[_OPENERS[opener]]}，就出现了{_MARK_NAMES[char]}"
    if open_marks:
        opener = text[open_marks[0]]
        return open_marks[0], f"{_MARK_NAMES[opener]}没有与它配对的{_MARK_NAMES[_OPENERS[opener]]}"
    return None
