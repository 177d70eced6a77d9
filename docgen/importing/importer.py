"""``docgen import``: the files 社区 send (.docx, .doc, .wps, .rtf, .odt, .txt, .md) → YAML inputs.

Every file is read and recognised first. A file that cannot be read, is no
report, names a unit the output folder already holds (without --force), or
would make a report file larger than ``build`` reads, is refused with its
reason, and nothing of it is written; every other file is imported. Under the
output folder's lock, the YAML files and the volume settings are written
together, all or none (``publish``).

A duplicate is decided by the unit inside the files, never by a file name: a
report goes into the file of its unit's report (with --force), or into a
file of a name no file in the folder has; another unit's report, or a file
that is no report, is never replaced. An existing volume.yaml stays as it is.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..core.findings import EMPTY_REPORT, IMPORT_GUESS, IMPORT_SKIPPED, Finding, said
from ..core.model import Origin, VolumeSettings
from ..core.unit_names import filed_unit, same_unit_key
from ..errors import DocgenError, InputError
from ..fs.filenames import CATEGORIES_FILE, SETTINGS_FILE, YAML_SUFFIXES, clashes, safe_filename, unique_filenames
from ..fs.publish import Publication
from ..inputs.yaml_file import MAX_FILE_BYTES
from ..inputs.yaml_reader import read_report
from ..inputs.yaml_writer import quoted, report_yaml, settings_yaml
from ..parallel.workers import Workers
from .converted import Conversion
from .dispatch import IMPORTABLE, converted_first, read_file
from .endings import names_a_unit
from .front import tidy
from .plan import Planned, Source, plans_by_source
from .plausible import why_not_a_report
from .recognise import Recognised, recognise
from .summary import each_source_lines, summary_lines

_NOT_A_NAME = re.compile(r"^[\d\s._\-()（）]*$")
# 东湖社区2024年…, 中共光明社区委员会关于…: a name (no digits, no "我社区", no "关于社区") before 社区/街道/村.
_UNIT_IN_TITLE = re.compile(
    r"^(?P<unit>(?!关于|我|本|全|各|某)(?:中共|中国共产党)?[\u4e00-\u9fffA-Za-z]{2,18}?(?:社区|街道|村)"
    r"(?:党委|党总支|党支部|党工委|居委会|委员会)?)(?:\d{4}|[〇零一二三四五六七八九]{4}|关于|基层|党建|工作|年度|上半年|下半年|书记|主任)"
)
# 文化路社区述职.wps: a file named after its 社区 and what it is.
_UNIT_IN_NAME = re.compile(r"^(?P<unit>[\u4e00-\u9fffA-Za-z]{2,18}?(?:社区|街道|村))")
_NOT_REPORTS = {"thumbs.db", "desktop.ini", ".ds_store"}
_FILES_A_BATCH = 16  # files a worker reads at a time: enough to outweigh sending them, few enough to share out


@dataclass
class Refusal:
    """A file not imported, and why (in Chinese, for the user)."""

    path: Path
    reason: str
    replaces: list[Path] = field(default_factory=list)  # a report imported before: --force would replace these

    def __str__(self) -> str:
        return f"{self.path}：{self.reason}" + (FORCE_HINT if self.replaces else "")


FORCE_HINT = "确实要用新文件替换，请加上 --force 再运行"


@dataclass
class ImportResult:
    written: list[Path]
    summary: list[str]
    refused: list[Refusal] = field(default_factory=list)
    # What reading the imported files noticed and what was guessed in them (file, line, kind).
    warnings: list[Finding] = field(default_factory=list)
    by_file: dict[Path, list[str]] = field(default_factory=dict)  # each imported file's lines of ``summary``
    folder_notes: list[Finding] = field(default_factory=list)  # about the output folder: a write recovered, a record ignored


def import_files(files: list[Path], out: Path, force: bool = False) -> ImportResult:
    """Import every good file of ``files`` (folders stand for the files in them) into ``out``."""
    sources, refused = _read_all(expand(files))
    if not sources:
        return ImportResult([], [], refused)  # nothing to write: the folder is not even made
    with Publication(out) as publication:
        planned = _plan_reports(sources, out)
        refused += _refuse_duplicates(sources, planned, force)
        imported, planned = _still_imported(sources, planned, refused)
        own_titles, texts = _report_files(imported, planned)
        too_long = _refuse_too_long(planned, texts)
        if too_long:  # the rest again: whether reports keep their own titles depends on which files are in
            refused += too_long
            imported, planned = _still_imported(imported, planned, too_long)
            own_titles, texts = _report_files(imported, planned)
        settings = _volume_settings(imported, planned, own_titles)
        kept_out = None
        if settings is not None and (out / SETTINGS_FILE).exists():  # an existing volume.yaml stays as it is
            kept_out, settings = (settings if any(s.recognition.is_volume for s in imported) else None), None
        for plan, text in zip(planned, texts):
            publication.write(plan.target.name, text)
        if settings is not None:
            publication.write(SETTINGS_FILE, settings_yaml(settings, ["汇编设置（由 docgen import 生成）"]).encode("utf-8"))
    warnings = [note for source in imported for note in source.notes] + [note for plan in planned for note in plan.recognised.notes]
    per_source = each_source_lines(imported, planned)
    summary = summary_lines(per_source, planned, settings, out, kept_out)
    by_file = {source.path: lines for source, lines in zip(imported, per_source)}
    return ImportResult(publication.written, summary, refused, warnings, by_file, publication.notes)


def _still_imported(sources: list[Source], planned: list[Planned], refused: list[Refusal]) -> tuple[list[Source], list[Planned]]:
    """The files not ``refused``, and their reports."""
    gone = {refusal.path for refusal in refused}
    return [s for s in sources if s.path not in gone], [p for p in planned if p.source.path not in gone]


def _report_files(sources: list[Source], planned: list[Planned]) -> tuple[bool, list[bytes]]:
    """Whether the reports keep their own titles, and the YAML file of each."""
    own_titles = _give_titles(sources, planned)
    return own_titles, [report_yaml(plan.recognised.report, _header(plan)).encode("utf-8") for plan in planned]


def _refuse_too_long(planned: list[Planned], texts: list[bytes]) -> list[Refusal]:
    """A file with a report whose YAML ``build`` would refuse as too large: refused here, with the reason."""
    refused: dict[Path, Refusal] = {}
    for plan, text in zip(planned, texts):
        if len(text) > MAX_FILE_BYTES and plan.source.path not in refused:
            refused[plan.source.path] = Refusal(
                plan.source.path,
                f"其中“{plan.unit}”的报告太长：写成 YAML 文件有 {len(text) / 2**20:.1f} MB，"
                f"超过 docgen 生成汇编时能读的一份报告的上限 {MAX_FILE_BYTES >> 20} MB，这个文件没有导入。"
                "一份报告通常只有几十 KB：请检查文件中是否夹带了别的材料，或把它分成几份报告",
            )
    return list(refused.values())


def _read_all(paths: list[Path]) -> tuple[list[Source], list[Refusal]]:
    """Each file read and recognised, or refused with the reason, on every core."""
    sources, refused = [], []
    with converted_first(paths) as conversions, Workers(len(paths)) as workers:
        batches = [
            [(path, conversions.get(path)) for path in paths[start:start + _FILES_A_BATCH]]
            for start in range(0, len(paths), _FILES_A_BATCH)
        ]
        for batch in workers.map(read_batch, batches):
            for read in batch:
                (sources if isinstance(read, Source) else refused).append(read)
    return sources, refused


def read_batch(files: list[tuple[Path, Conversion | None]]) -> list[Source | Refusal]:
    """Each file (and the .docx LibreOffice made of it, if it did) read and recognised, or refused."""
    read: list[Source | Refusal] = []
    for path, conversion in files:
        try:
            read.append(read_source(path, conversion))
        except DocgenError as error:
            read.append(Refusal(path, error.message))
    return read


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


def read_source(path: Path, conversion: Conversion | None = None) -> Source:
    """Read and recognise one file; InputError naming it if it cannot be read or is no report."""
    paragraphs, notes = read_file(path, conversion)
    if not paragraphs:
        raise InputError("文件中没有文字", Origin(path))
    paragraphs, tidied = tidy(paragraphs, Origin(path))
    notes += tidied
    reason = why_not_a_report(paragraphs)
    if reason:
        raise InputError(reason, Origin(path))
    recognition = recognise(paragraphs, Origin(path))
    notes += recognition.notes
    if not any(_has_content(r) for r in recognition.reports):
        raise InputError("文件中没有找到报告的内容（部分标题和条目，或正文）", Origin(path))
    notes += [
        Finding(EMPTY_REPORT, empty.report.origin, f"“{empty.title or '一份没有标题的报告'}”下面没有部分标题和条目，没有导入")
        for empty in recognition.reports
        if not _has_content(empty)
    ]
    return Source(path, recognition, notes)


def _has_content(recognised: Recognised) -> bool:
    return bool(recognised.report.sections or recognised.report.body)


# --- units and file names ----------------------------------------------------------


def _plan_reports(sources: list[Source], out: Path) -> list[Planned]:
    planned: list[Planned] = []
    for source in sources:
        reports = [r for r in source.recognition.reports if _has_content(r)]
        for position, recognised in enumerate(reports, 1):
            unit, note = _unit_name(source, recognised, position if len(reports) > 1 else None)
            planned.append(Planned(source, recognised, unit, note))
    _make_units_distinct(planned)
    present = _yaml_files(out)  # each report file there → its unit (None: no report)
    existing: dict[str, Path] = {}
    for path, unit in present.items():
        if unit is not None:
            existing.setdefault(same_unit_key(unit), path)
    fresh = [plan for plan in planned if same_unit_key(plan.unit) not in existing]
    taken = {SETTINGS_FILE, CATEGORIES_FILE, *_names_in(out)}
    for plan, name in zip(fresh, unique_filenames([plan.unit for plan in fresh], ".yaml", taken=taken)):
        plan.target = out / name
        plan.name_note = _name_note(plan, out, present)
    for plan in planned:
        if plan.target is None:  # a unit already imported: its report's file, whatever it is called
            plan.target, plan.replaces = existing[same_unit_key(plan.unit)], True
        plan.recognised.report.unit = plan.unit
        _sign_dated_ending(plan)
    return planned


def _names_in(out: Path) -> list[str]:
    try:
        return [entry.name for entry in out.iterdir()]
    except OSError:
        return []  # no folder yet (or one that cannot be listed: writing into it says why)


def _name_note(plan: Planned, out: Path, present: dict[Path, str | None]) -> str:
    """Why ``plan`` goes into a file of another name than its unit's: whose file has that name."""
    natural = out / safe_filename(plan.unit, ".yaml")
    holder = clashes([natural]).get(natural)
    if holder is None or holder.name == plan.target.name:
        return ""
    unit = present.get(holder)
    holds = f"是“{unit}”的报告，不是这个单位的" if unit is not None else "不是能读出的报告"
    return f"文件夹中的 {holder.name} {holds}，没有改动它；这份报告写入 {plan.target.name}"


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
    """The unit a report is filed under (its 社区, 村 or 街道: ``filed_unit``), and how it was found."""
    named = _named_unit(recognised)
    if named:
        organ, where, to_check = named
        unit = filed_unit(organ)
        said = where if unit == organ else f"{where}“{organ}”"
        return unit, f"{said}，请核对" if to_check else said
    stem = " ".join(source.path.stem.split())  # one line: a line break in a file name ends at a space
    if position is not None:
        base = stem if not _NOT_A_NAME.match(stem) else "示例单位"
        return f"{base}{position:02d}", f"汇编中的第 {position} 份报告没有写单位名称，暂用此名，请在文件中改为真实单位"
    if _NOT_A_NAME.match(stem):
        return f"示例单位{stem}", f"文件名“{source.path.name}”不像单位名称，暂用此名，请在文件中改为真实单位"
    in_name = _UNIT_IN_NAME.match(stem)
    return (in_name["unit"] if in_name else filed_unit(stem)), "取自文件名，请核对"


def _named_unit(recognised: Recognised) -> tuple[str, str, bool] | None:
    """The unit the document names, as it names it (its organ, often), where, and whether to check it."""
    if recognised.unit_line:
        return recognised.unit_line, "取自标题下的一行", False
    signature = recognised.report.signature
    if signature and names_a_unit(signature.unit):  # not a person's name: 总结者：张某
        return signature.unit, "取自文末的署名", False
    in_title = _UNIT_IN_TITLE.match(recognised.title or "")
    if in_title:
        return in_title.group("unit"), "取自标题", True
    return None


def _make_units_distinct(planned: list[Planned]) -> None:
    """A unit met again in this import (typed alike: ``same_unit_key``) gets -2, -3 …,
    never a name another report already has (甲社区-2)."""
    taken = {same_unit_key(plan.unit) for plan in planned}
    seen: set[str] = set()
    for plan in planned:
        if same_unit_key(plan.unit) in seen:
            number = 2
            while same_unit_key(f"{plan.unit}-{number}") in taken:
                number += 1
            plan.unit = f"{plan.unit}-{number}"
            plan.unit_note += "；与另一份报告重名，已加编号区分"
            taken.add(same_unit_key(plan.unit))
        seen.add(same_unit_key(plan.unit))


def _yaml_files(out: Path) -> dict[Path, str | None]:
    """The YAML files in the output folder that build reads as reports → each one's unit, or None
    where the file is no report (the unit inside decides duplicates, never the file's name)."""
    units: dict[Path, str | None] = {}
    for path in sorted(out.iterdir()) if out.is_dir() else []:
        if path.suffix.lower() not in YAML_SUFFIXES or path.name in (SETTINGS_FILE, CATEGORIES_FILE):
            continue
        try:
            units[path] = read_report(path)[0].unit
        except DocgenError:
            units[path] = None
    return units


def _refuse_duplicates(sources: list[Source], planned: list[Planned], force: bool) -> list[Refusal]:
    """A file whose report the output folder already holds, named with the file that holds it; none with --force."""
    if force:
        return []
    refused = []
    by_source = plans_by_source(planned)
    for source in sources:
        existing = [plan.target for plan in by_source.get(id(source), []) if plan.replaces]
        if existing:
            named = "、".join(str(path) for path in existing)
            refused.append(Refusal(source.path, f"重复：这个单位的报告已经导入过（{named}），没有改动它。", existing))
    return refused


def _header(plan: Planned) -> list[str]:
    lines = [f"由 {quoted(plan.source.path.name)} 导入（docgen import）"]  # a file name only quoted and escaped
    lines += [f"  {said(note, with_file=False)}" for note in plan.source.notes if note.kind == IMPORT_SKIPPED]
    if plan.recognised.notes or plan.unit_note:
        lines.append("导入时的猜测，请核对：")
        lines.append(f"  单位名称“{plan.unit}”{plan.unit_note}")
        lines += [f"  {said(note, with_file=False)}" for note in plan.recognised.notes]
    return lines


# --- titles and the volume settings ---------------------------------------------------------


def _give_titles(sources: list[Source], planned: list[Planned]) -> bool:
    """Give each report its own title where the volume will use them; whether it will.

    Reports from 社区 files, and a compiled volume of their own titles, keep them
    (titles: own). A compiled volume of numbered titles, or reports that are all
    numbered titles of one old volume (…（三）), are titled by the series again.
    """
    series = {plan.recognised.series_title for plan in planned}
    by_series = any(s.recognition.is_volume and s.recognition.titled_by_series for s in sources)
    own_titles = not by_series and not (len(series) == 1 and None not in series)
    for plan in planned:
        recognised = plan.recognised
        keeps_own = own_titles and recognised.title and not recognised.series_title
        recognised.report.title = recognised.title if keeps_own else ""
    return own_titles


def _volume_settings(sources: list[Source], planned: list[Planned], own_titles: bool) -> VolumeSettings | None:
    """Settings for the imported reports; None when there are none.

    A compiled volume keeps its series title, 目录 heading, cover and order;
    the series title is never one 社区's own title.
    """
    if not planned:
        return None
    has_volume = any(s.recognition.is_volume for s in sources)
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
    settings.cover = next((s.recognition.cover for s in sources if s.recognition.cover), None)
    ordered = planned if has_volume else sorted(planned, key=_title_position)
    settings.order = [p.unit for p in ordered]
    return settings


def _title_position(plan: Planned) -> float:
    """Last year's number in the title, （三） → 3; other reports keep their place at the end."""
    number = plan.recognised.title_number if plan.recognised.series_title else None
    return math.inf if number is None else number
