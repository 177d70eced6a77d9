"""One rule for the unit a report is filed under — its 社区 (村, 街道), its organ's full
name kept for the 落款 — in import, build and summary --previous alike."""

from __future__ import annotations

import pytest

import docgen
from docgen.cli.commands import main
from docgen.core.unit_names import filed_unit, same_unit_key
from docgen.importing.importer import import_files
from docgen.inputs.yaml_reader import load_inputs, read_report


@pytest.mark.parametrize(
    "name, filed",
    [
        ("中共光明社区委员会", "光明社区"),
        ("东湖社区党委", "东湖社区"),
        ("东湖社区党总支委员会", "东湖社区"),
        ("红旗社区居委会", "红旗社区"),
        ("红旗社区党群服务中心", "红旗社区"),
        ("中共红旗街道工作委员会", "红旗街道"),
        ("红旗街道办事处", "红旗街道"),
        ("红旗街道东湖社区党委", "东湖社区"),
        ("李家村村民委员会", "李家村"),
        ("城关镇李家村党支部", "李家村"),
        ("新村社区", "新村社区"),
        ("示例单位01", "示例单位01"),
        ("XX集团党支部", "XX集团党支部"),  # no 社区, 村 or 街道 in it: as typed
        ("社区党委", "社区党委"),  # no name before 社区
    ],
)
def test_a_report_is_filed_under_its_place(name, filed):
    assert filed_unit(name) == filed


def test_names_of_one_unit_share_one_key():
    assert same_unit_key("中共光明社区委员会") == same_unit_key("光明 社区") == same_unit_key("光明社区党委")
    assert same_unit_key("光明社区") != same_unit_key("东湖社区")


def _report(unit: str, problem: str = "党员教育管理有待加强。") -> str:
    return f"unit: {unit}\nsections:\n  - heading: 存在问题\n    items:\n      - title: {problem}\n"


def test_build_takes_a_unit_and_its_organ_for_one_unit(tmp_path, capsys):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text(_report("光明社区"), encoding="utf-8")
    (folder / "b.yaml").write_text(_report("中共光明社区委员会"), encoding="utf-8")
    assert main(["validate", "--inputs", str(folder)]) == 1
    err = capsys.readouterr().err
    assert "重复" in err and "都是“光明社区”的报告" in err


def test_order_names_the_place_of_an_organ(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.yaml").write_text(_report("东湖社区党委"), encoding="utf-8")
    (folder / "b.yaml").write_text(_report("光明社区"), encoding="utf-8")
    (folder / "volume.yaml").write_text("order:\n  - 光明社区\n  - 东湖社区\n", encoding="utf-8")
    assert [r.unit for r in load_inputs(folder).volume.reports] == ["光明社区", "东湖社区党委"]


def test_last_years_organ_is_this_years_place(tmp_path):
    this_year, last_year = tmp_path / "今年", tmp_path / "去年"
    for folder, unit in ((this_year, "光明社区"), (last_year, "中共光明社区委员会")):
        folder.mkdir()
        (folder / "光明.yaml").write_text(_report(unit), encoding="utf-8")
    result = docgen.summary(this_year, tmp_path / "o", previous=last_year)
    assert [row.raised_before for row in result.ledger.rows] == [True]
    assert result.warnings == []  # no unit said to be missing last year


def test_import_files_the_report_under_its_place_and_signs_with_the_organ(tmp_path):
    source = tmp_path / "报告.txt"
    source.write_text(
        "\n".join(["光明社区2023年党建工作总结", "中共光明社区委员会", "一、存在问题", "1.党员教育管理有待加强。", "2023年12月20日"]),
        encoding="utf-8",
    )
    result = import_files([source], tmp_path / "inputs")
    report, _ = read_report(tmp_path / "inputs" / "光明社区.yaml")
    assert report.unit == "光明社区"
    assert report.signature.unit == "中共光明社区委员会"
    assert any("单位：光明社区（取自标题下的一行“中共光明社区委员会”）" in line for line in result.summary)


@pytest.mark.parametrize(
    "title, file_name, unit",
    [
        ("第1篇 2023年社区党建工作总结", "光明社区.txt", "光明社区"),  # a 范文 site's page number is no unit
        ("东湖社区2023年党建工作总结", "01.txt", "东湖社区"),
        ("中共光明社区委员会关于2023年党建工作的报告", "报告.txt", "光明社区"),
    ],
)
def test_a_unit_is_read_from_a_title_only_where_the_title_names_one(tmp_path, title, file_name, unit):
    source = tmp_path / file_name
    source.write_text("\n".join([title, "一、存在问题", "1.党员教育管理有待加强。"]), encoding="utf-8")
    import_files([source], tmp_path / "inputs")
    assert [p.stem for p in (tmp_path / "inputs").glob("*.yaml") if p.name != "volume.yaml"] == [unit]
