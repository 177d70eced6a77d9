"""Reading the files of docgen summary back as a user sees them."""

from __future__ import annotations

from pathlib import Path

import yaml
from openpyxl import load_workbook

LEDGER = "问题清单.xlsx"
ANALYSIS = "共性问题分析.docx"
HEADER_ROW = 2


def ledger_rows(path: Path) -> list[dict[str, object]]:
    """The ledger's rows below its header, each as {column heading: value}."""
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row)) for row in rows[1:]]


def sample_problems(inputs: Path) -> list[tuple[str, str]]:
    """(unit, title) of every item under a heading naming 问题 or 不足, read from the YAML itself, in volume order."""
    order = yaml.safe_load((inputs / "volume.yaml").read_text(encoding="utf-8"))["order"]
    by_unit = {}
    for path in inputs.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name != "volume.yaml":
            by_unit[data["unit"]] = [
                (data["unit"], item["title"].strip())
                for section in data["sections"]
                if "问题" in section["heading"] or "不足" in section["heading"]
                for item in section.get("items", [])
            ]
    return [problem for unit in order for problem in by_unit[unit]]
