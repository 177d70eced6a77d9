"""All or nothing: a build that cannot publish every file publishes none, and names why."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
from pathlib import Path

import pytest

import docgen.fs.folderlock
import docgen.fs.publish
from docgen.cli.commands import main
from docgen.fs.filenames import MANIFEST_FILE
from docgen.fs.folderlock import folder_lock
from support.write_helpers import NEW_UNITS, REPORT, leftovers, snapshot, write_inputs

VOLUME = "基层党建亮点工作及存在问题.docx"


@pytest.fixture(autouse=True)
def _reproducible(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")


def _run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


@pytest.fixture
def built(tmp_path, capsys):
    """A first build, and the inputs changed for a second: (inputs, out, the first build's files)."""
    inputs, out = write_inputs(tmp_path / "in"), tmp_path / "out"
    assert _run(capsys, "build", "--inputs", str(inputs), "--out", str(out))[0] == 0
    write_inputs(inputs, NEW_UNITS, "第二版的正文。")
    return inputs, out, snapshot(out)


def _build(capsys, inputs, out):
    return _run(capsys, "build", "--inputs", str(inputs), "--out", str(out))


# --- a file that cannot be replaced -------------------------------------------------------


def _chattr(flag: str, path: Path) -> bool:
    chattr = shutil.which("chattr")
    return bool(chattr) and subprocess.run([chattr, flag, str(path)], capture_output=True).returncode == 0


def test_an_immutable_volume_is_named_and_nothing_is_replaced(built, capsys):
    inputs, out, before = built
    if not _chattr("+i", out / VOLUME):
        pytest.skip("chattr +i is not possible here (needs root and ext4/xfs/btrfs)")
    try:
        code, _, err = _build(capsys, inputs, out)
    finally:
        _chattr("-i", out / VOLUME)
    assert code == 1
    assert VOLUME in err and "无法替换" in err and "保持原样" in err
    assert snapshot(out) == before
    assert leftovers(out) == []


@pytest.mark.parametrize("locked", ["甲社区.docx", VOLUME, "乙社区.docx"])  # replaced, replaced, removed as stale
def test_a_file_held_open_elsewhere_is_found_before_anything_is_replaced(built, capsys, monkeypatch, locked):
    inputs, out, before = built
    real_replace = os.replace

    def replace(source, target):
        if Path(source) == out / locked:  # as Windows refuses to move a file open in Word
            raise PermissionError(errno.EACCES, "Permission denied", str(source))
        return real_replace(source, target)

    monkeypatch.setattr(docgen.fs.publish.os, "replace", replace)
    code, _, err = _build(capsys, inputs, out)
    assert code == 1
    assert f"{out / locked}：没有权限" in err and "无法替换" in err and "保持原样" in err
    assert snapshot(out) == before
    assert leftovers(out) == []


# --- a full disk ---------------------------------------------------------------------------


@pytest.mark.parametrize("share", [0, 0.1, 0.5, 0.9])
def test_a_disk_that_fills_up_midway_leaves_every_output_byte_identical(built, capsys, monkeypatch, share):
    """The disk fills up with ``share`` of what the build writes written."""
    inputs, out, before = built
    room = int(share * sum(len(data) for data in before.values()))
    real_write, written = os.write, [0]

    def write(fd, data):
        if fd > 2:  # not the console
            if written[0] + len(data) > room:
                raise OSError(errno.ENOSPC, "No space left on device")
            written[0] += len(data)
        return real_write(fd, data)

    monkeypatch.setattr(docgen.fs.publish.os, "write", write)
    code, _, err = _build(capsys, inputs, out)
    monkeypatch.undo()
    assert code == 1
    assert "磁盘已满" in err
    assert snapshot(out) == before
    assert leftovers(out) == []


def test_every_new_file_is_on_the_disk_before_the_first_replacement(built, capsys, monkeypatch):
    inputs, out, _ = built
    events = []
    real_flush, real_replace = docgen.fs.publish._flush_to_disk, os.replace

    def flush(folder, paths):
        events.append(("flush", sorted(p.name for p in paths)))
        real_flush(folder, paths)

    def replace(source, target):
        events.append(("replace", Path(target).name))
        real_replace(source, target)

    monkeypatch.setattr(docgen.fs.publish, "_flush_to_disk", flush)
    monkeypatch.setattr(docgen.fs.publish.os, "replace", replace)
    assert _build(capsys, inputs, out)[0] == 0
    monkeypatch.undo()
    published = sorted(p.name for p in out.iterdir())
    assert events[0] == ("flush", published)  # the manifest too
    assert [e for e in events if e[0] == "flush"] == [events[0]]  # one flush for them all


def test_without_syncfs_each_new_file_is_flushed_on_its_own(built, capsys, monkeypatch):
    inputs, out, _ = built
    flushed = []
    monkeypatch.setattr(docgen.fs.publish, "_syncfs", None)  # as on Windows and macOS
    monkeypatch.setattr(docgen.fs.publish, "_fsync_file", lambda path: flushed.append(path.name))
    assert _build(capsys, inputs, out)[0] == 0
    assert set(flushed) >= {p.name for p in out.iterdir()}


def test_a_disk_that_fails_to_flush_leaves_every_output_as_it_was(built, capsys, monkeypatch):
    inputs, out, before = built

    def fail(*args):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(docgen.fs.publish, "_sync_filesystem", fail)
    monkeypatch.setattr(docgen.fs.publish, "_fsync_file", fail)
    code, _, err = _build(capsys, inputs, out)
    monkeypatch.undo()
    assert code == 1 and "无法写入" in err and str(out) in err
    assert snapshot(out) == before
    assert leftovers(out) == []


@pytest.fixture
def tiny_disk(tmp_path):
    """A real 300 KiB file system (tmpfs), where mounting one is allowed."""
    mount = tmp_path / "disk"
    mount.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=300k", "tmpfs", str(mount)], capture_output=True)
    if mounted.returncode != 0:
        pytest.skip("cannot mount a tmpfs here (needs root)")
    yield mount
    subprocess.run(["umount", str(mount)], capture_output=True)


def test_a_real_full_disk_leaves_the_last_build_as_it_was(tiny_disk, tmp_path, capsys):
    inputs, out = write_inputs(tmp_path / "in"), tiny_disk / "out"
    assert _build(capsys, inputs, out)[0] == 0
    before = snapshot(out)
    filler = tiny_disk / "filler"
    filler.write_bytes(b"")
    free = shutil.disk_usage(tiny_disk).free
    filler.write_bytes(b"x" * max(0, free - 40_000))  # room for about half a new build
    write_inputs(inputs, NEW_UNITS, "第二版的正文。")
    code, _, err = _build(capsys, inputs, out)
    assert code == 1 and "磁盘已满" in err
    assert snapshot(out) == before
    assert leftovers(out) == []
    filler.unlink()
    assert _build(capsys, inputs, out)[0] == 0  # with room again, it simply works


# --- Ctrl-C while files are being replaced ---------------------------------------------------


@pytest.mark.parametrize("at_call", range(1, 14))
def test_ctrl_c_during_the_replacement_rolls_it_back(built, capsys, monkeypatch, at_call):
    inputs, out, before = built
    real_replace, calls = os.replace, [0]

    def replace(source, target):
        calls[0] += 1
        if calls[0] == at_call:
            signal.raise_signal(signal.SIGINT)
        return real_replace(source, target)

    monkeypatch.setattr(docgen.fs.publish.os, "replace", replace)
    code, out_text, err = _build(capsys, inputs, out)
    monkeypatch.undo()
    after = snapshot(out)
    if code == 0:  # the Ctrl-C came after every new file stood: the build is finished, not mixed
        assert "已生成" in out_text
        assert after != before and "乙社区.docx" not in after
    else:
        assert "已中断" in err
        assert after == before
    assert leftovers(out) == []


# --- one docgen at a time ---------------------------------------------------------------------


def test_a_second_docgen_waits_then_says_another_is_writing(built, capsys, monkeypatch):
    inputs, out, before = built
    monkeypatch.setattr(docgen.fs.folderlock, "WAIT_SECONDS", 0.3)
    with folder_lock(out):
        code, _, err = _build(capsys, inputs, out)
    assert code == 1
    assert "另一个 docgen 正在写入" in err and str(out) in err
    assert snapshot(out) == before


def test_the_lock_is_free_again_after_a_build_and_leaves_no_file(built, capsys):
    inputs, out, _ = built
    assert _build(capsys, inputs, out)[0] == 0
    assert leftovers(out) == []
    with folder_lock(out):  # would wait and fail if the build still held it
        pass


def test_a_failed_build_into_a_new_folder_leaves_no_folder(tmp_path, capsys):
    inputs = write_inputs(tmp_path / "in")
    (inputs / "坏.yaml").write_text("unit: [\n", encoding="utf-8")
    out = tmp_path / "new" / "out"
    assert _build(capsys, inputs, out)[0] == 1
    assert not (tmp_path / "new").exists()


# --- the manifest: docgen's own stale outputs, and nobody else's --------------------------------


def test_a_deleted_input_takes_its_word_file_with_it_and_says_so(built, capsys):
    inputs, out, _ = built
    (out / "我的笔记.docx").write_bytes(b"not docgen's")
    code, printed, _ = _build(capsys, inputs, out)
    assert code == 0
    assert not (out / "乙社区.docx").exists()
    assert "已删除" in printed and str(out / "乙社区.docx") in printed
    assert (out / "我的笔记.docx").read_bytes() == b"not docgen's"
    assert sorted(p.name for p in out.glob("*.docx")) == sorted([VOLUME, "我的笔记.docx", *(f"{u}.docx" for u in NEW_UNITS)])


def test_an_output_the_user_changed_is_never_removed(built, capsys):
    inputs, out, _ = built
    (out / "乙社区.docx").write_bytes(b"edited in Word and saved")
    code, printed, _ = _build(capsys, inputs, out)
    assert code == 0
    assert (out / "乙社区.docx").read_bytes() == b"edited in Word and saved"
    assert "乙社区.docx" not in printed


def test_a_folder_without_a_manifest_loses_nothing(built, capsys):
    inputs, out, _ = built
    (out / MANIFEST_FILE).unlink()  # built by an older docgen: which files are its own is unknown
    assert _build(capsys, inputs, out)[0] == 0
    assert (out / "乙社区.docx").exists()


def _fake_libreoffice(monkeypatch):
    """PDFs and pictures without LibreOffice: each 'PDF' is its document's bytes, marked."""
    from docgen.office import soffice
    from docgen.pipeline import preview, render

    def convert(documents, folder, **options):
        pdfs = [folder / (d.stem + ".pdf") for d in documents]
        for document, pdf in zip(documents, pdfs):
            pdf.write_bytes(b"%PDF " + document.read_bytes()[:64])
        return pdfs

    monkeypatch.setattr(soffice, "find_soffice", lambda: Path("/fake/soffice"))
    monkeypatch.setattr(render, "convert_to_pdf", convert)
    monkeypatch.setattr(preview, "convert_to_pdf", convert)


def test_pdfs_of_an_earlier_build_go_when_a_plain_build_replaces_their_word_files(built, capsys, monkeypatch):
    inputs, out, _ = built
    _fake_libreoffice(monkeypatch)
    assert _run(capsys, "build", "--inputs", str(inputs), "--out", str(out), "--pdf")[0] == 0
    pdfs = sorted(out.glob("*.pdf"))
    assert len(pdfs) == len(NEW_UNITS) + 1
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    write_inputs(inputs, NEW_UNITS, "第三版的正文。")
    code, printed, _ = _build(capsys, inputs, out)
    assert code == 0
    assert not list(out.glob("*.pdf"))  # no PDF older than its Word file
    assert all(str(pdf) in printed for pdf in pdfs)


def _pdf_build_then_change(inputs, out, capsys, monkeypatch, changed: str | None):
    """A build with PDFs, then the report of ``changed`` (if any) rewritten: the PDFs, before."""
    _fake_libreoffice(monkeypatch)
    assert _run(capsys, "build", "--inputs", str(inputs), "--out", str(out), "--pdf")[0] == 0
    if changed:
        (inputs / f"{changed}.yaml").write_text(REPORT.format(unit=changed, text="改过的正文。"), encoding="utf-8")
    return {p.name: p.read_bytes() for p in out.glob("*.pdf")}


def test_a_plain_build_keeps_the_pdfs_of_unchanged_reports_and_names_those_it_removes(built, capsys, monkeypatch):
    inputs, out, _ = built
    before = _pdf_build_then_change(inputs, out, capsys, monkeypatch, "丙社区")
    code, printed, _ = _build(capsys, inputs, out)
    assert code == 0
    after = {p.name: p.read_bytes() for p in out.glob("*.pdf")}
    assert after == {name: before[name] for name in ("甲社区.pdf", "丁社区.pdf")}  # kept as they were
    removed = printed[printed.index("已删除") :]
    assert str(out / "丙社区.pdf") in removed and str(out / VOLUME.replace(".docx", ".pdf")) in removed
    assert "甲社区.pdf" not in removed and "丁社区.pdf" not in removed
    assert "--pdf" in removed  # how to have them again


def test_pdfs_kept_stay_docgens_and_go_once_their_report_changes(built, capsys, monkeypatch):
    inputs, out, _ = built
    _pdf_build_then_change(inputs, out, capsys, monkeypatch, None)
    assert _build(capsys, inputs, out)[0] == 0
    assert len(list(out.glob("*.pdf"))) == len(NEW_UNITS) + 1  # nothing changed: every PDF kept
    (inputs / "甲社区.yaml").write_text(REPORT.format(unit="甲社区", text="又改过的正文。"), encoding="utf-8")
    code, printed, _ = _build(capsys, inputs, out)
    assert code == 0 and not (out / "甲社区.pdf").exists() and str(out / "甲社区.pdf") in printed
    assert (out / "丁社区.pdf").exists()


def test_pdfs_of_unchanged_reports_are_kept_by_a_build_on_another_day(built, capsys, monkeypatch):
    inputs, out, _ = built
    before = _pdf_build_then_change(inputs, out, capsys, monkeypatch, "丙社区")
    word_before = (out / "甲社区.docx").read_bytes()
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(1700000000 + 3 * 86400))
    assert _build(capsys, inputs, out)[0] == 0
    assert (out / "甲社区.docx").read_bytes() != word_before  # dated anew: the document is the same
    assert (out / "甲社区.pdf").read_bytes() == before["甲社区.pdf"]
    assert not (out / "丙社区.pdf").exists()


def test_a_failing_libreoffice_publishes_neither_word_files_nor_pdfs(built, capsys, monkeypatch):
    inputs, out, before = built
    _fake_libreoffice(monkeypatch)
    from docgen.errors import InputError
    from docgen.pipeline import render

    def fail(documents, folder, **options):
        raise InputError("LibreOffice 转换失败")

    monkeypatch.setattr(render, "convert_to_pdf", fail)
    code, _, err = _run(capsys, "build", "--inputs", str(inputs), "--out", str(out), "--pdf")
    assert code == 1 and "LibreOffice 转换失败" in err
    assert snapshot(out) == before


def test_stale_preview_pages_go_with_a_new_build(built, capsys, monkeypatch):
    from docgen.pipeline import preview

    inputs, out, _ = built
    _fake_libreoffice(monkeypatch)
    monkeypatch.setattr(preview, "require_tool", lambda name: "pdftoppm")

    def pages(argv, capture_output):
        prefix = Path(argv[-1])
        for n in (1, 2):
            Path(f"{prefix}-{n}.png").write_bytes(b"png %d" % n)
        return subprocess.CompletedProcess(argv, 0, b"", b"")

    monkeypatch.setattr(preview.subprocess, "run", pages)
    assert _run(capsys, "preview", "甲社区", "--inputs", str(inputs), "--out", str(out))[0] == 0
    assert sorted(p.name for p in (out / "preview").iterdir()) == ["甲社区-1.png", "甲社区-2.png"]
    monkeypatch.undo()
    code, printed, _ = _build(capsys, inputs, out)
    assert code == 0
    assert not list((out / "preview").glob("*.png")) and "甲社区-1.png" in printed


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
def test_ctrl_c_while_a_word_file_is_being_zipped_is_an_interruption_not_a_traceback(built, capsys, monkeypatch):
    import zipfile

    inputs, out, before = built
    real_start = zipfile._ZipWriteFile.__init__

    def interrupted(self, *args):  # Ctrl-C as an entry opens: zipfile then fails to close with ValueError
        raise KeyboardInterrupt

    monkeypatch.setattr(zipfile._ZipWriteFile, "__init__", interrupted)
    code, _, err = _build(capsys, inputs, out)
    monkeypatch.setattr(zipfile._ZipWriteFile, "__init__", real_start)
    assert code == 1 and "已中断" in err
    assert snapshot(out) == before and leftovers(out) == []
