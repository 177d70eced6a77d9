"""How many lines a paragraph takes: character widths and Chinese line-breaking rules.

Widths are in twips. Chinese characters and full-width punctuation are one em
wide, Latin letters and digits half an em (the Chinese faces' Latin is half
width); every character also carries the style's character spacing.
Punctuation never hangs into the margin (``overflowPunct`` off), so a
character that may not start a line pulls the one before it down with it.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# Characters that may not start a line (行首禁则) and may not end one (行尾禁则).
NOT_AT_LINE_START = set("，。、；：？！）》」』】〕〉”’…—·％%‰,.;:?!)]}>·～‐-ー")
NOT_AT_LINE_END = set("（《「『【〔〈“‘([{<")


@dataclass(frozen=True)
class Font:
    """A paragraph's type: em size and character spacing, in twips."""

    em: int
    spacing: int

    def width(self, char: str) -> int:
        return (self.em if is_wide(char) else self.em // 2) + self.spacing


def is_wide(char: str) -> bool:
    """Full width: CJK ideographs, kana, full-width forms, and the punctuation
    Chinese text shares with Latin (“ ” ‘ ’ — …), which Chinese faces draw full width."""
    if char in "“”‘’—…·":
        return True
    return unicodedata.east_asian_width(char) in ("W", "F")


def _is_word_char(char: str) -> bool:
    # Latin letters and digits run together: a line breaks around a word, not inside it.
    return char.isascii() and char.isalnum()


def line_count(text: str, font: Font, width: int, first_indent: int = 0) -> int:
    """Lines ``text`` takes in a column ``width`` wide, the first line indented."""
    if not text:
        return 1
    lines = 1
    available = width - first_indent
    used = 0
    i = 0
    tokens = _tokens(text)
    while i < len(tokens):
        token_width = sum(font.width(c) for c in tokens[i])
        if used + token_width <= available or used == 0:
            used += token_width
            i += 1
            continue
        # tokens[i] does not fit: break before it, or earlier where the rules demand.
        j = _break_position(tokens, i)
        lines += 1
        available = width
        used = 0
        i = j
    return lines


def _break_position(tokens: list[str], i: int) -> int:
    """The index of the token the new line starts with, when ``tokens[i]`` overflows."""
    j = i
    # Pull characters down while the new line would start with a forbidden
    # character or the old one end with one; never empty the old line.
    while j > 1 and (tokens[j][0] in NOT_AT_LINE_START or tokens[j - 1][-1] in NOT_AT_LINE_END):
        j -= 1
    return j if j > 0 else i


def _tokens(text: str) -> list[str]:
    """Split into unbreakable pieces: one CJK character, or a Latin word with its digits."""
    tokens: list[str] = []
    word = ""
    for char in text:
        if _is_word_char(char):
            word += char
            continue
        if word:
            tokens.append(word)
            word = ""
        tokens.append(char)
    if word:
        tokens.append(word)
    return tokens
