"""What the command says about the console and the machine before any command runs:
a console that cannot show every character, a package missing from the .venv.
Only the standard library, so that the launcher can use it before anything else loads."""

from __future__ import annotations

import sys


def missing_package_text(error: ModuleNotFoundError) -> str:
    """What to do about a package that is not installed: the machine, not docgen."""
    package = (error.name or str(error)).split(".")[0]
    return f"缺少程序包 {package}：请重新安装 docgen（pip install -e .）或双击 生成汇编.bat 重新安装"


def utf8_console() -> None:
    # A Chinese Windows console defaults to GBK; print what it cannot show as ? rather than crash.
    for stream in (sys.stdout, sys.stderr):
        if hasattr(stream, "reconfigure"):
            stream.reconfigure(errors="replace")
