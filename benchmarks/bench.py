"""Build speed and memory: the sample volume, then volumes of the samples repeated.

    python benchmarks/bench.py [--sizes 250 500 1000]

Each case runs `docgen build` in a child process of its own, so the peak
memory printed is that build's alone. Target on a 2-core machine: 1,000
reports under 20 s and 1 GiB, the time growing linearly with the count.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "inputs"
TARGET_SECONDS = 20.0
TARGET_BYTES = 1 << 30


def repeated_inputs(folder: Path, count: int) -> Path:
    """``count`` reports: the samples over and over, each under a unit name of its own."""
    folder.mkdir(parents=True)
    samples = sorted(p for p in SAMPLES.glob("*.yaml") if p.name != "volume.yaml")
    for i in range(count):
        source = samples[i % len(samples)]
        text = source.read_text(encoding="utf-8")
        unit = f"{source.stem}-{i + 1:04d}"
        text = text.replace(f"unit: {source.stem}", f"unit: {unit}", 1)
        (folder / f"{unit}.yaml").write_text(text, encoding="utf-8")
    return folder


def measure(inputs: Path, out: Path) -> tuple[float, int]:
    """Wall seconds and peak resident bytes of one build in a child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(
        [sys.executable, "-m", "docgen", "build", "--inputs", str(inputs), "--out", str(out)],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak_kib, before) * 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as temp:
        temp_path = Path(temp)
        rows.append(("样例（12 份）", 12, *measure(SAMPLES, temp_path / "out-sample")))
        for size in args.sizes:
            inputs = repeated_inputs(temp_path / f"in-{size}", size)
            rows.append((f"{size} 份", size, *measure(inputs, temp_path / f"out-{size}")))
            shutil.rmtree(inputs)
    print(f"{'规模':<12}{'耗时（秒）':>10}{'每份（毫秒）':>12}{'峰值内存（MiB）':>16}")
    for label, count, seconds, peak in rows:
        print(f"{label:<12}{seconds:>10.2f}{seconds / count * 1000:>12.1f}{peak / 2**20:>16.0f}")
    biggest = rows[-1]
    ok = biggest[2] < TARGET_SECONDS and biggest[3] < TARGET_BYTES
    print(f"目标：{biggest[1]} 份少于 {TARGET_SECONDS:.0f} 秒、{TARGET_BYTES >> 20} MiB —— {'达到' if ok else '未达到'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
