"""Writing files so that a failure never leaves half a file, and naming them safely."""

from __future__ import annotations

import os
import re
import tempfile
from pathlib import Path

from .errors import InputError
from .model import Origin

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_WINDOWS_RESERVED = {"CON", "PRN", "AUX", "NUL", *(f"COM{i}" for i in range(1, 10)), *(f"LPT{i}" for i in range(1, 10))}
MAX_NAME_CHARS = 80


def safe_filename(name: str) -> str:
    """A file name for ``name`` that stays inside its folder on Windows, macOS and Linux."""
    cleaned = _FORBIDDEN.sub("_", name).strip().strip(".").strip()
    cleaned = cleaned[:MAX_NAME_CHARS].rstrip(". ")
    if not cleaned or set(cleaned) <= {"_"}:
        cleaned = "未命名" + cleaned
    if cleaned.split(".")[0].upper() in _WINDOWS_RESERVED:
        cleaned = "_" + cleaned
    return cleaned


def unique_filenames(names: list[str], suffix: str, taken: set[str] = frozenset()) -> list[str]:
    """Safe, distinct file names (case-insensitively, as Windows compares them)."""
    used = {t.lower() for t in taken}
    result = []
    for name in names:
        base = safe_filename(name)
        candidate, n = base + suffix, 2
        while candidate.lower() in used:
            candidate, n = f"{base}-{n}{suffix}", n + 1
        used.add(candidate.lower())
        result.append(candidate)
    return result


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file and a rename."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, temp_name = tempfile.mkstemp(prefix=".docgen-", suffix=".tmp", dir=path.parent)
    try:
        os.chmod(temp_name, 0o666 & ~_umask())  # mkstemp makes it private; outputs are ordinary files
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except BaseException:
        Path(temp_name).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_outputs(files: list[tuple[Path, bytes]]) -> None:
    """Write each ``(path, data)`` through ``atomic_write``; a failure is an
    ``InputError`` naming the file, and the files already written stay whole."""
    for path, data in files:
        _refuse_file_as_folder(path.parent)
        try:
            atomic_write(path, data)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise InputError(f"无法写入输出文件：{reason}。文件是否正在 Word 中打开？", Origin(path)) from None


def copy_into(folder: Path, sources: list[Path]) -> list[Path]:
    """Copy each of ``sources`` into ``folder`` under its own name; the copies."""
    copies = [folder / source.name for source in sources]
    write_outputs([(copy, source.read_bytes()) for copy, source in zip(copies, sources)])
    return copies


def _refuse_file_as_folder(folder: Path) -> None:
    nearest = next(place for place in (folder, *folder.parents) if place.exists())
    if not nearest.is_dir():
        raise InputError(f"输出位置“{nearest}”是一个文件，不是文件夹")
