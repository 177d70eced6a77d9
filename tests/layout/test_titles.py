"""Issue 22: titles, the cover title and 目录 entries break between words (GB/T
9704-2012 7.3.1: 回行时要做到词意完整), in the 梯形 or 菱形 the standard describes,
as even as that allows."""

from __future__ import annotations

import subprocess
import sys

import pytest

from docgen.layout import compose, spec
from docgen.layout.linebreak import text_width
from support.paths import ROOT
from support.word_splits import split_words

TITLES = [
    "东湖社区2026年基层党建亮点工作及存在问题",
    "XX街道东湖社区2026年基层党建亮点工作及存在问题（一）",
    "二〇二三年度全市城乡社区基层党组织党建工作亮点特色做法及存在问题（二）",
    "XX街道XX社区党总支关于2026年度基层党建工作亮点特色及存在的主要问题和下一步工作打算的情况报告",
    "XX社区党委关于2026年基层党建工作情况的报告",
    "中共XX街道工作委员会组织办公室关于2026年度基层党建工作的情况报告",
    "关于进一步加强和改进新时代基层党组织建设工作的实施意见",
    "东湖社区2024年基层党建工作亮点及存在问题",
]
COVER_TITLES = ["2026年度基层党建亮点工作及存在问题汇编", "2026年XX街道基层党建亮点工作及存在问题汇编"]


def _lines(role: str, title: str) -> list[str]:
    return compose.broken_title(role, title).split(compose.LINE_BREAK)


@pytest.mark.parametrize("role, title", [(compose.TITLE, t) for t in TITLES] + [(compose.COVER_TITLE, t) for t in COVER_TITLES])
def test_no_title_line_breaks_inside_a_word(role, title):
    lines = _lines(role, title)
    assert len(lines) > 1 and "".join(lines) == title
    assert split_words(lines) == []


# Titles nearly two full lines long, where no break between words makes a visible step.
NEARLY_FULL = {TITLES[2], COVER_TITLES[1]}


@pytest.mark.parametrize("role, title", [(compose.TITLE, t) for t in TITLES] + [(compose.COVER_TITLE, t) for t in COVER_TITLES])
def test_a_title_is_a_trapezoid_or_a_diamond_not_a_block(role, title):
    """Two lines: the upper shorter by two characters at least; three: the middle
    longest by two characters, or each line two characters longer than the one above.
    A title nearly two full lines long: the upper line no longer than the lower."""
    font = compose.font(role)
    widths = [text_width(line, font) for line in _lines(role, title)]
    two = 2 * spec.FORMATS[role].em
    assert all(width <= spec.TEXT_WIDTH for width in widths)
    if title in NEARLY_FULL:
        assert len(widths) == 2 and widths[0] <= widths[1] and sum(widths) > 2 * spec.TEXT_WIDTH - 3 * two
    elif len(widths) == 2:
        assert widths[1] - widths[0] >= two
    else:
        top, middle, bottom = widths
        assert middle - max(top, bottom) >= two or (middle - top >= two and bottom - middle >= two)


@pytest.mark.parametrize(
    "role, title, lines",
    [
        (compose.TITLE, "东湖社区2026年基层党建亮点工作及存在问题", ["东湖社区2026年", "基层党建亮点工作及存在问题"]),
        (compose.COVER_TITLE, "2026年度基层党建亮点工作及存在问题汇编", ["2026年度基层党建", "亮点工作及存在问题汇编"]),
        (
            compose.TITLE,
            "二〇二三年度全市城乡社区基层党组织党建工作亮点特色做法及存在问题（二）",
            ["二〇二三年度全市城乡社区基层党组织", "党建工作亮点特色做法及存在问题（二）"],
        ),
    ],
)
def test_the_issues_titles_break_as_a_typesetter_breaks_them(role, title, lines):
    assert _lines(role, title) == lines


def test_a_title_that_fits_one_line_is_left_whole_without_loading_the_segmenter():
    """Loading the segmenter takes a moment: a build whose titles fit never does."""
    code = (
        "import sys\n"
        "from docgen.layout import compose\n"
        "assert compose.broken_title(compose.TITLE, '基层党建亮点工作及存在问题（十一）') == '基层党建亮点工作及存在问题（十一）'\n"
        "assert 'rjieba' not in sys.modules\n"
        "compose.broken_title(compose.TITLE, '东湖社区2026年基层党建亮点工作及存在问题')\n"
        "assert 'rjieba' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


def test_a_word_longer_than_a_line_is_broken_where_the_line_breaking_rules_allow():
    title = "党" * 45
    lines = _lines(compose.TITLE, title)
    assert "".join(lines) == title
    assert all(text_width(line, compose.font(compose.TITLE)) <= spec.TEXT_WIDTH for line in lines)


LONG_ENTRY = "XX街道XX社区党总支关于2026年度基层党建工作亮点特色及存在的主要问题和下一步工作打算的情况报告"


def test_a_wrapped_toc_entry_breaks_between_words_and_hangs_one_character():
    [_, _, entry] = compose.toc_paragraphs("目  录", [compose.TocEntry(LONG_ENTRY, "123")])
    lines = entry.text.split(compose.LINE_BREAK)
    assert "".join(lines) == LONG_ENTRY and len(lines) == 2
    assert split_words(lines) == []
    font = compose.font(compose.TOC_LINE)
    one = spec.FORMATS[compose.TOC_LINE].em
    assert text_width(lines[0], font) <= spec.TEXT_WIDTH
    # the later line hangs a character in and leaves the page number a character of leader
    assert one + text_width(lines[1] + "…123", font) <= spec.TEXT_WIDTH
    assert compose.printed_lines(entry) == lines


def test_a_toc_entry_that_fits_is_one_line():
    [_, _, entry] = compose.toc_paragraphs("目  录", [compose.TocEntry("基层党建亮点工作及存在问题（一）", "2")])
    assert entry.text == "基层党建亮点工作及存在问题（一）"
