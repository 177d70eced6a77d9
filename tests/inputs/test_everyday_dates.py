"""Dates as people type them: 2026.11.20, 2026/11/20, 2026年11月20号, full-width digits and
Chinese numerals are read wherever a date is read (a report's 落款, the cover, import) and
print in the standard form 2026年11月20日; a cover may be dated by its month and print in
Chinese numerals; what is no date is refused with its file and line."""

from __future__ import annotations

import datetime

import docx
import pytest

from docgen.cli.commands import main
from docgen.core.model import Month, Origin
from docgen.importing.paragraphs import Para
from docgen.importing.recognise import recognise
from docgen.inputs.dates import parse_date
from support.docx_text import visible_lines
from support.input_folders import one_file_inputs
from support.write_helpers import REPORT

TYPED_DATES = [
    "2026年11月20日",
    "2026-11-20",
    "2026.11.20",
    "2026/11/20",
    "2026．11．20",
    "2026年11月20号",
    "2026 年 11 月 20 日",
    "２０２６年１１月２０日",
    "２０２６／１１／２０",
    "二〇二六年十一月二十日",
    "二零二六年十一月二十日",
    "二〇二六年十一月廿日",
    "2026年十一月二十号",
]
TYPED_MONTHS = ["2026年12月", "2026-12", "2026.12", "二〇二六年十二月", "二零二六年十二月", "２０２６年１２月"]
NO_DATES = ["下周一", "2026年13月1日", "2026年2月30日", "二〇二六年十三月一日", "二〇二六年二月三十日", "2026-11/20", "20261120", "十二月", "2026年"]


@pytest.mark.parametrize("typed", TYPED_DATES)
def test_each_way_of_typing_a_date_is_that_date(typed):
    assert parse_date(typed) == datetime.date(2026, 11, 20)


@pytest.mark.parametrize(
    "typed, day",
    [("二〇二六年十一月一日", 1), ("二〇二六年十一月十日", 10), ("二〇二六年十一月廿一日", 21), ("二〇二六年十二月三十一日", 31), ("二〇二六年十二月卅日", 30)],
)
def test_days_in_chinese_numerals_count_as_written(typed, day):
    assert parse_date(typed).day == day


@pytest.mark.parametrize("typed", TYPED_MONTHS)
def test_a_date_without_its_day_is_its_month(typed):
    assert parse_date(typed) == Month(2026, 12)


@pytest.mark.parametrize("typed", NO_DATES)
def test_what_is_no_date_is_none(typed):
    assert parse_date(typed) is None


def _report(date: str) -> str:
    return REPORT.format(unit="测试社区", text="正文。") + f"signature:\n  unit: 测试社区党委\n  date: {date}\n"


def _paragraphs(path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.mark.parametrize("typed", ["2026.11.20", "2026/11/20", "二〇二六年十一月二十日", "２０２６年１１月２０日", "2026年11月20号"])
def test_a_signature_date_as_typed_builds_as_the_standard_form(tmp_path, capsys, typed):
    folder = one_file_inputs(tmp_path, _report(typed))
    assert main(["build", "--inputs", str(folder), "--out", str(tmp_path / "out")]) == 0, capsys.readouterr().err
    texts = _paragraphs(tmp_path / "out" / "测试社区.docx")
    assert texts[-2:] == ["测试社区党委", "2026年11月20日"]


@pytest.mark.parametrize("command", ["validate", "build"])
@pytest.mark.parametrize("typed", ["下周一", "2026年2月30日"])
def test_a_signature_date_that_is_no_date_is_refused_on_its_line(tmp_path, capsys, command, typed):
    folder = one_file_inputs(tmp_path, _report(typed))
    extra = ["--out", str(tmp_path / "out")] if command == "build" else []
    assert main([command, "--inputs", str(folder), *extra]) == 1
    err = capsys.readouterr().err
    assert f"报告.yaml 第 10 行：成文日期（date）“{typed}”不是日期" in err and "2026.11.20" in err


def test_a_signature_dated_by_its_month_is_told_to_give_the_day(tmp_path, capsys):
    folder = one_file_inputs(tmp_path, _report("2026年11月"))
    assert main(["validate", "--inputs", str(folder)]) == 1
    assert "第 10 行：成文日期（date）“2026年11月”没有写到日" in capsys.readouterr().err


def _cover_lines(tmp_path, capsys, cover: str) -> list[str]:
    folder = one_file_inputs(tmp_path, REPORT.format(unit="测试社区", text="正文。"))
    (folder / "volume.yaml").write_text(f"cover:\n  title: 汇编\n  unit: 某某街道党工委\n{cover}", encoding="utf-8")
    assert main(["build", "--inputs", str(folder), "--out", str(tmp_path / "out")]) == 0, capsys.readouterr().err
    texts = visible_lines(tmp_path / "out" / "基层党建亮点工作及存在问题.docx")
    return texts[: texts.index("目  录")]


@pytest.mark.parametrize("typed", ["2026年12月", "2026-12", "二〇二六年十二月"])
def test_a_cover_dated_by_its_month_prints_the_month(tmp_path, capsys, typed):
    assert _cover_lines(tmp_path, capsys, f"  date: {typed}\n") == ["汇编", "某某街道党工委", "2026年12月"]


@pytest.mark.parametrize(
    "date, printed", [("2026年12月", "二〇二六年十二月"), ("2026-12-01", "二〇二六年十二月一日"), ("2030/10/31", "二〇三〇年十月三十一日")]
)
def test_a_cover_date_in_chinese_numerals_when_asked(tmp_path, capsys, date, printed):
    lines = _cover_lines(tmp_path, capsys, f"  date: {date}\n  date_style: 汉字\n")
    assert lines == ["汇编", "某某街道党工委", printed]


def test_a_cover_date_as_typed_in_numerals_prints_in_arabic_by_default(tmp_path, capsys):
    assert _cover_lines(tmp_path, capsys, "  date: 二〇二六年十二月一日\n")[-1] == "2026年12月1日"


def test_an_unknown_date_style_is_refused_on_its_line(tmp_path, capsys):
    folder = one_file_inputs(tmp_path, REPORT.format(unit="测试社区", text="正文。"))
    (folder / "volume.yaml").write_text("cover:\n  title: 汇编\n  date: 2026年12月\n  date_style: 罗马\n", encoding="utf-8")
    assert main(["validate", "--inputs", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "volume.yaml 第 4 行：日期写法“罗马”不认识" in err and "“汉字”" in err


@pytest.mark.parametrize("typed", ["2024/12/10", "2024.12.10", "２０２４年１２月１０日", "二零二四年十二月十日", "2024年12月10号"])
def test_import_reads_a_signature_date_typed_any_of_these_ways(typed):
    lines = ["一、存在问题", "1.党员管理有待进一步规范。老党员比较多。", "红旗社区党委", typed]
    [found] = recognise([Para(line, Origin(line=n)) for n, line in enumerate(lines, 1)], Origin()).reports
    assert (found.report.signature.unit, found.report.signature.date) == ("红旗社区党委", datetime.date(2024, 12, 10))


def test_a_cover_by_its_month_in_numerals_is_written_back_as_read(tmp_path):
    from docgen.core.model import Cover, VolumeSettings
    from docgen.inputs.yaml_reader import read_settings
    from docgen.inputs.yaml_writer import settings_yaml

    cover = Cover("汇编", "某某街道党工委", Month(2026, 12), "汉字")
    path = tmp_path / "volume.yaml"
    path.write_text(settings_yaml(VolumeSettings(cover=cover)), encoding="utf-8")
    read = read_settings(path)[0].cover
    assert (read.title, read.unit, read.date, read.date_style) == ("汇编", "某某街道党工委", Month(2026, 12), "汉字")
