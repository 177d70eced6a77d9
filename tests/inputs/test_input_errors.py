"""Bad input: a Chinese message naming file and line, exit 1, outputs untouched."""

from __future__ import annotations

import pytest

from docgen.cli.commands import main

GOOD = """\
unit: 测试社区
sections:
  - heading: 亮点工作
    numbering: 1.
    items:
      - title: 第一条。
        text: |
          正文。
"""


def _run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.err


def _inputs(tmp_path, text, name="测试社区.yaml"):
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize(
    "text, line, words",
    [
        (GOOD.replace("    items:", "    itmes:"), 5, ["itmes", "是不是“items”"]),
        (GOOD.replace("unit: 测试社区\n", ""), 1, ["缺少“unit”"]),
        (GOOD.replace("      - title: 第一条。\n        text: |\n          正文。\n", "      - text: 正文。\n"), 6, ["缺少“title”"]),
        (GOOD.replace("    items:\n", "    items: 不是列表\n").split("      - title")[0], 5, ["列表"]),
        (GOOD.replace("sections:\n", "sections: 一段文字\n").split("  - heading")[0], 2, ["列表"]),
        (GOOD.split("    items:")[0], 3, ["是空的", "亮点工作"]),
        (GOOD.replace("    numbering: 1.", "    numbering: A."), 4, ["编号样式", "A."]),
        (GOOD.replace("    numbering: 1.", "\tnumbering: 1."), 4, ["Tab"]),
        (GOOD.replace("      - title: 第一条。", "      - title: 第一条: 说明"), 6, ["冒号"]),
        ("- 一\n- 二\n", 1, ["“键: 值”"]),
        ("", None, ["空的"]),
        (GOOD + "unit: 再写一次\n", 9, ["写了两次"]),
    ],
    ids=["unknown-key", "missing-unit", "missing-title", "items-not-list", "sections-not-list",
         "empty-section", "bad-numbering", "tab", "colon", "list-at-top", "empty-file", "duplicate-key"],
)
def test_bad_report_names_file_and_line(tmp_path, capsys, text, line, words):
    folder = _inputs(tmp_path, text)
    code, err = _run(capsys, "validate", "--inputs", str(folder))
    assert code == 1
    assert "测试社区.yaml" in err
    if line:
        assert f"第 {line} 行" in err
    for word in words:
        assert word in err


def test_file_not_in_utf8_is_named_with_advice(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "旧文件.yaml").write_bytes(GOOD.encode("gb18030"))
    code, err = _run(capsys, "validate", "--inputs", str(folder))
    assert code == 1
    assert "旧文件.yaml" in err and "UTF-8" in err


def test_duplicate_unit_names_both_files(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD, "a.yaml")
    (folder / "b.yaml").write_text(GOOD, encoding="utf-8")
    code, err = _run(capsys, "validate", "--inputs", str(folder))
    assert code == 1
    assert "测试社区" in err and "a.yaml" in err and "b.yaml" in err and "重复" in err


def test_order_naming_a_missing_unit_suggests_the_nearest(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD)
    (folder / "volume.yaml").write_text("order:\n  - 测试社\n", encoding="utf-8")
    code, err = _run(capsys, "validate", "--inputs", str(folder))
    assert code == 1
    assert "volume.yaml" in err and "测试社区" in err


def test_failed_build_leaves_previous_outputs_byte_identical(sample_inputs, tmp_path, capsys):
    out = tmp_path / "out"
    assert _run(capsys, "build", "--inputs", str(sample_inputs), "--out", str(out))[0] == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    (sample_inputs / "坏文件.yaml").write_text(GOOD.replace("items:", "itmes:"), encoding="utf-8")
    code, err = _run(capsys, "build", "--inputs", str(sample_inputs), "--out", str(out))
    assert code == 1 and "坏文件.yaml" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_usage_errors_exit_2_in_chinese(capsys):
    code, err = _run(capsys, "biuld")
    assert code == 2 and "命令用法错误" in err
    code, err = _run(capsys, "new")
    assert code == 2 and "缺少参数" in err


def test_missing_inputs_folder(tmp_path, capsys):
    code, err = _run(capsys, "build", "--inputs", str(tmp_path / "nowhere"), "--out", str(tmp_path / "o"))
    assert code == 1 and "nowhere" in err
    assert not (tmp_path / "o").exists()


def test_new_writes_a_starter_that_validates_and_never_overwrites(tmp_path, capsys):
    folder = tmp_path / "in"
    code, _ = _run(capsys, "new", "新社区", "--inputs", str(folder))
    assert code == 0
    starter = folder / "新社区.yaml"
    text = starter.read_text(encoding="utf-8")
    assert "unit: 新社区" in text and "# " in text
    assert _run(capsys, "validate", "--inputs", str(folder))[0] == 0
    starter.write_text(text + "# 我改过\n", encoding="utf-8")
    code, err = _run(capsys, "new", "新社区", "--inputs", str(folder))
    assert code == 1 and "已存在" in err
    assert starter.read_text(encoding="utf-8").endswith("# 我改过\n")


@pytest.mark.parametrize("name", ["", "  ", "\u200b"])
def test_new_refuses_an_empty_unit_name(tmp_path, capsys, name):
    folder = tmp_path / "in"
    code, err = _run(capsys, "new", name, "--inputs", str(folder))
    assert code == 2 and "单位名称是空的" in err
    assert not folder.exists()


def test_build_reports_progress_and_start_pages(sample_inputs, tmp_path, capsys):
    code = main(["build", "--inputs", str(sample_inputs), "--out", str(tmp_path / "o")])
    captured = capsys.readouterr()
    assert code == 0
    assert "正在生成 13/13" in captured.err
    assert "第 2 页  示例单位01" in captured.out


@pytest.mark.parametrize("name", ["甲: 乙 #丙", "- 列表似的", "'引号'", "尾部冒号:"])
def test_new_starter_holds_any_unit_name_as_written(tmp_path, capsys, name):
    from docgen.inputs.yaml_reader import load_inputs

    folder = tmp_path / "in"
    assert _run(capsys, "new", name, "--inputs", str(folder))[0] == 0
    assert [r.unit for r in load_inputs(folder).volume.reports] == [name]
