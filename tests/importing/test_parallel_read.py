"""Files read and recognised in worker processes: the same YAML files, byte for byte, the same
refusals and the same summary as read in docgen's own process, in the order the files came."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

import docgen.importing.importer as importer
from docgen.parallel import workers as parallel
from support.import_forms import write_list_numbered_docx, write_typed_docx, write_utf8_text

UNITS = [f"第{i:03d}社区" for i in range(1, parallel.MIN_ITEMS + 10)]  # more than make workers worth it
forked = pytest.mark.skipif(not parallel._can_fork(), reason="worker processes are forked: Linux only")


def _lines(unit: str, number: int) -> list[str]:
    return [
        f"{unit}基层党建亮点工作及存在问题",
        "一、亮点工作",
        f"1.党员教育第{number}项。组织学习。",
        "2.志愿服务常态化。",
        "二、存在问题",
        f"1.阵地建设不足{number}处。",
        f"中共{unit}委员会",
        "2026年11月20日",
    ]


@pytest.fixture
def sent(tmp_path) -> Path:
    """Reports in three forms, a file that is no report and one that is no Word file, mixed."""
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for number, unit in enumerate(UNITS, 1):
        write = (write_typed_docx, write_list_numbered_docx, write_utf8_text)[number % 3]
        write(_lines(unit, number), folder / f"{unit}.{'txt' if write is write_utf8_text else 'docx'}")
    write_typed_docx(["会议通知", "定于周五下午召开会议。", "请准时参加。"], folder / "第030社区通知.docx")
    (folder / "第040社区损坏.docx").write_bytes(b"PK\x03\x04 not a zip at all")
    return folder


@pytest.fixture
def reading_processes(tmp_path, monkeypatch) -> Path:
    """A file listing the process that read each file (workers are forked after the patch)."""
    record = tmp_path / "pids.txt"
    read = importer.read_source

    def recorded(*args, **kwargs):
        with open(record, "a") as file:
            file.write(f"{os.getpid()}\n")
        return read(*args, **kwargs)

    monkeypatch.setattr(importer, "read_source", recorded)
    return record


def _import_with(workers: int, sent: Path, out: Path, monkeypatch):
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, str(workers))
    result = importer.import_files([sent], out)
    written = {path.name: path.read_bytes() for path in sorted(out.iterdir()) if not path.name.startswith(".")}
    refused = [(refusal.path.name, refusal.reason) for refusal in result.refused]
    summary = [line.replace(str(out), "输出文件夹") for line in result.summary]
    return written, refused, summary, [str(w) for w in result.warnings]


@forked
def test_workers_import_the_same_as_one_process(sent, tmp_path, monkeypatch, reading_processes):
    alone = _import_with(1, sent, tmp_path / "one", monkeypatch)
    assert {int(pid) for pid in reading_processes.read_text().split()} == {os.getpid()}
    reading_processes.unlink()
    together = _import_with(2, sent, tmp_path / "two", monkeypatch)
    readers = {int(pid) for pid in reading_processes.read_text().split()}
    assert len(readers) == 2 and os.getpid() not in readers
    assert together == alone
    written, refused, summary, _ = together
    assert len(written) == len(UNITS) + 1  # each report, and volume.yaml
    assert [name for name, _ in refused] == ["第030社区通知.docx", "第040社区损坏.docx"]  # in the files' order
    assert "第001社区" in written["第001社区.yaml"].decode("utf-8")
    units_in_summary = [line for line in summary if "单位：" in line]
    assert [line.split("单位：")[1].split("（")[0] for line in units_in_summary] == UNITS
