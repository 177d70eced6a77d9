"""Finding shared problems among many problems: time and memory, growing with the problems, not their pairs.

    python benchmarks/grouping.py [--sizes 2000 10000]

Each case makes distinct problem titles of two clauses, each clause taken
from the labelled problems (tests/data/ledger) at random with a fixed seed,
so many titles are alike, and groups them in a child process, which reports
its time and peak memory (the whole process). Target on a 2-core machine:
10,000 titles in under a minute and 500 MB.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TARGET_SECONDS, TARGET_MB = 60.0, 500
_CHILD = """
import json, random, resource, sys, time
sys.path.insert(0, {tests!r})
from support.labelled_problems import labelled_volumes
from docgen.ledger.grouping import shared_problems
from docgen.ledger.model import Problem
clauses = [p.title.rstrip("。").split("，")[0] for v in labelled_volumes() for p in v.problems]
chosen = random.Random(1)
problems = [Problem(f"社区{{i // 3}}", f"{{chosen.choice(clauses)}}，{{chosen.choice(clauses)}}。", "") for i in range({size})]
start = time.perf_counter()
groups = shared_problems(problems)
print(json.dumps({{"seconds": time.perf_counter() - start, "groups": len(groups),
                  "mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024}}))
"""


def measure(size: int) -> dict:
    code = _CHILD.format(tests=str(ROOT / "tests"), size=size)
    finished = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True, cwd=ROOT)
    return json.loads(finished.stdout)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[2000, 10000])
    args = parser.parse_args()
    print(f"{'问题条数':<10}{'耗时（秒）':>10}{'内存（MB）':>10}{'共性问题':>8}")
    rows = [(size, measure(size)) for size in args.sizes]
    for size, found in rows:
        print(f"{size:<12}{found['seconds']:>10.1f}{found['mb']:>12}{found['groups']:>10}")
    size, found = rows[-1]
    ok = found["seconds"] < TARGET_SECONDS and found["mb"] < TARGET_MB
    print(f"目标：{size} 条少于 {TARGET_SECONDS:.0f} 秒、{TARGET_MB} MB —— {'达到' if ok else '未达到'}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
