"""What ``docgen build`` made: the result the build returns and its LibreOffice
outputs (``render``) complete, and how it reports progress."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from ..core.findings import Finding
from ..core.model import Volume
from ..docx.template_fill import Template

if TYPE_CHECKING:
    from ..office.verify import Mismatch

Progress = Callable[[int, int], None]


@dataclass
class BuildResult:
    volume: Volume
    volume_path: Path
    report_paths: list[Path]
    start_pages: list[int]  # the 目录's page numbers, one a report
    warnings: list[Finding] = field(default_factory=list)  # what reading the inputs noticed (file, line, kind)
    template: Template | None = field(default=None, repr=False)
    removed: list[Path] = field(default_factory=list)  # docgen's own stale outputs, removed
    folder_notes: list[Finding] = field(default_factory=list)  # about the output folder: a write recovered, a record ignored
    findings: list[Finding] = field(default_factory=list)  # what docgen check finds in the inputs
    pdf_paths: list[Path] = field(default_factory=list)
    rendered: bool = False  # LibreOffice laid the volume out (verify or exact)
    mismatches: list[Mismatch] = field(default_factory=list)  # model vs LibreOffice, before --exact corrected them

    @property
    def files(self) -> list[Path]:
        """Every file this build wrote."""
        return [*self.report_paths, self.volume_path, *self.pdf_paths]


@dataclass
class Outputs:
    """The files a build of a volume (and ``docgen summary``) leave in the output folder,
    those that are there now; ``None`` where one is not."""

    volume: Path | None
    volume_pdf: Path | None
    reports: list[tuple[str, Path | None, Path | None]]  # unit, its .docx, its PDF
    ledger: Path | None  # 问题清单.xlsx
    analysis: Path | None  # 共性问题分析.docx
