"""PyYAML's errors → Chinese messages naming the line and saying what to do."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..errors import InputError
from ..model import Origin


def unmarked_error(path: Path, text: str, exc: yaml.YAMLError) -> InputError:
    """A YAML error that carries no mark: a character YAML does not allow (U+007F, U+0080 …)."""
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        # libyaml counts its position in bytes: find the character itself, its first place is the one read.
        line = text[: text.find(chr(exc.character))].count("\n") + 1
        return InputError(f"文件中有 YAML 不允许的字符（U+{exc.character:04X}），请删除它", Origin(path, line))
    return InputError(f"YAML 格式错误：{exc}", Origin(path))


def syntax_error(path: Path, exc: yaml.MarkedYAMLError) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or ""
    if "\t" in problem or "tab" in problem.lower() or (
        mark is not None and mark.buffer and mark.pointer < len(mark.buffer) and mark.buffer[mark.pointer] == "\t"
    ):
        hint = "这一行用了 Tab 键缩进，YAML 只能用空格缩进"
    elif "mapping values are not allowed" in problem:
        hint = "文字里有英文冒号加空格“: ”，请改成中文冒号“：”，或把文字写成“|”块"
    elif "could not find expected ':'" in problem or "expected <block end>" in problem:
        hint = "缩进对不齐，或少了英文冒号“:”"
    elif "special characters are not allowed" in problem or "unacceptable character" in problem:
        hint = "文件中有不可见的控制字符，请删除"
    elif "quoted scalar" in (exc.context or "") and "end of stream" in problem and exc.context_mark:
        hint = "这里开始的引号一直没有闭合，请补上结束的引号，或去掉开头的引号"
        line = exc.context_mark.line + 1
    elif "another document" in problem:
        hint = "一个文件只能写一份报告：这里的“---”开始了第二份，请删除这一行，或把后面的内容另存为一个文件"
    elif "escape" in problem:
        hint = "双引号里的反斜杠“\\”写法不对：去掉两边的双引号，或把“\\”写成“\\\\”"
    else:
        hint = f"YAML 格式错误（{problem}）"
    return InputError(hint, Origin(path, line))
