"""Reading built .docx files back as a user sees them."""

from __future__ import annotations

from pathlib import Path

import docx


def paragraph_texts(path: Path) -> list[str]:
    """Text of every body paragraph, in order, empty ones included."""
    return [p.text for p in docx.Document(str(path)).paragraphs]


def visible_lines(path: Path) -> list[str]:
    return [t for t in paragraph_texts(path) if t.strip()]
