"""What the pages show of the folders, read afresh for every page through ``docgen.api``:
the volume (or, where the inputs do not validate, each report file on its own),
its 目录 pages, the check's findings, and where on a report's form each finding goes."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from .. import api


@dataclass
class ReportRow:
    name: str  # the report's file name in the inputs folder
    unit: str
    title: str  # as the 目录 prints it
    page: int | None  # the page the 目录 gives it
    findings: int  # what docgen check finds in it
    error: str = ""  # why the file cannot be read


@dataclass
class VolumeView:
    volume: api.Volume | None  # None where the inputs do not validate
    rows: list[ReportRow]
    warnings: list[api.Finding] = field(default_factory=list)
    findings: list[api.Finding] = field(default_factory=list)
    error: str = ""  # validate's message
    empty: bool = False  # no report files at all


def volume_view(inputs: Path) -> VolumeView:
    """The inputs folder as ``docgen validate`` and ``docgen check`` see it."""
    files = api.report_files(inputs)
    if not files:
        return VolumeView(None, [], empty=True)
    try:
        loaded = api.validate(inputs)
    except api.InputError as error:
        return VolumeView(None, [_file_row(inputs, path) for path in files], error=str(error))
    volume = loaded.volume
    findings = api.check(volume)
    counts: dict[Path | None, int] = {}
    for finding in findings:
        counts[finding.origin.path] = counts.get(finding.origin.path, 0) + 1
    rows = [
        ReportRow(report.origin.path.name, report.unit, title, page, counts.get(report.origin.path, 0))
        for report, title, page in zip(volume.reports, volume.numbered_titles(), api.start_pages(volume))
    ]
    return VolumeView(volume, rows, loaded.warnings, findings)


def _file_row(inputs: Path, path: Path) -> ReportRow:
    try:
        report = api.open_report(inputs, path.name).model
    except api.InputError as error:
        return ReportRow(path.name, path.stem, "", None, 0, error=str(error))
    return ReportRow(path.name, report.unit, report.title, None, 0)


def report_findings(view: VolumeView, report: api.Report) -> list[api.Finding]:
    """docgen check's findings in ``report``: over the whole volume where it validates (repeats
    between reports are found), else over this report alone."""
    findings = view.findings if view.volume is not None else api.check(api.Volume(api.VolumeSettings(), [report]))
    return [finding for finding in findings if finding.origin.path == report.origin.path]


def placed_findings(report: api.Report, findings: list[api.Finding]) -> dict[str, list[api.Finding]]:
    """Each finding under the form field of the text it is in (``title``, ``s2.i3.text`` …;
    the keys ``forms`` gives sections and items); under "" where no field holds its line."""
    fields = _fields_by_line(report)
    placed: dict[str, list[api.Finding]] = {}
    for finding in findings:
        placed.setdefault(fields.get(finding.origin.line or 0, ""), []).append(finding)
    return placed


def _fields_by_line(report: api.Report) -> dict[int, str]:
    fields: dict[int, str] = {}

    def put(origins, key: str) -> None:
        for origin in origins:
            if origin.line:
                fields.setdefault(origin.line, key)

    put([report.title_origin], "title")
    put([report.unit_origin], "unit")
    put(report.intro_origins, "intro")
    for s, section in enumerate(report.sections, 1):
        put([section.heading_origin], f"s{s}.heading")
        put(section.lead_origins, f"s{s}.lead")
        for i, item in enumerate(section.items, 1):
            put([item.title_origin], f"s{s}.i{i}.title")
            put(item.paragraph_origins, f"s{s}.i{i}.text")
    put(report.closing_origins, "closing")
    if report.signature:
        put([report.signature.unit_origin, report.signature.origin], "signature_unit")
    return fields
