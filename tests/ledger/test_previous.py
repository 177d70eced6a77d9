"""--previous: the problems a unit raised last year too are marked, and counted in the analysis."""

from __future__ import annotations

import shutil

import pytest

import docgen
from docgen.cli.commands import main
from docgen.core.findings import said
from support.docx_text import visible_lines
from support.ledger_files import ANALYSIS, LEDGER, ledger_rows

CHANGED_UNIT = "示例单位05"
OLD_TITLE = "社区服务功能有待进一步挖掘。"


@pytest.fixture
def last_year(sample_inputs, tmp_path):
    """Last year's inputs: this year's, but one problem of 示例单位05 was another one then."""
    folder = tmp_path / "去年"
    shutil.copytree(sample_inputs, folder)
    report = folder / f"{CHANGED_UNIT}.yaml"
    text = report.read_text(encoding="utf-8")
    assert OLD_TITLE in text
    text = text.replace(OLD_TITLE, "党员发展工作滞后，后备力量青黄不接。")
    text = text.replace("在品牌建设上，除了XX社区效果比较突出", "近三年来，辖区年轻党员发展数量逐年减少")
    report.write_text(text, encoding="utf-8")
    return folder


def test_every_problem_but_the_changed_one_is_raised_again(sample_inputs, last_year, tmp_path):
    result = docgen.summary(sample_inputs, tmp_path / "o", previous=last_year)
    rows = ledger_rows(tmp_path / "o" / LEDGER)
    assert len(rows) == 36
    not_again = [(row["单位"], row["问题"]) for row in rows if row["上年是否提出"] == "否"]
    assert not_again == [(CHANGED_UNIT, OLD_TITLE)]
    assert all(row["上年是否提出"] == "是" for row in rows if row["问题"] != OLD_TITLE)
    assert result.warnings == []


def test_analysis_counts_problems_raised_two_years_running_per_unit(sample_inputs, last_year, tmp_path):
    docgen.summary(sample_inputs, tmp_path / "o", previous=last_year)
    lines = visible_lines(tmp_path / "o" / ANALYSIS)
    assert "三、连续两年提出的问题" in lines
    assert any(line.startswith("与上年的报告对照，12个社区的35条问题上年已经提出，连续两年提出") for line in lines)
    assert any(line.startswith(f"4.{CHANGED_UNIT}，2条。") for line in lines)
    assert any(line.startswith("1.示例单位01，3条。“党员管理有待进一步规范”") for line in lines)


def test_a_problem_reworded_a_little_is_still_raised_again(sample_inputs, tmp_path):
    last_year = tmp_path / "去年"
    shutil.copytree(sample_inputs, last_year)
    report = last_year / "示例单位16.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("学习流于形式。", "理论学习流于形式。"), encoding="utf-8")
    result = docgen.summary(sample_inputs, tmp_path / "o", previous=last_year)
    assert all(row.raised_before for row in result.ledger.rows)


def test_units_are_matched_by_name_not_by_file(sample_inputs, tmp_path):
    last_year = tmp_path / "去年"
    last_year.mkdir()
    source = (sample_inputs / "示例单位01.yaml").read_text(encoding="utf-8")
    (last_year / "old-file-name.yaml").write_text(source.replace("unit: 示例单位01", "unit: 示例单位０１ "), encoding="utf-8")
    result = docgen.summary(sample_inputs, tmp_path / "o", previous=last_year)
    again = {row.problem.unit for row in result.ledger.rows if row.raised_before}
    assert again == {"示例单位01"}
    assert any("上年的输入中没有这些单位的问题" in w and "示例单位02" in w for w in map(said, result.warnings))


@pytest.mark.parametrize(
    "make, words",
    [
        (lambda p: None, "找不到上年的输入文件夹"),
        (lambda p: p.write_text("x", encoding="utf-8"), "却是一个文件"),
        (lambda p: p.mkdir(), "中没有报告"),
        (lambda p: (p.mkdir(), (p / "a.yaml").write_text("unit: 甲\nsections:\n\t- x\n", encoding="utf-8")), "a.yaml 第 3 行"),
    ],
    ids=["missing", "a file", "empty", "broken yaml"],
)
def test_bad_previous_folder_is_a_clear_error_and_writes_nothing(sample_inputs, tmp_path, capsys, make, words):
    previous = tmp_path / "去年"
    make(previous)
    code = main(["summary", "--inputs", str(sample_inputs), "--out", str(tmp_path / "o"), "--previous", str(previous)])
    err = capsys.readouterr().err
    assert code == 1
    assert words in err and "上年" in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


def test_keep_without_previous_compares_with_the_year_the_kept_ledger_was_compared_with(sample_inputs, last_year, tmp_path, capsys):
    out = tmp_path / "o"
    docgen.summary(sample_inputs, out, previous=last_year)
    assert main(["summary", "--inputs", str(sample_inputs), "--out", str(out), "--keep", str(out / LEDGER)]) == 0
    captured = capsys.readouterr()
    assert f"沿用旧问题清单对照过的上年输入：{tmp_path / '去年'}" in captured.out + captured.err
    rows = ledger_rows(out / LEDGER)
    assert [(row["单位"], row["问题"]) for row in rows if row["上年是否提出"] == "否"] == [(CHANGED_UNIT, OLD_TITLE)]
    assert "三、连续两年提出的问题" in visible_lines(out / ANALYSIS)


def test_a_remembered_previous_folder_that_is_gone_is_told_not_guessed(sample_inputs, last_year, tmp_path):
    out = tmp_path / "o"
    docgen.summary(sample_inputs, out, previous=last_year)
    shutil.rmtree(last_year)
    result = docgen.summary(sample_inputs, out, keep=out / LEDGER)
    assert "上年是否提出" not in ledger_rows(out / LEDGER)[0]
    assert any("这个文件夹已找不到" in said(w) and "--previous" in said(w) for w in result.warnings)


def test_an_explicit_previous_wins_over_the_remembered_one(sample_inputs, last_year, tmp_path):
    out = tmp_path / "o"
    docgen.summary(sample_inputs, out, previous=last_year)
    result = docgen.summary(sample_inputs, out, previous=sample_inputs, keep=out / LEDGER)
    assert all(row["上年是否提出"] == "是" for row in ledger_rows(out / LEDGER))
    assert not any("沿用" in said(w) for w in result.warnings)
