"""The command line speaks Chinese: help, usage and argparse's own messages,
for the top level and every command; ``--version``; a usage error shows the
usage of the command it was made in."""

from __future__ import annotations

import argparse
import ast
import importlib.metadata
import inspect
import re

import pytest

from docgen.cli.argparse_zh import MESSAGES
from docgen.cli.commands import main
from docgen.cli.grammar import display_width

COMMANDS = ["init", "build", "validate", "check", "import", "preview", "summary", "new", "serve"]
# Latin words a Chinese user is meant to read: names of products, formats and files.
NAMES = {"docgen", "LibreOffice", "Word", "WPS", "RTF", "ODT", "PDF", "PNG", "YAML", "Excel",
         "docx", "doc", "txt", "md", "xlsx", "yaml", "inputs", "outputs", "preview", "volume", "Ctrl", "C"}
ARGPARSE_WORDS = ["usage", "positional arguments", "options:", "show this help", "error:",
                  "the following arguments are required", "invalid choice", "choose from",
                  "unrecognized arguments", "expected one argument", "argument"]


def _run(capsys, monkeypatch, *argv):
    monkeypatch.setenv("COLUMNS", "80")
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.out, captured.err


def _latin_words(text: str) -> set[str]:
    """The Latin words of ``text`` other than option names (--inputs), commands and NAMES."""
    text = re.sub(r"(?<![\w-])--?[A-Za-z][\w-]*", " ", text)
    return set(re.findall(r"[A-Za-z]+", text)) - NAMES - set(COMMANDS) - {"own", "series"}


@pytest.mark.parametrize("argv", [["-h"], ["--help"], *[[command, "-h"] for command in COMMANDS]])
def test_help_is_chinese_throughout(capsys, monkeypatch, argv):
    code, out, _ = _run(capsys, monkeypatch, *argv)
    assert code == 0
    prog = " ".join(["docgen", *argv[:-1]])
    assert out.startswith(f"用法：{prog} [-h]")
    assert "选项:" in out and "-h, --help" in out and "显示这段帮助后退出" in out
    assert _latin_words(out) == set()
    for word in ARGPARSE_WORDS:
        assert word not in out


def test_top_level_help_lists_every_command_and_the_version_option(capsys, monkeypatch):
    code, out, _ = _run(capsys, monkeypatch, "-h")
    assert "参数:" in out and "命令" in out
    for command in COMMANDS:
        assert re.search(rf"^    {command} +\S", out, re.MULTILINE), command
    assert "-V, --version  显示版本号后退出" in out


@pytest.mark.parametrize(
    "argv, shown",
    [
        (["build"], ["--inputs 文件夹", "--out 文件夹"]),
        (["import"], ["文件 [文件 ...]", "--out 文件夹"]),
        (["preview"], ["[单位名称]", "--dpi 分辨率"]),
        (["summary"], ["--previous 去年的inputs文件夹", "--keep 旧问题清单.xlsx"]),
        (["new"], ["--inputs 文件夹] 单位名称"]),
        (["init"], ["[--force] 文件夹"]),
    ],
)
def test_value_names_are_chinese(capsys, monkeypatch, argv, shown):
    _, out, _ = _run(capsys, monkeypatch, *argv, "-h")
    for text in shown:
        assert text in out
    assert not re.search(r"\b[A-Z]{3,}\b", out.replace("PDF", "").replace("PNG", "").replace("YAML", "").replace("ODT", "").replace("RTF", "").replace("WPS", ""))


def test_option_help_lines_up_in_one_column_despite_chinese_value_names(capsys, monkeypatch):
    _, out, _ = _run(capsys, monkeypatch, "build", "-h")
    options = out[out.index("选项:"):].splitlines()[1:]
    columns = {display_width(re.match(r"(\s*\S+(?:, \S+| \S+)?\s+)", line).group(1)) for line in options if line.strip()}
    assert len(columns) == 1, options


@pytest.mark.parametrize("command, text", [("summary", "把旧问题清单中已填写的整改措施"), ("init", "开始新的一年时用它")])
def test_long_chinese_help_wraps_within_the_console_width(capsys, monkeypatch, command, text):
    monkeypatch.setenv("COLUMNS", "60")
    main([command, "-h"])
    out = capsys.readouterr().out
    assert max(display_width(line) for line in out.splitlines()) <= 60
    assert not any(line.lstrip().startswith(("，", "、", "。", "）")) for line in out.splitlines())
    assert text in out.replace("\n", "")


def test_version_comes_from_the_installed_package(capsys, monkeypatch):
    for option in ("--version", "-V"):
        code, out, _ = _run(capsys, monkeypatch, option)
        assert code == 0
        assert out == f"docgen {importlib.metadata.version('docgen')}\n"
    assert re.fullmatch(r"docgen \d+\.\d+\.\d+\n", out)


def test_a_mistyped_option_of_build_shows_builds_usage(capsys, monkeypatch):
    code, out, err = _run(capsys, monkeypatch, "build", "--pfd")
    assert code == 2 and out == ""
    assert "错误：命令用法错误：不认识的参数：--pfd" in err
    assert "用法：docgen build [-h] [--inputs 文件夹] [--out 文件夹]" in err
    assert "用法：docgen [-h]" not in err
    assert "运行 docgen build -h 查看说明" in err


def test_a_mistyped_option_before_the_command_shows_the_top_usage(capsys, monkeypatch):
    code, _, err = _run(capsys, monkeypatch, "--pfd", "build")
    assert code == 2
    assert "不认识的参数：--pfd" in err and "用法：docgen [-h] [-V] 命令 ..." in err


@pytest.mark.parametrize(
    "argv, told",
    [
        (["--inputs", "x"], "选项要写在命令后面，如：docgen build --inputs x"),
        (["--inputs", "2027年", "check"], "选项要写在命令后面，如：docgen check --inputs 2027年"),
        (["--out=汇编", "summary"], "选项要写在命令后面，如：docgen summary --out=汇编"),
    ],
)
def test_an_option_before_the_command_is_shown_after_it(capsys, monkeypatch, argv, told):
    code, _, err = _run(capsys, monkeypatch, *argv)
    assert code == 2
    assert told in err and "没有“" not in err


@pytest.mark.parametrize(
    "argv, message, usage",
    [
        (["biuld"], "没有“biuld”这个命令，是不是 build？可选的有：", "用法：docgen [-h]"),
        (["new"], "缺少参数：单位名称", "用法：docgen new [-h] [--inputs 文件夹] 单位名称"),
        (["import"], "缺少参数：文件", "用法：docgen import"),
        (["build", "--inputs"], "--inputs：后面要跟一个值", "用法：docgen build"),
        (["summary", "--keep"], "--keep：后面要跟一个值", "用法：docgen summary"),
        (["check", "--strict=yes"], "--strict：这个选项后面不能跟值（写了“yes”）", "用法：docgen check"),
        (["preview", "--dpi", "高"], "--dpi：“高”不是整数", "用法：docgen preview"),
        (["validate", "多余"], "不认识的参数：多余", "用法：docgen validate"),
    ],
)
def test_usage_errors_in_chinese_with_the_commands_usage(capsys, monkeypatch, argv, message, usage):
    code, _, err = _run(capsys, monkeypatch, *argv)
    assert code == 2
    assert message in err and usage in err
    typed = set(re.findall(r"[A-Za-z]+", " ".join(argv)))
    assert _latin_words(err) - typed == set()
    for word in ARGPARSE_WORDS:
        assert word not in err


def test_an_unknown_command_lists_the_commands_in_chinese_quotes(capsys, monkeypatch):
    _, _, err = _run(capsys, monkeypatch, "biuld")
    listed = err[err.index("可选的有：") :].splitlines()[0]
    assert listed == "可选的有：" + "、".join(f"“{command}”" for command in COMMANDS)


@pytest.mark.parametrize("typed, meant", [("biuld", "build"), ("bulid", "build"), ("valdate", "validate"), ("sumary", "summary"), ("imprt", "import")])
def test_a_mistyped_command_is_told_the_command_meant(capsys, monkeypatch, typed, meant):
    code, _, err = _run(capsys, monkeypatch, typed, "--inputs", "2027年")
    assert code == 2 and f"没有“{typed}”这个命令，是不是 {meant}？" in err


def test_a_word_like_no_command_gets_no_guess(capsys, monkeypatch):
    code, _, err = _run(capsys, monkeypatch, "生成")
    assert code == 2 and "没有“生成”这个命令，可选的有：" in err and "是不是" not in err


@pytest.mark.parametrize(
    "argv, told",
    [
        (["build", "2027年"], "输入文件夹请写在 --inputs 后面，如：docgen build --inputs 2027年"),
        (["build", "2027年", "2027年汇编"], "输出文件夹写在 --out 后面，如：docgen build --inputs 2027年 --out 2027年汇编"),
        (["check", "2027年", "--strict"], "如：docgen check --inputs 2027年 --strict"),
        (["new", "东湖社区", "2027年"], "如：docgen new 东湖社区 --inputs 2027年"),
    ],
)
def test_a_folder_without_its_option_is_told_to_follow_inputs(capsys, monkeypatch, argv, told):
    code, _, err = _run(capsys, monkeypatch, *argv)
    assert code == 2 and "不认识的参数：2027年" in err and told in err


def test_a_stray_word_after_inputs_is_not_told_to_follow_inputs(capsys, monkeypatch):
    code, _, err = _run(capsys, monkeypatch, "build", "--inputs", "2027年", "多余")
    assert code == 2 and "不认识的参数：多余" in err and "后面，如" not in err


def test_docgen_alone_shows_help_and_exits_2(capsys, monkeypatch):
    code, out, _ = _run(capsys, monkeypatch)
    assert code == 2 and out.startswith("用法：docgen") and "build" in out


def _argparse_message_ids() -> set[str]:
    """Every text the running Python's argparse passes through gettext."""
    found = set()
    for node in ast.walk(ast.parse(inspect.getsource(argparse))):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("_", "ngettext"):
            found |= {arg.value for arg in node.args if isinstance(arg, ast.Constant) and isinstance(arg.value, str)}
    return found


def test_every_argparse_message_of_this_python_has_a_chinese_text():
    ids = _argparse_message_ids()
    assert "usage: " in ids and "expected one argument" in ids  # the scan finds them
    assert sorted(ids - set(MESSAGES)) == []


@pytest.mark.parametrize("message_id", sorted(MESSAGES))
def test_each_chinese_text_takes_the_values_argparse_gives(message_id):
    def named(text):
        return set(re.findall(r"%\((\w+)\)", text))

    def unnamed(text):
        return len(re.findall(r"%[sr]", text))

    chinese = MESSAGES[message_id]
    assert named(chinese) <= named(message_id) and unnamed(chinese) == unnamed(message_id)


def test_argparse_outside_docgen_is_left_english(capsys, monkeypatch):
    _run(capsys, monkeypatch, "-h")
    assert argparse.ArgumentParser(prog="other").format_usage().startswith("usage: other")
