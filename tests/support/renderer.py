"""Test support for the LibreOffice tests: skip without the renderer, convert in one batch."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from docgen.office.instances import convert_to_pdf
from docgen.office.soffice import find_soffice


def require_renderer() -> None:
    """Skip the calling test where LibreOffice or poppler is not installed."""
    if find_soffice() is None:
        pytest.skip("LibreOffice (soffice) is not installed: apt-get install libreoffice-writer-nogui")
    for tool in ("pdftotext", "pdftoppm"):
        if shutil.which(tool) is None:
            pytest.skip(f"{tool} is not installed: apt-get install poppler-utils")


def convert_named(documents: dict[str, Path], work: Path) -> dict[str, Path]:
    """PDFs of ``documents`` (name → .docx) in one batch of conversions, by name."""
    staged = work / "staged"
    staged.mkdir(parents=True)
    copies = []
    for name, document in documents.items():
        copy = staged / f"{name}.docx"
        shutil.copyfile(document, copy)
        copies.append(copy)
    pdfs = convert_to_pdf(copies, work)
    return dict(zip(documents, pdfs))
