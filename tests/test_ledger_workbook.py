"""问题清单.xlsx prints legibly: A4 landscape, header on every page, frozen, filtered, wrapped."""

from __future__ import annotations

import pytest
from openpyxl import load_workbook

import docgen
from ledger_files import LEDGER


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    from conftest import SAMPLE_INPUTS

    out = tmp_path_factory.mktemp("workbook")
    docgen.summary(SAMPLE_INPUTS, out, previous=SAMPLE_INPUTS)
    return load_workbook(out / LEDGER).worksheets[0]


def test_a4_landscape_all_columns_on_the_page_width(sheet):
    setup = sheet.page_setup
    assert setup.orientation == "landscape"
    assert int(setup.paperSize) == 9  # A4 in SpreadsheetML's paper codes
    assert sheet.sheet_properties.pageSetUpPr.fitToPage
    assert (int(setup.fitToWidth), int(setup.fitToHeight)) == (1, 0)


def test_header_row_repeats_on_every_page_is_frozen_and_filtered(sheet):
    assert sheet.print_title_rows == "$2:$2"
    assert sheet.freeze_panes == "A3"
    assert sheet.auto_filter.ref == f"A2:I{2 + 36}"
    assert [c.value for c in sheet[2]] == [
        "序号", "单位", "问题", "具体表现", "类别", "上年是否提出", "整改措施", "责任人", "完成时限",
    ]  # fmt: skip


def test_columns_are_wide_enough_and_text_wraps(sheet):
    widths = {sheet.cell(2, c).value: sheet.column_dimensions[chr(64 + c)].width for c in range(1, sheet.max_column + 1)}
    assert widths["具体表现"] >= 40 and widths["问题"] >= 20 and widths["整改措施"] >= 20
    assert widths["序号"] < widths["单位"] < widths["问题"] < widths["具体表现"]
    for row in sheet.iter_rows(min_row=3):
        assert all(cell.alignment.wrap_text for cell in row)


def test_each_row_is_tall_enough_for_its_longest_cell(sheet):
    text_column = next(c for c in range(1, sheet.max_column + 1) if sheet.cell(2, c).value == "具体表现")
    width = sheet.column_dimensions[chr(64 + text_column)].width
    for row in range(3, sheet.max_row + 1):
        text = sheet.cell(row, text_column).value or ""
        chars_per_line = (width - 1.5) / 2  # Chinese characters take two width units
        lines = -(-len(text) // int(chars_per_line)) if text else 1
        assert sheet.row_dimensions[row].height >= lines * 15 * 0.8, (row, text[:20])  # 15 pt a line, ASCII narrower


def test_title_spans_the_table(sheet):
    assert f"A1:{chr(64 + sheet.max_column)}1" in {str(r) for r in sheet.merged_cells.ranges}
