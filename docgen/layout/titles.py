"""Where a title too long for one line breaks, and where a 目录 entry wraps.

A word processor fills each line and leaves the rest to the next, so a title
can break inside a word (基层 / 党建) or end on a line holding just 题（一）.
Titles are instead broken by hand (line breaks in the paragraph) where this
module says, by GB/T 9704-2012 7.3.1 (回行时要做到词意完整，排列对称，长短适宜，
标题排列应当使用梯形或菱形), in this order:

1. only between words (``words.word_ends``), never inside brackets or a Latin
   word, never against the line-breaking rules (行首行尾禁则);
2. as few lines as the width allows;
3. the shape: two lines a shorter over a longer (梯形); three lines a diamond
   (the middle one longest, 菱形) or widening downwards; the longer line two
   characters longer at least, or the lines read as a block;
4. a character's room to spare on every line, where the words allow it (a hand-
   broken line must not wrap again in a face a little wider than the model's);
5. lines as even as the above allow.

A 目录 entry is set flush left: its lines are filled as far as the words allow,
and the last leaves room for the dot leader and the page number.
"""

from __future__ import annotations

from functools import lru_cache
from itertools import combinations

from .linebreak import NOT_AT_LINE_END, NOT_AT_LINE_START, Font, break_lines, text_width
from .words import word_ends

_SHAPED_UP_TO = 3  # lines: longer titles are only balanced (the shapes name two or three lines)


def title_lines(text: str, font: Font, width: int) -> list[str]:
    """The lines ``text`` is printed on as a centred title in a column ``width`` wide."""
    return list(_title_lines(text, font, width))


@lru_cache(maxsize=4096)
def _title_lines(text: str, font: Font, width: int) -> tuple[str, ...]:
    natural = break_lines(text, font, width)
    if len(natural) == 1:
        return tuple(natural)
    between_words = [i for i in sorted(word_ends(text)) if _may_break(text, i)]
    anywhere = [i for i in range(1, len(text)) if _may_break(text, i)]
    for places in (between_words, anywhere):  # a word longer than a line: break where the rules allow
        for lines in (len(natural), len(natural) + 1):
            breaks = _best_breaks(text, font, width, lines, places)
            if breaks is not None:
                return _cut(text, breaks)
    return tuple(natural)


def _best_breaks(text: str, font: Font, width: int, lines: int, places: list[int]) -> list[int] | None:
    """``lines - 1`` of ``places`` to break at so that every line fits ``width``, the
    best by shape, room to spare and evenness; None where no choice fits."""
    widths = _LineWidths(text, font)
    if lines > _SHAPED_UP_TO:
        return _balanced_breaks(widths, width - font.em, lines, places) or _balanced_breaks(widths, width, lines, places)
    best, best_cost = None, None
    for breaks in combinations(places, lines - 1):
        line_widths = widths.of([0, *breaks, len(text)])
        if max(line_widths) > width:
            continue
        cost = (not _well_shaped(line_widths, font), max(line_widths) > width - font.em, _imbalance(line_widths))
        if best_cost is None or cost < best_cost:
            best, best_cost = list(breaks), cost
    return best


def _well_shaped(widths: list[int], font: Font) -> bool:
    """A shorter line over a longer one (梯形), or for three lines a diamond (菱形),
    each longer line by two characters at least (one at either end, centred):
    lines a character apart read as a block."""
    step = 2 * font.em
    if len(widths) == 2:
        return widths[1] - widths[0] >= step
    top, middle, bottom = widths
    diamond = middle - max(top, bottom) >= step
    return diamond or (middle - top >= step and bottom - middle >= step)


def _imbalance(widths: list[int]) -> int:
    return max(widths) - min(widths)


def _balanced_breaks(widths: _LineWidths, width: int, lines: int, places: list[int]) -> list[int] | None:
    """The breaks that make ``lines`` lines, each within ``width``, as even as can be
    (least squared slack): a title of four lines or more has no shape to keep."""
    end = widths.length
    best: dict[int, tuple[int, list[int]]] = {0: (0, [])}
    for line in range(1, lines + 1):
        step: dict[int, tuple[int, list[int]]] = {}
        for start, (so_far, breaks) in best.items():
            for stop in [*places, end] if line < lines else [end]:
                if stop <= start:
                    continue
                used = widths.between(start, stop)
                if used > width:
                    break
                total = so_far + (width - used) ** 2
                if stop not in step or total < step[stop][0]:
                    step[stop] = (total, breaks + [stop])
        best = step
    return best[end][1][:-1] if end in best else None


class _LineWidths:
    """How wide each stretch of a title prints, measured once."""

    def __init__(self, text: str, font: Font):
        self.text, self.font, self.length = text, font, len(text)
        self._cache: dict[tuple[int, int], int] = {}

    def between(self, start: int, stop: int) -> int:
        key = (start, stop)
        if key not in self._cache:
            self._cache[key] = text_width(self.text[start:stop], self.font)
        return self._cache[key]

    def of(self, cuts: list[int]) -> list[int]:
        return [self.between(a, b) for a, b in zip(cuts, cuts[1:])]


def entry_lines(text: str, font: Font, width: int, later_width: int, last_room: int) -> list[str]:
    """The lines of a flush-left 目录 entry: the first ``width`` wide, the others
    ``later_width`` (they hang indented), each filled as far as the words allow;
    the last leaves ``last_room`` for the dot leader and the page number."""
    return list(_entry_lines(text, font, width, later_width, last_room))


@lru_cache(maxsize=4096)
def _entry_lines(text: str, font: Font, width: int, later_width: int, last_room: int) -> tuple[str, ...]:
    if text_width(text, font) <= width - last_room:
        return (text,)
    places = [i for i in sorted(word_ends(text)) if _may_break(text, i)]
    lines, start, room = [], 0, width
    while text_width(text[start:], font) > room - last_room:
        stop = _fill(text, font, start, room, places)
        lines.append(text[start:stop])
        start, room = stop, later_width
    return (*lines, text[start:])


def _fill(text: str, font: Font, start: int, room: int, places: list[int]) -> int:
    """Where the line from ``start`` ends: at the last word end that fits ``room``
    and leaves a rest for the next line; where no word end fits, where the
    line-breaking rules put it."""
    fitting = [p for p in places if p > start and text_width(text[start:p], font) <= room]
    if fitting:
        return fitting[-1]
    return start + len(break_lines(text[start:], font, room)[0])


def _may_break(text: str, position: int) -> bool:
    before, after = text[position - 1], text[position]
    if after in NOT_AT_LINE_START or before in NOT_AT_LINE_END:
        return False
    if before.isascii() and before.isalnum() and after.isascii() and after.isalnum():
        return False
    return not _inside_brackets(text, position)


def _inside_brackets(text: str, position: int) -> bool:
    """Within （一） or (2): a number in brackets is never split."""
    opened = max(text.rfind("（", 0, position), text.rfind("(", 0, position))
    closed = max(text.rfind("）", 0, position), text.rfind(")", 0, position))
    return opened > closed


def _cut(text: str, breaks: list[int]) -> tuple[str, ...]:
    cuts = [0, *breaks, len(text)]
    return tuple(text[a:b] for a, b in zip(cuts, cuts[1:]))
