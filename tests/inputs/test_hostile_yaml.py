"""Hostile and broken YAML: a Chinese message naming file and line, exit 1, nothing executed."""

from __future__ import annotations

import subprocess
import sys

import pytest

from docgen.cli.commands import main
from support.input_folders import one_file_inputs as _inputs
from support.write_helpers import REPORT

GOOD = REPORT.format(unit="测试社区", text="正文。")


def _validate(capsys, folder):
    code = main(["validate", "--inputs", str(folder)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.err


@pytest.mark.parametrize(
    "payload",
    [
        "!!python/object/apply:os.system [\"touch {marker}\"]",
        "!!python/object/apply:subprocess.check_call [[\"touch\", \"{marker}\"]]",
        "!!python/object/new:os.system [\"touch {marker}\"]",
        "!!python/name:os.system",
        "!<tag:yaml.org,2002:python/object/apply:os.system> [\"touch {marker}\"]",
    ],
    ids=["apply", "subprocess", "new", "name", "verbatim-tag"],
)
@pytest.mark.parametrize("where", ["unit", "title"])
def test_python_tags_are_refused_and_never_run(tmp_path, capsys, payload, where):
    marker = tmp_path / "executed"
    value = payload.format(marker=marker)
    text = GOOD.replace("unit: 测试社区", f"unit: {value}") if where == "unit" else GOOD.replace(
        "title: 第一条。", f"title: {value}"
    )
    code, err = _validate(capsys, _inputs(tmp_path, text))
    assert code == 1
    assert "报告.yaml" in err and "标签" in err
    assert ("第 1 行" if where == "unit" else "第 5 行") in err
    assert not marker.exists()


def test_python_tag_is_not_run_by_build_either(tmp_path, capsys):
    marker = tmp_path / "executed"
    folder = _inputs(tmp_path, GOOD.replace("unit: 测试社区", f'unit: !!python/object/apply:os.system ["touch {marker}"]'))
    assert main(["build", "--inputs", str(folder), "--out", str(tmp_path / "out")]) == 1
    assert not marker.exists() and not (tmp_path / "out").exists()


def test_billion_laughs_is_refused_quickly(tmp_path, capsys):
    levels = ['lol0: &l0 "哈哈"']
    levels += [f"lol{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]" for i in range(1, 10)]
    text = GOOD.replace("unit: 测试社区", "unit: &u 测试社区") + "\n".join(levels) + "\n"
    code, err = _validate(capsys, _inputs(tmp_path, text))
    assert code == 1 and "报告.yaml" in err and "第 " in err


def test_alias_inside_allowed_fields_is_refused(tmp_path, capsys):
    aliased = "unit: &a 社区\nsections:\n  - heading: *a\n    items:\n      - title: *a\n"
    code, err = _validate(capsys, _inputs(tmp_path, aliased))
    assert code == 1
    assert "第 1 行" in err and "锚点和别名" in err  # the anchor's line: the alias is the same node


def test_a_merge_key_cannot_pull_content_in(tmp_path, capsys):
    text = "base: &b {unit: 社区}\n<<: *b\nsections: []\n"
    code, err = _validate(capsys, _inputs(tmp_path, text))
    assert code == 1 and "第 1 行" in err


@pytest.mark.parametrize(
    "content, line, words",
    [
        (GOOD.replace("    items:", "\titems:"), 4, ["Tab"]),
        ("- 一\n- 二\n", 1, ["“键: 值”"]),
        ("", None, ["空的"]),
        ("# 只有注释\n\n", None, ["空的"]),
        ("---\n...\n", 2, ["空值"]),
        (GOOD.encode("gb18030"), 1, ["UTF-8"]),
        (GOOD.replace("正文。", "正文\udcff。").encode("utf-8", "surrogateescape"), 7, ["UTF-8"]),
        (GOOD + "---\nunit: 第二份\n", 8, ["一个文件只能写一份报告"]),
        (GOOD.replace("正文。", "正文\x7f。"), 7, ["U+007F"]),
        (GOOD.replace("正文。", "正文\x80。"), 7, ["U+0080"]),
        (GOOD.replace("title: 第一条。", 'title: "第一条\\xff。'), 5, ["引号"]),
        (GOOD.replace("title: 第一条。", 'title: "C:\\Users\\第一条"'), 5, ["反斜杠"]),
    ],
    ids=["tab", "list-at-top", "empty", "only-comments", "empty-document", "gb18030", "bad-utf8-byte",
         "two-documents", "delete-char", "c1-control", "unclosed-quote", "bad-escape"],
)
def test_broken_files_name_file_and_line(tmp_path, capsys, content, line, words):
    code, err = _validate(capsys, _inputs(tmp_path, content))
    assert code == 1
    assert "报告.yaml" in err and err.startswith("错误：")
    if line:
        assert f"第 {line} 行" in err
    for word in words:
        assert word in err


def test_control_characters_in_the_file_are_dropped_with_a_warning(tmp_path, capsys):
    # Word's manual line break pastes as U+000B; NUL and form feed come from damaged copies.
    text = GOOD.replace("正文。", "正\x0b文\x00。").replace("第一条。", "第一\x0c条。")
    folder = _inputs(tmp_path, text)
    code = main(["build", "--inputs", str(folder), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0
    assert "报告.yaml 第 5 行" in err and "U+000C" in err
    assert "报告.yaml 第 7 行" in err and "U+000B" in err and "U+0000" in err


def test_escaped_characters_xml_cannot_hold_are_dropped_with_a_warning(tmp_path, capsys):
    text = GOOD.replace("title: 第一条。", 'title: "第一\\x01条\\ud800\\uffff。"')
    folder = _inputs(tmp_path, text)
    code = main(["build", "--inputs", str(folder), "--out", str(tmp_path / "out")])
    captured = capsys.readouterr()
    assert code == 0, captured.err
    assert "Traceback" not in captured.err
    assert "报告.yaml 第 5 行" in captured.err
    for code_point in ("U+0001", "U+D800", "U+FFFF"):
        assert code_point in captured.err


def test_python_m_docgen_gives_the_same_clean_message(tmp_path):
    marker = tmp_path / "executed"
    folder = _inputs(tmp_path, GOOD.replace("unit: 测试社区", f'unit: !!python/object/apply:os.system ["touch {marker}"]'))
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "validate", "--inputs", str(folder)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert done.returncode == 1
    assert "Traceback" not in done.stderr
    assert "报告.yaml 第 1 行" in done.stderr
    assert not marker.exists()
