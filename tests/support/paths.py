"""Where the tests find the repository's own files."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_INPUTS = ROOT / "inputs"
# The reference reports as the compiled volume printed them (tests/data/reference/README.md).
REFERENCE_REPORTS = ROOT / "tests" / "data" / "reference"
