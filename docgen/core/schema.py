"""The report format in one place: the keys of a report file and of ``volume.yaml``,
the numbering styles and the levels they stand for.

The YAML reader checks files against these shapes, the YAML writer and the
starter file write them, ``check`` and the recogniser use the same styles and
levels. A new optional key is added here and in the reader and writer.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property


@dataclass(frozen=True)
class Key:
    name: str
    label: str  # what the key holds, in messages: 单位名称
    required: bool = False
    note: str = ""  # what to write there, for the comments of a starter file
    when_missing: str = ""  # for a required key: what to write, said when it is missing

    @cached_property
    def what(self) -> str:
        """The key as messages name it: 单位名称（unit）."""
        return f"{self.label}（{self.name}）"


@dataclass(frozen=True)
class Shape:
    """A mapping in an input file: what it is called in messages and the keys it may hold."""

    what: str
    keys: tuple[Key, ...]

    # Looked up for every value of every file read: each table is made once (and never changed).

    def __getitem__(self, name: str) -> Key:
        return self._by_name[name]

    def required(self) -> dict[str, bool]:
        """Each allowed key → whether it must be there, in the order files write them."""
        return self._required

    def when_missing(self) -> dict[str, str]:
        """The required keys that say what to write when they are missing → that advice."""
        return self._when_missing

    @cached_property
    def _by_name(self) -> dict[str, Key]:
        return {key.name: key for key in self.keys}

    @cached_property
    def _required(self) -> dict[str, bool]:
        return {key.name: key.required for key in self.keys}

    @cached_property
    def _when_missing(self) -> dict[str, str]:
        return {key.name: key.when_missing for key in self.keys if key.when_missing}


REPORT = Shape(
    "报告",
    (
        Key("title", "报告标题"),
        Key("unit", "单位名称", required=True),
        Key("intro", "导语"),
        Key("sections", "各部分", required=True),
        Key("closing", "结束语"),
        Key("signature", "落款"),
    ),
)
SIGNATURE = Shape(
    "落款",
    (
        Key(
            "unit",
            "署名",
            required=True,
            when_missing="落款（signature）没有署名：请在 signature 下写上 unit（署名），"
            "如“unit: 东湖社区党委”；不要落款就删掉整个 signature",
        ),
        Key("date", "成文日期"),  # may be left out in a draft: docgen check says so
    ),
)
SECTION = Shape(
    "部分",
    (
        Key("heading", "标题", required=True),
        Key("numbering", "编号样式"),
        Key("run_in", "接排"),
        Key("lead", "导语"),
        Key("items", "条目"),
    ),
)
ITEM = Shape("条目", (Key("title", "标题", required=True), Key("text", "正文")))

VOLUME = Shape(
    "汇编设置",
    (
        Key("series_title", "汇编标题", note="每份报告的标题是它加序号，如“……（一）”；titles 写 own 时它只是汇编文件的名称"),
        Key("toc_heading", "目录标题", note="目录页顶上的标题"),
        Key("order", "报告顺序", note="每行写一个单位名称；不写时按文件名排，没列出的单位按文件名排在最后"),
        Key("fonts", "字体", note="各处用的字体；本机没有某种字体（如方正小标宋简体）时，改成本机有的字体"),
        Key(  # docgen summary lists the items of these sections
            "problem_headings",
            "问题部分标题用词",
            note="docgen summary 把标题含这些词的部分（如“存在问题”）当作问题部分，汇总其中各条",
        ),
        Key("titles", "报告标题取法", note="series：汇编标题加序号；own：各报告文件中的 title（没写 title 的用“单位名称+汇编标题”）"),
        Key("show_unit", "标题下写单位", note="true：每份报告标题下另起一行居中写单位名称，目录中也写；false：不写"),
        Key("cover", "封面", note="在目录之前，不印页码；要封面时去掉下面各行开头的“# ”并改写"),
    ),
)
COVER = Shape(
    "封面",
    (
        Key("title", "封面标题", required=True, note="封面标题（必填）"),
        Key("unit", "编印单位", note="编印单位（可选）"),
        Key("date", "日期", note="日期（可选），写 2026-12-01 或 2026年12月1日"),
    ),
)
# The face of each font use; a volume's settings may name others (many offices only have 仿宋 and 楷体).
DEFAULT_FONTS = {
    "title": "方正小标宋简体",
    "heading1": "黑体",
    "heading2": "楷体",
    "body": "仿宋",
    "page_number": "宋体",
}
FONT_USES = tuple(DEFAULT_FONTS)
TITLE_MODES = ("series", "own")  # series_title（一）…, or each report's own title
FONT_USE_NOTES = {"title": "报告标题、目录标题", "heading1": "一、", "heading2": "（一）", "body": "正文、1.（1）一是、目录各行", "page_number": "页码"}
FONTS = Shape("fonts", tuple(Key(use, f"字体 {use}", note=FONT_USE_NOTES[use]) for use in FONT_USES))

# Numbering styles and their level in the GB/T 9704 hierarchy (a smaller level
# outranks a larger one). 一是 is the lowest: under a 1. item, 一是 counts its points.
SECTION_STYLE = "一、"
LEVELS = {SECTION_STYLE: 1, "（一）": 2, "1.": 3, "（1）": 4, "一是": 5}
ITEM_STYLES = tuple(style for style in LEVELS if style != SECTION_STYLE)  # what a section's items may use
DEFAULT_ITEM_STYLE = "1."
# What people type for a style, as the style it means.
STYLE_ALIASES = {"1、": "1.", "1．": "1.", "(一)": "（一）", "(1)": "（1）"}

TRUE_WORDS = frozenset({"true", "yes", "on", "是", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "否", "0"})
