"""The ledger → 问题清单.xlsx: one row a problem, laid out to print on A4 landscape, and an overview.

The first sheet: a title row, then the header (frozen, filtered, repeated on
every printed page), then the rows, wrapped, each as tall as its longest
cell. Excel does not size rows by their text when it opens a file, so the
heights are worked out here from the column widths. The columns an office
added to the ledger it kept follow docgen's; dates and times it typed keep a
date format.

The second sheet (``overview_xlsx``) counts the problems by 类别 and by 社区
and lists the shared problems, each table with a native chart beside it.
"""

from __future__ import annotations

import datetime
import io
import math
import unicodedata
import zipfile
from copy import copy
from dataclasses import dataclass

from lxml import etree
from openpyxl import Workbook
from openpyxl.packaging.custom import StringProperty
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet
from openpyxl.writer.excel import ExcelWriter

from ..core.unit_names import units_fingerprint
from ..docx.ooxml import XML_PARSER
from ..docx.package import read_parts, zip_parts
from ..docx.properties import build_time
from ..fs.filenames import UNITS_PROPERTY
from .model import (
    COLUMN_CATEGORY,
    COLUMN_DEADLINE,
    COLUMN_MEASURES,
    COLUMN_NUMBER,
    COLUMN_OLD_ROW,
    COLUMN_OWNER,
    COLUMN_RAISED_BEFORE,
    COLUMN_SHARED,
    COLUMN_TEXT,
    COLUMN_TITLE,
    COLUMN_UNIT,
    LEDGER_SHEET,
    MAX_CELL_CHARS,
    PREVIOUS_PROPERTY,
    UNKEPT_SHEET,
    KeptRow,
    Ledger,
    LedgerRow,
)
from .overview import OVERVIEW_SHEET, write_overview

TITLE_ROW = 1
HEADER_ROW = 2
FONT_BODY = Font(name="宋体", size=11)
FONT_HEADER = Font(name="黑体", size=11)
FONT_TITLE = Font(name="黑体", size=16)
POINTS_PER_LINE = 15.0  # an 11-point CJK line with its leading
MAX_ROW_POINTS = 409  # the tallest row Excel allows
CUT_MARK = "……（超出 Excel 单元格容量，余下见报告原文）"
_THIN = Side(style="thin", color="000000")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_HEADER_FILL = PatternFill("solid", fgColor="D9D9D9")
_WRAP_TOP = Alignment(wrap_text=True, vertical="top")
_WRAP_CENTER = Alignment(wrap_text=True, vertical="center", horizontal="center")
_WRAP_TOP_CENTER = Alignment(wrap_text=True, vertical="top", horizontal="center")
_MARGIN_INCHES = 0.5


@dataclass(frozen=True)
class Column:
    heading: str
    width: float  # in Excel's units: one digit of the body font; a Chinese character takes two
    centred: bool = False


def ledger_workbook(ledger: Ledger) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = LEDGER_SHEET
    columns = _columns(ledger.compared_with_previous) + _office_columns(ledger.office_columns)
    _write_title(sheet, ledger_title(ledger), len(columns))
    _write_header(sheet, columns)
    for number, row in enumerate(ledger.rows, 1):
        _write_row(sheet, HEADER_ROW + number, columns, _values(number, row, ledger))
    _print_setup(sheet, columns, HEADER_ROW + len(ledger.rows))
    write_overview(workbook.create_sheet(OVERVIEW_SHEET), ledger)
    if ledger.unkept:
        _write_unkept(workbook.create_sheet(UNKEPT_SHEET), ledger.unkept, ledger.office_columns)
    if ledger.previous_folder:
        workbook.custom_doc_props.append(StringProperty(name=PREVIOUS_PROPERTY, value=ledger.previous_folder))
    workbook.custom_doc_props.append(StringProperty(name=UNITS_PROPERTY, value=units_fingerprint(ledger.units)))
    return _package(workbook, ledger_title(ledger))


def ledger_title(ledger: Ledger) -> str:
    return f"问题清单（{ledger.title}）"


def _columns(with_previous: bool) -> list[Column]:
    columns = [
        Column(COLUMN_NUMBER, 5, centred=True),
        Column(COLUMN_UNIT, 12),
        Column(COLUMN_TITLE, 26),
        Column(COLUMN_TEXT, 50),
        Column(COLUMN_CATEGORY, 12, centred=True),
        Column(COLUMN_SHARED, 18),
        Column(COLUMN_RAISED_BEFORE, 7, centred=True),
        Column(COLUMN_MEASURES, 24),
        Column(COLUMN_OWNER, 8),
        Column(COLUMN_DEADLINE, 10),
    ]
    return columns if with_previous else [c for c in columns if c.heading != COLUMN_RAISED_BEFORE]


def _office_columns(headings: list[str]) -> list[Column]:
    return [Column(heading, 16) for heading in headings]


def _values(number: int, row: LedgerRow, ledger: Ledger) -> list:
    problem, filled_in = row.problem, row.filled_in
    previous = ["是" if row.raised_before else "否"] if ledger.compared_with_previous else []
    return [
        number, problem.unit, problem.title, problem.text, problem.category, row.shared, *previous,
        filled_in.measures, filled_in.owner, filled_in.deadline,
        *(filled_in.extra.get(heading) for heading in ledger.office_columns),
    ]  # fmt: skip


def _write_title(sheet: Worksheet, title: str, width: int) -> None:
    cell = sheet.cell(TITLE_ROW, 1, title)
    cell.font = FONT_TITLE
    cell.alignment = Alignment(horizontal="center", vertical="center")
    sheet.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=width)
    sheet.row_dimensions[TITLE_ROW].height = 32


def _write_header(sheet: Worksheet, columns: list[Column]) -> None:
    for index, column in enumerate(columns, 1):
        cell = sheet.cell(HEADER_ROW, index, column.heading)
        cell.font, cell.fill, cell.border, cell.alignment = FONT_HEADER, _HEADER_FILL, _BORDER, _WRAP_CENTER
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.row_dimensions[HEADER_ROW].height = _height(columns, [c.heading for c in columns])


def _write_row(sheet: Worksheet, row_number: int, columns: list[Column], values: list) -> None:
    for index, (column, value) in enumerate(zip(columns, values), 1):
        cell = sheet.cell(row_number, index, _cell_value(value))
        if isinstance(value, str) and value.startswith("="):
            cell.data_type = "s"  # the user's text, never a formula Excel would run
        if row_number > HEADER_ROW + 1:
            # openpyxl looks each style part up anew per cell (slow for 1,000 reports' rows);
            # the first row's combined style is the same for the whole column.
            cell._style = copy(sheet.cell(HEADER_ROW + 1, index)._style)
        else:
            cell.font, cell.border = FONT_BODY, _BORDER
            cell.alignment = _WRAP_TOP_CENTER if column.centred else _WRAP_TOP
        if isinstance(value, (datetime.date, datetime.time)):
            cell.number_format = _date_format(value)  # else the copied style shows 46387 or 0.3958
    sheet.row_dimensions[row_number].height = _height(columns, values)


def _date_format(value) -> str:
    if isinstance(value, datetime.datetime):
        return "yyyy-mm-dd" if value.time() == datetime.time() else "yyyy-mm-dd hh:mm"
    return "yyyy-mm-dd" if isinstance(value, datetime.date) else "hh:mm"


def _cell_value(value):
    """``value`` as a cell can hold it: Excel refuses text beyond its cell limit."""
    if isinstance(value, str) and len(value) > MAX_CELL_CHARS:
        return value[: MAX_CELL_CHARS - len(CUT_MARK)] + CUT_MARK
    return value


def _height(columns: list[Column], values: list) -> float:
    lines = max(_lines(value, column.width) for column, value in zip(columns, values))
    return min(lines * POINTS_PER_LINE + 4, MAX_ROW_POINTS)


def _lines(value, width: float) -> int:
    """How many lines ``value`` wraps to in a column ``width`` units wide."""
    if value is None:
        return 1
    room = max(width - 1.5, 2)  # the cell's padding
    return sum(max(1, math.ceil(_display_width(line) / room)) for line in str(value).split("\n"))


def _display_width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _print_setup(sheet: Worksheet, columns: list[Column], last_row: int) -> None:
    last_column = get_column_letter(len(columns))
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{last_column}{max(last_row, HEADER_ROW)}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    sheet.print_area = f"A1:{last_column}{max(last_row, HEADER_ROW)}"
    setup = sheet.page_setup
    setup.orientation = Worksheet.ORIENTATION_LANDSCAPE
    setup.paperSize = Worksheet.PAPERSIZE_A4
    setup.fitToWidth, setup.fitToHeight = 1, 0  # all columns on the page's width, as many pages as it takes
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    sheet.print_options.horizontalCentered = True
    margins = sheet.page_margins
    margins.left = margins.right = margins.top = margins.bottom = _MARGIN_INCHES
    sheet.oddFooter.center.text = "第 &P 页，共 &N 页"


def _package(workbook: Workbook, title: str) -> bytes:
    """The workbook's bytes: dated as the Word files are, its zip entries fixed, its fonts in schema order.

    ``Workbook.save`` would stamp the current time; the writer underneath it does not.
    """
    when = build_time().replace(tzinfo=None)
    properties = workbook.properties
    properties.title, properties.creator, properties.created, properties.modified = title, "docgen", when, when
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    parts = read_parts(out.getvalue())
    parts[_STYLES_PART] = _fonts_in_schema_order(parts[_STYLES_PART])
    return zip_parts(parts)


_STYLES_PART = "xl/styles.xml"
# CT_Font's children in the order the Open XML SDK validator demands; openpyxl writes name first.
_FONT_CHILD_ORDER = "b i strike condense extend outline shadow u vertAlign sz color name family charset scheme".split()


def _fonts_in_schema_order(styles_xml: bytes) -> bytes:
    root = etree.fromstring(styles_xml, XML_PARSER)
    for font in root.iter(f"{{{root.nsmap[None]}}}font"):
        font[:] = sorted(font, key=lambda child: _FONT_CHILD_ORDER.index(etree.QName(child).localname))
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _write_unkept(sheet: Worksheet, unkept: list[KeptRow], office_columns: list[str]) -> None:
    """The filled-in rows of the old ledger no problem took: kept here, so nothing is lost."""
    columns = [
        Column(COLUMN_OLD_ROW, 8, centred=True), Column(COLUMN_UNIT, 12), Column(COLUMN_TITLE, 30),
        Column(COLUMN_MEASURES, 40), Column(COLUMN_OWNER, 10), Column(COLUMN_DEADLINE, 12),
        *_office_columns(office_columns),
    ]  # fmt: skip
    _write_title(sheet, "旧问题清单中已填写、但在本次清单中找不到对应问题的行", len(columns))
    _write_header(sheet, columns)
    for offset, old in enumerate(unkept, 1):
        filled_in = old.filled_in
        values = [old.row, old.unit, old.title, filled_in.measures, filled_in.owner, filled_in.deadline]
        values += [filled_in.extra.get(heading) for heading in office_columns]
        _write_row(sheet, HEADER_ROW + offset, columns, values)
    _print_setup(sheet, columns, HEADER_ROW + len(unkept))
