"""A write the machine refuses (full disk, locked or unreplaceable file, read-only place) is the
environment's problem, not the user's input: an ``EnvironmentProblem`` that names the file and
says what to do, exit code 1, earlier outputs untouched. A bad path the user gave stays an input error."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

import docgen
import docgen.fs.folderlock
import docgen.fs.publish
from docgen.cli.commands import main
from docgen.errors import EnvironmentProblem, InputError
from support.write_helpers import leftovers, sharing_violation, snapshot, write_inputs

VOLUME = "基层党建亮点工作及存在问题.docx"


@pytest.fixture
def built(tmp_path):
    inputs, out = write_inputs(tmp_path / "in"), tmp_path / "out"
    docgen.build(inputs, out)
    write_inputs(inputs, text="第二版的正文。")
    return inputs, out, snapshot(out)


def _failing_write(number: int):
    real_write = os.write

    def write(fd, data):
        if fd > 2:  # not the console
            raise OSError(number, "English words from the system")
        return real_write(fd, data)

    return write


@pytest.mark.parametrize("number, says", [(errno.ENOSPC, "磁盘已满，请腾出空间"), (errno.EDQUOT, "超出了磁盘配额，请腾出空间")])
def test_a_full_disk_is_an_environment_problem_saying_to_free_space(built, monkeypatch, number, says):
    inputs, out, before = built
    monkeypatch.setattr(docgen.fs.publish.os, "write", _failing_write(number))
    with pytest.raises(EnvironmentProblem) as raised:
        docgen.build(inputs, out)
    monkeypatch.undo()
    message = str(raised.value)
    assert says in message and str(out) in message and "English" not in message
    assert snapshot(out) == before and leftovers(out) == []



@pytest.mark.parametrize(
    "refusal, says",
    [
        (sharing_violation(), "请关闭它后再试"),
        (OSError(errno.EBUSY, "Device or resource busy"), "请关闭它后再试"),
        (PermissionError(errno.EACCES, "Permission denied"), "请检查权限"),
        (PermissionError(errno.EPERM, "Operation not permitted"), "请检查文件属性和权限"),
    ],
)
def test_a_locked_or_unreplaceable_file_is_named_with_what_to_do(built, capsys, monkeypatch, refusal, says):
    inputs, out, before = built
    real_replace = os.replace

    def replace(source, target):
        if Path(source) == out / VOLUME:
            raise refusal
        return real_replace(source, target)

    monkeypatch.setattr(docgen.fs.publish.os, "replace", replace)
    with pytest.raises(EnvironmentProblem) as raised:
        docgen.build(inputs, out)
    assert f"{out / VOLUME}：" in str(raised.value) and says in str(raised.value)
    assert "Permission denied" not in str(raised.value) and "being used" not in str(raised.value)
    code = main(["build", "--inputs", str(inputs), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1 and says in err and "Traceback" not in err
    assert snapshot(out) == before and leftovers(out) == []


def test_a_read_only_disk_is_an_environment_problem(tmp_path, monkeypatch):
    inputs = write_inputs(tmp_path / "in")
    real_mkdir = Path.mkdir

    def mkdir(self, *args, **kwargs):
        if self.name.startswith(".docgen-new-"):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkdir(self, *args, **kwargs)

    monkeypatch.setattr(Path, "mkdir", mkdir)
    with pytest.raises(EnvironmentProblem, match="只读.*请换一个可以写入的文件夹") as raised:
        docgen.build(inputs, tmp_path / "out")
    assert str(tmp_path / "out") in str(raised.value)


def test_new_on_a_full_disk_is_an_environment_problem_naming_the_file(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    monkeypatch.setattr(docgen.fs.publish.os, "write", _failing_write(errno.ENOSPC))
    with pytest.raises(EnvironmentProblem, match="磁盘已满") as raised:
        docgen.new_report(tmp_path / "in", "新社区")
    assert "新社区.yaml" in str(raised.value)


def test_another_docgen_writing_is_an_environment_problem(tmp_path, monkeypatch):
    inputs, out = write_inputs(tmp_path / "in"), tmp_path / "out"
    out.mkdir()
    monkeypatch.setattr(docgen.fs.folderlock, "WAIT_SECONDS", 0.1)
    with docgen.fs.folderlock.folder_lock(out):
        with pytest.raises(EnvironmentProblem, match="另一个 docgen 正在写入"):
            docgen.build(inputs, out)


def test_a_bad_path_of_the_users_own_stays_an_input_error(tmp_path, monkeypatch):
    inputs = write_inputs(tmp_path / "in")
    a_file = tmp_path / "outputs"
    a_file.write_text("mine", encoding="utf-8")
    with pytest.raises(InputError, match="是一个文件，不是文件夹"):
        docgen.build(inputs, a_file)

    def too_long(path, chunks):
        raise OSError(errno.ENAMETOOLONG, "File name too long")

    monkeypatch.setattr(docgen.fs.publish, "_write_file", too_long)
    with pytest.raises(InputError, match="太长"):
        docgen.build(inputs, tmp_path / "out")
