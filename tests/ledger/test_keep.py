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

MEASURES_COLUMN, OWNER_COLUMN, DEADLINE_COLUMN = 6, 7, 8  # F, G, H without 上年是否提出


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
    assert workbook.sheetnames == ["问题清单", "未带入的旧内容"]
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
    assert "3 行填写了整改措施、责任人或完成时限" in err and "--keep" in err and "--force" in err
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
    assert result.ledger.unkept == [] and load_workbook(out / LEDGER).sheetnames == ["问题清单"]
