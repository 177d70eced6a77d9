"""问题清单.xlsx prints legibly: A4 landscape, header on every page, frozen, filtered, wrapped."""

from __future__ import annotations

import json
import re
import subprocess
from collections import Counter

import pytest
from openpyxl import load_workbook

import docgen
from docgen.office.soffice import find_soffice
from support.ledger_files import ANALYSIS, LEDGER, ledger_rows


@pytest.fixture(scope="module")
def sheet(tmp_path_factory):
    from support.paths import SAMPLE_INPUTS

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
    assert sheet.auto_filter.ref == f"A2:J{2 + 36}"
    assert [c.value for c in sheet[2]] == [
        "序号", "单位", "问题", "具体表现", "类别", "共性问题", "上年是否提出", "整改措施", "责任人", "完成时限",
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


def test_same_inputs_give_the_same_bytes(tmp_path, clock):
    from support.paths import SAMPLE_INPUTS

    for out in ("a", "b"):
        docgen.summary(SAMPLE_INPUTS, tmp_path / out, previous=SAMPLE_INPUTS)
    for name in (LEDGER, ANALYSIS):
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes(), name


def test_the_open_xml_sdk_validator_accepts_both_files(tmp_path):
    from support.paths import SAMPLE_INPUTS
    from support.validator import VALIDATOR_INSTALL, find_validator

    validator = find_validator()
    if validator is None:
        pytest.skip(f"the Open XML SDK validator is not installed ({VALIDATOR_INSTALL})")
    old = tmp_path / "old"
    docgen.summary(SAMPLE_INPUTS, old)
    workbook = load_workbook(old / LEDGER)
    workbook.worksheets[0]["B3"] = "已改名的社区"  # its filled-in row will find no problem
    workbook.worksheets[0]["G3"] = "整改措施"
    workbook.worksheets[0]["K2"] = "备注"  # a column of the office's own
    workbook.worksheets[0]["K3"] = "已上报街道"
    workbook.save(old / LEDGER)
    docgen.summary(SAMPLE_INPUTS, tmp_path / "new", previous=SAMPLE_INPUTS, keep=old / LEDGER)
    assert load_workbook(tmp_path / "new" / LEDGER).sheetnames == ["问题清单", "统计", "未带入的旧内容"]
    for name in (LEDGER, ANALYSIS):
        finished = subprocess.run([validator, str(tmp_path / "new" / name)], capture_output=True, text=True, timeout=300)
        if finished.returncode == 2:
            pytest.skip(f"the validator cannot run here: {finished.stderr.strip()[:200]}")
        verdict = json.loads(finished.stdout)
        assert verdict["ok"], json.dumps(verdict["errors"], ensure_ascii=False, indent=1)[:3000]


@pytest.mark.office
def test_printed_ledger_holds_every_problem_with_the_header_on_each_page(tmp_path):
    """LibreOffice Calc prints the ledger: all text there (no row cut short), the header atop every page;
    then the overview with its three charts drawn (their titles are text in the PDF)."""
    from support.paths import SAMPLE_INPUTS
    from support.renderer import require_renderer

    require_renderer()
    docgen.summary(SAMPLE_INPUTS, tmp_path)
    profile = tmp_path / "profile"
    finished = subprocess.run(
        [str(find_soffice()), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path / "pdf"), str(tmp_path / LEDGER)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    pdf = tmp_path / "pdf" / "问题清单.pdf"
    if not pdf.is_file():
        pytest.skip(f"LibreOffice Calc is not installed (apt-get install libreoffice-calc-nogui): {finished.stderr[-200:]}")
    pages = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout.split("\f")
    pages = [page for page in pages if page.strip()]
    overview_at = next(number for number, page in enumerate(pages) if "问题统计（" in page)
    overview, pages = "".join(pages[overview_at:]), pages[:overview_at]
    assert len(pages) > 1
    assert all("具体表现" in page and "整改措施" in page for page in pages)
    for chart_title in ("各类别问题条数", "各社区问题条数", "各共性问题涉及的社区数"):
        assert chart_title in overview
    # Columns interleave in the extracted text, so compare characters: a row cut short loses some.
    printed = Counter(re.sub(r"\s+", "", "".join(pages)))
    written = Counter(re.sub(r"\s+", "", "".join(f"{r['单位']}{r['问题']}{r['具体表现'] or ''}" for r in ledger_rows(tmp_path / LEDGER))))
    assert not written - printed, "".join((written - printed).elements())[:100]


def test_each_problem_names_its_shared_problem(sheet):
    rows = {row["问题"]: row for row in ledger_rows_of(sheet)}
    assert rows["“两新”党建工作有待加强。"]["共性问题"] == "非公党建有待进一步强化"
    assert rows["考评机制缺乏有效的贯彻落实。"]["共性问题"] == "考核机制不完善"
    assert rows["不能把工作放在首位，有时会因为家庭原因，影响到工作的开展情况。"]["共性问题"] is None  # blank
    by_group = {}
    for row in ledger_rows_of(sheet):
        if row["共性问题"]:
            by_group.setdefault(row["共性问题"], set()).add(row["类别"])
    assert len(by_group) == 8 and all(len(categories) == 1 for categories in by_group.values())


def ledger_rows_of(sheet):
    rows = list(sheet.iter_rows(min_row=2, values_only=True))
    return [dict(zip(rows[0], row)) for row in rows[1:]]


def test_the_overview_counts_by_category_and_unit_with_charts(sheet):
    overview = sheet.parent["统计"]
    cells = {(cell.row, cell.column): cell.value for row in overview.iter_rows() for cell in row if cell.value is not None}
    text = [value for value in cells.values() if isinstance(value, str)]
    assert "12个社区共列出问题36条，其中8个共性问题（21条问题）；归入“其他”的1条，占3%。上年已提出、今年再次提出的36条。" in text
    tables = {value: row for (row, column), value in cells.items() if column == 1 and value in ("类别", "社区", "共性问题")}
    category_rows = [[cells.get((tables["类别"] + offset, c)) for c in (1, 2, 4)] for offset in range(1, 15)]
    assert category_rows[0] == ["班子建设", 3, 3] and category_rows[-1] == ["其他", 1, 1]
    assert sum(row[1] for row in category_rows) == 36
    assert [cells[(tables["社区"], c)] for c in (2, 3, 4)] == ["问题条数", "其中共性问题", "其中上年已提出"]
    assert cells[(tables["共性问题"] + 1, 1)] == "非公党建有待进一步强化" and cells[(tables["共性问题"] + 1, 2)] == 5
    charts = overview._charts
    assert len(charts) == 3
    first = charts[0]
    assert first.type == "bar" and len(first.series) == 1
    assert first.series[0].val.numRef.f == f"'统计'!$B${tables['类别'] + 1}:$B${tables['类别'] + 14}"
    assert len(charts[1].series) == 3  # problems, shared, raised last year
