"""Numbers generated from position: 一、（一）1.（1）一是 and report titles."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))


def chinese_number(n: int) -> str:
    """Write 1 ≤ n ≤ 9999 in Chinese numerals the way documents count: 十一, 二十, 一百零五."""
    if not 1 <= n <= 9999:
        raise ValueError(f"cannot write {n} in Chinese numerals")
    parts: list[str] = []
    rest = n
    pending_zero = False
    for value, unit in _UNITS:
        digit, rest = divmod(rest, value)
        if digit:
            if pending_zero:
                parts.append("零")
                pending_zero = False
            parts.append(_DIGITS[digit] + unit)
        elif parts:
            pending_zero = True
    if rest:
        if pending_zero:
            parts.append("零")
        parts.append(_DIGITS[rest])
    text = "".join(parts)
    # 10–19 are written 十, 十一 … rather than 一十, 一十一.
    return text[1:] if text.startswith("一十") else text


def section_number(position: int) -> str:
    """First-level number: 一、二、三、…"""
    return f"{chinese_number(position)}、"


def item_number(style: str, position: int) -> str:
    """The marker of the item at ``position`` (1-based) in a section of ``style``."""
    if style == "（一）":
        return f"（{chinese_number(position)}）"
    if style == "1.":
        return f"{position}."
    if style == "（1）":
        return f"（{position}）"
    if style == "一是":
        return f"{chinese_number(position)}是"
    raise ValueError(f"unknown numbering style {style!r}")


def report_title(series_title: str, position: int) -> str:
    """The title of the report at ``position`` in the volume: 基层党建……问题（三）."""
    return f"{series_title}（{chinese_number(position)}）"
