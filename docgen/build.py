"""``docgen build``: inputs folder → each report's .docx and the volume.

Everything is rendered in memory first; only when all of it succeeded are the
files written, each through a temporary file and a rename. A failed build
leaves the last good outputs as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Callable

from .fileio import unique_filenames, write_outputs
from .layout.paginate import start_pages
from .model import Volume
from .readers.yaml_reader import load_inputs
from .writers.docx_template import Template
from .writers.report import report_docx
from .writers.volume import volume_docx

USER_TEMPLATE = "template.docx"  # a restyled template in the inputs folder takes precedence

Progress = Callable[[int, int], None]


@dataclass
class BuildResult:
    volume: Volume
    volume_path: Path
    report_paths: list[Path]
    start_pages: list[int]
    warnings: list[str] = field(default_factory=list)
    template: Template | None = field(default=None, repr=False)


def build(inputs: Path, out: Path, progress: Progress = lambda done, total: None) -> BuildResult:
    """Write every report and the volume, the 目录 paged by the layout model."""
    loaded = load_inputs(inputs)
    volume = loaded.volume
    template = report_template(inputs, volume)
    pages = start_pages(volume)
    titles = volume.numbered_titles()
    volume_name, *report_names = unique_filenames(
        [volume.settings.series_title] + [r.unit for r in volume.reports], ".docx"
    )
    total = len(volume.reports) + 1
    files: list[tuple[Path, bytes]] = []
    for done, (report, title, name) in enumerate(zip(volume.reports, titles, report_names), 1):
        files.append((out / name, report_docx(report, title, template, volume.settings.cover, volume.settings.show_unit)))
        progress(done, total)
    files.append((out / volume_name, volume_docx(volume, pages, template)))
    progress(total, total)
    write_outputs(files)
    return BuildResult(volume, out / volume_name, [p for p, _ in files[:-1]], pages, loaded.warnings, template)


def rewrite_volume(result: BuildResult, pages: list[int]) -> BuildResult:
    """The volume of ``result`` written again with ``pages`` in its 目录 (``build --exact``)."""
    write_outputs([(result.volume_path, volume_docx(result.volume, pages, result.template))])
    return replace(result, start_pages=pages)


def report_template(inputs: Path, volume: Volume) -> Template:
    """The inputs folder's restyled template where it has one, else docgen's; with the volume's fonts."""
    user_template = inputs / USER_TEMPLATE
    return Template(user_template if user_template.exists() else None, volume.settings.fonts)
