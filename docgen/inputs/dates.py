"""Whether the year of a 成文日期 can be right: a year no report of a 街道/社区 Party office
can carry is an error, a year after next (2062 typed for 2026) a warning to look again."""

from __future__ import annotations

import datetime

EARLIEST_YEAR = 1949  # the People's Republic and its Party offices in 街道 and 社区 begin here
LATEST_YEAR = 2100


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
