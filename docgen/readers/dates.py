"""Dates as people type them, and whether the year of a 成文日期 can be right.

``parse_date`` reads 2026年11月20日, 2026.11.20, 2026/11/20, 2026-11-20, full-width
digits and Chinese numerals (二〇二六年十一月二十日, 二0二六年…). A year no report of a
街道/社区 Party office can carry is an error, a year after next (2062 typed for
2026) a warning to look again.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from ..numbering import chinese_value

EARLIEST_YEAR = 1949  # the People's Republic and its Party offices in 街道 and 社区 begin here
LATEST_YEAR = 2100

_YEAR_DIGITS = "〇零0一二三四五六七八九"
_YEAR_VALUES = str.maketrans("〇零一二三四五六七八九", "00123456789")
_SMALL = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_WRITTEN = re.compile(rf"(?P<year>\d{{4}}|[{_YEAR_DIGITS}]{{4}})\s*年\s*(?P<month>{_SMALL}|元)\s*月\s*(?P<day>{_SMALL})\s*[日号]")
_NUMERIC = re.compile(r"(?P<year>\d{4})\s*(?P<sep>[-—./])\s*(?P<month>\d{1,2})\s*(?P=sep)\s*(?P<day>\d{1,2})")


def parse_date(text: str) -> datetime.date | None:
    """The date ``text`` holds and nothing else (spaces around it aside), or None:
    2024年13月1日 and 2024年2月30日 are no dates."""
    text = unicodedata.normalize("NFKC", text).strip()
    match = _WRITTEN.fullmatch(text) or _NUMERIC.fullmatch(text)
    if not match:
        return None
    year = int(match["year"].translate(_YEAR_VALUES))
    month = 1 if match["month"] == "元" else _number(match["month"])
    try:
        return datetime.date(year, month, _number(match["day"]))
    except (TypeError, ValueError):
        return None


def _number(text: str) -> int | None:
    return int(text) if text.isdigit() else chinese_value(text)


def impossible_year(date: datetime.date, written: str, what: str) -> str | None:
    """Why ``date`` (``written`` as ``what``) cannot be a report's date, or None."""
    if EARLIEST_YEAR <= date.year <= LATEST_YEAR:
        return None
    return (
        f"{what}“{written}”的年份不可能是成文的年份（应在 {EARLIEST_YEAR}—{LATEST_YEAR} 年之间）"
        f"{_meant(date.year)}：请写实际的成文日期，如 {_today().year}年11月20日"
    )


def unlikely_year(date: datetime.date, written: str, what: str) -> str | None:
    """What to say of a ``date`` in a year after next (a report is dated when written), or None."""
    this_year = _today().year
    if date.year <= this_year + 1:
        return None
    return f"{what}“{written}”是 {date.year} 年，比今年（{this_year} 年）晚了 {date.year - this_year} 年{_meant(date.year)}：请核对年份"


def _meant(year: int) -> str:
    """The year meant, where ``year`` is this year's digits typed out of order (2062 for 2026)."""
    this_year = _today().year
    if year != this_year and sorted(f"{year:04d}") == sorted(str(this_year)):
        return f"，是不是 {this_year} 年"
    return ""


def _today() -> datetime.date:
    return datetime.date.today()
