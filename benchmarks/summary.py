"""`docgen summary` speed: the problem ledger and analysis of 1,000 reports.

    python benchmarks/summary.py [--sizes 250 500 1000]

The samples are repeated as in bench.py, each copy's item titles marked with
its number (the grouping reads no numbers, so each wording's copies are alike
and join one group of 1,000 units). Each case
runs `docgen summary --previous` (last year: the same folder) in a child
process. Target on a 2-core machine: 1,000 reports in under 10 s.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench import repeated_inputs  # noqa: E402 - the sibling script, not a package

TARGET_SECONDS = 10.0
_TITLE = re.compile(r"^(\s*- title: )(.*?)(。?)$", re.MULTILINE)


def distinct_wordings(folder: Path) -> None:
    """Mark every item title of each report with the report's number: 党员管理有待进一步规范（0042）。"""
    for path in folder.glob("*.yaml"):
        number = path.stem.rsplit("-", 1)[-1]
        text = path.read_text(encoding="utf-8")
        path.write_text(_TITLE.sub(lambda m: f"{m[1]}{m[2]}（{number}）{m[3]}", text), encoding="utf-8")  # noqa: B023 - used at once


def measure(inputs: Path, out: Path) -> float:
    start = time.perf_counter()
    command = [sys.executable, "-m", "docgen", "summary", "--inputs", str(inputs), "--out", str(out), "--previous", str(inputs)]
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 500, 1000])
    args = parser.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as temp:
        for size in args.sizes:
            inputs = repeated_inputs(Path(temp) / f"in-{size}", size)
            distinct_wordings(inputs)
            rows.append((size, measure(inputs, Path(temp) / f"out-{size}")))
    print(f"{'规模':<12}{'耗时（秒）':>10}{'每份（毫秒）':>12}")
    for size, seconds in rows:
        print(f"{f'{size} 份':<12}{seconds:>10.2f}{seconds / size * 1000:>12.1f}")
    size, seconds = rows[-1]
    ok = seconds < TARGET_SECONDS
    print(f"目标：{size} 份少于 {TARGET_SECONDS:.0f} 秒 —— {'达到' if ok else '未达到'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
