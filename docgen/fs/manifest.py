"""The list of files docgen wrote into an output folder, with each one's checksum.

It is what lets a build remove its own stale outputs (the .docx of a deleted
input, PDFs of Word files that changed, preview pages) without ever touching a
file docgen did not write, or one the user has changed since. A file made from
another output (a PDF from its .docx: ``Derived``) stays while that output is
written again holding the same document.
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


@dataclass(frozen=True)
class Derived:
    """Which outputs are made from which (东湖社区.pdf from 东湖社区.docx), and whether two
    versions of a source hold the same document (the later one only newly dated, say)."""

    source_of: Callable[[str], str | None]
    same: Callable[[Path, Path], bool]  # (the old file, the new one)


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


def unchanged(path: Path, entry: Entry) -> bool:
    """Whether ``path`` is still exactly the file docgen wrote (a link in its place is not)."""
    return is_real_file(path) and path.stat().st_size == entry.size and file_entry(path) == entry


def still_current(folder: Path, recorded: Manifest, written: Manifest, derived: Derived, staged: Path) -> set[str]:
    """The recorded files made from an output this publication writes again (from ``staged``)
    holding the same document as the one they were made from: they stay as they are."""
    current = set()
    for name, entry in recorded.items():
        source = derived.source_of(name)
        if name in written or source not in written or source not in recorded or not unchanged(folder / name, entry):
            continue
        if written[source] == recorded[source] or (
            unchanged(folder / source, recorded[source]) and derived.same(folder / source, staged / source)
        ):
            current.add(name)
    return current


def stale_outputs(folder: Path, recorded: Manifest, written: set[str], scope: Scope, current: set[str] = frozenset()) -> list[str]:
    """The recorded files in ``scope`` that this publication does not write again, nor keeps as
    ``current``, and that are still exactly as docgen wrote them: safe to remove."""
    return [
        name
        for name, entry in sorted(recorded.items())
        if name not in written and name not in current and scope(name) and unchanged(folder / name, entry)
    ]


def next_manifest(
    folder: Path, recorded: Manifest, written: Manifest, removed: list[str], scope: Scope, current: set[str] = frozenset()
) -> Manifest:
    """The record after a publication: what it wrote, the files it keeps as ``current``, and
    the earlier entries outside its scope that still hold what docgen wrote."""
    kept = {
        name: entry
        for name, entry in recorded.items()
        if name not in written and name not in removed and (name in current or not scope(name)) and is_real_file(folder / name)
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
