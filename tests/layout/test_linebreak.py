"""Line breaking of any text: words longer than a line, runs of one mark, the whole text kept.

How the model breaks real paragraphs is tested against LibreOffice's recorded
lines (layout/test_recorded.py); these are the texts no report is written in but
a build must still survive: the breaker takes time in proportion to the text
(the timing is in benchmarks/bench.py).
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.layout import spec
from docgen.layout.compose import BODY, font
from docgen.layout.linebreak import Font, _Measure, break_lines, text_width
from docgen.pipeline.build import build
from support.docx_text import paragraph_texts

BODY_FONT = font(BODY)
LONG = 30_000  # characters: a hundred times a line, far past any real word


@pytest.mark.parametrize("unit", ["a", "7", "中", "）", "“", "——", "Wi-Fi", "ab，"])
def test_a_text_longer_than_many_lines_is_cut_at_the_margin(unit):
    text = unit * (LONG // len(unit))
    lines = break_lines(text, BODY_FONT, spec.TEXT_WIDTH, spec.FORMATS[spec.BODY].first_line_indent)
    assert "".join(lines) == text
    assert len(lines) > LONG // 60
    for number, line in enumerate(lines[:-1]):
        room = spec.TEXT_WIDTH - (spec.FORMATS[spec.BODY].first_line_indent if number == 0 else 0)
        assert text_width(line, BODY_FONT) <= room
        # where nothing allows a break, the line is as full as it can be
        if unit in ("a", "7", "中", "）", "“"):
            assert text_width(line + text[0], BODY_FONT) > room


def test_a_latin_word_longer_than_a_line_fills_whole_lines_after_the_chinese_before_it():
    word = "x" * 200
    lines = break_lines("开展" + word + "活动。", BODY_FONT, spec.TEXT_WIDTH)
    assert lines[0] == "开展"  # the word is not split where a break before it is allowed
    assert "".join(lines) == "开展" + word + "活动。"
    assert all(set(line) == {"x"} for line in lines[1:-1])


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("中文aZ09 -.%，。、）（“”《》…—\u00a0\u200b"), min_size=1, max_size=300),
    width=st.integers(min_value=100, max_value=9000),
)
def test_any_text_is_broken_into_non_empty_lines_that_keep_every_character(text, width):
    lines = break_lines(text, Font(em=320, spacing=-5), width)
    assert "".join(lines) == text
    assert all(lines)


def test_a_report_holding_a_very_long_word_builds_with_the_whole_word(tmp_path):
    word = "a" * LONG
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "长词.yaml").write_text(
        f"unit: 长词\nsections:\n  - heading: 亮点工作\n    items:\n      - title: 一个很长的词。\n        text: {word}\n",
        encoding="utf-8",
    )
    result = build(inputs, tmp_path / "out")
    for document in (*result.report_paths, result.volume_path):
        assert [text for text in paragraph_texts(document) if word in text] == [f"1.一个很长的词。{word}"]


TEXTS = st.text(st.sampled_from("中文。，、“”（）《》—…ab Z9-.%é·①²ⅫＡ１\t"), min_size=1, max_size=40)
FONTS = st.builds(Font, em=st.sampled_from([320, 360, 440, 720]), spacing=st.integers(-100, 60))


@settings(max_examples=500, deadline=None)
@given(text=TEXTS, font=FONTS)
def test_text_width_is_the_width_the_line_breaker_measures(text, font):
    """text_width adds widths up on its own (it is called at every break place of a title):
    it must give what the breaker's per-character sums give for the same text."""
    assert text_width(text, font) == _Measure(text, font, frozenset()).width(0, len(text) - 1)
