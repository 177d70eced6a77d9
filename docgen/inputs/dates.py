"""Dates as people type them, read in one place: a 成文日期 in a report file, a
cover's date, a 落款 found by import.

``parse_date`` reads 2026年11月20日, 2026-11-20, 2026.11.20, 2026/11/20,
2026年11月20号, full-width digits (２０２６年１１月２０日) and Chinese numerals
(二〇二六年十一月二十日, 二零二六年十一月廿日); without the day (2026年12月, 2026-12,
二〇二六年十二月) it gives the ``Month``. Anything else, and a day no calendar has
(2026年2月30日), is not a date. How a date prints is ``numbering.chinese_date``.

Whether the year can be right: a year no report of a 街道/社区 Party office can
carry is an error, a year after next (2062 typed for 2026) a warning to look again.
"""

from __future__ import annotations

import datetime
import re
import unicodedata

from ..core.model import Month
from ..core.numbering import chinese_value

EARLIEST_YEAR = 1949  # the People's Republic and its Party offices in 街道 and 社区 begin here
LATEST_YEAR = 2100

_YEAR_DIGITS = "〇零一二三四五六七八九"
_YEAR_VALUES = str.maketrans(_YEAR_DIGITS, "00123456789")
# A month or a day in Chinese numerals: 十二, 二十一, 廿一, 卅日; checked by value below.
_SMALL = "[一二三四五六七八九十廿卅〇零]{1,3}"
_PART = rf"(?:\d{{1,2}}|{_SMALL})"
_WRITTEN = re.compile(
    rf"(?P<year>\d{{4}}|[{_YEAR_DIGITS}]{{4}})\s*年\s*(?P<month>{_PART})\s*月(?:\s*(?P<day>{_PART})\s*[日号]?)?"
)
_DASHES = "-—–"
_NUMERIC = re.compile(rf"(?P<year>\d{{4}})\s*(?P<sep>[{_DASHES}./])\s*(?P<month>\d{{1,2}})(?:\s*(?P=sep)\s*(?P<day>\d{{1,2}}))?")
_SPELLED_TENS = (("廿", "二十"), ("卅", "三十"))


def parse_date(text: str) -> datetime.date | Month | None:
    """The date ``text`` holds and nothing else (spaces around it aside): a ``datetime.date``,
    the ``Month`` where no day is written, or None where ``text`` is not a date."""
    text = unicodedata.normalize("NFKC", text).strip()
    match = _WRITTEN.fullmatch(text) or _NUMERIC.fullmatch(text)
    if not match:
        return None
    year, month = _number(match["year"].translate(_YEAR_VALUES)), _number(match["month"])
    day = _number(match["day"]) if match["day"] else None
    if year is None or month is None or not 1 <= month <= 12:
        return None
    if match["day"] is None:
        return Month(year, month)
    try:
        return datetime.date(year, month, day) if day else None
    except ValueError:
        return None  # 2026年2月30日: no such day


def _number(text: str) -> int | None:
    """1–31 as typed: digits or a Chinese numeral (十一, 二十, 廿一, 〇 or 零 for nought)."""
    if text.isdigit():
        return int(text)
    for spelled, formal in _SPELLED_TENS:
        text = text.replace(spelled, formal)
    return chinese_value(text)


def impossible_year(date: datetime.date | Month, written: str, what: str) -> str | None:
    """Why ``date`` (``written`` as ``what``) cannot be a report's date, or None."""
    if EARLIEST_YEAR <= date.year <= LATEST_YEAR:
        return None
    return (
        f"{what}“{written}”的年份不可能是成文的年份（应在 {EARLIEST_YEAR}—{LATEST_YEAR} 年之间）"
        f"{_meant(date.year)}：请写实际的成文日期，如 {_today().year}年11月20日"
    )


def unlikely_year(date: datetime.date | Month, written: str, what: str) -> str | None:
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
