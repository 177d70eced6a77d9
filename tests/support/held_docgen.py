"""``python tests/support/held_docgen.py build …``: the docgen command, held still right after it
reports its first progress line ("正在生成 N/M") until a signal comes.

For tests that interrupt a build at a point it reports, never after a guessed delay:
the test reads that line, then signals, and the build is sure to be in the middle of
its work (its staging folder written to, its workers started) whatever the machine's load.
"""

from __future__ import annotations

import signal
import sys

import docgen.cli.commands

_progress_printer = docgen.cli.commands._progress_printer


def _held_progress_printer():
    show = _progress_printer()
    held = [False]

    def progress(done: int, total: int) -> None:
        show(done, total)
        if not held[0]:
            held[0] = True
            sys.stderr.flush()
            signal.pause()  # until a signal: Ctrl-C's raises KeyboardInterrupt here, as anywhere in a build

    return progress


if __name__ == "__main__":
    docgen.cli.commands._progress_printer = _held_progress_printer
    sys.exit(docgen.cli.commands.main())
