"""Template + paragraphs → .docx bytes, through docxtpl in jinja2's sandbox.

docxtpl fills the template's own fields (``{{ title }}``, ``{{ unit }}`` … in
headers or wherever a restyled template puts them). The body paragraphs are
then put in place of the ``{{ body }}`` paragraph as XML elements, so the
user's text never passes through the template engine: ``{{ }}`` in a report
stays literal.
"""

from __future__ import annotations

import io
from pathlib import Path

from docx.oxml.ns import qn
from docxtpl import DocxTemplate
from jinja2.sandbox import SandboxedEnvironment

from ..errors import InputError
from ..model import Origin
from .content import StyleIds
from .template import TEMPLATE_PATH, apply_fonts, build_template

_BODY_MARK = "\u2063docgen-body\u2063"  # invisible separator: cannot come from a user's template


class Template:
    """The template's bytes, loaded once and rendered many times."""

    def __init__(self, path: Path | None = None, fonts: dict[str, str] | None = None):
        self.path = path or TEMPLATE_PATH
        self.fonts = fonts or {}
        self._bytes = self.path.read_bytes() if self.path.exists() else build_template()
        _check_template(self._bytes, self.path)

    def render(self, paragraphs_for, context: dict[str, str]) -> bytes:
        """Render with ``context``; ``paragraphs_for(StyleIds)`` gives the body."""
        template = DocxTemplate(io.BytesIO(self._bytes))
        template.render({**context, "body": _BODY_MARK}, jinja_env=SandboxedEnvironment(autoescape=True))
        document = template.docx
        if self.fonts:
            apply_fonts(document, self.fonts)
        _replace_body_mark(document, paragraphs_for(StyleIds(document)), self.path)
        out = io.BytesIO()
        document.save(out)
        return out.getvalue()


def _check_template(data: bytes, path: Path) -> None:
    """Fail early, naming the file, on a template Word or docxtpl cannot use."""
    try:
        DocxTemplate(io.BytesIO(data)).get_docx()
    except Exception:  # python-docx raises several kinds for a damaged package
        raise InputError("模板文件已损坏或不是 Word（.docx）文件", Origin(path)) from None


def _replace_body_mark(document, paragraphs, template_path: Path) -> None:
    body = document.element.body
    for paragraph in body.iterchildren(qn("w:p")):
        text = "".join(t.text or "" for t in paragraph.iter(qn("w:t")))
        if _BODY_MARK in text:
            position = body.index(paragraph)
            body.remove(paragraph)
            for offset, new in enumerate(paragraphs):
                body.insert(position + offset, new)
            return
    raise InputError("模板中找不到正文位置“{{ body }}”，请在模板正文里单独一段写上 {{ body }}", Origin(template_path))
