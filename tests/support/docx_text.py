"""Reading built .docx files back as a user sees them."""

from __future__ import annotations

from pathlib import Path

import docx
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph


def body_paragraphs(document) -> list[Paragraph]:
    """The body's paragraphs in order, those in content controls (the 目录) included.

    python-docx's ``document.paragraphs`` lists only the body's direct children.
    """
    body = document.element.body
    found = []
    for block in body.iterchildren(qn("w:p"), qn("w:sdt")):
        if block.tag == qn("w:p"):
            found.append(Paragraph(block, document.part))
        else:
            found += [Paragraph(p, document.part) for p in block.iterfind(f"{qn('w:sdtContent')}/{qn('w:p')}")]
    return found


def paragraph_texts(path: Path) -> list[str]:
    """Text of every body paragraph, in order, empty ones included."""
    return [p.text for p in body_paragraphs(docx.Document(str(path)))]


def visible_lines(path: Path) -> list[str]:
    return [t for t in paragraph_texts(path) if t.strip()]
