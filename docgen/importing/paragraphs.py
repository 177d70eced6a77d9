"""The raw paragraph every low-level reader hands on: its text, where it was,
and what the file itself says about it (a table of contents, a table cell).

Readers of .txt and .docx produce these; the recogniser makes reports of
them. Neither side knows the other.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..core.model import Origin


@dataclass
class Para:
    """One paragraph as read, and where it was (file, 第 N 行 / 第 N 段) for messages."""

    text: str
    origin: Origin
    in_toc: bool = False  # Word marked it part of a table of contents (TOC field, 目录 style or block)
    row: int | None = None  # the table row it is in (counted through the file), None outside tables
    column: int = 0  # its cell's place in that row, 0 for the first

    @property
    def where(self) -> str:
        """第 N 行 / 第 N 段, without the file."""
        return self.origin.place
