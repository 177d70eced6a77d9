"""``docgen import``: the files 社区 send (.docx, .doc, .wps, .rtf, .odt, .txt, .md) → YAML inputs.

Every file is read and recognised first. A file that cannot be read, is no
report, or names a unit the output folder already holds (without --force)
is refused with its reason, and nothing of it is written; every other file
is imported. Under the output folder's lock, the YAML files and the volume
settings are written together, all or none (``publish``).
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..core.findings import EMPTY_REPORT, IMPORT_GUESS, Finding, said
from ..core.model import Origin, VolumeSettings
from ..errors import DocgenError, InputError
from ..fs.filenames import CATEGORIES_FILE, SETTINGS_FILE, clashes, unique_filenames
from ..fs.publish import Publication
from ..inputs.yaml_reader import read_report
from ..inputs.yaml_writer import report_yaml, settings_yaml
from .dispatch import IMPORTABLE, Reader, read_paragraphs, reading
from .plan import Planned, Source
from .plausible import why_not_a_report
from .recognise import Recognised, recognise
from .summary import summary_lines

_NOT_A_NAME = re.compile(r"^[\d\s._\-()（）]*$")
_UNIT_IN_TITLE = re.compile(r"^(?P<unit>.{2,20}?(?:社区|街道|村))(?:党委|党总支|党支部)?(?:\d{4}年|关于|基层|党建)")
_NOT_REPORTS = {"thumbs.db", "desktop.ini", ".ds_store"}


@dataclass
class Refusal:
    """A file not imported, and why (in Chinese, for the user)."""

    path: Path
    reason: str

    def __str__(self) -> str:
        return f"{self.path}：{self.reason}"


@dataclass
class ImportResult:
    written: list[Path]
    summary: list[str]
    refused: list[Refusal] = field(default_factory=list)
    # What reading the imported files noticed and what was guessed in them (file, line, kind).
    warnings: list[Finding] = field(default_factory=list)


def import_files(files: list[Path], out: Path, force: bool = False) -> ImportResult:
    """Import every good file of ``files`` (folders stand for the files in them) into ``out``."""
    sources, refused = _read_all(expand(files))
    if not sources:
        return ImportResult([], [], refused)  # nothing to write: the folder is not even made
    with Publication(out) as publication:
        planned = _plan_reports(sources, out)
        refused += _refuse_duplicates(sources, planned, force)
        imported = [source for source in sources if source.path not in {r.path for r in refused}]
        planned = [plan for plan in planned if plan.source in imported]
        own_titles = _give_titles(imported, planned)
        settings = _volume_settings(imported, planned, own_titles, out)
        for plan in planned:
            publication.write(plan.target.name, report_yaml(plan.recognised.report, _header(plan)).encode("utf-8"))
        if settings is not None:
            publication.write(SETTINGS_FILE, settings_yaml(settings, ["汇编设置（由 docgen import 生成）"]).encode("utf-8"))
    warnings = [note for source in imported for note in source.notes] + [note for plan in planned for note in plan.recognised.notes]
    return ImportResult(publication.written, summary_lines(imported, planned, settings, out), refused, warnings)


def _read_all(paths: list[Path]) -> tuple[list[Source], list[Refusal]]:
    """Each file read and recognised, or refused with the reason."""
    sources, refused = [], []
    with reading(paths) as read:
        for path in paths:
            try:
                sources.append(read_source(path, read))
            except DocgenError as error:
                refused.append(Refusal(path, error.message))
    return sources, refused


def expand(files: list[Path]) -> list[Path]:
    """The files named, a folder standing for every file in it (a bad one is named, not skipped)."""
    paths: list[Path] = []
    for path in files:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and not _is_system_file(p))
            if not found:
                raise InputError(f"文件夹中没有可导入的文件（{'、'.join(IMPORTABLE)}）", Origin(path))
            paths += found
        else:
            paths.append(path)
    return paths


def _is_system_file(path: Path) -> bool:
    """Word's lock files (~$报告.docx), hidden files, and what Windows and macOS leave in folders."""
    return path.name.startswith(("~$", ".")) or path.name.lower() in _NOT_REPORTS


def read_source(path: Path, read: Reader = read_paragraphs) -> Source:
    """Read and recognise one file; InputError naming it if it cannot be read or is no report."""
    paragraphs, notes = read(path)
    if not paragraphs:
        raise InputError("文件中没有文字", Origin(path))
    reason = why_not_a_report(paragraphs)
    if reason:
        raise InputError(reason, Origin(path))
    recognition = recognise(paragraphs, Origin(path))
    if not any(r.report.sections for r in recognition.reports):
        raise InputError("文件中没有找到报告的内容（部分标题和条目）", Origin(path))
    notes += [
        Finding(EMPTY_REPORT, empty.report.origin, f"“{empty.title or '一份没有标题的报告'}”下面没有部分标题和条目，没有导入")
        for empty in recognition.reports
        if not empty.report.sections
    ]
    return Source(path, recognition, notes)


# --- units and file names ----------------------------------------------------------


def _plan_reports(sources: list[Source], out: Path) -> list[Planned]:
    planned: list[Planned] = []
    for source in sources:
        reports = [r for r in source.recognition.reports if r.report.sections]
        for position, recognised in enumerate(reports, 1):
            unit, note = _unit_name(source, recognised, position if len(reports) > 1 else None)
            planned.append(Planned(source, recognised, unit, note))
    _make_units_distinct(planned)
    existing = _existing_units(out)
    names = unique_filenames([plan.unit for plan in planned], ".yaml", taken={SETTINGS_FILE, CATEGORIES_FILE})
    targets = [out / name for name in names]
    present = clashes(targets)  # 单位.yaml there already, or 单位.yml, or in another case
    for plan, target in zip(planned, targets):
        # A unit already imported, or a file of the same name (hand-made, unreadable): that file.
        plan.target = existing.get(_unit_key(plan.unit)) or present.get(target, target)
        plan.replaces = plan.target.exists()
        plan.recognised.report.unit = plan.unit
        _sign_dated_ending(plan)
    return planned


def _sign_dated_ending(plan: Planned) -> None:
    """A 落款 that is only a date gets a 署名, which every 落款 must have: the unit
    line under the title where the report has one, else the report's unit; said as a guess."""
    recognised = plan.recognised
    signature = recognised.report.signature
    if signature is None or signature.unit:
        return
    signature.unit = recognised.unit_line or plan.unit
    source = "标题下的单位行" if recognised.unit_line else "单位名称"
    recognised.notes.append(
        Finding(IMPORT_GUESS, signature.origin, f"文末落款只有日期，没有署名：署名暂用“{signature.unit}”（取自{source}），请核对")
    )


def _unit_name(source: Source, recognised: Recognised, position: int | None) -> tuple[str, str]:
    """The unit a report is filed under, and how it was found (for the summary)."""
    if recognised.unit_line:
        return recognised.unit_line, "取自标题下的一行"
    signature = recognised.report.signature
    if signature and signature.unit:
        return signature.unit, "取自文末的署名"
    in_title = _UNIT_IN_TITLE.match(recognised.title or "")
    if in_title:
        return in_title.group("unit"), "取自标题，请核对"
    stem = source.path.stem.strip()
    if position is not None:
        base = stem if not _NOT_A_NAME.match(stem) else "示例单位"
        return f"{base}{position:02d}", f"汇编中的第 {position} 份报告没有写单位名称，暂用此名，请在文件中改为真实单位"
    if _NOT_A_NAME.match(stem):
        return f"示例单位{stem}", f"文件名“{source.path.name}”不像单位名称，暂用此名，请在文件中改为真实单位"
    return stem, "取自文件名，请核对"


def _make_units_distinct(planned: list[Planned]) -> None:
    """A unit met again in this import gets -2, -3 …, never a name another report already has (甲社区-2)."""
    taken = {plan.unit for plan in planned}
    seen: set[str] = set()
    for plan in planned:
        if plan.unit in seen:
            number = 2
            while f"{plan.unit}-{number}" in taken:
                number += 1
            plan.unit = f"{plan.unit}-{number}"
            plan.unit_note += "；与另一份报告重名，已加编号区分"
            taken.add(plan.unit)
        seen.add(plan.unit)


def _unit_key(unit: str) -> str:
    """Units compared as a person reads them: full-width letters and spaces do not make another unit."""
    return "".join(unicodedata.normalize("NFKC", unit).split())


def _existing_units(out: Path) -> dict[str, Path]:
    """The units the output folder already has a report file for → that file."""
    units: dict[str, Path] = {}
    if not out.is_dir():
        return units
    for path in sorted(out.glob("*.yaml")):
        if path.name in (SETTINGS_FILE, CATEGORIES_FILE):
            continue
        try:
            report, _ = read_report(path)
        except DocgenError:
            continue  # a file that is no report names no unit; its file name still cannot be taken
        units.setdefault(_unit_key(report.unit), path)
    return units


def _refuse_duplicates(sources: list[Source], planned: list[Planned], force: bool) -> list[Refusal]:
    """A file whose report the output folder already holds, named with the file that holds it; none with --force."""
    if force:
        return []
    refused = []
    for source in sources:
        existing = [plan.target for plan in planned if plan.source is source and plan.replaces]
        if existing:
            named = "、".join(str(path) for path in existing)
            refused.append(Refusal(source.path, f"重复：这个单位的报告已经导入过（{named}），没有改动它。确实要用新文件替换，请加上 --force 再运行"))
    return refused


def _header(plan: Planned) -> list[str]:
    lines = [f"由 {plan.source.path.name} 导入（docgen import）"]
    if plan.recognised.notes or plan.unit_note:
        lines.append("导入时的猜测，请核对：")
        lines.append(f"  单位名称“{plan.unit}”{plan.unit_note}")
        lines += [f"  {said(note, with_file=False)}" for note in plan.recognised.notes]
    return lines


# --- titles and the volume settings ---------------------------------------------------------


def _give_titles(sources: list[Source], planned: list[Planned]) -> bool:
    """Give each report its own title where the volume will use them; whether it will.

    Reports from 社区 files keep their own titles (titles: own). A compiled
    volume, or reports that are all numbered titles of one old volume
    (…（三）), are titled by the series again.
    """
    series = {plan.recognised.series_title for plan in planned}
    own_titles = not any(s.recognition.is_volume for s in sources) and not (len(series) == 1 and None not in series)
    for plan in planned:
        recognised = plan.recognised
        keeps_own = own_titles and recognised.title and not recognised.series_title
        recognised.report.title = recognised.title if keeps_own else ""
    return own_titles


def _volume_settings(sources: list[Source], planned: list[Planned], own_titles: bool, out: Path) -> VolumeSettings | None:
    """Settings for the imported reports; None where an existing volume.yaml stays as it is.

    A compiled volume keeps its series title, 目录 heading and order; the
    series title is never one 社区's own title.
    """
    has_volume = any(s.recognition.is_volume for s in sources)
    if not planned or (not has_volume and (out / SETTINGS_FILE).exists()):
        return None
    settings = VolumeSettings()
    if own_titles:
        settings.titles = "own"
        # Each report had its unit on a line under its title: print it there again.
        settings.show_unit = all(plan.recognised.unit_line for plan in planned)
    else:
        series = Counter(p.recognised.series_title for p in planned if p.recognised.series_title)
        if series:
            settings.series_title = series.most_common(1)[0][0]
    toc_headings = [s.recognition.toc_heading for s in sources if s.recognition.toc_heading]
    if toc_headings and has_volume:
        settings.toc_heading = toc_headings[0]
    ordered = planned if has_volume else sorted(planned, key=_title_position)
    settings.order = [p.unit for p in ordered]
    return settings


def _title_position(plan: Planned) -> float:
    """Last year's number in the title, （三） → 3; other reports keep their place at the end."""
    number = plan.recognised.title_number if plan.recognised.series_title else None
    return math.inf if number is None else number
