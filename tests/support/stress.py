"""Generated volumes that stress the pagination model, written as YAML inputs.

Each volume aims at a rule that decides where lines and pages break: one-line
reports, reports of exactly a page, long items, Latin words and digits in
Chinese text, many headings, a heading on the last line of a page, titles
that wrap, a 目录 longer than a page. Text is drawn from the sample reports
with a fixed seed, so a volume is the same on every run.

``python tests/support/stress.py DIR`` writes every volume into DIR/<name>/.
"""

from __future__ import annotations

import datetime
import random
import sys
from dataclasses import replace
from pathlib import Path

from docgen.core.model import Cover, Item, Report, Section, Signature, Volume, VolumeSettings
from docgen.inputs.yaml_reader import load_inputs
from docgen.inputs.yaml_writer import report_yaml, settings_yaml
from docgen.layout import compose
from docgen.layout.paginate import measure, place

ROOT = Path(__file__).resolve().parents[2]
LATIN = ["XX", "APP", "O2O", "5G", "2023", "100%", "3.5", "Wi-Fi", "QQ", "PPT", "GDP", "12345", "e"]
PUNCTUATION = ["，", "。", "、", "；", "：", "？", "！", "“", "”", "（", "）", "《", "》", "……", "——"]


def sample_sentences() -> list[str]:
    """Every sentence of the sample reports (split after 。), in order."""
    volume = load_inputs(ROOT / "inputs").volume
    text = "".join(
        item.title + "".join(item.paragraphs)
        for report in volume.reports
        for section in report.sections
        for item in section.items
    )
    return [s + "。" for s in text.split("。") if s]


class Writer:
    """Chinese text of a given length, drawn from the samples, optionally salted."""

    def __init__(self, seed: int, latin: float = 0.0, punctuation: float = 0.0, chinese_only: bool = False):
        self.random = random.Random(seed)
        self.sentences = [s for s in sample_sentences() if not (chinese_only and any(c.isascii() for c in s))]
        self.latin = latin
        self.punctuation = punctuation

    def text(self, chars: int) -> str:
        out = ""
        while len(out) < chars:
            out += self._salted(self.random.choice(self.sentences))
        return out[:chars].rstrip("“（《") + ("。" if not out[:chars].endswith("。") else "")

    def _salted(self, sentence: str) -> str:
        pieces = []
        for char in sentence:
            pieces.append(char)
            if self.random.random() < self.latin:
                pieces.append(self.random.choice(LATIN))
            if self.random.random() < self.punctuation:
                pieces.append(self.random.choice(PUNCTUATION))
        return "".join(pieces)


def _report(unit: str, sections: list[Section]) -> Report:
    return Report(unit, sections)


def _section(heading: str, items: list[Item], numbering: str = "1.", lead: list[str] | None = None) -> Section:
    return Section(heading, items, lead or [], numbering)


def one_line_reports(count: int = 30) -> Volume:
    """Reports of a heading and one short item each: many pages, a 目录 past one page."""
    writer = Writer(1)
    reports = [
        _report(f"单行{n:02}", [_section("亮点工作", [Item(writer.text(4 + n % 9))])]) for n in range(count)
    ]
    return _volume(reports)


def exact_page_reports() -> Volume:
    """Reports that fill their page to the last line, one line more, one line less."""
    writer = Writer(2)
    reports = []
    for n, body_lines in enumerate((19, 20, 21, 18, 40, 41)):
        # title, blank, heading: 3 lines; each item a paragraph of whole lines
        items = [Item(writer.text(24), [writer.text(28 * 3 - 2)]) for _ in range(body_lines // 4)]
        rest = body_lines - 4 * (body_lines // 4)
        if rest:
            items.append(Item(writer.text(20 + 28 * (rest - 1))))
        reports.append(_report(f"整页{n:02}", [_section("亮点工作", items)]))
    return _volume(reports)


def long_item_reports() -> Volume:
    """Items of several pages, split by widow and orphan control."""
    writer = Writer(3)
    reports = [
        _report(f"长条{n:02}", [_section("特色做法", [Item(writer.text(30), [writer.text(500 + 180 * n), writer.text(45 + n)])])])
        for n in range(8)
    ]
    return _volume(reports)


def latin_reports() -> Volume:
    """Latin words, digits and punctuation runs mixed into the Chinese text."""
    reports = []
    for n in range(8):
        writer = Writer(10 + n, latin=0.04 + 0.02 * n, punctuation=0.03)
        items = [Item(writer.text(25), [writer.text(120 + 37 * k)]) for k in range(4)]
        reports.append(_report(f"中西文{n:02}", [_section("亮点工作", items), _section("存在问题", items[:2], "一是")]))
    return _volume(reports)


def heading_reports() -> Volume:
    """Many headings, and headings that fall on the last lines of a page."""
    writer = Writer(4)
    reports = []
    for n in range(10):
        sections = []
        for k in range(6):
            lines_before = 2 + (n + k) % 5
            sections.append(_section(f"工作{k}", [Item(writer.text(20), [writer.text(28 * lines_before - 30)])], "（一）"))
        reports.append(_report(f"多标题{n:02}", sections))
    return _volume(reports)


def wrapped_title_reports() -> Volume:
    """A series title long enough to wrap, in the reports and in the 目录,
    whose entries then fill more than the 目录's first page."""
    writer = Writer(5)
    reports = [_report(f"长标题{n:02}", [_section("亮点工作", [Item(writer.text(30), [writer.text(200 + 40 * n)])])]) for n in range(12)]
    settings = VolumeSettings(series_title="二〇二三年度全市城乡社区基层党组织党建工作亮点特色做法及存在问题")
    return Volume(settings, reports)


# Where each report's ending would start a page with nothing to keep it with its
# text: the 特此报告, the empty line before the 署名, the 署名, the date.
ENDING_PARTS = ("特此报告", "空行", "署名", "日期")


def ending_reports() -> Volume:
    """The sample reports with their own titles (some wrapping in the report and in the
    目录), 特此报告 and a 落款, a unit line and a cover; each report up to four times, its 导语 as long as it takes to bring one part
    of its ending (``ENDING_PARTS``) to the first line of a page had the ending not been
    kept with its text (``naive_ending_lines``). Where the body's last paragraph cannot
    be split, 特此报告 never gets there. Some of the 目录's unit lines would begin a
    page had their entries not been kept with them (``naive_toc_unit_tops``)."""
    writer = Writer(6, chinese_only=True)  # the model's line breaks are LibreOffice's there (see latin_reports)
    samples = load_inputs(ROOT / "inputs").volume.reports
    reports = []
    for number, sample in enumerate(samples):
        unit = f"{UNITS[number]}社区"
        for part in range(len(ENDING_PARTS)):
            report = replace(
                sample,
                unit=f"{unit}{part + 1}",
                title=TITLES[(number + part) % len(TITLES)].format(unit=unit),
                closing=["特此报告。"],
                signature=Signature(f"中共{unit}委员会", datetime.date(2026, 11, 20)),
            )
            moved = _with_ending_at_page_top(report, part, writer)
            if moved is not None:
                reports.append(moved)
    settings = VolumeSettings(
        titles="own",
        show_unit=True,
        cover=Cover("2026年度基层党建亮点工作及存在问题汇编", "中共XX街道工作委员会组织办公室", datetime.date(2026, 12, 1)),
    )
    return Volume(settings, reports)


# Titles that fit a line, that wrap in the report, and that wrap in the 目录 too.
TITLES = [
    "{unit}2026年基层党建亮点工作及存在问题",
    "中共{unit}委员会关于2026年度基层党建工作亮点特色及存在的主要问题和下一步工作打算的情况报告",
    "{unit}2026年度基层党建工作情况报告",
]
UNITS = ["东湖", "红旗", "新华", "光明", "和平", "幸福", "建设", "友谊", "胜利", "团结", "长安", "锦绣"]


def _with_ending_at_page_top(report: Report, part: int, writer: Writer) -> Report | None:
    """``report`` with the shortest 导语 that brings ``ENDING_PARTS[part]`` to a page's first line."""
    for lines in range(1, 22 + 1):
        candidate = replace(report, intro=[writer.text(28 * lines - 4)])
        if naive_ending_lines(candidate)[part] == 0:
            return candidate
    return None


def naive_toc_unit_tops(volume: Volume) -> list[str]:
    """The units whose line would begin a 目录 page had the entry not kept with it."""
    from docgen.layout.paginate import toc_entries

    entries = toc_entries(volume, ["000"] * len(volume.reports))
    paragraphs = compose.toc_paragraphs(volume.settings.toc_heading, entries)
    blocks = [replace(measure(p), keep_with_next=p.format.keep_with_next) for p in paragraphs]
    return [p.text for p, lines in zip(paragraphs, place(blocks)) if p.role == compose.TOC_UNIT and lines[0][1] == 0]


def naive_ending_lines(report: Report) -> list[int]:
    """The grid line each part of the ending (``ENDING_PARTS``) starts on, paged as
    though nothing but headings kept with the next paragraph."""
    paragraphs = compose.report_paragraphs(report, report.title, show_unit=True)
    blocks = [replace(measure(p), keep_with_next=p.format.keep_with_next) for p in paragraphs]
    starts = [positions[0][1] for positions in place(blocks)]
    return starts[-4:]


def _volume(reports: list[Report]) -> Volume:
    return Volume(VolumeSettings(), reports)


VOLUMES = {
    "one_line": one_line_reports,
    "exact_page": exact_page_reports,
    "long_items": long_item_reports,
    "latin": latin_reports,
    "headings": heading_reports,
    "wrapped_titles": wrapped_title_reports,
    "endings": ending_reports,
}


def write_inputs(volume: Volume, folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    settings = volume.settings
    settings.order = [r.unit for r in volume.reports]
    (folder / "volume.yaml").write_text(settings_yaml(settings), encoding="utf-8")
    for report in volume.reports:
        (folder / f"{report.unit}.yaml").write_text(report_yaml(report), encoding="utf-8")
    return folder


if __name__ == "__main__":
    target = Path(sys.argv[1])
    for name, make in VOLUMES.items():
        print(write_inputs(make(), target / name))
