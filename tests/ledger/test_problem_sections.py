"""Which text summary takes for problems: the items of a section whose heading says it
holds problems, or the 一是…二是… points of its lead; nothing of a report without headings."""

from __future__ import annotations

import docgen

HEAD = "unit: 光明社区\n"


def _summary(tmp_path, text: str):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "光明社区.yaml").write_text(HEAD + text, encoding="utf-8")
    return docgen.summary(folder, tmp_path / "o")


def test_points_of_a_problem_lead_in_one_paragraph_are_problems(tmp_path):
    result = _summary(
        tmp_path,
        "sections:\n  - heading: 社区党建工作现状（存在的主要问题）\n    lead: |\n"
        "      当前存在的主要问题：一是班子战斗力不强。个别委员履职不到位。二是党员活动阵地不足。三是服务群众不够精准。\n",
    )
    assert [(row.problem.title, row.problem.text) for row in result.ledger.rows] == [
        ("班子战斗力不强。", "个别委员履职不到位。"),
        ("党员活动阵地不足。", ""),
        ("服务群众不够精准。", ""),
    ]
    assert result.warnings == []


def test_points_of_a_problem_lead_a_paragraph_each_are_problems(tmp_path):
    result = _summary(
        tmp_path,
        "sections:\n  - heading: 存在的不足\n    lead: |\n"
        "      一是学习不够深入。\n      部分党员满足于读读报纸。\n      二是制度落实不到位。\n",
    )
    assert [(row.problem.title, row.problem.text) for row in result.ledger.rows] == [
        ("学习不够深入。", "部分党员满足于读读报纸。"),
        ("制度落实不到位。", ""),
    ]


def test_a_lead_without_a_list_is_no_problem_and_is_said(tmp_path):
    result = _summary(tmp_path, "sections:\n  - heading: 存在问题\n    lead: |\n      一是因为人手少，工作开展不够。\n")
    assert result.ledger.rows == []
    assert any("只有导语、没有条目" in warning.message for warning in result.warnings)


def test_points_under_a_heading_that_names_no_problem_are_not_problems(tmp_path):
    result = _summary(
        tmp_path,
        "sections:\n  - heading: 主要做法\n    lead: |\n      一是抓班子。二是抓队伍。\n"
        "  - heading: 存在问题\n    items:\n      - title: 阵地不足。\n",
    )
    assert [row.problem.title for row in result.ledger.rows] == ["阵地不足。"]


def test_a_report_without_headings_lists_no_problem_whatever_its_lines_say(tmp_path):
    result = _summary(tmp_path, "body: |\n  存在问题：\n  1.党员教育管理不到位。\n  2.阵地建设滞后。\n")
    assert result.ledger.rows == []
    assert any("光明社区的报告没有部分标题" in warning.message for warning in result.warnings)  # and the user is told
