"""Chinese numerals without a ceiling: report titles, section and item numbers past 9,999,
written and read back (import) alike."""

from __future__ import annotations

import pytest

from docgen.core.model import Report, Volume, VolumeSettings
from docgen.core.numbering import chinese_number, chinese_value, item_number, section_number
from docgen.importing.markers import split_marker

BOUNDARIES = [10, 11, 20, 100, 101, 110, 1000, 1001, 1010, 9999, 10000, 10001, 10010, 100000, 100001, 10**8 + 1]


@pytest.mark.parametrize(
    "number, written",
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (20, "二十"),
        (100, "一百"),
        (101, "一百零一"),
        (110, "一百一十"),
        (1000, "一千"),
        (1001, "一千零一"),
        (1010, "一千零一十"),
        (9999, "九千九百九十九"),
        (10000, "一万"),
        (10001, "一万零一"),
        (10010, "一万零一十"),
        (10100, "一万零一百"),
        (11000, "一万一千"),
        (12000, "一万二千"),
        (100000, "十万"),
        (100001, "十万零一"),
        (110000, "十一万"),
        (1000000, "一百万"),
        (1010000, "一百零一万"),
        (100000000, "一亿"),
        (100010000, "一亿零一万"),
        (100000001, "一亿零一"),
    ],
)
def test_counts_are_written_as_documents_read_them(number, written):
    assert chinese_number(number) == written


@pytest.mark.parametrize("number", [0, -1])
def test_there_is_no_zeroth_report(number):
    with pytest.raises(ValueError):
        chinese_number(number)


def test_every_number_up_to_twenty_thousand_is_written_once():
    """Distinct numbers give distinct numerals: no two reports share a title."""
    written = [chinese_number(n) for n in range(1, 20001)]
    assert len(set(written)) == len(written)
    assert all("零零" not in text and not text.endswith("零") for text in written)


def test_report_titles_go_past_nine_thousand_nine_hundred_and_ninety_nine():
    volume = Volume(VolumeSettings(), [Report(f"单位{n}") for n in range(10001)])
    titles = volume.numbered_titles()
    assert titles[9998] == "基层党建亮点工作及存在问题（九千九百九十九）"
    assert titles[9999] == "基层党建亮点工作及存在问题（一万）"
    assert titles[10000] == "基层党建亮点工作及存在问题（一万零一）"


def test_section_and_item_numbers_past_ten_thousand():
    assert section_number(10001) == "一万零一、"
    assert item_number("（一）", 10000) == "（一万）"
    assert item_number("一是", 10010) == "一万零一十是"


@pytest.mark.parametrize("number", BOUNDARIES)
def test_every_numeral_written_at_a_boundary_reads_back(number):
    assert chinese_value(chinese_number(number)) == number


def test_every_numeral_up_to_twenty_thousand_reads_back():
    misread = [n for n in range(1, 20001) if chinese_value(chinese_number(n)) != n]
    assert misread == []


@pytest.mark.parametrize(
    "typed, number",
    [("两千", 2000), ("两百零五", 205), ("两万零两百", 20200), ("一千〇一", 1001), ("一十五", 15),
     ("一千零十", 1010), ("一万零十", 10010), ("一十万", 100000)],
)
def test_the_forms_people_type_for_a_number_are_read(typed, number):
    assert chinese_value(typed) == number


@pytest.mark.parametrize("typed", ["", "零", "千", "万", "二二", "十百", "十两", "两", "一万一", "千万", "二〇二四", "一千零零一", "百"])
def test_what_is_no_numeral_is_not_read_as_one(typed):
    assert chinese_value(typed) is None


@pytest.mark.parametrize(
    "line, style, number",
    [("一千、亮点工作", "一、", 1000), ("（一千零一）党员管理。", "（一）", 1001),
     ("一万零一是党员管理。", "一是", 10001), ("（两千）党员管理。", "（一）", 2000)],
)
def test_numbers_past_a_thousand_start_headings_and_items(line, style, number):
    marker, rest = split_marker(line)
    assert (marker.style, marker.value) == (style, number)
    assert rest == line[len(marker.text):]


@pytest.mark.parametrize("line", ["千万不能放松。", "万众一心，共建社区。", "二〇二四年，社区党委……"])
def test_words_made_of_numeral_characters_start_no_heading(line):
    assert split_marker(line) == (None, line)
