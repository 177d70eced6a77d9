"""类别: every rule of the shipped keyword table on the sample problems, the inputs' own table, bad tables."""

from __future__ import annotations

import pytest

import docgen
from docgen.errors import InputError
from docgen.inputs.yaml_reader import load_inputs
from docgen.ledger.categories import SHIPPED_TABLE, category_table, read_category_table
from docgen.ledger.model import Problem
from docgen.ledger.problems import volume_problems


@pytest.fixture(scope="module")
def classified():
    from support.paths import SAMPLE_INPUTS

    problems, _ = volume_problems(load_inputs(SAMPLE_INPUTS).volume)
    table = read_category_table(SHIPPED_TABLE)
    return {(p.unit, p.title): table.classify(p) for p in problems}


# Each category of the shipped table, with sample problems it must take (unit, title).
RULES = {
    "班子建设": [("示例单位08", "社区党组织班子战斗力还有待提高。"), ("示例单位11", "以社区党组织为核心的基层组织建设还不完善。")],
    "党员教育管理": [("示例单位01", "党员管理有待进一步规范。"), ("示例单位12", "对党员的情况调查研究不够细致。")],
    "组织生活": [("示例单位06", "组织生活形式缺乏创新。"), ("示例单位16", "批评与自我批评做的不够好。"), ("示例单位11", "党建活动自选动作太少。")],
    "阵地建设": [("示例单位03", "个别社区党建阵地老旧，硬件设施有待提升。"), ("示例单位01", "党建氛围有待进一步提升。")],
    "党建品牌与特色": [("示例单位02", "党建创新不足，品牌效应不突出。")],
    "两新组织党建": [("示例单位01", "非公党建有待进一步强化。"), ("示例单位10", "“两新”组织党建管理有待加强。")],
    "区域化党建": [("示例单位05", "区域化党建作用发挥不够强。"), ("示例单位08", "区域化党建工作发挥作用不明显。")],
    "统筹推进": [("示例单位10", "基层党建工作推进不平衡。"), ("示例单位07", "社区党建工作发展不均衡。")],
    "制度机制": [("示例单位02", "考核机制不完善。"), ("示例单位10", "考评机制缺乏有效的贯彻落实。")],
    "基层治理": [],
    "服务群众": [("示例单位05", "社区服务功能有待进一步挖掘。")],
    "宣传": [],
    "作风与能力": [("示例单位16", "工作方法简单，效率不高。"), ("示例单位12", "理论素质有待于进一步提升。")],
    "其他": [("示例单位14", "不能把工作放在首位，有时会因为家庭原因，影响到工作的开展情况。")],
}
# Categories no sample problem falls in: titles of the labelled volumes (tests/data/ledger).
OTHER_RULES = {
    "基层治理": ["红色物业推进缓慢。", "小区党支部作用发挥不明显。"],
    "宣传": ["党建宣传力度不够。", "先进典型选树宣传不足。"],
}


@pytest.mark.parametrize("category", RULES)
def test_each_category_takes_its_sample_problems(classified, category):
    for problem in RULES[category]:
        assert classified[problem] == category, problem
    table = read_category_table(SHIPPED_TABLE)
    for title in OTHER_RULES.get(category, []):
        assert table.classify(Problem("甲", title, "")) == category, title


def test_other_takes_few_of_the_sample_problems(classified):
    assert list(classified.values()).count("其他") / len(classified) <= 0.10


def test_a_group_takes_the_category_most_of_its_problems_have():
    table = read_category_table(SHIPPED_TABLE)
    problems = [Problem("甲", "考核机制不完善。", ""), Problem("乙", "考评机制缺乏落实。", ""), Problem("丙", "党建品牌不响。", "")]
    assert table.classify_group(problems) == "制度机制"
    assert table.classify_group([Problem("甲", "工作放不在首位。", ""), problems[2]]) == "党建品牌与特色"  # 其他 never outvotes
    assert table.classify_group([Problem("甲", "工作放不在首位。", "")]) == "其他"


def test_the_rules_cover_every_category_of_the_table():
    assert list(RULES) == read_category_table(SHIPPED_TABLE).all_names


def test_a_longer_keyword_wins_over_the_shorter_one_inside_it(classified):
    # 学习教育 (党员教育管理) holds 学习 (作风与能力); 学习 alone is 作风与能力
    assert classified[("示例单位03", "党员学习教育形式单一，党员处于被动教育状态，学习效果不明显。")] == "党员教育管理"
    assert classified[("示例单位16", "学习流于形式。")] == "作风与能力"


def test_equal_counts_go_to_the_keyword_said_first(classified):
    assert classified[("示例单位11", "社区党建阵地建设滞后，“两新”党建发挥作用欠缺。")] == "阵地建设"
    assert classified[("示例单位14", "缺乏年轻基层党组织书记的活力，工作方式不够灵活。")] == "班子建设"


def test_the_text_decides_when_the_title_has_no_keyword():
    table = read_category_table(SHIPPED_TABLE)
    assert table.classify(Problem("甲", "工作推进缓慢。", "两委班子成员分工不明确。")) == "班子建设"
    assert table.classify(Problem("甲", "工作推进缓慢。", "")) == "其他"


def test_inputs_categories_yaml_replaces_the_shipped_table_and_is_no_report(sample_inputs, tmp_path):
    (sample_inputs / "categories.yaml").write_text(
        "categories:\n  - name: 两新党建\n    keywords: [两新, 非公]\nfallback: 其它问题\n", encoding="utf-8"
    )
    assert len(load_inputs(sample_inputs).volume.reports) == 12
    result = docgen.summary(sample_inputs, tmp_path / "o")
    categories = [row.problem.category for row in result.ledger.rows]
    assert set(categories) == {"两新党建", "其它问题"}
    assert result.ledger.categories == ["两新党建", "其它问题"]
    own_words = [row for row in result.ledger.rows if any(w in row.problem.title for w in ("两新", "非公"))]
    assert len(own_words) == 6 and all(row.problem.category == "两新党建" for row in own_words)
    # a shared problem takes the category of the most of its problems: one naming 两新 outvotes the fallback
    for group in result.ledger.groups:
        assert {p.category for p in group.problems} == {group.category}
        if any(row.group is group for row in own_words):
            assert group.category == "两新党建"


@pytest.mark.parametrize(
    "text, line, words",
    [
        ("categories:\n  - name: 甲\n    keywords: [a]\n  - name: 甲\n    keywords: [b]\n", 4, "类别“甲”写了两次"),
        ("categories:\n  - name: 甲\n    keywords: []\n", 3, "类别“甲”没有关键词"),
        ("categories:\n  - name: 甲\n    keyword: [a]\n", 3, "不认识的键“keyword”"),
        ("categories:\n  - name: 甲\n    keywords: [a]\n  - name: 乙\n    keywords: [b, a]\n", 5, "关键词“a”已经属于类别“甲”"),
        ("categories:\n  - name: 甲\n\tkeywords: [a]\n", 3, "Tab"),
        ("categories: []\n", 1, "categories 是空的"),
    ],
    ids=["duplicate", "no keywords", "misspelt key", "keyword twice", "tab", "empty"],
)
def test_bad_categories_yaml_names_file_and_line(tmp_path, text, line, words):
    (tmp_path / "categories.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as error:
        category_table(tmp_path)
    message = str(error.value)
    assert f"categories.yaml 第 {line} 行" in message and words in message


def test_shipped_table_is_package_data():
    from importlib.resources import files

    assert files("docgen.ledger").joinpath("categories.yaml").read_text(encoding="utf-8").startswith("# 问题类别")
