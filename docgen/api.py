"""docgen as a library: what the ``docgen`` command does, callable from a program.

Nothing here prints; each function returns what it made or found, and raises
a ``docgen.errors.DocgenError`` (with a Chinese message) when it cannot.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import TYPE_CHECKING

from .core.findings import Finding
from .core.model import Volume

if TYPE_CHECKING:
    from .importing.importer import ImportResult
    from .inputs.new_inputs import NewInputs
    from .inputs.yaml_reader import Inputs
    from .pipeline.result import BuildResult, Progress
    from .pipeline.summary import SummaryResult

# Each function imports the machinery of its command when called: `docgen check`
# loads no Word writer, `docgen build` no Word reader. The types of the results
# come from their commands' modules the same way, when first asked for (PEP 562).
_RESULT_TYPES = {
    "BuildResult": "pipeline.result",
    "Progress": "pipeline.result",
    "ImportResult": "importing.importer",
    "NewInputs": "inputs.new_inputs",
    "Inputs": "inputs.yaml_reader",
    "SummaryResult": "pipeline.summary",
}


def __getattr__(name: str):
    if name in _RESULT_TYPES:
        return getattr(importlib.import_module(f".{_RESULT_TYPES[name]}", __package__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "BuildResult",
    "Finding",
    "ImportResult",
    "Inputs",
    "NewInputs",
    "SummaryResult",
    "build",
    "check",
    "import_files",
    "init_inputs",
    "load",
    "new_report",
    "preview",
    "summary",
    "validate",
]


def load(inputs: Path | str) -> Volume:
    """The volume model of an inputs folder (reports in volume order, settings)."""
    return validate(inputs).volume


def validate(inputs: Path | str) -> Inputs:
    """What ``docgen validate`` reads: the volume (``.volume``) and the warnings reading it
    raised (``.warnings``); an ``InputError`` with validate's message where it fails."""
    from .inputs.yaml_reader import load_inputs

    return load_inputs(Path(inputs))


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


def preview(inputs: Path | str, out: Path | str, unit: str | None = None, dpi: int = 72) -> list[Path]:
    """What ``docgen preview`` writes: a PNG a page of the volume (or of the report of ``unit``),
    rendered by LibreOffice, in ``out``/preview. Needs LibreOffice (``EnvironmentProblem``)."""
    from .pipeline.preview import preview as _preview

    return _preview(Path(inputs), Path(out), unit, dpi)


def summary(inputs, out, previous=None, keep=None, force=False) -> SummaryResult:
    """Write 问题清单.xlsx and 共性问题分析.docx for the reports in ``inputs`` into ``out``.

    ``previous``: last year's inputs folder, to mark the problems raised again;
    ``keep``: an earlier 问题清单.xlsx whose filled-in columns are carried over;
    ``force``: replace a filled-in ledger in ``out`` without ``keep``.
    Returns a ``SummaryResult`` naming the files written (``.paths``); raises
    ``DocgenError`` with a Chinese message on bad input.
    """
    from .pipeline.summary import summary as write_summary

    return write_summary(inputs, out, previous=previous, keep=keep, force=force)
