"""A report whose text has no section headings: its ``body`` printed as written,
numbered lines and all, between the title and the 落款, and never a heading docgen made up."""

from __future__ import annotations

import pytest

from docgen.cli.commands import main
from docgen.inputs.yaml_reader import read_report
from docgen.inputs.yaml_writer import report_yaml
from docgen.pipeline.build import build
from support.docx_text import visible_lines

FREE_FORM = """\
title: 光明社区2023年党建工作总结
unit: 光明社区
body: |
  今年以来，社区党委围绕中心工作，扎实推进基层党建。
  1.抓班子带队伍。全年召开专题会议12次。
  2.抓阵地强服务。新建党群服务站2个。
  明年，我们将继续努力。
signature:
  unit: 中共光明社区委员会
  date: 2023年12月20日
"""


def _folder(tmp_path, text, name="光明社区.yaml"):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


def test_a_body_prints_as_written_with_its_numbers_and_no_heading(tmp_path):
    [path] = build(_folder(tmp_path, FREE_FORM), tmp_path / "out").report_paths
    lines = visible_lines(path)
    assert lines[1:] == [
        "今年以来，社区党委围绕中心工作，扎实推进基层党建。",
        "1.抓班子带队伍。全年召开专题会议12次。",
        "2.抓阵地强服务。新建党群服务站2个。",
        "明年，我们将继续努力。",
        "中共光明社区委员会",
        "2023年12月20日",
    ]
    assert not any(line.startswith("一、") for line in lines)


def test_a_body_is_written_back_as_it_was_read(tmp_path):
    path = _folder(tmp_path, FREE_FORM) / "光明社区.yaml"
    report, _ = read_report(path)
    assert report.sections == [] and report.body[1] == "1.抓班子带队伍。全年召开专题会议12次。"
    again = tmp_path / "again.yaml"
    again.write_text(report_yaml(report), encoding="utf-8")
    back = read_report(again)[0]
    assert (back.title, back.body, back.signature.unit, back.signature.date) == (
        report.title, report.body, report.signature.unit, report.signature.date
    )
    assert "sections:" not in again.read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "text, words",
    [
        (FREE_FORM + "sections:\n  - heading: 亮点工作\n    lead: |\n      一段。\n", ["sections 和 body 只能写一个"]),
        (FREE_FORM.split("body:")[0] + "closing: |\n  特此报告。\n", ["缺少“sections”", "body"]),
        (FREE_FORM.split("body:")[0] + "body: |\n\n", ["正文", "是空的"]),
    ],
    ids=["both", "neither", "empty-body"],
)
def test_a_report_has_sections_or_a_body_and_is_told_which(tmp_path, capsys, text, words):
    folder = _folder(tmp_path, text)
    assert main(["validate", "--inputs", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "光明社区.yaml" in err and "Traceback" not in err
    for word in words:
        assert word in err


def test_check_reads_a_body_too(tmp_path, capsys):
    folder = _folder(tmp_path, FREE_FORM.replace("新建党群服务站2个", "新建党群服务站X个,"))
    assert main(["check", "--inputs", str(folder)]) == 0
    out = capsys.readouterr().out
    assert "占位符" in out and "半角标点" in out and "第 6 行" in out
