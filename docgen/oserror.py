"""What an operating-system error means, said in Chinese for the people who meet it."""

from __future__ import annotations

import errno

_LOCKED = "文件正被其他程序占用（例如在 Word 或 WPS 中打开着），请关闭后再试"
_BY_ERRNO = {
    errno.ENOSPC: "磁盘已满，请腾出空间后再试",
    errno.EDQUOT: "超出了磁盘配额，请腾出空间后再试",
    errno.EACCES: "没有权限：文件夹可能是只读的，或文件正在其他程序中打开",
    errno.EPERM: "不允许这样操作：文件可能被设为只读或不可改动，或正在其他程序中打开",
    errno.EROFS: "所在的磁盘是只读的（例如写保护的 U 盘或光盘）",
    errno.ENAMETOOLONG: "文件名或路径太长",
    errno.EBUSY: _LOCKED,
    errno.ETXTBSY: _LOCKED,
    errno.ENOTDIR: "路径中有一段是文件，不是文件夹",
    errno.EISDIR: "这是一个文件夹，不是文件",
    errno.ENOENT: "找不到这个文件或文件夹",
    errno.EEXIST: "已经存在同名的文件",
    errno.EIO: "读写磁盘时出错（磁盘或 U 盘可能损坏或已拔出）",
    errno.EMFILE: "同时打开的文件太多",
    errno.EFBIG: "文件太大，超出了这个磁盘的限制",
    errno.EXDEV: "不能跨磁盘移动文件",
}
# Windows reports a file held open by another program as these, under EACCES.
_WINDOWS_SHARING_VIOLATIONS = {32, 33}


def os_error_text(error: OSError) -> str:
    """The reason for ``error``, in Chinese; the system's own words where docgen has none."""
    if getattr(error, "winerror", None) in _WINDOWS_SHARING_VIOLATIONS:
        return _LOCKED
    if error.errno in _BY_ERRNO:
        return _BY_ERRNO[error.errno]
    return f"系统报告：{error.strerror or error}"
