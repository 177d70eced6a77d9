"""No English operating-system text reaches a user: every OS failure docgen reports is said in
Chinese (an errno docgen has no words for is named by its symbol, not the system's sentence).
And the import path refuses a FIFO, a device and an oversized file named .docx, without hanging."""

from __future__ import annotations

import errno
import os
import subprocess
import sys
from pathlib import Path

import pytest

import docgen.fs.input_file
import docgen.importing.converted
from docgen.errors import DocgenError, EnvironmentProblem, InputError
from docgen.fs.oserror import os_error_text
from docgen.fs.safe_zip import MAX_DOCX_BYTES
from docgen.importing import read_paragraphs
from docgen.office import instances, soffice
from support.write_helpers import docgen_env

ENGLISH = "English words from the system"
GOOD_LINES = "基层党建亮点工作及存在问题（一）\n一、亮点工作\n1.甲项工作。正文。\n二、存在问题\n1.乙问题。\n"


def test_an_errno_without_chinese_words_is_named_not_quoted():
    text = os_error_text(OSError(errno.ECONNRESET, ENGLISH))
    assert "ECONNRESET" in text and "系统" in text and "English" not in text
    assert "12345" in os_error_text(OSError(12345, ENGLISH)) and "English" not in os_error_text(OSError(12345, ENGLISH))


def test_a_sharing_violation_and_a_full_disk_are_said_in_chinese():
    violation = PermissionError(errno.EACCES, ENGLISH)
    violation.winerror = 32
    assert "占用" in os_error_text(violation)
    assert os_error_text(OSError(errno.ENOSPC, ENGLISH)).startswith("磁盘已满")


def test_libreoffice_that_cannot_be_started_is_said_in_chinese(tmp_path, monkeypatch):
    monkeypatch.setattr(soffice, "require_soffice", lambda: tmp_path / "soffice")

    def cannot_start(*args, **kwargs):
        raise PermissionError(errno.EACCES, ENGLISH)

    monkeypatch.setattr(soffice.subprocess, "Popen", cannot_start)
    with pytest.raises(EnvironmentProblem) as raised:
        instances.convert_to_pdf([tmp_path / "a.docx"], tmp_path)
    assert "无法启动 LibreOffice" in str(raised.value) and "没有权限" in str(raised.value)
    assert "English" not in str(raised.value)


def test_a_template_that_cannot_be_read_is_said_in_chinese(sample_inputs, monkeypatch):
    from docgen.docx import user_template

    template = sample_inputs / "template.docx"
    template.write_bytes(b"PK")

    def broken(*args, **kwargs):
        raise OSError(errno.EIO, ENGLISH)

    monkeypatch.setattr(user_template, "open", broken, raising=False)
    with pytest.raises(InputError) as raised:
        user_template.read_template(template)
    assert "读写磁盘时出错" in str(raised.value) and "English" not in str(raised.value)


def test_a_file_to_convert_that_cannot_be_copied_is_said_in_chinese(tmp_path, monkeypatch):
    source = tmp_path / "旧报告.doc"
    source.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100)
    monkeypatch.setattr(docgen.importing.converted, "find_soffice", lambda: Path("soffice"))

    def copy_fails(*args, **kwargs):
        raise OSError(errno.EIO, ENGLISH)

    monkeypatch.setattr(docgen.importing.converted, "copy_input_file", copy_fails)
    with pytest.raises(InputError) as raised:
        docgen.importing.converted.read_converted(source, "旧版 Word（.doc）", ".doc")
    assert "旧报告.doc" in str(raised.value) and "读写磁盘时出错" in str(raised.value)
    assert "English" not in str(raised.value)


@pytest.mark.parametrize("name", ["报告.docx", "报告.txt"])
@pytest.mark.parametrize("number, says", [(errno.EACCES, "没有读取权限"), (errno.EIO, "读写磁盘时出错"), (errno.ENOLINK, "ENOLINK")])
def test_an_import_file_that_cannot_be_opened_is_said_in_chinese(tmp_path, monkeypatch, name, number, says):
    path = tmp_path / name
    path.write_text(GOOD_LINES, encoding="utf-8")

    def refuse(*args, **kwargs):
        raise OSError(number, ENGLISH)

    monkeypatch.setattr(docgen.fs.input_file.os, "open", refuse)
    with pytest.raises(InputError) as raised:
        read_paragraphs(path)
    assert name in str(raised.value) and says in str(raised.value) and "English" not in str(raised.value)


# --- hostile files named .docx on the import path ---------------------------------------------


def _import(*argv: str) -> subprocess.CompletedProcess:
    # A separate process with a time limit: a reader blocked on a pipe or a device fails the test instead of hanging it.
    return subprocess.run(
        [sys.executable, "-m", "docgen", "import", *argv],
        capture_output=True, text=True, encoding="utf-8", env=docgen_env(), timeout=120,
    )


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are a POSIX feature")
def test_a_fifo_named_docx_is_refused_without_hanging(tmp_path):
    fifo = tmp_path / "x.docx"
    os.mkfifo(fifo)
    done = _import(str(fifo), "--out", str(tmp_path / "inputs"))
    assert done.returncode == 1, done.stderr
    assert "x.docx" in done.stderr and "不是普通文件" in done.stderr and "Traceback" not in done.stderr
    assert not (tmp_path / "inputs").exists()


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_link_to_dev_zero_named_docx_is_refused_without_hanging(tmp_path):
    link = tmp_path / "零.docx"
    link.symlink_to("/dev/zero")
    done = _import(str(link), "--out", str(tmp_path / "inputs"))
    assert done.returncode == 1, done.stderr
    assert "零.docx" in done.stderr and "不是普通文件" in done.stderr and "Traceback" not in done.stderr


def test_an_oversized_docx_is_refused_by_its_size(tmp_path):
    big = tmp_path / "大.docx"
    with open(big, "wb") as file:  # sparse: the size is there, the bytes take no room
        file.write(b"PK\x03\x04")
        file.truncate(MAX_DOCX_BYTES + 1)
    done = _import(str(big), "--out", str(tmp_path / "inputs"))
    assert done.returncode == 1, done.stderr
    assert "大.docx" in done.stderr and "文件太大" in done.stderr and "Traceback" not in done.stderr


def test_an_oversized_docx_is_not_read_into_memory(tmp_path, monkeypatch):
    big = tmp_path / "大.docx"
    with open(big, "wb") as file:
        file.write(b"PK\x03\x04")
        file.truncate(MAX_DOCX_BYTES + 1)
    real_fdopen, reads = os.fdopen, []

    class Counting:
        def __init__(self, file):
            self.file = file

        def __getattr__(self, name):
            return getattr(self.file, name)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.file.close()

        def read(self, size=-1):
            reads.append(size)
            return self.file.read(size)

    monkeypatch.setattr(docgen.fs.input_file.os, "fdopen", lambda *a, **k: Counting(real_fdopen(*a, **k)))
    with pytest.raises(DocgenError, match="文件太大"):
        read_paragraphs(big)
    assert reads == []  # refused by the size it has, before reading it
