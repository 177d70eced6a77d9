"""Chinese numerals without a ceiling: report titles, section and item numbers past 9,999."""

from __future__ import annotations

import pytest

from docgen.model import Report, Volume, VolumeSettings
from docgen.numbering import chinese_number, item_number, section_number


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
