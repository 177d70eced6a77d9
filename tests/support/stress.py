"""Generated volumes that stress the pagination model, written as YAML inputs.

Each volume aims at a rule that decides where lines and pages break: one-line
reports, reports of exactly a page, long items, Latin words and digits in
Chinese text, many headings, a heading on the last line of a page, titles
that wrap, a 目录 longer than a page. Text is drawn from the sample reports
with a fixed seed, so a volume is the same on every run.

``python tests/support/stress.py DIR`` writes every volume into DIR/<name>/.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from docgen.core.model import Item, Report, Section, Volume, VolumeSettings
from docgen.inputs.yaml_reader import load_inputs
from docgen.inputs.yaml_writer import report_yaml, settings_yaml

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

    def __init__(self, seed: int, latin: float = 0.0, punctuation: float = 0.0):
        self.random = random.Random(seed)
        self.sentences = sample_sentences()
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


def _volume(reports: list[Report]) -> Volume:
    return Volume(VolumeSettings(), reports)


VOLUMES = {
    "one_line": one_line_reports,
    "exact_page": exact_page_reports,
    "long_items": long_item_reports,
    "latin": latin_reports,
    "headings": heading_reports,
    "wrapped_titles": wrapped_title_reports,
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
