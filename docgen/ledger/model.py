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
COLUMN_SHARED = "共性问题"
COLUMN_RAISED_BEFORE = "上年是否提出"
COLUMN_MEASURES = "整改措施"
COLUMN_OWNER = "责任人"
COLUMN_DEADLINE = "完成时限"
FILLED_IN_COLUMNS = (COLUMN_MEASURES, COLUMN_OWNER, COLUMN_DEADLINE)  # the office's own columns
COLUMN_OLD_ROW = "旧清单行号"
# Every column docgen writes; any other an office adds (整改进展, 备注 …) is the office's, carried over by --keep.
DOCGEN_COLUMNS = frozenset(
    (COLUMN_NUMBER, COLUMN_UNIT, COLUMN_TITLE, COLUMN_TEXT, COLUMN_CATEGORY, COLUMN_SHARED, COLUMN_RAISED_BEFORE,
     *FILLED_IN_COLUMNS, COLUMN_OLD_ROW)
)  # fmt: skip
LEDGER_SHEET = "问题清单"
UNKEPT_SHEET = "未带入的旧内容"  # filled-in rows of the old ledger that no problem took

MAX_CELL_CHARS = 32767  # Excel's limit on the text of one cell

PREVIOUS_PROPERTY = "docgen上年输入"  # the workbook's custom property remembering --previous



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
    """What an office wrote into a ledger row: 整改措施, 责任人, 完成时限, and its own columns' cells.

    Values stay as the workbook held them (a 完成时限 typed as a date stays a date).
    """

    measures: object = None
    owner: object = None
    deadline: object = None
    extra: dict[str, object] = field(default_factory=dict)  # the office's own columns: heading → value

    def __bool__(self) -> bool:
        values = (self.measures, self.owner, self.deadline, *self.extra.values())
        return any(value not in (None, "") for value in values)


@dataclass
class LedgerRow:
    problem: Problem
    raised_before: bool | None = None  # None: no previous year was given
    filled_in: FilledIn = field(default_factory=FilledIn)
    group: ProblemGroup | None = None  # the shared problem it is one of

    @property
    def shared(self) -> str:
        """The 共性问题 column: the heading of its group, blank when no other unit raised it."""
        return self.group.heading if self.group else ""


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
    category: str = ""  # decided for the whole group

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
    office_columns: list[str] = field(default_factory=list)  # columns the office added to the kept ledger
    fallback: str = "其他"  # the category of what fits nowhere
    previous_category_counts: dict[str, int] = field(default_factory=dict)  # last year's problems by category
    previous_total: int = 0
    previous_unit_count: int = 0
    units: list[str] = field(default_factory=list)  # every unit of the volume, problems or none
    previous_folder: str = ""  # the --previous folder, relative to the output folder: remembered in the workbook

    def category_counts(self) -> list[tuple[str, int]]:
        counts = {name: 0 for name in self.categories}
        for row in self.rows:
            counts[row.problem.category] = counts.get(row.problem.category, 0) + 1
        return list(counts.items())

    def category_units(self) -> dict[str, int]:
        """How many units raised problems of each category."""
        units: dict[str, set[str]] = {}
        for row in self.rows:
            units.setdefault(row.problem.category, set()).add(row.problem.unit)
        return {name: len(found) for name, found in units.items()}

    def unit_counts(self) -> list[tuple[str, int, int, int]]:
        """(unit, problems, of them shared with other units, of them raised last year too), in volume order."""
        counts: dict[str, list[int]] = {}
        for row in self.rows:
            count = counts.setdefault(row.problem.unit, [0, 0, 0])
            count[0] += 1
            count[1] += row.group is not None
            count[2] += bool(row.raised_before)
        return [(unit, *count) for unit, count in counts.items()]

    def fallback_count(self) -> int:
        return sum(row.problem.category == self.fallback for row in self.rows)

    def raised_again_by_unit(self) -> list[tuple[str, list[Problem]]]:
        """Each unit with the problems it raised last year too, in volume order."""
        by_unit: dict[str, list[Problem]] = {}
        for row in self.rows:
            if row.raised_before:
                by_unit.setdefault(row.problem.unit, []).append(row.problem)
        return list(by_unit.items())
