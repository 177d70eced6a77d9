"""The commented starter files: a report (``docgen new``) and the volume
settings of a new inputs folder (``docgen init``)."""

from __future__ import annotations

from types import SimpleNamespace

from ..core.model import VolumeSettings
from ..core.numbering import DEFAULT_ITEM_STYLE, ITEM_STYLES
from ..core.schema import DEFAULT_FONTS, VOLUME, Faces, Key, Part
from .yaml_writer import key_lines, scalar

_STARTER = """\
# {name} 的基层党建亮点工作及存在问题
#
# 用记事本编辑即可，注意：
#   - 缩进只用空格，不要用 Tab 键；同一层的内容左边对齐。
#   - 中文直接写，不用加引号。“# ”开头的行是说明，不会出现在报告里；
#     文字里要写“ #”时，把文字写到“|”块里（像下面的 text: |）。
#   - 编号（一、（一）1. 一是）由程序自动生成，正文里不要再写编号。
#   - 写好后运行：docgen validate 检查，docgen build 生成。

# 可选：报告自己的标题（volume.yaml 写 titles: own 时用它），用时去掉开头的“# ”
# title: {name}{year}年基层党建工作亮点及存在问题
# 单位名称：输出文件名就是它
unit: {unit}
# 可选：导语，“一、”之前的段落，每行一段
# intro: |
#   {intro}

# 报告本来不分部分（没有“一、”这样的标题）时，删掉下面的 sections 整段，
# 把正文写在 body 里，每行一段，原样印出（编号照原文写）：
# body: |
#   今年以来，……

sections:               # 报告的各个部分，依次编为 一、二、……

  # 部分的标题，如 亮点工作、特色做法、存在问题
  - heading: 亮点工作
    numbering: 1.        # 条目编号样式：{styles}
    items:               # 各条，每条以“- title:”开头
      - title: {sample[0]}
        text: |
          {sample[1]}
          {sample[2]}
      - title: {sample[3]}
        text: |
          {sample[4]}

  - heading: 存在问题
    numbering: 1.
    items:
      - title: {sample[5]}

# closing: |            # 可选：结束语，如“特此报告。”
#   特此报告。
# signature:            # 可选：落款。写了 signature 就要写 unit（署名）
#   unit: {name}
#   date: {year}年11月20日   # 成文日期，可以先不写（docgen check 会提醒）
"""

# The sample titles and paragraphs of the starter file, in order: a report
# still holding one of them was never filled in (``docgen check`` says so).
SAMPLE_TEXTS = (
    "这里写第一条的标题句。",
    "这里写正文，可以写很长。一行就是一个自然段。",
    "另起一行就是另一个自然段。",
    "这里写第二条的标题句。",
    "正文……",
    "只有一句话的条目，可以不写 text。",
)


# The starter's 导语, commented out: put in as it is, it was never written.
SAMPLE_INTRO = "今年以来，我社区党委……现将有关情况报告如下："


def starter_yaml(unit: str, year: int) -> str:
    """The starter report for ``unit``; its examples (title, date) are of ``year``."""
    return _STARTER.format(
        name=" ".join(unit.split()), unit=scalar(unit), year=year, sample=SAMPLE_TEXTS, intro=SAMPLE_INTRO, styles=_STYLES
    )


# The item styles a section may use, the default first.
_STYLES = "  或 ".join((DEFAULT_ITEM_STYLE, *(style for style in ITEM_STYLES if style != DEFAULT_ITEM_STYLE)))


# --- volume.yaml of ``docgen init`` --------------------------------------------------

_VOLUME_HEADER = """\
# 汇编设置：整本汇编的标题、目录、顺序、字体等
#
# 下面每一项都写着默认值，“# ”开头的行是说明。要改就改冒号后面的字；
# 不需要的项可以整行删掉，删掉的项按默认值生成。
#
# 接下来：
#   - 为每个社区新建一份报告：docgen new 单位名称 --inputs 这个文件夹
#     或者导入社区发来的 Word 文件：docgen import 收到的报告/ --out 这个文件夹
#   - 生成汇编：docgen build --inputs 这个文件夹 --out 输出文件夹
#   - 汇总问题：docgen summary --inputs 这个文件夹 --out 输出文件夹
"""


def volume_starter_yaml(year: int) -> str:
    """volume.yaml for a new inputs folder: every key of ``schema.VOLUME``, explained,
    at its default; those without one (the order, the cover) as a commented example
    dated ``year``."""
    settings = VolumeSettings()
    lines = [_VOLUME_HEADER.rstrip("\n")]
    for key in VOLUME.keys:
        lines += ["", f"# {key.label}：{key.note}"]
        value = _shown_default(key, getattr(settings, key.attribute))
        if value in (None, [], {}):
            lines += [f"# {line}" for line in key_lines(key, _example(key, year), 0, notes=True)]
        else:
            lines += key_lines(key, value, 0, notes=True)
    return "\n".join(lines) + "\n"


def _shown_default(key: Key, value: object) -> object:
    """A key's value when it is left out, as a starter shows it: the faces docgen uses where none are named."""
    return {**DEFAULT_FONTS, **value} if isinstance(key.value, Faces) else value


def _example(key: Key, year: int) -> object:
    """What a starter shows for a key whose default is to have none: its example (of ``year``)."""
    if isinstance(key.value, Part):
        return SimpleNamespace(**{inner.attribute: _example(inner, year) for inner in key.value.shape.keys})
    if isinstance(key.example, tuple):
        return list(key.example)
    return key.example.format(year=year)
