"""File names capped by bytes, ``docgen new`` and ``docgen import`` against a hostile disk,
clashing names and a second docgen at the same time."""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
import threading
from pathlib import Path

import pytest

import docgen.fs.folderlock
import docgen.fs.publish
from docgen.cli.commands import main
from docgen.errors import InputError
from docgen.fs.filenames import MAX_NAME_BYTES, safe_filename, unique_filenames
from docgen.fs.oserror import os_error_text
from docgen.importing.importer import import_files
from support.write_helpers import REPORT, leftovers, snapshot, write_inputs

LONG_UNIT = "𠀀" * 100  # four bytes each in UTF-8: 400 bytes, past every file system's 255
GOOD_LINES = "基层党建亮点工作及存在问题（一）\n一、亮点工作\n1.甲项工作。正文。\n二、存在问题\n1.乙问题。\n"


def _run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


# --- names -------------------------------------------------------------------------------------


def test_names_are_capped_by_bytes_and_stay_distinct():
    names = unique_filenames([LONG_UNIT + "甲", LONG_UNIT + "乙", LONG_UNIT, "é" * 300, "社区"], ".docx")
    assert all(len(name.encode("utf-8")) <= MAX_NAME_BYTES for name in names)
    assert len({name.casefold() for name in names}) == len(names)
    assert all(name.endswith(".docx") for name in names)
    assert names[-1] == "社区.docx"


# What Windows takes for a device, written out from its documentation (not from docgen): the
# name up to its first dot, trailing spaces dropped, in any letter case.
_DEVICES = {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"{port}{n}" for port in ("COM", "LPT") for n in "0123456789¹²³")}


def _a_windows_device(name: str) -> bool:
    return name.split(".")[0].rstrip(" ").upper() in _DEVICES


@pytest.mark.parametrize(
    "unit",
    ["COM0", "LPT0", "com¹", "COM²", "LPT³", "CONIN$", "conout$", "CON .x", "NUL .报告", "Aux  ", "con.", "PRN..", "LPT9.社区"],
)
def test_no_unit_becomes_a_windows_device_name(unit):
    for name in (*unique_filenames([unit, unit], ".docx"), safe_filename(unit, ".yaml")):
        assert not _a_windows_device(name), name


def _ignores_letter_case(folder: Path) -> bool:
    probe = folder / "docgen-case-probe"
    probe.write_bytes(b"")
    try:
        return (folder / "DOCGEN-CASE-PROBE").exists()
    finally:
        probe.unlink()


def _one_file_under_two_spellings(monkeypatch, folder: Path, first: str, second: str) -> None:
    """``folder`` as a disk that ignores letter case shows it: ``first`` and ``second`` one file
    (a hard link), which goes from under both names when moved away from under one."""
    os.link(folder / first, folder / second)
    real_replace = os.replace

    def replace(source, target):
        real_replace(source, target)
        for name, other in ((first, second), (second, first)):
            if Path(source) == folder / name and (folder / other).exists():
                (folder / other).unlink()

    monkeypatch.setattr(docgen.fs.publish.os, "replace", replace)


def test_a_unit_renamed_only_in_letter_case_builds_on_a_disk_that_ignores_case(tmp_path, capsys, monkeypatch):
    inputs, out = write_inputs(tmp_path / "in", ("abc社区",)), tmp_path / "out"
    assert _run(capsys, "build", "--inputs", str(inputs), "--out", str(out))[0] == 0
    write_inputs(inputs, ("ABC社区",), "改名后的正文。")
    if not _ignores_letter_case(tmp_path):
        _one_file_under_two_spellings(monkeypatch, out, "abc社区.docx", "ABC社区.docx")
    for _ in range(2):  # and the build after it
        code, _, err = _run(capsys, "build", "--inputs", str(inputs), "--out", str(out))
        assert code == 0, err
    names = {path.name for path in out.iterdir()}
    assert "ABC社区.docx" in names and "abc社区.docx" not in names
    assert leftovers(out) == []


@pytest.mark.parametrize("unit", ["template", "TEMPLATE"])
def test_a_report_never_takes_the_name_of_the_users_template(tmp_path, capsys, unit):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "报告.yaml").write_text(REPORT.format(unit=unit, text="正文。"), encoding="utf-8")
    for _ in range(2):  # the second build reads the folder the first one wrote into
        code, printed, err = _run(capsys, "build", "--inputs", str(inputs), "--out", str(inputs))
        assert code == 0, err
        assert "template.docx" not in {path.name.casefold() for path in inputs.iterdir()}
        assert f"{unit}-2.docx" in {path.name for path in inputs.iterdir()}
    assert unique_filenames(["template", "社区"], ".docx") == ["template-2.docx", "社区.docx"]
    assert unique_filenames(["template"], ".yaml") == ["template.yaml"]


def test_a_unit_of_a_hundred_four_byte_characters_builds(tmp_path, capsys):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for n, unit in enumerate((LONG_UNIT + "甲", LONG_UNIT + "乙")):
        (inputs / f"{n}.yaml").write_text(REPORT.format(unit=unit, text=f"第 {n} 份。"), encoding="utf-8")
    code, _, err = _run(capsys, "build", "--inputs", str(inputs), "--out", str(out))
    assert code == 0, err
    reports = [p for p in out.glob("*.docx") if p.name.startswith("𠀀")]
    assert len(reports) == 2  # cut to fit, yet two files
    assert all(len(p.name.encode("utf-8")) <= MAX_NAME_BYTES for p in reports)


def test_new_with_a_name_past_the_file_systems_limit_writes_a_shorter_file(tmp_path, capsys):
    code, printed, err = _run(capsys, "new", LONG_UNIT, "--inputs", str(tmp_path / "in"))
    assert code == 0, err
    [written] = (tmp_path / "in").glob("*.yaml")
    assert len(written.name.encode("utf-8")) <= MAX_NAME_BYTES
    assert f"unit: {LONG_UNIT}" in written.read_text(encoding="utf-8")  # the unit itself is whole


@pytest.mark.parametrize("existing", ["A社区.yml", "a社区.YAML"])
def test_new_sees_the_same_name_with_yml_or_in_another_case_as_a_clash(tmp_path, capsys, existing):
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / existing).write_text("# 我的文件\n", encoding="utf-8")
    code, _, err = _run(capsys, "new", "A社区", "--inputs", str(inputs))
    assert code == 1 and "已存在" in err and existing in err
    assert [p.name for p in inputs.iterdir()] == [existing]
    assert (inputs / existing).read_text(encoding="utf-8") == "# 我的文件\n"


# --- docgen new on a hostile disk ----------------------------------------------------------------


def test_new_into_a_path_that_is_a_file_names_it(tmp_path, capsys):
    a_file = tmp_path / "inputs"
    a_file.write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, "new", "新社区", "--inputs", str(a_file))
    assert code == 1 and f"“{a_file}”是一个文件，不是文件夹" in err
    assert a_file.read_text(encoding="utf-8") == "mine"


@pytest.mark.parametrize(
    "number, words",
    [(errno.ENOSPC, "磁盘已满"), (errno.EROFS, "只读"), (errno.EACCES, "没有权限"), (errno.ENAMETOOLONG, "太长")],
)
def test_new_on_a_disk_that_refuses_leaves_no_file_and_a_retry_works(tmp_path, capsys, monkeypatch, number, words):
    inputs = tmp_path / "in"
    inputs.mkdir()

    def refuse(path, chunks):
        path.write_bytes(b"")  # as a failed write leaves an empty file behind
        raise OSError(number, "English words from the system")

    monkeypatch.setattr(docgen.fs.publish, "_write_file", refuse)
    code, _, err = _run(capsys, "new", "新社区", "--inputs", str(inputs))
    assert code == 1 and words in err and "新社区.yaml" in err and "English" not in err
    assert list(inputs.iterdir()) == []
    monkeypatch.undo()
    assert _run(capsys, "new", "新社区", "--inputs", str(inputs))[0] == 0


def _chattr(flag: str, path: Path) -> bool:
    chattr = shutil.which("chattr")
    return bool(chattr) and subprocess.run([chattr, flag, str(path)], capture_output=True).returncode == 0


def test_new_into_a_folder_that_cannot_be_written_says_so(tmp_path, capsys):
    inputs = tmp_path / "in"
    inputs.mkdir()
    if not _chattr("+i", inputs):
        pytest.skip("chattr +i is not possible here (needs root and ext4/xfs/btrfs)")
    try:
        code, _, err = _run(capsys, "new", "新社区", "--inputs", str(inputs))
        assert code == 1 and "无法写入" in err and str(inputs) in err
        assert list(inputs.iterdir()) == []
    finally:
        _chattr("-i", inputs)


# --- import ----------------------------------------------------------------------------------------


def _sources(tmp_path: Path, *units: str) -> list[Path]:
    folder = tmp_path / "sent"
    folder.mkdir(exist_ok=True)
    paths = []
    for unit in units:
        path = folder / f"{unit}.txt"
        path.write_text(GOOD_LINES, encoding="utf-8")
        paths.append(path)
    return paths


@pytest.mark.parametrize("fail_at", [1, 2, 3])
def test_a_full_disk_during_import_leaves_no_partial_import(tmp_path, capsys, monkeypatch, fail_at):
    sources = _sources(tmp_path, "甲社区", "乙社区", "丙社区")
    out = tmp_path / "inputs"
    out.mkdir()
    (out / "丁社区.yaml").write_text("# 已有的\n", encoding="utf-8")
    before = snapshot(out)
    real_write_file, calls = docgen.fs.publish._write_file, [0]

    def write_file(path, chunks):
        calls[0] += 1
        if calls[0] == fail_at:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write_file(path, chunks)

    monkeypatch.setattr(docgen.fs.publish, "_write_file", write_file)
    code, _, err = _run(capsys, "import", *map(str, sources), "--out", str(out))
    assert code == 1 and "磁盘已满" in err
    assert snapshot(out) == before and leftovers(out) == []
    monkeypatch.undo()
    assert _run(capsys, "import", *map(str, sources), "--out", str(out))[0] == 0  # nothing blocks the retry
    assert {"甲社区.yaml", "乙社区.yaml", "丙社区.yaml"} <= {p.name for p in out.iterdir()}


def test_import_sees_a_yml_of_the_same_unit_and_with_force_writes_into_it(tmp_path, capsys):
    [source] = _sources(tmp_path, "甲社区")
    out = tmp_path / "inputs"
    out.mkdir()
    (out / "甲社区.yml").write_text(REPORT.format(unit="甲社区", text="手写的正文。"), encoding="utf-8")
    code, _, err = _run(capsys, "import", str(source), "--out", str(out))
    assert code == 1 and str(out / "甲社区.yml") in err
    assert "手写的正文" in (out / "甲社区.yml").read_text(encoding="utf-8")
    code, printed, _ = _run(capsys, "import", str(source), "--out", str(out), "--force")
    assert code == 0 and "甲社区.yml" in printed
    assert sorted(p.name for p in out.glob("甲社区*")) == ["甲社区.yml"]  # not a second file of one unit
    assert "unit: 甲社区" in (out / "甲社区.yml").read_text(encoding="utf-8")
    assert "手写的正文" not in (out / "甲社区.yml").read_text(encoding="utf-8")


def test_two_imports_to_one_target_without_force_cannot_both_write(tmp_path, monkeypatch):
    [source] = _sources(tmp_path, "甲社区")
    out = tmp_path / "inputs"
    real_write, real_try_lock = docgen.fs.publish.Publication.write, docgen.fs.folderlock._try_lock
    first_writing, second_waiting = threading.Event(), threading.Event()

    def held_write(self, name, data):  # the first import stays inside its write until the second waits
        first_writing.set()
        assert second_waiting.wait(60)
        return real_write(self, name, data)

    def try_lock(fd):
        taken = real_try_lock(fd)
        if not taken:  # only the second import finds the lock taken
            second_waiting.set()
        return taken

    monkeypatch.setattr(docgen.fs.publish.Publication, "write", held_write)
    monkeypatch.setattr(docgen.fs.folderlock, "_try_lock", try_lock)
    monkeypatch.setattr(docgen.fs.folderlock, "WAIT_SECONDS", 600)  # the second waits as long as the first takes
    outcomes = []

    def import_once():
        try:
            result = import_files([source], out)
            outcomes.append("written" if result.written else "".join(r.reason for r in result.refused))
        except InputError as error:
            outcomes.append(str(error))

    first = threading.Thread(target=import_once)
    first.start()
    assert first_writing.wait(10)
    import_once()  # the second: waits for the lock, then finds the first one's file
    first.join()
    assert sum(outcome == "written" for outcome in outcomes) == 1
    assert any("没有改动它" in outcome for outcome in outcomes), outcomes


def test_a_locked_import_target_says_another_docgen_is_writing(tmp_path, capsys, monkeypatch):
    [source] = _sources(tmp_path, "甲社区")
    out = tmp_path / "inputs"
    out.mkdir()
    monkeypatch.setattr(docgen.fs.folderlock, "WAIT_SECONDS", 0.2)
    with docgen.fs.folderlock.folder_lock(out):
        code, _, err = _run(capsys, "import", str(source), "--out", str(out))
    assert code == 1 and "另一个 docgen 正在写入" in err
    assert not (out / "甲社区.yaml").exists()


def test_os_errors_are_said_in_chinese():
    assert "占用" in os_error_text(_windows_sharing_violation())
    assert os_error_text(OSError(errno.ENOSPC, "No space left on device")).startswith("磁盘已满")
    assert "Weird" not in os_error_text(OSError(12345, "Weird"))  # unknown: named by its number, never in English


def _windows_sharing_violation() -> OSError:
    error = PermissionError(errno.EACCES, "The process cannot access the file")
    error.winerror = 32
    return error
