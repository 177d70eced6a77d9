"""Reports as 社区 really send them, made from the sample inputs (inputs/*.yaml):
an own title, a unit line, 导语, sections with headings of their own words (one
with a trailing colon, one outside the usual words: 三、下一步工作打算), items with
deeper numbered points, 特此报告, 署名 and date — typed in a text file, in Word,
with full-width numbers, a table of contents, a table of items, or as .doc.
And a few files that are no reports at all.

Everything here is written independently of docgen's recogniser: the expected
parts are known from how the files were made.
"""

from __future__ import annotations

import datetime
import shutil
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

import docx
from docx.oxml import parse_xml

from docgen.inputs.yaml_reader import read_report
from support.import_forms import W_NS
from support.paths import SAMPLE_INPUTS

COMMUNITIES = ["东湖社区", "红旗社区", "长青社区", "幸福里社区", "南关社区", "北苑社区"]
DATE = datetime.date(2024, 12, 10)
FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


@dataclass
class Part:
    """A numbered item as the file types it: its lead sentence, its text, and deeper points."""

    title: str
    text: list[str] = field(default_factory=list)
    points: list[str] = field(default_factory=list)  # typed under it with deeper numbers


@dataclass
class Written:
    """One 社区's report as typed, part by part."""

    community: str
    title: str
    unit_line: str
    intro: list[str]
    headings: list[str]  # as the file types them after 一、, colon and all
    item_styles: list[str]  # "（一）" or "1." for each section
    items: list[list[Part]]
    closing: list[str]
    signature: str
    date: datetime.date = DATE

    @property
    def heading_words(self) -> list[str]:
        return [heading.rstrip("：") for heading in self.headings]

    def lines(self, full_width: bool = False, toc: bool = False) -> list[str]:
        """The report as lines, each a paragraph; ``toc``: with a typed 目录 after the unit line."""
        lines = [self.title, self.unit_line]
        if toc:
            lines += ["目  录"] + [f"{_section(n)}{h}……………{n}" for n, h in enumerate(self.heading_words, 1)]
        lines += self.intro
        for number, (heading, style, parts) in enumerate(zip(self.headings, self.item_styles, self.items), 1):
            lines.append(f"{_section(number)}{heading}")
            for position, part in enumerate(parts, 1):
                lines += part_lines(part, style, position, full_width)
        return lines + self.closing + [self.signature, f"{self.date.year}年{self.date.month}月{self.date.day}日"]


def _section(number: int) -> str:
    return "一二三四五六七八九十"[number - 1] + "、"


def _marker(style: str, number: int, full_width: bool) -> str:
    if style == "（一）":
        return f"（{'一二三四五六七八九十'[number - 1]}）"
    digits = str(number).translate(FULL_WIDTH) if full_width else str(number)
    return f"（{digits}）" if style == "（1）" else f"{digits}{'．' if full_width else '.'}"


def _deeper(style: str) -> str:
    return "1." if style == "（一）" else "（1）"


def part_lines(part: Part, style: str, position: int, full_width: bool) -> list[str]:
    first = _marker(style, position, full_width) + part.title + (part.text[0] if part.text else "")
    deeper = _deeper(style)
    points = [_marker(deeper, n, full_width) + point for n, point in enumerate(part.points, 1)]
    return [first] + part.text[1:] + points


def written_reports() -> list[Written]:
    """One realistic report for each of the first sample inputs, each of another 社区."""
    samples = sorted(SAMPLE_INPUTS.glob("示例单位*.yaml"))[: len(COMMUNITIES)]
    return [_written(read_report(path)[0], community) for path, community in zip(samples, COMMUNITIES)]


def _written(sample, community: str) -> Written:
    highlights = [i for s in sample.sections[:-1] for i in s.items] or sample.sections[0].items
    problems = sample.sections[-1].items
    parts = [Part(i.title, list(i.paragraphs)) for i in highlights]
    parts[0].points = [
        f"组织{community}党员开展主题党日活动12次，参与党员达到300余人次。",
        "建立党员志愿服务队4支，常态化开展便民服务。",
    ]
    return Written(
        community=community,
        title=f"{community}2024年基层党建工作亮点及存在问题",
        unit_line=f"{community}党委",
        intro=[
            f"2024年，{community}党委坚持以党建引领基层治理，围绕中心、服务大局，各项工作取得了新进展。",
            "现将全年基层党建工作的亮点和存在的问题报告如下：",
        ],
        headings=["特色亮点工作：", "遇到的困难和存在的问题", "下一步工作打算"],
        item_styles=["（一）", "1.", "1."],
        items=[
            parts,
            [Part(i.title, list(i.paragraphs)) for i in problems],
            [
                Part("持续加强班子建设。", ["选优配强社区党组织书记，加强后备干部培养。"]),
                Part("推动党建阵地提档升级。", ["整合辖区资源，打造党群服务中心。"]),
            ],
        ],
        closing=["特此报告。"],
        signature=f"{community}党委",
    )


# --- the forms a report comes in ---------------------------------------------------------


def write_text(report: Written, path: Path, **options) -> Path:
    path.write_text("\n".join(report.lines(**options)) + "\n", encoding="utf-8")
    return path


def write_docx(report: Written, path: Path, **options) -> Path:
    document = docx.Document()
    for line in report.lines(**options):
        document.add_paragraph(line)
    document.save(str(path))
    return path


def write_docx_with_word_toc(report: Written, path: Path) -> Path:
    """Title, unit line, then a table of contents as Word inserts it (a TOC field whose
    entries carry a tab and a page number), then the report."""
    document = docx.Document()
    lines = report.lines()
    for line in lines[:2]:
        document.add_paragraph(line)
    document.add_paragraph("目录")
    entries = [f"{_section(n)}{h}" for n, h in enumerate(report.heading_words, 1)]
    for index, entry in enumerate(entries):
        paragraph = document.add_paragraph()
        if index == 0:
            _field_start(paragraph, 'TOC \\o "1-3" \\h \\z \\u')
        paragraph.add_run(f"{entry}\t{index + 1}")
        if index == len(entries) - 1:
            paragraph._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:fldChar w:fldCharType="end"/></w:r>'))
    for line in lines[2:]:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def _field_start(paragraph, instruction: str) -> None:
    for run in (
        '<w:fldChar w:fldCharType="begin"/>',
        f'<w:instrText xml:space="preserve"> {instruction} </w:instrText>',
        '<w:fldChar w:fldCharType="separate"/>',
    ):
        paragraph._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}">{run}</w:r>'))


def write_docx_with_item_table(report: Written, path: Path) -> Path:
    """The problems section as a table: 序号 | 存在问题 | 整改措施, one row an item."""
    document = docx.Document()
    lines = report.lines()
    heading = f"二、{report.headings[1]}"
    start = lines.index(heading) + 1
    end = lines.index(f"三、{report.headings[2]}")
    for line in lines[:start]:
        document.add_paragraph(line)
    parts = report.items[1]
    table = document.add_table(rows=len(parts) + 1, cols=3)
    for column, text in enumerate(["序号", "存在问题", "整改措施"]):
        table.cell(0, column).text = text
    for row, part in enumerate(parts, 1):
        table.cell(row, 0).text = str(row)
        table.cell(row, 1).text = part.title
        table.cell(row, 2).text = "".join(part.text) or "立行立改。"
    for line in lines[end:]:
        document.add_paragraph(line)
    document.save(str(path))
    return path


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_with_soffice(source: Path, target_suffix: str, work: Path) -> Path:
    """``source`` saved by LibreOffice as ``target_suffix`` (doc, odt, rtf), in ``work``."""
    profile = (work / "lo-profile").as_uri()
    subprocess.run(
        [soffice(), f"-env:UserInstallation={profile}", "--headless", "--convert-to", target_suffix,
         "--outdir", str(work), str(source)],
        check=True, capture_output=True, timeout=180,
    )
    return work / f"{source.stem}.{target_suffix}"


# --- files that are no reports ---------------------------------------------------------

NOT_REPORTS = {
    "english-letter.txt": [
        "Dear Mr. Smith,",
        "Thank you for your letter of 3 November about the annual meeting.",
        "1. The meeting will be held on 12 December.",
        "2. Please send us the list of participants.",
        "Yours sincerely,",
        "Jane Brown",
    ],
    "japanese-memo.txt": [
        "令和6年度 地域活動報告",
        "一、活動の概要",
        "本年度は地域の皆様と協力して、清掃活動や防災訓練を実施しました。",
        "二、今後の課題",
        "参加者の高齢化が進んでおり、若い世代の参加を促すことが必要です。",
    ],
    "russian-letter.txt": [
        "Уважаемые коллеги!",
        "1. Собрание состоится 12 декабря в актовом зале.",
        "2. Просим подготовить отчёты о проделанной работе.",
        "С уважением, администрация",
    ],
    "school-news.txt": [
        "我校举行第十届校园科技节",
        "11月15日上午，我校第十届校园科技节在学校操场隆重开幕。",
        "本届科技节以“探索科学奥秘，点亮智慧人生”为主题，共设置机器人表演、航模展示、科学小实验等12个项目。",
        "全校师生一千二百余人参加了开幕式，家长代表应邀观摩。",
        "校长在致辞中勉励同学们勤于动手、敢于创新。",
    ],
}


def write_not_report(name: str, folder: Path) -> Path:
    path = folder / name
    path.write_text("\n".join(NOT_REPORTS[name]) + "\n", encoding="utf-8")
    return path
