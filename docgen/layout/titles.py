"""Where a title too long for one line breaks: as few lines as the width
allows, of even length, at a place where the meaning allows a pause.

A word processor fills each line and leaves the rest to the next, so a
title can end on a line holding just 题（一）. Titles are instead broken by
hand (line breaks in the paragraph) where this module says.
"""

from __future__ import annotations

from functools import lru_cache

from .linebreak import NOT_AT_LINE_END, NOT_AT_LINE_START, Font, break_lines, text_width

# A pause the reader makes: after these words a title may break at no cost.
_PAUSE_AFTER = ("社区", "街道", "党委", "党工委", "党支部", "党总支", "委员会", "办事处", "年", "年度", "关于", "的")
_PAUSE_BEFORE = ("关于", "基层", "党建", "（")
_AWKWARD = 4  # what breaking elsewhere costs, in squared characters of imbalance


def title_lines(text: str, font: Font, width: int) -> list[str]:
    """The lines ``text`` is printed on as a title in a column ``width`` wide."""
    return list(_title_lines(text, font, width))


@lru_cache(maxsize=4096)
def _title_lines(text: str, font: Font, width: int) -> tuple[str, ...]:
    natural = break_lines(text, font, width)
    if len(natural) == 1:
        return tuple(natural)
    # A character's room to spare keeps a hand-broken line from wrapping again
    # in a face a little wider than the model's.
    breaks = _best_breaks(text, font, width - font.em, len(natural)) or _best_breaks(text, font, width, len(natural))
    if breaks is None:
        return tuple(natural)
    cuts = [0, *breaks, len(text)]
    return tuple(text[a:b] for a, b in zip(cuts, cuts[1:]))


def _best_breaks(text: str, font: Font, width: int, lines: int) -> list[int] | None:
    """``lines - 1`` break positions: every line fits, the lines are as even as
    they can be, and breaks fall after a pause where one is near."""
    em = font.em + font.spacing
    places = [i for i in range(1, len(text)) if _may_break(text, i)]
    ends = [*places, len(text)]

    def cost(start: int, end: int) -> float | None:
        used = text_width(text[start:end], font)
        if used > width:
            return None
        slack = (width - used) / em
        return slack * slack + (0 if end == len(text) or _is_pause(text, end) else _AWKWARD)

    # best[k][end]: the least cost of k lines covering text[:end], and the breaks.
    # The last line must end the text: only that end is tried for it (a wider
    # line never fits where a narrower one did not, so nothing else changes).
    best: dict[int, tuple[float, list[int]]] = {0: (0.0, [])}
    for line in range(1, lines + 1):
        step: dict[int, tuple[float, list[int]]] = {}
        for start, (so_far, breaks) in best.items():
            for end in ends if line < lines else [len(text)]:
                if end <= start:
                    continue
                line_cost = cost(start, end)
                if line_cost is None:
                    break
                total = so_far + line_cost
                if end not in step or total < step[end][0]:
                    step[end] = (total, breaks + [end])
        best = step
    if len(text) not in best:
        return None
    return best[len(text)][1][:-1]


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


def _is_pause(text: str, position: int) -> bool:
    head, tail = text[:position], text[position:]
    return head.endswith(_PAUSE_AFTER) or tail.startswith(_PAUSE_BEFORE)
