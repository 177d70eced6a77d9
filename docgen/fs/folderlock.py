"""One docgen at a time writing into a folder.

The lock is an operating-system lock on a small file in the folder: it ends
with the process that holds it, however that process ends, so a killed build
never leaves the folder locked.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ..errors import EnvironmentProblem
from .filenames import LOCK_FILE

WAIT_SECONDS = 5.0  # a second docgen waits this long for the first to finish
_POLL_SECONDS = 0.05

if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
            return True
        except OSError:
            return False

    def _unlock(fd: int) -> None:
        os.lseek(fd, 0, os.SEEK_SET)
        msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)

else:
    import fcntl

    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except BlockingIOError:
            return False

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


@contextmanager
def folder_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder``'s lock; after WAIT_SECONDS of another docgen holding it, an error."""
    path = folder / LOCK_FILE
    deadline = time.monotonic() + WAIT_SECONDS
    while True:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
        if _try_lock(fd) and _still_there(fd, path):
            break
        os.close(fd)
        if time.monotonic() >= deadline:
            raise EnvironmentProblem(f"另一个 docgen 正在写入这个文件夹（可能是另一次生成或导入还没结束），请等它结束后再试：{folder}")
        time.sleep(_POLL_SECONDS)
    try:
        yield
    finally:
        _release(fd, path)


def _still_there(fd: int, path: Path) -> bool:
    """Whether ``fd`` is still the lock file: the holder before us removes it when done."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _release(fd: int, path: Path) -> None:
    if sys.platform != "win32":  # Windows cannot remove an open file; the lock file stays there
        path.unlink(missing_ok=True)
    _unlock(fd)
    os.close(fd)
