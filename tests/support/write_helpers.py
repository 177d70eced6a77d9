"""Small inputs for the write-path tests, and what an output folder holds."""

from __future__ import annotations

import errno
import os
import subprocess
from pathlib import Path

REPORT = """\
unit: {unit}
sections:
  - heading: 亮点工作
    items:
      - title: 第一条。
        text: |
          {text}
"""

# Two versions of one small volume: the second changes every report, drops 乙社区 and adds 丙社区,
# so that old and new sets differ in every file and in their names.
OLD_UNITS = ("甲社区", "乙社区", "丁社区")
NEW_UNITS = ("甲社区", "丙社区", "丁社区")


def write_inputs(folder: Path, units=OLD_UNITS, text: str = "第一版的正文。") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("*.yaml"):
        old.unlink()
    for unit in units:
        (folder / f"{unit}.yaml").write_text(REPORT.format(unit=unit, text=f"{unit}{text}"), encoding="utf-8")
    return folder


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` by its relative name, with its bytes."""
    return {p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def leftovers(folder: Path) -> list[str]:
    """docgen's temporary files, folders, journal or lock left in ``folder``."""
    return [p.name for p in folder.iterdir() if p.name.startswith(".docgen") and p.name != ".docgen-manifest.json"]


def sharing_violation() -> OSError:
    """What Windows raises for a file another program (Word, Excel) has open."""
    error = PermissionError(errno.EACCES, "The process cannot access the file because it is being used")
    error.winerror = 32  # ERROR_SHARING_VIOLATION
    return error


def docgen_env() -> dict[str, str]:
    return {**os.environ, "SOURCE_DATE_EPOCH": "1700000000", "PYTHONUNBUFFERED": "1"}


def run_docgen(*argv: str, **kwargs) -> subprocess.CompletedProcess:
    import sys

    return subprocess.run([sys.executable, "-m", "docgen", *argv], capture_output=True, text=True, env=docgen_env(), **kwargs)
