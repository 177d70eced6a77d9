"""The model → YAML inputs as a person would write them in Notepad.

Short text goes in plain scalars, body text in ``|`` blocks with one line a
paragraph, and nothing is quoted unless YAML needs it. What this writes,
``yaml_reader`` reads back to the same model.
"""

from __future__ import annotations

import json
import re

from ..core.model import Cover, Report, Section, Signature, VolumeSettings
from ..core.numbering import chinese_date
from ..core.schema import DEFAULT_ITEM_STYLE

# A plain scalar may not start with a YAML indicator, nor hold ": " or " #",
# nor end in ":" or a space; anything else Chinese text contains is fine.
_UNSAFE_PLAIN = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: |\s#|:$|\s$|[\n\t]")


def report_yaml(report: Report, header: list[str] = ()) -> str:
    lines = [f"# {line}" for line in header]
    if report.title:
        lines.append(f"title: {scalar(report.title)}")
    lines.append(f"unit: {scalar(report.unit)}")
    if report.intro:
        lines += _block("intro", report.intro, 2)
    lines.append("sections:")
    for section in report.sections:
        lines += _section_lines(section)
    if report.closing:
        lines += _block("closing", report.closing, 2)
    if report.signature:
        lines += _signature_lines(report.signature)
    return "\n".join(lines) + "\n"


def _signature_lines(signature: Signature) -> list[str]:
    return ["signature:", *_unit_and_date(signature)]


def _cover_lines(cover: Cover) -> list[str]:
    return ["# 封面：标题、编印单位和日期", "cover:", f"  title: {scalar(cover.title)}", *_unit_and_date(cover)]


def _unit_and_date(part: Signature | Cover) -> list[str]:
    """The unit and date lines a 落款 and a cover both have, each where it is given."""
    lines = []
    if part.unit:
        lines.append(f"  unit: {scalar(part.unit)}")
    if part.date:
        lines.append(f"  date: {chinese_date(part.date)}")
    return lines


def _section_lines(section: Section) -> list[str]:
    lines = [f"  - heading: {scalar(section.heading)}"]
    if section.numbering != DEFAULT_ITEM_STYLE or section.items:
        lines.append(f"    numbering: {section.numbering}")
    if section.run_in:
        lines.append("    run_in: true   # 各条接排在同一段里")
    if section.lead:
        lines += _block("    lead", section.lead, 6)
    if section.items:
        lines.append("    items:")
    for item in section.items:
        lines.append(f"      - title: {scalar(item.title)}")
        if item.paragraphs:
            lines += _block("        text", item.paragraphs, 10)
    return lines


def settings_yaml(settings: VolumeSettings, header: list[str] = ()) -> str:
    lines = [f"# {line}" for line in header]
    if settings.titles == "own":
        lines.append("# 汇编的标题（汇编文件的名称）；各报告用自己的标题，见下面的 titles")
    else:
        lines.append("# 汇编的标题：每份报告的标题是它加上序号，如“……（一）”")
    lines.append(f"series_title: {scalar(settings.series_title)}")
    lines.append("# 目录页的标题")
    lines.append(f"toc_heading: {scalar(settings.toc_heading)}")
    if settings.order:
        lines.append("# 报告在汇编中的顺序（写单位名称）")
        lines.append("order:")
        lines += [f"  - {scalar(unit)}" for unit in settings.order]
    if settings.titles != "series":
        lines.append("# 每份报告用它自己的标题（各报告文件中的 title）")
        lines.append(f"titles: {settings.titles}")
    if settings.show_unit:
        lines.append("# 每份报告的标题下和目录中写上单位名称")
        lines.append("show_unit: true")
    if settings.cover:
        lines += _cover_lines(settings.cover)
    if settings.fonts:
        lines.append("fonts:")
        lines += [f"  {use}: {scalar(face)}" for use, face in settings.fonts.items()]
    return "\n".join(lines) + "\n"


def scalar(text: str) -> str:
    """``text`` as a one-line YAML value: plain where YAML allows, else double-quoted.

    A JSON string is a valid YAML double-quoted scalar, escapes and all.
    """
    if text and not _UNSAFE_PLAIN.search(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _block(key: str, paragraphs: list[str], indent: int) -> list[str]:
    return [f"{key}: |"] + [" " * indent + paragraph for paragraph in paragraphs]
