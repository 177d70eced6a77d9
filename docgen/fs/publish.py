"""The one way docgen writes files: all of them, or none.

A ``Publication`` holds the folder's lock for its whole length. Each file is
written, as soon as it is made, into a private staging folder inside the
target folder, and flushed to disk. Only when every file is there does the
replacement start: first every file about to be replaced or removed is moved
aside (a file that cannot be moved, e.g. one open in Word, stops everything
here, before anything is replaced, and is named); then every new file is
renamed into place. Any failure moves the old files back. A journal records
the replacement while it runs, so that a run killed in the middle is rolled
back (or, once every new file is in place, finished) by the next docgen that
writes into the folder, which says so.

Every path docgen acts on is inside the folder and reached through real
folders only (``folderpaths``): the names it is given, and those it reads
from the journal. A journal that does not hold up (a name out of the folder,
a link on the way, a temporary folder not docgen's) is ignored, never acted
on, and the user is told; a new file placed by an interrupted run is taken
away only while it holds exactly what that run wrote.
"""

from __future__ import annotations

import ctypes
import hashlib
import json
import os
import re
import shutil
import signal
import sys
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from ..core.findings import RECOVERED, UNTRUSTED_RECORD, Finding
from ..core.model import Origin
from ..errors import DocgenError, EnvironmentProblem, InputError, InternalError
from .filenames import (
    BACKUP_PREFIX,
    JOURNAL_FILE,
    MANIFEST_FILE,
    OLD_TEMP_GLOB,
    OWN_PREFIX,
    PART_PREFIX,
    STAGING_PREFIX,
    comparable,
)
from .folderlock import folder_lock
from .folderpaths import is_real_file, link_on_the_way, outside_name, real_folder_or_none
from .manifest import (
    Derived,
    Entry,
    Manifest,
    Scope,
    file_entry,
    hide_manifest,
    manifest_bytes,
    next_manifest,
    read_manifest,
    stale_outputs,
    still_current,
)
from .oserror import os_error_text, write_error

_JOURNAL_DRAFT = JOURNAL_FILE + ".new"
_RUN_NAME = re.compile(re.escape(STAGING_PREFIX) + r"[0-9a-f]{12}")
_MAX_JOURNAL_BYTES = 64 * 1024 * 1024  # a journal names every output: 100,000 take some 20 MB
_BLOCK = 1 << 20
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # POSIX: a link planted where docgen writes is not followed


def nothing(name: str) -> bool:
    return False


def everything(name: str) -> bool:
    return True


@dataclass(frozen=True)
class Step:
    """One name in the folder: whether a new file goes there, whether an old one is there."""

    name: str
    new: bool
    old: bool
    made: Entry | None = None  # the new file's checksum and size: a rollback removes only that file

    def record(self) -> dict:
        """The step as the journal holds it."""
        fields = {"name": self.name, "new": self.new, "old": self.old}
        return {**fields, "sha256": self.made.sha256, "size": self.made.size} if self.made else fields


class _Untrusted(Exception):
    """A journal docgen cannot act on; its argument says why, in Chinese."""


class Publication:
    """Files published into ``folder`` together when the ``with`` block ends without error.

    ``record``: keep the folder's manifest of docgen's files; ``scope``: which
    recorded files this publication answers for, so that those it does not
    write again are removed as stale (only while unchanged since docgen wrote them);
    ``derived``: those made from another output, which stay while it is written
    again holding the same document.
    """

    def __init__(self, folder: Path, *, record: bool = False, scope: Scope = nothing, derived: Derived | None = None):
        self.folder = folder
        self.record = record
        self.scope = scope
        self.derived = derived
        # What the user should hear about the folder: an earlier interrupted write recovered,
        # a record of docgen's in it that was not trusted.
        self.notes: list[Finding] = []
        self.written: list[Path] = []
        self.removed: list[Path] = []
        self._staged: Manifest = {}
        self._staging: Path | None = None
        self._made_folders: list[Path] = []
        self._stack = ExitStack()

    # --- the with block -----------------------------------------------------------------

    def __enter__(self) -> Publication:
        self._made_folders = _make_folder(self.folder)
        try:
            self._stack.enter_context(folder_lock(self.folder))
        except OSError as error:
            self._remove_made_folders()
            raise write_error(error, self.folder) from None
        except BaseException:
            self._remove_made_folders()
            raise
        try:
            self.notes += recover(self.folder)
        except BaseException:
            self._stack.close()
            raise
        return self

    def __exit__(self, error_type, error, trace) -> None:
        # Ctrl-C from here on is acted on only before the new set stands (``_replace``); after
        # that, the end (staging gone, lock released) is not cut short, and the run has succeeded.
        with _interrupts_held() as interrupted:
            try:
                if error_type is None:
                    self._commit(interrupted)
            except DocgenError as failure:
                failure.notes[:0] = self.notes  # what was done to the folder happened all the same
                raise
            finally:
                self._discard_staging()
                self._stack.close()
                if error_type is not None or not self.written:
                    self._remove_made_folders()
        if isinstance(error, DocgenError):
            error.notes[:0] = self.notes

    # --- writing ------------------------------------------------------------------------

    def write(self, name: str, data: bytes) -> Path:
        """Stage ``data`` as the file ``name`` (relative to the folder); its final path."""
        return self._stage(name, [data])

    def write_by(self, name: str, write: Callable[[BinaryIO], None]) -> Path:
        """Stage the file ``name`` as ``write(file)`` makes it in a seekable temporary file; its final path."""
        with self.scratch() as file:
            try:
                write(file)
                file.seek(0)
            except OSError as error:
                raise write_error(error, self.folder / name) from None
            return self._stage(name, iter(lambda: file.read(_BLOCK), b""))

    def stager(self) -> Stager:
        """The writer of this publication's staged files, for a worker process; the files
        it writes are published once the publication ``adopt``s them."""
        return Stager(self._staging_folder(), self.folder)

    def adopt(self, name: str, entry: Entry) -> Path:
        """Publish the file ``name`` a ``stager`` wrote; its final path."""
        _check_own_name(name)
        self._staged[name] = entry
        return self.folder / name

    def scratch(self) -> BinaryIO:
        """A nameless temporary file beside the staged ones, for what a run holds on its way; gone once closed.

        Unbuffered: every write reaches the disk when made, so a full disk is met
        there (and told), never later when the file is closed after another error."""
        try:
            return tempfile.TemporaryFile(dir=self._staging_folder(), buffering=0)
        except OSError as error:
            raise write_error(error, self.folder) from None

    def copy(self, name: str, source: Path) -> Path:
        """Stage a copy of the file ``source`` as ``name``; its final path."""
        with open(source, "rb") as file:
            return self._stage(name, iter(lambda: file.read(_BLOCK), b""))

    def staged(self, target: Path) -> Path:
        """Where the file to be published as ``target`` is until the publication ends (to read it back)."""
        name = target.relative_to(self.folder).as_posix()
        if name not in self._staged:
            raise KeyError(name)
        return self._staging_folder() / name

    def _stage(self, name: str, chunks: Iterable[bytes]) -> Path:
        return self.adopt(name, self.stager().write(name, chunks))

    def _staging_folder(self) -> Path:
        if self._staging is None:
            try:
                self._staging = self.folder / f"{STAGING_PREFIX}{uuid.uuid4().hex[:12]}"
                self._staging.mkdir()
            except OSError as error:
                self._staging = None
                raise write_error(error, self.folder) from None
        return self._staging

    # --- replacing ----------------------------------------------------------------------

    def _commit(self, interrupted: Callable[[], bool]) -> None:
        written = {name: entry for name, entry in self._staged.items()}
        removed: list[str] = []
        if self.record:
            recorded, untrusted = read_manifest(self.folder)
            self.notes += _untrusted_entries(self.folder, untrusted)
            current = still_current(self.folder, recorded, written, self.derived, self._staging_folder()) if self.derived else set()
            removed = stale_outputs(self.folder, recorded, set(written), self.scope, current)
            same = set(_one_file_with_new_ones(self.folder, removed, written))
            removed = [name for name in removed if name not in same]
            manifest = next_manifest(self.folder, recorded, written, removed, self.scope, current)
            self.write(MANIFEST_FILE, manifest_bytes(manifest))
        if not self._staged and not removed:
            return
        steps = [Step(name, True, _occupied(self.folder / name), entry) for name, entry in self._staged.items()]
        steps += [Step(name, False, True) for name in removed]
        _refuse_what_is_in_the_way(self.folder, steps)
        staging = self._staging_folder()
        try:
            _flush_to_disk(staging, [staging / name for name in self._staged])
        except OSError as error:
            raise write_error(error, self.folder) from None
        _replace(self.folder, staging, steps, interrupted)
        self._staging = None  # _replace removed it
        if self.record:
            hide_manifest(self.folder)
        self.written = [self.folder / name for name in written]
        self.removed = [self.folder / name for name in removed]

    def _discard_staging(self) -> None:
        if self._staging is not None:
            shutil.rmtree(self._staging, ignore_errors=True)
            self._staging = None

    def _remove_made_folders(self) -> None:
        for folder in reversed(self._made_folders):
            try:
                folder.rmdir()  # only when empty: it holds nothing of anyone's
            except OSError:
                return


@dataclass(frozen=True)
class Stager:
    """Writes files into a publication's staging folder, in whichever process makes them."""

    staging: Path
    folder: Path  # where the files are published

    def write(self, name: str, chunks: Iterable[bytes]) -> Entry:
        """Stage ``chunks`` as the file ``name``; its checksum and size, for ``Publication.adopt``."""
        _check_own_name(name)  # here too: a worker writes before the publication adopts the file
        try:
            path = self.staging / name
            if path.parent != self.staging:
                path.parent.mkdir(parents=True, exist_ok=True)
            return _write_file(path, chunks)
        except OSError as error:
            raise write_error(error, self.folder / name) from None

    def write_part(self, label: str, chunks: Iterable[bytes]) -> Path:
        """A file the run reads back itself and never publishes; gone with the staging folder.
        (Published names never start with a dot: see ``filenames.safe_filename``.)"""
        path = self.staging / f"{PART_PREFIX}{label}"
        try:
            _write_file(path, chunks)
        except OSError as error:
            raise write_error(error, self.folder) from None
        return path


def _replace(folder: Path, staging: Path, steps: list[Step], interrupted: Callable[[], bool]) -> None:
    """Move the old files aside, the new ones in, and away with the old — or back, on any failure.

    Called with Ctrl-C held (``_interrupts_held``): one noted before the new set stands
    rolls the replacement back cleanly; one noted after it is left unsaid (the run is done)."""
    if interrupted():  # before anything is moved: nothing to put back
        raise KeyboardInterrupt
    backup = folder / _backup_name(staging.name)
    journal = {"staging": staging.name, "backup": backup.name, "steps": [s.record() for s in steps]}
    try:
        _write_journal(folder, {**journal, "state": "replacing"})
        _move_aside(folder, backup, [s for s in steps if s.old])
        if interrupted():
            raise KeyboardInterrupt
        _move_in(folder, staging, [s for s in steps if s.new], interrupted)
    except BaseException:
        _roll_back_or_say(folder, staging, backup, steps)
        raise
    _sync_folder(folder)
    _write_journal(folder, {**journal, "state": "done"})  # from here on, the new set stands
    _finish(folder, staging, backup)


def _roll_back_or_say(folder: Path, staging: Path, backup: Path, steps: list[Step]) -> None:
    try:
        _roll_back(folder, staging, backup, steps)
    except OSError as error:  # the journal stays: the next run tries again
        raise EnvironmentProblem(
            f"写入失败后未能把旧文件全部放回：{os_error_text(error)}。下次在这个文件夹运行 docgen 时会再次恢复",
            Origin(folder),
        ) from None
    _finish(folder, staging, backup)


def _move_aside(folder: Path, backup: Path, steps: list[Step]) -> None:
    """Every old file into ``backup``; if any cannot be moved, all back and an error naming them.

    A file gone meanwhile is no obstacle: on a disk that ignores letter case,
    moving 甲社区.docx aside took 甲社区.DOCX, the same file, with it."""
    moved, refused = [], []
    for step in steps:
        target = backup / step.name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(folder / step.name, target)
            moved.append(step)
        except FileNotFoundError:
            if os.path.lexists(folder / step.name):  # the backup's folder, not the file, is missing
                refused.append((step.name, FileNotFoundError(2, "No such file or directory")))
        except OSError as error:
            refused.append((step.name, error))
    if refused:
        for step in moved:
            os.replace(backup / step.name, folder / step.name)
        listed = "\n".join(f"  {folder / name}：{os_error_text(error)}" for name, error in refused)
        raise EnvironmentProblem(f"这些文件无法替换，所有输出文件都保持原样，没有改动：\n{listed}")


def _move_in(folder: Path, staging: Path, steps: list[Step], interrupted) -> None:
    for step in steps:
        target = folder / step.name
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staging / step.name, target)
        except OSError as error:
            raise write_error(error, target, "所有输出文件都已恢复原样") from None
        if interrupted():
            raise KeyboardInterrupt


def _roll_back(folder: Path, staging: Path, backup: Path, steps: list[Step]) -> None:
    """Put the folder back as it was before ``steps``, from any point of their replacement."""
    for step in steps:
        target, kept = folder / step.name, backup / step.name
        if os.path.lexists(kept):
            os.replace(kept, target)
        elif step.new and not step.old and not os.path.lexists(staging / step.name) and _placed(target, step.made):
            target.unlink()  # placed by the interrupted run: nobody else's


def _placed(path: Path, made: Entry | None) -> bool:
    """Whether ``path`` is exactly the file a run wrote (``made``): then nobody has changed it since."""
    try:
        return made is not None and is_real_file(path) and path.stat().st_size == made.size and file_entry(path) == made
    except OSError:
        return False


def _finish(folder: Path, staging: Path, backup: Path) -> None:
    """Away with the journal first: the folders left are then mere leftovers for the next run."""
    with suppress(OSError):
        (folder / JOURNAL_FILE).unlink(missing_ok=True)
    _remove_run_folder(backup)
    _remove_run_folder(staging)


def _remove_run_folder(path: Path) -> None:
    """Remove a staging or backup folder of docgen's, never a link in its place (only the link goes)."""
    if real_folder_or_none(path):
        shutil.rmtree(path, ignore_errors=True)
    else:
        with suppress(OSError):
            path.unlink()


# --- the next run -----------------------------------------------------------------------------


def recover(folder: Path) -> list[Finding]:
    """Roll back or finish a replacement an earlier run left half done (called under the lock);
    what was done, or that its journal was not trusted, for the user. Temporary files of
    runs that ended early go too."""
    journal_path = folder / JOURNAL_FILE
    notes = [_recover_from(folder, journal_path)] if os.path.lexists(journal_path) else []
    for leftover in [*folder.glob(STAGING_PREFIX + "*"), *folder.glob(BACKUP_PREFIX + "*")]:
        _remove_run_folder(leftover)  # staging of runs that ended before replacing
    for leftover in [*folder.glob(OLD_TEMP_GLOB), folder / _JOURNAL_DRAFT]:
        if not os.path.isdir(leftover) or os.path.islink(leftover):
            with suppress(OSError):
                leftover.unlink(missing_ok=True)
    return notes


def _recover_from(folder: Path, journal_path: Path) -> Finding:
    """Act on the journal if it can be trusted, else remove it; what was done, for the user."""
    try:
        staging, backup, steps, done = _read_journal(folder, journal_path)
    except _Untrusted as untrusted:
        with suppress(OSError):
            journal_path.unlink()
        return Finding(UNTRUSTED_RECORD, Origin(journal_path), _untrusted_journal_text(untrusted))
    if done:
        message = "上次写入这个文件夹时在收尾阶段被中断，已替它完成：其中是上次生成的全部文件。"
    else:
        try:
            _roll_back(folder, staging, backup, steps)
        except OSError as error:  # the journal stays: the next run tries again
            raise EnvironmentProblem(
                f"上次写入这个文件夹时被中断，现在无法把旧文件放回：{os_error_text(error)}。请处理后再运行 docgen", Origin(folder)
            ) from None
        message = "上次写入这个文件夹时被中断，已恢复为那次写入之前的全部文件。"
    _finish(folder, staging, backup)
    return Finding(RECOVERED, Origin(folder), message)


def _untrusted_journal_text(untrusted: _Untrusted) -> str:
    return (
        f"docgen 的写入记录不可信（{untrusted.args[0]}），已忽略并删除这个记录：没有按它移动、恢复或删除任何文件。"
        "记录可能被改动过或已损坏，请检查文件夹中的文件是否齐全"
    )


def _read_journal(folder: Path, path: Path) -> tuple[Path, Path, list[Step], bool]:
    """The journal's staging and backup folders, steps and whether the new set stood;
    ``_Untrusted`` unless every part of it is as docgen writes it and names only places
    inside ``folder``, reached through real folders."""
    if not is_real_file(path):
        raise _Untrusted("它不是普通文件")
    if os.lstat(path).st_size > _MAX_JOURNAL_BYTES:
        raise _Untrusted("它大得不像 docgen 写的记录")
    try:
        journal = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError) as error:
        raise _Untrusted("内容无法读取" if isinstance(error, OSError) else "内容不是 docgen 写的格式") from None
    if not isinstance(journal, dict) or journal.get("state") not in ("replacing", "done"):
        raise _Untrusted("内容不是 docgen 写的格式")
    staging_name = journal.get("staging")
    if not isinstance(staging_name, str) or not _RUN_NAME.fullmatch(staging_name) or journal.get("backup") != _backup_name(staging_name):
        raise _Untrusted("其中的临时文件夹不是 docgen 的")
    staging, backup = folder / staging_name, folder / journal["backup"]
    for run_folder in (staging, backup):
        if not real_folder_or_none(run_folder):
            raise _Untrusted(f"“{run_folder.name}”应当是 docgen 的临时文件夹，却是链接或文件")
    steps = _journal_steps(journal.get("steps"))
    for step in steps:
        for base in (folder, staging, backup):
            linked = link_on_the_way(base, step.name)
            if linked is not None:
                raise _Untrusted(f"“{step.name}”要经过链接“{linked}”，可能指向文件夹以外")
    return staging, backup, steps, journal["state"] == "done"


def _journal_steps(records: object) -> list[Step]:
    if not isinstance(records, list):
        raise _Untrusted("没有要替换的文件列表")
    steps = []
    for record in records:
        if not isinstance(record, dict) or not isinstance(record.get("new"), bool) or not isinstance(record.get("old"), bool):
            raise _Untrusted("文件列表中有一项不是 docgen 写的格式")
        name = record.get("name")
        if outside_name(name) or name.split("/")[0].startswith(OWN_PREFIX) and name != MANIFEST_FILE:
            raise _Untrusted(f"其中的文件名“{name}”指向文件夹以外或 docgen 自己的文件")
        steps.append(Step(name, record["new"], record["old"], _made(record)))
    return steps


def _made(record: dict) -> Entry | None:
    sha256, size = record.get("sha256"), record.get("size")
    if isinstance(sha256, str) and isinstance(size, int) and not isinstance(size, bool):
        return Entry(sha256, size)
    return None


def _backup_name(staging_name: str) -> str:
    return BACKUP_PREFIX + staging_name.removeprefix(STAGING_PREFIX)


def _write_journal(folder: Path, journal: dict) -> None:
    temporary = folder / _JOURNAL_DRAFT
    try:
        _write_file(temporary, [json.dumps(journal, ensure_ascii=False).encode("utf-8")])
        _fsync_file(temporary)
        os.replace(temporary, folder / JOURNAL_FILE)
        _sync_folder(folder)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise write_error(error, folder) from None


# --- small helpers --------------------------------------------------------------------------


def _write_file(path: Path, chunks: Iterable[bytes]) -> Entry:
    """Write ``chunks`` to ``path``; the file's checksum and size. Not yet flushed to
    the disk: the caller does that (staged files all at once, ``_flush_to_disk``)."""
    digest, size = hashlib.sha256(), 0
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | _NO_FOLLOW | getattr(os, "O_BINARY", 0), 0o666)
    try:
        for chunk in chunks:
            digest.update(chunk)
            size += len(chunk)
            view = memoryview(chunk)
            while view:
                view = view[os.write(fd, view) :]
    finally:
        os.close(fd)
    return Entry(digest.hexdigest(), size)


def _flush_to_disk(folder: Path, paths: list[Path]) -> None:
    """The files ``paths`` in ``folder`` on the disk, before any of them replaces an old file.

    Where the system has ``syncfs`` (Linux), one call flushes them all with one
    journal commit; an fsync a file costs a commit each (seconds for a thousand
    reports on a busy disk). Elsewhere, an fsync a file.
    """
    if _syncfs is not None:
        fd = os.open(folder, os.O_RDONLY)
        try:
            _sync_filesystem(fd)
        finally:
            os.close(fd)
        return
    for path in paths:
        _fsync_file(path)


def _fsync_file(path: Path) -> None:
    fd = os.open(path, os.O_WRONLY | getattr(os, "O_BINARY", 0))  # Windows flushes only handles open for writing
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _load_syncfs():
    if not sys.platform.startswith("linux"):
        return None
    try:
        syncfs = ctypes.CDLL(None, use_errno=True).syncfs
    except (OSError, AttributeError):
        return None
    syncfs.argtypes = [ctypes.c_int]
    return syncfs


_syncfs = _load_syncfs()


def _sync_filesystem(fd: int) -> None:
    """Flush everything written to the filesystem holding ``fd``."""
    if _syncfs(fd) != 0:
        number = ctypes.get_errno()
        raise OSError(number, os.strerror(number))


def _sync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable (POSIX; Windows has no such call for folders)."""
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _occupied(path: Path) -> bool:
    return os.path.lexists(path)


def _refuse_what_is_in_the_way(folder: Path, steps: list[Step]) -> None:
    """A folder where a new file goes, or a link on the way to any file: nothing is replaced."""
    for step in steps:
        linked = link_on_the_way(folder, step.name)
        if linked is not None:
            raise InputError("这是一个链接（或不是文件夹），docgen 不会经过它写入或删除文件，所有输出文件都保持原样", Origin(linked))
        path = folder / step.name
        if step.new and path.is_dir() and not path.is_symlink():
            raise InputError("这里有一个同名的文件夹，无法写入同名文件，所有输出文件都保持原样", Origin(path))


def _one_file_with_new_ones(folder: Path, removed: list[str], written: Manifest) -> list[str]:
    """The recorded files of ``removed`` that are the very file a new one replaces under another
    spelling: 甲社区.docx for 甲社区.DOCX on a disk that ignores letter case (Windows, macOS)."""
    spellings = {comparable(name): name for name in written}
    same = []
    for name in removed:
        other = spellings.get(comparable(name))
        with suppress(OSError):
            if other is not None and os.path.samestat(os.lstat(folder / name), os.lstat(folder / other)):
                same.append(name)
    return same


def _untrusted_entries(folder: Path, names: list[str]) -> list[Finding]:
    if not names:
        return []
    listed = "、".join(names[:10]) + (f" 等 {len(names)} 个" if len(names) > 10 else "")
    return [
        Finding(
            UNTRUSTED_RECORD,
            Origin(folder / MANIFEST_FILE),
            f"docgen 的文件记录中有不可信的文件名（指向文件夹以外或要经过链接）：{listed}。已忽略，没有删除或移动它们，并已从记录中去掉",
        )
    ]


def _check_own_name(name: str) -> None:
    """A file docgen publishes is named inside its folder: anything else is docgen's own fault."""
    if outside_name(name):
        raise InternalError(f"要写入的文件名“{name}”不在输出文件夹之内，没有写入")


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and any missing parents; those created, outermost first."""
    nearest = next(place for place in (folder, *folder.parents) if os.path.lexists(place))
    if not nearest.is_dir():
        raise InputError(f"输出位置“{nearest}”是一个文件，不是文件夹")
    missing = [place for place in (folder, *folder.parents) if not os.path.lexists(place)]
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise write_error(error, folder) from None
    return list(reversed(missing))



# What ends docgen as Ctrl-C does (cli: SIGTERM and SIGHUP raise KeyboardInterrupt too).
_INTERRUPTS = tuple(getattr(signal, name) for name in ("SIGINT", "SIGTERM", "SIGHUP") if hasattr(signal, name))


@contextmanager
def _interrupts_held() -> Iterator:
    """Ctrl-C (or SIGTERM, SIGHUP) during the end of a publication is noted, not acted on at once:
    the replacement then rolls back cleanly (or, past the point where the new set stands, finishes).
    Only signals Python handles are held; one left to the system's default still kills at once."""
    caught: list[int] = []
    if threading.current_thread() is not threading.main_thread():
        yield lambda: False
        return
    held = {number: signal.getsignal(number) for number in _INTERRUPTS if callable(signal.getsignal(number))}
    for number in held:
        signal.signal(number, lambda number, frame: caught.append(number))
    try:
        yield lambda: bool(caught)
    finally:
        for number, handler in held.items():
            signal.signal(number, handler)
