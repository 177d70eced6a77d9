"""One report → its own .docx."""

from __future__ import annotations

from ..model import Cover, Report
from .content import report_paragraphs
from .docprops import DocumentProperties
from .docx_template import Template


def report_docx(
    report: Report, title: str, template: Template, cover: Cover | None = None, show_unit: bool = False
) -> bytes:
    company = cover.unit if cover else ""
    return template.render(
        lambda styles: report_paragraphs(report, title, styles, show_unit=show_unit),
        {"title": title, "unit": report.unit},
        DocumentProperties(title=title, creator=report.unit, company=company),
    )
