"""The ``docgen`` command's entry point (console script and ``python -m docgen``).

It imports nothing but the standard library before it starts the command, so that a
.venv made before an update that added a dependency (lxml, python-docx, pyyaml …)
ends in the same Chinese message wherever the missing package is first imported:
here, while ``docgen.cli.commands`` loads, or inside a command (``commands._run``).
"""

from __future__ import annotations

import os
import sys

from .console import missing_package_text, utf8_console


def main(argv: list[str] | None = None) -> int:
    utf8_console()
    try:
        from .commands import main as run_command
    except ModuleNotFoundError as error:
        if os.environ.get("DOCGEN_DEBUG"):
            raise
        print(f"错误：{missing_package_text(error)}", file=sys.stderr)
        return 1  # EnvironmentProblem's exit code: the machine, not the input
    return run_command(argv)

