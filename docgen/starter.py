"""The commented starter file ``docgen new`` writes."""

from __future__ import annotations

from .writers.yaml_writer import scalar

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
# title: {name}2024年基层党建工作亮点及存在问题
# 单位名称：输出文件名就是它
unit: {unit}
# 可选：导语，“一、”之前的段落，每行一段
# intro: |
#   2024年，我社区党委……现将有关情况报告如下：

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
# signature:            # 可选：落款（署名和成文日期）
#   unit: {name}
#   date: 2026年11月20日
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


def starter_yaml(unit: str) -> str:
    return _STARTER.format(name=" ".join(unit.split()), unit=scalar(unit), sample=SAMPLE_TEXTS)
