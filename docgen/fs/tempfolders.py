"""docgen's folders in the system's temporary folder: LibreOffice's private profile,
the copies of files being imported, PDFs on their way.

Each is named ``docgen-<purpose>-<process id>-<random>`` and removed when the work
that made it ends, however it ends. A docgen that was killed outright cannot
remove its folders (they may hold copies of the reports): the next docgen to
start removes every such folder of the same user whose process is gone.
"""

from __future__ import annotations

import ctypes
import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from .filenames import TEMP_PREFIX

_NAME = re.compile(re.escape(TEMP_PREFIX) + r"[a-z]+-(\d+)-[^/\\]+")
_swept = False  # whether this process has looked for stale folders yet


@contextmanager
def temporary_folder(purpose: str) -> Iterator[Path]:
    """A new, empty folder of docgen's for the block (``purpose``: what it holds, in letters)."""
    folder = new_folder(purpose)
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def new_folder(purpose: str) -> Path:
    """A new, empty folder of docgen's (``purpose``: what it holds, in letters), for the caller
    to remove; should this process be killed first, the next docgen removes it."""
    remove_stale_folders()
    return Path(tempfile.mkdtemp(prefix=f"{TEMP_PREFIX}{purpose}-{os.getpid()}-"))


def remove_stale_folders(parent: Path | None = None) -> list[Path]:
    """Remove docgen's temporary folders whose process has ended (once a process, unless
    ``parent`` is given); those removed. Never fails: what cannot be removed stays."""
    global _swept
    if parent is None:
        if _swept:
            return []
        _swept = True
    parent = Path(parent or tempfile.gettempdir())
    removed = []
    try:
        with os.scandir(parent) as entries:
            stale = [Path(entry.path) for entry in entries if _is_stale(entry)]
    except OSError:
        return []
    for folder in stale:
        shutil.rmtree(folder, ignore_errors=True)
        if not os.path.lexists(folder):
            removed.append(folder)
    return removed


def _is_stale(entry: os.DirEntry) -> bool:
    found = _NAME.fullmatch(entry.name)
    if found is None:
        return False
    try:
        info = entry.stat(follow_symlinks=False)
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
        return False  # a link, a file, or another user's: not docgen's to remove
    return not _running(int(found.group(1)))


def _running(pid: int) -> bool:
    """Whether a process ``pid`` exists (a zombie counts: it may yet be reaped and its folders removed)."""
    if pid == os.getpid():
        return True
    if os.name == "nt":
        return _running_on_windows(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return True  # another user's process, or an id no process has: left alone either way
    return True


def _running_on_windows(pid: int) -> bool:
    # os.kill(pid, 0) would end the process on Windows: ask whether it is still active instead.
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return ctypes.get_last_error() == 5  # ERROR_ACCESS_DENIED: it exists
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return True
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)
