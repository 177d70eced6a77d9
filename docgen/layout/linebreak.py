"""The lines a paragraph breaks into: character widths and Chinese line-breaking rules.

Widths are in twips. Chinese characters and full-width punctuation are one em
wide, Latin letters and digits half an em (the Chinese faces' Latin is half
width); every character also carries the style's character spacing.

The rules are those of the word processors (checked line by line against
LibreOffice, see ``docgen.renderer.compare``): a line takes characters while
they fit; the first one that does not is where the line wants to break.
Sentence punctuation there (，。、；：？！) hangs into the margin instead of
going down; then the break moves back while the next line would start with
a character that may not start a line (行首禁则) or this one end with a
character that may not end a line (行尾禁则). A Latin word or number is
never split. Where the last letter before the break point is Latin, the
Unicode rules (UAX #14) apply instead: no hanging, no break beside quotes.
Between Chinese and Latin letters the word processors put a fifth of the
type size, and each run of one script is measured on its own.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

# The Simplified Chinese rules (LibreOffice's zh-CN locale data, which are
# also Word's for the characters Chinese text uses).
NOT_AT_LINE_START = frozenset(
    ":!),.:;?]}¢'\"、。〉》」』】〕〗〞︰︱︳﹐､﹒﹔﹕﹖﹗﹚﹜﹞！），．：；？｜｝︴︶︸︺︼︾﹀﹂﹄﹏～￠々‖•·ˇˉ―-′’”"
)
NOT_AT_LINE_END = frozenset("([{£¥'\"‵〈《「『【〔〖（［｛￡￥〝︵︷︹︻︽︿﹁﹃﹙﹛﹝“‘")
HANGING = frozenset("!,.:;?、。！，．：；？")


@dataclass(frozen=True)
class Font:
    """A paragraph's type: em size and character spacing, in twips."""

    em: int
    spacing: int

    def width(self, char: str) -> int:
        return (self.em if is_wide(char) else self.em // 2) + self.spacing


def is_wide(char: str) -> bool:
    """Full width in a Chinese face: CJK, full-width forms, and the punctuation
    and symbols Chinese text shares with other scripts (“ ” — … ① ■ ※)."""
    width_class = unicodedata.east_asian_width(char)
    if width_class in ("W", "F"):
        return True
    # Ambiguous-width characters: Chinese faces draw symbols and Greek or
    # Cyrillic letters full width, but Latin-1 ones (· ° ×) half width.
    return width_class == "A" and (ord(char) >= 0x2000 or 0x370 <= ord(char) < 0x530)


def _is_word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _script(char: str) -> str | None:
    """"asian", "latin", or None for characters that take their neighbour's script."""
    if is_wide(char):
        return "asian"
    if char.isascii() or char.isalpha():
        return "latin"
    return None


def break_lines(
    text: str, font: Font, width: int, first_indent: int = 0, run_starts: frozenset[int] = frozenset()
) -> list[str]:
    """The lines ``text`` prints as in a column ``width`` wide, the first line indented.

    ``run_starts`` are the positions where a differently styled run begins
    (the lead sentence's character style ends, say): text is measured run by run.
    """
    pieces = _pieces(text, run_starts)
    lines: list[str] = []
    start = 0
    available = width - first_indent
    while start < len(text):
        end = _line_end(text, pieces, start, font, available)
        lines.append(text[start:end])
        start, available = end, width
    return lines or [""]


def line_count(text: str, font: Font, width: int, first_indent: int = 0) -> int:
    return len(break_lines(text, font, width, first_indent))


def _pieces(text: str, run_starts: frozenset[int]) -> list[tuple[int, str | None]]:
    """For each character, the number of the piece it is measured in, and its script.

    A word processor measures text in pieces of one run and one script; the
    character spacing goes between the characters of a piece, not after its
    last one.
    """
    pieces = []
    piece, script = 0, None
    for index, char in enumerate(text):
        own = _script(char)
        if index and (index in run_starts or (own and script and own != script)):
            piece += 1
        script = own or script
        pieces.append((piece, script))
    return pieces


def _line_end(text: str, pieces: list[tuple[int, str | None]], start: int, font: Font, available: int) -> int:
    """Where the line that starts at ``start`` ends (exclusive)."""
    cut = start
    for used in _running_widths(text, pieces, start, font):
        if used > available:
            break
        cut += 1
    if cut >= len(text):
        return len(text)
    end = _break_before(text, pieces, cut)
    return end if end > start else max(cut, start + 1)  # nowhere to break: cut the line


def _running_widths(text: str, pieces: list[tuple[int, str | None]], start: int, font: Font):
    """The width of ``text[start:i + 1]`` for each ``i`` from ``start`` on."""
    used = 0
    for cut in range(start, len(text)):
        if cut > start and pieces[cut][0] == pieces[cut - 1][0]:
            used += font.spacing
        elif cut > start and pieces[cut][1] != pieces[cut - 1][1] and _is_letter(text[cut - 1]) and _is_letter(text[cut]):
            used += font.em * 2 // 10  # the space put between Chinese and Latin text: a fifth of the size
        used += font.width(text[cut]) - font.spacing
        yield used


def text_width(text: str, font: Font) -> int:
    """How wide ``text`` prints on one line, in twips."""
    width = 0
    for width in _running_widths(text, _pieces(text, frozenset()), 0, font):
        pass
    return width


def _is_letter(char: str) -> bool:
    return char.isalnum()


def _break_before(text: str, pieces, cut: int) -> int:
    """The break position for a line whose first overflowing character is ``text[cut]``.

    The script of the last letter that still fits picks the rules: in
    根据“1336…, the number overflowing after a Chinese word and its opening
    quote breaks by the Chinese rules, before the quote.
    """
    if pieces[_last_letter(text, cut - 1)][1] == "latin":
        return _break_before_latin(text, cut)
    if text[cut] in HANGING:
        cut += 1
        if cut == len(text):
            return cut
    cut = _outside_word(text, cut)
    while cut > 0 and (text[cut] in NOT_AT_LINE_START or text[cut - 1] in NOT_AT_LINE_END):
        cut = _outside_word(text, cut - 1)
    return cut


def _last_letter(text: str, position: int) -> int:
    """The last letter or digit at or before ``position``: its script picks the rules."""
    while position > 0 and not _is_letter(text[position]):
        position -= 1
    return position


def _break_before_latin(text: str, cut: int) -> int:
    """Where a line breaks that overflows inside Latin text.

    There the word processors apply the Unicode line-breaking rules (UAX #14)
    instead of the Chinese ones: no break on either side of a quote mark,
    none after an opening bracket or before closing punctuation, none inside
    a Latin word or number.
    """
    while cut > 0 and not _unicode_break_allowed(text[cut - 1], text[cut]):
        cut -= 1
    return cut


QUOTES = frozenset("“”‘’\"'")


def _unicode_break_allowed(before: str, after: str) -> bool:
    if before in QUOTES or after in QUOTES:
        return False
    if before in NOT_AT_LINE_END or after in NOT_AT_LINE_START:
        return False
    if _is_word_char(before) and (_is_word_char(after) or after in ".%-"):
        return False
    if before == "-" and after.isascii() and after.isalpha():
        return True  # Wi-|Fi: a hyphen is a break opportunity before letters
    return not (before in ".%-" and _is_word_char(after))


def _outside_word(text: str, position: int) -> int:
    """``position``, moved back to the start of the Latin word or number it splits."""
    while 0 < position < len(text) and _is_word_char(text[position]) and _is_word_char(text[position - 1]):
        position -= 1
    return position
