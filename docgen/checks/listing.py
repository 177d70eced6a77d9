"""Findings as the text a person reads: grouped by file, in line order, counted by kind."""

from __future__ import annotations

from collections import Counter

from .findings import KIND_NAMES, Finding


def listing_lines(findings: list[Finding]) -> list[str]:
    """Each file's findings under its name, then the count; or a line saying there are none."""
    if not findings:
        return ["检查完毕，没有发现问题。"]
    lines: list[str] = []
    current_file = object()
    for finding in findings:
        if finding.origin.path != current_file:
            current_file = finding.origin.path
            if lines:
                lines.append("")
            lines.append(str(current_file) if current_file else "<输入>")
        where = f"第 {finding.origin.line} 行" if finding.origin.line else "    "
        lines.append(f"  {where}  【{KIND_NAMES[finding.kind]}】{finding.message}")
        lines.append(f"      原文：{finding.excerpt}")
    lines += ["", f"共发现 {len(findings)} 处问题：{_counts(findings)}。"]
    return lines


def summary_line(findings: list[Finding], check_command: str = "docgen check") -> str:
    """One line for ``docgen build``; ``check_command`` is the command that lists them (with its folder)."""
    if not findings:
        return "检查未发现问题（占位符、半角标点、重复内容等）。"
    return f"检查发现 {len(findings)} 处问题（{_counts(findings)}），运行 {check_command} 查看详情。"


def _counts(findings: list[Finding]) -> str:
    counts = Counter(finding.kind for finding in findings)
    return "，".join(f"{name} {counts[kind]} 处" for kind, name in KIND_NAMES.items() if counts[kind])
