"""The YAML inputs (one file a report, plus the volume settings) → the model.

Each file is read as nodes (``yaml_file``), each mapping into its model object
as the schema table says (``yaml_values``); here the folder: which files are
reports, one unit a file, and the order of the volume.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from ..core import schema
from ..core.findings import NOT_IN_ORDER, Finding
from ..core.model import Origin, Report, Volume, VolumeSettings
from ..core.unit_names import filed_unit, same_unit_key
from ..errors import InputError
from ..fs.filenames import CATEGORIES_FILE, SETTINGS_FILE
from ..fs.input_file import folder_entries, outside_link_error
from .yaml_file import YamlFile
from .yaml_values import read_part

_NO_TEXTS: Mapping[Path, str] = MappingProxyType({})  # load_inputs with every file as it is on disk


@dataclass
class Inputs:
    """Everything read from an inputs folder."""

    volume: Volume
    warnings: list[Finding] = field(default_factory=list)


def read_report(path: Path, text: str | None = None) -> tuple[Report, list[Finding]]:
    """Read one report file (or ``text``, as the file ``path`` would hold it); return the
    report and the warnings it raised."""
    reader = YamlFile(path, text)
    root = reader.load()
    if root is None:
        raise InputError(
            "文件是空的（或只有 # 说明）：请按 README“输入文件怎么写”填写，"
            "或删除它后用“docgen new 单位名称”新建一份带说明的报告",
            Origin(path),
        )
    return read_part(reader, root, schema.REPORT), reader.warnings


def read_settings(path: Path, text: str | None = None) -> tuple[VolumeSettings, list[Finding]]:
    """Read the volume settings file (or ``text``, as the file ``path`` would hold it)."""
    reader = YamlFile(path, text)
    root = reader.load()
    if root is None:  # every setting is optional: an empty file means the defaults
        return VolumeSettings(origin=Origin(path)), reader.warnings
    return read_part(reader, root, schema.VOLUME), reader.warnings


def load_settings(
    folder: Path, entries: list[Path] | None = None, texts: Mapping[Path, str] = _NO_TEXTS
) -> tuple[VolumeSettings, list[Finding]]:
    """The volume settings of the inputs ``folder``: its volume.yaml, or the defaults
    where it has none; ``entries``: the folder's, where already listed; ``texts``: see ``load_inputs``."""
    if entries is None:
        _refuse_no_folder(folder)
        entries = folder_entries(folder)
    settings_path = folder / SETTINGS_FILE
    if settings_path in texts:
        return read_settings(settings_path, texts[settings_path])
    if settings_path not in entries:
        return VolumeSettings(), []
    _refuse_outside_link(settings_path, folder)
    return read_settings(settings_path)


def load_inputs(
    folder: Path, settings_read: tuple[VolumeSettings, list[Finding]] | None = None, texts: Mapping[Path, str] = _NO_TEXTS
) -> Inputs:
    """Read every report and the settings in ``folder`` into a volume, in volume order;
    ``settings_read``: what ``load_settings`` gave, where the settings were read first;
    ``texts``: files of the folder (by path) as they would be after a save, read in their place."""
    _refuse_no_folder(folder)
    entries = folder_entries(folder)
    settings, warnings = settings_read or load_settings(folder, entries, texts)
    warnings = list(warnings)
    reports: list[Report] = []
    new_files = [path for path in texts if path.parent == folder and path not in entries]
    for path in report_paths(sorted(entries + new_files) if new_files else entries):
        _refuse_outside_link(path, folder)
        report, report_warnings = read_report(path, texts.get(path))
        warnings += report_warnings
        reports.append(report)
    if not reports:
        raise InputError(
            f"输入文件夹“{folder}”中没有报告（*.yaml）文件。"
            f"新建报告：docgen new 单位名称 --inputs {folder}；导入各社区发来的 Word 文件：docgen import 收到的报告 --out {folder}"
        )
    _check_unique_units(reports, set(texts))
    ordered, order_warnings = _in_volume_order(reports, settings, folder / SETTINGS_FILE)
    return Inputs(Volume(settings, ordered), warnings + order_warnings)


def report_paths(entries: list[Path]) -> list[Path]:
    """The report files among a folder's sorted entries: the .yaml files, then the .yml ones."""
    reports = [p for p in entries if p.name not in (SETTINGS_FILE, CATEGORIES_FILE)]
    return [p for p in reports if p.suffix == ".yaml"] + [p for p in reports if p.suffix == ".yml"]


def _refuse_no_folder(folder: Path) -> None:
    if folder.is_file():
        raise InputError(f"输入位置“{folder}”是一个文件，不是文件夹：--inputs 后面写放报告的文件夹，如 inputs")
    if not folder.is_dir():
        raise InputError(f"找不到输入文件夹“{folder}”")


def _refuse_outside_link(path: Path, folder: Path) -> None:
    error = outside_link_error(path, folder)
    if error:
        raise error


def _check_unique_units(reports: list[Report], saving: set[Path] = frozenset()) -> None:
    """Two reports of one unit, even typed differently (NFC/NFD, full-width, a zero-width space)
    or named by its organ (东湖社区党委 is 东湖社区); the file told of is the newer one, a file
    about to be saved (``saving``) the newest."""
    first: dict[str, Report] = {}
    for report in reports:
        key = same_unit_key(report.unit)
        if key in first:
            older, newer = sorted((first[key], report), key=lambda r: (r.origin.path in saving, _modified(r)))
            alike = "" if older.unit == newer.unit else _how_alike(older.unit, newer.unit)
            raise InputError(
                f"单位“{newer.unit}”重复{alike}：{older.unit_origin} 已经用过这个名称；请改用另一个名称，或删除其中一个文件",
                newer.unit_origin,
            )
        first[key] = report


def _how_alike(older: str, newer: str) -> str:
    """Why two names are of one unit: the organ's name and its place's, or the way they are typed."""
    if filed_unit(older) == filed_unit(newer):
        return f"（“{older}”和“{newer}”都是“{filed_unit(newer)}”的报告）"
    return f"（与“{older}”只差在全角半角或看不见的字符上）"


def _modified(report: Report) -> float:
    """When the report's file was last saved: the newer of two clashing files is the one just edited."""
    try:
        return report.origin.path.stat().st_mtime
    except (OSError, AttributeError):
        return 0.0


def _in_volume_order(
    reports: list[Report], settings: VolumeSettings, settings_path: Path
) -> tuple[list[Report], list[Finding]]:
    by_key = {same_unit_key(r.unit): r for r in reports}
    listed: dict[str, Origin] = {}  # each unit's key → the line listing it
    origins = settings.order_origins or [Origin(settings_path)] * len(settings.order)
    for unit, origin in zip(settings.order, origins):
        key = same_unit_key(unit)
        if key not in by_key:
            close = difflib.get_close_matches(unit, [r.unit for r in reports], n=1)
            fix = f"是不是“{close[0]}”？请改成“{close[0]}”；" if close else "请核对单位名称；"
            raise InputError(f"order 中的单位“{unit}”没有对应的报告文件。{fix}这个单位没有报告时，删除这一行", origin)
        if key in listed:
            raise InputError(f"order 中的单位“{unit}”写了两次（{listed[key].place}已经写过）：删除这一行", origin)
        listed[key] = origin
    listed_set = set(listed)
    rest = [r for r in reports if same_unit_key(r.unit) not in listed_set]
    warnings = []
    if settings.order and rest:
        names = "、".join(r.unit for r in rest)
        warnings.append(Finding(NOT_IN_ORDER, Origin(settings_path), f"order 中没有列出 {names}，已按文件名排在最后"))
    return [by_key[key] for key in listed] + rest, warnings
