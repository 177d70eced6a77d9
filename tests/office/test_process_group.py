"""LibreOffice is started through a wrapper (soffice is a shell script, soffice.exe a launcher)
that starts the office process as its child: whatever the wrapper started ends with the run,
when it runs out of time and when it leaves a child behind, so no LibreOffice stays running."""

from __future__ import annotations

import os
import signal
import sys
import time
from pathlib import Path

import pytest

from docgen.office import instances, soffice
from support.processes import running

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="the stand-in LibreOffice is a shell script")

# soffice as a wrapper: two office processes of its own, their ids written down, then it waits
# (or, with "exit", leaves them running). Their output goes elsewhere, as a daemon's does.
WRAPPER = """#!/bin/sh
sleep 300 >/dev/null 2>&1 &
echo $! >> "{pids}"
(sleep 300 >/dev/null 2>&1 &
 echo $! >> "{pids}")
{end}
"""


def _stand_in_office(tmp_path: Path, monkeypatch, end: str) -> Path:
    pids = tmp_path / "office-pids"
    script = tmp_path / "soffice"
    script.write_text(WRAPPER.format(pids=pids, end=end), encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(soffice, "require_soffice", lambda: script)
    monkeypatch.setattr(soffice, "office_environment", lambda profile: dict(os.environ))
    monkeypatch.setattr(soffice, "SECONDS_FIRST_FILE", 2)
    monkeypatch.setattr(soffice, "SECONDS_PER_FILE", 0)
    return pids




def _still_running(pids_file: Path, runs: int) -> list[int]:
    pids = [int(line) for line in pids_file.read_text().split()]
    assert len(pids) == 2 * runs
    # SIGKILL is delivered at once, but a loaded machine may take a while to end the processes:
    # waited for until they are gone (a minute at most, only ever reached when they were not killed)
    deadline = time.monotonic() + 60
    while True:
        left = [pid for pid in pids if running(pid)]
        if not left or time.monotonic() > deadline:
            break
        time.sleep(0.05)
    if not left:
        return []
    for pid in left:  # leave nothing behind, even when the test fails
        os.kill(pid, signal.SIGKILL)
    return left


@pytest.mark.parametrize("end", ["wait", "exec sleep 300 >/dev/null 2>&1"], ids=["waits for them", "becomes another"])
def test_a_libreoffice_run_out_of_time_leaves_nothing_running(tmp_path, monkeypatch, end):
    pids = _stand_in_office(tmp_path, monkeypatch, end)
    document = tmp_path / "document1.doc"
    document.write_bytes(b"old")

    results = instances.convert_to_docx([document], tmp_path / "converted")

    assert results == {document: "2 秒内没有转换完，已放弃"}  # in its own run and in a fresh one
    assert _still_running(pids, runs=2) == []


def test_office_processes_left_behind_by_a_finished_run_are_ended(tmp_path, monkeypatch):
    pids = _stand_in_office(tmp_path, monkeypatch, "exit 0")
    document = tmp_path / "document1.doc"
    document.write_bytes(b"old")

    results = instances.convert_to_docx([document], tmp_path / "converted")

    assert results == {document: "打不开这个文件"}
    assert _still_running(pids, runs=1) == []
