"""The commented starter files: a report (``docgen new``) and the volume
settings of a new inputs folder (``docgen init``)."""

from __future__ import annotations

from ..core.model import VolumeSettings
from ..core.schema import ARABIC_DATES, COVER, DEFAULT_FONTS, FONTS, VOLUME
from .yaml_writer import scalar

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
    numbering: 1.        # 条目编号样式：1.  或 （一）  或 （1）  或 一是
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
    return _STARTER.format(name=" ".join(unit.split()), unit=scalar(unit), year=year, sample=SAMPLE_TEXTS, intro=SAMPLE_INTRO)


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
    """volume.yaml for a new inputs folder: every setting of ``schema.VOLUME``,
    explained, at its default; those without one (the order, the cover) as a
    commented example dated ``year``."""
    defaults = _volume_defaults()
    examples = _volume_examples(year)
    lines = [_VOLUME_HEADER.rstrip("\n")]
    for key in VOLUME.keys:
        lines += ["", f"# {key.label}：{key.note}"]
        value = defaults[key.name]
        if value in (None, [], {}):
            lines += [f"# {line}" for line in _setting_lines(key.name, examples[key.name], _notes(key.name))]
        else:
            lines += _setting_lines(key.name, value, _notes(key.name))
    return "\n".join(lines) + "\n"


def _volume_defaults() -> dict[str, object]:
    """Each volume.yaml key's value when the key is left out."""
    settings = VolumeSettings()
    return {
        "series_title": settings.series_title,
        "toc_heading": settings.toc_heading,
        "order": settings.order,
        "fonts": {**DEFAULT_FONTS, **settings.fonts},
        "problem_headings": settings.problem_words,
        "titles": settings.titles,
        "show_unit": settings.show_unit,
        "duplex": settings.duplex,
        "cover": settings.cover,
    }


def _volume_examples(year: int) -> dict[str, object]:
    """What to write for the keys whose default is to have none."""
    return {
        "order": ["东湖社区", "红旗社区"],
        "cover": {
            "title": f"{year}年××街道基层党建亮点工作及存在问题汇编",
            "unit": "中共××街道工作委员会组织办公室",
            "date": f"{year}年12月1日",
            "date_style": ARABIC_DATES,
        },
    }


def _notes(name: str) -> dict[str, str]:
    """The notes of the keys inside the mapping ``name`` (fonts, cover)."""
    shape = {"fonts": FONTS, "cover": COVER}.get(name)
    return {key.name: key.note for key in shape.keys} if shape else {}


def _setting_lines(name: str, value: object, notes: dict[str, str]) -> list[str]:
    if isinstance(value, bool):
        return [f"{name}: {'true' if value else 'false'}"]
    if isinstance(value, str):
        return [f"{name}: {scalar(value)}"]
    if isinstance(value, list):
        return [f"{name}:"] + [f"  - {scalar(entry)}" for entry in value]
    lines = [f"{name}:"]
    for inner, text in value.items():
        # on a line of its own: after a value, " #" would be taken for part of it (and warned about)
        lines += [f"  # {notes[inner]}"] if notes.get(inner) else []
        lines.append(f"  {inner}: {scalar(text)}")
    return lines
