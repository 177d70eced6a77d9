"""--keep: what an office filled into last run's ledger is carried over; a filled ledger is never lost."""

from __future__ import annotations

import datetime
import errno

import pytest
from openpyxl import load_workbook

import docgen
from docgen.cli.commands import main
from docgen.core.findings import said
from docgen.errors import EnvironmentProblem, InputError
from docgen.ledger import kept
from support.ledger_files import LEDGER, ledger_rows
from support.write_helpers import sharing_violation

MEASURES_COLUMN, OWNER_COLUMN, DEADLINE_COLUMN = 7, 8, 9  # G, H, I without 上年是否提出


def _fill(ledger, fillings: dict[str, tuple]) -> None:
    """Fill the rows whose 问题 is a key with (整改措施, 责任人, 完成时限), as an office would in Excel."""
    workbook = load_workbook(ledger)
    sheet = workbook.worksheets[0]
    assert [sheet.cell(2, c).value for c in (MEASURES_COLUMN, OWNER_COLUMN, DEADLINE_COLUMN)] == ["整改措施", "责任人", "完成时限"]
    for row in range(3, sheet.max_row + 1):
        values = fillings.get(sheet.cell(row, 3).value)
        for column, value in zip((MEASURES_COLUMN, OWNER_COLUMN, DEADLINE_COLUMN), values or ()):
            sheet.cell(row, column, value)
    workbook.save(ledger)


def _edit_inputs(inputs, unit, old, new):
    path = inputs / f"{unit}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def filled(sample_inputs, tmp_path):
    out = tmp_path / "o"
    docgen.summary(sample_inputs, out)
    _fill(out / LEDGER, {
        "党员管理有待进一步规范。": ("建立党员积分管理制度", "张三", datetime.datetime(2027, 6, 30)),
        "考核机制不完善。": ("修订考核办法", "李四", "2027年3月底前"),
        "学习流于形式。": ("每月集中学习一次", None, None),
    })  # fmt: skip
    return sample_inputs, out


def test_filled_columns_follow_their_problem_through_small_edits(filled):
    inputs, out = filled
    _edit_inputs(inputs, "示例单位02", "考核机制不完善。", "考核机制还不完善。")  # a small edit
    _edit_inputs(inputs, "示例单位16", "学习流于形式。", "批评与自我批评流于形式。")  # another problem now
    result = docgen.summary(inputs, out, keep=out / LEDGER)
    rows = {row["问题"]: row for row in ledger_rows(out / LEDGER)}
    assert (rows["党员管理有待进一步规范。"]["整改措施"], rows["党员管理有待进一步规范。"]["责任人"]) == ("建立党员积分管理制度", "张三")
    assert rows["党员管理有待进一步规范。"]["完成时限"] == datetime.datetime(2027, 6, 30)  # still a date
    assert (rows["考核机制还不完善。"]["整改措施"], rows["考核机制还不完善。"]["完成时限"]) == ("修订考核办法", "2027年3月底前")
    assert rows["批评与自我批评流于形式。"]["整改措施"] is None
    assert sum(1 for row in rows.values() if row["整改措施"]) == 2
    assert any("1 行已填写的内容找不到对应的问题" in w for w in map(said, result.warnings))


def test_rows_no_problem_took_are_kept_in_a_sheet_of_their_own(filled):
    inputs, out = filled
    _edit_inputs(inputs, "示例单位16", "学习流于形式。", "批评与自我批评流于形式。")
    docgen.summary(inputs, out, keep=out / LEDGER)
    workbook = load_workbook(out / LEDGER)
    assert workbook.sheetnames == ["问题清单", "统计", "未带入的旧内容"]
    rows = list(workbook["未带入的旧内容"].iter_rows(min_row=3, values_only=True))
    assert [row[1:4] for row in rows] == [("示例单位16", "学习流于形式。", "每月集中学习一次")]


def test_same_title_in_another_unit_takes_nothing(filled, tmp_path):
    inputs, out = filled
    _edit_inputs(inputs, "示例单位01", "unit: 示例单位01", "unit: 示例单位01（新）")
    settings = inputs / "volume.yaml"
    settings.write_text(settings.read_text(encoding="utf-8").replace("- 示例单位01\n", "- 示例单位01（新）\n"), encoding="utf-8")
    docgen.summary(inputs, out, keep=out / LEDGER)
    rows = {row["问题"]: row for row in ledger_rows(out / LEDGER)}
    assert rows["党员管理有待进一步规范。"]["整改措施"] is None


def test_a_filled_ledger_is_not_overwritten_without_keep_or_force(filled, capsys):
    inputs, out = filled
    before = (out / LEDGER).read_bytes()
    code = main(["summary", "--inputs", str(inputs), "--out", str(out)])
    err = capsys.readouterr().err
    assert code == 1
    assert "3 行填写了整改措施、责任人、完成时限或自己加的列" in err and "--keep" in err and "--force" in err
    assert (out / LEDGER).read_bytes() == before
    assert main(["summary", "--inputs", str(inputs), "--out", str(out), "--keep", str(out / LEDGER)]) == 0
    assert f"已从 {out / LEDGER} 带入 3 行已填写的" in capsys.readouterr().out
    assert main(["summary", "--inputs", str(inputs), "--out", str(out), "--force"]) == 0
    assert all(row["整改措施"] is None for row in ledger_rows(out / LEDGER))


def test_an_unfilled_ledger_is_simply_made_afresh(sample_inputs, tmp_path):
    docgen.summary(sample_inputs, tmp_path / "o")
    docgen.summary(sample_inputs, tmp_path / "o")
    assert len(ledger_rows(tmp_path / "o" / LEDGER)) == 36


def test_keep_from_another_folder_with_previous_column(filled, tmp_path):
    inputs, out = filled
    result = docgen.summary(inputs, tmp_path / "new", previous=inputs, keep=out / LEDGER)
    rows = {row["问题"]: row for row in ledger_rows(tmp_path / "new" / LEDGER)}
    assert rows["学习流于形式。"]["整改措施"] == "每月集中学习一次" and rows["学习流于形式。"]["上年是否提出"] == "是"
    assert result.ledger.unkept == []


@pytest.mark.parametrize(
    "content, words",
    [
        (None, "找不到要保留内容的旧问题清单"),
        (b"not a workbook", "不是 Excel（.xlsx）文件"),
    ],
    ids=["missing", "not xlsx"],
)
def test_bad_keep_file_is_a_clear_error(sample_inputs, tmp_path, capsys, content, words):
    keep = tmp_path / "旧清单.xlsx"
    if content is not None:
        keep.write_bytes(content)
    code = main(["summary", "--inputs", str(sample_inputs), "--out", str(tmp_path / "o"), "--keep", str(keep)])
    err = capsys.readouterr().err
    assert code == 1 and words in err and "Traceback" not in err
    assert not (tmp_path / "o").exists()


@pytest.fixture
def old_ledger(sample_inputs, tmp_path):
    """A good ledger from an earlier run, moved away from its output folder."""
    docgen.summary(sample_inputs, tmp_path / "first")
    return (tmp_path / "first" / LEDGER).rename(tmp_path / "旧清单.xlsx")



@pytest.mark.parametrize(
    "refusal, kind, words",
    [
        (PermissionError(errno.EACCES, "Permission denied"), EnvironmentProblem, "无法读取：没有读取权限"),
        (sharing_violation(), EnvironmentProblem, "无法读取：文件正被其他程序占用"),
        (FileNotFoundError(errno.ENOENT, "No such file"), InputError, "无法读取：找不到这个文件"),
    ],
    ids=["no permission", "locked", "gone"],
)
def test_a_keep_file_that_cannot_be_opened_is_told_why_not_called_no_excel(
    sample_inputs, old_ledger, tmp_path, capsys, monkeypatch, refusal, kind, words
):
    keep = old_ledger

    def refused(path, *args, **kwargs):
        raise refusal

    monkeypatch.setattr(kept, "open", refused, raising=False)  # the file opened by kept.py, nothing else
    with pytest.raises(kind) as raised:
        docgen.summary(sample_inputs, tmp_path / "o", keep=keep)
    assert words in str(raised.value) and str(keep) in str(raised.value)
    assert "不是 Excel" not in str(raised.value)
    assert main(["summary", "--inputs", str(sample_inputs), "--out", str(tmp_path / "o"), "--keep", str(keep)]) == 1
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err and "不是 Excel" not in err
    assert not (tmp_path / "o").exists()


def test_a_disk_failing_while_the_keep_file_is_read_is_not_called_no_excel(sample_inputs, old_ledger, tmp_path, monkeypatch):
    keep = old_ledger

    def failing_disk(file, **kwargs):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(kept, "load_workbook", failing_disk)
    with pytest.raises(EnvironmentProblem) as raised:
        docgen.summary(sample_inputs, tmp_path / "o", keep=keep)
    assert "无法读取：读写磁盘时出错" in str(raised.value) and "不是 Excel" not in str(raised.value)


def test_keep_file_without_the_ledger_header_is_refused(sample_inputs, tmp_path):
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.active.append(["姓名", "电话"])
    workbook.save(tmp_path / "别的表.xlsx")
    with pytest.raises(InputError) as error:
        docgen.summary(sample_inputs, tmp_path / "o", keep=tmp_path / "别的表.xlsx")
    assert "找不到“单位”“问题”这一行表头" in str(error.value)


def test_an_unreadable_file_in_the_ledgers_place_is_kept_unless_forced(sample_inputs, tmp_path):
    out = tmp_path / "o"
    out.mkdir()
    (out / LEDGER).write_bytes(b"an office's own file, not a workbook")
    with pytest.raises(InputError) as error:
        docgen.summary(sample_inputs, out)
    assert "不是 Excel（.xlsx）文件" in str(error.value) and "--force" in str(error.value)
    assert (out / LEDGER).read_bytes() == b"an office's own file, not a workbook"
    docgen.summary(sample_inputs, out, force=True)
    assert len(ledger_rows(out / LEDGER)) == 36


def test_rows_set_aside_are_offered_again_on_the_next_run(filled):
    inputs, out = filled
    report = inputs / "示例单位16.yaml"
    original = report.read_text(encoding="utf-8")
    _edit_inputs(inputs, "示例单位16", "学习流于形式。", "批评与自我批评流于形式。")
    docgen.summary(inputs, out, keep=out / LEDGER)
    docgen.summary(inputs, out, keep=out / LEDGER)  # still no place for it: set aside again, not lost
    aside = list(load_workbook(out / LEDGER)["未带入的旧内容"].iter_rows(min_row=3, values_only=True))
    assert [row[1:4] for row in aside] == [("示例单位16", "学习流于形式。", "每月集中学习一次")]
    report.write_text(original, encoding="utf-8")  # the problem is back: so is what was filled in
    result = docgen.summary(inputs, out, keep=out / LEDGER)
    rows = {row["问题"]: row for row in ledger_rows(out / LEDGER)}
    assert rows["学习流于形式。"]["整改措施"] == "每月集中学习一次"
    assert result.ledger.unkept == [] and load_workbook(out / LEDGER).sheetnames == ["问题清单", "统计"]


def _sheet_of(ledger):
    workbook = load_workbook(ledger)
    return workbook, workbook.worksheets[0]


def test_merged_unit_cells_read_as_the_merged_value(sample_inputs, tmp_path, capsys):
    """An office merges the 单位 cells of a unit's rows and fills each row: no row is lost."""
    out = tmp_path / "o"
    docgen.summary(sample_inputs, out)
    workbook, sheet = _sheet_of(out / LEDGER)
    assert [sheet.cell(row, 2).value for row in (3, 4, 5)] == ["示例单位01"] * 3
    for row, measure in zip((3, 4, 5), ("积分管理", "氛围营造", "非公指导")):
        sheet.cell(row, MEASURES_COLUMN, measure)
    sheet.merge_cells("B3:B5")  # Excel keeps the first value only
    workbook.save(out / LEDGER)
    assert main(["summary", "--inputs", str(sample_inputs), "--out", str(out)]) == 1
    assert "3 行填写了" in capsys.readouterr().err  # refused, not replaced
    result = docgen.summary(sample_inputs, out, keep=out / LEDGER)
    rows = ledger_rows(out / LEDGER)
    assert [row["整改措施"] for row in rows[:3]] == ["积分管理", "氛围营造", "非公指导"]
    assert result.ledger.unkept == []


def test_columns_the_office_added_count_as_filled_and_are_carried_over(sample_inputs, tmp_path, capsys):
    out = tmp_path / "o"
    docgen.summary(sample_inputs, out)
    workbook, sheet = _sheet_of(out / LEDGER)
    sheet.cell(2, 11, "整改进展")
    sheet.cell(2, 12, "备注")
    sheet.cell(4, 11, "已完成70%")
    sheet.cell(6, 12, "街道督办")
    sheet.cell(7, 13, "无表头的一格")
    workbook.save(out / LEDGER)
    assert main(["summary", "--inputs", str(sample_inputs), "--out", str(out)]) == 1
    assert "3 行填写了" in capsys.readouterr().err
    docgen.summary(sample_inputs, out, keep=out / LEDGER)
    rows = ledger_rows(out / LEDGER)
    assert list(rows[0])[-4:] == ["完成时限", "整改进展", "备注", "（M列）"]
    assert rows[1]["整改进展"] == "已完成70%" and rows[1]["问题"] == "党建氛围有待进一步提升。"
    assert rows[3]["备注"] == "街道督办" and rows[4]["（M列）"] == "无表头的一格"
    docgen.summary(sample_inputs, out, keep=out / LEDGER)  # and again: they stay
    assert ledger_rows(out / LEDGER)[1]["整改进展"] == "已完成70%"


def test_dates_and_times_in_the_deadline_stay_dates(sample_inputs, tmp_path):
    from openpyxl.styles.numbers import is_date_format

    out = tmp_path / "o"
    docgen.summary(sample_inputs, out)
    workbook, sheet = _sheet_of(out / LEDGER)
    sheet.cell(3, DEADLINE_COLUMN, datetime.datetime(2026, 12, 31))
    sheet.cell(4, DEADLINE_COLUMN, datetime.time(9, 30))
    sheet.cell(5, DEADLINE_COLUMN, datetime.datetime(2027, 1, 5, 14, 0))
    workbook.save(out / LEDGER)
    docgen.summary(sample_inputs, out, keep=out / LEDGER)
    _, sheet = _sheet_of(out / LEDGER)
    cells = [sheet.cell(row, DEADLINE_COLUMN) for row in (3, 4, 5)]
    assert [cell.value for cell in cells] == [datetime.datetime(2026, 12, 31), datetime.time(9, 30), datetime.datetime(2027, 1, 5, 14, 0)]
    assert all(is_date_format(cell.number_format) for cell in cells), [cell.number_format for cell in cells]


def test_a_filled_row_without_unit_or_problem_is_listed_not_dropped(sample_inputs, tmp_path):
    out = tmp_path / "o"
    docgen.summary(sample_inputs, out)
    workbook, sheet = _sheet_of(out / LEDGER)
    sheet.cell(40, MEASURES_COLUMN, "全街道统一开展党务培训")  # a row the office added below the table
    workbook.save(out / LEDGER)
    result = docgen.summary(sample_inputs, out, keep=out / LEDGER)
    assert [(old.row, old.filled_in.measures) for old in result.ledger.unkept] == [(40, "全街道统一开展党务培训")]
    aside = list(load_workbook(out / LEDGER)["未带入的旧内容"].iter_rows(min_row=3, values_only=True))
    assert aside[0][:4] == (40, None, None, "全街道统一开展党务培训")


def test_keep_given_a_folder_says_so(sample_inputs, tmp_path):
    with pytest.raises(InputError) as error:
        docgen.summary(sample_inputs, tmp_path / "o", keep=tmp_path)
    assert "是一个文件夹，不是文件" in str(error.value) and "找不到" not in str(error.value)


@pytest.mark.parametrize("place", ["keep", "output folder"])
def test_an_xlsx_bomb_is_refused_within_a_small_budget(sample_inputs, tmp_path, place):
    """A 150 KB workbook declaring A1:XFD1048576, a value at column XFD in 30,000 rows (issue 23, item 10)."""
    import tracemalloc

    from support.ledger_files import xlsx_bomb

    out = tmp_path / "o"
    out.mkdir()
    bomb = xlsx_bomb(out / LEDGER if place == "output folder" else tmp_path / "bomb.xlsx", 30_000)
    before = bomb.read_bytes()
    assert len(before) < 500 * 1024
    tracemalloc.start()
    try:
        with pytest.raises(InputError) as error:
            docgen.summary(sample_inputs, out, keep=bomb if place == "keep" else None)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    message = str(error.value)
    assert "第 3 行第 XFD 列有内容" in message and "不像是 docgen 生成的问题清单" in message
    assert ("--force" in message) == (place == "output folder")
    assert peak < 100 * 1024 * 1024
    assert bomb.read_bytes() == before


def test_an_xlsx_declaring_a_huge_sheet_with_empty_far_cells_reads_its_few_values(sample_inputs, tmp_path):
    """Styled but empty cells at XFD (and the lying dimension) cost nothing: the filled cells are read."""
    from support.ledger_files import xlsx_bomb

    bomb = xlsx_bomb(tmp_path / "wide.xlsx", 100_000, valued=False)
    assert kept.read_kept_rows(bomb) == []  # a header, no filled row; read without padding 16,384 columns
