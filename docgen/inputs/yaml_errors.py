"""PyYAML's errors → Chinese messages naming the line and saying what to do.

PyYAML notices a slip a line or two after it was made (a key written with a
Chinese colon is read as text, and the error comes at the next key). The common
slips are recognised on the lines themselves, so the message names the line to
change and the change to make.
"""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from ..core import schema
from ..core.model import Origin
from ..errors import InputError

# Without a colon, only a key of the report format is surely a key (“Word 文档” is text).
_SCHEMA_KEYS = frozenset(
    key.name for shape in vars(schema).values() if isinstance(shape, schema.Shape) for key in shape.keys
)

# A key as people type it: an ASCII word at the start of a line, after "- " in a list.
_KEY = r"(?P<key>[A-Za-z_][A-Za-z0-9_]*)"
_LINE_START = r"^(?P<indent> *)(?P<dash>- +)?"
_CHINESE_COLON = re.compile(_LINE_START + _KEY + r"[ \u3000]*[：﹕︰](?P<rest>.*)$")
_MISSING_COLON = re.compile(_LINE_START + _KEY + r"[ \t\u3000]+(?P<rest>[^:：\s].*)$")
_NO_SPACE = re.compile(_LINE_START + _KEY + r":(?P<rest>[^\s].*)$")
_BLOCK_INDICATORS = ("|", "|-", "|+", ">", ">-", ">+")
_KEY_LINE = re.compile(_LINE_START + _KEY + r":(?:[ \t]+(?P<rest>.*))?$")


def unmarked_error(path: Path, text: str, exc: yaml.YAMLError) -> InputError:
    """A YAML error that carries no mark: a character YAML does not allow (U+007F, U+0080 …)."""
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        # libyaml counts its position in bytes: find the character itself, its first place is the one read.
        line = text[: text.find(chr(exc.character))].count("\n") + 1
        return InputError(f"文件中有 YAML 不允许的字符（U+{exc.character:04X}），请删除它", Origin(path, line))
    return InputError(f"YAML 格式错误：{exc}", Origin(path))


def syntax_error(path: Path, exc: yaml.MarkedYAMLError, text: str = "") -> InputError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or ""
    slip = _slip_near(text.split("\n"), line) if line and _is_structure_error(problem) else None
    if slip:
        return InputError(slip[1], Origin(path, slip[0]))
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


def scalar_slip(value: str) -> str | None:
    """What is wrong with text where “key: value” was expected, if it is a known slip."""
    return _line_slip(value)


def _is_structure_error(problem: str) -> bool:
    return any(
        words in problem
        for words in ("mapping values are not allowed", "could not find expected ':'", "expected <block end>")
    )


def _slip_near(lines: list[str], line: int) -> tuple[int, str] | None:
    """The line (1-based) and message of a known slip at or just before ``line``, where YAML stopped."""
    here = line - 1
    before = _previous_content_line(lines, here)
    if before is not None:
        message = _line_slip(lines[before]) or _block_slip(lines, before)
        if message:
            return before + 1, message
    if here < len(lines):
        message = _line_slip(lines[here]) or _indent_slip(lines, here, before)
        if message:
            return line, message
    return None


def _line_slip(line: str) -> str | None:
    """A key written with a Chinese colon, without its colon, or without the space after it."""
    for pattern, fault in (
        (_CHINESE_COLON, "后面用了中文冒号“：”"),
        (_NO_SPACE, "后面的英文冒号“:”后少了一个空格"),
        (_MISSING_COLON, "后面少了英文冒号“:”"),
    ):
        match = pattern.match(line)
        if match and (pattern is not _MISSING_COLON or match["key"] in _SCHEMA_KEYS):
            key, rest = match["key"], match["rest"].strip()
            fixed = f"{match['dash'] or ''}{key}: {rest}".strip()
            return f"“{key}”{fault}。键和内容之间要用英文冒号加一个空格，请写成“{fixed}”"
    return None


def _indent_slip(lines: list[str], here: int, before: int | None) -> str | None:
    """A key indented deeper than the key before it, which holds a value of its own."""
    current = _KEY_LINE.match(lines[here])
    previous = _KEY_LINE.match(lines[before]) if before is not None else None
    if not current or not previous or not (previous["rest"] or "").strip():
        return None
    previous_column = len(previous["indent"]) + len(previous["dash"] or "")
    extra = len(current["indent"]) - previous_column
    if current["dash"] or extra <= 0:
        return None
    return (
        f"这一行多缩进了 {extra} 个空格：“{current['key']}:”应当与上一行的“{previous['key']}:”左边对齐"
        f"（同一条里的各项左边对齐）"
    )


def _block_slip(lines: list[str], here: int) -> str | None:
    """The first line of a ``|`` block indented no deeper than its key: YAML ends the block before it."""
    before = _previous_content_line(lines, here)
    opener = _KEY_LINE.match(lines[before]) if before is not None else None
    if not opener or (opener["rest"] or "").strip() not in _BLOCK_INDICATORS:
        return None
    key_column = len(opener["indent"]) + len(opener["dash"] or "")
    if len(lines[here]) - len(lines[here].lstrip(" ")) > key_column:
        return None
    return f"“{opener['key']}: {opener['rest'].strip()}”下面的文字要比“{opener['key']}”多缩进两个空格，这一行缩进不够"


def _previous_content_line(lines: list[str], here: int) -> int | None:
    """The index of the nearest line before ``here`` that holds more than a comment."""
    for index in range(min(here, len(lines)) - 1, -1, -1):
        stripped = lines[index].strip()
        if stripped and not stripped.startswith("#"):
            return index
    return None
