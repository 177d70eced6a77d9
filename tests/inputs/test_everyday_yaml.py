"""The slips people make in YAML each get their own message, on the line to change, with the fix;
text YAML would drop as a comment is named; odd files and folders give a message, never a hang."""

from __future__ import annotations

import os
import subprocess
import sys
import unicodedata

import docx
import pytest

from docgen.cli.commands import main
from support.input_folders import one_file_inputs as _inputs
from support.write_helpers import REPORT

GOOD = REPORT.format(unit="测试社区", text="正文。")


def _run(capsys, command, folder, *extra):
    code = main([command, "--inputs", str(folder), *extra])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.err


def _commands(tmp_path):
    return [("validate",), ("check",), ("build", "--out", str(tmp_path / "out"))]


# --- text after “ #” ---------------------------------------------------------------


@pytest.mark.parametrize("command", ["validate", "check", "build"])
def test_text_after_space_hash_is_named_with_its_line_and_the_fix(tmp_path, capsys, command):
    folder = _inputs(tmp_path, GOOD.replace("title: 第一条。", "title: 建立“党员积分制” #管理。"))
    extra = ("--out", str(tmp_path / "out")) if command == "build" else ()
    code, err = _run(capsys, command, folder, *extra)
    assert code == 0
    assert "报告.yaml 第 5 行" in err and "#管理。" in err
    assert "title: |" in err  # how to keep it


def test_a_comment_after_a_numbering_choice_or_a_block_is_no_warning(tmp_path, capsys):
    text = GOOD.replace("    items:", "    numbering: 1.   # 编号样式\n    items:").replace("text: |", "text: |   # 正文")
    code, err = _run(capsys, "validate", _inputs(tmp_path, text))
    assert code == 0 and "提醒" not in err


def test_hash_inside_a_block_is_kept(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD.replace("正文。", "建立“党员积分制” #管理。"))
    code, err = _run(capsys, "build", folder, "--out", str(tmp_path / "out"))
    assert code == 0 and "提醒" not in err
    texts = [p.text for p in docx.Document(str(tmp_path / "out" / "测试社区.docx")).paragraphs]
    assert any(t.endswith("建立“党员积分制” #管理。") for t in texts)


# --- the common slips -----------------------------------------------------------------


@pytest.mark.parametrize(
    "good, bad, line, words",
    [
        ("  - heading: 亮点工作", "  - heading：亮点工作", 3, ["中文冒号", "- heading: 亮点工作"]),
        ("  - heading: 亮点工作", "  - heading 亮点工作", 3, ["少了英文冒号", "- heading: 亮点工作"]),
        ("  - heading: 亮点工作", "  - heading:亮点工作", 3, ["少了一个空格", "- heading: 亮点工作"]),
        ("unit: 测试社区", "unit：测试社区", 1, ["中文冒号", "unit: 测试社区"]),
        ("      - title: 第一条。", "      - title：第一条。", 5, ["中文冒号", "- title: 第一条。"]),
        ("        text: |", "          text: |", 6, ["多缩进了 2 个空格", "“title:”左边对齐"]),
        ("          正文。", "        正文。", 7, ["多缩进两个空格", "text: |"]),
    ],
    ids=["chinese-colon", "no-colon", "no-space", "unit-chinese-colon", "title-chinese-colon", "over-indent", "block"],
)
def test_each_slip_is_named_on_its_own_line_with_its_fix(tmp_path, capsys, good, bad, line, words):
    code, err = _run(capsys, "validate", _inputs(tmp_path, GOOD.replace(good, bad)))
    assert code == 1
    assert f"报告.yaml 第 {line} 行" in err, err
    for word in words:
        assert word in err, err
    assert "请改成中文冒号" not in err  # the opposite of the fix


def test_a_chinese_colon_on_the_last_line_is_named_too(tmp_path, capsys):
    code, err = _run(capsys, "validate", _inputs(tmp_path, "unit: 测试社区\nsections:\n  - heading：亮点工作\n"))
    assert code == 1 and "第 3 行" in err and "中文冒号" in err


def test_an_english_colon_in_text_still_gets_its_advice(tmp_path, capsys):
    code, err = _run(capsys, "validate", _inputs(tmp_path, GOOD.replace("第一条。", "时间: 今年。")))
    assert code == 1 and "第 5 行" in err and "英文冒号加空格" in err


# --- a value starting with a character YAML reserves ------------------------------------

# Each title as typed, the character the message names, and the title the fix gives in the report.
RESERVED_STARTS = [
    ('"三会一课"落实不到位', "英文引号“\"”", "“三会一课”落实不到位"),
    ("'三会一课'落实不到位", "英文引号“'”", "“三会一课”落实不到位"),
    ("*重点*工作推进有力。", "以“*”开头", "*重点*工作推进有力。"),
    ("- 党建引领作用明显。", "以“-”开头", "- 党建引领作用明显。"),
    ("@党建 引领社区治理。", "以“@”开头", "@党建 引领社区治理。"),
    ("%90 的党员参加。", "以“%”开头", "%90 的党员参加。"),
    ("!重要 党员教育。", "以“!”开头", "!重要 党员教育。"),
    ("> 党员人数过百。", "以“>”开头", "> 党员人数过百。"),
    ("[重点]阵地建设。", "以“[”开头", "[重点]阵地建设。"),
    ("{重点}阵地建设。", "以“{”开头", "{重点}阵地建设。"),
    ("&党建 品牌。", "以“&”开头", "&党建 品牌。"),
    ("|党建|品牌。", "以“|”开头", "|党建|品牌。"),
    ("`党建`品牌。", "以“`”开头", "`党建`品牌。"),
    # YAML reads these without complaint, as something other than the text typed:
    ("&a 党建品牌。", "以“&”开头", "&a 党建品牌。"),  # an anchor, dropped
    ("!a 党建品牌。", "以“!”开头", "!a 党建品牌。"),  # a tag
    ("[重点]", "以“[”开头", "[重点]"),  # a list
    ("{重点}", "以“{”开头", "{重点}"),  # a mapping
    ("#1号楼党员先锋岗。", "以“#”开头", "#1号楼党员先锋岗。"),  # a comment: the title is empty
]
# What PyYAML says in its own words; none of it may reach a user.
PARSER_WORDS = ("expected", "found", "while", "allowed", "token", "scanning", "alias", "anchor", "block", "scalar")


def _suggested_line(err: str) -> str:
    """The first line written out in the message, as the user would copy it."""
    fix = err.split("：title: ", 1)[1]
    return "title: " + fix.split("；", 1)[0].strip()


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("typed, named, printed", RESERVED_STARTS, ids=[t for t, _, _ in RESERVED_STARTS])
def test_a_value_starting_with_a_reserved_character_is_told_in_chinese_with_its_fix(
    tmp_path, capsys, command, typed, named, printed
):
    folder = _inputs(tmp_path, GOOD.replace("title: 第一条。", f"title: {typed}"))
    extra = ("--out", str(tmp_path / "out")) if command == "build" else ()
    code, err = _run(capsys, command, folder, *extra)
    assert code == 1
    assert err.startswith(f"错误：{folder / '报告.yaml'} 第 5 行：“title”的内容"), err
    assert named in err, err
    assert not any(word in err.lower() for word in PARSER_WORDS), err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("typed, named, printed", RESERVED_STARTS, ids=[t for t, _, _ in RESERVED_STARTS])
def test_the_line_the_message_suggests_builds_the_title_as_meant(tmp_path, capsys, typed, named, printed):
    folder = _inputs(tmp_path, GOOD.replace("title: 第一条。", f"title: {typed}"))
    _, err = _run(capsys, "validate", folder)
    fixed = GOOD.replace("title: 第一条。", _suggested_line(err))
    (folder / "报告.yaml").write_text(fixed, encoding="utf-8")
    code, err = _run(capsys, "build", folder, "--out", str(tmp_path / "out"))
    assert code == 0, err
    texts = [p.text for p in docx.Document(str(tmp_path / "out" / "测试社区.docx")).paragraphs]
    assert any(t.startswith(f"1.{printed}") for t in texts), texts


@pytest.mark.parametrize(
    "volume, line, named",
    [
        ("order:\n  - [测试社区]\n", 2, "这一项的内容以“[”开头"),
        ('order:\n  - "测试"社区\n', 2, "请改用中文引号：- “测试”社区"),
        ("cover:\n  title: *汇编\n", 2, "“title”的内容以“*”开头"),
        ("series_title: @汇编\n", 1, "“series_title”的内容以“@”开头"),
    ],
)
def test_volume_yaml_values_get_the_same_message(tmp_path, capsys, volume, line, named):
    folder = _inputs(tmp_path, GOOD)
    (folder / "volume.yaml").write_text(volume, encoding="utf-8")
    code, err = _run(capsys, "build", folder, "--out", str(tmp_path / "out"))
    assert code == 1
    assert f"volume.yaml 第 {line} 行" in err and named in err, err


def test_an_unknown_yaml_fault_is_still_told_in_chinese(tmp_path, capsys):
    code, err = _run(capsys, "validate", _inputs(tmp_path, GOOD + "...\n其他\n"))
    assert code == 1 and "第 9 行" in err and err.count("：") >= 2
    assert not any(word in err.lower() for word in PARSER_WORDS), err


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_is_named_as_such_not_as_gbk(tmp_path, capsys, encoding):
    code, err = _run(capsys, "validate", _inputs(tmp_path, GOOD.encode(encoding)))
    assert code == 1
    assert "UTF-16" in err and "UTF-8" in err and "GBK" not in err


def test_gbk_is_still_named_as_gbk(tmp_path, capsys):
    code, err = _run(capsys, "validate", _inputs(tmp_path, GOOD.encode("gbk")))
    assert code == 1 and "GBK" in err


# --- empty files --------------------------------------------------------------------


@pytest.mark.parametrize("content", ["", "# 汇编设置\n", "\n\n"])
def test_an_empty_volume_yaml_builds_with_the_defaults(tmp_path, capsys, content):
    folder = _inputs(tmp_path, GOOD)
    (folder / "volume.yaml").write_text(content, encoding="utf-8")
    code, err = _run(capsys, "build", folder, "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert (tmp_path / "out" / "基层党建亮点工作及存在问题.docx").exists()


@pytest.mark.parametrize("content", ["", "# 只有说明\n"])
def test_an_empty_report_says_what_to_do(tmp_path, capsys, content):
    folder = _inputs(tmp_path, GOOD)
    (folder / "空的.yaml").write_text(content, encoding="utf-8")
    code, err = _run(capsys, "validate", folder)
    assert code == 1
    assert "空的.yaml" in err and "docgen new" in err


# --- nesting, odd files, unreadable folders ------------------------------------------------


@pytest.mark.parametrize(
    "deep",
    [
        "unit: " + "[" * 1000 + "]" * 1000 + "\n",
        "unit: 测试社区\nsections:\n" + "".join(" " * i + "- \n" for i in range(2, 1100)),
        "unit: 测试社区\nsections:\n" + "".join(" " * i + "- \n" for i in range(2, 600)),
    ],
    ids=["flow-1000", "block-1100", "block-600"],
)
def test_yaml_nested_1000_deep_gets_a_message_in_every_command(tmp_path, capsys, deep):
    folder = _inputs(tmp_path, deep)
    for command in _commands(tmp_path):
        code, err = _run(capsys, command[0], folder, *command[1:])
        assert code == 1
        assert "报告.yaml" in err and ("嵌套太深" in err or "应当是" in err), err


def test_deep_nesting_is_caught_without_libyaml(tmp_path, capsys, monkeypatch):
    import yaml

    from docgen.inputs import yaml_file

    monkeypatch.setattr(yaml_file, "_FAST_LOADER", yaml.BaseLoader)
    folder = _inputs(tmp_path, "unit: 测试社区\nsections:\n" + "".join(" " * i + "- \n" for i in range(2, 1100)))
    code, err = _run(capsys, "validate", folder)
    assert code == 1 and "嵌套太深" in err and "第 52 行" in err


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_fifo_named_yaml_is_refused_without_hanging(tmp_path):
    folder = _inputs(tmp_path, GOOD)
    os.mkfifo(folder / "管道.yaml")
    # A separate process, so that a reader blocked on the pipe fails this test instead of hanging the suite.
    done = subprocess.run(
        [sys.executable, "-m", "docgen", "validate", "--inputs", str(folder)],
        capture_output=True, text=True, encoding="utf-8", timeout=120,
    )
    assert done.returncode == 1
    assert "管道.yaml" in done.stderr and "不是普通文件" in done.stderr


@pytest.mark.parametrize("command", ["validate", "check", "build", "summary"])
def test_a_report_file_given_as_the_inputs_folder_is_named_as_a_file(tmp_path, capsys, command):
    report = _inputs(tmp_path, GOOD) / "测试社区.yaml"
    report.write_text(GOOD, encoding="utf-8")
    code, err = _run(capsys, command, report)
    assert code == 1
    assert "测试社区.yaml" in err and "是一个文件，不是文件夹" in err and "找不到" not in err, err


@pytest.mark.parametrize("name", ["假报告.yaml", "volume.yaml"])
def test_a_folder_named_like_an_input_file_is_named_not_an_internal_fault(tmp_path, capsys, name):
    folder = _inputs(tmp_path, GOOD)
    (folder / name).unlink(missing_ok=True)
    (folder / name).mkdir()
    out = tmp_path / "out"
    code, err = _run(capsys, "build", folder, "--out", str(out))
    assert code == 1
    assert name in err and "是一个文件夹，不是文件" in err and "内部出错" not in err, err
    assert not out.exists()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_device_linked_inside_the_folder_is_not_read(tmp_path, capsys):
    from docgen.errors import InputError
    from docgen.inputs.yaml_reader import read_report

    link = tmp_path / "零.yaml"
    link.symlink_to("/dev/zero")
    with pytest.raises(InputError, match="不是普通文件"):
        read_report(link)


def test_a_file_over_the_limit_is_read_no_further_than_the_limit(tmp_path, monkeypatch):
    from docgen.errors import InputError
    from docgen.fs import input_file

    big = tmp_path / "大.yaml"
    big.write_bytes(b"#" * 5000)
    with pytest.raises(InputError, match="文件太大"):
        input_file.read_input_bytes(big, 1000)
    assert len(input_file.read_input_bytes(big, 5000)) == 5000


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_to_a_file_outside_the_folder_is_not_read_nor_quoted(tmp_path, capsys):
    secret = tmp_path / "secret.txt"
    secret.write_text("password: hunter2-秘密\n", encoding="utf-8")
    folder = _inputs(tmp_path, GOOD)
    (folder / "链接.yaml").symlink_to(secret)
    for command in _commands(tmp_path):
        code, err = _run(capsys, command[0], folder, *command[1:])
        assert code == 1 and "链接.yaml" in err and "输入文件夹以外" in err
        assert "hunter2" not in err and "password" not in err


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symbolic links here")
def test_a_link_inside_the_folder_is_read(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD, name="原件.yml.txt")
    (folder / "报告.yaml").symlink_to(folder / "原件.yml.txt")
    code, err = _run(capsys, "validate", folder)
    assert code == 0, err


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs POSIX permissions and a non-root user")
def test_an_unreadable_inputs_folder_is_named(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD)
    folder.chmod(0o300)
    try:
        code, err = _run(capsys, "validate", folder)
    finally:
        folder.chmod(0o700)
    assert code == 1 and "无法读取输入文件夹" in err and "没有读取权限" in err


def test_an_unlistable_inputs_folder_is_named(tmp_path, capsys, monkeypatch):
    """The same for whoever runs as root, where permissions do not stop reading."""
    from pathlib import Path

    folder = _inputs(tmp_path, GOOD)

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Path, "iterdir", refuse)
    code, err = _run(capsys, "validate", folder)
    assert code == 1 and "无法读取输入文件夹" in err and "没有读取权限" in err
    assert "Permission denied" not in err


# --- unit names -----------------------------------------------------------------------


@pytest.mark.parametrize(
    "first, second",
    [
        (unicodedata.normalize("NFC", "café社区"), unicodedata.normalize("NFD", "café社区")),
        ("示例社区", "示例\u200b社区"),
        ("示例社区", "\ufeff示例社区"),
        ("示例 社区", "示例\u00a0社区"),
        ("示例 社区", "示例\u202f社区"),
        ("A社区", "Ａ社区"),
    ],
    ids=["nfc-nfd", "zero-width", "bom", "nbsp", "narrow-nbsp", "full-width"],
)
def test_one_unit_typed_two_ways_is_a_duplicate(tmp_path, capsys, first, second):
    folder = _inputs(tmp_path, GOOD.replace("测试社区", f'"{first}"'), name="一.yaml")
    (folder / "二.yaml").write_text(GOOD.replace("测试社区", f'"{second}"'), encoding="utf-8")
    code, err = _run(capsys, "build", folder, "--out", str(tmp_path / "out"))
    assert code == 1 and "重复" in err
    assert not (tmp_path / "out").exists()  # no 目录 with the same name twice


def test_the_duplicate_error_points_at_the_file_just_edited(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD, name="新.yaml")
    (folder / "旧.yaml").write_text(GOOD, encoding="utf-8")
    os.utime(folder / "旧.yaml", (1_000_000_000, 1_000_000_000))
    code, err = _run(capsys, "validate", folder)
    assert code == 1
    assert err.index("新.yaml") < err.index("旧.yaml")  # 新.yaml is the file named first, the place of the error
    assert err.startswith(f"错误：{folder / '新.yaml'}")


def test_an_invisible_character_never_reaches_the_toc_or_the_file_name(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD.replace("测试社区", '"\u200b测试\ufeff社区"'))
    code, err = _run(capsys, "build", folder, "--out", str(tmp_path / "out"))
    assert code == 0, err
    assert (tmp_path / "out" / "测试社区.docx").exists()


def test_order_finds_a_unit_typed_another_way(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD.replace("测试社区", unicodedata.normalize("NFD", "café社区")))
    (folder / "volume.yaml").write_text(f"order:\n  - {unicodedata.normalize('NFC', 'café社区')}\n", encoding="utf-8")
    code, err = _run(capsys, "validate", folder)
    assert code == 0, err


def test_build_refuses_an_untouched_docgen_new_file(tmp_path, capsys):
    folder = tmp_path / "in"
    assert main(["new", "甲社区", "--inputs", str(folder)]) == 0
    capsys.readouterr()
    code, err = _run(capsys, "build", folder, "--out", str(tmp_path / "out"))
    assert code == 1 and "甲社区.yaml" in err and "示例文字" in err
    assert not (tmp_path / "out").exists()


def test_an_order_entry_without_a_report_is_named_on_its_line_with_the_fix(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD)
    (folder / "volume.yaml").write_text("# 顺序\norder:\n  - 测试社区\n  - 东湖社区\n", encoding="utf-8")
    code, err = _run(capsys, "validate", folder)
    assert code == 1
    assert err.startswith(f"错误：{folder / 'volume.yaml'} 第 4 行：order 中的单位“东湖社区”没有对应的报告文件")
    assert "删除这一行" in err


def test_an_order_entry_mistyped_is_told_the_unit_meant(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD)
    (folder / "volume.yaml").write_text("order:\n  - 测试社\n", encoding="utf-8")
    code, err = _run(capsys, "build", folder, "--out", str(tmp_path / "out"))
    assert code == 1 and "volume.yaml 第 2 行" in err and "是不是“测试社区”？请改成“测试社区”" in err


def test_an_order_entry_written_twice_is_named_at_the_second(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD)
    (folder / "volume.yaml").write_text("order:\n  - 测试社区\n  - 测试社区\n", encoding="utf-8")
    code, err = _run(capsys, "validate", folder)
    assert code == 1 and "volume.yaml 第 3 行" in err and "第 2 行已经写过" in err and "删除这一行" in err


def test_a_unit_in_two_files_is_named_at_its_unit_lines(tmp_path, capsys):
    folder = _inputs(tmp_path, "# 东湖的报告\n# 2026年\n" + GOOD, name="新.yaml")
    (folder / "旧.yaml").write_text("title: 旧的报告\n" + GOOD, encoding="utf-8")
    os.utime(folder / "旧.yaml", (1_000_000_000, 1_000_000_000))
    code, err = _run(capsys, "validate", folder)
    assert code == 1
    assert err.startswith(f"错误：{folder / '新.yaml'} 第 3 行：单位“测试社区”重复：{folder / '旧.yaml'} 第 2 行 已经用过")


def test_validate_counts_the_reports_without_reading_as_the_party(tmp_path, capsys):
    folder = _inputs(tmp_path, GOOD)
    (folder / "另一个.yaml").write_text(GOOD.replace("测试社区", "东湖社区"), encoding="utf-8")
    assert main(["validate", "--inputs", str(folder)]) == 0
    out = capsys.readouterr().out
    assert out == f"检查通过：共 2 份报告（{folder}）。\n"
