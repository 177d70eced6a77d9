"""Reading an input file's bytes: only a regular file, never more than its size limit.

``stat()`` cannot be trusted for this: a FIFO named ``*.yaml`` blocks the reader
forever, and a link to /dev/zero reports size 0 and never ends. So the file is
opened without blocking, checked on the open handle, and read up to one byte
past its limit.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from ..core.model import Origin
from ..errors import InputError
from .oserror import os_error_text

_COPY_CHUNK = 1024 * 1024


@contextmanager
def regular_file(path: Path) -> Iterator[BinaryIO]:
    """``path`` open for reading, if it is a regular file; an ``InputError`` for anything else
    (a folder, a FIFO, a device such as /dev/zero) — found without blocking on it."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(path, flags)
    except OSError as exc:
        raise cannot_read(exc, path) from None
    try:
        # Checked before fdopen, which itself refuses a folder with an OSError of its own.
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InputError("这是一个文件夹，不是文件", Origin(path))
        if not stat.S_ISREG(mode):
            raise InputError("这不是普通文件（是管道、设备或其他特殊文件），docgen 只读普通文件", Origin(path))
        file = os.fdopen(descriptor, "rb")
    except BaseException:
        os.close(descriptor)
        raise
    with file:
        yield file


def cannot_read(exc: OSError, path: Path) -> InputError:
    return InputError(f"无法读取文件：{os_error_text(exc, reading=True)}", Origin(path))


def read_input_bytes(path: Path, limit: int) -> bytes:
    """The bytes of the regular file ``path``; an ``InputError`` for anything else or above ``limit``."""
    with regular_file(path) as file:
        if os.fstat(file.fileno()).st_size > limit:
            raise too_large(path, limit)
        try:
            data = file.read(limit + 1)  # the size said may be out of date: never more than this
        except OSError as exc:
            raise cannot_read(exc, path) from None
    if len(data) > limit:
        raise too_large(path, limit)
    return data


def copy_input_file(path: Path, target: Path, limit: int) -> None:
    """The regular file ``path`` copied to ``target``; an ``InputError`` for anything else or above
    ``limit`` (then ``target`` may hold a part: it is meant for a temporary folder)."""
    with regular_file(path) as file:
        if os.fstat(file.fileno()).st_size > limit:
            raise too_large(path, limit)
        with open(target, "wb") as copy:
            left = limit + 1  # the size said may be out of date: never more than this
            while left:
                try:
                    chunk = file.read(min(_COPY_CHUNK, left))
                except OSError as exc:
                    raise cannot_read(exc, path) from None
                if not chunk:
                    return
                copy.write(chunk)
                left -= len(chunk)
    raise too_large(path, limit)


def too_large(path: Path, limit: int) -> InputError:
    return InputError(f"文件太大（超过 {_size(limit)}），不像是一份报告", Origin(path))


def outside_link_error(path: Path, folder: Path) -> InputError | None:
    """An error for ``path`` if it is a link to a file outside ``folder``.

    Messages about an input quote its text; a link out of the inputs folder could
    make them show any file the user can read (a key file, a password file), so
    such a link is not read at all.
    """
    if not path.is_symlink():
        return None
    try:
        target = path.resolve(strict=True)
        inside = target.is_relative_to(folder.resolve(strict=True))
    except (OSError, RuntimeError):
        return InputError("这是一个失效的链接（指向的文件不存在或链接指向自己）", Origin(path))
    if inside:
        return None
    return InputError("这是一个指向输入文件夹以外的链接，docgen 不读取它：请把文件本身复制到输入文件夹", Origin(path))


def folder_entries(folder: Path) -> list[Path]:
    """The entries of ``folder``; an ``InputError`` if it cannot be listed."""
    try:
        return sorted(folder.iterdir())
    except OSError as exc:
        raise InputError(f"无法读取输入文件夹“{folder}”：{os_error_text(exc, reading=True)}") from None


def _size(limit: int) -> str:
    return f"{limit // (1024 * 1024)} MB" if limit >= 1024 * 1024 else f"{limit // 1024} KB"
