"""共性问题: the similarity threshold, set and checked on the sample problems."""

from __future__ import annotations

import itertools

import pytest

from docgen.inputs.yaml_reader import load_inputs
from docgen.ledger.grouping import shared_problems
from docgen.ledger.model import Problem
from docgen.ledger.problems import volume_problems
from docgen.ledger.similarity import SAME_PROBLEM, score, title_key

# Sample problems of different units that are one problem in other words.
SAME = [
    {"社区党建工作发展不平衡。", "社区党建工作推进不平衡。", "社区党建工作发展不均衡。", "基层党建工作推进不平衡。"},
    {"党员学习教育形式单一，党员处于被动教育状态，学习效果不明显。", "党建工作教育形式单一，党员处于被动教育状态，学习效果不明显。"},
    {"区域化党建作用发挥不够强。", "区域化党建工作发挥作用不明显。"},
    {"“两新”党建工作有待加强。", "“两新”组织党建管理有待加强。"},
]


@pytest.fixture(scope="module")
def sample_problems():
    from support.paths import SAMPLE_INPUTS

    return volume_problems(load_inputs(SAMPLE_INPUTS).volume)[0]


def test_threshold_separates_alike_from_different_sample_titles(sample_problems):
    group_of = {title: index for index, group in enumerate(SAME) for title in group}
    closest_alike, farthest_different = 100.0, 0.0
    for a, b in itertools.combinations(sample_problems, 2):
        value = score(title_key(a.title), title_key(b.title))
        if a.title in group_of and group_of[a.title] == group_of.get(b.title):
            continue  # within a group only a chain needs to hold, checked below
        if a.unit != b.unit:
            farthest_different = max(farthest_different, value)
    for group in SAME:
        keys = [title_key(t) for t in group]
        # every title has a partner in its group above the threshold (single linkage)
        for key in keys:
            closest = max(score(key, other) for other in keys if other != key)
            closest_alike = min(closest_alike, closest)
    assert closest_alike >= SAME_PROBLEM > farthest_different
    assert closest_alike - farthest_different >= 5  # not on a knife's edge


def test_stock_phrases_do_not_make_problems_alike():
    # both 有待进一步…: without dropping the stock phrase they score 61
    assert score(title_key("党建氛围有待进一步提升。"), title_key("理论素质有待于进一步提升。")) < SAME_PROBLEM


def test_sample_groups_are_exactly_the_shared_problems(sample_problems):
    groups = shared_problems(sample_problems)
    assert [{p.title for p in g.problems} for g in groups] == SAME
    assert [len(g.units) for g in groups] == [4, 2, 2, 2]
    assert groups[0].heading == "社区党建工作发展不平衡"  # the most typical wording, without its full stop


def test_a_problem_one_unit_repeats_is_no_shared_problem():
    problems = [Problem("甲", "党员管理不规范。", ""), Problem("甲", "党员管理不够规范。", ""), Problem("乙", "阵地老旧。", "")]
    assert shared_problems(problems) == []


def test_heading_is_the_wording_most_units_use():
    titles = ["党员教育形式单一。", "党员教育形式单一。", "党员教育形式较单一。", "党员教育方式单一。"]
    problems = [Problem(f"社区{i}", t, "") for i, t in enumerate(titles)]
    [group] = shared_problems(problems)
    assert group.heading == "党员教育形式单一"
    assert group.units == ["社区0", "社区1", "社区2", "社区3"]


@pytest.mark.parametrize(
    "title, heading",
    [
        ("社区党建工作发展不平衡。", "社区党建工作发展不平衡"),
        ("党员学习教育形式单一，党员处于被动教育状态，学习效果不明显。", "党员学习教育形式单一"),
        ("效果差，没有形成制度化的长效学习机制，学习流于形式。", "效果差，没有形成制度化的长效学习机制，学习流于形式"),  # first clause too short
        ("工作方法简单，效率不高。", "工作方法简单，效率不高"),  # short enough whole
    ],
)
def test_group_heading_is_short(title, heading):
    from docgen.ledger.grouping import short_heading

    assert short_heading(title) == heading
