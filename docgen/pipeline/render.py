"""``build --pdf / --verify / --exact``: what LibreOffice makes of a finished build.

One batch of conversions (spread over LibreOffice instances, ``office.instances``)
converts everything the build asked for; the volume's PDF then tells on which
page each report really starts. It all happens inside
the build's publication: the Word files are converted before they are
published, and the PDFs are published with them, or nothing is.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from ..docx.volume import volume_docx
from ..errors import InternalError
from ..fs.publish import Publication
from ..fs.tempfolders import temporary_folder
from ..office.instances import convert_to_pdf
from ..office.pdftext import read_pages, require_tool
from ..office.soffice import require_soffice
from ..office.verify import Mismatch, describe, page_mismatches, rendered_start_pages
from .result import BuildResult


@dataclass
class RenderOutcome:
    result: BuildResult  # the build, rebuilt when --exact changed the 目录
    pdf_paths: list[Path] = field(default_factory=list)
    mismatches: list[Mismatch] = field(default_factory=list)  # model vs LibreOffice, before any correction


def render_outputs(result: BuildResult, publication: Publication, pdf: bool, verify: bool, exact: bool) -> RenderOutcome:
    require_soffice()
    if verify or exact:
        require_tool("pdftotext")
    outcome = RenderOutcome(result)
    with temporary_folder("pdf") as work:
        documents = (result.report_paths if pdf else []) + [result.volume_path]
        duplex = result.volume.settings.duplex  # its PDF has the blank pages a printer needs
        pdfs = convert_to_pdf([publication.staged(d) for d in documents], Path(work), blank_pages=duplex)
        if verify or exact:
            titles = result.volume.numbered_titles()
            rendered = rendered_start_pages(read_pages(pdfs[-1]), titles)
            outcome.mismatches = page_mismatches(titles, result.start_pages, rendered)
        if exact and outcome.mismatches:
            outcome.result = _rebuild_with(result, rendered, outcome.mismatches, publication)
            if pdf:  # only the 目录 changed: LibreOffice again for the volume alone
                exact_work = Path(work) / "exact"
                exact_work.mkdir()
                pdfs[-1] = convert_to_pdf([publication.staged(result.volume_path)], exact_work, blank_pages=duplex)[0]
        if pdf:
            outcome.pdf_paths = [publication.copy(p.name, p) for p in pdfs]
    return outcome


def _rebuild_with(
    result: BuildResult, rendered: list[int | None], mismatches: list[Mismatch], publication: Publication
) -> BuildResult:
    """The volume again, with LibreOffice's pages in the 目录."""
    if None in rendered:
        missing = "；".join(describe(m) for m in mismatches if m.rendered_page is None)
        raise InternalError(f"在 PDF 中找不到这些报告的开头，无法改写目录页码：{missing}")
    return rewrite_volume(result, [p for p in rendered if p is not None], publication)


def rewrite_volume(result: BuildResult, pages: list[int], publication: Publication) -> BuildResult:
    """The volume of ``result`` written again with ``pages`` in its 目录 (``build --exact``)."""
    publication.write(result.volume_path.name, volume_docx(result.volume, pages, result.template))
    return replace(result, start_pages=pages)


def mismatch_message(mismatches: list[Mismatch]) -> str:
    lines = "\n".join(f"  {describe(m)}" for m in mismatches)
    return (
        f"目录中有 {len(mismatches)} 处页码与 LibreOffice 的排版不一致：\n{lines}\n"
        "文件已经生成；可先用 docgen build --exact 按实际排版写入页码。"
    )
