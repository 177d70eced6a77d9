"""Numbers generated from position: 一、（一）1.（1）一是 and report titles."""

from __future__ import annotations

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_GROUPS = ((10**8, "亿"), (10**4, "万"))


def chinese_number(n: int) -> str:
    """Write n ≥ 1 in Chinese numerals the way documents count: 十一, 二十, 一百零五, 一万零一, 十万."""
    if n < 1:
        raise ValueError(f"cannot write {n} in Chinese numerals")
    text = _grouped(n)
    # 10–19 are written 十, 十一 … rather than 一十, 一十一 (and 十万, not 一十万).
    return text[1:] if text.startswith("一十") else text


def _grouped(n: int) -> str:
    """``n`` in groups of 万 and 亿: 一万零一百 for 10100, 一亿零一万 for 100010000."""
    for group, unit in _GROUPS:
        if n >= group:
            high, low = divmod(n, group)
            text = _grouped(high) + unit
            if low:
                # a zero between the groups is read out once: 一万零一, not 一万一
                text += ("零" if low < group // 10 else "") + _grouped(low)
            return text
    return _below_ten_thousand(n)


def _below_ten_thousand(n: int) -> str:
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
    return "".join(parts)


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


def chinese_date(date) -> str:
    """A date as GB/T 9704 7.3.5 writes it: Arabic numerals, the year in full, no leading zeros."""
    return f"{date.year}年{date.month}月{date.day}日"
