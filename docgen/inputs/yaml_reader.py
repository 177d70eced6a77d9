"""The YAML inputs (one file a report, plus the volume settings) → the model.

YAML is composed into nodes, never constructed into Python objects by the
library: every scalar stays a string (``1.`` is not a float, ``yes`` not a
bool), no tag can run code, aliases are refused (no billion laughs), and each
value keeps its line for messages.
"""

from __future__ import annotations

import datetime
import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..core import schema
from ..core.findings import CONTROL_CHARACTERS, NOT_IN_ORDER, UNLIKELY_DATE, Finding
from ..core.model import Cover, Item, Origin, Report, Section, Signature, Volume, VolumeSettings
from ..core.sanitize import xml_safe
from ..core.unit_names import clean_unit_name, same_unit_key
from ..errors import InputError
from ..fs.filenames import CATEGORIES_FILE, SETTINGS_FILE
from ..fs.input_file import folder_entries, outside_link_error, read_input_bytes
from .dates import impossible_year, unlikely_year
from .yaml_errors import scalar_slip, syntax_error, unmarked_error
from .yaml_text import comment_after_text, decode_yaml, too_deep_error

MAX_FILE_BYTES = 5 * 1024 * 1024
_DATE = re.compile(r"(\d{4})\s*(?:年|-)\s*(\d{1,2})\s*(?:月|-)\s*(\d{1,2})\s*日?")
_NESTING_LIMIT = "maximum nesting depth"  # libyaml's own cap (1,000 levels)

_STANDARD_TAGS = frozenset(
    {
        yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,  # tag:yaml.org,2002:str
        yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
        yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
    }
)


class _PlainTags:
    """Every untagged node tagged as ``yaml.BaseLoader`` tags it (text, list, mapping: no
    implicit types), without BaseResolver's bookkeeping: the C parser calls these three
    Python methods for each node, a tenth of its time."""

    _TAG_OF = {
        yaml.ScalarNode: yaml.resolver.BaseResolver.DEFAULT_SCALAR_TAG,
        yaml.SequenceNode: yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG,
        yaml.MappingNode: yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    }

    def resolve(self, node_class: type[yaml.Node], value: object, implicit: object) -> str:
        return self._TAG_OF[node_class]

    def descend_resolver(self, parent: yaml.Node | None, index: object) -> None:
        pass

    def ascend_resolver(self) -> None:
        pass


if yaml.__with_libyaml__:

    class _CComposer(_PlainTags, yaml.cyaml.CParser):
        """libyaml's parser composing nodes (its marks carry the same lines and columns)."""

    _FAST_LOADER: type = _CComposer
else:  # PyYAML built without libyaml: the pure-Python parser does it all
    _FAST_LOADER = yaml.BaseLoader


@dataclass
class Inputs:
    """Everything read from an inputs folder."""

    volume: Volume
    warnings: list[Finding] = field(default_factory=list)


class YamlFile:
    """One of docgen's YAML files (a report, volume.yaml, categories.yaml) read as nodes:
    ``load`` it, then take its mappings, lists and texts, checked as they are taken;
    every problem is an ``InputError`` in Chinese naming the file and line."""

    def __init__(self, path: Path):
        self.path = path
        self.warnings: list[Finding] = []
        self._seen: set[int] = set()
        self._lines: list[str] = []
        self._key_of: dict[int, yaml.Node] = {}  # a mapping's value → its key: where "signature:" stands

    def origin(self, node: yaml.Node) -> Origin:
        return Origin(self.path, node.start_mark.line + 1)

    def fail(self, node: yaml.Node, message: str) -> InputError:
        return InputError(message, self.origin(node))

    def load(self) -> yaml.Node:
        text = self._without_unsavable(decode_yaml(read_input_bytes(self.path, MAX_FILE_BYTES), self.path))
        self._lines = text.split("\n")
        return _compose(self.path, text)

    def _without_unsavable(self, text: str) -> str:
        """The file without characters Word cannot hold (pasted from Word: U+000B …), a warning a line."""
        if not xml_safe(text)[1]:
            return text
        lines = text.split("\n")
        for number, line in enumerate(lines, 1):
            lines[number - 1], dropped = xml_safe(line)
            if dropped:
                self.warnings.append(
                    Finding(CONTROL_CHARACTERS, Origin(self.path, number), f"有 Word 无法保存的控制字符（{'、'.join(dropped)}），已删除")
                )
        return "\n".join(lines)

    def fields(self, node: yaml.Node, shape: schema.Shape, what: str = "") -> dict[str, yaml.Node]:
        """The values of a mapping of ``shape`` (``what`` names this one in messages)."""
        return self.mapping(node, what or shape.what, shape.required(), shape.when_missing())

    def mapping(
        self, node: yaml.Node, what: str, keys: dict[str, bool], when_missing: dict[str, str] | None = None
    ) -> dict[str, yaml.Node]:
        """The values of a mapping whose allowed keys are ``keys`` (key → required);
        ``when_missing``: what to say of a missing required key, where more helps than its name."""
        self._check_node(node)
        if not isinstance(node, yaml.MappingNode):
            slip = scalar_slip(node.value) if isinstance(node, yaml.ScalarNode) else None
            raise self.fail(node, slip or f"{what}应当是“键: 值”的形式，这里却是{_shown(node)}")
        values: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            self._check_node(key_node)
            key = key_node.value if isinstance(key_node, yaml.ScalarNode) else None
            if key not in keys:
                raise self.fail(key_node, _unknown_key_message(key, what, keys))
            if key in values:
                raise self.fail(key_node, f"{what}中的“{key}”写了两次")
            values[key] = value_node
            self._key_of[id(value_node)] = key_node
        for key, required in keys.items():
            if required and key not in values:
                # Told at the key that holds this mapping, not at its first line inside.
                holder = self._key_of.get(id(node), node)
                raise self.fail(holder, (when_missing or {}).get(key) or f"{what}缺少“{key}”")
        return values

    def sequence(self, node: yaml.Node, what: str) -> list[yaml.Node]:
        self._check_node(node)
        if not isinstance(node, yaml.SequenceNode):
            raise self.fail(node, f"{what}应当是以“- ”开头的列表，这里却是{_shown(node)}")
        return list(node.value)

    def text(self, node: yaml.Node, what: str, allow_empty: bool = False, prose: bool = True) -> str:
        """The text of a scalar; ``prose``: it goes into the document (not a choice such as 1. or true)."""
        self._check_node(node)
        if not isinstance(node, yaml.ScalarNode):
            raise self.fail(node, f"{what}应当是文字，这里却是{_shown(node)}")
        cut = comment_after_text(self.path, self._lines, node) if prose else None
        if cut:
            self.warnings.append(cut)
        value, dropped = xml_safe(node.value)
        if dropped:
            self.warnings.append(
                Finding(CONTROL_CHARACTERS, self.origin(node), f"{what}中有 Word 无法保存的控制字符（{'、'.join(dropped)}），已删除")
            )
        if not allow_empty and not value.strip():
            raise self.fail(node, f"{what}是空的")
        return value

    def flag(self, node: yaml.Node, what: str) -> bool:
        value = self.text(node, what, prose=False).strip().lower()
        if value in schema.TRUE_WORDS:
            return True
        if value in schema.FALSE_WORDS:
            return False
        raise self.fail(node, f"{what}只能写 true 或 false，这里是“{value}”")

    def _check_node(self, node: yaml.Node) -> None:
        if id(node) in self._seen:
            raise self.fail(node, "不支持 YAML 的锚点和别名（& 与 *），请把内容直接写出来")
        self._seen.add(id(node))
        if node.tag not in _STANDARD_TAGS:
            raise self.fail(node, f"不支持 YAML 标签“{node.tag}”，请删除它")


def read_report(path: Path) -> tuple[Report, list[Finding]]:
    """Read one report file; return the report and the warnings it raised."""
    reader = YamlFile(path)
    root = reader.load()
    if root is None:
        raise InputError(
            "文件是空的（或只有 # 说明）：请按 README“输入文件怎么写”填写，"
            "或删除它后用“docgen new 单位名称”新建一份带说明的报告",
            Origin(path),
        )
    fields = reader.fields(root, schema.REPORT)
    unit = clean_unit_name(reader.text(fields["unit"], schema.REPORT["unit"].what))
    if not unit:
        raise reader.fail(fields["unit"], f"{schema.REPORT['unit'].what}只有看不见的字符")
    section_nodes = reader.sequence(fields["sections"], "sections")
    if not section_nodes:
        raise reader.fail(fields["sections"], "sections 是空的，至少要有一个部分")
    sections = [_read_section(reader, node, i) for i, node in enumerate(section_nodes, 1)]
    report = Report(unit=unit, sections=sections, origin=reader.origin(root))
    if "title" in fields:
        report.title = reader.text(fields["title"], schema.REPORT["title"].what).strip()
        report.title_origin = reader.origin(fields["title"])
    if "intro" in fields:
        text = reader.text(fields["intro"], schema.REPORT["intro"].what, allow_empty=True)
        report.intro, report.intro_origins = _paragraphs(reader, fields["intro"], text)
    if "closing" in fields:
        text = reader.text(fields["closing"], schema.REPORT["closing"].what, allow_empty=True)
        report.closing, report.closing_origins = _paragraphs(reader, fields["closing"], text)
    if "signature" in fields:
        report.signature = _read_signature(reader, fields["signature"])
    return report, reader.warnings


def _read_signature(reader: YamlFile, node: yaml.Node) -> Signature:
    fields = reader.fields(node, schema.SIGNATURE)
    unit_node = fields["unit"]
    signature = Signature(
        unit=reader.text(unit_node, schema.SIGNATURE["unit"].what).strip(),
        origin=reader.origin(node),
        unit_origin=reader.origin(unit_node),
    )
    if "date" in fields:
        signature.date = _read_date(reader, fields["date"], schema.SIGNATURE["date"].what)
    return signature


def _read_date(reader: YamlFile, node: yaml.Node, what: str) -> datetime.date:
    written = reader.text(node, what, prose=False).strip()
    date = _date(written)
    if date is None and re.search(r"[〇零一二三四五六七八九十]+\s*[年月日]", written):
        raise reader.fail(node, f"{what}“{written}”：GB/T 9704 规定成文日期要用阿拉伯数字，如 2026年11月20日")
    if date is None:
        raise reader.fail(node, f"{what}“{written}”不是日期，请写成 2026年11月20日 或 2026-11-20")
    impossible = impossible_year(date, written, what)
    if impossible:
        raise reader.fail(node, impossible)
    unlikely = unlikely_year(date, written, what)
    if unlikely:
        reader.warnings.append(Finding(UNLIKELY_DATE, reader.origin(node), unlikely))
    return date


def _read_cover(reader: YamlFile, node: yaml.Node) -> Cover:
    fields = reader.fields(node, schema.COVER)
    cover = Cover(
        title=reader.text(fields["title"], schema.COVER["title"].what).strip(),
        origin=reader.origin(node),
        title_origin=reader.origin(fields["title"]),
    )
    if "unit" in fields:
        cover.unit = reader.text(fields["unit"], schema.COVER["unit"].what).strip()
        cover.unit_origin = reader.origin(fields["unit"])
    if "date" in fields:
        cover.date = _read_date(reader, fields["date"], schema.COVER["date"].what)
    return cover


def _date(text: str) -> datetime.date | None:
    """2026年11月20日 (as GB/T 9704 writes it) or 2026-11-20."""
    match = _DATE.fullmatch(text)
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


def _read_section(reader: YamlFile, node: yaml.Node, position: int) -> Section:
    what = f"第 {position} 部分"
    fields = reader.fields(node, schema.SECTION, what)
    section = Section(
        heading=reader.text(fields["heading"], f"{what}的{schema.SECTION['heading'].what}").strip(),
        origin=reader.origin(node),
        heading_origin=reader.origin(fields["heading"]),
    )
    if "numbering" in fields:
        section.numbering = _numbering_style(reader, fields["numbering"])
    if "run_in" in fields:
        section.run_in = reader.flag(fields["run_in"], f"{what}的 run_in")
    if "lead" in fields:
        lead = reader.text(fields["lead"], f"{what}的{schema.SECTION['lead'].what}")
        section.lead, section.lead_origins = _paragraphs(reader, fields["lead"], lead)
    if "items" in fields:
        item_nodes = reader.sequence(fields["items"], f"{what}的 items")
        section.items = [_read_item(reader, n, what, i) for i, n in enumerate(item_nodes, 1)]
    if not section.items and not section.lead:
        raise reader.fail(node, f"{what}“{section.heading}”是空的：请写上 items（条目）或 lead（导语）")
    return section


def _read_item(reader: YamlFile, node: yaml.Node, section_what: str, position: int) -> Item:
    what = f"{section_what}第 {position} 条"
    fields = reader.fields(node, schema.ITEM, what)
    title = reader.text(fields["title"], f"{what}的{schema.ITEM['title'].what}").strip()
    item = Item(title=title, origin=reader.origin(node), title_origin=reader.origin(fields["title"]))
    if "text" in fields:
        text_node = fields["text"]
        text = reader.text(text_node, f"{what}的{schema.ITEM['text'].what}", allow_empty=True)
        item.paragraphs, item.paragraph_origins = _paragraphs(reader, text_node, text)
    return item


def _numbering_style(reader: YamlFile, node: yaml.Node) -> str:
    value = reader.text(node, schema.SECTION["numbering"].what, prose=False).strip()
    value = schema.STYLE_ALIASES.get(value, value)
    if value not in schema.ITEM_STYLES:
        choices = "、".join(f"“{s}”" for s in schema.ITEM_STYLES)
        raise reader.fail(node, f"编号样式“{value}”不认识，可选：{choices}")
    return value


def _paragraphs(reader: YamlFile, node: yaml.Node, text: str) -> tuple[list[str], list[Origin]]:
    """Each non-empty line of a block is a paragraph; with each, the line it is on.

    Only a literal block (``|``) keeps one source line per line of text; for
    other styles every paragraph is placed on the line where the value starts.
    """
    start = node.start_mark.line + 1
    paragraphs: list[str] = []
    origins: list[Origin] = []
    for offset, line in enumerate(text.splitlines()):
        if line.strip():
            paragraphs.append(line.strip())
            origins.append(Origin(reader.path, start + 1 + offset if node.style == "|" else start))
    return paragraphs, origins


def read_settings(path: Path) -> tuple[VolumeSettings, list[Finding]]:
    reader = YamlFile(path)
    root = reader.load()
    if root is None:  # every setting is optional: an empty file means the defaults
        return VolumeSettings(origin=Origin(path)), reader.warnings
    fields = reader.fields(root, schema.VOLUME)
    settings = VolumeSettings(origin=reader.origin(root))
    if "series_title" in fields:
        settings.series_title = reader.text(fields["series_title"], schema.VOLUME["series_title"].what).strip()
        settings.series_title_origin = reader.origin(fields["series_title"])
    if "toc_heading" in fields:
        settings.toc_heading = reader.text(fields["toc_heading"], schema.VOLUME["toc_heading"].what).strip()
        settings.toc_heading_origin = reader.origin(fields["toc_heading"])
    if "order" in fields:
        settings.order = [clean_unit_name(reader.text(n, "order 中的单位")) for n in reader.sequence(fields["order"], "order")]
    if "fonts" in fields:
        from ..office.faces import unknown_face  # the font machinery only for a volume that names faces

        font_fields = reader.fields(fields["fonts"], schema.FONTS)
        settings.fonts = {use: reader.text(n, f"字体 {use}").strip() for use, n in font_fields.items()}
        reader.warnings += filter(None, (unknown_face(settings.fonts[use], reader.origin(n)) for use, n in font_fields.items()))
    if "titles" in fields:
        settings.titles = reader.text(fields["titles"], schema.VOLUME["titles"].what, prose=False).strip()
        if settings.titles not in schema.TITLE_MODES:
            raise reader.fail(fields["titles"], f"titles 只能写 series（汇编标题加序号）或 own（每份报告用自己的标题），这里是“{settings.titles}”")
    if "show_unit" in fields:
        settings.show_unit = reader.flag(fields["show_unit"], schema.VOLUME["show_unit"].what)
    if "cover" in fields:
        settings.cover = _read_cover(reader, fields["cover"])
    if "problem_headings" in fields:
        key = schema.VOLUME["problem_headings"]
        words = reader.sequence(fields["problem_headings"], key.what)
        if not words:
            raise reader.fail(fields["problem_headings"], f"{key.what}是空的，至少要写一个词，如“问题”")
        settings.problem_words = [reader.text(n, f"{key.what}中的词").strip() for n in words]
    return settings, reader.warnings


def load_settings(folder: Path, entries: list[Path] | None = None) -> tuple[VolumeSettings, list[Finding]]:
    """The volume settings of the inputs ``folder``: its volume.yaml, or the defaults
    where it has none; ``entries``: the folder's, where already listed."""
    if entries is None:
        _refuse_no_folder(folder)
        entries = folder_entries(folder)
    settings_path = folder / SETTINGS_FILE
    if settings_path not in entries:
        return VolumeSettings(), []
    _refuse_outside_link(settings_path, folder)
    return read_settings(settings_path)


def load_inputs(folder: Path, settings_read: tuple[VolumeSettings, list[Finding]] | None = None) -> Inputs:
    """Read every report and the settings in ``folder`` into a volume, in volume order;
    ``settings_read``: what ``load_settings`` gave, where the settings were read first."""
    _refuse_no_folder(folder)
    entries = folder_entries(folder)
    settings_path = folder / SETTINGS_FILE
    settings, warnings = settings_read or load_settings(folder, entries)
    warnings = list(warnings)
    reports: list[Report] = []
    for path in _report_paths(entries):
        _refuse_outside_link(path, folder)
        report, report_warnings = read_report(path)
        warnings += report_warnings
        reports.append(report)
    if not reports:
        raise InputError(
            f"输入文件夹“{folder}”中没有报告（*.yaml）文件。"
            f"新建报告：docgen new 单位名称 --inputs {folder}；导入各社区发来的 Word 文件：docgen import 收到的报告 --out {folder}"
        )
    _check_unique_units(reports)
    ordered, order_warnings = _in_volume_order(reports, settings, settings_path)
    return Inputs(Volume(settings, ordered), warnings + order_warnings)


def _report_paths(entries: list[Path]) -> list[Path]:
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


def _check_unique_units(reports: list[Report]) -> None:
    """Two reports of one unit, even typed differently (NFC/NFD, full-width, a zero-width space)."""
    first: dict[str, Report] = {}
    for report in reports:
        key = same_unit_key(report.unit)
        if key in first:
            older, newer = sorted((first[key], report), key=_modified)
            alike = "" if older.unit == newer.unit else f"（与“{older.unit}”只差在全角半角或看不见的字符上）"
            raise InputError(
                f"单位“{newer.unit}”重复{alike}：{older.origin} 已经用过这个名称；请改用另一个名称，或删除其中一个文件",
                newer.origin,
            )
        first[key] = report


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
    listed: list[str] = []
    for unit in settings.order:
        key = same_unit_key(unit)
        if key not in by_key:
            close = difflib.get_close_matches(unit, [r.unit for r in reports], n=1)
            hint = f"，是不是“{close[0]}”？" if close else ""
            raise InputError(f"order 中的单位“{unit}”没有对应的报告文件{hint}", Origin(settings_path))
        if key in listed:
            raise InputError(f"order 中的单位“{unit}”写了两次", Origin(settings_path))
        listed.append(key)
    listed_set = set(listed)
    rest = [r for r in reports if same_unit_key(r.unit) not in listed_set]
    warnings = []
    if settings.order and rest:
        names = "、".join(r.unit for r in rest)
        warnings.append(Finding(NOT_IN_ORDER, Origin(settings_path), f"order 中没有列出 {names}，已按文件名排在最后"))
    return [by_key[key] for key in listed] + rest, warnings


def _compose(path: Path, text: str) -> yaml.Node | None:
    """The node tree of ``text``; an ``InputError`` naming the line where it is not YAML."""
    try:
        try:
            return yaml.compose(text, Loader=_FAST_LOADER)
        except yaml.MarkedYAMLError as exc:
            if _NESTING_LIMIT in str(exc.problem):
                raise RecursionError from None
            # libyaml is fast but says less, and refuses escapes Python reads (\ud800, dropped
            # later with a warning): the pure-Python parser has the last word.
            return yaml.compose(text, Loader=yaml.BaseLoader)
    except RecursionError:
        raise too_deep_error(path, text) from None
    except yaml.MarkedYAMLError as exc:
        raise syntax_error(path, exc, text) from None
    except yaml.YAMLError as exc:
        raise unmarked_error(path, text, exc) from None


def _unknown_key_message(key: str | None, what: str, keys: dict[str, bool]) -> str:
    allowed = "、".join(keys)
    if key is None:
        return f"{what}中的键必须是文字；可用的键：{allowed}"
    close = difflib.get_close_matches(key, list(keys), n=1, cutoff=0.5)
    hint = f"，是不是“{close[0]}”？" if close else f"；可用的键：{allowed}"
    return f"{what}中有不认识的键“{key}”{hint}"


def _shown(node: yaml.Node) -> str:
    """What a node is, as messages name it: 列表, 文字“……”."""
    if isinstance(node, yaml.MappingNode):
        return "“键: 值”"
    if isinstance(node, yaml.SequenceNode):
        return "列表"
    return f"文字“{node.value[:20]}”" if node.value else "空值"
