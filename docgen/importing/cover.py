"""A report's cover page: its title set large, often one character a line
(述 / 职 / 报 / 告), and the lines 申请人：… 单位：… 日期：… under it. They
give the report's title, its unit and, where its end has no 落款, its 署名
and date; the title repeated at the top of the next page is not read twice.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

from .endings import date_of_line, unit_of_line
from .paragraphs import Para

_CHARACTER_LINE = re.compile(r"^[\u4e00-\u9fff]{1,2}$")
MIN_TITLE_CHARACTERS = 3  # 述 / 职 / 报 / 告: a title set a character (or two) a line
MAX_COVER_LINES = 30
MIN_LABELLED_LINES = 2  # a cover without a title set apart still has two of its labelled lines
_LABELLED = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,6})\s*[：:]\s*(?P<value>.+)$")
_PERSON_LABELS = {"申请人", "报告人", "述职人", "汇报人", "姓名", "填报人", "总结人", "撰写人"}
_UNIT_LABELS = {"单位", "报告单位", "申报单位", "所在单位", "工作单位", "填报单位", "申请单位", "汇报单位", "部门", "所在部门"}
_DATE_LABELS = {"日期", "时间", "填报日期", "报告日期", "申报日期", "汇报日期", "申请日期", "报告时间"}
_OTHER_LABELS = {"职务", "职称", "岗位", "类别", "编号", "项目名称", "联系电话"}


@dataclass
class Cover:
    """What a report's cover says; ``lines``: how many paragraphs it takes."""

    lines: int
    title: str | None = None
    unit: str | None = None
    person: str | None = None
    date: datetime.date | None = None


def take_cover(paragraphs: list[Para]) -> Cover | None:
    """The cover page the paragraphs start with, or None where they start with the report."""
    cover = Cover(lines=0)
    labelled = 0
    index = 0
    while index < min(len(paragraphs), MAX_COVER_LINES):
        run = _character_run(paragraphs, index)
        if run and cover.title is None:
            cover.title = "".join(p.text.strip() for p in run)
            index += len(run)
            continue
        if not _cover_line(paragraphs[index].text, cover):
            break
        labelled += 1
        index += 1
    if cover.title is None and labelled < MIN_LABELLED_LINES:
        return None
    cover.lines = index
    return cover


def _character_run(paragraphs: list[Para], start: int) -> list[Para]:
    run = []
    for paragraph in paragraphs[start:]:
        if not _CHARACTER_LINE.match(paragraph.text.strip().replace(" ", "").replace("\u3000", "")):
            break
        run.append(paragraph)
    return run if len(run) >= MIN_TITLE_CHARACTERS else []


def _cover_line(text: str, cover: Cover) -> bool:
    """Whether ``text`` is a line of a cover (labelled, a date, the unit), recording what it says."""
    text = text.strip()
    labelled = _LABELLED.match(text)
    if labelled:
        label, value = labelled["label"], labelled["value"].strip()
        if label in _PERSON_LABELS and len(value) <= 10:
            cover.person = value
        elif label in _UNIT_LABELS:
            cover.unit = unit_of_line(value) or value
        elif label in _DATE_LABELS and date_of_line(value):
            cover.date = date_of_line(value)
        elif label not in _OTHER_LABELS:
            return False
        return True
    if date_of_line(text):
        cover.date = date_of_line(text)
        return True
    if cover.title is not None and unit_of_line(text):
        cover.unit = unit_of_line(text)
        return True
    return False
