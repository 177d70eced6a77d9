"""docgen as a library: what the ``docgen`` command does, callable from a program.

Nothing here prints; each function returns what it made or found, and raises
a ``docgen.errors.DocgenError`` (with a Chinese message) when it cannot.
"""

from __future__ import annotations

import datetime
import importlib
from pathlib import Path
from typing import TYPE_CHECKING

# The model, errors and choices a program editing reports needs (docgen.workbench), in one place.
from .core.findings import Finding, said  # noqa: F401  (said: a Finding as a person reads it)
from .core.model import Cover, Item, Month, Report, Section, Signature, Volume, VolumeSettings  # noqa: F401
from .core.numbering import DATE_STYLES, DEFAULT_ITEM_STYLE, ITEM_STYLES, chinese_date, item_number, section_number  # noqa: F401
from .core.schema import DEFAULT_FONTS, FONT_USES, TITLE_MODES  # noqa: F401
from .errors import DocgenError, EnvironmentProblem, InputError  # noqa: F401

if TYPE_CHECKING:
    from .importing.importer import ImportResult
    from .inputs.edits import Opened, Saved
    from .inputs.new_inputs import NewInputs
    from .inputs.yaml_reader import Inputs
    from .layout.pages import Page
    from .pipeline.result import BuildResult, Outputs, Progress
    from .pipeline.summary import SummaryResult

# Each function imports the machinery of its command when called: `docgen check`
# loads no Word writer, `docgen build` no Word reader. The types of the results
# (and the constants of a command) come from their modules the same way, when
# first asked for (PEP 562).
_LAZY = {
    "BuildResult": "pipeline.result",
    "Outputs": "pipeline.result",
    "Progress": "pipeline.result",
    "ImportResult": "importing.importer",
    "NewInputs": "inputs.new_inputs",
    "Inputs": "inputs.yaml_reader",
    "SummaryResult": "pipeline.summary",
    "Opened": "inputs.edits",
    "Saved": "inputs.edits",
    "ChangedOnDisk": "inputs.edits",
    "MISSING": "inputs.edits",
    "Page": "layout.pages",
    "Line": "layout.pages",
    "IMPORTABLE": "importing.dispatch",  # the suffixes import reads
    "safe_filename": "fs.filenames",
    "KIND_NAMES": "checks.findings",  # a check finding's kind in Chinese
}
_RENAMED = {"MAX_IMPORT_BYTES": ("fs.safe_zip", "MAX_DOCX_BYTES")}  # the largest file import reads


def __getattr__(name: str):
    if name in _LAZY:
        return getattr(importlib.import_module(f".{_LAZY[name]}", __package__), name)
    if name in _RENAMED:
        module, inner = _RENAMED[name]
        return getattr(importlib.import_module(f".{module}", __package__), inner)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BuildResult",
    "Finding",
    "ImportResult",
    "NewInputs",
    "build",
    "can_render",
    "check",
    "import_files",
    "init_inputs",
    "load",
    "new_report",
    "open_report",
    "open_settings",
    "outputs",
    "preview",
    "preview_images",
    "report_files",
    "report_pages",
    "report_text",
    "save_report",
    "save_report_text",
    "save_settings",
    "set_order",
    "start_pages",
    "summary",
    "validate",
    "volume_pages",
    "written_date",
]


def load(inputs: Path | str) -> Volume:
    """The volume model of an inputs folder (reports in volume order, settings)."""
    from .inputs.yaml_reader import load_inputs

    return load_inputs(Path(inputs)).volume


def build(
    inputs: Path | str,
    out: Path | str,
    *,
    pdf: bool = False,
    verify: bool = False,
    exact: bool = False,
    progress: Progress | None = None,
) -> BuildResult:
    """Every report's .docx and the volume in ``out``; the result names each file
    written (``files``), the 目录 pages (``start_pages``), the input warnings
    (``warnings``) and the check findings (``findings``), both ``Finding``s. ``pdf``/``verify``/``exact`` need LibreOffice."""
    from .pipeline.build import build as _build

    progress = progress or (lambda done, total: None)
    return _build(Path(inputs), Path(out), progress, pdf=pdf, verify=verify, exact=exact)


def import_files(files: list[Path | str], out: Path | str, *, force: bool = False) -> ImportResult:
    """Word, WPS or text reports (or folders of them) → YAML inputs in ``out``; the result's
    ``warnings`` are what reading them noticed and what was guessed, as ``Finding``s."""
    from .importing.importer import import_files as _import_files

    return _import_files([Path(f) for f in files], Path(out), force=force)


def init_inputs(folder: Path | str, *, force: bool = False) -> NewInputs:
    """A new inputs folder: ``folder`` made, with a volume.yaml explaining every
    setting at its default, and no reports. A folder already holding files is
    refused unless ``force`` (then only volume.yaml is written)."""
    from .inputs.new_inputs import init_inputs as _init_inputs

    return _init_inputs(Path(folder), force=force)


def new_report(inputs: Path | str, unit: str) -> Path:
    """Write the commented starter report for ``unit`` into ``inputs``; its path. A file
    of that name already there is left alone (``InputError``)."""
    from .inputs.new_report import new_report as _new_report

    return _new_report(Path(inputs), unit)


def check(inputs: Path | str | Volume) -> list[Finding]:
    """What ``docgen check`` finds in the reports of ``inputs`` (or of a volume loaded
    already), in reading order. The warnings reading the files raised are ``validate``'s:
    ``docgen check`` is ``validate`` (its warnings printed) and then this, on its volume."""
    from .checks import check_volume

    return check_volume(inputs if isinstance(inputs, Volume) else load(inputs))


def validate(inputs: Path | str) -> Inputs:
    """What ``docgen validate`` reads: the volume (``.volume``) and the warnings reading it
    raised (``.warnings``); an ``InputError`` with validate's message where it fails."""
    from .inputs.yaml_reader import load_inputs

    return load_inputs(Path(inputs))


def report_files(inputs: Path | str) -> list[Path]:
    """The report files of an inputs folder, by file name (whether they read or not)."""
    from .inputs.edits import report_files as _report_files

    return _report_files(Path(inputs))


def open_report(inputs: Path | str, name: str) -> Opened:
    """The report file ``name`` of ``inputs`` read for editing: ``.model`` (a ``Report``),
    ``.warnings``, and ``.version``, which ``save_report`` needs."""
    from .inputs.edits import open_report as _open_report

    return _open_report(Path(inputs), name)


def save_report(inputs: Path | str, name: str, report: Report, version: str) -> Saved:
    """Write ``report`` into the report file ``name`` as import and ``new`` write reports
    (the file's opening comment lines kept). Refused with ``ChangedOnDisk`` where the file
    is no longer ``version`` (changed elsewhere since it was opened), and with the
    ``InputError`` of ``validate`` where the folder would not validate; then nothing is written."""
    from .inputs.edits import save_report as _save_report

    return _save_report(Path(inputs), name, report, version)


def report_text(inputs: Path | str, name: str) -> tuple[str, str]:
    """The text of the report file ``name`` and its version, for mending a file a form cannot show."""
    from .inputs.edits import read_report_text

    return read_report_text(Path(inputs), name)


def save_report_text(inputs: Path | str, name: str, text: str, version: str) -> Saved:
    """Write ``text`` as it is into the report file ``name``; refused as ``save_report`` refuses."""
    from .inputs.edits import save_report_text as _save_report_text

    return _save_report_text(Path(inputs), name, text, version)


def open_settings(inputs: Path | str) -> Opened:
    """volume.yaml read for editing (``.model``: ``VolumeSettings``; the defaults where there is none)."""
    from .inputs.edits import open_settings as _open_settings

    return _open_settings(Path(inputs))


def save_settings(inputs: Path | str, settings: VolumeSettings, version: str) -> Saved:
    """Write volume.yaml, refused as ``save_report`` refuses."""
    from .inputs.edits import save_settings as _save_settings

    return _save_settings(Path(inputs), settings, version)


def set_order(inputs: Path | str, units: list[str]) -> Saved:
    """Write ``units`` as volume.yaml's ``order``, every other setting as it is."""
    from .inputs.edits import set_order as _set_order

    return _set_order(Path(inputs), units)


def written_date(text: str, what: str, *, month_allowed: bool = False) -> datetime.date | Month:
    """A date as a report file's reader takes one (2026年11月20日, 2026.11.20, 二〇二六年十一月二十日 …;
    a ``Month`` where ``month_allowed`` and no day is written, as on a cover); an
    ``InputError`` with the reader's message (``what`` names the field) where it is none."""
    from .inputs.yaml_values import written_date as _written_date

    return _written_date(text.strip(), what, month_allowed)[0]


def start_pages(volume: Volume) -> list[int]:
    """The page the 目录 gives each report, by the page model (as ``build`` writes it), without building."""
    from .layout.paginate import start_pages as _start_pages

    return _start_pages(volume)


def volume_pages(volume: Volume) -> list[Page]:
    """The volume's pages as the page model lays them out, line by line: cover, 目录 (with its numbers), reports."""
    from .layout.pages import volume_pages as _volume_pages

    return _volume_pages(volume)


def report_pages(volume: Volume, unit: str) -> list[Page]:
    """The pages of the report of ``unit`` as its own .docx prints them, by the page model."""
    from .layout.pages import report_pages as _report_pages

    position = _position(volume, unit)
    return _report_pages(volume.reports[position], volume.numbered_titles()[position], volume.settings.show_unit)


def preview(inputs: Path | str, out: Path | str, unit: str | None = None, dpi: int = 72) -> list[Path]:
    """What ``docgen preview`` writes: a PNG a page of the volume (or of the report of ``unit``),
    rendered by LibreOffice, in ``out``/preview. Needs LibreOffice (``EnvironmentProblem``)."""
    from .pipeline.preview import preview as _preview

    return _preview(Path(inputs), Path(out), unit, dpi)


def can_render() -> bool:
    """Whether LibreOffice is installed: PDFs and page pictures can be made."""
    from .office.soffice import find_soffice

    return find_soffice() is not None


def preview_images(volume: Volume, out: Path | str, unit: str | None = None) -> list[Path]:
    """The page pictures ``preview`` left in ``out`` for the volume (or the report of ``unit``)."""
    from .pipeline.build import output_names
    from .pipeline.preview import preview_images as _preview_images

    volume_name, report_names = output_names(volume)
    name = volume_name if unit is None else report_names[_position(volume, unit)]
    return _preview_images(Path(out), Path(name).stem)


def outputs(volume: Volume, out: Path | str) -> Outputs:
    """The files ``build`` and ``summary`` make of ``volume`` that are in ``out`` now."""
    from .pipeline.build import present_outputs

    return present_outputs(volume, Path(out))


def _position(volume: Volume, unit: str) -> int:
    units = [report.unit for report in volume.reports]
    if unit not in units:
        raise InputError(f"没有单位名称为“{unit}”的报告")
    return units.index(unit)


def summary(inputs, out, previous=None, keep=None, force=False, pdf=False) -> SummaryResult:
    """Write 问题清单.xlsx and 共性问题分析.docx for the reports in ``inputs`` into ``out``.

    ``previous``: last year's inputs folder, to mark the problems raised again
    (without it, the folder ``keep``'s ledger was compared with);
    ``keep``: an earlier 问题清单.xlsx whose filled-in columns are carried over;
    ``force``: replace a filled-in ledger in ``out`` without ``keep``;
    ``pdf``: PDFs of both as well (LibreOffice, docgen's font stand-ins).
    Returns a ``SummaryResult`` naming the files written (``.paths``); raises
    ``DocgenError`` with a Chinese message on bad input.
    """
    from .pipeline.summary import summary as write_summary

    return write_summary(inputs, out, previous=previous, keep=keep, force=force, pdf=pdf)
