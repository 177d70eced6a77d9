"""One LibreOffice run: Word (and older) files converted by LibreOffice headless.

``instances.py`` spreads a batch of conversions over several such runs; this
module is how each is run. LibreOffice runs with a fresh private profile in a
temporary folder, so parallel runs and a LibreOffice the user has open do not
collide, and with docgen's fontconfig substitution (``fonts.py``): the official
faces the documents name (仿宋, 楷体, 黑体 …), which Linux machines lack, are
drawn with the closest free faces, whose Latin letters and digits are half
width like the Windows faces', so lines break where Word breaks them.

The profile is marked as one this LibreOffice has started before (its version
as the profile's last, ``ooSetupLastVersion``): a profile it has not seen
makes LibreOffice run its graphics self-tests first, for choosing a screen
backend a headless run does not use, which took 0.8 s of a 1.4-s start
(measured; the PDFs are the same to the byte).

The profile also keeps LibreOffice off the network: a document's linked
pictures, sections and fields are never fetched (the ways to http, https,
ftp and WebDAV are taken out, links from documents are blocked, links are
never updated, no macro runs), so a file sent in cannot make docgen's machine
call an address of the sender's choosing.

Whatever LibreOffice starts ends with the run, and with docgen: it runs in a
process group of its own, killed when the run ends, and a small guard process
kills that group should docgen itself be killed first. A run is given up when
one file takes longer than its own time limit (a minute, and a minute for each
MB of text it holds; the first file more, for the start): one file that hangs
costs the run that long, not the whole run's time. LibreOffice converts its
files in order and goes on past one it cannot open, so what a run made, skipped
and failed on is told by the files it left (``RunOutcome``).
"""

from __future__ import annotations

import functools
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from xml.sax.saxutils import escape

from ..errors import EnvironmentProblem
from ..fs.oserror import os_error_text
from ..fs.tempfolders import temporary_folder
from .fonts import fontconfig_environment

SECONDS_FIRST_FILE = 120  # a cold start with a fresh profile takes a while, then the first file
SECONDS_PER_FILE = 60  # each file after the first; one that takes longer is given up
SECONDS_PER_MB = 60  # and for each MB of text in a file (a volume of 6,000 pages holds about 9 MB)
_MOST_MB = 20  # a file claiming more (a zip bomb) is allowed no more time than one of 20 MB
_LAID_OUT = re.compile(r"word/(document\d*|header\d*|footer\d*|footnotes|endnotes)\.xml")  # a .docx's text
_POLL_SECONDS = 0.5  # how often a run's progress is looked at

# The private profile's settings (registrymodifications.xcu): LibreOffice fetches nothing.
_SCRIPTING = "/org.openoffice.Office.Common/Security/Scripting"
_SETTINGS = (
    (_SCRIPTING, "BlockUntrustedRefererLinks", "true"),  # no linked picture, sound or frame of a document
    (_SCRIPTING, "DisableMacrosExecution", "true"),
    (_SCRIPTING, "MacroSecurityLevel", "3"),
    ("/org.openoffice.Office.Writer/Content/Update", "Link", "0"),  # Writer: never update links
    ("/org.openoffice.Office.Calc/Content/Update", "Link", "1"),  # Calc: never (its own numbering)
)
# The content providers for http, https, WebDAV, ftp and CMIS: without them no address can be opened
# (a .doc's INCLUDEPICTURE and a paragraph's background picture are fetched past the settings above).
_NETWORK_PROVIDERS = ("Provider3", "Provider4", "Provider4a", "Provider6", "Provider12", "Provider12a", "Provider12b", "Provider43")
_PRODUCT = "/org.openoffice.Setup/Product"
_PROVIDERS = "/org.openoffice.ucb.Configuration/ContentProviders/Local/SecondaryKeys/Office/ProviderData"
# The installed LibreOffice's version ("7.4"), in its configuration (share/registry/main.xcd).
_PRODUCT_VERSION = re.compile(rb'<prop oor:name="ooSetupVersion">\s*<value>([0-9.]+)</value>')
# Kills the office's process group (its id is the first line it reads) unless docgen says "done" first.
_GUARD = 'read group; read word; [ "$word" = done ] || kill -s KILL -- "-$group" 2>/dev/null'

INSTALL_HINT = (
    "没有找到 LibreOffice（soffice），无法生成 PDF 或核对页码。\n"
    "  Debian/Ubuntu：sudo apt-get install libreoffice-writer-nogui fonts-noto-cjk fonts-arphic-ukai poppler-utils\n"
    "  Windows：从 https://zh-cn.libreoffice.org/download/ 下载安装 LibreOffice，"
    "装在默认位置（C:\\Program Files\\LibreOffice）即可。\n"
    "不生成 PDF 时，Word 文件和目录页码照常生成，不需要 LibreOffice。"
)

_WINDOWS_PLACES = (
    Path(os.environ.get("ProgramFiles", r"C:\Program Files")) / "LibreOffice" / "program" / "soffice.exe",
    Path(os.environ.get("ProgramFiles(x86)", r"C:\Program Files (x86)")) / "LibreOffice" / "program" / "soffice.exe",
)
_MAC_PLACE = Path("/Applications/LibreOffice.app/Contents/MacOS/soffice")


def find_soffice() -> Path | None:
    """The LibreOffice program: on PATH, or where its installer puts it."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return Path(found)
    places = _WINDOWS_PLACES if sys.platform == "win32" else (_MAC_PLACE,) if sys.platform == "darwin" else ()
    return next((place for place in places if place.is_file()), None)


def require_soffice() -> Path:
    soffice = find_soffice()
    if soffice is None:
        raise EnvironmentProblem(INSTALL_HINT)
    return soffice


@dataclass
class RunOutcome:
    """What one LibreOffice run made of its documents. It converts them in order and goes on
    past one it cannot open; where it crashes or runs out of time, it was on the document
    after the last one it made."""

    made: list[Path] = field(default_factory=list)  # converted: their outputs are there
    skipped: list[Path] = field(default_factory=list)  # gone past without an output: it cannot open them
    failed: Path | None = None  # the one it crashed or ran out of time on
    unfinished: list[Path] = field(default_factory=list)  # those after it, never begun
    reason: str = ""  # why ``failed`` has no output, in Chinese, to follow “LibreOffice：”
    timeout: int = 0  # the time limit it ran out of (seconds), if that was why
    detail: str = ""  # what LibreOffice said


def run_office(
    soffice: Path,
    documents: list[Path],
    out_dir: Path,
    target: str,
    suffix: str,
    sizes: dict[Path, float] | None = None,
    started: Callable[[subprocess.Popen], None] | None = None,
) -> RunOutcome:
    """One LibreOffice run converting ``documents`` (into ``out_dir``, same names, ``suffix``)
    with a fresh private profile of its own and the time limits; ``sizes``: each document's
    ``megabytes``, where already known; ``started``: told the run's process."""
    with temporary_folder("lo") as profile:
        finished, limit = _run_office(soffice, documents, out_dir, target, suffix, profile, sizes or {}, started)
    converted = [output_of(d, out_dir, suffix).is_file() for d in documents]
    made = [d for d, there in zip(documents, converted) if there]
    detail = "" if finished is None else (finished.stderr or finished.stdout or "").strip()
    if finished is not None and finished.returncode == 0:
        return RunOutcome(made, [d for d, there in zip(documents, converted) if not there], detail=detail)
    last = max((i for i, there in enumerate(converted) if there), default=-1)
    outcome = RunOutcome(made, [d for d, there in zip(documents[: last + 1], converted) if not there], detail=detail)
    if last + 1 < len(documents):
        outcome.failed, outcome.unfinished = documents[last + 1], documents[last + 2 :]
        if finished is None:
            outcome.reason, outcome.timeout = f"{limit} 秒内没有转换完，已放弃", limit
        else:
            outcome.reason = f"转换时意外退出（返回码 {finished.returncode}）"
    return outcome


def output_of(document: Path, out_dir: Path, suffix: str) -> Path:
    """The file LibreOffice makes of ``document`` in ``out_dir``: its name, ``suffix``."""
    return out_dir / (document.stem + suffix)


def megabytes(document: Path) -> float:
    """How much ``document`` holds to be laid out, in MB: the XML of a .docx's body, headers,
    footers and notes (its styles, settings and the like cost LibreOffice next to nothing), all
    the XML of another zip (.odt, .xlsx), else the file's size; at most _MOST_MB."""
    try:
        with zipfile.ZipFile(document) as package:
            parts = [info for info in package.infolist() if info.filename.endswith(".xml")]
            laid_out = [info for info in parts if _LAID_OUT.match(info.filename)]
            size = sum(info.file_size for info in (laid_out or parts))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        try:
            size = document.stat().st_size
        except OSError:
            size = 0
    return min(size / 2**20, _MOST_MB)


def _run_office(
    soffice: Path,
    documents: list[Path],
    out_dir: Path,
    target: str,
    suffix: str,
    profile: Path,
    sizes: dict[Path, float],
    started: Callable[[subprocess.Popen], None] | None,
) -> tuple[subprocess.CompletedProcess | None, int]:
    """The LibreOffice run itself, with the private profile ``profile``; None for the run
    where a document took too long, with the limit it ran out of."""
    environment = office_environment(profile)
    outputs = [output_of(d, out_dir, suffix) for d in documents]
    allowed = [SECONDS_PER_FILE + SECONDS_PER_MB * (sizes[d] if d in sizes else megabytes(d)) for d in documents]  # each, once the one before is made
    command = [
        str(soffice),
        f"-env:UserInstallation={profile.as_uri()}",
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--convert-to",
        target,
        "--outdir",
        str(out_dir),
        *(str(d) for d in documents),
    ]
    first = SECONDS_FIRST_FILE + allowed[0] - SECONDS_PER_FILE
    made = lambda: sum(1 for output in outputs if output.exists())
    then = lambda count: allowed[min(count, len(allowed) - 1)]
    try:
        return run_in_own_group(command, first, environment, made, then, started=started), 0
    except subprocess.TimeoutExpired as expired:
        return None, round(expired.timeout)
    except OSError as exc:
        raise EnvironmentProblem(f"无法启动 LibreOffice（{soffice}）：{os_error_text(exc)}") from None


def run_in_own_group(
    command: list[str],
    timeout: float,
    environment: dict[str, str],
    made: Callable[[], int] = lambda: 0,
    then: Callable[[int], float] | None = None,
    started: Callable[[subprocess.Popen], None] | None = None,
) -> subprocess.CompletedProcess:
    """``command`` run to its end as ``subprocess.run`` would, or given up (``TimeoutExpired``)
    once ``timeout`` seconds pass without ``made()`` (how many files it has made) growing;
    once it has made ``count`` files, the limit for the next is ``then(count)`` seconds
    (``timeout`` if not given). Whatever it started is ended with it. ``started`` is told
    the process as soon as it runs (another thread may end it with ``kill_group``).

    soffice is a shell script (soffice.exe a launcher) that starts the office process
    as its child: killing only the process started would leave LibreOffice running,
    holding its profile and the files it was converting. So it starts a process group
    of its own, and the whole group is killed when the time is up, on Ctrl-C (which no
    longer reaches a group of its own), after it ends, should a child outlive it, and
    by the guard should docgen be killed.
    """
    own_group = {"start_new_session": True} if os.name == "posix" else {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    with _Guard() as guard, subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment, **own_group
    ) as process:
        try:
            guard.watch(process)
            if started is not None:
                started(process)
            stdout, stderr = _communicate(process, timeout, made, then or (lambda count: timeout))
        finally:  # done, out of time, or Ctrl-C
            kill_group(process)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _communicate(process: subprocess.Popen, limit: float, made: Callable[[], int], then: Callable[[int], float]) -> tuple[str, str]:
    """``process.communicate()``, given up when ``limit`` seconds pass without progress."""
    count, deadline = made(), time.monotonic() + limit
    while True:
        try:
            return process.communicate(timeout=max(0.0, min(_POLL_SECONDS, deadline - time.monotonic())))
        except subprocess.TimeoutExpired:
            now, now_made = time.monotonic(), made()
            if now_made > count:
                count, limit = now_made, then(now_made)
                deadline = now + limit
            elif now >= deadline:
                raise subprocess.TimeoutExpired(process.args, limit) from None


class _Guard:
    """A process of its own (POSIX) that kills the office's process group should docgen be
    killed while the office runs: it waits on a pipe from docgen, which the system closes
    when docgen dies, and does nothing if docgen says "done" first. In a session of its
    own, a signal to docgen's process group (Ctrl-C, a kill of the group) leaves it be."""

    def __enter__(self) -> _Guard:
        self._process = None
        if os.name == "posix":
            self._process = subprocess.Popen(
                ["/bin/sh", "-c", _GUARD, "docgen-guard"],
                stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True,
            )
        return self

    def watch(self, office: subprocess.Popen) -> None:
        if self._process is None:
            return
        try:
            self._process.stdin.write(f"{office.pid}\n".encode())
            self._process.stdin.flush()
        except OSError:  # the guard is gone (killed by someone): the office is still ended with the run
            pass

    def __exit__(self, error_type, error, trace) -> None:
        if self._process is None:
            return
        try:
            self._process.stdin.write(b"done\n")
            self._process.stdin.close()
        except OSError:  # it is gone already
            pass
        self._process.wait()


def kill_group(process: subprocess.Popen) -> None:
    """End ``process`` and every process it started (its process group; on Windows its tree)."""
    if os.name == "posix":
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass  # nothing left of the group
        return
    if process.poll() is None:
        subprocess.run(["taskkill", "/F", "/T", "/PID", str(process.pid)], capture_output=True)


def office_environment(profile: Path) -> dict[str, str]:
    """The environment for a LibreOffice run whose private profile is ``profile``
    (pass ``-env:UserInstallation=profile.as_uri()``): docgen's font substitution,
    and the profile's settings that keep LibreOffice off the network."""
    settings = profile / "user" / "registrymodifications.xcu"
    settings.parent.mkdir(parents=True, exist_ok=True)
    if not settings.exists():  # a profile used again keeps what LibreOffice added to it
        soffice = find_soffice()
        settings.write_text(offline_settings(installed_version(soffice) if soffice else None), encoding="utf-8")
    return {**os.environ, **fontconfig_environment(profile)}


@functools.lru_cache(maxsize=4)
def installed_version(soffice: Path) -> str | None:
    """The version of the LibreOffice ``soffice`` belongs to ("7.4"), from its configuration
    (``share/registry``, ``Resources/registry`` on macOS); None where it is not found there."""
    try:
        program = soffice.resolve().parent
    except (OSError, RuntimeError):  # a loop of links
        return None
    for registry in (program.parent / "share" / "registry", program.parent / "Resources" / "registry"):
        try:
            found = _PRODUCT_VERSION.search((registry / "main.xcd").read_bytes())
        except OSError:
            continue
        if found:
            return found[1].decode()
    return None


def offline_settings(version: str | None = None) -> str:
    """registrymodifications.xcu for a profile whose LibreOffice fetches nothing; with
    ``version`` (the installed LibreOffice's), one it takes for a profile it has started."""
    items = [
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>{value}</value></prop></item>'
        for path, name, value in _SETTINGS
    ]
    items += [f'<item oor:path="{_PROVIDERS}"><node oor:name="{name}" oor:op="remove"/></item>' for name in _NETWORK_PROVIDERS]
    if version:
        items.append(f'<item oor:path="{_PRODUCT}"><prop oor:name="ooSetupLastVersion" oor:op="fuse"><value>{escape(version)}</value></prop></item>')
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n' + "\n".join(items) + "\n</oor:items>\n"
    )
