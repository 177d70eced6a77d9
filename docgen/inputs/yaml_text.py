"""The text of a YAML input, beside what YAML itself reads: its encoding, how deep
it nests, and text YAML would quietly take for a comment."""

from __future__ import annotations

import codecs
from pathlib import Path

import yaml

from ..core.findings import TEXT_AFTER_COMMENT, Finding
from ..core.model import Origin
from ..errors import InputError

# A report nests five deep (report → sections → section → items → item); far
# deeper is no report, and the pure-Python YAML composer recurses per level.
MAX_DEPTH = 50

_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
_SAVE_AS_UTF8 = "请用记事本打开，“另存为”时把编码选为 UTF-8 后再试"


def decode_yaml(data: bytes, path: Path) -> str:
    """The text of a YAML file, which must be UTF-8 (with or without the BOM Notepad writes)."""
    if data.startswith(_UTF16_32_BOMS) or _looks_utf16(data[:1024]):
        raise InputError(f"文件是 UTF-16 编码（记事本的“Unicode”），不是 UTF-8。{_SAVE_AS_UTF8}", Origin(path))
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"文件不是 UTF-8 编码（可能是 GBK/GB18030）。{_SAVE_AS_UTF8}", Origin(path, line)) from None


def _looks_utf16(head: bytes) -> bool:
    """UTF-16 without its BOM: a NUL byte in every ASCII character (a stray NUL in UTF-8 is dropped later)."""
    return len(head) >= 4 and head.count(0) * 4 >= len(head)


def too_deep_error(path: Path, text: str) -> InputError:
    """The error for ``text`` nested deeper than a report ever is, on the line where it gets too deep."""
    depth = 0
    line = None
    try:
        for event in yaml.parse(text, Loader=yaml.BaseLoader):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    line = event.start_mark.line + 1
                    break
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else None
    return InputError(
        f"内容一层套一层，嵌套太深（超过 {MAX_DEPTH} 层），不像是一份报告：请检查这里的方括号“[”“{{”或缩进",
        Origin(path, line),
    )


def comment_after_text(path: Path, lines: list[str], node: yaml.ScalarNode) -> Finding | None:
    """A warning if a plain value is followed on its line by “ #…”, which YAML drops as a comment.

    ``title: 建立“党员积分制” #管理。`` gives the title 建立“党员积分制”: the rest is
    lost without a word unless we say so.
    """
    if node.style not in (None, "") or node.end_mark is None:
        return None
    number = node.end_mark.line
    if number >= len(lines):
        return None
    rest = lines[number][node.end_mark.column :].strip()
    if not rest.startswith("#"):
        return None
    key = _key_of(lines[node.start_mark.line])
    block = f"写成“{key}: |”，文字放到下一行并多缩进两格" if key else "把这段文字写成“|”块"
    return Finding(
        TEXT_AFTER_COMMENT,
        Origin(path, number + 1),
        f"“{_shorten(rest)}”跟在文字后面，被当作说明，不会出现在报告里；如果它是正文的一部分，请{block}",
    )


def _key_of(line: str) -> str | None:
    """The key of a ``key: value`` line (``- title: …`` → title)."""
    content = line.strip().removeprefix("- ").strip()
    key, colon, _ = content.partition(": ")
    return key if colon and key.isascii() and key.replace("_", "").isalnum() else None


def _shorten(text: str, limit: int = 20) -> str:
    return text if len(text) <= limit else text[:limit] + "……"
