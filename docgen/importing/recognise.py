"""Plain paragraphs, as a 社区 typed them → reports of the model.

Every reader (text, Word) hands over the paragraphs it found; this module
skips a 目录 (typed, or a Word table of contents), splits a compiled volume
at its report titles (numbered ones of its series, or the titles its 目录
lists, found again in its body), and maps each report onto the model: its title and
unit line, 导语, sections (``sections``), closing lines and 落款 (``endings``),
saying in Chinese each guess it had to make.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from ..core import model
from ..core.findings import IMPORT_GUESS, IMPORT_SKIPPED, Finding
from ..core.model import Origin, Report, Signature
from ..core.numbering import ARABIC_DATES, NUMERAL_CHARS, NUMERAL_DATES, chinese_value
from ..core.sentences import SENTENCE_PUNCTUATION
from .cover import Cover, take_cover
from .endings import cover_date_of_line, issuer_of_line, take_ending, unit_of_line
from .markers import half_width_digits, split_marker
from .outline import ORDINAL_PART, colon_heading, line_heading, outline
from .paragraphs import Para
from .sections import SectionBuilder, heading_word

MAX_REPORT_TITLE_CHARS = 60  # a report title line is short: longer is a sentence of its body
MAX_TITLE_WITH_COMMA_CHARS = 30  # 凝心聚力，党建引领——东湖社区2024年工作总结
_TITLE_NUMBER = re.compile(rf"^(?P<series>.+?)\s*[（(]\s*(?P<number>[{NUMERAL_CHARS}\d]+)\s*[）)]$")
# A report's number in a volume title: a Chinese numeral, or digits in full-width
# brackets (…（12）); "(8)" at a line's end is a page or a count.
_REPORT_NUMBER = re.compile(rf"(?:[（(]\s*[{NUMERAL_CHARS}]+\s*[）)]|（\s*[0-9０-９]+\s*）)$")
_TOC_HEADING = re.compile(r"^目\s*录[：:]?$")
# A 目录 line: text, then a dot leader, a tab or spaces, then the page number.
_TOC_ENTRY = re.compile(r"^(?P<title>.+?)(?:\s*[.…·．_—\-]{2,}\s*|\t+\s*|\s{2,})(?P<page>\d{1,4})$")
MAX_TOC_START = 6  # a 目录 comes at most after a title, a unit line and a date or two
_ROW_HEADERS = {"序号", "编号", "序", "No.", "No"}
# 第1篇, 篇一: a 范文 site numbering the pages it copied a report into.
_PAGE_NUMBER = re.compile(r"^(?:第\s*[0-9一二三四五六七八九十]+\s*篇|篇\s*[0-9一二三四五六七八九十]+)\s*[：:、.．]?\s*")
_OUTLINE_HEADING = re.compile(r"^(?:提\s*纲|内容提要|目\s*录)[：:]?$")
MIN_OUTLINE_LINES = 2
# A cover's line its issuer signs: 中共××街道党工委组织部编印, ××街道党工委 编 (not …汇编).
_ISSUED = re.compile(r"^(?P<unit>.+?)(?:\s*(?:编印|印发|编制)|\s+[编印])$")
MAX_ISSUER_CHARS = 30
_UNIT_WORDS = ("社区", "街道", "党委", "党工委", "党支部", "党总支", "居委会", "村委会", "办事处")  # in a report's own title
_TITLE_ENDINGS = ("总结", "报告", "汇报", "材料", "情况", "问题", "述职", "计划", "打算", "方案", "亮点", "做法", "体会", "剖析", "工作")


@dataclass
class Recognised:
    """One report found in a file, with what the recogniser had to guess."""

    report: Report
    title: str | None = None
    unit_line: str | None = None
    notes: list[Finding] = field(default_factory=list)

    @property
    def series_title(self) -> str | None:
        """The volume a numbered title (…（三）) belongs to; None for a report's own title."""
        match = _TITLE_NUMBER.match(self.title or "")
        return match.group("series") if match and _numbers_a_report(self.title) else None

    @property
    def title_number(self) -> int | None:
        """The report's number in last year's volume: 3 for …（三）."""
        match = _TITLE_NUMBER.match(self.title or "")
        if not match:
            return None
        number = match.group("number")
        return int(number) if number.isdigit() else chinese_value(number)


@dataclass
class Recognition:
    """What one file holds: one report, or a compiled volume of many."""

    reports: list[Recognised]
    toc_lines: int = 0  # 目录 lines skipped (the heading included)
    toc_heading: str | None = None  # as typed: 目录, 目  录 …
    toc_lists_reports: bool = False  # the 目录 lists numbered report titles: a compiled volume's
    notes: list[Finding] = field(default_factory=list)  # what was left out of the file as a whole
    cover: model.Cover | None = None  # a compiled volume's cover page, before its 目录

    @property
    def is_volume(self) -> bool:
        return self.toc_lists_reports or len(self.reports) > 1

    @property
    def titled_by_series(self) -> bool:
        """A volume whose reports are titled 基层党建亮点工作及存在问题（一）, （二）…"""
        return self.toc_lists_reports or any(r.series_title for r in self.reports)


def recognise(paragraphs: list[Para], origin: Origin) -> Recognition:
    """Find the reports in the paragraphs of one file."""
    paragraphs = [p for p in paragraphs if p.text.strip()]
    word_toc = [p.text.strip() for p in paragraphs if p.in_toc]
    paragraphs = _without_header_rows([p for p in paragraphs if not p.in_toc])
    paragraphs = [replace(p, text=p.text.strip()) for p in paragraphs]
    cover = take_cover(paragraphs)
    if cover is not None:
        paragraphs = paragraphs[cover.lines:]
    start, end = _toc_span(paragraphs)
    toc_titles = [_toc_entry_title(text) for text in word_toc + [p.text for p in paragraphs[start:end]]]
    numbered = [title for title in toc_titles if _numbered_title_series(title)]
    body = paragraphs[:start] + paragraphs[end:]
    outline_lines = _outline_before_title(body)
    notes = [Finding(IMPORT_SKIPPED, origin, f"开头的 {outline_lines} 行提纲与正文的部分标题重复，已跳过")] if outline_lines else []
    body = body[outline_lines:]
    series = _numbered_title_series(numbered[0]) if numbered else _first_title_series(body)
    chunks = _split_reports(body, series)
    listed = _listed_reports(body, toc_titles) if len(chunks) == 1 and series is None and cover is None else None
    if listed is not None:
        chunks = listed.reports
    units = listed.units if listed is not None else [None] * len(chunks)
    reports = [_report(chunk, origin, cover if number == 0 else None, units[number]) for number, chunk in enumerate(chunks)]
    typed_heading = [paragraphs[start].text] if end > start and _is_toc_heading(paragraphs[start].text) else []
    heading = next((text for text in word_toc + typed_heading if _is_toc_heading(text)), None)
    return Recognition(reports, len(word_toc) + end - start, heading, bool(numbered), notes, listed.cover if listed else None)


def _without_header_rows(paragraphs: list[Para]) -> list[Para]:
    """A table of items loses its header row (序号 | 问题 | 措施): it names columns, it is no text."""
    header_rows = {p.row for p in paragraphs if p.row is not None and p.column == 0 and p.text.strip() in _ROW_HEADERS}
    return [p for p in paragraphs if p.row is None or p.row not in header_rows]


# --- the 目录 -----------------------------------------------------------------


def _is_toc_heading(text: str) -> bool:
    return bool(_TOC_HEADING.match(text.replace("\u3000", " ")))


def _toc_span(paragraphs: list[Para]) -> tuple[int, int]:
    """Where a typed 目录 is (heading and entries), as (start, end); (0, 0) if there is none."""
    if paragraphs and not _is_toc_heading(paragraphs[0].text) and _is_volume_toc_entry(paragraphs[0].text):
        return 0, _volume_toc_end(paragraphs, 0)
    for start, paragraph in enumerate(paragraphs[:MAX_TOC_START]):
        if _is_toc_heading(paragraph.text):
            if start == 0:
                return 0, _volume_toc_end(paragraphs, 1)
            end = start + 1
            while end < len(paragraphs) and _TOC_ENTRY.match(half_width_digits(paragraphs[end].text)):
                end += 1
            return start, end
    return 0, 0


def _volume_toc_end(paragraphs: list[Para], end: int) -> int:
    """Where a 目录 at the start of a file ends: its entries may be any titles with page
    numbers, or a compiled volume's numbered titles without them."""
    while end < len(paragraphs) and (
        _TOC_ENTRY.match(half_width_digits(paragraphs[end].text)) or is_numbered_title(paragraphs[end].text)
    ):
        end += 1
    # A 目录 without page numbers lists bare titles; the last of them that
    # content follows is the first report's own title, not an entry.
    if end > 1 and not _TOC_ENTRY.match(half_width_digits(paragraphs[end - 1].text)):
        end -= 1
    return end


def _toc_entry_title(text: str) -> str:
    match = _TOC_ENTRY.match(half_width_digits(text))
    return text[: len(match.group("title"))].strip() if match else text.strip()


def _is_volume_toc_entry(text: str) -> bool:
    match = _TOC_ENTRY.match(half_width_digits(text))
    return bool(match) and is_numbered_title(match.group("title").strip())


def is_numbered_title(text: str) -> bool:
    """基层党建亮点工作及存在问题（三）: a report title with its number in the volume."""
    return _numbered_title_series(text) is not None


def _numbered_title_series(text: str) -> str | None:
    """The series a numbered report title belongs to (its text before （三）); None for other lines.

    A line ending in "(8)" is a page or a count, not a title (see ``_REPORT_NUMBER``).
    """
    if len(text) > MAX_REPORT_TITLE_CHARS or SENTENCE_PUNCTUATION.search(text) or split_marker(text)[0] is not None:
        return None
    match = _TITLE_NUMBER.match(text)
    return match.group("series") if match and _numbers_a_report(text) else None


def _numbers_a_report(title: str) -> bool:
    return bool(_REPORT_NUMBER.search(title))


def _outline_before_title(paragraphs: list[Para]) -> int:
    """How many lines at the start are an outline of the report (一、基本情况 / 二、主要做法 …,
    perhaps under 提纲): numbered heading lines, each of them found again further down."""
    start = 1 if paragraphs and _OUTLINE_HEADING.match(paragraphs[0].text) else 0
    end = start
    while end < len(paragraphs) and _is_outline_line(paragraphs[end].text):
        end += 1
    if end - start < MIN_OUTLINE_LINES:
        return 0
    later = {_plain(p.text) for p in paragraphs[end:]}
    return end if all(_plain(p.text) in later for p in paragraphs[start:end]) else 0


def _is_outline_line(text: str) -> bool:
    marker, rest = split_marker(text)
    return (marker is not None or ORDINAL_PART.match(text) is not None) and line_heading(rest) is not None


def _plain(text: str) -> str:
    return "".join(text.split()).rstrip("：:")


# --- the reports of a volume ---------------------------------------------------------


def _first_title_series(paragraphs: list[Para]) -> str | None:
    return _numbered_title_series(paragraphs[0].text) if paragraphs else None


def _split_reports(paragraphs: list[Para], series: str | None) -> list[list[Para]]:
    """Each title line of the volume's series (…（二）, …（三）) after a report's body starts another report."""
    chunks: list[list[Para]] = [[]]
    body_started = False
    for paragraph in paragraphs:
        if body_started and series and _numbered_title_series(paragraph.text) == series:
            chunks.append([])
            body_started = False
        chunks[-1].append(paragraph)
        body_started = body_started or not (unit_of_line(paragraph.text) or _is_title_line(paragraph.text))
    return [chunk for chunk in chunks if chunk]


@dataclass
class _Listed:
    """A volume whose 目录 lists its reports by their own titles."""

    cover: model.Cover | None  # what comes before the first report
    reports: list[list[Para]]  # each from its title on
    units: list[str | None]  # each report's unit line, where the 目录 lists it after its title


def _listed_reports(body: list[Para], toc_titles: list[str]) -> _Listed | None:
    """The reports a 目录 lists by their own titles, where the body bears the 目录 out; else None.

    Each entry that can be a report title is found again as a line of the body, in the 目录's
    order (an entry on the line right after the one before is that report's unit line); two
    reports at least, each opening as a report does (its unit under its title, or named in a
    title that ends as titles do) and holding a part of its own (亮点, 问题 …), and before
    the first nothing but a cover's lines: else the file is read as one report, as before.
    """
    listed = [title for title in toc_titles if _is_title_line(title) and not unit_of_line(title)]
    starts: list[int] = []
    units: list[str | None] = []
    position = 0
    for title in listed:
        found = next((i for i in range(position, len(body)) if _plain(body[i].text) == _plain(title)), None)
        if found is None:
            return None
        if starts and found == position and found == starts[-1] + 1 and units[-1] is None:
            units[-1] = body[found].text  # the unit line under the title before
        else:
            starts.append(found)
            units.append(None)
        position = found + 1
    reports = [body[begin:end] for begin, end in zip(starts, [*starts[1:], len(body)])]
    if len(reports) < 2 or not all(
        _opens_a_report(report, unit) and any(_names_a_part(p.text) for p in report) for report, unit in zip(reports, units)
    ):
        return None
    front = body[: starts[0]]
    if not all(_is_title_line(p.text) or _issuer(p.text) or cover_date_of_line(p.text) for p in front):
        return None
    return _Listed(_volume_cover(front), reports, units)


def _opens_a_report(report: list[Para], unit: str | None) -> bool:
    """A report's first line is its title, and its unit is on the line under it (``unit``: the
    one the 目录 lists there) or named in the title, which ends as titles do (东湖社区党建工作总结);
    a report's own themed headings (党建引领聚合力) are neither."""
    title = report[0].text
    if unit is not None or (len(report) > 1 and unit_of_line(report[1].text)):
        return True
    return title.endswith(_TITLE_ENDINGS) and any(word in title for word in _UNIT_WORDS)


def _names_a_part(text: str) -> bool:
    """一、亮点工作, 存在问题, 存在的主要问题：一是…: a line opening a part of a report."""
    return heading_word(split_marker(text)[1], marked=False) is not None or colon_heading(text) is not None


def _volume_cover(front: list[Para]) -> model.Cover | None:
    """The cover a volume's first lines make: its title (over one line or more), 编印单位, date."""
    lines = [(p.text, _issuer(p.text), cover_date_of_line(p.text)) for p in front]
    title = "".join(text for text, issuer, date in lines if not issuer and not date)
    if not title:
        return None
    unit = next((issuer for _, issuer, _ in lines if issuer), "")
    dated, date = next(((text, date) for text, _, date in lines if date), ("", None))
    style = NUMERAL_DATES if dated and not any(c.isdigit() for c in dated) else ARABIC_DATES
    return model.Cover(title=title, unit=unit, date=date, date_style=style, origin=front[0].origin)


def _issuer(text: str) -> str | None:
    """The 编印单位 a cover's line names: a unit's line, or one it signs (…组织部编印, …党工委 编)."""
    issued = _ISSUED.match(text.strip())
    if issued and len(issued["unit"]) <= MAX_ISSUER_CHARS and not SENTENCE_PUNCTUATION.search(text):
        return issued["unit"]
    return issuer_of_line(text)


# --- one report ---------------------------------------------------------------


def _report(paragraphs: list[Para], origin: Origin, cover: Cover | None = None, listed_unit: str | None = None) -> Recognised:
    """One report; ``listed_unit``: the line under its title a volume's 目录 lists as its unit."""
    recognised = Recognised(Report(unit="", origin=origin))
    if cover is not None:
        recognised.title, recognised.unit_line = cover.title, cover.unit
    rest = _take_head(paragraphs, recognised, listed_unit)
    if recognised.title is None:
        recognised.notes.append(Finding(IMPORT_GUESS, origin, "没有找到标题行，标题将按汇编的设置生成"))
    body, closing, signature = take_ending(rest, origin, recognised.notes)
    if cover is not None:
        signature = _signed_on_cover(signature, cover, recognised)
    builder = SectionBuilder(recognised.notes, origin, outline(body))
    for paragraph in body:
        builder.add(paragraph)
    report = recognised.report
    report.sections = builder.finish()
    report.intro, report.body, report.closing, report.signature = builder.intro, builder.body, closing, signature
    return recognised


def _take_head(paragraphs: list[Para], recognised: Recognised, listed_unit: str | None = None) -> list[Para]:
    """The title and a line naming the unit, in either order, taken off the start; the rest.

    A title typed over two lines (东湖社区2024年度 / 基层党建工作总结) is one; a 范文
    site's page number before it (第1篇) is no part of it; a cover's title again is not read twice.
    """
    rest = paragraphs
    while rest:
        text = rest[0].text
        if recognised.unit_line is None and (unit_of_line(text) or text == listed_unit):
            recognised.unit_line = unit_of_line(text) or text
        elif recognised.title is not None and _plain(text) == _plain(recognised.title):
            pass  # the cover's title at the top of the first page
        elif recognised.title is None and _is_title_line(text):
            recognised.title = _without_page_number(text, rest[0], recognised)
            if len(rest) > 1 and _continues_title(recognised.title, rest[1].text):
                recognised.title += rest[1].text
                rest = rest[1:]
        else:
            break
        rest = rest[1:]
    return rest


def _without_page_number(title: str, paragraph: Para, recognised: Recognised) -> str:
    match = _PAGE_NUMBER.match(title)
    if not match or not title[match.end():].strip():
        return title
    recognised.notes.append(Finding(IMPORT_GUESS, paragraph.origin, f"标题前的“{match.group(0).strip()}”像是网页上的篇目编号，已去掉"))
    return title[match.end():].strip()


def _continues_title(title: str, text: str) -> bool:
    """Whether ``text`` is the second line of a title broken in two: the first does not end
    as a title does, the second does."""
    return (
        not title.endswith(_TITLE_ENDINGS) and text.endswith(_TITLE_ENDINGS)
        and _is_title_line(text) and not unit_of_line(text)
        and len(title) + len(text) <= MAX_REPORT_TITLE_CHARS
    )


def _signed_on_cover(signature: Signature | None, cover: Cover, recognised: Recognised) -> Signature | None:
    """A report whose end has no 落款 (or no date in it) is signed as its cover says, and that is said."""
    if signature is None and (cover.person or cover.date):
        signature = Signature(unit=cover.person or "", date=cover.date, origin=recognised.report.origin)
    elif signature is not None and signature.date is None and cover.date:
        signature.date = cover.date
    else:
        return signature
    recognised.notes.append(Finding(IMPORT_GUESS, recognised.report.origin, "文末没有完整的落款，署名和日期取自封面，请核对"))
    return signature


def _is_title_line(text: str) -> bool:
    """A line that can be a title: short, no sentence (no 。, no "……如下：", no long clause run)."""
    return (
        len(text) <= MAX_REPORT_TITLE_CHARS
        and "。" not in text
        and not text.endswith(("：", ":"))
        and not ("，" in text and len(text) > MAX_TITLE_WITH_COMMA_CHARS)
        and split_marker(text)[0] is None
        and heading_word(text, marked=False) is None
        and not _is_toc_heading(text)
    )
