"""The list of files docgen wrote into an output folder, with each one's checksum.

It is what lets a build remove its own stale outputs (the .docx of a deleted
input, PDFs and preview pages older than their Word files) without ever
touching a file docgen did not write, or one the user has changed since.
Anyone can write the record, so a name in it is used only when it stays
inside the folder and leads through no link (``folderpaths``); any other is
left out of the record and named for the user.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .filenames import MANIFEST_FILE
from .folderpaths import is_real_file, link_on_the_way, outside_name

_VERSION = 1
_WINDOWS = sys.platform == "win32"
_FILE_ATTRIBUTE_HIDDEN = 0x2
_INVALID_FILE_ATTRIBUTES = 0xFFFFFFFF
_MAX_MANIFEST_BYTES = 64 * 1024 * 1024  # 100,000 outputs take some 15 MB

# Which of the recorded files a publication speaks for (relative POSIX paths).
Scope = Callable[[str], bool]


@dataclass(frozen=True)
class Entry:
    sha256: str
    size: int


Manifest = dict[str, Entry]


def read_manifest(folder: Path) -> tuple[Manifest, list[str]]:
    """The files docgen recorded in ``folder`` (none when there is no readable record), and
    the recorded names it cannot trust: out of the folder, or through a link."""
    try:
        path = folder / MANIFEST_FILE
        if not is_real_file(path) or os.lstat(path).st_size > _MAX_MANIFEST_BYTES:
            return {}, []
        recorded = json.loads(path.read_text(encoding="utf-8"))["files"]
        entries = {name: Entry(entry["sha256"], entry["size"]) for name, entry in recorded.items()}
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return {}, []  # no record, or not ours: then nothing counts as docgen's
    untrusted = [name for name in entries if outside_name(name) or link_on_the_way(folder, name)]
    return {name: entry for name, entry in entries.items() if name not in untrusted}, untrusted


def manifest_bytes(manifest: Manifest) -> bytes:
    files = {name: {"sha256": e.sha256, "size": e.size} for name, e in sorted(manifest.items())}
    return json.dumps({"version": _VERSION, "files": files}, ensure_ascii=False, indent=1).encode("utf-8")


def file_entry(path: Path) -> Entry:
    digest = hashlib.sha256()
    with open(path, "rb") as file:
        for block in iter(lambda: file.read(1 << 20), b""):
            digest.update(block)
    return Entry(digest.hexdigest(), path.stat().st_size)


def stale_outputs(folder: Path, recorded: Manifest, written: set[str], scope: Scope) -> list[str]:
    """The recorded files in ``scope`` that this publication does not write again and
    that are still exactly as docgen wrote them: safe to remove."""
    stale = []
    for name, entry in sorted(recorded.items()):
        if name in written or not scope(name):
            continue
        path = folder / name  # a link in its place is not docgen's file: never followed
        if is_real_file(path) and path.stat().st_size == entry.size and file_entry(path) == entry:
            stale.append(name)
    return stale


def next_manifest(folder: Path, recorded: Manifest, written: Manifest, removed: list[str], scope: Scope) -> Manifest:
    """The record after a publication: what it wrote, and the earlier entries outside its
    scope that still hold what docgen wrote."""
    kept = {
        name: entry
        for name, entry in recorded.items()
        if name not in written and name not in removed and not scope(name) and is_real_file(folder / name)
    }
    return {**kept, **written}


def hide_manifest(folder: Path) -> None:
    """Give the manifest Windows' hidden attribute, so that office staff do not meet (and
    delete) a strange file among their reports; elsewhere its leading dot hides it.

    Only once it is in place: Windows refuses to open a hidden file for writing
    over it, and the publication never does, it moves the old manifest aside.
    A manifest that cannot be hidden still works: failing to hide it is no error.
    """
    if not _WINDOWS:
        return
    kernel32 = _kernel32()
    path = str(folder / MANIFEST_FILE)
    attributes = kernel32.GetFileAttributesW(path) & 0xFFFFFFFF
    if attributes != _INVALID_FILE_ATTRIBUTES:
        kernel32.SetFileAttributesW(path, attributes | _FILE_ATTRIBUTE_HIDDEN)


def _kernel32():
    return ctypes.windll.kernel32
