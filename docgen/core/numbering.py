"""Numbers generated from position: 一、（一）1.（1）一是 and report titles,
and the Chinese numerals read back (import) by the same rules they are written;
the numbering styles and the levels they stand for."""

from __future__ import annotations

import re

_DIGITS = "零一二三四五六七八九"
_UNITS = ((1000, "千"), (100, "百"), (10, "十"))
_GROUPS = ((10**8, "亿"), (10**4, "万"))
# Every character a Chinese numeral may hold, for patterns that find one: 〇 and 两 are typed too.
NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿"
_DIGIT_VALUES = {**{digit: value for value, digit in enumerate(_DIGITS)}, "〇": 0, "两": 2}
_UNIT_VALUES = {unit: value for value, unit in _UNITS}
# Informal spellings, as people type them → as chinese_number writes them.
_INFORMAL = ((re.compile("〇"), "零"), (re.compile("两(?=[百千万亿])"), "二"), (re.compile("零十"), "零一十"))

# Numbering styles and their level in the GB/T 9704 hierarchy (a smaller level
# outranks a larger one). 一是 is the lowest: under a 1. item, 一是 counts its points.
SECTION_STYLE = "一、"
LEVELS = {SECTION_STYLE: 1, "（一）": 2, "1.": 3, "（1）": 4, "一是": 5}
ITEM_STYLES = tuple(style for style in LEVELS if style != SECTION_STYLE)  # what a section's items may use
DEFAULT_ITEM_STYLE = "1."
# What people type for a style, as the style it means.
STYLE_ALIASES = {"1、": "1.", "1．": "1.", "(一)": "（一）", "(1)": "（1）"}
# How a date is written out (a cover's): 2026年12月 (the default, as GB/T 9704 dates a
# document) or 二〇二六年十二月; what people type for a style, as the style it means.
ARABIC_DATES = "阿拉伯数字"
NUMERAL_DATES = "汉字"
DATE_STYLES = (ARABIC_DATES, NUMERAL_DATES)
DATE_STYLE_ALIASES = {"数字": "阿拉伯数字", "阿拉伯": "阿拉伯数字", "中文": "汉字", "中文数字": "汉字", "汉字数字": "汉字"}


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


def chinese_value(numeral: str) -> int | None:
    """The number a Chinese numeral says: 十二 → 12, 一千零一 → 1001, 一万零一 → 10001; None if it is none.

    Reads every numeral chinese_number writes and the forms people type for
    the same number: 两 for 二 before a unit (两百, 两千, 两万), 〇 for 零, 一十 at the start (一十五),
    零十 (一千零十). Anything else (二二, 千, 十百) is not a numeral.
    """
    value = _summed(numeral)
    if not value:
        return None
    return value if _formal(numeral) == chinese_number(value) else None


def _summed(numeral: str) -> int | None:
    """The value of the characters by position, without asking whether they are well formed."""
    total = section = digit = 0
    for char in numeral:
        if char in _DIGIT_VALUES:
            digit = _DIGIT_VALUES[char]
        elif char in _UNIT_VALUES:
            section += (digit or 1) * _UNIT_VALUES[char]
            digit = 0
        elif char == "万":
            total += (section + digit) * 10**4
            section = digit = 0
        elif char == "亿":
            total = (total + section + digit) * 10**8
            section = digit = 0
        else:
            return None
    return total + section + digit


def _formal(numeral: str) -> str:
    for informal, formal in _INFORMAL:
        numeral = informal.sub(formal, numeral)
    return numeral[1:] if numeral.startswith("一十") else numeral


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
    """A date (or a ``model.Month``) as GB/T 9704 7.3.5 writes it: Arabic numerals, the year
    in full, no leading zeros: 2026年11月20日, 2026年12月."""
    day = getattr(date, "day", None)
    return f"{date.year}年{date.month}月" + (f"{day}日" if day else "")


def date_in_numerals(date) -> str:
    """A date (or a ``model.Month``) in Chinese numerals, the year digit by digit:
    二〇二六年十一月二十日, 二〇二六年十二月."""
    year = "".join("〇一二三四五六七八九"[int(digit)] for digit in str(date.year))
    day = getattr(date, "day", None)
    return f"{year}年{chinese_number(date.month)}月" + (f"{chinese_number(day)}日" if day else "")
