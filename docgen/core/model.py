"""The document model every reader produces and every writer consumes.

A volume holds reports; a report holds sections, or, where it has no section
headings, its body paragraphs as written; a section holds an optional lead and
numbered items. Numbers are never stored: they follow from position
and the section's numbering style (see ``numbering``).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from .numbering import ARABIC_DATES, DEFAULT_ITEM_STYLE, report_title

# A section whose heading holds one of these lists problems (docgen summary).
DEFAULT_PROBLEM_WORDS = ("问题", "不足", "短板", "差距", "薄弱")


@dataclass(frozen=True, slots=True)  # slots: a volume has one Origin a paragraph, hundreds of thousands
class Origin:
    """Where a piece of the model came from, for messages: file and 1-based line
    (or, in a Word file, which has no lines, 1-based paragraph)."""

    path: Path | None = None
    line: int | None = None
    paragraph: int | None = None

    @property
    def place(self) -> str:
        """Where in the file, without the file: 第 3 行, 第 3 段, or nothing."""
        if self.line:
            return f"第 {self.line} 行"
        return f"第 {self.paragraph} 段" if self.paragraph else ""

    def __str__(self) -> str:
        name = str(self.path) if self.path else "<输入>"
        return f"{name} {self.place}" if self.place else name


@dataclass(slots=True)
class Item:
    """A numbered item: its lead sentence (title) and the text after it.

    ``paragraphs[0]`` continues the title's paragraph; each further entry is a
    paragraph of its own.
    """

    title: str
    paragraphs: list[str] = field(default_factory=list)
    origin: Origin = field(default_factory=Origin)
    # Finer places for messages (docgen check); empty when a reader cannot tell.
    title_origin: Origin = field(default_factory=Origin, compare=False, repr=False)
    paragraph_origins: list[Origin] = field(default_factory=list, compare=False, repr=False)


@dataclass(slots=True)
class Section:
    """A first-level part of a report: 一、亮点工作 and what follows it."""

    heading: str
    items: list[Item] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    numbering: str = DEFAULT_ITEM_STYLE
    run_in: bool = False  # items run on in one paragraph: 一是……。二是……。
    origin: Origin = field(default_factory=Origin)
    heading_origin: Origin = field(default_factory=Origin, compare=False, repr=False)
    lead_origins: list[Origin] = field(default_factory=list, compare=False, repr=False)


@dataclass(frozen=True, slots=True)
class Month:
    """A month of a year, where a date is given without its day: a cover dated 2026年12月."""

    year: int
    month: int


@dataclass(slots=True)
class Signature:
    """The 落款 at the end of a report: 署名 and 成文日期 (GB/T 9704 7.3.5)."""

    unit: str  # never empty: a 落款 names who sends the report
    date: datetime.date | None = None  # a draft may have none yet
    origin: Origin = field(default_factory=Origin)
    unit_origin: Origin = field(default_factory=Origin, compare=False, repr=False)


@dataclass(slots=True)
class Report:
    """One 社区's report: its own title, 导语, sections (or a body without headings), closing lines and 落款."""

    unit: str
    sections: list[Section] = field(default_factory=list)
    origin: Origin = field(default_factory=Origin)
    title: str = ""  # the report's own title; empty: the volume names it
    intro: list[str] = field(default_factory=list)  # 导语 paragraphs before 一、
    # A report without section headings: its paragraphs printed as written, typed numbers and all.
    body: list[str] = field(default_factory=list)
    closing: list[str] = field(default_factory=list)  # after the last section: 特此报告。
    signature: Signature | None = None
    # Finer places for messages (docgen check); empty when a reader cannot tell.
    title_origin: Origin = field(default_factory=Origin, compare=False, repr=False)
    unit_origin: Origin = field(default_factory=Origin, compare=False, repr=False)
    intro_origins: list[Origin] = field(default_factory=list, compare=False, repr=False)
    body_origins: list[Origin] = field(default_factory=list, compare=False, repr=False)
    closing_origins: list[Origin] = field(default_factory=list, compare=False, repr=False)


@dataclass
class Cover:
    """The volume's cover page: title, 编印单位 and date."""

    title: str
    unit: str = ""
    date: datetime.date | Month | None = None  # a cover may give the month only
    date_style: str = ARABIC_DATES  # how the date prints: 2026年12月 or 二〇二六年十二月
    origin: Origin = field(default_factory=Origin)
    title_origin: Origin = field(default_factory=Origin, compare=False, repr=False)
    unit_origin: Origin = field(default_factory=Origin, compare=False, repr=False)


@dataclass
class VolumeSettings:
    """What the volume settings file says."""

    series_title: str = "基层党建亮点工作及存在问题"
    toc_heading: str = "目  录"
    series_title_origin: Origin = field(default_factory=Origin, compare=False, repr=False)  # none: the default
    toc_heading_origin: Origin = field(default_factory=Origin, compare=False, repr=False)
    order: list[str] = field(default_factory=list)  # units, in volume order
    order_origins: list[Origin] = field(default_factory=list, compare=False, repr=False)  # each one's line
    fonts: dict[str, str] = field(default_factory=dict)  # font use (schema.FONT_USES) → face name
    origin: Origin = field(default_factory=Origin)
    titles: str = "series"  # "series": series_title（一）…; "own": each report's own title
    show_unit: bool = False  # the unit on a line under each title and in its 目录 entry
    duplex: bool = False  # printed on both sides: the 目录 and each report begin on a right-hand page
    cover: Cover | None = None
    problem_words: list[str] = field(default_factory=lambda: list(DEFAULT_PROBLEM_WORDS))


@dataclass
class Volume:
    settings: VolumeSettings
    reports: list[Report]

    def numbered_titles(self) -> list[str]:
        """Each report's title as printed: series_title（一）… or, with ``titles: own``,
        the report's own title (its unit + series_title where it has none)."""
        series = self.settings.series_title
        if self.settings.titles == "own":
            return [report.title or f"{report.unit}{series}" for report in self.reports]
        return [report_title(series, i) for i in range(1, len(self.reports) + 1)]
