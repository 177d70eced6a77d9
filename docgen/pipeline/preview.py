"""``docgen preview [NAME]``: PNG pictures of the pages, for a look without Word."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from ..errors import EnvironmentProblem, InputError, UsageError
from ..fs.filenames import PREVIEW_FOLDER
from ..fs.publish import Publication
from ..fs.tempfolders import temporary_folder
from ..office.instances import convert_to_pdf
from ..office.pdftext import require_tool
from ..office.soffice import require_soffice
from .build import BuildResult, build

# Below, a page is a smudge; above, pdftoppm makes pictures of hundreds of
# megabytes, or (past its own limit) a blank 1×1 picture without complaint.
DPI_RANGE = range(36, 601)
_LISTED_UNITS = 20  # enough to spot a typing slip without a screenful of names


def preview(inputs: Path, out: Path, name: str | None = None, dpi: int = 72) -> list[Path]:
    """Render the volume (or the report of unit ``name``) and write one PNG a page."""
    if dpi not in DPI_RANGE:
        raise UsageError(f"图片分辨率 --dpi 应在 {DPI_RANGE.start} 到 {DPI_RANGE.stop - 1} 之间，现在是 {dpi}")
    require_soffice()
    pdftoppm = require_tool("pdftoppm")
    with temporary_folder("preview") as work:
        result = build(inputs, Path(work) / "docx")
        document = _document(result, name)
        [pdf] = convert_to_pdf([document], Path(work), blank_pages=result.volume.settings.duplex)
        prefix = Path(work) / "png" / document.stem
        prefix.parent.mkdir()
        finished = subprocess.run([pdftoppm, "-png", "-r", str(dpi), str(pdf), str(prefix)], capture_output=True)
        if finished.returncode != 0:
            raise EnvironmentProblem(f"pdftoppm 无法生成图片：{finished.stderr.decode(errors='replace').strip()}")
        return _publish(sorted(prefix.parent.glob("*.png")), out, document.stem)


def _document(result: BuildResult, name: str | None) -> Path:
    if name is None:
        return result.volume_path
    units = [report.unit for report in result.volume.reports]
    if name.strip() in units:  # the reader strips unit names too
        return result.report_paths[units.index(name.strip())]
    listed = "、".join(units[:_LISTED_UNITS]) + (f" 等 {len(units)} 份" if len(units) > _LISTED_UNITS else "")
    raise InputError(f"没有单位名称为“{name}”的报告。可用的有：{listed}")


def preview_images(out: Path, stem: str) -> list[Path]:
    """The page pictures ``preview`` left in ``out`` of the document ``stem``, in page order."""
    own_pages = re.compile(re.escape(f"{stem}-") + r"(\d+)\.png")
    folder = out / PREVIEW_FOLDER
    if not folder.is_dir():
        return []
    pages = {path: own_pages.fullmatch(path.name) for path in folder.iterdir()}
    return sorted((path for path, page in pages.items() if page and path.is_file()), key=lambda path: int(pages[path].group(1)))


def _publish(pngs: list[Path], out: Path, stem: str) -> list[Path]:
    """The new pages in ``out``/preview, published with the removal of the pages of an
    earlier, longer version of the same document (not those of a unit named 单位-2 when
    previewing 单位)."""
    own_pages = re.compile(re.escape(f"{PREVIEW_FOLDER}/{stem}-") + r"\d+\.png")
    with Publication(out, record=True, scope=lambda name: own_pages.fullmatch(name) is not None) as publication:
        for png in pngs:
            publication.copy(f"{PREVIEW_FOLDER}/{png.name}", png)
    return publication.written
