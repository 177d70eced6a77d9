"""Warnings are typed findings (file, line, kind, message) wherever docgen makes them, returned
as such by the library; the command line puts each into words once: 提醒：文件 第 N 行：说明.
A font face in volume.yaml that is neither a 公文 face nor installed is warned of, on its line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import docgen
import docgen.office.faces
from docgen.cli.commands import main
from docgen.core import findings
from docgen.core.findings import Finding, said
from docgen.core.model import Origin
from support.import_forms import write_typed_docx
from support.input_folders import one_file_inputs

REPORT = """\
unit: 测试社区
sections:
  - heading: 亮点工作
    items:
      - title: 建立“党员积分制” #管理。
        text: |
          正\x0b文。
  - heading: 存在问题
    items:
      - title: 问题一。
"""


@pytest.fixture
def inputs(tmp_path):
    folder = one_file_inputs(tmp_path, REPORT)
    (folder / "乙社区.yaml").write_text(REPORT.replace("测试社区", "乙社区").replace(" #管理。", ""), encoding="utf-8")
    (folder / "volume.yaml").write_text("order:\n  - 测试社区\n", encoding="utf-8")
    return folder


def _kinds(warnings: list[Finding]) -> list[tuple[str, str, int | None]]:
    return [(w.kind, w.origin.path.name, w.origin.line) for w in warnings]


def test_build_returns_each_warning_as_a_finding_with_file_line_and_kind(inputs, tmp_path):
    result = docgen.build(inputs, tmp_path / "out")
    assert all(isinstance(w, Finding) for w in result.warnings)
    assert _kinds(result.warnings) == [
        (findings.CONTROL_CHARACTERS, "乙社区.yaml", 7),
        (findings.CONTROL_CHARACTERS, "报告.yaml", 7),
        (findings.TEXT_AFTER_COMMENT, "报告.yaml", 5),
        (findings.NOT_IN_ORDER, "volume.yaml", None),
    ]
    comment = result.warnings[2]
    assert "#管理。" in comment.message and "报告.yaml" not in comment.message  # the place is the origin's
    # check's findings are the same one type
    assert all(isinstance(f, Finding) for f in result.findings)


def test_the_command_line_says_each_warning_once_with_file_and_line(inputs, tmp_path, capsys):
    code = main(["build", "--inputs", str(inputs), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0
    lines = [line for line in err.splitlines() if line.startswith("提醒：")]
    assert len(lines) == 4
    assert f"提醒：{inputs / '报告.yaml'} 第 5 行：“#管理。”跟在文字后面，被当作说明" in err
    assert f"提醒：{inputs / 'volume.yaml'}：order 中没有列出 乙社区，已按文件名排在最后" in err


def test_a_finding_of_no_one_file_is_said_without_a_place():
    assert said(Finding("kind", Origin(), "说明")) == "说明"


def test_a_finding_in_a_word_file_is_placed_by_paragraph():
    finding = Finding(findings.IMPORT_GUESS, Origin(Path("东湖.docx"), paragraph=3), "猜测")
    assert said(finding) == "东湖.docx 第 3 段：猜测"
    assert said(finding, with_file=False) == "第 3 段：猜测"


GUESSING_TEXT = "东湖社区2024年工作总结\n1.第一条。正文。\n二、存在问题\n1.问题。\n"


def test_import_returns_its_guesses_as_findings_of_the_file_and_line(tmp_path, capsys):
    source = tmp_path / "东湖社区.txt"
    source.write_text(GUESSING_TEXT, encoding="utf-8")
    result = docgen.import_files([source], tmp_path / "inputs")
    guess = next(w for w in result.warnings if "第一个部分标题之前" in w.message)
    assert (guess.kind, guess.origin.path, guess.origin.line) == (findings.IMPORT_GUESS, source, 2)
    assert main(["import", str(source), "--out", str(tmp_path / "again")]) == 0
    printed = capsys.readouterr().out
    assert "    猜测：第 2 行：第一个部分标题之前有 1 段带编号的文字，已按原样（连同编号）放在导语中" in printed


def test_import_of_a_word_file_places_its_guesses_by_paragraph(tmp_path):
    source = write_typed_docx(GUESSING_TEXT.splitlines(), tmp_path / "东湖社区.docx")
    result = docgen.import_files([source], tmp_path / "inputs")
    guess = next(w for w in result.warnings if "第一个部分标题之前" in w.message)
    assert (guess.origin.path, guess.origin.paragraph, guess.origin.line) == (source, 2, None)


LEAD_ONLY = """\
unit: 测试社区
sections:
  - heading: 亮点工作
    items:
      - title: 第一条。
  - heading: 存在问题
    lead: |
      只有导语。
"""


def test_summary_warnings_are_findings(tmp_path):
    result = docgen.summary(one_file_inputs(tmp_path, LEAD_ONLY), tmp_path / "out")
    [without_items] = [w for w in result.warnings if w.kind == findings.PROBLEMS_WITHOUT_ITEMS]
    assert (without_items.origin.path.name, without_items.origin.line) == ("报告.yaml", 6)


# --- font faces -------------------------------------------------------------------------------


def _settings_warnings(tmp_path, fonts: str):
    folder = one_file_inputs(tmp_path, REPORT.replace(" #管理。", "").replace("\x0b", ""))
    (folder / "volume.yaml").write_text(f"series_title: 汇编\nfonts:\n{fonts}", encoding="utf-8")
    return folder


@pytest.fixture
def installed(monkeypatch):
    faces: set[str] = set()
    monkeypatch.setattr(docgen.office.faces, "installed_faces", lambda: frozenset(faces))
    return faces


def test_known_official_faces_are_no_warning(tmp_path, installed):
    folder = _settings_warnings(tmp_path, "  body: 仿宋_GB2312\n  heading1: 黑体\n  heading2: 楷体\n  title: 方正小标宋简体\n  page_number: 宋体\n")
    assert docgen.build(folder, tmp_path / "out").warnings == []


def test_a_mistyped_face_is_warned_on_its_line_with_the_nearest_face(tmp_path, installed, capsys):
    folder = _settings_warnings(tmp_path, "  title: 方正小标宋简体\n  body: 仿宋GB2312\n")
    [warning] = docgen.build(folder, tmp_path / "out").warnings
    assert (warning.kind, warning.origin.path.name, warning.origin.line) == (findings.UNKNOWN_FONT, "volume.yaml", 4)
    assert "“仿宋GB2312”" in warning.message and "是不是“仿宋_GB2312”" in warning.message
    assert main(["validate", "--inputs", str(folder)]) == 0
    assert f"提醒：{folder / 'volume.yaml'} 第 4 行：字体“仿宋GB2312”" in capsys.readouterr().err


def test_a_face_far_from_any_known_one_lists_the_common_faces(tmp_path, installed):
    folder = _settings_warnings(tmp_path, "  body: 某某奇怪字体\n")
    [warning] = docgen.build(folder, tmp_path / "out").warnings
    assert "常用的公文字体有" in warning.message and "仿宋_GB2312" in warning.message


def test_an_installed_face_docgen_does_not_know_is_no_warning(tmp_path, installed):
    installed.add("思源宋体")
    folder = _settings_warnings(tmp_path, "  body: 思源宋体\n")
    assert docgen.build(folder, tmp_path / "out").warnings == []


def test_windows_faces_come_from_the_fonts_folder(tmp_path, monkeypatch):
    fonts = tmp_path / "Windows" / "Fonts"
    fonts.mkdir(parents=True)
    (fonts / "方正仿宋_GBK.TTF").write_bytes(b"")
    monkeypatch.setenv("WINDIR", str(tmp_path / "Windows"))
    monkeypatch.delenv("LOCALAPPDATA", raising=False)
    assert "方正仿宋_GBK" in docgen.office.faces._windows_faces()


# --- an earlier interrupted write --------------------------------------------------------------


def _interrupted_journal(out):
    from docgen.fs.filenames import JOURNAL_FILE

    journal = {"staging": ".docgen-new-0123456789ab", "backup": ".docgen-old-0123456789ab", "steps": [], "state": "replacing"}
    (out / JOURNAL_FILE).write_text(json.dumps(journal), encoding="utf-8")


def test_the_recovery_of_an_interrupted_write_is_a_finding_of_the_folder(tmp_path, capsys):
    folder = one_file_inputs(tmp_path, LEAD_ONLY)
    out = tmp_path / "out"
    docgen.build(folder, out)
    _interrupted_journal(out)
    [recovered] = docgen.build(folder, out).folder_notes
    assert (recovered.kind, recovered.origin.path) == (findings.RECOVERED, out)
    _interrupted_journal(out)
    assert main(["build", "--inputs", str(folder), "--out", str(out)]) == 0
    assert f"提醒：{out}：上次写入这个文件夹时被中断，已恢复为那次写入之前的全部文件。" in capsys.readouterr().err
