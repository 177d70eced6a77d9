"""Build time and peak memory at 100 to 12,000 reports, side by side with pandoc.

    python benchmarks/bench.py [--sizes 100 1000 5000] [--with-12000] [--runs 3] [--no-pandoc]

The inputs are the sample reports over and over, each under a unit name of
its own. Each build runs in a child process of its own, so the peak memory
shown is that build's alone; times are the median of ``--runs`` runs.

pandoc, where installed, gets the same content as one Markdown file (every
report's title, headings and paragraphs, composed by docgen's own model) and
writes one .docx with ``--toc``: a bare TOC field that Word fills in when the
file is opened, where docgen writes 1,001 files and a 目录 with its pages.

Targets (issue 15), on a 2-core machine: faster than pandoc at 1,000
reports; time per report flat from 100 to 5,000; under 300 MiB at 12,000.
CPU time (user + system) is shown beside the wall time: on a shared machine
it says what a run costs, where the wall time says how busy the machine was.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "inputs"
TARGET_PEAK_BYTES = 300 << 20


@dataclass
class Run:
    seconds: float
    peak_bytes: int
    cpu_seconds: float = 0.0  # user + system: what the run costs whatever else the machine is doing


def repeated_inputs(folder: Path, count: int) -> Path:
    """``count`` reports: the samples over and over, each under a unit name of its own."""
    folder.mkdir(parents=True)
    samples = sorted(p for p in SAMPLES.glob("*.yaml") if p.name != "volume.yaml")
    for i in range(count):
        source = samples[i % len(samples)]
        text = source.read_text(encoding="utf-8")
        unit = f"{source.stem}-{i + 1:05d}"
        text = text.replace(f"unit: {source.stem}", f"unit: {unit}", 1)
        (folder / f"{unit}.yaml").write_text(text, encoding="utf-8")
    return folder


def timed(command: list[str]) -> Run:
    """Wall time and peak memory of ``command``, run to its end.

    The peak is that of the whole process tree (docgen's worker processes with
    it): the most its processes' proportional set sizes added up to, sampled
    every 50 ms (Linux); elsewhere the largest process's peak resident size."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    sampler = _TreeMemory(child.pid)
    sampler.start()
    _, status, usage = os.wait4(child.pid, 0)
    seconds = time.perf_counter() - start
    sampler.stop()
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode("utf-8", "replace")
    child.stderr.close()
    if child.returncode:
        raise SystemExit(f"{command[0]} failed ({child.returncode}):\n{errors[-2000:]}")
    peak = max(sampler.peak, usage.ru_maxrss * 1024)
    return Run(seconds, peak, usage.ru_utime + usage.ru_stime)


class _TreeMemory(threading.Thread):
    """The peak of a process tree's memory: its processes' PSS added up, sampled."""

    def __init__(self, pid: int):
        super().__init__(daemon=True)
        self.pid, self.peak, self._done = pid, 0, threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.05):
            self.peak = max(self.peak, _tree_pss(self.pid))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree_pss(pid: int) -> int:
    total, pending = 0, [pid]
    while pending:
        process = pending.pop()
        try:
            with open(f"/proc/{process}/smaps_rollup") as rollup:
                total += next(int(line.split()[1]) * 1024 for line in rollup if line.startswith("Pss:"))
            for task in os.listdir(f"/proc/{process}/task"):
                with open(f"/proc/{process}/task/{task}/children") as children:
                    pending += [int(c) for c in children.read().split()]
        except (OSError, StopIteration):  # gone meanwhile, or not Linux
            continue
    return total


def median_of(runs: int, command: list[str], before=lambda: None) -> Run:
    results = []
    for _ in range(runs):
        before()
        results.append(timed(command))
    return Run(
        statistics.median(r.seconds for r in results),
        statistics.median(r.peak_bytes for r in results),
        statistics.median(r.cpu_seconds for r in results),
    )


def docgen_build(inputs: Path, out: Path, runs: int) -> Run:
    command = [sys.executable, "-m", "docgen", "build", "--inputs", str(inputs), "--out", str(out)]
    return median_of(runs, command, before=lambda: shutil.rmtree(out, ignore_errors=True))


def markdown_of(inputs: Path) -> str:
    """The volume as Markdown: each report's paragraphs as docgen composes them,
    titles as level-1 and 一、 headings as level-2 headings, the rest as paragraphs."""
    from docgen.inputs.yaml_reader import load_inputs
    from docgen.layout import compose

    volume = load_inputs(inputs).volume
    heading_marks = {compose.TITLE: "# ", compose.HEADING1: "## "}
    blocks = []
    for report, title in zip(volume.reports, volume.numbered_titles()):
        for paragraph in compose.report_paragraphs(report, title):
            text = paragraph.text.replace(compose.LINE_BREAK, " ")
            if text:
                blocks.append(heading_marks.get(paragraph.role, "") + _escaped(text))
    return "\n\n".join(blocks) + "\n"


def _escaped(text: str) -> str:
    """Text that Markdown reads literally (a leading ``1.`` is not a list)."""
    return "".join("\\" + char if char in "\\`*_[]#<>|." else char for char in text)


def pandoc_build(inputs: Path, work: Path, runs: int) -> Run:
    source = work / "volume.md"
    source.write_text(markdown_of(inputs), encoding="utf-8")
    command = ["pandoc", "--toc", "-f", "markdown", "-o", str(work / "volume.docx"), str(source)]
    return median_of(runs, command)


def _compile_docgen() -> None:
    """docgen's modules compiled to bytecode, as on a user's machine after the first run
    (where PYTHONDONTWRITEBYTECODE is set, each build would otherwise compile them again)."""
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "docgen")], check=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--with-12000", action="store_true", help="also 12,000 reports (several minutes)")
    parser.add_argument("--runs", type=int, default=3, help="runs per case; the median is shown")
    parser.add_argument("--no-pandoc", action="store_true")
    args = parser.parse_args()
    sizes = args.sizes + ([12000] if args.with_12000 else [])
    pandoc = shutil.which("pandoc") and not args.no_pandoc
    _compile_docgen()
    print(
        f"{'报告份数':>8}{'docgen 秒':>11}{'CPU 秒':>9}{'每份毫秒':>10}{'峰值 MiB':>10}"
        + (f"{'pandoc 秒':>11}{'CPU 秒':>9}{'峰值 MiB':>10}" if pandoc else "")
    )
    rows = []
    with tempfile.TemporaryDirectory(prefix="docgen-bench-") as temp:
        work = Path(temp)
        for size in sizes:
            inputs = repeated_inputs(work / f"in-{size}", size)
            ours = docgen_build(inputs, work / f"out-{size}", args.runs)
            theirs = pandoc_build(inputs, work, args.runs) if pandoc else None
            rows.append((size, ours, theirs))
            line = f"{size:>8}{ours.seconds:>11.2f}{ours.cpu_seconds:>9.2f}{ours.seconds / size * 1000:>10.2f}"
            line += f"{ours.peak_bytes / 2**20:>10.0f}"
            if theirs:
                line += f"{theirs.seconds:>11.2f}{theirs.cpu_seconds:>9.2f}{theirs.peak_bytes / 2**20:>10.0f}"
            print(line, flush=True)
            shutil.rmtree(inputs)
            shutil.rmtree(work / f"out-{size}")
    return _verdict(rows)


def _verdict(rows) -> int:
    ok = True
    # Linear: each further report costs no more in a larger volume. Compared by CPU time
    # (the machine may be shared) and by the cost of the reports added from one size to
    # the next, so that the fixed start-up does not count as a cost a report.
    for (small, fewer, _), (large, more, _) in zip(rows, rows[1:]):
        added = (more.cpu_seconds - fewer.cpu_seconds) / (large - small) * 1000
        print(f"{small} → {large} 份：每多一份 CPU {added:.2f} 毫秒")
    for size, ours, theirs in rows:
        if size == 1000 and theirs:
            faster = ours.seconds < theirs.seconds
            ok &= faster
            print(
                f"1000 份：docgen {ours.seconds:.2f} 秒（CPU {ours.cpu_seconds:.2f}），"
                f"pandoc --toc {theirs.seconds:.2f} 秒（CPU {theirs.cpu_seconds:.2f}）—— {'更快' if faster else '更慢'}"
            )
        if size >= 12000:
            low = ours.peak_bytes < TARGET_PEAK_BYTES
            ok &= low
            print(f"{size} 份峰值内存 {ours.peak_bytes / 2**20:.0f} MiB（目标 < 300 MiB）—— {'达到' if low else '未达到'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
