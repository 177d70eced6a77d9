"""The lines a paragraph breaks into: character widths and Chinese line-breaking rules.

Widths are in twips. Chinese characters and full-width punctuation are one em
wide, Latin letters and digits half an em (the Chinese faces' Latin is half
width); every character also carries the style's character spacing.

The rules are those of the word processors (checked line by line against
LibreOffice, see ``tools.compare_layout``): a line takes characters while
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

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

# The Simplified Chinese rules (LibreOffice's zh-CN locale data, which are
# also Word's for the characters Chinese text uses).
NOT_AT_LINE_START = frozenset(
    ":!),.:;?]}¢'\"、。〉》」』】〕〗〞︰︱︳﹐､﹒﹔﹕﹖﹗﹚﹜﹞！），．：；？｜｝︴︶︸︺︼︾﹀﹂﹄﹏～￠々‖•·ˇˉ―-′’”"
)
NOT_AT_LINE_END = frozenset("([{£¥'\"‵〈《「『【〔〖（［｛￡￥〝︵︷︹︻︽︿﹁﹃﹙﹛﹝“‘")
HANGING = frozenset("!,.:;?、。！，．：；？")


@dataclass(frozen=True)
class Font:
    """A paragraph's type: em size and character spacing, in twips.

    Spacing tightens or widens text, never so far that a character takes no
    room (``em // 2 + spacing > 0``): lines are found by bisection on width.
    """

    em: int
    spacing: int

    def __post_init__(self):
        if self.em // 2 + self.spacing <= 0:
            raise ValueError(f"character spacing {self.spacing} leaves no room for a {self.em}-twip character")


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
    Takes time in proportion to the length of ``text``, whatever it holds.
    """
    if not text:
        return [""]
    measure = _Measure(text, font, run_starts)
    lines: list[str] = []
    start = 0
    available = width - first_indent
    while start < len(text):
        end = measure.line_end(start, available)
        lines.append(text[start:end])
        start, available = end, width
    return lines


def text_width(text: str, font: Font) -> int:
    """How wide ``text`` prints on one line, in twips: ``_Measure(text).width`` of the
    whole, added up without building its per-character sums (titles are measured
    at many break places, and most texts are one script throughout)."""
    if not text:
        return 0
    classes = text.translate(_CLASSES)
    wide = classes.count("A") + classes.count("a")
    width = wide * font.em + (len(text) - wide) * (font.em // 2) + (len(text) - 1) * font.spacing
    runs = _SCRIPT_RUN.finditer(classes)
    next(runs, None)
    for run in runs:  # each later run of one script starts a new piece
        index = run.start()
        width -= font.spacing
        if classes[index - 1].islower() and classes[index].islower():
            width += font.em * 2 // 10
    return width


# Each character as one code letter: its script (Asian, Latin or None, which
# takes the script before it) in upper case, lower case if it is a letter or digit.
_ASIAN, _LATIN, _NONE = "Aa", "Ll", "Nn"


class _CharClasses(dict):
    """A ``str.translate`` table: character → its code letter, worked out on first sight."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        script = _script(char)
        letters = _ASIAN if script == "asian" else _LATIN if script == "latin" else _NONE
        self[code] = letters[char.isalnum()]
        return self[code]


_CLASSES = _CharClasses()
_NO_LETTERS = re.compile("[ALN]+")
_SCRIPT_RUN = re.compile("[Aa][AaNn]*|[Ll][LlNn]*")  # one script, with the characters that take it
_SCRIPT_OF_RUN = {"A": "asian", "a": "asian", "L": "latin", "l": "latin"}


@lru_cache(maxsize=64)
def _widths(font: Font):
    """Each code letter's advance in ``font``, and its step (advance and spacing) as a lookup."""
    advance = {code: font.em if code in _ASIAN else font.em // 2 for code in _ASIAN + _LATIN + _NONE}
    return advance, {code: width + font.spacing for code, width in advance.items()}.__getitem__


class _Measure:
    """A text measured once: where it may break and how wide any stretch of it is.

    A word processor measures text in pieces of one run and one script; the
    character spacing goes between the characters of a piece, not after its
    last one. ``reach[i]`` adds up the advance of each character from the
    text's start, so the width of a stretch is a difference of two sums and a
    line's end is found by bisection. The work is done by ``str.translate``,
    ``map`` and ``accumulate`` over the whole text, not character by
    character in Python: a build measures every paragraph it writes.
    """

    def __init__(self, text: str, font: Font, run_starts: frozenset[int]):
        self.text = text
        self.classes = classes = text.translate(_CLASSES)
        self.advance, step_of = _widths(font)
        steps = list(map(step_of, classes))
        runs = [(match.start(), _SCRIPT_OF_RUN[match.group()[0]]) for match in _SCRIPT_RUN.finditer(classes)]
        self.run_starts = [start for start, _ in runs]  # where the script (as carried on) changes
        self.run_scripts = [script for _, script in runs]
        # a new piece begins where a styled run begins or the script changes
        # (not where the first script follows characters that have none)
        for index in sorted(set(self.run_starts[1:]) | {i for i in run_starts if 0 < i < len(text)}):
            steps[index] -= font.spacing
            if self.script_at(index) != self.script_at(index - 1) and classes[index - 1].islower() and classes[index].islower():
                steps[index] += font.em * 2 // 10  # between Chinese and Latin letters: a fifth of the size
        self.reach = list(accumulate(steps))
        self._marks: list[int] | None = None  # where each stretch without letters or digits begins

    def last_letter(self, position: int) -> int:
        """The last letter or digit at or before ``position`` (0 where there is none)."""
        if self.classes[position].islower():
            return position
        if self._marks is None:
            self._marks = [match.start() for match in _NO_LETTERS.finditer(self.classes)]
        start = self._marks[bisect_right(self._marks, position) - 1]
        return max(start - 1, 0)

    def script_at(self, index: int) -> str | None:
        """The script ``text[index]`` is measured in: its own, or the one before it."""
        run = bisect_right(self.run_starts, index) - 1
        return self.run_scripts[run] if run >= 0 else None

    def width(self, start: int, last: int) -> int:
        """The width of ``text[start:last + 1]`` on one line."""
        return self.advance[self.classes[start]] + self.reach[last] - self.reach[start]

    def line_end(self, start: int, available: int) -> int:
        """Where the line that starts at ``start`` ends (exclusive)."""
        # the characters that fit: text[start:cut] (every character adds width)
        first = self.advance[self.classes[start]]
        cut = bisect_right(self.reach, available - first + self.reach[start], start)
        if cut >= len(self.text):
            return len(self.text)
        if cut == start:
            return start + 1  # not even one character fits: it goes on the line anyway
        end = self._break_before(cut, start)
        return end if end > start else cut  # nowhere to break: cut the line

    def _break_before(self, cut: int, start: int) -> int:
        """The break position for a line whose first overflowing character is
        ``text[cut]``; ``start`` or before it where the line offers none.

        The script of the last letter that still fits picks the rules: in
        根据“1336…, the number overflowing after a Chinese word and its opening
        quote breaks by the Chinese rules, before the quote.
        """
        text = self.text
        if self.classes[cut - 1] == self.classes[cut] == "a":  # between two Chinese characters, mostly
            if text[cut] not in NOT_AT_LINE_START and text[cut - 1] not in NOT_AT_LINE_END:
                return cut  # what the rules below come to there
        if self.script_at(self.last_letter(cut - 1)) == "latin":
            return _break_before_latin(text, cut, start)
        if text[cut] in HANGING:
            cut += 1
            if cut == len(text):
                return cut
        cut = _outside_word(text, cut, start)
        while cut > start and (text[cut] in NOT_AT_LINE_START or text[cut - 1] in NOT_AT_LINE_END):
            cut = _outside_word(text, cut - 1, start)
        return cut


def _break_before_latin(text: str, cut: int, start: int) -> int:
    """Where a line breaks that overflows inside Latin text (``start`` if nowhere).

    There the word processors apply the Unicode line-breaking rules (UAX #14)
    instead of the Chinese ones: no break on either side of a quote mark,
    none after an opening bracket or before closing punctuation, none inside
    a Latin word or number.
    """
    while cut > start and not _unicode_break_allowed(text[cut - 1], text[cut]):
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


def _outside_word(text: str, position: int, start: int) -> int:
    """``position``, moved back to the start of the Latin word or number it splits
    (no further back than ``start``)."""
    while start < position < len(text) and _is_word_char(text[position]) and _is_word_char(text[position - 1]):
        position -= 1
    return position
