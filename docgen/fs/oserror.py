"""What an operating-system error means, said in Chinese for the people who meet it,
and whose it is: the machine's (a full disk, a locked file) or the user's (a bad path)."""

from __future__ import annotations

import errno
from pathlib import Path

from ..core.model import Origin
from ..errors import DocgenError, EnvironmentProblem, InputError

_LOCKED = "文件正被其他程序占用（例如在 Word 或 WPS 中打开着），请关闭它后再试"
_BY_ERRNO = {
    errno.ENOSPC: "磁盘已满，请腾出空间（删除不用的文件或清空回收站）后再试",
    errno.EDQUOT: "超出了磁盘配额，请腾出空间后再试",
    errno.EACCES: "没有权限：文件夹可能是只读的，或文件正在其他程序中打开；请检查权限，或关闭打开它的程序后再试",
    errno.EPERM: "不允许这样操作：文件可能被设为只读或不可改动，或正在其他程序中打开；请检查文件属性和权限，或关闭打开它的程序后再试",
    errno.EROFS: "所在的磁盘是只读的（例如写保护的 U 盘或光盘），请换一个可以写入的文件夹",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EBUSY: _LOCKED,
    errno.ETXTBSY: _LOCKED,
    errno.ENOTDIR: "路径中有一段是文件，不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOENT: "找不到这个文件或文件夹",
    errno.EEXIST: "已经存在同名的文件",
    errno.ELOOP: "这是一个指向自己的链接",
    errno.EIO: "读写磁盘时出错（磁盘或 U 盘可能损坏或已拔出），请检查磁盘后再试",
    errno.EMFILE: "同时打开的文件太多，请关闭一些程序后再试",
    errno.ENFILE: "同时打开的文件太多，请关闭一些程序后再试",
    errno.EFBIG: "文件太大，超出了这个磁盘的限制",
    errno.EXDEV: "不能跨磁盘移动文件",
    errno.ENOMEM: "内存不足，请关闭一些程序后再试",
    errno.EAGAIN: "系统暂时无法再启动程序（进程数已到上限），请关闭一些程序后再试",
    errno.EINVAL: "文件名或路径中有系统不允许的字符",
}
# Where a file is read, not written, a refusal is about reading.
_WHEN_READING = {
    errno.EACCES: "没有读取权限，请检查文件的权限",
    errno.EPERM: "没有读取权限，请检查文件的权限",
}
# Windows reports a file held open by another program as these, under EACCES.
_WINDOWS_SHARING_VIOLATIONS = {32, 33}
# Failures of the path the user gave, not of the machine: the user's input.
_THE_USERS_PATH = {errno.ENAMETOOLONG, errno.ENOTDIR, errno.EISDIR, errno.ENOENT, errno.EEXIST, errno.ELOOP, errno.EINVAL}


def os_error_text(error: OSError, *, reading: bool = False) -> str:
    """The reason for ``error`` in Chinese; never the system's English sentence."""
    if getattr(error, "winerror", None) in _WINDOWS_SHARING_VIOLATIONS:
        return _LOCKED
    if reading and error.errno in _WHEN_READING:
        return _WHEN_READING[error.errno]
    if error.errno in _BY_ERRNO:
        return _BY_ERRNO[error.errno]
    name = errno.errorcode.get(error.errno) if error.errno is not None else None
    return f"系统报告了一个错误（{name or f'错误号 {error.errno}'}）" if error.errno is not None else "系统报告了一个错误"


def is_the_machines(error: OSError) -> bool:
    """Whether ``error`` is the machine's doing (disk full, file locked, no permission), not a bad path."""
    if getattr(error, "winerror", None) in _WINDOWS_SHARING_VIOLATIONS:
        return True
    return error.errno not in _THE_USERS_PATH


def write_error(error: OSError, path: Path, consequence: str = "没有改动任何已有文件") -> DocgenError:
    """The error for a failed write to ``path``: an ``EnvironmentProblem`` saying what to do
    where the machine refused, an ``InputError`` where the path itself is wrong."""
    error_class = EnvironmentProblem if is_the_machines(error) else InputError
    return error_class(f"无法写入：{os_error_text(error)}。{consequence}", Origin(path))


def read_error(error: OSError, path: Path) -> DocgenError:
    """The error for a failed read of ``path``: an ``EnvironmentProblem`` where the machine
    refused (locked, no permission, a failing disk), an ``InputError`` where the path is wrong."""
    error_class = EnvironmentProblem if is_the_machines(error) else InputError
    return error_class(f"无法读取：{os_error_text(error, reading=True)}", Origin(path))
