"""共性问题: grouping as a reader groups, measured on labelled volumes; synonyms; unit names; bounded memory."""

from __future__ import annotations

import tracemalloc

import pytest
import yaml

from docgen.ledger.categories import SHIPPED_TABLE, category_table, read_category_table
from docgen.ledger.grouping import MAX_NEIGHBOURS, _alike_pairs, shared_problems, short_heading
from docgen.ledger.model import Problem
from support.labelled_problems import REFERENCE, Agreement, agreement, labelled_volume, labelled_volumes


def test_the_reference_volume_is_grouped_as_its_reader_groups_it():
    """The issue's bar: ≥ 80 % of the reader's pairs put together, ≥ 90 % of docgen's pairs right."""
    volume = labelled_volume(REFERENCE)
    found = agreement(volume, shared_problems(volume.problems))
    assert found.recall >= 0.80 and found.precision >= 0.90, found


def test_the_written_volumes_are_grouped_about_as_well():
    """Four volumes written for the test (tests/data/ledger): the README's figures, with a little room."""
    total = Agreement(0, 0, 0)
    for volume in labelled_volumes():
        found = agreement(volume, shared_problems(volume.problems))
        assert found.precision >= 0.90 and found.recall >= 0.60, (volume.name, found)
        total += found
    assert total.precision >= 0.97 and total.recall >= 0.75, total


def test_the_reference_copy_is_the_sample_inputs_problems():
    from support.ledger_files import sample_problems
    from support.paths import SAMPLE_INPUTS

    volume = labelled_volume(REFERENCE)
    assert [(p.unit, p.title) for p in volume.problems] == sample_problems(SAMPLE_INPUTS)


@pytest.mark.parametrize(
    "titles",
    [
        ["非公党建有待进一步强化。", "“两新”党建工作有待加强。", "社会组织党建工作薄弱。"],
        ["个别社区党建阵地老旧。", "活动场所老旧，硬件设施有待改善。"],
        ["考核机制不完善。", "考评机制缺乏有效的贯彻落实。"],
        ["党建创新不足。", "特色不够突出。", "品牌效应不强。", "亮点不突出。"],
    ],
    ids=["两新", "阵地", "考核", "品牌"],
)
def test_synonyms_of_the_shipped_table_make_one_problem(titles):
    problems = [Problem(f"社区{i}", title, "") for i, title in enumerate(titles)]
    [group] = shared_problems(problems)
    assert len(group.problems) == len(titles)


def test_different_problems_in_like_words_stay_apart():
    titles = ["党建氛围有待进一步提升。", "理论素质有待于进一步提升。", "党员发展工作不够规范。", "党务公开不够规范。"]
    assert shared_problems([Problem(f"社区{i}", t, "") for i, t in enumerate(titles)]) == []


def test_a_problem_naming_two_shortcomings_does_not_chain_their_groups():
    """11's 阵地…，“两新”…: its first clause decides; the 两新 group stays without the 阵地 problems."""
    volume = labelled_volume(REFERENCE)
    groups = shared_problems(volume.problems)
    with_both = [g for g in groups if {"“两新”党建工作有待加强。", "个别社区党建阵地老旧，硬件设施有待提升。"} <= {p.title for p in g.problems}]
    assert with_both == []


def test_synonyms_added_in_inputs_categories_yaml_join_problems(tmp_path):
    problems = [Problem("甲社区", "网格员力量配备不足。", ""), Problem("乙社区", "楼栋长队伍不健全。", "")]
    assert shared_problems(problems, category_table(tmp_path).vocabulary()) == []
    (tmp_path / "categories.yaml").write_text(
        "categories:\n  - name: 基层治理\n    keywords: [网格]\nsynonyms:\n  - [网格员, 楼栋长]\n  - [力量, 队伍]\n  - [不健全, 配备不足]\n",
        encoding="utf-8",
    )
    table = category_table(tmp_path)
    [group] = shared_problems(problems, table.vocabulary())
    assert group.units == ["甲社区", "乙社区"]
    assert ("两新", "非公", "非公企业") == table.synonyms[0][:3]  # the shipped synonyms still apply


def test_a_synonym_group_of_one_word_is_refused_with_its_line(tmp_path):
    from docgen.errors import InputError

    (tmp_path / "categories.yaml").write_text(
        "categories:\n  - name: 甲\n    keywords: [a]\nsynonyms:\n  - [考核, 考核]\n", encoding="utf-8"
    )
    with pytest.raises(InputError) as error:
        category_table(tmp_path)
    assert "categories.yaml 第 5 行" in str(error.value) and "至少要有两个不同的词" in str(error.value)


def test_the_shipped_synonyms_are_the_issues_examples():
    groups = {frozenset(group) for group in read_category_table(SHIPPED_TABLE).synonyms}
    for words in ({"非公", "两新", "非公企业", "社会组织"}, {"阵地", "活动场所"}, {"考核", "考评"}, {"品牌", "特色", "亮点", "创新"}):
        assert any(words <= group for group in groups), words


def test_unit_names_in_titles_do_not_make_problems_alike():
    """1,000 reports whose titles carry the unit's name: three shared problems, not two or one."""
    problems = []
    for number in range(1000):
        unit = f"{'东西南北中'[number % 5]}{'湖岭关苑华'[number // 5 % 5]}{number}社区"
        for title in ("党建阵地老旧，硬件设施有待提升。", "非公党建有待进一步强化。", "党员学习教育形式单一。"):
            problems.append(Problem(unit, unit + title, ""))
    groups = shared_problems(problems)
    assert [len(group.units) for group in groups] == [1000, 1000, 1000]
    assert [group.heading for group in groups] == ["党建阵地老旧，硬件设施有待提升", "非公党建有待进一步强化", "党员学习教育形式单一"]


def test_alike_pairs_are_bounded_by_the_problems_not_their_square():
    """2,000 wordings, each alike to every other (cosine 0.81): at most MAX_NEIGHBOURS pairs each, little memory."""
    vectors = [{"阵地": 0.9, f"词{i}": 0.19**0.5} for i in range(2000)]
    tracemalloc.start()
    try:
        pairs = _alike_pairs(vectors)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert len(pairs) == MAX_NEIGHBOURS * (2000 - MAX_NEIGHBOURS) + sum(range(MAX_NEIGHBOURS))
    assert peak < 50 * 1024 * 1024  # the 2 million alike pairs as tuples alone would take over 150 MB


def test_a_problem_one_unit_repeats_is_no_shared_problem():
    problems = [Problem("甲", "党员管理不规范。", ""), Problem("甲", "党员管理不够规范。", ""), Problem("乙", "阵地老旧。", "")]
    assert shared_problems(problems) == []


def test_grouping_is_the_same_every_time():
    volume = labelled_volume("volume-2022.yaml")
    first = [[p.title for p in g.problems] for g in shared_problems(volume.problems)]
    again = [[p.title for p in g.problems] for g in shared_problems(list(volume.problems))]
    assert first == again


def test_heading_is_the_wording_most_units_use():
    titles = ["党员教育形式单一。", "党员教育形式单一。", "党员教育形式较单一。", "党员教育方式单一。"]
    problems = [Problem(f"社区{i}", t, "") for i, t in enumerate(titles)]
    [group] = shared_problems(problems)
    assert group.heading == "党员教育形式单一"
    assert group.units == ["社区0", "社区1", "社区2", "社区3"]


def test_the_labelled_files_label_every_problem():
    from support.labelled_problems import LABELLED

    for path in LABELLED.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        for report in data["reports"]:
            assert all(item["shared"] and item["title"] for item in report["problems"]), (path.name, report["unit"])


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
    assert short_heading(title) == heading
