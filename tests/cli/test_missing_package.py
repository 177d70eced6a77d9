"""A .venv made before an update that added a dependency: the missing package is
named with how to reinstall, not reported as docgen's own fault."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUN_WITHOUT_OPENPYXL = (
    "import sys; sys.modules['openpyxl'] = None\n"  # import openpyxl now raises ModuleNotFoundError
    "from docgen.cli.commands import main\n"
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


# Installed in the child process before anything else runs (PYTHONPATH/sitecustomize.py):
# importing the package named in DOCGEN_TEST_HIDE then fails as it does where it is not installed.
HIDING_SITECUSTOMIZE = '''
import os, sys

class _NotInstalled:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] == os.environ["DOCGEN_TEST_HIDE"]:
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
        return None

sys.meta_path.insert(0, _NotInstalled())
'''


def _console_script() -> list[str]:
    """What the ``docgen`` command pip installs runs: the entry point pyproject.toml declares
    (read from there, so that a .venv installed before it changed tests the same thing)."""
    declared = re.search(r'^docgen = "([\w.]+):(\w+)"$', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M)
    module, function = declared.groups()
    return [sys.executable, "-c", f"import sys; from {module} import {function}; sys.exit({function}())"]


@pytest.mark.parametrize("hidden", ["lxml", "yaml"])
@pytest.mark.parametrize("how", ["python -m docgen", "docgen command"])
def test_a_package_missing_at_start_up_is_named_without_a_traceback(tmp_path, how, hidden):
    site = tmp_path / "site"
    site.mkdir()
    (site / "sitecustomize.py").write_text(HIDING_SITECUSTOMIZE, encoding="utf-8")
    environment = {
        **os.environ,
        "DOCGEN_TEST_HIDE": hidden,
        "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)]),
        "PYTHONIOENCODING": "utf-8",
    }
    environment.pop("DOCGEN_DEBUG", None)
    command = [sys.executable, "-m", "docgen"] if how == "python -m docgen" else _console_script()
    out = tmp_path / "out"
    run = subprocess.run(
        [*command, "build", "--inputs", str(ROOT / "inputs"), "--out", str(out)],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, env=environment,
    )
    assert run.returncode == 1, run.stderr
    assert f"错误：缺少程序包 {hidden}：请重新安装 docgen（pip install -e .）或双击 生成汇编.bat 重新安装" in run.stderr
    assert "Traceback" not in run.stderr and "程序内部出错" not in run.stderr
    assert not out.exists() or not any(out.iterdir())
