"""The report format in one table: every key of a report file and of ``volume.yaml``,
what it holds, the model attribute it fills and how docgen speaks of it.

The YAML reader takes each key as its ``value`` says, the YAML writer and the
starters write it, ``docgen check`` takes the texts it names a ``piece`` of and
the README's key tables are held to it (a test compares). A new key is one
entry here, plus its meaning in the model, the layout and the Word writer.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

from .model import Cover, Item, Report, Section, Signature, VolumeSettings
from .numbering import DATE_STYLE_ALIASES, DATE_STYLES, ITEM_STYLES, STYLE_ALIASES

# --- what a key may hold ---------------------------------------------------------------
# eq=False: compared and hashed as themselves (a Choice holds a dict).


@dataclass(frozen=True, eq=False)
class Text:
    """One line of text, trimmed: a title, a name."""


@dataclass(frozen=True, eq=False)
class UnitName:
    """A unit's name, cleaned as unit names are compared; nothing visible left is refused."""


@dataclass(frozen=True, eq=False)
class Paragraphs:
    """A block of text, each non-empty line a paragraph."""

    may_be_empty: bool = True


@dataclass(frozen=True, eq=False)
class Flag:
    """true or false (是/否, yes/no … as ``TRUE_WORDS``/``FALSE_WORDS``)."""


@dataclass(frozen=True, eq=False)
class Date:
    """A date as people type it (2026年11月20日, 2026-11-20 …), written back as GB/T 9704 writes it."""

    month_allowed: bool = False  # a month alone (2026年12月) will do


@dataclass(frozen=True, eq=False)
class Choice:
    """One of ``choices`` (or an alias of one)."""

    choices: tuple[str, ...]
    refusal: str  # the message for anything else: {value} is what was written, {choices} the choices
    aliases: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True, eq=False)
class Texts:
    """A list of one-line texts."""

    entry: str  # how messages name one of them; {what} names the list
    unit_names: bool = False  # each cleaned as a unit's name
    at_least_one: str = ""  # the message for an empty list ({what} names it); "" allows one


@dataclass(frozen=True, eq=False)
class Part:
    """A mapping of ``shape``'s keys, read into its model."""

    shape: Shape


@dataclass(frozen=True, eq=False)
class Parts:
    """A list of such mappings."""

    shape: Shape
    at_least_one: str = ""  # the message for an empty list ({what} names it); "" allows one


@dataclass(frozen=True, eq=False)
class Faces:
    """A face name for each font use (``FONTS``)."""


Value = Text | UnitName | Paragraphs | Flag | Date | Choice | Texts | Part | Parts | Faces


# --- keys and the mappings they are in ------------------------------------------------------


@dataclass(frozen=True, eq=False)  # eq=False: one key is itself (looked up by identity, hashed fast)
class Key:
    name: str
    label: str  # what the key holds, in messages: 单位名称
    value: Value = field(default_factory=Text)
    required: bool = False
    attribute: str = ""  # the model's attribute; "": the key's name
    what: str = ""  # how messages name the key; "": 单位名称（unit）
    note: str = ""  # what to write there, for the comments of a starter file
    example: str | tuple[str, ...] = ""  # a starter's example where the key has no default; {year}: this year
    when_missing: str = ""  # for a required key: what to write, said when it is missing
    remark: str = ""  # the YAML writer's comment line above the key
    aside: str = ""  # the YAML writer's comment after the key's value
    shown: bool = False  # written even at its default (for the user to see and change)
    shown_with: str = ""  # written at its default too where this other key is written
    piece: str = ""  # how docgen check names this text (a Piece's role); "": not checked

    def __post_init__(self) -> None:
        object.__setattr__(self, "attribute", self.attribute or self.name)
        object.__setattr__(self, "what", self.what or f"{self.label}（{self.name}）")

    @cached_property
    def origin_attribute(self) -> str:
        """The model attribute where a reader records the place the value was written:
        title_origin for a text, intro_origins (paragraph_origins for paragraphs) for a block or a list."""
        if isinstance(self.value, (Text, UnitName)):
            return f"{self.attribute}_origin"
        if isinstance(self.value, (Paragraphs, Texts)):
            return self.attribute.removesuffix("s") + "_origins"
        return ""

    def what_in(self, holder: str) -> str:
        """How messages name the key inside ``holder`` (第 2 部分): 第 2 部分的标题（heading）."""
        if not holder:
            return self.what
        return f"{holder}的 {self.what}" if self.what[0].isascii() else f"{holder}的{self.what}"


@dataclass(frozen=True, eq=False)
class Shape:
    """A mapping in an input file: what it is called in messages, the keys it may hold
    and the model it is read into."""

    what: str
    keys: tuple[Key, ...]
    model: type
    each: str = ""  # how messages name one in a list: {n} its position, {within} what holds the list
    needs_one_of: tuple[str, ...] = ()  # keys of which one at least must hold something
    when_empty: str = ""  # the message where none does: {what}, and the model's attributes
    only_one_of: tuple[str, ...] = ()  # keys of which one at most may be written
    when_both: str = ""  # the message where more are, told at the second

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


# --- the report file ----------------------------------------------------------------------

ITEM = Shape(
    "条目",
    (
        Key("title", "标题", required=True, piece="条目标题"),
        Key("text", "正文", Paragraphs(), attribute="paragraphs", piece="正文"),
    ),
    Item,
    each="{within}第 {n} 条",
)
SECTION = Shape(
    "部分",
    (
        Key("heading", "标题", required=True, piece="部分标题"),
        Key(
            "numbering",
            "编号样式",
            Choice(ITEM_STYLES, "编号样式“{value}”不认识，可选：{choices}", STYLE_ALIASES),
            shown_with="items",  # which numbers the items get, for the user to see
        ),
        Key("run_in", "接排", Flag(), what="run_in", aside="各条接排在同一段里"),
        Key("lead", "导语", Paragraphs(may_be_empty=False), piece="导语"),
        Key("items", "条目", Parts(ITEM), what="items"),
    ),
    Section,
    each="第 {n} 部分",
    needs_one_of=("items", "lead"),
    when_empty="{what}“{heading}”是空的：请写上 items（条目）或 lead（导语）",
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
            piece="落款的署名",
        ),
        Key("date", "成文日期", Date()),  # may be left out in a draft: docgen check says so
    ),
    Signature,
)
REPORT = Shape(
    "报告",
    (
        Key("title", "报告标题", piece="报告标题"),
        Key("unit", "单位名称", UnitName(), required=True, piece="单位名称"),
        Key("intro", "导语", Paragraphs(), piece="报告开头的导语"),
        # A report without section headings: its text as written, numbers and all.
        Key("body", "正文", Paragraphs(may_be_empty=False), piece="正文（不分部分）"),
        Key(
            "sections",
            "各部分",
            Parts(SECTION, at_least_one="{what} 是空的，至少要有一个部分（没有部分标题的正文写在 body）"),
            what="sections",
        ),
        Key("closing", "结束语", Paragraphs(), piece="结束语"),
        Key("signature", "落款", Part(SIGNATURE)),
    ),
    Report,
    needs_one_of=("sections", "body"),
    when_empty="报告缺少“sections”（各部分）：有部分标题的写 sections；没有部分标题的正文写在 body，每行一段",
    only_one_of=("sections", "body"),
    when_both="sections 和 body 只能写一个：有部分标题（一、二、……）的写 sections，没有部分标题的正文写在 body",
)

# --- volume.yaml ----------------------------------------------------------------------

# The face of each font use; a volume's settings may name others (many offices only have 仿宋 and 楷体).
DEFAULT_FONTS = {
    "title": "方正小标宋简体",
    "heading1": "黑体",
    "heading2": "楷体",
    "body": "仿宋",
    "page_number": "宋体",
}
FONT_USES = tuple(DEFAULT_FONTS)
FONT_USE_NOTES = {"title": "报告标题、目录标题", "heading1": "一、", "heading2": "（一）", "body": "正文、1.（1）一是、目录各行", "page_number": "页码"}
FONTS = Shape("fonts", tuple(Key(use, "字体", what=f"字体 {use}", note=FONT_USE_NOTES[use]) for use in FONT_USES), dict)

TITLE_MODES = ("series", "own")  # series_title（一）…, or each report's own title

COVER = Shape(
    "封面",
    (
        Key("title", "封面标题", required=True, note="封面标题（必填）", example="{year}年××街道基层党建亮点工作及存在问题汇编", piece="封面标题"),
        Key("unit", "编印单位", note="编印单位（可选）", example="中共××街道工作委员会组织办公室", piece="封面的编印单位"),
        Key("date", "日期", Date(month_allowed=True), note="日期（可选），如 2026年12月1日，也可以只写年月：2026年12月", example="{year}年12月1日"),
        Key(
            "date_style",
            "日期写法",
            Choice(DATE_STYLES, "日期写法“{value}”不认识，可选：{choices}（如 2026年12月 或 二〇二六年十二月）", DATE_STYLE_ALIASES),
            note="日期的写法（可选）：阿拉伯数字（2026年12月）或 汉字（二〇二六年十二月）",
            example=DATE_STYLES[0],
        ),
    ),
    Cover,
)
VOLUME = Shape(
    "汇编设置",
    (
        Key(
            "series_title",
            "汇编标题",
            note="每份报告的标题是它加序号，如“……（一）”；titles 写 own 时它只是汇编文件的名称",
            remark="汇编的标题：每份报告的标题是它加上序号，如“……（一）”",
            shown=True,
            piece="汇编标题（series_title）",
        ),
        Key("toc_heading", "目录标题", note="目录页顶上的标题", remark="目录页的标题", shown=True, piece="目录标题（toc_heading）"),
        Key(
            "order",
            "报告顺序",
            Texts("{what} 中的单位", unit_names=True),
            what="order",
            note="每行写一个单位名称；不写时按文件名排，没列出的单位按文件名排在最后",
            example=("东湖社区", "红旗社区"),
            remark="报告在汇编中的顺序（写单位名称）",
        ),
        Key("fonts", "字体", Faces(), note="各处用的字体；本机没有某种字体（如方正小标宋简体）时，改成本机有的字体"),
        Key(  # docgen summary lists the items of these sections
            "problem_headings",
            "问题部分标题用词",
            Texts("{what}中的词", at_least_one="{what}是空的，至少要写一个词，如“问题”"),
            attribute="problem_words",
            note="docgen summary 把标题含这些词的部分（如“存在问题”）当作问题部分，汇总其中各条",
            remark="docgen summary 把标题含这些词的部分当作问题部分",
        ),
        Key(
            "titles",
            "报告标题取法",
            Choice(TITLE_MODES, "titles 只能写 series（汇编标题加序号）或 own（每份报告用自己的标题），这里是“{value}”"),
            note="series：汇编标题加序号；own：各报告文件中的 title（没写 title 的用“单位名称+汇编标题”）",
            remark="每份报告用它自己的标题（各报告文件中的 title）",
        ),
        Key(
            "show_unit",
            "标题下写单位",
            Flag(),
            note="true：每份报告标题下另起一行居中写单位名称，目录中也写；false：不写",
            remark="每份报告的标题下和目录中写上单位名称",
        ),
        Key(
            "duplex",
            "双面印刷",
            Flag(),
            note="true：双面印刷，目录和每份报告都从右手页（单数页）开始，需要时前面留一个空白页；false：单面印刷",
            remark="双面印刷：目录和每份报告都从右手页开始",
        ),
        Key("cover", "封面", Part(COVER), note="在目录之前，不印页码；要封面时去掉下面各行开头的“# ”并改写", remark="封面：标题、编印单位和日期"),
    ),
    VolumeSettings,
)

TRUE_WORDS = frozenset({"true", "yes", "on", "是", "1"})
FALSE_WORDS = frozenset({"false", "no", "off", "否", "0"})
