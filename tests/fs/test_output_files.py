"""Output files: safe names inside the output folder, and never half a file in place of a good one."""

from __future__ import annotations

import errno
from pathlib import Path

import docx
import pytest

import docgen.fs.publish
from docgen.cli.commands import main
from docgen.fs.filenames import MANIFEST_FILE
from support.write_helpers import REPORT


def _run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.err


def _quoted(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _files_under(folder: Path) -> set[Path]:
    return {p for p in folder.rglob("*") if p.is_file()}


HOSTILE_UNITS = [
    "上级/下级", "甲\\乙", "C:\\Windows\\system32", "问号?星号*", '引号"尖括号<>竖线|', "冒号:社区",
    "..", "../../逃出去", "..\\..\\逃出去", "CON", "nul.txt", " . ", "基层党建亮点工作及存在问题", "上级\\下级",
]


def test_hostile_unit_names_become_safe_files_inside_the_output_folder(tmp_path, capsys):
    inputs, out = tmp_path / "work" / "in", tmp_path / "work" / "out"
    inputs.mkdir(parents=True)
    for n, unit in enumerate(HOSTILE_UNITS):
        (inputs / f"{n:02d}.yaml").write_text(REPORT.format(unit=_quoted(unit), text=f"第 {n} 份。"), encoding="utf-8")
    before = _files_under(tmp_path) - _files_under(inputs)
    code, err = _run(capsys, "build", "--inputs", str(inputs), "--out", str(out))
    assert code == 0, err
    written = _files_under(tmp_path) - _files_under(inputs) - before - {out / MANIFEST_FILE}
    assert all(path.parent == out for path in written)  # nothing outside, nothing in subfolders
    assert len(written) == len(HOSTILE_UNITS) + 1  # one per report and the volume: no name collided
    for path in written:
        assert not set(path.name) & set('/\\:*?"<>|')
        assert path.suffix == ".docx" and not path.name.startswith(".")
        assert path.stem.split(".")[0].upper() not in {"CON", "NUL"}
    texts = {"".join(p.text for p in docx.Document(str(path)).paragraphs) for path in written}
    for n in range(len(HOSTILE_UNITS)):
        assert any(f"第 {n} 份。" in text for text in texts)


def test_an_output_that_is_a_symlink_is_replaced_not_followed(tmp_path, capsys):
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    out.mkdir()
    (inputs / "a.yaml").write_text(REPORT.format(unit="社区", text="正文。"), encoding="utf-8")
    outside = tmp_path / "别人的文件.txt"
    outside.write_text("不能被改写", encoding="utf-8")
    (out / "社区.docx").symlink_to(outside)
    assert _run(capsys, "build", "--inputs", str(inputs), "--out", str(out))[0] == 0
    assert outside.read_text(encoding="utf-8") == "不能被改写"
    assert not (out / "社区.docx").is_symlink()


@pytest.fixture
def good_build(tmp_path, capsys):
    """Inputs for two reports, built once: (inputs, out, bytes of every output)."""
    inputs, out = tmp_path / "in", tmp_path / "out"
    inputs.mkdir()
    for unit in ("甲社区", "乙社区"):
        (inputs / f"{unit}.yaml").write_text(REPORT.format(unit=unit, text="第一次的正文。"), encoding="utf-8")
    assert _run(capsys, "build", "--inputs", str(inputs), "--out", str(out))[0] == 0
    return inputs, out, {p.name: p.read_bytes() for p in out.iterdir()}


@pytest.mark.parametrize(
    "bad_file",
    [
        'unit: !!python/object/apply:os.system ["echo"]\n',
        REPORT.format(unit="甲社区", text="同名的单位。"),
        "unit: 丙社区\nsections:\n\t- heading: 亮点\n",
        "unit: 丙社区\nsections:\n  - heading: 空的部分\n",
    ],
    ids=["python-tag", "duplicate-unit", "tab", "empty-section"],
)
def test_a_failed_build_leaves_the_last_good_outputs_byte_identical(good_build, capsys, bad_file):
    inputs, out, before = good_build
    (inputs / "甲社区.yaml").write_text(REPORT.format(unit="甲社区", text="改过的正文。"), encoding="utf-8")
    (inputs / "坏文件.yaml").write_bytes(bad_file.encode("utf-8"))
    code, err = _run(capsys, "build", "--inputs", str(inputs), "--out", str(out))
    assert code == 1 and ".yaml" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def _write_half_then_fail(fail_on: str):
    """A ``publish._write_file`` that, for the output named ``fail_on``, writes half of it and then reports a full disk."""
    real_write_file = docgen.fs.publish._write_file

    def write_file(path, chunks):
        if path.name != fail_on:
            return real_write_file(path, chunks)
        data = b"".join(chunks)
        path.write_bytes(data[: len(data) // 2])
        raise OSError(errno.ENOSPC, "No space left on device")

    return write_file


@pytest.mark.parametrize("fail_on", ["甲社区.docx", "乙社区.docx", "基层党建亮点工作及存在问题.docx"])
def test_a_write_failing_midway_leaves_every_output_as_it_was(good_build, capsys, monkeypatch, fail_on):
    inputs, out, before = good_build
    for unit in ("甲社区", "乙社区"):
        (inputs / f"{unit}.yaml").write_text(REPORT.format(unit=unit, text="第二次的正文。"), encoding="utf-8")
    monkeypatch.setattr(docgen.fs.publish, "_write_file", _write_half_then_fail(fail_on))
    code, err = _run(capsys, "build", "--inputs", str(inputs), "--out", str(out))
    assert code == 1
    assert fail_on in err and "磁盘已满" in err
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # all old, none new, nothing left over
