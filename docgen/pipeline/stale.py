"""Whether the ledger in an output folder is older than the inputs it was made from (told by ``build``,
which loads nothing of the ledger for it).

The ledger is made by ``docgen summary`` only; after a build with reports
added, changed or removed, a 问题清单 or 共性问题分析 lying in the output folder
would still show the old volume. A report removed changes no file's time,
only its folder's, so the folder counts as an input too.
"""

from __future__ import annotations

import os
from pathlib import Path

from ..core.findings import STALE_LEDGER, Finding
from ..core.model import Origin
from ..fs.filenames import ANALYSIS_FILE, LEDGER_FILE

_INPUT_SUFFIXES = (".yaml", ".yml", ".docx")  # reports, volume.yaml, categories.yaml, template.docx


def stale_ledger(inputs: Path, out: Path) -> list[Finding]:
    """A warning naming the ledger files in ``out`` older than anything in ``inputs``, and the command to refresh them."""
    try:
        made = {name: (out / name).stat().st_mtime for name in (LEDGER_FILE, ANALYSIS_FILE) if (out / name).is_file()}
        if not made:
            return []
        newest = _newest_input(inputs)
    except OSError:  # a folder that cannot be read was told about by the build itself
        return []
    stale = [name for name, when in made.items() if when < newest]
    if not stale:
        return []
    command = f"docgen summary --inputs {inputs} --out {out}"
    keep = f" --keep {out / LEDGER_FILE}" if LEDGER_FILE in stale else ""
    message = (
        f"{'、'.join(stale)}是按改动之前的输入生成的（此后有报告增删或修改），列出的问题可能已过时。"
        f"请运行 {command}{keep} 重新生成" + ("（--keep 把各单位已填写的内容带入新清单）" if keep else "")
    )
    return [Finding(STALE_LEDGER, Origin(out / stale[0]), message)]


def _newest_input(inputs: Path) -> float:
    newest = inputs.stat().st_mtime
    with os.scandir(inputs) as entries:
        for entry in entries:
            if entry.name.lower().endswith(_INPUT_SUFFIXES) and entry.is_file():
                newest = max(newest, entry.stat().st_mtime)
    return newest
