"""Where LibreOffice breaks each line and starts each report, recorded as test data.

The layout model (``docgen.layout``) is tested against these files in every
run, without LibreOffice (tests/layout/test_recorded.py); LibreOffice is only
needed to record them again, after a change to the samples, the stress
volumes or the page layout:

    python -m tools.record_layout

renders the sample volume and every stress volume in one LibreOffice run and
rewrites tests/data/layout/<volume>.json. tests/office/test_pages.py checks,
where LibreOffice is installed, that the recorded files still hold what it
renders.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from docgen.core.model import Volume
from docgen.inputs.yaml_reader import load_inputs
from docgen.office.pdftext import Page, read_pages
from docgen.office.soffice import find_soffice
from docgen.office.verify import rendered_start_pages
from docgen.pipeline.build import build
from support import stress
from tools.compare_layout import Position, rendered_lines

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data" / "layout"
VOLUMES = ["sample", *stress.VOLUMES]

REFRESH = "python -m tools.record_layout"


def write_inputs(name: str, folder: Path) -> Path:
    """The inputs of volume ``name`` (the samples or a stress volume) in ``folder``."""
    if name == "sample":
        shutil.copytree(ROOT / "inputs", folder)
        return folder
    return stress.write_inputs(stress.VOLUMES[name](), folder)


def load_volume(name: str, work: Path) -> Volume:
    return load_inputs(write_inputs(name, work / name)).volume


def recorded(name: str) -> dict:
    """The recorded layout of volume ``name``: its report titles, the page each
    starts on, and every printed line from the first title on."""
    return json.loads((DATA / f"{name}.json").read_text(encoding="utf-8"))


def recorded_lines(record: dict) -> list[tuple[Position, str]]:
    return [((page, line), text) for page, line, text in record["lines"]]


def record_of(volume: Volume, pages: list[Page]) -> dict:
    titles = volume.numbered_titles()
    return {
        "titles": titles,
        "start_pages": rendered_start_pages(pages, titles),
        "lines": [[page, line, text] for (page, line), text in rendered_lines(pages, titles[0])],
    }


def dump(record: dict, renderer: str) -> str:
    """JSON with one printed line a row, so that a refresh shows as a readable diff."""
    head = {"renderer": renderer, "titles": record["titles"], "start_pages": record["start_pages"]}
    rows = ",\n".join("    " + json.dumps(row, ensure_ascii=False) for row in record["lines"])
    text = json.dumps(head, ensure_ascii=False, indent=2)
    return text[: text.rindex("}")].rstrip() + ',\n  "lines": [\n' + rows + "\n  ]\n}\n"


def renderer_version() -> str:
    soffice = find_soffice()
    done = subprocess.run([str(soffice), "--version"], capture_output=True, text=True, timeout=120)
    return done.stdout.strip() or "LibreOffice"


def render_all(work: Path) -> dict[str, dict]:
    """Every volume built and rendered in one LibreOffice run: name → record."""
    from support.renderer import convert_named

    builds = {name: build(write_inputs(name, work / "inputs" / name), work / "outputs" / name) for name in VOLUMES}
    pdfs = convert_named({name: result.volume_path for name, result in builds.items()}, work / "pdf")
    return {name: record_of(builds[name].volume, read_pages(pdfs[name])) for name in VOLUMES}


def main() -> int:
    if find_soffice() is None:
        print("LibreOffice (soffice) is needed to record the layout data.", file=sys.stderr)
        return 1
    version = renderer_version()
    DATA.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="docgen-layout-") as work:
        for name, record in render_all(Path(work)).items():
            (DATA / f"{name}.json").write_text(dump(record, version), encoding="utf-8")
            print(f"{name}: {len(record['titles'])} reports, {len(record['lines'])} lines")
    return 0
