"""What is a report, told by evidence: headings of any numbering or none, a report's
words, a title or a 落款 — and what is another kind of document, refused with its reason."""

from __future__ import annotations

import pytest

from docgen.core.model import Origin
from docgen.importing.paragraphs import Para
from docgen.importing.plausible import NOT_A_REPORT, why_not_a_report


def _paras(*lines: str, cells: list[list[str]] = (), emphasis: tuple[str, ...] = ()) -> list[Para]:
    paragraphs = [Para(line, Origin(line=n), emphasis=line in emphasis) for n, line in enumerate(lines, 1)]
    for row, texts in enumerate(cells, 1):
        paragraphs += [Para(text, Origin(), row=row, column=column) for column, text in enumerate(texts)]
    return paragraphs


@pytest.mark.parametrize(
    "lines",
    [
        ("东湖社区工作总结", "一、主要做法", "1.抓班子。", "二、存在问题", "1.党员老化。"),
        ("红旗社区2022年党建工作总结", "1.主要工作", "（1）抓学习。全年学习24次。", "2.存在的问题", "（1）学习不深入。"),
        ("青山社区党建工作报告", "第一部分 工作成效", "全年发展党员3名。", "第二部分 存在的问题", "创新不足。"),
        ("绿园社区上半年汇报", "（一）主要工作", "1.开展主题教育。", "（二）存在的不足", "1.积极性不均衡。"),
        ("个人工作总结", "思想方面", "我坚持学习。", "存在的不足", "学习不够系统。"),
        ("幸福里社区2019年工作总结", "今年以来，社区工作扎实推进，克服了人手不足的困难。", "李某某", "2019.1.2"),
        ("今年以来社区党建工作扎实推进，主要做法有三条，取得了明显成效。", "当前存在的问题和不足是人手少，下一步我们将认真整改，做好明年的工作打算。"),
    ],
    ids=["一、", "1.", "第一部分", "（一）", "unnumbered", "title-and-signature", "words-alone"],
)
def test_a_report_of_any_shape_is_one(lines):
    assert why_not_a_report(_paras(*lines)) is None


def test_lines_set_apart_in_bold_are_headings_of_a_report():
    lines = ("加强理论武装", "全年学习12次，工作扎实。", "深化为民服务", "办实事45件，成效明显。")
    assert why_not_a_report(_paras(*lines)) == NOT_A_REPORT
    assert why_not_a_report(_paras(*lines, emphasis=("加强理论武装", "深化为民服务"))) is None


@pytest.mark.parametrize(
    "paragraphs, reason",
    [
        (_paras("个人简历", "姓名：李某", "性别：女", "出生年月：1995年3月", "学历：大专", "工作经历", "2016—2021年在物业公司工作。"), "简历"),
        (_paras("课程表", cells=[["时间", "星期一", "星期二"], ["16:30", "作业辅导", "书法"], ["17:10", "阅读", "绘画"]]), "表格"),
        (_paras("党员信息登记表", "姓名：", "性别：", "入党时间：", "所在支部：", "联系电话：", "家庭住址：", "本人签字：", "填表日期："), "表格"),
        (_paras("会议记录", "会议时间：3月15日", "会议地点：三楼", "参会人员：王某、李某", "一、传达会议精神。"), "会议记录"),
        (_paras("关于开展民主评议工作的通知", "各社区党委：", "一、评议时间", "1月10日至31日。", "特此通知。"), "通知"),
        (_paras("房屋租赁合同", "甲方：XX居委会", "乙方：XX超市", "第一条 甲方将房屋出租给乙方。"), "合同"),
        (_paras("用户手册", "版本：V2.1", "1.登录系统", "点击菜单中的按钮，进入功能界面，按步骤操作。"), "说明书"),
        (_paras("社区党建工作研究", "摘要：本文分析了社区党建工作存在的问题。", "关键词：社区党建", "一、存在的问题", "参考文献"), "论文"),
        (_paras("社区开展志愿服务", "本报讯（记者 王某）社区党委组织党员开展志愿服务，取得良好成效。"), "新闻"),
        (_paras("倡议书", "亲爱的居民朋友们：", "请文明养犬。", "让我们携手共建美好家园！"), NOT_A_REPORT),
    ],
    ids=["résumé", "timetable", "blank-form", "minutes", "notice", "contract", "manual", "paper", "news", "proposal"],
)
def test_what_is_no_report_is_refused_with_its_reason(paragraphs, reason):
    said = why_not_a_report(paragraphs)
    assert said is not None and reason in said and "不" in said


def test_a_report_opening_with_a_table_of_its_writer_is_still_a_report():
    paragraphs = _paras(
        "2023年度述职报告",
        "一、主要工作",
        "全年抓党建工作，取得明显成效，做法得到肯定。",
        "二、存在的问题和不足",
        "创新不够。",
        "三、下一步打算",
        "加强整改。",
        cells=[["姓名", "张某", "性别", "男"], ["出生年月", "1980年1月", "学历", "本科"], ["职务", "书记", "民族", "汉族"]],
    )
    assert why_not_a_report(paragraphs) is None


def test_a_paper_on_party_building_full_of_a_reports_words_is_still_a_paper():
    paragraphs = _paras(
        "新时代社区党建工作创新路径研究",
        "摘要：本文总结社区党建工作的成效和做法，分析存在的问题与不足，提出下一步整改打算。",
        "关键词：社区党建；工作创新",
        "一、社区党建工作的主要做法和成效",
        "二、存在的问题和不足",
        "三、下一步工作打算",
        "参考文献",
    )
    assert "论文" in why_not_a_report(paragraphs)
