"""`docgen build --pdf` of 100 reports, side by side with one LibreOffice run on the same files.

    python benchmarks/pdf.py [--reports 100] [--runs 3] [--workers N]

The inputs are the sample reports over and over, as in bench.py. Each run
times, one right after the other (so that whatever else the machine is doing
weighs on both):

- ``docgen build --pdf`` into an empty folder: the Word files, then their PDFs
  (each report's and the volume's) from LibreOffice;
- one plain LibreOffice run, ``soffice --headless --convert-to pdf``, with a
  fresh profile, converting the same .docx files that docgen wrote (the
  reports and the volume).

Times are medians of ``--runs``; the peak is that of the whole process tree
(LibreOffice's processes included). ``--workers`` sets DOCGEN_WORKERS for
docgen (how many LibreOffice instances it runs). Target (issue 26): docgen
takes at most 0.65 of the one LibreOffice run's time.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import Run, _compile_docgen, repeated_inputs, timed  # noqa: E402 - the sibling script, not a package

TARGET_RATIO = 0.65


def docgen_pdf(inputs: Path, out: Path) -> Run:
    shutil.rmtree(out, ignore_errors=True)
    run = timed([sys.executable, "-m", "docgen", "build", "--inputs", str(inputs), "--out", str(out), "--pdf"])
    _expect_pdfs(out, len(list(out.glob("*.docx"))))
    return run


def one_libreoffice(documents: list[Path], work: Path) -> Run:
    """One LibreOffice run converting ``documents``, with a fresh profile of its own."""
    profile, out = work / "profile", work / "pdf"
    shutil.rmtree(profile, ignore_errors=True)
    shutil.rmtree(out, ignore_errors=True)
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--convert-to", "pdf", "--outdir", str(out)]
    run = timed(command + [str(d) for d in documents])
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
    parser.add_argument("--runs", type=int, default=3, help="runs of each; the median is shown")
    parser.add_argument("--workers", type=int, help="DOCGEN_WORKERS for docgen (LibreOffice instances)")
    args = parser.parse_args()
    if not (shutil.which("soffice") or shutil.which("libreoffice")):
        raise SystemExit("没有找到 LibreOffice（soffice）")
    if args.workers:
        os.environ["DOCGEN_WORKERS"] = str(args.workers)
    _compile_docgen()
    ours, theirs = [], []
    with tempfile.TemporaryDirectory(prefix="docgen-bench-pdf-") as temp:
        work = Path(temp)
        inputs = repeated_inputs(work / "in", args.reports)
        for number in range(1, args.runs + 1):
            ours.append(docgen_pdf(inputs, work / "out"))
            if number == 1:  # the files docgen wrote, kept apart for LibreOffice alone
                (work / "docx").mkdir()
                documents = [Path(shutil.copy2(d, work / "docx")) for d in sorted((work / "out").glob("*.docx"))]
            theirs.append(one_libreoffice(documents, work / "lo"))
            print(
                f"第 {number} 次：docgen build --pdf {ours[-1].seconds:.2f} 秒，"
                f"LibreOffice 一次转换 {theirs[-1].seconds:.2f} 秒",
                flush=True,
            )
    return _verdict(args.reports, len(documents), _median(ours), _median(theirs))


def _verdict(reports: int, files: int, ours: Run, theirs: Run) -> int:
    print(f"{'':<28}{'秒':>8}{'CPU 秒':>9}{'峰值 MiB':>10}")
    for name, run in ((f"docgen build --pdf（{reports} 份）", ours), (f"LibreOffice 一次转换 {files} 个文件", theirs)):
        print(f"{name:<28}{run.seconds:>8.2f}{run.cpu_seconds:>9.2f}{run.peak_bytes / 2**20:>10.0f}")
    ratio = ours.seconds / theirs.seconds
    ok = ratio <= TARGET_RATIO
    print(f"docgen / LibreOffice = {ratio:.2f}（目标 ≤ {TARGET_RATIO}）—— {'达到' if ok else '未达到'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
