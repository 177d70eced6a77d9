"""docgen itself killed while its workers are making reports (SIGKILL, as the out-of-memory
killer ends the largest process; SIGTERM, as ``kill`` or a shutdown does; SIGHUP, as a
closed terminal does), the signal sent to docgen's process alone: the workers end with it,
the folder's lock goes with it, and the next docgen takes the folder over. SIGTERM and
SIGHUP end the build as Ctrl-C does: 已中断, the previous outputs kept."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from docgen.cli.commands import main
from docgen.parallel import workers as parallel
from support.processes import running, until
from support.write_helpers import docgen_env, leftovers, snapshot, write_inputs

pytestmark = pytest.mark.skipif(not parallel._can_fork(), reason="worker processes are forked: Linux only")

UNITS = tuple(f"第{i:03d}社区" for i in range(1, parallel.MIN_ITEMS + 17))
DEADLINE = 60.0  # seconds for what takes a moment; only a failure waits this long

# docgen build, its workers stuck in their first report (each writes its id to a file first):
# the moment a test kills docgen, both are certainly working.
STUCK_WORKERS = """
import os, sys, time
import docgen.pipeline.report_batches as batches
from docgen.cli.commands import main

parent, record, make = os.getpid(), sys.argv[1], batches.report_docx

def stuck(*args, **kwargs):
    if os.getpid() != parent:
        with open(record, "a") as file:
            file.write(f"{os.getpid()}\\n")
        time.sleep(3600)
    return make(*args, **kwargs)

batches.report_docx = stuck
sys.exit(main(sys.argv[2:]))
"""






@pytest.fixture
def rebuilt(tmp_path, monkeypatch):
    """A folder built once; the inputs then changed, so that a second build would change every file."""
    inputs, out = write_inputs(tmp_path / "in", UNITS), tmp_path / "out"
    monkeypatch.setenv(parallel.WORKERS_VARIABLE, "1")
    assert main(["build", "--inputs", str(inputs), "--out", str(out)]) == 0
    write_inputs(inputs, UNITS, text="第二版的正文。")
    return inputs, out, snapshot(out)


def _killed_while_working(inputs: Path, out: Path, record: Path, sig: int) -> tuple[int, str, list[int]]:
    """Build with two stuck workers, send ``sig`` to docgen alone; its exit code, what it
    said and its workers' ids. Nothing of it is left running, whatever the test finds."""
    log = record.with_suffix(".log")
    command = [sys.executable, "-c", STUCK_WORKERS, str(record), "build", "--inputs", str(inputs), "--out", str(out)]
    with open(log, "w") as said:
        build = subprocess.Popen(command, env={**docgen_env(), parallel.WORKERS_VARIABLE: "2"}, stderr=said)
    workers: list[int] = []
    try:
        def both_working() -> bool:
            assert build.poll() is None, log.read_text(encoding="utf-8")
            workers[:] = sorted({int(line) for line in record.read_text().split()}) if record.exists() else []
            return len(workers) == 2

        until(both_working, "two workers making reports")
        os.kill(build.pid, sig)
        code = build.wait(timeout=DEADLINE)
        until(lambda: not any(map(running, workers)), "the workers gone after docgen")
    finally:
        for pid in [build.pid, *workers]:
            if running(pid):
                os.kill(pid, signal.SIGKILL)
        build.wait()
    return code, log.read_text(encoding="utf-8"), workers


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP], ids=["SIGTERM", "SIGHUP"])
def test_docgen_ended_by_a_signal_stops_like_ctrl_c_and_its_workers_end_with_it(rebuilt, tmp_path, sig):
    inputs, out, before = rebuilt

    code, said, workers = _killed_while_working(inputs, out, tmp_path / "workers", sig)

    assert len(workers) == 2
    assert code == 1 and "已中断，输出文件保持原样" in said, said
    assert "Traceback" not in said and "程序内部出错" not in said
    assert snapshot(out) == before and leftovers(out) == []


def test_docgen_killed_outright_takes_its_workers_and_lock_with_it(rebuilt, tmp_path, monkeypatch, capsys):
    inputs, out, before = rebuilt

    code, _, workers = _killed_while_working(inputs, out, tmp_path / "workers", signal.SIGKILL)

    assert code == -signal.SIGKILL and len(workers) == 2
    # the next docgen finds the folder free at once, and puts right what the killed one left
    monkeypatch.setattr("docgen.fs.folderlock.WAIT_SECONDS", 0.0)
    capsys.readouterr()
    assert main(["build", "--inputs", str(inputs), "--out", str(out)]) == 0, capsys.readouterr().err
    fresh = tmp_path / "fresh"
    assert main(["build", "--inputs", str(inputs), "--out", str(fresh)]) == 0
    assert snapshot(out) == snapshot(fresh) != before
    assert leftovers(out) == []


def test_a_child_of_a_killed_lock_holder_does_not_keep_the_lock(tmp_path, monkeypatch):
    from docgen.fs.folderlock import folder_lock

    monkeypatch.setattr("docgen.fs.folderlock.WAIT_SECONDS", 0.0)
    pids_read, pids_write = os.pipe()
    holder = os.fork()
    if holder == 0:  # takes the lock, forks a child that lives on, and dies without letting go
        try:
            with folder_lock(tmp_path):
                child = os.fork()
                if child == 0:
                    time.sleep(3600)
                os.write(pids_write, f"{child}\n".encode())
                os._exit(9)
        finally:
            os._exit(1)
    os.close(pids_write)
    assert os.waitstatus_to_exitcode(os.waitpid(holder, 0)[1]) == 9
    child = int(os.read(pids_read, 64))
    os.close(pids_read)
    try:
        assert running(child)
        with folder_lock(tmp_path):  # taken over at once
            pass
    finally:
        os.kill(child, signal.SIGKILL)
