"""Word files → PDF through LibreOffice headless, one process for a whole batch.

LibreOffice runs with a private profile in a temporary folder, so parallel
builds and a LibreOffice the user has open do not collide, and with docgen's
fontconfig substitution (``fonts.py``): the official faces the documents name
(仿宋, 楷体, 黑体 …), which Linux machines lack, are drawn with the closest
free faces, whose Latin letters and digits are half width like the Windows
faces', so lines break where Word breaks them.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

from ..errors import EnvironmentProblem
from ..fs.oserror import os_error_text
from .fonts import fontconfig_environment
from .pdfstamp import stamp

SECONDS_FIRST_FILE = 120  # a cold start with a fresh profile takes a while
SECONDS_PER_FILE = 20

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


_PDF_FILTER = "pdf:writer_pdf_Export"
# LibreOffice leaves out of a PDF the blank pages it inserts: before a section that
# begins on an odd page (a volume printed on both sides needs them on paper, or
# every other report would print on a left-hand page), but also after a cover,
# to bring the 目录's page 1 onto a right-hand page (which Word does not).
_PDF_FILTER_WITH_BLANK_PAGES = _PDF_FILTER + ':{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def convert_to_pdf(documents: list[Path], out_dir: Path, blank_pages: bool = False) -> list[Path]:
    """PDFs of ``documents`` in ``out_dir`` (same names, .pdf), from one LibreOffice run;
    ``blank_pages``: with the blank pages of a volume printed on both sides (``duplex``).

    Names must be distinct: LibreOffice names each PDF after its document.
    """
    pdfs = convert(documents, out_dir, _PDF_FILTER_WITH_BLANK_PAGES if blank_pages else _PDF_FILTER, ".pdf")
    for pdf in pdfs:  # the same inputs give the same bytes
        pdf.write_bytes(stamp(pdf.read_bytes()))
    return pdfs


def convert_to_docx(documents: list[Path], out_dir: Path) -> dict[Path, Path | str]:
    """Word files of ``documents`` (.doc, .wps, .rtf, .odt) in ``out_dir``, same names, .docx,
    from one LibreOffice run; for a document LibreOffice cannot convert, why (``convert_each``)."""
    return convert_each(documents, out_dir, "docx:MS Word 2007 XML", ".docx")


def convert(documents: list[Path], out_dir: Path, target: str, suffix: str) -> list[Path]:
    """``documents`` converted by one LibreOffice run with a private profile and a time limit."""
    finished, timeout = _run_office(require_soffice(), documents, out_dir, target)
    if finished is None:
        raise EnvironmentProblem(f"LibreOffice 在 {timeout} 秒内没有完成转换，已放弃。")
    converted = [_output(d, out_dir, suffix) for d in documents]
    missing = [p.name for p in converted if not p.is_file()]
    if missing:
        detail = (finished.stderr or finished.stdout).strip()
        raise EnvironmentProblem(f"LibreOffice 没有生成这些文件：{'、'.join(missing)}" + (f"\n{detail}" if detail else ""))
    return converted


def convert_each(documents: list[Path], out_dir: Path, target: str, suffix: str) -> dict[Path, Path | str]:
    """Each of ``documents`` → its converted file, or why LibreOffice made none (in Chinese, to
    follow “LibreOffice：”).

    One LibreOffice run converts them all; it goes on past a document it cannot
    open. Where it crashes or runs out of time, the document it was on (the first
    without output: it converts in order) is given up and the rest run again.
    """
    soffice = require_soffice()
    results: dict[Path, Path | str] = {}
    pending = list(documents)
    while pending:
        finished, timeout = _run_office(soffice, pending, out_dir, target)
        made = {d: _output(d, out_dir, suffix) for d in pending if _output(d, out_dir, suffix).is_file()}
        results.update(made)
        missing = [d for d in pending if d not in made]
        if finished is not None and finished.returncode == 0:
            results.update((d, "打不开这个文件") for d in missing)
            break
        if missing:
            results[missing[0]] = (
                f"{timeout} 秒内没有转换完，已放弃" if finished is None else f"转换时意外退出（返回码 {finished.returncode}）"
            )
        pending = missing[1:]
    return results


def _output(document: Path, out_dir: Path, suffix: str) -> Path:
    return out_dir / (document.stem + suffix)


def _run_office(
    soffice: Path, documents: list[Path], out_dir: Path, target: str
) -> tuple[subprocess.CompletedProcess | None, int]:
    """One LibreOffice run converting ``documents`` with a private profile, and its time limit;
    None for the run when it ran out of time."""
    timeout = SECONDS_FIRST_FILE + SECONDS_PER_FILE * len(documents)
    with tempfile.TemporaryDirectory(prefix="docgen-lo-") as profile:
        environment = office_environment(Path(profile))
        command = [
            str(soffice),
            f"-env:UserInstallation={Path(profile).as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            target,
            "--outdir",
            str(out_dir),
            *(str(d) for d in documents),
        ]
        try:
            return run_in_own_group(command, timeout, environment), timeout
        except subprocess.TimeoutExpired:
            return None, timeout
        except OSError as exc:
            raise EnvironmentProblem(f"无法启动 LibreOffice（{soffice}）：{os_error_text(exc)}") from None


def run_in_own_group(command: list[str], timeout: float, environment: dict[str, str]) -> subprocess.CompletedProcess:
    """``command`` run to its end or for ``timeout`` seconds, whichever comes first, as
    ``subprocess.run`` would; whatever it started is ended with it.

    soffice is a shell script (soffice.exe a launcher) that starts the office process
    as its child: killing only the process started would leave LibreOffice running,
    holding its profile and the files it was converting. So it starts a process group
    of its own, and the whole group is killed when the time is up, on Ctrl-C (which no
    longer reaches a group of its own) and after it ends, should a child outlive it.
    """
    own_group = {"start_new_session": True} if os.name == "posix" else {"creationflags": subprocess.CREATE_NEW_PROCESS_GROUP}
    with subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=environment, **own_group
    ) as process:
        try:
            stdout, stderr = process.communicate(timeout=timeout)
        finally:  # done, out of time, or Ctrl-C
            _kill_group(process)
    return subprocess.CompletedProcess(command, process.returncode, stdout, stderr)


def _kill_group(process: subprocess.Popen) -> None:
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
    (pass ``-env:UserInstallation=profile.as_uri()``): docgen's font substitution."""
    profile.mkdir(parents=True, exist_ok=True)
    return {**os.environ, **fontconfig_environment(profile)}
