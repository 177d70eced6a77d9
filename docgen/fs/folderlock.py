"""One docgen at a time writing into a folder, and none while a build reads it.

The lock is an operating-system lock on a small file in the folder: it ends
with the process that holds it, however that process ends, so a killed build
never leaves the folder locked. A build reads its inputs folder under the same
lock (``reading_lock``), so that a report saved meanwhile (in the workbench,
by an import) is read whole with the rest, before or after, never half. A link
planted in the lock file's place is removed, never followed: docgen creates
and opens no file outside the folder. A process forked while a lock is held
(a worker) closes its copy at once: the lock stays the holder's alone, and
ends with it even should the child outlive it.
"""

from __future__ import annotations

import os
import stat
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager, suppress
from pathlib import Path

from ..errors import EnvironmentProblem
from .filenames import LOCK_FILE

WAIT_SECONDS = 5.0  # a second docgen waits this long for the first to finish
_POLL_SECONDS = 0.05
_HELD: set[int] = set()  # the descriptors of the locks this process holds
_OPEN_FLAGS = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)

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
        fd = _open_lock_file(path)
        if _try_lock(fd) and _still_there(fd, path):
            break
        os.close(fd)
        if time.monotonic() >= deadline:
            raise EnvironmentProblem(f"另一个 docgen 正在写入这个文件夹（可能是另一次生成或导入还没结束），请等它结束后再试：{folder}")
        time.sleep(_POLL_SECONDS)
    _HELD.add(fd)
    try:
        yield
    finally:
        _HELD.discard(fd)
        _release(fd, path)


def _open_lock_file(path: Path) -> int:
    """The lock file, opened (and made if missing) in the folder itself, never through a link."""
    for _ in range(3):  # a link planted again at once, three times over, is an attack: said below
        if os.path.islink(path):
            path.unlink(missing_ok=True)  # only the link goes; what it points to is never made or opened
        try:
            fd = os.open(path, _OPEN_FLAGS, 0o666)
        except OSError:
            if os.path.islink(path):  # planted between the check and the open (POSIX refuses to follow it)
                continue
            raise
        if stat.S_ISREG(os.fstat(fd).st_mode):
            return fd
        os.close(fd)
        break
    raise EnvironmentProblem(f"“{path}”应当是 docgen 的锁文件，却不是普通文件，请删除它后再试")


def _still_there(fd: int, path: Path) -> bool:
    """Whether ``fd`` is still the lock file: the holder before us removes it when done."""
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except FileNotFoundError:
        return False


def _forget_locks() -> None:
    """In a forked child: close the copies of the parent's lock files (the locks stay the parent's)."""
    for fd in _HELD:
        os.close(fd)
    _HELD.clear()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_forget_locks)


def _release(fd: int, path: Path) -> None:
    if sys.platform != "win32":  # Windows cannot remove an open file; the lock file stays there
        path.unlink(missing_ok=True)
    _unlock(fd)
    os.close(fd)


@contextmanager
def reading_lock(folder: Path, writing: Path | None = None) -> Iterator[None]:
    """Hold ``folder``'s lock while it is read, unless it is ``writing`` (the folder the
    reader writes into, locked already) or docgen cannot put its lock file there: a
    read-only or missing folder, which no docgen writes into meanwhile (a missing one
    is told as such by the reader)."""
    with ExitStack() as stack:
        if writing is None or not _same_folder(folder, writing):
            with suppress(OSError):
                stack.enter_context(folder_lock(folder))
        yield


def _same_folder(one: Path, other: Path) -> bool:
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False
