"""The model → YAML inputs as a person would write them in Notepad.

Short text goes in plain scalars, body text in ``|`` blocks with one line a
paragraph, and nothing is quoted unless YAML needs it. What this writes,
``yaml_reader`` reads back to the same model.

Text can hold what YAML reads as the end of a line (U+2028, U+2029, U+0085,
a carriage return) or cannot hold at all (control characters): such text is
written double-quoted with those characters escaped, and in a comment they
are escaped too, so no text — a file name least of all — ever ends a comment
or a value early and writes YAML of its own.
"""

from __future__ import annotations

import re

from ..core.model import DEFAULT_PROBLEM_WORDS, Cover, Report, Section, Signature, VolumeSettings
from ..core.numbering import chinese_date
from ..core.schema import ARABIC_DATES, DEFAULT_ITEM_STYLE

# What must be escaped to stand in a YAML file: everything YAML cannot hold or reads as a
# line break, the BOM, and (inside double quotes) the quote and the backslash.
_ESCAPED = re.compile('[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff"\\\\]')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_IN_A_COMMENT = re.compile('[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]')
_NOT_IN_A_BLOCK = re.compile('[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]')
# A plain scalar may not start with a YAML indicator, nor hold ": " or " #",
# nor end in ":" or a space, nor hold anything that must be escaped.
_UNSAFE_PLAIN = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: |\s#|:$|\s$|" + _ESCAPED.pattern)


def report_yaml(report: Report, header: list[str] = ()) -> str:
    lines = [comment(line) for line in header]
    if report.title:
        lines.append(f"title: {scalar(report.title)}")
    lines.append(f"unit: {scalar(report.unit)}")
    if report.intro:
        lines += _block("intro", report.intro, 2)
    if report.body:
        lines += _block("body", report.body, 2)
    if report.sections or not report.body:
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
    lines = ["# 封面：标题、编印单位和日期", "cover:", f"  title: {scalar(cover.title)}", *_unit_and_date(cover)]
    if cover.date_style != ARABIC_DATES:
        lines.append(f"  date_style: {cover.date_style}")
    return lines


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
    lines = [comment(line) for line in header]
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
    if settings.duplex:
        lines.append("# 双面印刷：目录和每份报告都从右手页开始")
        lines.append("duplex: true")
    if settings.cover:
        lines += _cover_lines(settings.cover)
    if settings.fonts:
        lines.append("fonts:")
        lines += [f"  {role}: {scalar(face)}" for role, face in settings.fonts.items()]
    if list(settings.problem_words) != list(DEFAULT_PROBLEM_WORDS):
        lines.append("# docgen summary 把标题含这些词的部分当作问题部分")
        lines.append("problem_headings:")
        lines += [f"  - {scalar(word)}" for word in settings.problem_words]
    return "\n".join(lines) + "\n"


def scalar(text: str) -> str:
    """``text`` as a one-line YAML value: plain where YAML allows, else double-quoted and escaped."""
    if text and not _UNSAFE_PLAIN.search(text):
        return text
    return quoted(text)


def quoted(text: str) -> str:
    """``text`` double-quoted, every character YAML could misread escaped (\\u2028 for U+2028)."""
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def comment(text: str) -> str:
    """``text`` as a YAML comment line that nothing in it can end early (an empty one a bare #)."""
    return f"# {_IN_A_COMMENT.sub(_escape, text)}".rstrip()


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"


def _block(key: str, paragraphs: list[str], indent: int) -> list[str]:
    """Paragraphs as a ``|`` block, one line each (trimmed, as they are read back); where one
    holds what a block cannot (a line break of its own, a control character), all of them
    as one escaped, quoted value."""
    if any(_NOT_IN_A_BLOCK.search(paragraph) for paragraph in paragraphs):
        return [f"{key}: {quoted(chr(10).join(paragraphs))}"]
    return [f"{key}: |"] + [" " * indent + paragraph.strip() for paragraph in paragraphs]
