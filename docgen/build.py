"""``docgen build``: inputs folder → each report's .docx and the volume.

Everything is rendered in memory first; only when all of it succeeded are the
files written, each through a temporary file and a rename. A failed build
leaves the last good outputs as they were.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .errors import InputError
from .fileio import atomic_write, unique_filenames
from .layout.paginate import start_pages
from .model import Origin, Volume
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


def build(
    inputs: Path, out: Path, progress: Progress = lambda done, total: None, pages: list[int] | None = None
) -> BuildResult:
    """Write every report and the volume; ``pages`` (where the reports start)
    replaces the layout model's in the 目录, as ``build --exact`` does."""
    loaded = load_inputs(inputs)
    volume = loaded.volume
    template = _template(inputs, volume)
    pages = pages or start_pages(volume)
    titles = volume.numbered_titles()
    volume_name, *report_names = unique_filenames(
        [volume.settings.series_title] + [r.unit for r in volume.reports], ".docx"
    )
    total = len(volume.reports) + 1
    files: list[tuple[Path, bytes]] = []
    for done, (report, title, name) in enumerate(zip(volume.reports, titles, report_names), 1):
        files.append((out / name, report_docx(report, title, template)))
        progress(done, total)
    files.append((out / volume_name, volume_docx(volume, pages, template)))
    progress(total, total)
    _write_all(files, out)
    return BuildResult(volume, out / volume_name, [p for p, _ in files[:-1]], pages, loaded.warnings)


def _template(inputs: Path, volume: Volume) -> Template:
    user_template = inputs / USER_TEMPLATE
    return Template(user_template if user_template.exists() else None, volume.settings.fonts)


def _write_all(files: list[tuple[Path, bytes]], out: Path) -> None:
    if out.exists() and not out.is_dir():
        raise InputError(f"输出位置“{out}”是一个文件，不是文件夹")
    for path, data in files:
        try:
            atomic_write(path, data)
        except OSError as exc:
            reason = exc.strerror or str(exc)
            raise InputError(f"无法写入输出文件：{reason}。文件是否正在 Word 中打开？", Origin(path)) from None
