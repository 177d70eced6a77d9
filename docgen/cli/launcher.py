"""The ``docgen`` command's entry point (console script and ``python -m docgen``).

It imports nothing but the standard library before it starts the command, so that a
.venv made before an update that added a dependency (lxml, python-docx, pyyaml …)
ends in the same Chinese message wherever the missing package is first imported:
here, while ``docgen.cli.commands`` loads, or inside a command (``cli._run``).
"""

from __future__ import annotations

import os
import sys


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


def missing_package_text(error: ModuleNotFoundError) -> str:
    """What to do about a package that is not installed: the machine, not docgen."""
    package = (error.name or str(error)).split(".")[0]
    return f"缺少程序包 {package}：请重新安装 docgen（pip install -e .）或双击 生成汇编.bat 重新安装"


def utf8_console() -> None:
    # A Chinese Windows console defaults to GBK; print what it cannot show as ? rather than crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
