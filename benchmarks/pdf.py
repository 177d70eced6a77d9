"""`docgen build --pdf` of 100 reports, side by side with one LibreOffice run on the same files.

    python benchmarks/pdf.py [--reports 100] [--runs 7] [--workers N] [--one-instance-too]

The inputs are the sample reports over and over, as in bench.py. Each run
times, one right after the other (so that whatever else the machine is doing
weighs on both):

- ``docgen build --pdf`` into an empty folder: the Word files, then their PDFs
  (each report's and the volume's) from LibreOffice;
- one plain LibreOffice run, ``soffice --headless --convert-to pdf``, with a
  fresh profile, converting the same .docx files that docgen wrote (the
  reports and the volume).

Each run gives the ratio of the two times; the verdict is on the median of
these ratios (each taken in the same minute, so a slow spell of a shared machine
weighs on both of a pair), and the medians of the times are shown too. The two
take turns going first. Times are taken without looking at the processes
meanwhile: sampling their memory every 50 ms (as bench.py does) slowed docgen's
two LibreOffice instances by a fifth. The peak memory of the whole process tree
(LibreOffice's processes included) comes from one more run of each, sampled. ``--workers`` sets DOCGEN_WORKERS for
docgen (how many LibreOffice instances it runs); ``--one-instance-too`` also
times ``docgen build --pdf`` with DOCGEN_WORKERS=1 in each run, to show what
the instances gain. Target (issue 26): docgen takes at most 0.65 of the one
LibreOffice run's time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import Run, _compile_docgen, repeated_inputs, timed  # noqa: E402 - the sibling script, not a package

TARGET_RATIO = 0.65
WORKERS = "DOCGEN_WORKERS"


def unobserved(command: list[str]) -> Run:
    """Wall and CPU time (user + system, its processes included) of ``command``, run to its end."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    errors = child.stderr.read().decode("utf-8", "replace")
    child.stderr.close()
    if os.waitstatus_to_exitcode(status):
        raise SystemExit(f"{command[0]} failed:\n{errors[-2000:]}")
    return Run(seconds, 0, usage.ru_utime + usage.ru_stime)


def docgen_pdf(inputs: Path, out: Path, workers: int | None = None, measure=unobserved) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "docgen", "build", "--inputs", str(inputs), "--out", str(out), "--pdf"]
    before = os.environ.get(WORKERS)
    if workers:
        os.environ[WORKERS] = str(workers)
    try:
        run = measure(command)
    finally:
        os.environ.pop(WORKERS, None)
        if before is not None:
            os.environ[WORKERS] = before
    _expect_pdfs(out, len(list(out.glob("*.docx"))))
    return run


def one_libreoffice(documents: list[Path], work: Path, measure=unobserved) -> Run:
    """One LibreOffice run converting ``documents``, with a fresh profile of its own."""
    profile, out = work / "profile", work / "pdf"
    shutil.rmtree(profile, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(out)]
    run = measure(command + [str(d) for d in documents])
    _expect_pdfs(out, len(documents))
    return run


def _expect_pdfs(folder: Path, count: int) -> None:
    made = len(list(folder.glob("*.pdf")))
    if made != count:
        raise SystemExit(f"{folder}：应有 {count} 个 PDF，只有 {made} 个")


def _median(runs: list[Run]) -> Run:
    return Run(
        statistics.median(r.seconds for r in runs),
        statistics.median(r.peak_bytes for r in runs),
        statistics.median(r.cpu_seconds for r in runs),
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--runs", type=int, default=7, help="runs of each; the median is shown")
    parser.add_argument("--workers", type=int, help="DOCGEN_WORKERS for docgen (LibreOffice instances)")
    parser.add_argument("--one-instance-too", action="store_true", help="also docgen with DOCGEN_WORKERS=1")
    args = parser.parse_args()
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        raise SystemExit("没有找到 LibreOffice（soffice）")
    _compile_docgen()
    ours, alone, theirs = [], [], []
    with tempfile.TemporaryDirectory(prefix="docgen-bench-pdf-") as temp:
        work = Path(temp)
        inputs = repeated_inputs(work / "in", args.reports)
        documents = _written_documents(inputs, work)
        for number in range(1, args.runs + 1):
            if number % 2:  # the two take turns going first
                ours.append(docgen_pdf(inputs, work / "out", args.workers))
                theirs.append(one_libreoffice(documents, work / "lo"))
            else:
                theirs.append(one_libreoffice(documents, work / "lo"))
                ours.append(docgen_pdf(inputs, work / "out", args.workers))
            if args.one_instance_too:
                alone.append(docgen_pdf(inputs, work / "out", 1))
            print(
                f"第 {number} 次：docgen build --pdf {ours[-1].seconds:.2f} 秒"
                + (f"（一个 LibreOffice：{alone[-1].seconds:.2f} 秒）" if alone else "")
                + f"，LibreOffice 一次转换 {theirs[-1].seconds:.2f} 秒，比值 {ours[-1].seconds / theirs[-1].seconds:.2f}",
                flush=True,
            )
        peaks = [docgen_pdf(inputs, work / "out", args.workers, timed).peak_bytes]  # one more run each, sampled
        if alone:
            peaks.append(docgen_pdf(inputs, work / "out", 1, timed).peak_bytes)
        peaks.append(one_libreoffice(documents, work / "lo", timed).peak_bytes)
    rows = [(f"docgen build --pdf（{args.reports} 份）", _median(ours))]
    if alone:
        rows.append(("docgen，DOCGEN_WORKERS=1", _median(alone)))
    rows.append((f"LibreOffice 一次转换 {len(documents)} 个文件", _median(theirs)))
    ratios = [o.seconds / t.seconds for o, t in zip(ours, theirs)]
    return _verdict([(name, replace(run, peak_bytes=peak)) for (name, run), peak in zip(rows, peaks)], ratios)


def _written_documents(inputs: Path, work: Path) -> list[Path]:
    """The .docx files a docgen build of ``inputs`` writes (the reports and the volume), kept
    apart for LibreOffice alone: the same files docgen converts."""
    out = work / "written"
    completed = subprocess.run([sys.executable, "-m", "docgen", "build", "--inputs", str(inputs), "--out", str(out)], capture_output=True)
    if completed.returncode:
        raise SystemExit(f"docgen build failed:\n{completed.stderr.decode('utf-8', 'replace')[-2000:]}")
    return sorted(out.glob("*.docx"))


def _verdict(rows: list[tuple[str, Run]], ratios: list[float]) -> int:
    print(f"{'':<28}{'秒':>8}{'CPU 秒':>9}{'峰值 MiB':>10}")
    for name, run in rows:
        print(f"{name:<28}{run.seconds:>8.2f}{run.cpu_seconds:>9.2f}{run.peak_bytes / 2**20:>10.0f}")
    ratio = statistics.median(ratios)
    ok = ratio <= TARGET_RATIO
    print(f"中位数之比 {rows[0][1].seconds / rows[-1][1].seconds:.2f}；每次的比值 {'、'.join(f'{r:.2f}' for r in ratios)}")
    print(f"docgen / LibreOffice（每次比值的中位数）= {ratio:.2f}（目标 ≤ {TARGET_RATIO}）—— {'达到' if ok else '未达到'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
