"""The grammar of the ``docgen`` command: its commands and options, help and
usage in Chinese, argparse's own words included (``argparse_zh``).

A mistake on the command line is a ``UsageError`` (exit code 2) that shows the
usage of the command it was made in: ``docgen build --pfd`` shows build's.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
import unicodedata
from pathlib import Path

from ..errors import UsageError
from .argparse_zh import chinese_argparse, gettext

DEFAULT_INPUTS = Path("inputs")
DEFAULT_OUT = Path("outputs")

_EPILOG = """\
一年的工作：
  docgen init 文件夹          新建输入文件夹（含带说明的 volume.yaml）
  docgen new 单位名称         新建一份报告；或 docgen import 收到的报告/
  docgen build                生成各报告和汇编（读 inputs/，写到 outputs/）
  docgen summary              汇总各社区的问题
  docgen serve                在浏览器里打开工作台：编辑、导入、检查、预览、生成

运行 docgen 命令 -h 查看一个命令的说明，如 docgen build -h。"""


def display_width(text: str) -> int:
    """Columns ``text`` takes in a console: a Chinese character takes two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


class _Wide:
    """Chinese words argparse lays out (metavars, "用法："), as stand-ins whose
    length is their width in columns, so that argparse's own arithmetic (one
    character, one column) lines them up; ``restore`` puts the words back."""

    _FIRST = 0xE000  # Unicode's private use area: never in anything typed

    def __init__(self):
        self._marks: dict[str, str] = {}  # word -> its mark
        self._words: dict[str, str] = {}  # mark -> its word

    def __call__(self, word: str) -> str:
        mark = self._marks.setdefault(word, chr(self._FIRST + len(self._marks)))
        self._words[mark] = word
        return mark * display_width(word)

    def restore(self, text: str) -> str:
        return re.sub("([\ue000-\uf8ff])\\1*", lambda run: self._words[run.group(1)], text)


_wide = _Wide()


class _Formatter(argparse.RawDescriptionHelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):
        super().add_usage(usage, actions, groups, _wide(gettext("usage: ")) if prefix is None else prefix)

    def _split_lines(self, text: str, width: int) -> list[str]:
        return _wrap(" ".join(text.split()), width)

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        # descriptions and the epilog: long lines wrapped, indented ones (laid out by hand) kept as they are
        parts = [[line] if line[:1].isspace() else _wrap(line, width - len(indent)) or [""] for line in text.splitlines()]
        return "\n".join(indent + part for lines in parts for part in lines)

    def format_help(self) -> str:
        return _wide.restore(super().format_help())


_NO_LINE_START = set("、，。；：？！）》”’")
_NO_LINE_END = set("（《“‘")


def _wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns: Latin words and numbers kept
    whole, no line starting with a closing mark (which may stick out by one)."""
    lines, line = [], ""
    for token in re.findall(r"[\w.\-/]+|\s+|.", text, re.ASCII):
        if line and display_width(line + token) > width and token not in _NO_LINE_START:
            carried = line[-1] if line[-1] in _NO_LINE_END and len(line) > 1 else ""
            lines.append(line[: len(line) - len(carried)].rstrip())
            line = carried + token.lstrip()
        else:
            line += token
    return lines + [line.rstrip()] if line.strip() else lines


class _Parser(argparse.ArgumentParser):
    """A parser of docgen's: errors are UsageError with this (sub)command's usage,
    and help or version end the parse instead of the program."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, formatter_class=_Formatter, **kwargs)

    def add_argument(self, *args, metavar: str | None = None, **kwargs):
        return super().add_argument(*args, **kwargs, **({} if metavar is None else {"metavar": _wide(metavar)}))

    def parse_known_args(self, args=None, namespace=None):
        # The one place a subcommand's parser sees what it does not know: argparse
        # would hand it up to the top level, whose usage is not the one to show.
        namespace, extras = super().parse_known_args(args, namespace)
        if extras:
            given = sys.argv[1:] if args is None else list(args)
            self.error(gettext("unrecognized arguments: %s") % " ".join(extras) + self._folders_go_after_options(extras, given))
        return namespace, extras

    def _folders_go_after_options(self, extras: list[str], given: list[str]) -> str:
        """What to say of ``docgen build 2027年``: a folder written where only options go."""
        options = self._option_string_actions
        if "--inputs" not in options or "--inputs" in given or any(word.startswith("-") for word in extras):
            return ""
        placed = ["--inputs"] + (["--out"] if "--out" in options and "--out" not in given else [])
        if len(extras) > len(placed):
            return ""
        said = "输入文件夹请写在 --inputs 后面" + ("，输出文件夹写在 --out 后面" if len(extras) == 2 else "")
        rest = iter(zip(extras, placed))
        pending = next(rest)
        example = []
        for word in given:
            if pending and word == pending[0]:
                example.append(f"{pending[1]} {word}")
                pending = next(rest, None)
            else:
                example.append(word)
        return f"。{said}，如：{self.prog} {' '.join(example)}"

    def error(self, message: str):
        usage = self.format_usage().strip()
        # Python 3.10 writes "argument X: " itself, not through gettext
        message = re.sub(r"^argument ([^:]+): ", r"\1：", message)
        raise UsageError(f"命令用法错误：{_wide.restore(message)}\n{usage}\n运行 {self.prog} -h 查看说明")

    def exit(self, status: int = 0, message: str | None = None):
        raise HelpShown(status)


class _ShowVersion(argparse.Action):
    """-V/--version: the installed version, looked up only when asked for."""

    def __init__(self, option_strings: list[str], dest: str, help: str | None = None):
        super().__init__(option_strings, dest=argparse.SUPPRESS, default=argparse.SUPPRESS, nargs=0, help=help)

    def __call__(self, parser, namespace, values, option_string=None):
        print(f"docgen {version()}")
        parser.exit()


class HelpShown(Exception):
    """Help or the version was printed: nothing else to do; ``status`` is the exit code."""

    def __init__(self, status: int):
        super().__init__(status)
        self.status = status


def version() -> str:
    import importlib.metadata  # slow to import: only when the version is asked for

    try:
        return importlib.metadata.version("docgen")
    except importlib.metadata.PackageNotFoundError:  # run from a source tree, not installed
        from .. import __version__

        return __version__


def parse(argv: list[str] | None) -> argparse.Namespace:
    """The command and its options. Raises ``UsageError`` for a command line that
    is wrong, ``HelpShown`` when help or the version was asked for (and printed)."""
    with chinese_argparse():
        parser = _parser()
        words = sys.argv[1:] if argv is None else list(argv)
        if words and words[0] not in parser._option_string_actions and _commands_taking(words[0], parser.commands):
            parser.error(_options_go_after_the_command(words, parser.commands))
        if words and not words[0].startswith("-") and words[0] not in parser.commands:
            parser.error(_no_such_command(words[0], parser.commands))
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            raise HelpShown(2)  # a bare ``docgen`` did nothing: not a success
        return args


def _commands_taking(word: str, commands: dict[str, argparse.ArgumentParser]) -> list[str]:
    """The commands that have ``word`` (``--inputs``, ``--out=x``) as an option."""
    option = word.split("=", 1)[0]
    if not option.startswith("-"):
        return []
    # argparse keeps no public table of a parser's option strings
    return [name for name, command in commands.items() if option in command._option_string_actions]


def _no_such_command(word: str, commands: dict[str, argparse.ArgumentParser]) -> str:
    """What to say to ``docgen biuld``: the command meant, where it is plain, and the commands
    (said here, not by argparse, whose words and quotes differ from one Python to the next)."""
    close = difflib.get_close_matches(word.lower(), list(commands), n=1)
    meant = f"是不是 {close[0]}？" if close else ""
    return f"没有“{word}”这个命令，{meant}可选的有：{'、'.join(f'“{name}”' for name in commands)}"


def _options_go_after_the_command(words: list[str], commands: dict[str, argparse.ArgumentParser]) -> str:
    """What to say to ``docgen --inputs x build``: argparse would take ``x`` for the command."""
    taking = _commands_taking(words[0], commands)
    given = next((word for word in words if word in commands), None)
    command = given or ("build" if "build" in taking else taking[0])
    options = list(words)
    if given:
        options.remove(given)
    return f"选项要写在命令后面，如：docgen {command} {' '.join(options)}"


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="docgen", description="把 YAML 写成的基层党建报告生成 Word 文件，并汇编成册（含目录）。", epilog=_EPILOG)
    parser.add_argument("-V", "--version", action=_ShowVersion, help="显示版本号后退出")
    commands = parser.add_subparsers(dest="command", metavar=_wide("命令"), parser_class=_Parser, help="下面之一")
    _init_command(commands)
    _build_command(commands)
    _validate_command(commands)
    _check_command(commands)
    _import_command(commands)
    _preview_command(commands)
    _summary_command(commands)
    _new_command(commands)
    _serve_command(commands)
    parser.commands = dict(commands.choices)
    return parser


def _inputs_option(command, help_text: str = "输入文件夹（默认 inputs/）") -> None:
    command.add_argument("--inputs", type=Path, default=DEFAULT_INPUTS, metavar="文件夹", help=help_text)


def _out_option(command, help_text: str = "输出文件夹（默认 outputs/）", default: Path = DEFAULT_OUT) -> None:
    command.add_argument("--out", type=Path, default=default, metavar="文件夹", help=help_text)


def _init_command(commands) -> None:
    what = "新建一个输入文件夹：带说明的 volume.yaml（汇编设置），没有示例报告"
    command = commands.add_parser("init", help=what, description=what + "。开始新的一年时用它，再用 docgen new 或 docgen import 添加各社区的报告。")
    command.add_argument("folder", type=Path, metavar="文件夹", help="要新建的文件夹，如 2027年")
    command.add_argument("--force", action="store_true", help="文件夹里已经有文件时也写入 volume.yaml（替换已有的 volume.yaml，其他文件不动）")


def _build_command(commands) -> None:
    command = commands.add_parser("build", help="生成每份报告的 Word 文件和汇编", description="生成每份报告的 Word 文件和汇编（第 1 页是目录）。")
    _inputs_option(command)
    _out_option(command)
    command.add_argument("--pdf", action="store_true", help="同时用 LibreOffice 生成每份报告和汇编的 PDF")
    command.add_argument("--verify", action="store_true", help="用 LibreOffice 排版汇编，核对目录页码，不一致时报错")
    command.add_argument("--exact", action="store_true", help="用 LibreOffice 排版汇编，把实际页码写入目录")


def _validate_command(commands) -> None:
    command = commands.add_parser("validate", help="只检查输入文件的格式，不生成", description="只检查输入文件的格式，不生成。")
    _inputs_option(command)


def _check_command(commands) -> None:
    what = "检查报告内容：占位符、半角标点、引号括号、重复段落、空内容、过长标题"
    command = commands.add_parser("check", help=what, description=what + "。")
    _inputs_option(command)
    command.add_argument("--strict", action="store_true", help="发现任何问题时以退出码 1 结束（供自动检查使用）")


def _import_command(commands) -> None:
    what = "把 Word（.docx、.doc）、WPS、RTF、ODT 或文本（.txt、.md）报告导入为 YAML"
    command = commands.add_parser("import", help=what, description=what + "。")
    command.add_argument("files", nargs="+", type=Path, metavar="文件", help="要导入的文件或文件夹，可写多个；汇编（含目录）也可以")
    _out_option(command, "YAML 写到哪个文件夹（默认 inputs/）", DEFAULT_INPUTS)
    command.add_argument("--force", action="store_true", help="用新文件替换已经导入过的同一单位的 YAML（默认不替换，并报告重复）")


def _preview_command(commands) -> None:
    what = "用 LibreOffice 把汇编或一份报告的各页生成 PNG 图片"
    command = commands.add_parser("preview", help=what, description=what + "。")
    command.add_argument("name", nargs="?", metavar="单位名称", help="只看这份报告（默认看整本汇编）")
    _inputs_option(command)
    _out_option(command, "图片写到这里的 preview/ 中（默认 outputs/）")
    command.add_argument("--dpi", type=_whole_number, default=72, metavar="分辨率", help="图片分辨率，每英寸点数（默认 72）")


def _summary_command(commands) -> None:
    what = "汇总各社区的问题：问题清单（Excel）和共性问题分析（Word）"
    command = commands.add_parser("summary", help=what, description=what + "。")
    _inputs_option(command)
    _out_option(command)
    command.add_argument("--previous", type=Path, metavar="去年的inputs文件夹", help="与上年的输入对照，标出连续两年提出的问题")
    command.add_argument("--keep", type=Path, metavar="旧问题清单.xlsx", help="把旧问题清单中已填写的整改措施、责任人、完成时限带入新清单")
    command.add_argument("--force", action="store_true", help="已有的问题清单中填写了内容时，也用新清单替换它")
    command.add_argument("--pdf", action="store_true", help="另存两个文件的 PDF（需要 LibreOffice，用 docgen 的替代字体排版）")


def _new_command(commands) -> None:
    command = commands.add_parser("new", help="新建一份带说明的报告 YAML", description="在输入文件夹里新建一份带说明的报告 YAML。")
    command.add_argument("name", metavar="单位名称", help="报告的单位名称，也是文件名")
    _inputs_option(command, "写到哪个文件夹（默认 inputs/）")


def _serve_command(commands) -> None:
    what = "在浏览器里打开工作台：编辑报告和汇编设置、导入、检查、预览、生成"
    command = commands.add_parser(
        "serve",
        help=what,
        description=what + "。只在本机（127.0.0.1）上开放；第一行显示要打开的地址，按 Ctrl+C 停止。",
    )
    _inputs_option(command)
    _out_option(command)
    command.add_argument("--port", type=_port, metavar="端口", help="使用这个端口（默认 8765，被占用时另找一个）")
    command.add_argument("--no-browser", action="store_true", help="不自动打开浏览器（只显示地址）")


def _port(text: str) -> int:
    port = _whole_number(text)
    if not 0 <= port <= 65535:
        raise argparse.ArgumentTypeError(f"端口 {port} 不在 0 到 65535 之间")
    return port


def _whole_number(text: str) -> int:
    try:
        return int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"“{text}”不是整数") from None
