"""``docgen preview [NAME]``: PNG pictures of the pages, for a look without Word."""

from __future__ import annotations

import glob
import subprocess
import tempfile
from pathlib import Path

from ..build import build
from ..errors import InputError
from ..fileio import copy_into
from .pdftext import require_tool
from .soffice import convert_to_pdf, require_soffice

PREVIEW_FOLDER = "preview"


def preview(inputs: Path, out: Path, name: str | None = None, dpi: int = 72) -> list[Path]:
    """Render the volume (or the report of unit ``name``) and write one PNG a page."""
    require_soffice()
    pdftoppm = require_tool("pdftoppm")
    with tempfile.TemporaryDirectory(prefix="docgen-preview-") as work:
        result = build(inputs, Path(work) / "docx")
        document = _document(result, name)
        [pdf] = convert_to_pdf([document], Path(work))
        prefix = Path(work) / "png" / document.stem
        prefix.parent.mkdir()
        finished = subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(prefix)], capture_output=True)
        if finished.returncode != 0:
            raise InputError(f"pdftoppm 无法生成图片：{finished.stderr.decode(errors='replace').strip()}")
        return _publish(sorted(prefix.parent.glob("*.png")), out / PREVIEW_FOLDER, document.stem)


def _document(result, name: str | None) -> Path:
    if name is None:
        return result.volume_path
    for report, path in zip(result.volume.reports, result.report_paths):
        if report.unit == name:
            return path
    units = "、".join(r.unit for r in result.volume.reports)
    raise InputError(f"没有单位名称为“{name}”的报告。可用的有：{units}")


def _publish(pngs: list[Path], folder: Path, stem: str) -> list[Path]:
    """The new pages in ``folder``; then away with pages of an earlier, longer version."""
    published = copy_into(folder, pngs)
    for old in folder.glob(f"{glob.escape(stem)}-*.png"):
        if old not in published and old.stem[len(stem) + 1 :].isdigit():  # not 单位-2-1.png of unit 单位-2
            old.unlink()
    return published
