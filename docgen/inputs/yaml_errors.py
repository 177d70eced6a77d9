"""PyYAML's errors → Chinese messages naming the line and saying what to do.

PyYAML notices a slip a line or two after it was made (a key written with a
Chinese colon is read as text, and the error comes at the next key). The common
slips are recognised on the lines themselves, so the message names the line to
change and the change to make.

A value that starts with a character YAML reserves (``title: "三会一课"落实``,
``*重点*``, ``[重点]``, ``- 党建``, ``@``, ``%``, ``!``, ``&``, ``>``, ``|``, a backquote) is told as such,
with the line written as it should be, whether YAML refuses the line (here) or
reads it as something other than text (``reserved_start``, for the reader).
No message carries PyYAML's English.
"""

from __future__ import annotations

import functools
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
# A value where it starts: after "key: ", or after the "- " of a list entry.
_VALUE_AT = re.compile(r"^ *(?P<dashes>(?:- +)*)(?:(?P<key>[A-Za-z_][A-Za-z0-9_]*)[ \t]*:[ \t]+)?(?P<value>\S.*?)\s*$")
# What YAML takes each reserved first character for; "-", "?" only before a space (-1 is text).
_RESERVED = {
    "*": "别名（docgen 不支持 YAML 的锚点和别名）",
    "&": "锚点（docgen 不支持 YAML 的锚点和别名）",
    "!": "标签",
    "-": "列表的一项",
    "?": "键",
    "[": "列表",
    "{": "“键: 值”",
    "|": "多行文字块的开头",
    ">": "多行文字块的开头",
    "@": "保留的符号",
    "`": "保留的符号",
    "%": "指令",
}
_SPACED_INDICATORS = "-?"
_QUOTES = "\"'"


def unmarked_error(path: Path, text: str, exc: yaml.YAMLError) -> InputError:
    """A YAML error that carries no mark: a character YAML does not allow (U+007F, U+0080 …)."""
    if isinstance(exc, yaml.reader.ReaderError) and isinstance(exc.character, int):
        # libyaml counts its position in bytes: find the character itself, its first place is the one read.
        line = text[: text.find(chr(exc.character))].count("\n") + 1
        return InputError(f"文件中有 YAML 不允许的字符（U+{exc.character:04X}），请删除它", Origin(path, line))
    return InputError("文件中有 YAML 读不了的内容，请检查是否混进了乱码或从别处复制来的特殊字符", Origin(path))


def syntax_error(path: Path, exc: yaml.MarkedYAMLError, text: str = "") -> InputError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = exc.problem or ""
    lines = text.split("\n")
    unclosed = "quoted scalar" in (exc.context or "") and "end of stream" in problem
    reserved = None if unclosed else _reserved_near(lines, exc)
    if reserved:
        return InputError(reserved[1], Origin(path, reserved[0]))
    slip = _slip_near(lines, line) if line and _is_structure_error(problem) else None
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
    elif unclosed and exc.context_mark:
        hint = "这里开始的引号一直没有闭合，请补上结束的引号，或去掉开头的引号"
        line = exc.context_mark.line + 1
    elif "another document" in problem:
        hint = "一个文件只能写一份报告：这里的“---”开始了第二份，请删除这一行，或把后面的内容另存为一个文件"
    elif "escape" in problem:
        hint = "双引号里的反斜杠“\\”写法不对：去掉两边的双引号，或把“\\”写成“\\\\”"
    else:
        hint = "这一行不合 YAML 的写法：请对照 README“输入文件怎么写”检查这一行和上一行的缩进、冒号和引号"
    return InputError(hint, Origin(path, line))


def reserved_start(line: str) -> str | None:
    """What to say of the value on ``line`` that YAML read as other than text (a list, an anchor,
    a tag, a comment) because of the character it starts with; None where it starts otherwise."""
    match = _value_at(line)
    if not match or not _is_reserved(match["value"]):
        return None
    return _reserved_message(match["key"], match["value"])


def _reserved_near(lines: list[str], exc: yaml.MarkedYAMLError) -> tuple[int, str] | None:
    """The line (1-based) and message where YAML stopped at a value starting with a reserved character."""
    for mark in (exc.problem_mark, exc.context_mark):
        if mark is None or mark.line >= len(lines):
            continue
        match = _value_at(lines[mark.line])
        if match and _is_reserved(match["value"]) and not _reads_as_text(match["value"]):
            return mark.line + 1, _reserved_message(match["key"], match["value"])
    return None


def _value_at(line: str) -> re.Match | None:
    """The value of a ``key: value`` line or of a ``- value`` list entry."""
    match = _VALUE_AT.match(line)
    return match if match and (match["key"] or match["dashes"]) else None


def _is_reserved(value: str) -> bool:
    first = value[0]
    if first in _SPACED_INDICATORS:
        return value[1:2] in ("", " ", "\t")
    if first in _QUOTES:  # a quote used as a Chinese one: text goes on after its pair
        closing = value.find(first, 1)
        after = value[closing + 1 :].strip() if closing > 0 else ""
        return bool(after) and not after.startswith("#")
    return first in _RESERVED or first == "#"


@functools.lru_cache(maxsize=64)
def _reads_as_text(value: str) -> bool:
    """Whether YAML reads ``value``, after a key, as one piece of text."""
    try:
        node = yaml.compose(f"k: {value}", Loader=yaml.BaseLoader)
    except yaml.YAMLError:
        return False
    return isinstance(node.value[0][1], yaml.ScalarNode)


def _reserved_message(key: str | None, value: str) -> str:
    where = f"“{key}”的内容" if key else "这一项的内容"
    lead = f"{key}: " if key else "- "
    first = value[0]
    if first in _QUOTES:
        closing = value.find(first, 1)
        quoted = value[1:closing] if closing > 0 else value[1:]
        return (
            f"{where}以英文引号“{first}”开头：YAML 把两个英文引号之间的“{quoted}”当作全部内容，后面的字就多出来了。"
            f"请改用中文引号：{lead}{_chinese_quotes(value)}"
        )
    if first == "#":
        told = f"{where}以“#”开头，YAML 把“#”及后面的字当作说明，内容就成了空的。"
    else:
        told = f"{where}以“{first}”开头，YAML 把“{first}”当作{_RESERVED[first]}，读不成文字。"
    fixes = []
    quoted = _quoted(value)
    if quoted:
        fixes.append(f"在内容两边加英文引号：{lead}{quoted}")
    if key:
        fixes.append(f"把内容写在“|”下面：写成“{key}: |”，内容放到下一行并多缩进两格")
    return told + "请" + "；或者".join(fixes)


def _quoted(value: str) -> str | None:
    """``value`` in quotes YAML reads back as it is, where that needs no escapes."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    if "'" not in value:
        return f"'{value}'"
    return None


def _chinese_quotes(value: str) -> str:
    """``value`` with its English quotes made Chinese ones, opening and closing in turn."""
    pieces = re.split("[\"']", value)
    marks = ["“", "”"] * len(pieces)
    return "".join(piece + (marks[i] if i < len(pieces) - 1 else "") for i, piece in enumerate(pieces))


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
