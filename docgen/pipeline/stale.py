"""Whether the ledger in an output folder was made from other inputs than this build's (told by ``build``,
which loads nothing of the ledger for it).

The ledger is made by ``docgen summary`` only; after a build with reports
added, changed or removed, a 问题清单 or 共性问题分析 lying in the output folder
would still show the old volume. A changed or added report is newer than the
ledger; a removed one changes no file, so the workbook records which units it
holds (``UNITS_PROPERTY``), and a build of other units finds it out of date.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from ..core.findings import STALE_LEDGER, Finding
from ..core.model import Origin
from ..core.unit_names import units_fingerprint
from ..fs.filenames import ANALYSIS_FILE, LEDGER_FILE, UNITS_PROPERTY
from ..fs.safe_zip import UNZIP_ERRORS, PartTooLarge, declares_doctype, read_capped

_INPUT_SUFFIXES = (".yaml", ".yml", ".docx")  # reports, volume.yaml, categories.yaml, template.docx
_CUSTOM_PART = "docProps/custom.xml"
_MAX_CUSTOM_BYTES = 64 * 1024
_PROPERTY = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}property"


def stale_ledger(inputs: Path, out: Path, units: list[str]) -> list[Finding]:
    """A warning naming the ledger files in ``out`` made from other inputs, and the command to refresh them."""
    try:
        made = {name: (out / name).stat().st_mtime for name in (LEDGER_FILE, ANALYSIS_FILE) if (out / name).is_file()}
        if not made:
            return []
        newest = _newest_input(inputs)
    except OSError:  # a folder that cannot be read was told about by the build itself
        return []
    stale = [name for name, when in made.items() if when < newest]
    if LEDGER_FILE in made and _recorded_units(out / LEDGER_FILE) not in (None, units_fingerprint(units)):
        stale = list(made)  # other units than this build's: both files, made together, show them
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
    return max(
        (path.stat().st_mtime for path in inputs.iterdir() if path.name.lower().endswith(_INPUT_SUFFIXES) and path.is_file()),
        default=0.0,
    )


def _recorded_units(ledger: Path) -> str | None:
    """The units the workbook records; None where it records none (an older docgen's, or not docgen's)."""
    try:
        with zipfile.ZipFile(ledger) as package:
            data = read_capped(package, package.getinfo(_CUSTOM_PART), _MAX_CUSTOM_BYTES)
        if declares_doctype(data):
            return None
        root = etree.fromstring(data, etree.XMLParser(resolve_entities=False, no_network=True))
    except (*UNZIP_ERRORS, PartTooLarge, KeyError, RuntimeError, etree.XMLSyntaxError):
        return None
    for prop in root.iter(_PROPERTY):
        if prop.get("name") == UNITS_PROPERTY and len(prop):
            return prop[0].text or ""
    return None
