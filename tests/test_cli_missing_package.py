"""A .venv made before an update that added a dependency: the missing package is
named with how to reinstall, not reported as docgen's own fault."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
RUN_WITHOUT_OPENPYXL = (
    "import sys; sys.modules['openpyxl'] = None\n"  # import openpyxl now raises ModuleNotFoundError
    "from docgen.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)


def test_a_missing_package_says_which_and_how_to_reinstall(tmp_path):
    run = subprocess.run(
        [sys.executable, "-c", RUN_WITHOUT_OPENPYXL, "summary", "--inputs", str(ROOT / "inputs"), "--out", str(tmp_path / "out")],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path,
    )
    assert run.returncode == 1
    assert "缺少程序包 openpyxl：请重新安装 docgen（pip install -e .）或双击 生成汇编.bat 重新安装" in run.stderr
    assert "程序内部出错" not in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "out").exists() or not any((tmp_path / "out").iterdir())
