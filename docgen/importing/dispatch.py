"""The reader for each file 社区 send (Word, WPS, RTF, ODT, text), chosen by what
the file really is; the old formats of an import converted first, all together (``office.instances``)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from ..core.findings import Finding
from ..core.model import Origin
from ..errors import InputError
from ..fs.input_file import regular_file
from .converted import Conversion, OldFormat, converted_together, read_converted
from .docx_reader import read_docx_paragraphs
from .paragraphs import Para
from .sniff import DOCX, ODT, OLE, OTHER, PDF, RTF, sniff
from .text_reader import read_text_paragraphs

Reader = Callable[[Path], tuple[list[Para], list[Finding]]]

TEXT_SUFFIXES = (".txt", ".md")
# What LibreOffice converts: suffix → how messages name the format.
CONVERTED = {".doc": "旧版 Word（.doc）", ".wps": "WPS（.wps）", ".rtf": "RTF（.rtf）", ".odt": "OpenDocument（.odt）"}
_CONVERTED_FORMATS = {OLE: ".doc", RTF: ".rtf", ODT: ".odt"}
IMPORTABLE = (".docx", *TEXT_SUFFIXES, *CONVERTED)


def read_paragraphs(path: Path) -> tuple[list[Para], list[Finding]]:
    """The paragraphs of any file a report may come in, and the notes reading it raised."""
    if not path.exists():
        raise InputError("找不到这个文件", Origin(path))
    with regular_file(path):  # a FIFO or a device is refused here, before anything blocks on it
        pass
    return reader_for(path)(path)


@contextmanager
def converted_first(paths: list[Path]) -> Iterator[dict[Path, Conversion]]:
    """The old-format files among ``paths`` converted to .docx, all together (LibreOffice started once a core):
    each such path → its conversion, for ``read_file``; the .docx files last as long as the context."""
    # Only regular files: sniffing a FIFO would block (read_paragraphs refuses it instead).
    formats = {path: _old_format(sniff(path), path.suffix.lower()) for path in paths if path.is_file()}
    old = {path: old_format for path, old_format in formats.items() if old_format is not None}
    with converted_together(old) as conversions:
        yield conversions


def read_file(path: Path, conversion: Conversion | None = None) -> tuple[list[Para], list[Finding]]:
    """``read_paragraphs``, or where LibreOffice converted the file first, the paragraphs of its conversion."""
    return read_paragraphs(path) if conversion is None else conversion.paragraphs()


def _old_format(sniffed: str, suffix: str) -> OldFormat | None:
    """What a file in the ``sniffed`` format named with ``suffix`` is if LibreOffice has to convert it; None otherwise."""
    if sniffed in _CONVERTED_FORMATS:
        # An OLE file is a .doc or a .wps (WPS saves in Word's old format): name it as the user did.
        named = suffix if sniffed == OLE and suffix in (".doc", ".wps") else _CONVERTED_FORMATS[sniffed]
        return OldFormat(CONVERTED[named], _CONVERTED_FORMATS[sniffed])
    if sniffed == OTHER and suffix in CONVERTED:
        return OldFormat(CONVERTED[suffix], suffix)
    return None


def reader_for(path: Path) -> Reader:
    """The reader for ``path``: by its content where that is telling, else by its extension."""
    sniffed, suffix = sniff(path), path.suffix.lower()
    if sniffed == DOCX:
        return read_docx_paragraphs
    converted = _old_format(sniffed, suffix)
    if converted is not None:
        return lambda path: read_converted(path, converted.label, converted.suffix)
    if sniffed == PDF:
        raise InputError("不能导入 PDF 文件：请用报告的 Word 原文件（.docx、.doc、.wps）或文本文件导入", Origin(path))
    if suffix in TEXT_SUFFIXES:
        return read_text_paragraphs
    if suffix == ".docx":
        return read_docx_paragraphs  # it says the file is no Word file
    listed = "、".join(IMPORTABLE)
    raise InputError(f"不支持的文件类型“{path.suffix or '无扩展名'}”：只能导入 {listed} 文件", Origin(path))
