"""``docgen build``: inputs folder → each report's .docx and the volume.

The reports are made a batch at a time (``report_batches``) by worker
processes where the machine has them (``workers``) while this process checks
the inputs; the volume follows, its 目录 paged from the reports' page counts.
Each file is written to a staging folder as soon as it is made (memory stays
flat however many reports there are); only when all of them are there are they
published together (``publish.Publication``). A failed or interrupted build
leaves the last good outputs as they were, and removes none of them; a
successful one removes the outputs of its own that it did not make again.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from ..checks import check_volume
from ..checks.pieces import volume_pieces
from ..checks.structure import find_starter_text
from ..core.model import Volume, VolumeSettings
from ..docx.properties import same_but_dated
from ..docx.template_fill import Template
from ..docx.volume import VolumeWriter
from ..errors import InputError, InternalError
from ..fs.filenames import ANALYSIS_FILE, LEDGER_FILE, USER_TEMPLATE, unique_filenames
from ..fs.folderlock import reading_lock
from ..fs.manifest import Derived
from ..fs.publish import Publication, everything
from ..inputs.yaml_reader import Inputs, load_inputs, load_settings
from ..layout.paginate import start_pages
from ..layout.words import load_segmenter
from ..parallel.workers import Workers, kept_from_the_collector
from .report_batches import Setup, make_batch, report_batches
from .result import BuildResult, Outputs, Progress
from .stale import stale_ledger

_BLOCK = 1 << 20
# From this many reports on, some titles surely need breaking between words (numbered titles past
# 二千 run long; among thousands of own titles some always do), and loading the segmenter once
# costs little against the build; below it, it is loaded only by a process that breaks a title.
_SURELY_BROKEN_TITLES = 2000


def publish_outputs(out: Path) -> Publication:
    """The publication of a build: it records its files and answers for all it recorded,
    but for the PDFs of Word files it writes again holding the same document."""
    return Publication(out, record=True, scope=everything, derived=_PDFS)


def _pdf_source(name: str) -> str | None:
    """The Word file a build's PDF is made from: 东湖社区.pdf ← 东湖社区.docx."""
    return name.removesuffix(".pdf") + ".docx" if name.endswith(".pdf") and "/" not in name else None


_PDFS = Derived(_pdf_source, same_but_dated)


def published(result: BuildResult, publication: Publication) -> BuildResult:
    """``result`` with what its (finished) publication removed and had to say of the folder."""
    return replace(result, removed=publication.removed, folder_notes=publication.notes)


def build(
    inputs: Path,
    out: Path,
    progress: Progress = lambda done, total: None,
    *,
    pdf: bool = False,
    verify: bool = False,
    exact: bool = False,
) -> BuildResult:
    """Write every report and the volume, the 目录 paged by the layout model.

    ``pdf``: PDFs of them all as well; ``verify``: lay the volume out with
    LibreOffice and raise ``InternalError`` (after publishing) where the 目录
    disagrees; ``exact``: write LibreOffice's pages into the 目录 instead.
    """
    entries = _entries_in(inputs)
    if entries >= _SURELY_BROKEN_TITLES:
        load_segmenter()  # before the workers fork: they share it
    # the workers start before the inputs are read: they hold nothing of them but what they are sent
    with publish_outputs(out) as publication, Workers(entries) as workers:
        with reading_lock(inputs, writing=out):  # a report saved meanwhile is read whole, before or after
            settings, settings_warnings = load_settings(inputs)  # read first: the template needs its fonts
            template = workers.call(prepared_template, _user_template(inputs), settings)  # made while the reports are read
            loaded = load_inputs(inputs, (settings, settings_warnings))
        with kept_from_the_collector():  # the inputs' model, read once for the whole build
            result = write_build(loaded, template(), publication, progress, workers)
            if pdf or verify or exact:
                result = _rendered(result, publication, pdf, verify, exact)
    result = published(result, publication)
    stale = stale_ledger(Path(inputs), Path(out), [report.unit for report in result.volume.reports])
    result = replace(result, warnings=[*result.warnings, *stale])
    if result.mismatches and not exact:
        from .render import mismatch_message

        raise InternalError(mismatch_message(result.mismatches))
    return result


def _rendered(result: BuildResult, publication: Publication, pdf: bool, verify: bool, exact: bool) -> BuildResult:
    from .render import render_outputs  # LibreOffice only when asked for

    outcome = render_outputs(result, publication, pdf=pdf, verify=verify, exact=exact)
    return replace(
        outcome.result, pdf_paths=outcome.pdf_paths, mismatches=outcome.mismatches, rendered=verify or exact
    )


def write_build(loaded: Inputs, template: Template, publication: Publication, progress: Progress, workers: Workers) -> BuildResult:
    """Every report and the volume into ``publication``: the reports made by ``workers``
    (``report_batches``) while this process checks the inputs, then the volume, its
    目录 paged from the reports' page counts and its reports streamed from disk."""
    volume = loaded.volume
    _refuse_starter_text(volume)
    setup = Setup.of(template, volume.settings, len(volume.reports), publication.stager() if workers.count > 1 else None)
    volume_writer = setup.writers()[1]
    volume_name, report_names = output_names(volume)
    batches = report_batches(volume, report_names, setup, publication.stager())
    made = workers.map(make_batch, batches)  # started now where there are workers
    findings = check_volume(volume)
    report_paths, report_pages, bodies, total = [], [], [], len(volume.reports) + 1
    for batch in made:
        report_paths += [publication.adopt(name, entry) for name, entry in batch.staged]
        report_pages += batch.pages
        bodies.append(batch.bodies)
        progress(len(report_paths), total)
    workers.release()  # the volume is written here, alone: the idle workers' memory given back first
    pages = start_pages(volume, report_pages)
    volume_path = publication.write_by(
        volume_name, lambda file: volume_writer.write(file, volume, pages, _read_parts(bodies))
    )
    progress(total, total)
    return BuildResult(volume, volume_path, report_paths, pages, loaded.warnings, template, findings=findings)


def output_names(volume: Volume) -> tuple[str, list[str]]:
    """The file names a build gives the volume and each report (.docx; a PDF takes the same stem)."""
    volume_name, *report_names = unique_filenames([volume.settings.series_title] + [r.unit for r in volume.reports], ".docx")
    return volume_name, report_names


def present_outputs(volume: Volume, out: Path) -> Outputs:
    """The files a build of ``volume`` and ``docgen summary`` leave in ``out``, those there now."""

    def there(name: str) -> Path | None:
        return out / name if (out / name).is_file() else None

    def pdf(name: str) -> Path | None:
        return there(str(Path(name).with_suffix(".pdf")))

    volume_name, report_names = output_names(volume)
    return Outputs(
        volume=there(volume_name),
        volume_pdf=pdf(volume_name),
        reports=[(report.unit, there(name), pdf(name)) for report, name in zip(volume.reports, report_names)],
        ledger=there(LEDGER_FILE),
        analysis=there(ANALYSIS_FILE),
    )


def _read_parts(paths: list[Path]) -> Iterator[bytes]:
    """The files ``paths`` in order, a block at a time, each removed once read."""
    for path in paths:
        with open(path, "rb") as file:
            yield from iter(lambda: file.read(_BLOCK), b"")
        path.unlink()


def _entries_in(folder: Path) -> int:
    """How many entries ``folder`` has: how much work a build of it may be, before reading it."""
    try:
        with os.scandir(folder) as entries:
            return sum(1 for _ in entries)
    except OSError:
        return 0  # told properly when the inputs are read


def _refuse_starter_text(volume: Volume) -> None:
    """A report still holding the text ``docgen new`` wrote was never filled in: it must not go out."""
    unfilled = find_starter_text(volume_pieces(volume))
    if unfilled:
        files = sorted({str(f.origin.path) for f in unfilled})
        more = f"（另有 {len(files) - 1} 个文件也是这样）" if len(files) > 1 else ""
        raise InputError(f"还是 docgen new 写的示例文字，没有改写：请填写后再生成{more}", unfilled[0].origin)


def report_template(inputs: Path, volume: Volume) -> Template:
    """The inputs folder's restyled template where it has one, else docgen's; with the volume's fonts."""
    return Template(_user_template(inputs), volume.settings.fonts)


def prepared_template(user_template: Path | None, settings: VolumeSettings) -> Template:
    """The template with ``settings``' fonts, rendered for the reports and for the volume."""
    template = Template(user_template, settings.fonts)
    if template.same_for_every_output:  # rendered once, here; a template with fields renders for each output
        VolumeWriter(settings, template)  # the volume's rendering
        template.rendered({})  # the reports'
    return template


def _user_template(inputs: Path) -> Path | None:
    """The restyled template in the inputs folder, where there is one."""
    path = inputs / USER_TEMPLATE
    return path if path.exists() else None
