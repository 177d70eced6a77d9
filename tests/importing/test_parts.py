"""Where the recogniser puts the parts of a report typed in the many ways
reports are typed: title, 导语, headings of any words, closing and 落款."""

from __future__ import annotations

import datetime

import pytest

from docgen.core.findings import said
from docgen.core.model import Origin
from docgen.importing.paragraphs import Para
from docgen.importing.recognise import recognise

ITEM = "1.党员管理有待进一步规范。老党员比较多。"


def _one(*lines: str):
    recognition = recognise([Para(line, Origin(line=n)) for n, line in enumerate(lines, 1)], Origin())
    [recognised] = recognition.reports
    return recognised


def test_a_report_without_a_title_starts_with_its_intro():
    found = _one("今年以来，我社区党委认真贯彻上级部署，现将有关情况汇报如下：", "一、主要工作完成情况", ITEM)
    assert found.title is None
    assert found.report.intro == ["今年以来，我社区党委认真贯彻上级部署，现将有关情况汇报如下："]
    assert [s.heading for s in found.report.sections] == ["主要工作完成情况"]


@pytest.mark.parametrize(
    "heading",
    ["强化政治引领，筑牢战斗堡垒", "遇到的困难和存在的问题", "下阶段计划", "主要工作完成情况", "2025年工作思路"],
)
def test_any_first_level_heading_is_a_section_of_its_own_words(heading):
    found = _one("东湖社区2024年党建工作总结", "一、亮点工作", ITEM, f"二、{heading}：", ITEM)
    assert [s.heading for s in found.report.sections] == ["亮点工作", heading]
    assert [len(s.items) for s in found.report.sections] == [1, 1]


def test_items_are_taken_at_the_first_level_below_the_heading_and_deeper_numbers_stay_text():
    found = _one(
        "一、特色做法",
        "（一）坚持理论学习。全年组织学习12次。",
        "1.开展专题学习。",
        "（1）邀请党校老师授课。",
        "（二）严格组织生活。落实三会一课。",
    )
    [section] = found.report.sections
    assert section.numbering == "（一）"
    assert [(i.title, i.paragraphs) for i in section.items] == [
        ("坚持理论学习。", ["全年组织学习12次。", "1.开展专题学习。", "（1）邀请党校老师授课。"]),
        ("严格组织生活。", ["落实三会一课。"]),
    ]


@pytest.mark.parametrize(
    "ending, closing, unit, date",
    [
        (["特此报告。", "红旗社区党委", "2024年12月10日"], ["特此报告。"], "红旗社区党委", datetime.date(2024, 12, 10)),
        (["以上报告，妥否，请批示。", "红旗社区党委　2024年12月10日"], ["以上报告，妥否，请批示。"], "红旗社区党委", datetime.date(2024, 12, 10)),
        (["（红旗社区党委）", "二〇二四年十二月十日"], [], "红旗社区党委", datetime.date(2024, 12, 10)),
        (["２０２４年１２月１０日"], [], "", datetime.date(2024, 12, 10)),
        (["特此报告。", "红旗社区党群服务中心", "2024年12月10日"], ["特此报告。"], "红旗社区党群服务中心", datetime.date(2024, 12, 10)),
        (["（红旗社区居委办）", "2024年12月10日"], [], "红旗社区居委办", datetime.date(2024, 12, 10)),
        # the place of the seal, typed after the 署名 of a printed report
        (["特此报告。", "红旗社区党委（盖章）", "2024年12月10日"], ["特此报告。"], "红旗社区党委", datetime.date(2024, 12, 10)),
        (["红旗社区党群服务中心(印章)", "2024年12月10日"], [], "红旗社区党群服务中心", datetime.date(2024, 12, 10)),
        (["红旗社区党委 （章）", "2024年12月10日"], [], "红旗社区党委", datetime.date(2024, 12, 10)),
    ],
)
def test_closing_and_signature_lines_are_never_item_text(ending, closing, unit, date):
    found = _one("一、存在问题", ITEM, *ending)
    assert found.report.sections[0].items[0].paragraphs == ["老党员比较多。"]
    assert found.report.closing == closing
    assert (found.report.signature.unit, found.report.signature.date) == (unit, date)


def test_a_date_without_its_day_is_kept_as_typed_and_said():
    found = _one("一、存在问题", ITEM, "红旗社区党委", "二〇二四年十二月")
    assert found.report.closing == ["二〇二四年十二月"]
    assert found.report.signature.unit == "红旗社区党委" and found.report.signature.date is None
    assert any("没有写到日" in note for note in map(said, found.notes))


def test_a_unit_line_under_the_title_in_brackets():
    found = _one("2024年基层党建工作亮点及存在问题", "（东湖社区党委）", "一、亮点工作", ITEM)
    assert found.title == "2024年基层党建工作亮点及存在问题"
    assert found.unit_line == "东湖社区党委"


def test_full_width_numbers_are_numbers():
    found = _one("一、存在问题", "１．党员管理有待进一步规范。老党员比较多。", "２．党建氛围不浓。")
    [section] = found.report.sections
    assert [i.title for i in section.items] == ["党员管理有待进一步规范。", "党建氛围不浓。"]


def test_a_typed_toc_after_the_title_is_skipped():
    recognition = recognise(
        [Para(text, Origin()) for text in ["东湖社区2024年工作总结", "目录", "一、亮点工作……1", "二、存在问题\t2", "一、亮点工作", ITEM, "二、存在问题", ITEM]],
        Origin(),
    )
    [found] = recognition.reports
    assert [s.heading for s in found.report.sections] == ["亮点工作", "存在问题"]
    assert found.report.intro == []
    assert recognition.toc_lines == 3 and not recognition.is_volume


def test_word_toc_paragraphs_are_skipped():
    paragraphs = [Para("东湖社区2024年工作总结", Origin()), Para("风险识别\t1", Origin(), in_toc=True), Para("一、亮点工作", Origin()), Para(ITEM, Origin())]
    [found] = recognise(paragraphs, Origin()).reports
    assert [s.heading for s in found.report.sections] == ["亮点工作"]
    assert found.report.intro == []


@pytest.mark.parametrize("second", ["基层党建亮点工作及存在问题（二）", "基层党建亮点工作及存在问题（2）"])
def test_a_volume_splits_at_its_numbered_titles_but_not_at_a_count_in_brackets(second):
    lines = ["基层党建亮点工作及存在问题（一）", "一、亮点工作", ITEM, "风险识别(8)", second, "一、存在问题", ITEM]
    recognition = recognise([Para(line, Origin()) for line in lines], Origin())
    assert [r.title for r in recognition.reports] == ["基层党建亮点工作及存在问题（一）", second]
    assert recognition.reports[0].report.sections[0].items[0].paragraphs == ["老党员比较多。", "风险识别(8)"]


def test_a_line_ending_like_a_unit_above_no_date_stays_item_text():
    found = _one("一、存在问题", ITEM, "社区服务中心")
    assert found.report.sections[0].items[0].paragraphs == ["老党员比较多。", "社区服务中心"]
    assert found.report.signature is None
