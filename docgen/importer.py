"""``docgen import``: the files 社区 send (.docx, .txt, .md) → YAML inputs.

Every file is read and recognised first; then, under the target folder's
lock, every target is checked; only when nothing would be overwritten (or
--force) is anything written, all files together or none (``publish``). A
file it cannot read stops the import with a message naming it, before
anything is written.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from .errors import InputError
from .filenames import clashes, unique_filenames
from .model import Origin, VolumeSettings
from .numbering import section_number
from .publish import Publication
from .readers.docx_reader import read_docx_paragraphs
from .readers.recognise import Recognised, Recognition, recognise
from .readers.text_reader import read_text_paragraphs
from .readers.yaml_reader import SETTINGS_FILE
from .writers.yaml_writer import report_yaml, settings_yaml

READERS = {".docx": read_docx_paragraphs, ".txt": read_text_paragraphs, ".md": read_text_paragraphs}
_OLD_FORMATS = {".doc": "旧版 Word（.doc）", ".wps": "WPS（.wps）", ".rtf": "RTF", ".pdf": "PDF"}
_NOT_A_NAME = re.compile(r"^[\d\s._\-()（）]*$")


@dataclass
class Source:
    """One file read: what was recognised in it and the notes reading it raised."""

    path: Path
    recognition: Recognition
    notes: list[str] = field(default_factory=list)


@dataclass
class Planned:
    """One report to be written: where from, under which unit, into which file."""

    source: Source
    recognised: Recognised
    unit: str
    unit_note: str
    target: Path | None = None


@dataclass
class ImportResult:
    written: list[Path]
    summary: list[str]


def import_files(files: list[Path], out: Path, force: bool = False) -> ImportResult:
    sources = [read_source(path) for path in expand(files)]
    with Publication(out) as publication:
        planned = _plan_reports(sources, out)
        settings = _volume_settings(sources, planned, out)
        _refuse_overwrite(planned, out, settings is not None, force)
        for plan in planned:
            publication.write(plan.target.name, report_yaml(plan.recognised.report, _header(plan)).encode("utf-8"))
        if settings is not None:
            publication.write(SETTINGS_FILE, settings_yaml(settings, ["汇编设置（由 docgen import 生成）"]).encode("utf-8"))
    return ImportResult(publication.written, _summary(sources, planned, settings, out))


def expand(files: list[Path]) -> list[Path]:
    """The files named, a folder standing for the reports in it."""
    paths: list[Path] = []
    for path in files:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.suffix.lower() in READERS and not p.name.startswith("~$"))
            if not found:
                raise InputError("文件夹中没有可导入的 .docx、.txt 或 .md 文件", Origin(path))
            paths += found
        else:
            paths.append(path)
    return paths


def read_source(path: Path) -> Source:
    """Read and recognise one file; InputError naming it if it cannot be read."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise InputError("找不到这个文件", Origin(path))
    if suffix in _OLD_FORMATS:
        raise InputError(f"不能直接导入{_OLD_FORMATS[suffix]}文件：请在 Word 或 WPS 中“另存为”.docx 后再导入", Origin(path))
    if suffix not in READERS:
        raise InputError(f"不支持的文件类型“{path.suffix or '无扩展名'}”：只能导入 .docx、.txt、.md 文件", Origin(path))
    paragraphs, notes = READERS[suffix](path)
    if not paragraphs:
        raise InputError("文件中没有文字", Origin(path))
    recognition = recognise(paragraphs, Origin(path))
    if not any(r.report.sections for r in recognition.reports):
        raise InputError("文件中没有找到报告的内容（部分标题和条目）", Origin(path))
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
    names = unique_filenames([p.unit for p in planned], ".yaml", taken={SETTINGS_FILE})
    for plan, name in zip(planned, names):
        plan.target = out / name
        plan.recognised.report.unit = plan.unit
    return planned


def _unit_name(source: Source, recognised: Recognised, position: int | None) -> tuple[str, str]:
    """The unit a report is filed under, and how it was found (for the summary)."""
    if recognised.unit_line:
        return recognised.unit_line, "取自正文中标题下的一行"
    stem = source.path.stem.strip()
    if position is not None:
        base = stem if not _NOT_A_NAME.match(stem) else "示例单位"
        return f"{base}{position:02d}", f"汇编中的第 {position} 份报告没有写单位名称，暂用此名，请在文件中改为真实单位"
    if _NOT_A_NAME.match(stem):
        return f"示例单位{stem}", f"文件名“{source.path.name}”不像单位名称，暂用此名，请在文件中改为真实单位"
    return stem, "取自文件名"


def _make_units_distinct(planned: list[Planned]) -> None:
    """A unit met again gets -2, -3 …, never a name another report already has (甲社区-2)."""
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


def _header(plan: Planned) -> list[str]:
    title = plan.recognised.title
    lines = [title] if title else []
    lines.append(f"由 {plan.source.path.name} 导入（docgen import）")
    if plan.recognised.notes:
        lines.append("导入时的猜测，请核对：")
        lines += [f"  {note}" for note in plan.recognised.notes]
    return lines


# --- the volume settings ---------------------------------------------------------


def _volume_settings(sources: list[Source], planned: list[Planned], out: Path) -> VolumeSettings | None:
    """Settings that keep an imported volume's order and series title.

    Written when a compiled volume was imported, or when the folder has no
    settings yet; an existing volume.yaml is otherwise left as it is.
    """
    has_volume = any(s.recognition.is_volume for s in sources)
    if not has_volume and (out / SETTINGS_FILE).exists():
        return None
    settings = VolumeSettings()
    series = Counter(p.recognised.series_title for p in planned if p.recognised.series_title)
    if series:
        settings.series_title = series.most_common(1)[0][0]
    toc_headings = [s.recognition.toc_heading for s in sources if s.recognition.toc_heading]
    if toc_headings:
        settings.toc_heading = toc_headings[0]
    ordered = planned if has_volume else sorted(planned, key=_title_position)
    settings.order = [p.unit for p in ordered]
    return settings


def _title_position(plan: Planned) -> float:
    """Last year's number in the title, （三） → 3; untitled reports keep their place at the end."""
    number = plan.recognised.title_number
    return math.inf if number is None else number


# --- writing -------------------------------------------------------------------------


def _refuse_overwrite(planned: list[Planned], out: Path, with_settings: bool, force: bool) -> None:
    """Stop before writing anything over a file already there (also 单位.yml for 单位.yaml);
    with ``force``, write into that very file rather than beside it."""
    targets = [plan.target for plan in planned] + ([out / SETTINGS_FILE] if with_settings else [])
    existing = clashes(targets)
    if existing and not force:
        listed = "\n".join(f"  {path}" for path in existing.values())
        raise InputError(f"以下文件已经存在，为免覆盖，本次导入没有写入任何文件：\n{listed}\n确实要覆盖，请加上 --force 再运行")
    for plan in planned:
        plan.target = existing.get(plan.target, plan.target)


# --- what the user is told -------------------------------------------------------------


def _summary(sources: list[Source], planned: list[Planned], settings: VolumeSettings | None, out: Path) -> list[str]:
    lines: list[str] = []
    for source in sources:
        plans = [p for p in planned if p.source is source]
        kind = f"汇编，共 {len(plans)} 份报告" if source.recognition.is_volume else "1 份报告"
        lines.append(f"{source.path.name}：{kind}")
        if source.recognition.toc_lines:
            lines.append(f"  已跳过开头的目录（{source.recognition.toc_lines} 行）")
        lines += [f"  提醒：{note}" for note in source.notes]
        lines += [
            f"  提醒：“{empty.title or '一份没有标题的报告'}”下面没有部分标题和条目，没有导入"
            for empty in source.recognition.reports
            if not empty.report.sections
        ]
        for plan in plans:
            lines += _report_summary(plan)
    lines.append(f"已写入 {len(planned)} 份报告到 {out}{'，并写入汇编设置 ' + SETTINGS_FILE if settings else ''}。")
    if settings is not None:
        lines.append(f"改动单位名称（unit）时，请同时改 {SETTINGS_FILE} 的 order 中对应的名称。")
    else:
        lines.append(f"{out / SETTINGS_FILE} 已存在，没有改动：新导入的单位会排在汇编最后，可在其中的 order 里调整顺序。")
    lines.append("请核对上面的“猜测”，然后运行 docgen build 生成 Word 文件。")
    return lines


def _report_summary(plan: Planned) -> list[str]:
    report = plan.recognised.report
    lines = [f"  → {plan.target.name}  单位：{plan.unit}（{plan.unit_note}）"]
    if plan.recognised.title:
        lines.append(f"    原标题：{plan.recognised.title}")
    for position, section in enumerate(report.sections, 1):
        parts = [f"{len(section.items)} 条", f"编号“{section.numbering}”"]
        if section.lead:
            parts.insert(0, f"导语 {len(section.lead)} 段")
        if section.run_in:
            parts.append("接排")
        lines.append(f"    {section_number(position)}{section.heading}（{'，'.join(parts)}）")
    lines += [f"    猜测：{note}" for note in plan.recognised.notes]
    return lines
