"""The problem ledger as data: every problem a report lists, and what is worked out about them.

Readers of the inputs fill it (``problems``, ``categories``, ``grouping``,
``previous``, ``kept``); the ledger writers (``workbook``,
``analysis``) only lay it out.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..core.model import Origin

# The ledger's columns, as the workbook heads them; the --keep reader finds them by these names.
COLUMN_NUMBER = "序号"
COLUMN_UNIT = "单位"
COLUMN_TITLE = "问题"
COLUMN_TEXT = "具体表现"
COLUMN_CATEGORY = "类别"
COLUMN_RAISED_BEFORE = "上年是否提出"
COLUMN_MEASURES = "整改措施"
COLUMN_OWNER = "责任人"
COLUMN_DEADLINE = "完成时限"
FILLED_IN_COLUMNS = (COLUMN_MEASURES, COLUMN_OWNER, COLUMN_DEADLINE)  # the office's own columns
COLUMN_OLD_ROW = "旧清单行号"
LEDGER_SHEET = "问题清单"
UNKEPT_SHEET = "未带入的旧内容"  # filled-in rows of the old ledger that no problem took

MAX_CELL_CHARS = 32767  # Excel's limit on the text of one cell


@dataclass
class Problem:
    """One item of a problem section: its unit, title sentence and text."""

    unit: str
    title: str
    text: str
    origin: Origin = field(default_factory=Origin)
    category: str = ""


@dataclass
class FilledIn:
    """What an office wrote into a ledger row: 整改措施, 责任人, 完成时限.

    Values stay as the workbook held them (a 完成时限 typed as a date stays a date).
    """

    measures: object = None
    owner: object = None
    deadline: object = None

    def __bool__(self) -> bool:
        return any(value not in (None, "") for value in (self.measures, self.owner, self.deadline))


@dataclass
class LedgerRow:
    problem: Problem
    raised_before: bool | None = None  # None: no previous year was given
    filled_in: FilledIn = field(default_factory=FilledIn)


@dataclass
class KeptRow:
    """A row of an earlier ledger whose filled-in columns are to be carried over."""

    unit: str
    title: str
    filled_in: FilledIn
    row: int  # in the old workbook, for messages


@dataclass
class ProblemGroup:
    """Problems of several units worded alike; ``heading`` is the most typical title."""

    heading: str
    problems: list[Problem]

    @property
    def units(self) -> list[str]:
        return list(dict.fromkeys(p.unit for p in self.problems))


@dataclass
class Ledger:
    title: str  # e.g. 基层党建亮点工作及存在问题: the volume's series title
    rows: list[LedgerRow]
    categories: list[str]  # in table order, the fallback last
    groups: list[ProblemGroup] = field(default_factory=list)
    unit_count: int = 0
    compared_with_previous: bool = False
    unkept: list[KeptRow] = field(default_factory=list)  # filled-in rows of --keep no problem took

    def category_counts(self) -> list[tuple[str, int]]:
        counts = {name: 0 for name in self.categories}
        for row in self.rows:
            counts[row.problem.category] = counts.get(row.problem.category, 0) + 1
        return list(counts.items())

    def raised_again_by_unit(self) -> list[tuple[str, list[Problem]]]:
        """Each unit with the problems it raised last year too, in volume order."""
        by_unit: dict[str, list[Problem]] = {}
        for row in self.rows:
            if row.raised_before:
                by_unit.setdefault(row.problem.unit, []).append(row.problem)
        return list(by_unit.items())
