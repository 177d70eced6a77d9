"""Old and foreign word-processor files (.doc, .wps, .rtf, .odt) → paragraphs,
by letting LibreOffice save them as .docx and reading that."""

from __future__ import annotations

import shutil
import tempfile
from dataclasses import replace
from pathlib import Path

from ..errors import DocgenError, InputError
from ..findings import CONVERTED, Finding
from ..model import Origin
from ..renderer.soffice import convert_to_docx, find_soffice
from .docx_reader import read_docx_paragraphs
from .input_file import cannot_read
from .paragraphs import Para

SAVE_AS_DOCX = "在 Word 或 WPS 中打开它，“另存为”.docx 格式后再导入"


def read_converted(path: Path, label: str, suffix: str) -> tuple[list[Para], list[Finding]]:
    """The paragraphs of ``path``, a ``label`` file (旧版 Word（.doc）…) LibreOffice opens as ``suffix``."""
    if find_soffice() is None:
        raise InputError(
            f"这是{label}文件，需要 LibreOffice 才能导入：请安装 LibreOffice"
            f"（https://zh-cn.libreoffice.org/download/），或{SAVE_AS_DOCX}",
            Origin(path),
        )
    with tempfile.TemporaryDirectory(prefix="docgen-import-") as work:
        # A plain name with the suffix LibreOffice expects: the user's name may be anything.
        source = Path(work) / f"document{suffix}"
        try:
            shutil.copyfile(path, source)
        except OSError as exc:
            raise cannot_read(exc, path) from None
        try:
            [docx] = convert_to_docx([source], Path(work) / "converted")
        except DocgenError as failure:  # LibreOffice made nothing of it, failed or ran out of time
            raise InputError(
                f"LibreOffice 无法转换这个{label}文件（可能已损坏或加了密码）：请{SAVE_AS_DOCX}"
                f"\n（LibreOffice：{failure.message.splitlines()[0]}）",
                Origin(path),
            ) from None
        paragraphs, notes = read_docx_paragraphs(docx)
    # The paragraphs were read from the converted copy: they belong to the user's file.
    paragraphs = [replace(p, origin=replace(p.origin, path=path)) for p in paragraphs]
    return paragraphs, [Finding(CONVERTED, Origin(path), f"这是{label}文件，已用 LibreOffice 转换后导入")] + notes
