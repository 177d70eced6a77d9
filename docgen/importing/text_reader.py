"""A .txt or .md file → its paragraphs (one a line).

Text reaches an office as UTF-8 (with or without the BOM Notepad writes),
as GB18030/GBK (what Notepad on a Chinese Windows saves as "ANSI"), as
UTF-16 (Notepad's "Unicode"), pasted from WeChat, with CRLF line ends.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

from ..core.findings import CONTROL_CHARACTERS, Finding
from ..core.model import Origin
from ..core.sanitize import xml_safe
from ..errors import InputError
from ..fs.input_file import read_input_bytes
from .paragraphs import Para
from .sniff import OLE_MAGIC, ZIP_MAGIC

MAX_TEXT_BYTES = 5 * 1024 * 1024
MIN_COMMON_SHARE = 0.9  # of the non-ASCII characters of a GBK file, this many are common ones

_MARKDOWN_PREFIX = re.compile(r"^(?:#{1,6}\s+|>\s*)")
_MARKDOWN_BOLD = re.compile(r"^\*\*(.+)\*\*$")
_BLANK = " \t\u3000\xa0\ufeff"
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def read_text_paragraphs(path: Path) -> tuple[list[Para], list[Finding]]:
    """The non-empty lines of ``path`` and the notes reading them raised."""
    data = read_input_bytes(path, MAX_TEXT_BYTES)
    text, notes = decode(data, path)
    markdown = path.suffix.lower() == ".md"
    paragraphs = []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip(_BLANK)
        if markdown:
            line = _plain_markdown(line)
        if line:
            paragraphs.append(Para(line, Origin(path, number)))
    return paragraphs, notes


def decode(data: bytes, path: Path) -> tuple[str, list[Finding]]:
    """The text of a file in any encoding a Chinese office produces, and notes on it."""
    if data.startswith(ZIP_MAGIC):
        raise InputError("这是一个 Word（.docx）文件，扩展名却不是 .docx：请把扩展名改为 .docx 后再导入", Origin(path))
    if data.startswith(OLE_MAGIC):
        raise InputError("这是旧版 Word（.doc）文件：请在 Word 中“另存为”.docx 格式后再导入", Origin(path))
    # UTF-8 and GB18030 text never holds a NUL byte: this is UTF-16 without its BOM, or no text at all.
    if b"\x00" in data and not data.startswith(_UTF16_BOMS):
        raise InputError(
            "文件里有二进制内容，不是文本文件；如果是记事本存的“Unicode”文本，请“另存为”UTF-8 后再导入",
            Origin(path),
        )
    text, dropped = xml_safe(_decode_known(data, path))
    notes = [Finding(CONTROL_CHARACTERS, Origin(path), f"文件中有不可见的控制字符（{'、'.join(sorted(set(dropped)))}），已删除")] if dropped else []
    return text, notes


def _decode_known(data: bytes, path: Path) -> str:
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise InputError("文件是损坏的 UTF-16（Unicode）文本", Origin(path)) from None
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("gb18030")
    except UnicodeDecodeError as exc:
        raise _unknown_encoding(path, data[: exc.start].count(b"\n") + 1) from None
    if not _reads_as_chinese(text):
        raise _unknown_encoding(path, None)
    return text


def _unknown_encoding(path: Path, line: int | None) -> InputError:
    return InputError(
        "无法识别文件的编码（既不是 UTF-8，也不是 GBK/GB18030）。请用记事本打开它，"
        "“另存为”时把编码选为 UTF-8 后再导入",
        Origin(path, line),
    )


def _reads_as_chinese(text: str) -> bool:
    """Whether GB18030-decoded text is Chinese rather than another encoding's bytes
    read as GB18030 (Big5, Latin-1 …), which decode without error into rare characters.

    A report saved as GBK is almost all GB2312's common characters; the
    others are GBK extensions a wrong reading lands on.
    """
    wide = [char for char in text if ord(char) > 0x7F]
    if not wide:
        return True
    common = sum(1 for char in wide if _in_gb2312(char))
    return common >= MIN_COMMON_SHARE * len(wide)


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True


def _plain_markdown(line: str) -> str:
    line = _MARKDOWN_PREFIX.sub("", line)
    bold = _MARKDOWN_BOLD.match(line)
    return (bold.group(1) if bold else line).strip(_BLANK)
