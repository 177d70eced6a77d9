"""``docgen check`` reads the whole report: its own title, 导语, closing and 落款 too,
each finding at the line it is on."""

from __future__ import annotations

import pytest

from docgen.inputs.starter import SAMPLE_INTRO
from support.check_run import listed_findings, one_report_folder, run_check

PARTS = """\
title: {title}
unit: 东湖社区
intro: |
  今年以来，东湖社区党委坚持党建引领，扎实推进各项工作。
  {intro}
sections:
  - heading: 亮点工作
    items:
      - title: 阵地建设成效明显。
closing: |
  {closing}
signature:
  unit: {signer}
  date: 2026年11月20日
"""
CLEAN_PARTS = {
    "title": "东湖社区2026年基层党建亮点工作及存在问题",
    "intro": "现将有关情况汇报如下：",
    "closing": "特此报告。",
    "signer": "东湖社区党委",
}
LINES = {"title": 1, "intro": 5, "closing": 11, "signer": 13}
ROLES = {"title": "报告标题", "intro": "报告开头的导语", "closing": "结束语", "signer": "落款的署名"}


def _listing(tmp_path, capsys, **changed):
    folder = one_report_folder(tmp_path, PARTS.format(**{**CLEAN_PARTS, **changed}))
    return listed_findings(run_check(capsys, folder)[1])


def test_the_report_parts_as_written_have_no_findings(tmp_path, capsys):
    assert _listing(tmp_path, capsys) == []


@pytest.mark.parametrize("part", LINES)
def test_a_placeholder_in_any_part_is_found_at_its_line(tmp_path, capsys, part):
    written = {"title": "XX社区2026年工作报告", "intro": "现将XX社区有关情况汇报如下：", "closing": "特此报告，XX。", "signer": "XX社区党委"}
    found = _listing(tmp_path, capsys, **{part: written[part]})
    assert found == [(LINES[part], "占位符", f"{ROLES[part]}中有未填写的占位符 “XX”")]


@pytest.mark.parametrize("part", ["title", "intro", "closing"])
def test_half_width_punctuation_in_any_part_is_found_at_its_line(tmp_path, capsys, part):
    written = {"title": "东湖社区2026年工作报告(草稿)", "intro": "现将有关情况汇报如下:", "closing": "特此报告,请审阅。"}
    [(line, kind, message)] = _listing(tmp_path, capsys, **{part: written[part]})
    assert (line, kind) == (LINES[part], "半角标点")
    assert message.startswith(f"{ROLES[part]}的中文里用了半角标点")


@pytest.mark.parametrize("part", ["title", "intro", "closing"])
def test_unpaired_marks_in_any_part_are_found_at_their_line(tmp_path, capsys, part):
    written = {"title": "东湖社区“红色引擎工程报告", "intro": "现将“有关情况汇报如下：", "closing": "特此报告（请审阅。"}
    [(line, kind, message)] = _listing(tmp_path, capsys, **{part: written[part]})
    assert (line, kind) == (LINES[part], "引号括号不成对")
    assert message.startswith(ROLES[part])


def test_an_intro_copied_from_another_report_is_found(tmp_path, capsys):
    copied = "今年以来，东湖社区党委坚持党建引领，扎实推进各项工作。"
    folder = one_report_folder(tmp_path, PARTS.format(**CLEAN_PARTS))
    other = PARTS.format(**{**CLEAN_PARTS, "title": "红旗社区2026年基层党建亮点工作及存在问题"})
    (folder / "红旗社区.yaml").write_text(other.replace("unit: 东湖社区", "unit: 红旗社区").replace("东湖社区党委", "红旗社区党委").replace("红旗社区党委坚持", "东湖社区党委坚持"), encoding="utf-8")
    _, out, _ = run_check(capsys, folder)
    assert "红旗社区.yaml" in out and "【重复内容】此处报告开头的导语与" in out
    assert f"原文：{copied[:20]}" in out
    assert [(line, kind) for line, kind, _ in listed_findings(out)] == [(4, "重复内容")]


def test_a_closing_sentence_repeating_an_item_is_found(tmp_path, capsys):
    sentence = "阵地建设成效明显，为周边党员提供了很好的活动场所。"
    text = PARTS.format(**{**CLEAN_PARTS, "closing": sentence}).replace("阵地建设成效明显。", sentence)
    found = listed_findings(run_check(capsys, one_report_folder(tmp_path, text))[1])
    assert [(line, kind) for line, kind, _ in found] == [(11, "重复内容")]
    assert "此处结束语与" in found[0][2] and "第 9 行 的条目标题完全相同" in found[0][2]


def test_two_reports_with_the_same_own_title_are_found(tmp_path, capsys):
    folder = one_report_folder(tmp_path, PARTS.format(**CLEAN_PARTS), "东湖社区.yaml")
    (folder / "红旗社区.yaml").write_text(PARTS.format(**CLEAN_PARTS).replace("unit: 东湖社区", "unit: 红旗社区"), encoding="utf-8")
    _, out, _ = run_check(capsys, folder)
    [(line, kind, message)] = [f for f in listed_findings(out) if "报告标题" in f[2]]  # the intros repeat too
    assert (line, kind) == (1, "重复内容")
    assert message.startswith("报告标题与") and "东湖社区.yaml 第 1 行" in message


def test_the_starter_intro_left_as_it_was_is_found(tmp_path, capsys):
    found = _listing(tmp_path, capsys, intro=SAMPLE_INTRO)
    assert (5, "空内容", "报告开头的导语还是 docgen new 写的示例文字，没有改写") in found


def test_a_signature_without_date_is_noted_at_its_line(tmp_path, capsys):
    text = PARTS.format(**CLEAN_PARTS).replace("  date: 2026年11月20日\n", "")
    code, out, _ = run_check(capsys, one_report_folder(tmp_path, text))
    assert code == 0
    assert listed_findings(out) == [(13, "落款无日期", "落款只有署名，没有成文日期：定稿前请在 signature 下写上 date，如“date: 2026年11月20日”")]
    assert run_check(capsys, tmp_path / "in", "--strict")[0] == 1


def test_placeholders_on_the_cover_are_found_in_volume_yaml(tmp_path, capsys):
    folder = one_report_folder(tmp_path, PARTS.format(**CLEAN_PARTS))
    (folder / "volume.yaml").write_text(
        "titles: own\ncover:\n  title: 2026年XX街道基层党建工作汇编\n  unit: 中共某某街道工作委员会\n", encoding="utf-8"
    )
    _, out, _ = run_check(capsys, folder)
    assert f"{folder / 'volume.yaml'}\n" in out
    assert listed_findings(out) == [
        (3, "占位符", "封面标题中有未填写的占位符 “XX”"),
        (4, "占位符", "封面的编印单位中有未填写的占位符 “某某”"),
    ]


def test_placeholders_in_the_series_title_and_toc_heading_are_found_in_volume_yaml(tmp_path, capsys):
    folder = one_report_folder(tmp_path, PARTS.format(**CLEAN_PARTS))
    (folder / "volume.yaml").write_text(
        "# 汇编设置\nseries_title: XX街道基层党建亮点工作及存在问题\ntoc_heading: 某某目录\n", encoding="utf-8"
    )
    code, out, _ = run_check(capsys, folder, "--strict")
    assert code == 1
    assert f"{folder / 'volume.yaml'}\n" in out
    assert listed_findings(out) == [
        (2, "占位符", "汇编标题（series_title）中有未填写的占位符 “XX”"),
        (3, "占位符", "目录标题（toc_heading）中有未填写的占位符 “某某”"),
    ]


def test_the_series_title_and_toc_heading_as_docgen_writes_them_have_no_findings(tmp_path, capsys):
    folder = one_report_folder(tmp_path, PARTS.format(**CLEAN_PARTS))
    (folder / "volume.yaml").write_text("series_title: 基层党建亮点工作及存在问题\ntoc_heading: 目  录\n", encoding="utf-8")
    assert run_check(capsys, folder, "--strict")[0] == 0
