"""One report → its own .docx."""

from __future__ import annotations

from ..model import Report
from .content import report_paragraphs
from .docx_template import Template


def report_docx(report: Report, title: str, template: Template) -> bytes:
    return template.render(
        lambda styles: report_paragraphs(report, title, styles),
        {"title": title, "unit": report.unit},
    )
