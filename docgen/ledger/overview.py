"""The ledger's overview sheet (统计): counts by 类别 and by 社区, the shared problems, native charts.

Three tables one under another, each with an Excel chart beside it that
reads the table's cells, so the charts stay editable in Excel and WPS and
follow any correction made to the numbers. The units are listed most problems
first, and a volume of many units charts the first of them only; the
tables list them all.
"""

from __future__ import annotations

import math
from copy import copy

from openpyxl.chart import BarChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from .model import Ledger

OVERVIEW_SHEET = "统计"
CHARTED_UNITS = 30  # units in the chart at most: the most problems first
CHARTED_GROUPS = 20
_FIRST_TABLE_ROW = 4
_CHART_COLUMN = "F"
_ROW_CM = 0.53  # a 15-point row
_BAR_CM = 0.6  # chart height per bar
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_FONT = Font(name="宋体", size=11)
_FONT_HEADER = Font(name="黑体", size=11)


def write_overview(sheet: Worksheet, ledger: Ledger) -> None:
    sheet.cell(1, 1, f"问题统计（{ledger.title}）").font = Font(name="黑体", size=16)
    sheet.cell(2, 1, overview_line(ledger)).font = _FONT
    for column, width in zip("ABCDE", (28, 12, 12, 12, 12)):
        sheet.column_dimensions[column].width = width
    row = _category_table(sheet, ledger, _FIRST_TABLE_ROW)
    row = _unit_table(sheet, ledger, row)
    _group_table(sheet, ledger, row)
    sheet.page_setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    sheet.page_setup.paperSize = Worksheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def overview_line(ledger: Ledger) -> str:
    """One sentence of the whole: units, problems, shared problems, the fallback's share, last year."""
    total = len(ledger.rows)
    shared = sum(len(group.problems) for group in ledger.groups)
    other = ledger.fallback_count()
    line = (
        f"{ledger.unit_count}个社区共列出问题{total}条，其中{len(ledger.groups)}个共性问题（{shared}条问题）；"
        f"归入“{ledger.fallback}”的{other}条，占{_percent(other, total)}。"
    )
    if ledger.compared_with_previous:
        again = sum(count for *_, count in ledger.unit_counts())
        line += f"上年已提出、今年再次提出的{again}条。"
    return line


def _percent(part: int, whole: int) -> str:
    return f"{part * 100 / whole:.0f}%" if whole else "0%"


def _category_table(sheet: Worksheet, ledger: Ledger, top: int) -> int:
    units = ledger.category_units()
    total = len(ledger.rows) or 1
    rows = [(name, count, count / total, units.get(name, 0)) for name, count in ledger.category_counts()]
    _table(sheet, top, ("类别", "问题条数", "占比", "涉及社区数"), rows, percent_column=3)
    chart = _bar_chart("各类别问题条数", sheet, top, len(rows), value_columns=(2,))
    return _place(sheet, chart, top, len(rows))


def _unit_table(sheet: Worksheet, ledger: Ledger, top: int) -> int:
    """The units, most problems first (equal counts in volume order)."""
    counts = sorted(ledger.unit_counts(), key=lambda count: -count[1])
    headings = ("社区", "问题条数", "其中共性问题")
    if ledger.compared_with_previous:
        headings += ("其中上年已提出",)
    rows = [count[: len(headings)] for count in counts]
    _table(sheet, top, headings, rows)
    charted = min(len(rows), CHARTED_UNITS)
    title = "各社区问题条数" if charted == len(rows) else f"问题最多的{charted}个社区"
    chart = _bar_chart(title, sheet, top, charted, value_columns=tuple(range(2, len(headings) + 1)))
    return _place(sheet, chart, top, len(rows))


def _group_table(sheet: Worksheet, ledger: Ledger, top: int) -> int:
    """The shared problems, most units first."""
    rows = [(group.heading, len(group.units), group.category) for group in ledger.groups]
    if not rows:
        sheet.cell(top, 1, "各社区反映的问题没有提法相近的共性问题。").font = _FONT
        return top + 1
    _table(sheet, top, ("共性问题", "涉及社区数", "类别"), rows)
    charted = min(len(rows), CHARTED_GROUPS)
    title = "各共性问题涉及的社区数" if charted == len(rows) else f"涉及社区最多的{charted}个共性问题"
    chart = _bar_chart(title, sheet, top, charted, value_columns=(2,))
    return _place(sheet, chart, top, len(rows))


def _table(sheet: Worksheet, top: int, headings: tuple, rows: list, percent_column: int | None = None) -> None:
    for column, heading in enumerate(headings, 1):
        cell = sheet.cell(top, column, heading)
        cell.font, cell.fill, cell.border = _FONT_HEADER, _HEADER_FILL, _BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center")
    for offset, values in enumerate(rows, 1):
        for column, value in enumerate(values, 1):
            cell = sheet.cell(top + offset, column, value)
            if offset > 1:  # a column's cells share the first row's style (set anew per cell, 1,000 units are slow)
                cell._style = copy(sheet.cell(top + 1, column)._style)
                continue
            cell.font, cell.border = _FONT, _BORDER
            cell.alignment = Alignment(wrap_text=True, vertical="center", horizontal="left" if column == 1 else "center")
            if column == percent_column:
                cell.number_format = "0%"


def _bar_chart(title: str, sheet: Worksheet, top: int, count: int, value_columns: tuple[int, ...]) -> BarChart:
    chart = BarChart()
    chart.type = "bar"  # horizontal bars: long Chinese labels read along them
    chart.style = 10
    chart.title = title
    chart.y_axis.title = "条数" if "社区数" not in title else "社区数"
    chart.y_axis.majorGridlines = None
    chart.x_axis.scaling.orientation = "maxMin"  # the table's first row on top
    for column in value_columns:
        chart.add_data(Reference(sheet, min_col=column, min_row=top, max_row=top + count), titles_from_data=True)
    chart.set_categories(Reference(sheet, min_col=1, min_row=top + 1, max_row=top + count))
    chart.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False, showLegendKey=False, showPercent=False)
    chart.legend = chart.legend if len(value_columns) > 1 else None
    chart.width = 18
    chart.height = max(7.5, count * _BAR_CM * len(value_columns) + 3)
    return chart


def _place(sheet: Worksheet, chart: BarChart, top: int, rows: int) -> int:
    """Anchor ``chart`` beside its table; the next table's row, below both."""
    sheet.add_chart(chart, f"{_CHART_COLUMN}{top}")
    chart_rows = math.ceil(chart.height / _ROW_CM)
    return top + max(rows + 1, chart_rows) + 2
