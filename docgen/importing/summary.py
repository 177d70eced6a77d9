"""What ``docgen import`` tells the user: for each file, the reports found in
it, where each went, its parts, and every guess that needs checking."""

from __future__ import annotations

from pathlib import Path

from ..core.findings import said
from ..core.model import VolumeSettings
from ..core.numbering import chinese_date, section_number
from ..fs.filenames import SETTINGS_FILE
from .plan import Planned, Source


def summary_lines(sources: list[Source], planned: list[Planned], settings: VolumeSettings | None, out: Path) -> list[str]:
    """What was imported from each file, where it went, and every guess made."""
    lines: list[str] = []
    for source in sources:
        plans = [p for p in planned if p.source is source]
        holds = f"汇编，共 {len(plans)} 份报告" if source.recognition.is_volume else "1 份报告"
        lines.append(f"{source.path.name}：{holds}")
        if source.recognition.toc_lines:
            lines.append(f"  已跳过目录（{source.recognition.toc_lines} 行）")
        lines += [f"  提醒：{said(note, with_file=False)}" for note in source.notes]
        for plan in plans:
            lines += _report_summary(plan)
    if not planned:
        return lines
    lines.append(f"已写入 {len(planned)} 份报告到 {out}{'，并写入汇编设置 ' + SETTINGS_FILE if settings else ''}。")
    if settings is not None:
        lines.append(f"改动单位名称（unit）时，请同时改 {SETTINGS_FILE} 的 order 中对应的名称。")
    else:
        lines.append(f"{out / SETTINGS_FILE} 已存在，没有改动：新导入的单位会排在汇编最后，可在其中的 order 里调整顺序。")
        if any(plan.recognised.report.title for plan in planned):
            lines.append(f"要让每份报告用它自己的标题，请在 {SETTINGS_FILE} 中写上 titles: own。")
    lines.append("请核对上面的“猜测”，然后运行 docgen build 生成 Word 文件。")
    return lines


def _report_summary(plan: Planned) -> list[str]:
    report = plan.recognised.report
    action = "替换" if plan.replaces else "→"
    lines = [f"  {action} {plan.target.name}  单位：{plan.unit}（{plan.unit_note}）"]
    if plan.recognised.title:
        lines.append(f"    标题：{plan.recognised.title}")
    if report.intro:
        lines.append(f"    导语：{len(report.intro)} 段")
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

