"""On Windows the output folder's .docgen-manifest.json is a hidden file, so that office
staff do not meet it among their reports; builds over a hidden manifest still work."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from docgen.cli.commands import main
from docgen.fs import manifest
from docgen.fs.filenames import MANIFEST_FILE
from support.write_helpers import NEW_UNITS, write_inputs

ARCHIVE, HIDDEN, INVALID = 0x20, 0x2, 0xFFFFFFFF


class FakeWindows:
    """Windows' kernel32 as far as file attributes go, and what a hidden file means:
    it can be read, renamed and deleted, but not replaced or opened for writing over it."""

    def __init__(self, monkeypatch):
        self.hidden: set[str] = set()
        self.set_calls: list[tuple[str, int]] = []
        real_replace, real_open = os.replace, os.open

        def replace(source, target, *args, **kwargs):
            source, target = str(Path(source)), str(Path(target))
            self._refuse_hidden(target)
            real_replace(source, target, *args, **kwargs)
            if source in self.hidden:  # the attribute goes with the file
                self.hidden.discard(source)
                self.hidden.add(target)

        def open_file(path, flags, *args, **kwargs):
            if flags & (os.O_WRONLY | os.O_RDWR):
                self._refuse_hidden(str(Path(path)))
            return real_open(path, flags, *args, **kwargs)

        monkeypatch.setattr(os, "replace", replace)
        monkeypatch.setattr(os, "open", open_file)
        monkeypatch.setattr(manifest, "_WINDOWS", True)
        monkeypatch.setattr(manifest, "_kernel32", lambda: self)

    def _refuse_hidden(self, path: str) -> None:
        if path in self.hidden and os.path.lexists(path):
            raise PermissionError(errno.EACCES, "Access is denied", path)

    def GetFileAttributesW(self, path: str) -> int:  # noqa: N802 (Windows' name)
        if not os.path.lexists(path):
            return INVALID
        return ARCHIVE | (HIDDEN if path in self.hidden else 0)

    def SetFileAttributesW(self, path: str, attributes: int) -> int:  # noqa: N802
        self.set_calls.append((path, attributes))
        if attributes & HIDDEN:
            self.hidden.add(path)
        else:
            self.hidden.discard(path)
        return 1


def _build(inputs: Path, out: Path) -> int:
    return main(["build", "--inputs", str(inputs), "--out", str(out)])


@pytest.fixture
def windows(monkeypatch):
    return FakeWindows(monkeypatch)


def test_on_windows_the_manifest_is_hidden_and_builds_over_it_still_work(tmp_path, windows, capsys):
    inputs, out = write_inputs(tmp_path / "in"), tmp_path / "out"
    assert _build(inputs, out) == 0
    shown = str(out / MANIFEST_FILE)
    assert shown in windows.hidden
    assert windows.set_calls == [(shown, ARCHIVE | HIDDEN)]  # its other attributes kept

    write_inputs(inputs, NEW_UNITS, "第二版的正文。")  # 乙社区 dropped: its .docx goes, by the manifest
    assert _build(inputs, out) == 0, capsys.readouterr().err
    assert shown in windows.hidden
    assert not (out / "乙社区.docx").exists()
    assert "乙社区" not in (out / MANIFEST_FILE).read_text(encoding="utf-8")


def test_a_manifest_that_cannot_be_hidden_still_does_its_work(tmp_path, windows, capsys):
    windows.SetFileAttributesW = lambda path, attributes: 0  # e.g. a network drive that refuses
    inputs, out = write_inputs(tmp_path / "in"), tmp_path / "out"
    assert _build(inputs, out) == 0
    write_inputs(inputs, NEW_UNITS, "第二版的正文。")
    assert _build(inputs, out) == 0
    assert not (out / "乙社区.docx").exists()


def test_elsewhere_no_windows_call_is_made(tmp_path, monkeypatch):
    def no_kernel32():
        raise AssertionError("kernel32 called outside Windows")

    monkeypatch.setattr(manifest, "_WINDOWS", False)
    monkeypatch.setattr(manifest, "_kernel32", no_kernel32)
    inputs, out = write_inputs(tmp_path / "in"), tmp_path / "out"
    assert _build(inputs, out) == 0
    assert (out / MANIFEST_FILE).is_file()
