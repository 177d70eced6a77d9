"""Old and foreign word-processor files (.doc, .wps, .rtf, .odt) → paragraphs,
by letting LibreOffice save them as .docx and reading that.

All such files of one import are converted in one batch (``office.instances``:
as few LibreOffice starts as the cores allow, since starting one takes longer
than converting a report); each file keeps its own result, so one LibreOffice
cannot convert is named while the others are read.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ..core.findings import CONVERTED, Finding
from ..core.model import Origin
from ..errors import DocgenError, InputError
from ..fs.input_file import cannot_read, copy_input_file
from ..fs.safe_zip import MAX_DOCX_BYTES
from ..fs.tempfolders import temporary_folder
from ..office.instances import convert_to_docx
from ..office.soffice import find_soffice
from .docx_reader import read_docx_paragraphs
from .paragraphs import Para

SAVE_AS_DOCX = "在 Word 或 WPS 中打开它，“另存为”.docx 格式后再导入"


@dataclass(frozen=True)
class OldFormat:
    """How a file LibreOffice converts is named in messages (旧版 Word（.doc）…) and the suffix it opens it by."""

    label: str
    suffix: str


@dataclass
class Conversion:
    """One file's conversion: the .docx LibreOffice made of it, or why there is none."""

    path: Path
    format: OldFormat
    docx: Path | None = None
    problem: InputError | None = None

    def paragraphs(self) -> tuple[list[Para], list[Finding]]:
        if self.problem is not None:
            raise self.problem
        paragraphs, notes = read_docx_paragraphs(self.docx)
        # The paragraphs were read from the converted copy: they belong to the user's file.
        paragraphs = [replace(p, origin=replace(p.origin, path=self.path)) for p in paragraphs]
        said = Finding(CONVERTED, Origin(self.path), f"这是{self.format.label}文件，已用 LibreOffice 转换后导入")
        return paragraphs, [said] + notes


def read_converted(path: Path, label: str, suffix: str) -> tuple[list[Para], list[Finding]]:
    """The paragraphs of ``path``, a ``label`` file (旧版 Word（.doc）…) LibreOffice opens as ``suffix``."""
    with converted_together({path: OldFormat(label, suffix)}) as conversions:
        return conversions[path].paragraphs()


@contextmanager
def converted_together(files: dict[Path, OldFormat]) -> Iterator[dict[Path, Conversion]]:
    """Each of ``files`` converted to .docx, all in one batch of LibreOffice conversions;
    the .docx files last as long as the context."""
    conversions = {path: Conversion(path, old_format) for path, old_format in files.items()}
    if not files:
        yield conversions
        return
    if find_soffice() is None:
        for conversion in conversions.values():
            conversion.problem = _needs_libreoffice(conversion)
        yield conversions
        return
    with temporary_folder("import") as work:
        copies = _copies(conversions.values(), Path(work))
        try:
            outputs = convert_to_docx(list(copies), Path(work) / "converted") if copies else {}
        except DocgenError as failure:  # LibreOffice could not be started
            outputs = {copy: failure.message.splitlines()[0] for copy in copies}
        for copy, conversion in copies.items():
            made = outputs[copy]
            if isinstance(made, Path):
                conversion.docx = made
            else:
                conversion.problem = _not_converted(conversion, made)
        yield conversions


def _copies(conversions, work: Path) -> dict[Path, Conversion]:
    """Each file copied into ``work`` under a plain, distinct name with the suffix LibreOffice
    expects (the user's name may be anything) → its conversion; a file that cannot be read is
    given its problem instead."""
    copies: dict[Path, Conversion] = {}
    for number, conversion in enumerate(conversions, 1):
        copy = work / f"document{number}{conversion.format.suffix}"
        try:
            # As large as a .docx may be: LibreOffice's .docx of it is read under that limit too.
            copy_input_file(conversion.path, copy, MAX_DOCX_BYTES)
        except InputError as problem:
            conversion.problem = problem
            continue
        except OSError as exc:  # writing the copy
            conversion.problem = cannot_read(exc, conversion.path)
            continue
        copies[copy] = conversion
    return copies


def _needs_libreoffice(conversion: Conversion) -> InputError:
    return InputError(
        f"这是{conversion.format.label}文件，需要 LibreOffice 才能导入：请安装 LibreOffice"
        f"（https://zh-cn.libreoffice.org/download/），或{SAVE_AS_DOCX}",
        Origin(conversion.path),
    )


def _not_converted(conversion: Conversion, reason: str) -> InputError:
    """LibreOffice made nothing of the file: it failed, crashed or ran out of time."""
    return InputError(
        f"LibreOffice 无法转换这个{conversion.format.label}文件（可能已损坏或加了密码）：请{SAVE_AS_DOCX}"
        f"\n（LibreOffice：{reason}）",
        Origin(conversion.path),
    )
