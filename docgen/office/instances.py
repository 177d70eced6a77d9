"""Conversions spread over LibreOffice instances, one a core: PDFs of a build, of
``preview`` and ``summary``, the .docx of old formats in an import.

LibreOffice converts one document at a time, on one core, and most of a batch's
time goes file by file: about half a second to start (``soffice``'s profiles spare it
LibreOffice's first-start self-tests), then about 0.08 s for a report
of a few pages and 1.3 s for a 280-page volume of 100 reports (measured on a
2-core machine). So a batch is split, before anything starts, among as many
instances as the machine has cores (``DOCGEN_WORKERS`` where set, as for the
build's worker processes; at most four), each a plain ``soffice --convert-to``
run of its share with a fresh profile of its own, in a process group of its own
(``soffice.run_office``), all at once. The shares are balanced by what each
file will cost (a fixed part, and a part for each MB of text it holds: the
volume weighs as much as 15 reports), the costliest first, so that the
instances end together. An instance is started once for its whole share, and
only where the work is worth a start: a few files get one instance.

Why a split made beforehand and not a queue feeding the instances: LibreOffice
takes the files to convert on its command line. Files sent to an instance
already running (through its pipe) are converted outside its conversion mode
and took twice as long each (measured); a fresh run for each batch pays the
start again. Through UNO they are converted as fast, but that needs a Python
with LibreOffice's ``uno`` module, which docgen's own Python does not have
(benchmarks/README.md). Why a fresh profile each, not copies of one made first: a fresh
profile naming the installed version starts as fast as one used before but for
LibreOffice's registering its extensions (0.1–0.15 s, measured), and a fresh one
holds nothing of an instance that crashed. Why at most four: each instance holds
110 MB when it starts and grows with what it converts (255 MB after 50
reports, measured), so four hold about a gigabyte together; an instance more
costs its memory whether or not it finds a core free, and office PCs seldom
have more than four.

An instance that crashes or runs out of time (``soffice``'s per-file limits)
is killed with its process group; the files it had not finished go to fresh
instances, the one it was on placed last in its share, so that failing again
it cannot keep the others from being converted. A file on which a second
instance fails is given up, and named with why; a file LibreOffice cannot
open is named at once (it goes on past it, nothing crashed). Ctrl-C, or a
failure to start one instance, kills every instance. Results come back in the
caller's order, whichever instance made them.

A PDF is the same whichever instance makes it, but for one number: LibreOffice
numbers the fonts it embeds (a Type 1 font's UniqueID) from its start, so the
bytes of a file depend on how many fonts its instance embedded before it (as
they depended on its place in the one run before). The split depends only on
the files and the instance count, so the same build on the same machine gives
the same bytes.
"""

from __future__ import annotations

import subprocess
import threading
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

from ..errors import EnvironmentProblem
from ..parallel.workers import WORKERS_VARIABLE, processes_asked, usable_cores
from . import soffice
from .pdfstamp import stamp

INSTANCES_VARIABLE = WORKERS_VARIABLE  # one setting for docgen's processes: its workers and its LibreOffices
_MOST_INSTANCES = 4
_START_SECONDS = 1.0  # an instance more only for at least this much work (a start takes about half of it)
_FILE_SECONDS = 0.07  # converting a report of a few pages (with docgen's faces, measured)
_MB_SECONDS = 2.3  # and each MB of text in a file (a volume of 100 reports: 0.53 MB, 1.3 s)
_TRIES = 2  # instances a file may fail in: the one it was given to and one more
_CANNOT_OPEN = "打不开这个文件"

_PDF_FILTER = "pdf:writer_pdf_Export"
# LibreOffice leaves out of a PDF the blank pages it inserts: before a section that
# begins on an odd page (a volume printed on both sides needs them on paper, or
# every other report would print on a left-hand page), but also after a cover,
# to bring the 目录's page 1 onto a right-hand page (which Word does not).
_PDF_FILTER_WITH_BLANK_PAGES = _PDF_FILTER + ':{"IsSkipEmptyPages":{"type":"boolean","value":"false"}}'


def convert_to_pdf(documents: list[Path], out_dir: Path, blank_pages: bool = False, any_format: bool = False) -> list[Path]:
    """PDFs of ``documents`` in ``out_dir`` (same names, .pdf), in their order;
    ``blank_pages``: with the blank pages of a volume printed on both sides (``duplex``);
    ``any_format``: each exported by its own module (a workbook by Calc), not as a Writer document.

    Names must be distinct: LibreOffice names each PDF after its document.
    """
    target = "pdf" if any_format else _PDF_FILTER_WITH_BLANK_PAGES if blank_pages else _PDF_FILTER
    pdfs = convert(documents, out_dir, target, ".pdf")
    for pdf in pdfs:  # the same inputs give the same bytes
        pdf.write_bytes(stamp(pdf.read_bytes()))
    return pdfs


def convert_to_docx(documents: list[Path], out_dir: Path) -> dict[Path, Path | str]:
    """Word files of ``documents`` (.doc, .wps, .rtf, .odt) in ``out_dir``, same names, .docx;
    for a document LibreOffice cannot convert, why (``convert_each``)."""
    return convert_each(documents, out_dir, "docx:MS Word 2007 XML", ".docx")


def convert(documents: list[Path], out_dir: Path, target: str, suffix: str) -> list[Path]:
    """``documents`` converted, in their order; a document without its file is an ``EnvironmentProblem``."""
    results = _converted(documents, out_dir, target, suffix)
    timed_out = next((result.timeout for result in results.values() if result.timeout), 0)
    if timed_out:
        raise EnvironmentProblem(f"LibreOffice 用了 {timed_out} 秒还没有转换完一个文件，已放弃。")
    missing = [document for document, result in results.items() if result.output is None]
    if missing:
        names = "、".join(soffice.output_of(d, out_dir, suffix).name for d in missing)
        detail = "\n".join(dict.fromkeys(results[d].detail for d in missing if results[d].detail))
        raise EnvironmentProblem(f"LibreOffice 没有生成这些文件：{names}" + (f"\n{detail}" if detail else ""))
    return [results[d].output for d in documents]


def convert_each(documents: list[Path], out_dir: Path, target: str, suffix: str) -> dict[Path, Path | str]:
    """Each of ``documents`` → its converted file, or why LibreOffice made none (in Chinese,
    to follow “LibreOffice：”), in their order."""
    return {d: result.output or result.reason for d, result in _converted(documents, out_dir, target, suffix).items()}


@dataclass
class _Result:
    output: Path | None = None
    reason: str = ""  # why there is no output
    timeout: int = 0  # the time limit it ran out of, where that was why
    detail: str = ""  # what LibreOffice said


def _converted(documents: list[Path], out_dir: Path, target: str, suffix: str) -> dict[Path, _Result]:
    """Each document's result, from rounds of instances: the next round takes the documents
    that failed instances had not finished (the one each failed on, once more)."""
    program = soffice.require_soffice()
    sizes = {d: soffice.megabytes(d) for d in documents}
    results: dict[Path, _Result] = {}
    failures: Counter[Path] = Counter()  # how many instances failed on each document
    pending = list(documents)
    while pending:
        count = instance_count(sum(cost(sizes[d]) for d in pending), len(pending))
        shares = split(pending, sizes, count, suspects={d for d in pending if failures[d]})
        again: set[Path] = set()
        for outcome in _run_all(program, shares, out_dir, target, suffix, sizes):
            results.update((d, _Result(soffice.output_of(d, out_dir, suffix))) for d in outcome.made)
            results.update((d, _Result(reason=_CANNOT_OPEN, detail=outcome.detail)) for d in outcome.skipped)
            again.update(outcome.unfinished)
            if outcome.failed is not None:
                failures[outcome.failed] += 1
                if failures[outcome.failed] < _TRIES:
                    again.add(outcome.failed)
                else:
                    results[outcome.failed] = _Result(None, outcome.reason, outcome.timeout, outcome.detail)
        pending = [d for d in pending if d in again]
    return {d: results[d] for d in documents}


def cost(megabytes: float) -> float:
    """About how many seconds LibreOffice takes over a file holding ``megabytes`` of text."""
    return _FILE_SECONDS + _MB_SECONDS * megabytes


def instance_count(work_seconds: float, files: int) -> int:
    """How many instances to convert ``files`` files taking about ``work_seconds`` together:
    one a core (or ``DOCGEN_WORKERS``, at most _MOST_INSTANCES), each with a start's worth of work."""
    worth = max(1, int(work_seconds / _START_SECONDS))
    return max(1, min(_wanted(), files, worth))


def _wanted() -> int:
    return min(processes_asked() or usable_cores(), _MOST_INSTANCES)


def split(documents: list[Path], sizes: dict[Path, float], count: int, suspects: set[Path] = frozenset()) -> list[list[Path]]:
    """``documents`` in at most ``count`` shares of about the same cost (the costliest first,
    each to the share that costs least so far), each share in the documents' order; a
    suspect (a document an instance failed on) goes last in its share."""
    loads = [0.0] * count
    share_of: dict[Path, int] = {}
    for document in sorted(documents, key=lambda d: cost(sizes[d]), reverse=True):  # stable: alike, in order
        share_of[document] = loads.index(min(loads))
        loads[share_of[document]] += cost(sizes[document])
    shares: list[list[Path]] = [[] for _ in range(count)]
    for document in sorted(documents, key=lambda d: d in suspects):  # stable: the suspects after the rest
        shares[share_of[document]].append(document)
    return [share for share in shares if share]


def _run_all(
    program: Path, shares: list[list[Path]], out_dir: Path, target: str, suffix: str, sizes: dict[Path, float]
) -> list[soffice.RunOutcome]:
    """An instance for each share, all at once (each waited on by a thread of its own); their outcomes."""
    if len(shares) == 1:
        return [soffice.run_office(program, shares[0], out_dir, target, suffix, sizes)]
    running = _Running()
    outcomes: list[soffice.RunOutcome | None] = [None] * len(shares)
    errors: list[BaseException] = []

    def run(index: int) -> None:
        try:
            outcomes[index] = soffice.run_office(program, shares[index], out_dir, target, suffix, sizes, running.started)
        except BaseException as error:  # told in the caller's thread; the other instances end with it
            errors.append(error)
            running.stop()

    threads = [threading.Thread(target=run, args=(i,), name=f"docgen-office-{i}", daemon=True) for i in range(len(shares))]
    try:
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    except BaseException:  # Ctrl-C: every instance killed, each thread ended, before going on
        running.stop()
        for thread in threads:
            if thread.ident is not None:
                thread.join()
        raise
    if errors:
        raise errors[0]
    return outcomes


class _Running:
    """The instances' processes, for ending them all from another thread."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._processes: list[subprocess.Popen] = []
        self._stopped = False

    def started(self, process: subprocess.Popen) -> None:
        with self._lock:
            self._processes.append(process)
            if self._stopped:  # started as the others were being ended
                soffice.kill_group(process)

    def stop(self) -> None:
        with self._lock:
            self._stopped = True
            for process in self._processes:
                if process.returncode is None:  # not yet ended and reaped by its own thread
                    soffice.kill_group(process)
