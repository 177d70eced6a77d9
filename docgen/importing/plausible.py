"""Whether the paragraphs of a file are a report at all, told by evidence.

A report shows itself by its headings (一、, 第一部分, （一）, 1., short lines set
apart), by the words of a work report (工作、成效、做法、亮点、问题、不足、下一步、
整改、打算) and by a title or a 落款. What is no report is refused with the
reason, by what it shows of its own kind: a résumé's fields (姓名/性别/出生年月),
a form or timetable made of table cells, the heads of minutes (会议时间/参会人员),
a notice (各…： / 特此通知), a contract (甲方/乙方), a manual or spec (版本/功能/步骤),
a paper (摘要/关键词/参考文献), a news story (记者/讯). A text with neither a
report's signs nor another kind's is refused too; so are letters in other scripts.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass

from ..core.model import Origin
from ..core.numbering import SECTION_STYLE
from .endings import take_ending
from .markers import split_marker
from .outline import ORDINAL_PART, line_heading, names_a_part, outline, set_apart_heading
from .paragraphs import Para
from .sections import KNOWN_HEADINGS, heading_word

_IDEOGRAPH = re.compile("[\u4e00-\u9fff\u3400-\u4dbf]")
_KANA = re.compile("[\u3040-\u30ff]")
MAX_KANA_SHARE = 0.05  # Chinese text may quote a の; Japanese is a third kana or more
# The words of a work report; a report uses several of them.
REPORT_WORDS = ("工作", "成效", "做法", "亮点", "问题", "不足", "下一步", "整改", "打算", "党建", "措施", "经验")
MIN_REPORT_WORDS = 3
MANY_REPORT_WORDS = 6  # a text using this many of them is a report, whatever its shape
NOT_A_REPORT = "没有找到 一、二、 这样的标题，也没有 亮点/问题等字样，不像是报告"
# A title that says it is a report: 工作总结, 述职报告, 情况汇报, 亮点及存在问题 …
_REPORT_TITLE = re.compile(r"总结|报告|汇报|述职|情况|亮点|问题|材料|剖析|对照检查|工作|经验|做法|成效|回顾|打算")
MAX_TITLE_CHARS = 60
TITLE_LINES = 4  # a title is among the first lines

MIN_FIELDS = 4  # of a résumé
MAX_FIELD_LINE_CHARS = 80  # a line giving a field (姓名：张某) is short; a paragraph of text is not one
MIN_MINUTES_HEADS = 3
MIN_MANUAL_WORDS = 5
MIN_PAPER_HEADS = 2
MOSTLY_CELLS = 0.6
MIN_CELLS = 8
BLANK_FORM_SHARE = 0.3


@dataclass
class Evidence:
    """What a file shows of a report."""

    headings: int  # lines that read as section headings
    part_headings: int  # of them, those naming a part of a report (主要做法, 存在问题)
    words: list[str]  # the work-report words it uses
    title: str | None  # a first line that names a report
    signed: bool  # it ends in a 落款

    @property
    def strong(self) -> bool:
        """Clearly a report, though it shows a sign of another kind a report may show too."""
        return bool(self.title) and self.part_headings >= 1 and len(self.words) >= MIN_REPORT_WORDS + 1

    @property
    def enough(self) -> bool:
        """Headings naming a report's parts; or other headings, a title or a 落款 with a report's
        words; or many of the words."""
        return (
            self.part_headings >= 1
            or (self.headings >= 1 and len(self.words) >= 2)
            or (self.title is not None and (self.signed or len(self.words) >= 2))
            or (self.signed and len(self.words) >= MIN_REPORT_WORDS)
            or len(self.words) >= MANY_REPORT_WORDS
        )


def why_not_a_report(paragraphs: list[Para]) -> str | None:
    """The reason the paragraphs are no report, or None if they may well be one."""
    text = "\n".join(p.text for p in paragraphs)
    ideographs, kana = len(_IDEOGRAPH.findall(text)), len(_KANA.findall(text))
    if ideographs == 0:
        return "文件中没有中文，不像是报告"
    if kana > MAX_KANA_SHARE * (ideographs + kana):
        return "文件中的文字是日文，不像是报告"
    evidence = report_evidence(paragraphs, text)
    for kind, a_report_may_show_it in _KINDS:
        if a_report_may_show_it and evidence.strong:
            continue
        reason = kind(paragraphs, text, evidence)
        if reason:
            return reason
    return None if evidence.enough else NOT_A_REPORT


def report_evidence(paragraphs: list[Para], text: str) -> Evidence:
    body = [p for p in paragraphs if not p.in_toc]
    headings = [p.text for p in body if _reads_as_heading(p)]
    planned = outline(body).headings
    headings += [heading.word for heading in planned.values()]
    words = [word for word in REPORT_WORDS if word in text]
    title = next((p.text for p in body[:TITLE_LINES] if _names_a_report(p.text)), None)
    _, _, signature = take_ending(body, Origin(), [])
    return Evidence(len(headings), sum(1 for h in headings if names_a_part(h)), words, title, signature is not None)


def _reads_as_heading(paragraph: Para) -> bool:
    """一、主要工作完成情况, 第一部分 工作成效, a heading word alone on its line (亮点工作), a line set apart."""
    marker, rest = split_marker(paragraph.text.strip())
    if marker is not None and marker.style == SECTION_STYLE:
        return line_heading(rest, full_stop=True) is not None
    if ORDINAL_PART.match(paragraph.text) and line_heading(paragraph.text) is not None:
        return True
    if marker is not None:
        return heading_word(rest, marked=False) in KNOWN_HEADINGS
    return heading_word(rest, marked=False) is not None or set_apart_heading(paragraph) is not None


def _names_a_report(text: str) -> bool:
    return len(text) <= MAX_TITLE_CHARS and "。" not in text and bool(_REPORT_TITLE.search(text)) and not _OTHER_TITLE.search(text)


# --- what other kinds of documents show ------------------------------------------------------

_OTHER_TITLE = re.compile(r"简历|通知|通告|公告|启事|合同|协议书|会议记录|会议纪要|说明书|手册|需求规格|课程表|时间表|安排表|登记表|申请表|报名表|论文")
_RESUME_FIELDS = (
    ("姓名",), ("性别",), ("出生年月", "出生日期", "出生年月日"), ("民族",), ("籍贯",), ("学历", "最高学历"),
    ("毕业院校", "毕业学校"), ("专业",), ("联系电话", "手机", "电话"), ("政治面貌",), ("求职意向",),
    ("工作经历", "工作经验"), ("教育背景", "教育经历"), ("自我评价",), ("电子邮箱", "邮箱", "E-mail"), ("婚姻状况",),
)
_MINUTES_HEADS = (
    ("会议时间",), ("会议地点", "地点"), ("参会人员", "参加人员", "出席人员", "与会人员", "出席"), ("主持人", "主持"),
    ("记录人", "记录"), ("缺席人员", "请假人员", "缺席"), ("会议议题", "会议主题", "会议内容", "议题"),
)
_MANUAL_WORDS = (
    "版本", "功能", "步骤", "点击", "单击", "菜单", "按钮", "安装", "登录", "界面", "模块", "需求", "接口",
    "配置", "参数", "用户名", "密码", "下载", "软件", "系统要求", "操作说明", "输入框", "数据库",
)
_PAPER_HEADS = re.compile(r"^[【\[]?\s*(?:摘\s*要|关键词|关键字|参考文献|Abstract|Key\s*words)\s*[】\]]?\s*[：:]?", re.IGNORECASE)
_NEWS = re.compile(
    r"^(?:本报讯|本网讯|[\u4e00-\u9fff]{0,10}讯\s*[（(]\s*(?:记者|通讯员))|[（(]\s*(?:记者|通讯员)\s*[\u4e00-\u9fff]{2,}"
    r"|(?:记者|通讯员)\s*[\u4e00-\u9fff]{2,4}\s*(?:报道|摄)|责任编辑\s*[：:]|新华社.{0,12}电"
)
_SALUTATION = re.compile(r"^各[\u4e00-\u9fff、]{1,30}[：:]$")
_NOTICE_WORDS = re.compile(r"特此通知|通知如下|现将.{0,30}通知")
_BLANK = re.compile(r"_{3,}|＿{2,}|[：:]\s*$|（\s{2,}）")


def _fields_present(paragraphs: list[Para], groups: tuple[tuple[str, ...], ...]) -> list[str]:
    """The groups of field names some line or cell starts with (姓名：…, 性别 | 男), by each group's first name."""
    short = [p.text.strip() for p in paragraphs if len(p.text.strip()) <= MAX_FIELD_LINE_CHARS]
    return [group[0] for group in groups if any(_field_pattern(group).search(text) for text in short)]


@functools.cache
def _field_pattern(group: tuple[str, ...]) -> re.Pattern:
    names = "|".join(re.escape(name) for name in group)
    return re.compile(rf"^[【\[]?(?:{names})\s*(?:[】\]：:\s]|$)|\s(?:{names})\s*[：:]")


def _resume(paragraphs: list[Para], text: str, evidence: Evidence) -> str | None:
    fields = _fields_present(paragraphs, _RESUME_FIELDS)
    if len(fields) >= MIN_FIELDS or (re.search("简历", _first_lines(paragraphs)) and len(fields) >= 2):
        return f"像是简历（有“{'”“'.join(fields[:3])}”等栏目），不是报告"
    return None


def _minutes(paragraphs: list[Para], text: str, evidence: Evidence) -> str | None:
    heads = _fields_present(paragraphs, _MINUTES_HEADS)
    titled = re.search("会议记录|会议纪要|会议简报", _first_lines(paragraphs))
    if len(heads) >= MIN_MINUTES_HEADS or (titled and heads):
        return f"像是会议记录（有“{'”“'.join(heads[:3]) or '会议记录'}”等），不是报告"
    return None


def _notice(paragraphs: list[Para], text: str, evidence: Evidence) -> str | None:
    first = _first_lines(paragraphs)
    salutation = any(_SALUTATION.match(p.text.strip()) for p in paragraphs[:TITLE_LINES + 2])
    if re.search(r"(?:通知|通告|公告|启事)\s*$", first.split("\n")[0] if first else "") or (
        _NOTICE_WORDS.search(text) and (salutation or evidence.title is None)
    ) or (salutation and "通知" in text):
        return "像是通知（“各……：”“特此通知”），不是报告"
    return None


def _contract(paragraphs: list[Para], text: str, evidence: Evidence) -> str | None:
    if (text.count("甲方") >= 2 and text.count("乙方") >= 2) or re.search("合同|协议书", _first_lines(paragraphs)) and "甲方" in text:
        return "像是合同或协议（有“甲方”“乙方”），不是报告"
    return None


def _manual(paragraphs: list[Para], text: str, evidence: Evidence) -> str | None:
    words = [word for word in _MANUAL_WORDS if word in text]
    titled = re.search("说明书|手册|需求规格|需求说明|技术文档|操作指南|使用指南|规格说明|设计说明", _first_lines(paragraphs))
    if len(words) >= MIN_MANUAL_WORDS or (titled and len(words) >= 2):
        return f"像是说明书、手册或技术文档（有“{'”“'.join(words[:3])}”等），不是报告"
    return None


def _paper(paragraphs: list[Para], text: str, evidence: Evidence) -> str | None:
    heads = {re.sub(r"[\s【】\[\]：:]", "", m.group(0)).lower() for p in paragraphs if (m := _PAPER_HEADS.match(p.text.strip()))}
    if len(heads) >= MIN_PAPER_HEADS:
        return "像是论文（有“摘要”“关键词”“参考文献”），不是报告"
    return None


def _news(paragraphs: list[Para], text: str, evidence: Evidence) -> str | None:
    if any(_NEWS.search(p.text.strip()) for p in paragraphs):
        return "像是新闻报道（有“记者”“讯”等），不是报告"
    return None


def _form(paragraphs: list[Para], text: str, evidence: Evidence) -> str | None:
    in_rows = {p.row for p in paragraphs if p.row is not None and p.column > 0}
    cells = [p for p in paragraphs if p.row in in_rows]
    if len(cells) >= MIN_CELLS and sum(len(p.text) for p in cells) >= MOSTLY_CELLS * max(1, len(text)):
        return f"文件的文字大多在表格里（{len(cells)} 个单元格），像是表格（如登记表、课程表、时间安排表），不是报告"
    blanks = [p for p in paragraphs if _BLANK.search(p.text)]
    if len(paragraphs) >= MIN_CELLS and len(blanks) >= BLANK_FORM_SHARE * len(paragraphs) and not evidence.part_headings:
        return "像是一张待填写的表格（很多“____”“：”后面是空的），不是报告"
    return None


def _first_lines(paragraphs: list[Para]) -> str:
    return "\n".join(p.text.strip() for p in paragraphs[:TITLE_LINES])


# Each kind, and whether a report may show its signs too (a 述职报告 opening with a table of
# its writer, a report on a 智慧党建 system's 功能): then a clear report's evidence outweighs them.
_KINDS: tuple[tuple[Callable[[list[Para], str, Evidence], str | None], bool], ...] = (
    (_form, True), (_resume, True), (_minutes, False), (_notice, False), (_contract, False),
    (_paper, False), (_news, False), (_manual, True),
)
