"""Names inside the folder docgen writes into, checked before docgen acts on them.

docgen's records in an output folder (the journal of a write, the manifest of
its files) name files by their path relative to the folder. Anyone who can
write into the folder can write those records too, so a name from one is used
only if it stays inside the folder — relative, no ``..``, no drive or
backslash — and only through real folders: a symbolic link or Windows
junction on the way could lead anywhere on the disk.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

_REPARSE_TAG_MOUNT_POINT = 0xA0000003  # a Windows junction, which lstat does not call a link
_NOT_IN_A_NAME = frozenset('\\:\x00')  # a Windows separator, a drive or stream, the end of a C string


def outside_name(name: object) -> bool:
    """Whether ``name`` is anything but a plain relative POSIX path that stays inside its folder."""
    if not isinstance(name, str) or not name or _NOT_IN_A_NAME & set(name):
        return True
    return any(part in ("", ".", "..") for part in name.split("/"))


def link_on_the_way(folder: Path, name: str) -> Path | None:
    """The first place between ``folder`` and its file ``name`` that is a link or no folder;
    None when the way is real folders only (or ends early: what is missing leads nowhere)."""
    place = folder
    for part in name.split("/")[:-1]:
        place = place / part
        try:
            status = os.lstat(place)
        except FileNotFoundError:
            return None
        if not is_real_folder(status):
            return place
    return None


def is_real_folder(status: os.stat_result) -> bool:
    """A folder itself: no symbolic link and no junction to one."""
    return stat.S_ISDIR(status.st_mode) and getattr(status, "st_reparse_tag", 0) != _REPARSE_TAG_MOUNT_POINT


def is_real_file(path: Path) -> bool:
    """Whether ``path`` is a regular file itself, not a link to one (nor a folder, pipe or device)."""
    try:
        return stat.S_ISREG(os.lstat(path).st_mode)
    except OSError:
        return False


def real_folder_or_none(path: Path) -> bool:
    """Whether ``path`` is a real folder or nothing at all (never a link, a junction or a file)."""
    try:
        return is_real_folder(os.lstat(path))
    except FileNotFoundError:
        return True
