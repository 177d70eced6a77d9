"""One report → its own .docx."""

from __future__ import annotations

from ..core.model import Cover, Report
from ..layout import compose
from .content import report_body_xml
from .properties import DocumentProperties
from .template_fill import Template


def report_docx(
    report: Report, paragraphs: list[compose.Paragraph], title: str, template: Template, cover: Cover | None = None
) -> bytes:
    """``report`` as composed into ``paragraphs`` (``compose.report_paragraphs``), in its own package."""
    company = cover.unit if cover else ""
    rendered = template.rendered({"title": title, "unit": report.unit})
    body = rendered.body(report_body_xml(paragraphs, rendered.styles))
    return rendered.docx([body], DocumentProperties(title=title, creator=report.unit, company=company))
