"""The readers: docgen's own YAML inputs (``yaml_reader``) and the files 社区 send
for ``docgen import`` (``dispatch`` chooses the reader for each).

Every import reader turns one file into raw paragraphs (``paragraphs.Para``) and
notes on reading it; none of them knows what a report is — the recogniser
(``recognise``) makes reports of the paragraphs, whatever file they came from.

This package imports nothing itself: reading the YAML inputs (every ``docgen
build``) must not load the Word readers and LibreOffice's machinery. The names
of ``dispatch`` are still reachable here, loaded when first asked for.
"""

from __future__ import annotations

_DISPATCH_NAMES = ("CONVERTED", "IMPORTABLE", "TEXT_SUFFIXES", "Reader", "read_paragraphs", "reader_for", "reading")


def __getattr__(name: str):
    if name in _DISPATCH_NAMES:
        from . import dispatch

        return getattr(dispatch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
