"""The readers of the files 社区 send, chosen by what each file really is.

Every reader turns one file into raw paragraphs (``paragraphs.Para``) and
notes on reading it; none of them knows what a report is — the recogniser
(``recognise``) makes reports of the paragraphs, whatever file they came from.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ..errors import InputError
from ..findings import Finding
from ..model import Origin
from .converted import read_converted
from .docx_reader import read_docx_paragraphs
from .input_file import regular_file
from .paragraphs import Para
from .sniff import DOCX, ODT, OLE, PDF, RTF, sniff
from .text_reader import read_text_paragraphs

Reader = Callable[[Path], tuple[list[Para], list[Finding]]]

TEXT_SUFFIXES = (".txt", ".md")
# What LibreOffice converts: suffix → how messages name the kind of file.
CONVERTED = {".doc": "旧版 Word（.doc）", ".wps": "WPS（.wps）", ".rtf": "RTF（.rtf）", ".odt": "OpenDocument（.odt）"}
_CONVERTED_KINDS = {OLE: ".doc", RTF: ".rtf", ODT: ".odt"}
IMPORTABLE = (".docx", *TEXT_SUFFIXES, *CONVERTED)


def read_paragraphs(path: Path) -> tuple[list[Para], list[Finding]]:
    """The paragraphs of any file a report may come in, and the notes reading it raised."""
    if not path.exists():
        raise InputError("找不到这个文件", Origin(path))
    with regular_file(path):  # a FIFO or a device is refused here, before anything blocks on it
        pass
    return reader_for(path)(path)


def reader_for(path: Path) -> Reader:
    """The reader for ``path``: by its content where that is telling, else by its extension."""
    kind, suffix = sniff(path), path.suffix.lower()
    if kind == DOCX:
        return read_docx_paragraphs
    if kind in _CONVERTED_KINDS:
        # An OLE file is a .doc or a .wps (WPS saves in Word's old format): name it as the user did.
        named = suffix if kind == OLE and suffix in (".doc", ".wps") else _CONVERTED_KINDS[kind]
        return _converter(CONVERTED[named], _CONVERTED_KINDS[kind])
    if kind == PDF:
        raise InputError("不能导入 PDF 文件：请用报告的 Word 原文件（.docx、.doc、.wps）或文本文件导入", Origin(path))
    if suffix in TEXT_SUFFIXES:
        return read_text_paragraphs
    if suffix == ".docx":
        return read_docx_paragraphs  # it says the file is no Word file
    if suffix in CONVERTED:
        return _converter(CONVERTED[suffix], suffix)
    listed = "、".join(IMPORTABLE)
    raise InputError(f"不支持的文件类型“{path.suffix or '无扩展名'}”：只能导入 {listed} 文件", Origin(path))


def _converter(label: str, suffix: str) -> Reader:
    return lambda path: read_converted(path, label, suffix)
