"""Reports made in worker processes (``docgen.parallel.workers``): the same files, byte for byte, as
made in docgen's own process; an error in a worker told as it would be told there; and a
failed or interrupted build leaves the previous outputs as they were and no process behind."""

from __future__ import annotations

import errno
import gc
import io
import multiprocessing
import os
import pickle
import signal
import subprocess
import sys
import zipfile
from pathlib import Path

import docx
import pytest

import docgen
import docgen.docx.volume
import docgen.fs.publish
import docgen.layout.words
import docgen.pipeline.build
import docgen.pipeline.report_batches
from docgen.core.findings import Finding
from docgen.core.model import Origin
from docgen.docx.template_builder import build_template
from docgen.errors import EnvironmentProblem, InputError, InternalError
from docgen.parallel import workers as parallel
from support.write_helpers import docgen_env, leftovers, snapshot, write_inputs

HELD_DOCGEN = Path(__file__).parents[1] / "support" / "held_docgen.py"
UNITS = tuple(f"第{i:03d}社区" for i in range(1, parallel.MIN_ITEMS + 17))  # more than make workers worth it

forked = pytest.mark.skipif(not parallel._can_fork(), reason="worker processes are forked: Linux only")

VOLUMES = {
    "series titles": "",
    "own titles, units and a cover": (
        "titles: own\nshow_unit: true\ncover:\n  title: 二〇二六年基层党建工作汇编\n  unit: 某某街道党工委\n  date: 2026-11-20\n"
    ),
}


@pytest.fixture
def many(tmp_path) -> Path:
    return write_inputs(tmp_path / "in", UNITS)


@pytest.fixture
def making_processes(tmp_path, monkeypatch) -> Path:
    """A file listing the process that made each report (workers are forked from this
    process after the patch, so they make reports through the wrapper too)."""
    record = tmp_path / "pids.txt"
    make = docgen.pipeline.report_batches.report_docx

    def recorded(*args, **kwargs):
        with open(record, "a") as file:
            file.write(f"{os.getpid()}\n")
        return make(*args, **kwargs)

    monkeypatch.setattr(docgen.pipeline.report_batches, "report_docx", recorded)
    return record


def _pids(record: Path) -> set[int]:
    return {int(line) for line in record.read_text().split()}


def _build_with(workers: int, inputs: Path, out: Path, monkeypatch, **kwargs):
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, str(workers))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", docgen_env()["SOURCE_DATE_EPOCH"])  # builds compared fall on one day
    return docgen.build(inputs, out, **kwargs)


@forked
@pytest.mark.parametrize("settings", list(VOLUMES.values()), ids=list(VOLUMES))
def test_workers_write_the_same_files_as_one_process(many, tmp_path, monkeypatch, making_processes, settings):
    (many / "volume.yaml").write_text(settings, encoding="utf-8")
    alone = _build_with(1, many, tmp_path / "one", monkeypatch)
    assert _pids(making_processes) == {os.getpid()}
    making_processes.unlink()
    shared = _build_with(3, many, tmp_path / "three", monkeypatch)  # uneven: 81 reports, batches of 16, 3 workers
    workers = _pids(making_processes)
    assert os.getpid() not in workers and len(workers) >= 2
    assert snapshot(tmp_path / "three") == snapshot(tmp_path / "one")
    assert shared.start_pages == alone.start_pages and shared.findings == alone.findings
    assert [p.name for p in shared.report_paths] == [p.name for p in alone.report_paths]
    assert multiprocessing.active_children() == []


@pytest.mark.slow
@forked
def test_workers_fill_a_template_with_fields_as_one_process(many, tmp_path, monkeypatch):
    template = docx.Document(io.BytesIO(build_template()))
    template.sections[0].header.paragraphs[0].text = "{{ unit }} · {{ title }}"
    template.save(many / "template.docx")
    _build_with(1, many, tmp_path / "one", monkeypatch)
    _build_with(2, many, tmp_path / "two", monkeypatch)
    assert snapshot(tmp_path / "two") == snapshot(tmp_path / "one")
    header = _header_xml(tmp_path / "two" / f"{UNITS[5]}.docx")
    assert f"{UNITS[5]} · 基层党建亮点工作及存在问题（六）" in header


def _header_xml(path: Path) -> str:
    with zipfile.ZipFile(path) as package:
        return "".join(package.read(n).decode("utf-8") for n in package.namelist() if n.startswith("word/header"))


@forked
def test_the_workers_are_gone_before_the_volume_is_written(many, tmp_path, monkeypatch, making_processes):
    """The volume is written by docgen alone: idle workers would hold their memory through it."""
    alive_then: list[list] = []
    write = docgen.docx.volume.VolumeWriter.write

    def noted(self, *args, **kwargs):
        alive_then.append(multiprocessing.active_children())
        return write(self, *args, **kwargs)

    monkeypatch.setattr(docgen.docx.volume.VolumeWriter, "write", noted)
    _build_with(2, many, tmp_path / "out", monkeypatch)
    assert len(_pids(making_processes) - {os.getpid()}) == 2  # the reports were made by two workers
    assert alive_then == [[]]


@forked
def test_a_large_build_loads_the_segmenter_before_its_workers_fork(many, tmp_path, monkeypatch):
    """Thousands of reports have titles to break: the workers share docgen's segmenter
    instead of each loading its own; a smaller build loads it only if a title needs it."""
    forked_with: list[int] = []
    start = parallel._started

    def noted(count):
        forked_with.append(docgen.layout.words._segmenter.cache_info().currsize)
        return start(count)

    monkeypatch.setattr(parallel, "_started", noted)
    docgen.layout.words._segmenter.cache_clear()
    _build_with(2, many, tmp_path / "small", monkeypatch)
    monkeypatch.setattr(docgen.pipeline.build, "_SURELY_BROKEN_TITLES", len(UNITS))
    docgen.layout.words._segmenter.cache_clear()
    _build_with(2, many, tmp_path / "large", monkeypatch)
    assert forked_with == [0, 1]


@forked
def test_a_small_volume_is_made_without_workers(tmp_path, monkeypatch, making_processes):
    inputs = write_inputs(tmp_path / "in")
    _build_with(2, inputs, tmp_path / "out", monkeypatch)
    assert _pids(making_processes) == {os.getpid()}


@forked
def test_a_damaged_template_made_by_a_worker_is_told_as_in_one_process(many, tmp_path, monkeypatch):
    (many / "template.docx").write_bytes(b"not a zip")
    told = []
    for workers in (1, 2):
        with pytest.raises(InputError) as raised:
            _build_with(workers, many, tmp_path / f"out{workers}", monkeypatch)
        told.append(str(raised.value))
    assert told[0] == told[1] and "template.docx" in told[0] and "损坏" in told[0]
    assert multiprocessing.active_children() == []


@pytest.fixture
def rebuilt(many, tmp_path, monkeypatch):
    """``many`` built once; its inputs then changed, so that a second build would change every file."""
    out = tmp_path / "out"
    _build_with(2, many, out, monkeypatch)
    write_inputs(many, UNITS, text="第二版的正文。")
    return many, out, snapshot(out)


@forked
def test_a_full_disk_in_a_worker_is_told_as_in_one_process_and_keeps_the_outputs(rebuilt, monkeypatch):
    inputs, out, before = rebuilt
    parent, real_write = os.getpid(), os.write

    def write(fd, data):
        if os.getpid() != parent and fd > 2:
            raise OSError(errno.ENOSPC, "No space left on device")
        return real_write(fd, data)

    monkeypatch.setattr(docgen.fs.publish.os, "write", write)
    with pytest.raises(EnvironmentProblem) as raised:
        _build_with(2, inputs, out, monkeypatch)
    monkeypatch.undo()
    message = str(raised.value)
    assert "磁盘已满，请腾出空间" in message and str(out) in message and ".docx" in message
    assert snapshot(out) == before and leftovers(out) == []
    assert multiprocessing.active_children() == []


@forked
def test_ctrl_c_during_a_parallel_build_keeps_the_outputs_and_stops_the_workers(rebuilt, monkeypatch):
    inputs, out, before = rebuilt
    seen = []

    def progress(done, total):
        seen.append(done)
        if len(seen) == 2:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        _build_with(2, inputs, out, monkeypatch, progress=progress)
    assert seen[-1] < len(UNITS)
    assert snapshot(out) == before and leftovers(out) == []
    assert multiprocessing.active_children() == []


@forked
def test_a_worker_that_dies_is_told_and_keeps_the_outputs(rebuilt, monkeypatch):
    inputs, out, before = rebuilt
    parent, make = os.getpid(), docgen.pipeline.report_batches.report_docx

    def dying(report, *args, **kwargs):
        if os.getpid() != parent and report.unit == UNITS[40]:
            os._exit(9)  # as the system's out-of-memory killer would end it
        return make(report, *args, **kwargs)

    monkeypatch.setattr(docgen.pipeline.report_batches, "report_docx", dying)
    with pytest.raises(EnvironmentProblem) as raised:
        _build_with(2, inputs, out, monkeypatch)
    assert "工作进程意外退出" in str(raised.value) and "DOCGEN_WORKERS=1" in str(raised.value)
    assert snapshot(out) == before and leftovers(out) == []
    assert multiprocessing.active_children() == []


@forked
def test_ctrl_c_in_the_terminal_stops_docgen_and_its_workers_quietly(rebuilt):
    """Ctrl-C reaches every process of the terminal's group: the workers say nothing,
    docgen says 已中断 and keeps the previous outputs. The build is held still once it
    reports its first progress line (``held_docgen``), so the signal comes mid-build."""
    inputs, out, before = rebuilt
    command = [sys.executable, str(HELD_DOCGEN), "build", "--inputs", str(inputs), "--out", str(out)]
    env = {**docgen_env(), parallel.WORKERS_VARIABLE: "2"}
    build = subprocess.Popen(command, env=env, stderr=subprocess.PIPE, text=True, start_new_session=True)
    said = [build.stderr.readline()]
    assert said[0].startswith("正在生成 "), said
    assert any(name.startswith(".docgen-new-") for name in os.listdir(out))  # in the middle of writing
    os.killpg(build.pid, signal.SIGINT)
    said.append(build.communicate(timeout=120)[1])
    said = "".join(said)
    assert "Traceback" not in said and "KeyboardInterrupt" not in said
    assert build.returncode == 1 and "已中断" in said, said
    assert snapshot(out) == before and leftovers(out) == []
    with pytest.raises(ProcessLookupError):  # no worker left behind
        os.killpg(build.pid, 0)


@pytest.mark.parametrize("kind", [InputError, EnvironmentProblem, InternalError])
def test_an_error_keeps_its_kind_place_and_notes_across_processes(kind):
    error = kind("没有署名", Origin(Path("甲社区.yaml"), line=7))
    error.notes.append(Finding("recovered", Origin(Path("out")), "上次中断的写入已恢复"))
    received = pickle.loads(pickle.dumps(error))
    assert type(received) is kind
    assert str(received) == str(error) and "甲社区.yaml 第 7 行" in str(received)
    assert received.notes == error.notes


@forked
def test_without_processes_to_be_had_the_work_is_done_here(monkeypatch):
    def refused(self):
        raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")

    monkeypatch.setattr(multiprocessing.context.ForkProcess, "start", refused)
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "2")
    with parallel.Workers(10_000) as workers:
        assert workers.count == 1
        assert list(workers.map(abs, [-1, -2])) == [1, 2]


def test_without_fork_or_with_one_core_there_are_no_workers(monkeypatch):
    monkeypatch.setattr(parallel, "_can_fork", lambda: False)
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "4")
    with parallel.Workers(10_000) as workers:
        assert workers.count == 1
        assert list(workers.map(abs, [-1, -2])) == [1, 2]


def test_the_collector_gets_its_objects_back_only_when_the_outermost_block_ends():
    """The workers keep the objects they fork with out of the collector's way, and the build inside
    them its model: the build ending first must not hand the workers' objects back early."""
    assert gc.get_freeze_count() == 0
    with parallel.kept_from_the_collector():
        with parallel.kept_from_the_collector():
            pass
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
