"""A system out of processes, pipes or threads (a pids limit, a full process table): the
build makes its reports in docgen's own process instead, writes the same files, and
ends — never a hang, an "Exception in thread" or 程序内部出错, never a process left."""

from __future__ import annotations

import contextlib
import errno
import os
import signal
import subprocess
import sys
import threading
import time
import uuid
from pathlib import Path

import pytest

import docgen
import docgen.pipeline.report_batches
from docgen.parallel import workers as parallel
from support.write_helpers import docgen_env, snapshot, write_inputs

pytestmark = pytest.mark.skipif(not parallel._can_fork(), reason="worker processes are forked: Linux only")

UNITS = tuple(f"第{i:03d}社区" for i in range(1, parallel.MIN_ITEMS + 17))
PIDS_CGROUPS = Path("/sys/fs/cgroup/pids")  # cgroup v1's pids controller


@pytest.fixture
def many(tmp_path) -> Path:
    return write_inputs(tmp_path / "in", UNITS)


@pytest.fixture
def alone(many, tmp_path, monkeypatch) -> dict[str, bytes]:
    """The files one process makes of ``many``."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", docgen_env()["SOURCE_DATE_EPOCH"])  # as in docgen run by a test
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "1")
    docgen.build(many, tmp_path / "alone")
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "3")
    return snapshot(tmp_path / "alone")


def _running(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[-1].split()[0] != "Z"


def test_when_the_system_refuses_the_second_worker_the_first_is_ended_and_the_work_done_here(
    many, alone, tmp_path, monkeypatch
):
    forked, real_fork = [], os.fork

    def fork_once():
        if forked:
            raise BlockingIOError(errno.EAGAIN, "Resource temporarily unavailable")
        pid = real_fork()
        if pid:
            forked.append(pid)
        return pid

    monkeypatch.setattr(os, "fork", fork_once)
    docgen.build(many, tmp_path / "out")
    monkeypatch.undo()

    assert len(forked) == 1 and not _running(forked[0])
    assert snapshot(tmp_path / "out") == alone


def test_without_pipes_to_be_had_the_work_is_done_here(many, alone, tmp_path, monkeypatch):
    def no_pipes(*args, **kwargs):
        raise OSError(errno.EMFILE, "Too many open files")

    monkeypatch.setattr(parallel.multiprocessing, "Pipe", no_pipes)
    docgen.build(many, tmp_path / "out")
    assert snapshot(tmp_path / "out") == alone


def test_a_parallel_build_needs_no_thread(many, alone, tmp_path, monkeypatch):
    """Python's process pools start threads of their own; out of threads, they hung.
    Here every thread refuses to start, and the workers make the reports all the same."""
    makers, parent, make = tmp_path / "makers", os.getpid(), docgen.pipeline.report_batches.report_docx

    def recorded(*args, **kwargs):
        with open(makers, "a") as file:
            file.write(f"{os.getpid()}\n")
        return make(*args, **kwargs)

    def refused(self):
        raise RuntimeError("can't start new thread")

    monkeypatch.setattr(docgen.pipeline.report_batches, "report_docx", recorded)
    monkeypatch.setattr(threading.Thread, "start", refused)
    docgen.build(many, tmp_path / "out")
    monkeypatch.undo()

    assert parent not in {int(pid) for pid in makers.read_text().split()}
    assert snapshot(tmp_path / "out") == alone


def _empty_and_remove(group: Path) -> None:
    """Kill whatever is left in the control group, and remove it once empty."""
    deadline = time.monotonic() + 60
    while True:
        left = (group / "cgroup.procs").read_text().split()
        if not left or time.monotonic() > deadline:
            break
        for pid in left:
            with contextlib.suppress(ProcessLookupError):
                os.kill(int(pid), signal.SIGKILL)
        time.sleep(0.05)
    group.rmdir()


def _pids_cgroup_we_may_make() -> bool:
    return os.geteuid() == 0 and os.access(PIDS_CGROUPS, os.W_OK) and (PIDS_CGROUPS / "cgroup.procs").exists()


@pytest.mark.skipif(not _pids_cgroup_we_may_make(), reason="needs root and cgroup v1's pids controller to set a real limit")
@pytest.mark.parametrize("processes", [2, 3, 4, 6])
def test_under_a_real_limit_on_processes_the_build_ends_with_its_files(many, alone, tmp_path, processes):
    group = PIDS_CGROUPS / f"docgen-test-{uuid.uuid4().hex[:8]}"
    group.mkdir()
    try:
        (group / "pids.max").write_text(str(processes))
        join = f"open({str(group / 'cgroup.procs')!r}, 'w').write(str(__import__('os').getpid()))"
        run = f"{join}; import sys; from docgen.cli.commands import main; sys.exit(main(sys.argv[1:]))"
        command = [sys.executable, "-c", run, "build", "--inputs", str(many), "--out", str(tmp_path / "out")]
        done = subprocess.run(command, capture_output=True, text=True, env={**docgen_env(), "DOCGEN_WORKERS": "3"}, timeout=300)
        left = (group / "cgroup.procs").read_text().split()
    finally:
        _empty_and_remove(group)
    assert left == []
    assert done.returncode == 0, done.stderr
    assert "Exception in thread" not in done.stderr and "程序内部出错" not in done.stderr
    assert snapshot(tmp_path / "out") == alone
