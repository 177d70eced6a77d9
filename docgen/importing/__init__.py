"""``docgen import``: the files 社区 send → paragraphs → recognised reports → YAML inputs
(``importer``; ``dispatch`` chooses the reader for each file, ``summary`` tells the user).

Every reader turns one file into raw paragraphs (``paragraphs.Para``) and
notes on reading it; none of them knows what a report is — the recogniser
(``recognise``) makes reports of the paragraphs, whatever file they came from.

This package imports nothing itself: the names of ``dispatch`` are reachable
here, loaded when first asked for (the readers bring LibreOffice's machinery).
"""

from __future__ import annotations

_DISPATCH_NAMES = ("CONVERTED", "IMPORTABLE", "TEXT_SUFFIXES", "Reader", "read_paragraphs", "reader_for", "read_file", "converted_first")


def __getattr__(name: str):
    if name in _DISPATCH_NAMES:
        from . import dispatch

        return getattr(dispatch, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
