"""The double-click scripts for Windows (生成汇编.bat, 生成问题清单.bat, 打开工作台.bat
and the windows/run-docgen.cmd they share). No Windows here: their text is checked for
what cmd.exe needs, and the docgen command they run goes through docgen's own
command-line parser."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path, PureWindowsPath

import pytest

from docgen.cli.grammar import parse
from docgen.fs.filenames import LEDGER_FILE

ROOT = Path(__file__).resolve().parents[2]
HELPER = ROOT / "windows" / "run-docgen.cmd"
BUILD = ROOT / "生成汇编.bat"
SUMMARY = ROOT / "生成问题清单.bat"
WORKBENCH = ROOT / "打开工作台.bat"
SCRIPTS = [BUILD, SUMMARY, WORKBENCH, HELPER]
SUBROUTINE = "find_python"  # returns to its caller, so need not pause


def _lines(path: Path) -> list[str]:
    return path.read_bytes().decode("utf-8").split("\r\n")


def _sections(lines: list[str]) -> dict[str, list[str]]:
    """The script's lines under each label (the top under "")."""
    sections, label = {"": []}, ""
    for line in lines:
        if re.fullmatch(r":\w+", line):
            label = line[1:]
            sections[label] = []
        else:
            sections[label].append(line)
    return sections


def _code(lines: list[str]) -> list[str]:
    return [line for line in lines if line.strip() and not line.startswith("rem ")]


def _call_arguments(script: Path) -> tuple[str, list[str]]:
    """The helper a root script calls and the arguments it passes, as cmd splits them."""
    [line] = [line for line in _lines(script) if line.startswith("call ")]
    target, arguments = re.fullmatch(r'call "([^"]+)" (.*)', line).groups()
    return target, arguments.split()


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_crlf_utf8_without_bom_and_chcp_before_any_chinese(script):
    data = script.read_bytes()
    assert not data.startswith(b"\xef\xbb\xbf")  # a BOM would spoil "@echo off"
    assert data.endswith(b"\r\n")
    assert data.count(b"\n") == data.count(b"\r\n") and data.count(b"\r") == data.count(b"\r\n")
    lines = _lines(script)
    assert lines[:2] == ["@echo off", "chcp 65001 >nul"]  # Chinese shows, and is read as UTF-8 from here on


def test_the_crlf_endings_survive_a_clone():
    rules = (ROOT / ".gitattributes").read_text(encoding="utf-8").splitlines()
    assert "*.bat text eol=crlf" in rules and "*.cmd text eol=crlf" in rules
    if shutil.which("git") is None or not (ROOT / ".git").exists():
        pytest.skip("not a git checkout: the attribute is not checked by git itself")
    for script in SCRIPTS:
        finished = subprocess.run(["git", "check-attr", "eol", "--", str(script.relative_to(ROOT))], cwd=ROOT, capture_output=True, text=True)
        assert finished.stdout.strip().endswith("eol: crlf"), finished.stdout


@pytest.mark.parametrize("script", [BUILD, SUMMARY, WORKBENCH], ids=lambda p: p.name)
def test_a_root_script_works_from_its_own_folder_and_calls_the_helper(script):
    lines = _code(_lines(script))
    assert 'cd /d "%~dp0" || pushd "%~dp0"' in lines  # pushd: a folder on a network share
    target, _ = _call_arguments(script)
    assert (ROOT / PureWindowsPath(target).as_posix()) == HELPER
    assert lines[-1] == "exit /b %errorlevel%"  # the helper's outcome is the script's


def test_the_build_script_runs_a_command_docgen_accepts():
    _, arguments = _call_arguments(BUILD)
    args = parse(arguments)
    assert args.command == "build"
    assert (args.inputs, args.out) == (Path("inputs"), Path("outputs"))
    assert not (args.pdf or args.verify or args.exact)  # nothing that needs LibreOffice


def test_the_workbench_script_serves_the_folders_the_build_script_builds():
    _, arguments = _call_arguments(WORKBENCH)
    args = parse(arguments)
    assert args.command == "serve"
    assert (args.inputs, args.out) == (Path("inputs"), Path("outputs"))
    assert args.port is None and not args.no_browser  # the browser opens by itself, on a free port


def test_the_summary_script_carries_over_a_filled_in_ledger():
    lines = _code(_lines(SUMMARY))
    keep = re.fullmatch(r'if exist "outputs\\(.+)" set "KEEP=(.*)"', next(line for line in lines if line.startswith("if exist")))
    assert keep and keep.group(1) == LEDGER_FILE
    _, arguments = _call_arguments(SUMMARY)
    assert arguments[-1] == "%KEEP%" and 'set "KEEP="' in lines
    for value in ("", keep.group(2)):  # no ledger yet; a ledger there
        args = parse(arguments[:-1] + value.split())
        assert args.command == "summary"
        assert (args.inputs, args.out) == (Path("inputs"), Path("outputs"))
        keep_path = PureWindowsPath(str(args.keep)) if args.keep else None  # as Windows reads the path
        assert keep_path == (PureWindowsPath("outputs", LEDGER_FILE) if value else None)
        assert not args.force  # never throws away what was filled in


def test_the_helper_finds_python_with_the_launcher_first_and_the_version_docgen_needs():
    finder = _code(_sections(_lines(HELPER))[SUBROUTINE])
    commands = re.findall(r'^set "PYTHON=(.+)"$', "\n".join(finder), re.MULTILINE)
    assert commands == ["py -3", "python"]
    checks = {re.search(r'-c "([^"]+)"', line).group(1) for line in finder if " -c " in line}
    [check] = checks
    required = re.search(r'requires-python = ">=(\d+)\.(\d+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    assert f"sys.version_info < ({required.group(1)}, {required.group(2)})" in check
    assert subprocess.run([sys.executable, "-c", check]).returncode == 0  # the check is Python that runs


def test_the_helper_makes_the_venv_once_installs_docgen_and_runs_it():
    lines = _code(_lines(HELPER))
    assert 'cd /d "%~dp0.." || pushd "%~dp0.."' in lines
    assert (HELPER.parent.parent / "pyproject.toml").exists()  # what "pip install ." installs
    assert 'set "VENV_PY=.venv\\Scripts\\python.exe"' in lines
    assert 'if exist "%VENV_PY%" goto check_install' in lines  # the venv is made on the first run only
    assert "%PYTHON% -m venv .venv" in lines
    assert '"%VENV_PY%" -m pip install --disable-pip-version-check --editable .' in lines  # its progress shows
    assert '"%VENV_PY%" -m docgen %*' in lines
    first_run = "\n".join(lines)
    assert "echo 第一次运行：在本文件夹里建立 .venv 文件夹，并安装 docgen" in first_run


def test_the_helper_reinstalls_when_pyproject_changed_since_the_last_install():
    """"import docgen" from the docgen folder finds the source package, installed or not:
    what was installed is told by the copy of pyproject.toml kept at the last install."""
    lines = _code(_lines(HELPER))
    code = "\n".join(lines)
    assert "import docgen" not in code
    assert 'set "STAMP=.venv\\docgen-installed.toml"' in lines
    sections = {label: _code(body) for label, body in _sections(_lines(HELPER)).items()}
    check = sections["check_install"]
    assert check[0] == 'if not exist "%STAMP%" goto install'  # never installed by this script
    assert check[1:3] == ['fc /b pyproject.toml "%STAMP%" >nul 2>&1', "if not errorlevel 1 goto run"]
    assert re.search(r"[\u4e00-\u9fff]", check[3]) and check[3].startswith("echo ")  # says why it installs
    install = sections["install"]
    pip = install.index('"%VENV_PY%" -m pip install --disable-pip-version-check --editable .')
    assert install[pip + 1] == "if errorlevel 1 goto install_failed"
    assert install[pip + 2] == 'copy /y pyproject.toml "%STAMP%" >nul'  # only after a successful install


def test_every_program_run_is_followed_by_an_errorlevel_check():
    lines = _code(_lines(HELPER))
    runs = [n for n, line in enumerate(lines) if re.match(r'(%PYTHON%|"%VENV_PY%") ', line) or line.startswith("call :")]
    assert len(runs) >= 6
    for n in runs:
        assert re.fullmatch(r"if (not )?errorlevel 1 (goto \w+|exit /b 0)", lines[n + 1]), lines[n]


def test_every_way_out_waits_for_a_key_and_says_what_happened_in_chinese():
    sections = _sections(_lines(HELPER))
    endings = 0
    for label, lines in sections.items():
        if label == SUBROUTINE:
            continue
        code = _code(lines)
        for n, line in enumerate(code):
            if line.startswith("exit /b"):
                endings += 1
                assert code[n - 1] == "pause", label
                said = [text for text in code[:n] if text.startswith("echo ") and re.search(r"[\u4e00-\u9fff]", text)]
                assert said, label
    assert endings == 6  # done, docgen failed, no inputs, no Python, no venv, no install
    assert "exit /b 0" in _code(sections["run"]) and "goto failed" in "\n".join(sections["run"])


def test_the_failure_messages_say_how_to_go_on():
    sections = {label: "\n".join(lines) for label, lines in _sections(_lines(HELPER)).items()}
    assert "https://www.python.org/downloads/" in sections["no_python"] and "“Add python.exe to PATH”" in sections["no_python"]
    assert "错误：" in sections["failed"] and "原有的文件都没有改动" in sections["failed"]
    assert "网络" in sections["install_failed"]


@pytest.mark.parametrize("script", SCRIPTS, ids=lambda p: p.name)
def test_labels_variables_and_echo_lines_are_safe_for_cmd(script):
    lines = _code(_lines(script))
    labels = {line[1:] for line in lines if re.fullmatch(r":\w+", line)}
    for target in re.findall(r"(?:goto |call :)(\w+)", "\n".join(lines)):
        assert target in labels, target
    assigned = set(re.findall(r'set "(\w+)=', "\n".join(lines)))
    for name in re.findall(r"%(\w+)%", "\n".join(lines)):
        assert name in assigned | {"errorlevel"}, name
    for line in lines:
        assert not line.endswith("(") and not line.startswith(")")  # no ( ) blocks: a path with ")" would end one
        if line.startswith("echo "):
            assert not re.search(r"[&|<>^()%!]", line[5:]), line  # each would be taken as cmd syntax
