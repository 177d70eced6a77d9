"""Waiting on processes in tests: whether one still runs, and polling for a condition."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

DEADLINE = 60.0  # seconds for what takes a moment; only a failure waits this long


def running(pid: int) -> bool:
    """Whether ``pid`` is alive: a killed process nobody has reaped yet (a zombie) is not."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[-1].split()[0] != "Z"
    except FileNotFoundError:
        return False


def ended_process() -> int:
    """The id of a process that has ended (and been reaped)."""
    process = subprocess.Popen(["true"])
    process.wait()
    return process.pid


def until(condition, what: str, deadline: float = DEADLINE) -> None:
    """Poll ``condition`` until it holds; fail naming ``what`` after ``deadline`` seconds."""
    end = time.monotonic() + deadline
    while not condition():
        assert time.monotonic() < end, f"not within {deadline} s: {what}"
        time.sleep(0.02)


def processes_mentioning(*texts: str) -> list[int]:
    """The running processes (not zombies) whose command line holds each of ``texts``."""
    found = []
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            command = Path(f"/proc/{entry}/cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            state = Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[-1].split()[0]
        except OSError:
            continue
        if all(text in command for text in texts) and state != "Z":
            found.append(int(entry))
    return found
