"""What ``docgen import`` tells the user: for each file, the reports found in
it, where each went, its parts, and every guess that needs checking."""

from __future__ import annotations

from pathlib import Path

from ..core.findings import said
from ..core.model import VolumeSettings
from ..core.numbering import chinese_date, section_number
from ..fs.filenames import SETTINGS_FILE
from ..inputs.yaml_writer import scalar
from .plan import Planned, Source, plans_by_source


def each_source_lines(sources: list[Source], planned: list[Planned]) -> list[list[str]]:
    """``source_lines`` of each of ``sources``, in order."""
    by_source = plans_by_source(planned)
    return [source_lines(source, by_source.get(id(source), [])) for source in sources]


def summary_lines(
    per_source: list[list[str]], planned: list[Planned], settings: VolumeSettings | None, out: Path, kept_out: VolumeSettings | None = None
) -> list[str]:
    """What was imported from each file (``per_source``: ``each_source_lines``), where it went, and
    every guess made; ``settings``: the volume.yaml written, ``kept_out``: the settings of an
    imported volume that an existing volume.yaml kept from being written."""
    lines = [line for source in per_source for line in source]
    if not planned:
        return lines
    lines.append(f"已写入 {len(planned)} 份报告到 {out}{'，并写入汇编设置 ' + SETTINGS_FILE if settings else ''}。")
    if settings is not None:
        lines.append(f"改动单位名称（unit）时，请同时改 {SETTINGS_FILE} 的 order 中对应的名称。")
    else:
        lines.append(f"{out / SETTINGS_FILE} 已存在，没有改动：新导入的单位会排在汇编最后，可在其中的 order 里调整顺序。")
        if kept_out is not None:
            lines += _volume_settings_not_written(kept_out)
        elif any(plan.recognised.report.title for plan in planned):
            lines.append(f"要让每份报告用它自己的标题，请在 {SETTINGS_FILE} 中写上 titles: own。")
    lines.append("请核对上面的“猜测”，然后运行 docgen build 生成 Word 文件。")
    return lines


def _volume_settings_not_written(settings: VolumeSettings) -> list[str]:
    """What an imported volume's own settings were, for the user to copy into their volume.yaml."""
    lines = ["导入的汇编自己的设置没有写入（volume.yaml 保持原样）；需要时请照此修改 volume.yaml，或把它移走后再导入一次："]
    lines.append(f"  series_title: {scalar(settings.series_title)}")
    lines.append(f"  toc_heading: {scalar(settings.toc_heading)}")
    lines.append(f"  order: 上面列出的 {len(settings.order)} 个单位，按这个顺序")
    return lines


def source_lines(source: Source, plans: list[Planned]) -> list[str]:
    """What was imported from the file ``source`` (its reports: ``plans``), where each went, every guess."""
    holds = f"汇编，共 {len(plans)} 份报告" if source.recognition.is_volume else "1 份报告"
    lines = [f"{source.path.name}：{holds}"]
    cover = source.recognition.cover
    if cover is not None:
        lines.append(f"  封面：{cover.title}" + (f"（{cover.unit}）" if cover.unit else "") + "，作为汇编设置的封面")
    if source.recognition.toc_lines:
        lines.append(f"  已跳过目录（{source.recognition.toc_lines} 行）")
    lines += [f"  提醒：{said(note, with_file=False)}" for note in source.notes]
    for plan in plans:
        lines += _report_summary(plan)
    return lines


def _report_summary(plan: Planned) -> list[str]:
    report = plan.recognised.report
    action = "替换" if plan.replaces else "→"
    lines = [f"  {action} {plan.target.name}  单位：{plan.unit}（{plan.unit_note}）"]
    if plan.name_note:
        lines.append(f"    {plan.name_note}")
    if plan.recognised.title:
        lines.append(f"    标题：{plan.recognised.title}")
    if report.intro:
        lines.append(f"    导语：{len(report.intro)} 段")
    if report.body:
        lines.append(f"    正文：{len(report.body)} 段（原文没有部分标题，按原样导入，编号照原文）")
    for position, section in enumerate(report.sections, 1):
        parts = [f"{len(section.items)} 条", f"编号“{section.numbering}”"]
        if section.lead:
            parts.insert(0, f"导语 {len(section.lead)} 段")
        if section.run_in:
            parts.append("接排")
        lines.append(f"    {section_number(position)}{section.heading}（{'，'.join(parts)}）")
    if report.closing:
        lines.append(f"    结束语：{' '.join(report.closing)}")
    if report.signature:
        date = report.signature.date
        lines.append(f"    落款：{report.signature.unit} {chinese_date(date) if date else '（无日期）'}")
    lines += [f"    猜测：{said(note, with_file=False)}" for note in plan.recognised.notes]
    return lines

