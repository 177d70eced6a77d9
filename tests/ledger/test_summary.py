"""docgen summary on the samples: one ledger row per problem item, and the shared problems named."""

from __future__ import annotations

import os
import shutil

import pytest

import docgen
from docgen.cli.commands import main
from docgen.core.findings import said
from docgen.errors import InputError
from support.docx_text import visible_lines
from support.ledger_files import ANALYSIS, LEDGER, ledger_rows, sample_problems


@pytest.fixture(scope="module")
def sample_summary(tmp_path_factory):
    from support.paths import SAMPLE_INPUTS

    work = tmp_path_factory.mktemp("summary")
    inputs = work / "inputs"
    shutil.copytree(SAMPLE_INPUTS, inputs)
    result = docgen.summary(inputs, work / "outputs")
    return inputs, work / "outputs", result


def test_one_row_per_problem_item_with_its_unit_in_volume_order(sample_summary):
    inputs, out, result = sample_summary
    rows = ledger_rows(out / LEDGER)
    expected = sample_problems(inputs)
    assert len(expected) == 36
    assert [(row["单位"], row["问题"]) for row in rows] == expected
    assert [row["序号"] for row in rows] == list(range(1, 37))
    assert result.paths == [out / LEDGER, out / ANALYSIS]


def test_row_holds_text_category_and_empty_columns_to_fill(sample_summary):
    _, out, _ = sample_summary
    rows = ledger_rows(out / LEDGER)
    first = rows[0]
    assert first["具体表现"].startswith("XX街道管辖的社区全部是“村改居”社区")
    assert first["类别"] == "党员教育管理"
    assert all(row["类别"] for row in rows)
    assert all(row["整改措施"] is None and row["责任人"] is None and row["完成时限"] is None for row in rows)
    assert "上年是否提出" not in first  # only when compared with last year


def test_title_row_names_the_ledger(sample_summary):
    from openpyxl import load_workbook

    _, out, _ = sample_summary
    sheet = load_workbook(out / LEDGER).worksheets[0]
    assert sheet["A1"].value == "问题清单（基层党建亮点工作及存在问题）"
    assert [c.value for c in sheet[2]][:5] == ["序号", "单位", "问题", "具体表现", "类别"]


def test_analysis_names_problems_several_units_share(sample_summary):
    _, out, _ = sample_summary
    lines = visible_lines(out / ANALYSIS)
    text = "\n".join(lines)
    assert lines[0] == "共性问题分析"
    assert "一、共性问题" in lines and "二、问题类别统计" in lines
    group = next(line for line in lines if line.startswith("（一）"))
    assert group.startswith("（一）非公党建有待进一步强化。5个社区反映：示例单位01、示例单位05、示例单位06、示例单位08、示例单位10。")
    assert "4个社区反映：示例单位02、示例单位06、示例单位07、示例单位10" in text  # 发展不平衡 / 推进不平衡 / 不均衡
    assert "党员学习教育形式单一。2个社区反映：示例单位03、示例单位14" in text  # a long title's first clause
    assert "2个社区反映：示例单位05、示例单位08" in text
    assert "“‘两新’党建工作有待加强”" in text  # quotes inside quotes turn single
    assert "连续两年提出" not in text


def test_analysis_counts_each_category_in_a_table(sample_summary):
    import docx

    _, out, result = sample_summary
    table = docx.Document(str(out / ANALYSIS)).tables[0]
    cells = [[cell.text for cell in row.cells] for row in table.rows]
    assert cells[0] == ["类别", "问题条数", "占比", "涉及单位数"]
    assert [row[0] for row in cells[1:-1]] == result.ledger.categories
    assert cells[-1][:2] == ["合计", "36"]
    assert sum(int(row[1]) for row in cells[1:-1]) == 36


def test_analysis_uses_the_report_page(sample_summary):
    import docx

    _, out, _ = sample_summary
    section = docx.Document(str(out / ANALYSIS)).sections[0]
    assert (section.page_width, section.page_height) == (11906 * 635, 16838 * 635)  # A4, in EMU
    assert section.top_margin == 2098 * 635 and section.left_margin == 1587 * 635  # GB/T 9704 天头, 订口


def test_cli_summary_prints_what_it_wrote(sample_inputs, tmp_path, capsys):
    code = main(["summary", "--inputs", str(sample_inputs), "--out", str(tmp_path / "o")])
    out = capsys.readouterr().out
    assert code == 0
    assert "问题清单（36 条问题）" in out and "共性问题分析（8 类共性问题）" in out
    assert (tmp_path / "o" / LEDGER).is_file() and (tmp_path / "o" / ANALYSIS).is_file()


def test_build_points_at_summary_of_the_folders_it_was_given(sample_inputs, tmp_path, capsys):
    assert main(["build", "--inputs", str(sample_inputs), "--out", str(tmp_path / "o")]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1].endswith(f"运行 docgen summary --inputs {sample_inputs} --out {tmp_path / 'o'}")
    assert any(line.endswith(f"运行 docgen check --inputs {sample_inputs} 查看详情。") for line in lines), lines


def test_build_of_the_default_folders_points_at_the_plain_commands(sample_inputs, tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["build"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[-1].endswith("运行 docgen summary")
    assert any(line.endswith("运行 docgen check 查看详情。") for line in lines), lines


def test_problem_headings_are_set_in_volume_yaml(sample_inputs, tmp_path):
    settings = sample_inputs / "volume.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "problem_headings:\n  - 不足\n", encoding="utf-8")
    result = docgen.summary(sample_inputs, tmp_path / "o")
    assert [(r.problem.unit, r.problem.title) for r in result.ledger.rows] == [
        ("示例单位03", "党员学习教育形式单一，党员处于被动教育状态，学习效果不明显。"),
        ("示例单位03", "个别社区党建阵地老旧，硬件设施有待提升。"),
        ("示例单位03", "多数党建工作特色不够突出，工作开展不少，却没有形成较有影响力的党建品牌"),
    ]


def test_empty_problem_headings_is_refused_with_its_line(sample_inputs, tmp_path):
    settings = sample_inputs / "volume.yaml"
    text = settings.read_text(encoding="utf-8")
    settings.write_text(text + "problem_headings: []\n", encoding="utf-8")
    with pytest.raises(InputError) as error:
        docgen.summary(sample_inputs, tmp_path / "o")
    assert f"volume.yaml 第 {text.count(chr(10)) + 1} 行" in str(error.value) and "problem_headings）是空的" in str(error.value)


def test_problem_section_with_only_a_lead_is_named_in_a_warning(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "甲社区.yaml").write_text(
        "unit: 甲社区\nsections:\n  - heading: 存在问题\n    lead: 党员教育有待加强。\n", encoding="utf-8"
    )
    result = docgen.summary(inputs, tmp_path / "o")
    assert result.ledger.rows == []
    assert any("甲社区的“存在问题”只有导语、没有条目" in w for w in map(said, result.warnings))
    assert ledger_rows(tmp_path / "o" / LEDGER) == []


def test_hostile_text_stays_text_and_fits_excel(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    long_text = "党员教育不够。" * 6000  # 42,000 characters: more than an Excel cell holds
    (inputs / "甲社区.yaml").write_text(
        "unit: 甲社区\nsections:\n  - heading: 存在问题\n    items:\n"
        "      - title: \"=HYPERLINK(\\\"http://example.com\\\",\\\"点我\\\")\"\n"
        f"        text: {long_text}\n",
        encoding="utf-8",
    )
    result = docgen.summary(inputs, tmp_path / "o")
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "o" / LEDGER).worksheets[0]
    assert sheet["C3"].data_type == "s" and sheet["C3"].value.startswith("=HYPERLINK(")
    assert len(sheet["D3"].value) == 32767 and sheet["D3"].value.endswith("余下见报告原文）")
    assert sheet.row_dimensions[3].height <= 409
    assert any("甲社区.yaml 第 5 行" in w and "32767 字" in w for w in map(said, result.warnings))


def test_analysis_takes_the_volume_fonts_as_the_reports_do(sample_inputs, tmp_path):
    import docx

    def body_face(path):
        normal = docx.Document(str(path)).styles["Normal"].element
        return normal.rPr.rFonts.get("{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia")

    docgen.summary(sample_inputs, tmp_path / "before")
    assert body_face(tmp_path / "before" / ANALYSIS) != "宋体"
    settings = sample_inputs / "volume.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "fonts:\n  body: 宋体\n", encoding="utf-8")
    docgen.summary(sample_inputs, tmp_path / "o")
    assert body_face(tmp_path / "o" / ANALYSIS) == "宋体"


def test_a_big_group_names_its_units_once_and_counts_beyond_thirty(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    for number in range(1, 36):
        title = "党员教育形式单一。" if number % 2 else "党员教育形式较单一。"
        (inputs / f"{number:02d}.yaml").write_text(
            f"unit: 第{number:02d}社区\nsections:\n  - heading: 存在问题\n    items:\n      - title: {title}\n",
            encoding="utf-8",
        )
    docgen.summary(inputs, tmp_path / "o")
    group = next(line for line in visible_lines(tmp_path / "o" / ANALYSIS) if line.startswith("（一）"))
    assert "35个社区反映：第01社区、第02社区、" in group and "第30社区等35个社区。" in group
    assert "第31社区" not in group
    assert "提法：“党员教育形式单一”（第01社区等18个社区）；“党员教育形式较单一”（第02社区等17个社区）。" in group


def test_build_tells_when_the_ledger_was_made_from_other_inputs(sample_inputs, tmp_path, capsys):
    """A 社区 removed after the last summary (no file newer than the ledger): build names both files
    and the command that refreshes them; a report edited since: the same."""
    out = tmp_path / "o"
    assert main(["summary", "--inputs", str(sample_inputs), "--out", str(out)]) == 0
    assert main(["build", "--inputs", str(sample_inputs), "--out", str(out)]) == 0
    assert "改动之前的输入" not in capsys.readouterr().err  # nothing changed since: no warning
    (sample_inputs / "示例单位16.yaml").unlink()
    volume = sample_inputs / "volume.yaml"
    volume.write_text(volume.read_text(encoding="utf-8").replace("  - 示例单位16\n", ""), encoding="utf-8")
    earlier = (out / LEDGER).stat().st_mtime - 60
    os.utime(volume, (earlier, earlier))  # only the units tell
    assert main(["build", "--inputs", str(sample_inputs), "--out", str(out)]) == 0
    err = capsys.readouterr().err
    assert "问题清单.xlsx、共性问题分析.docx是按改动之前的输入生成的" in err
    assert f"请运行 docgen summary --inputs {sample_inputs} --out {out} --keep {out / LEDGER} 重新生成" in err
    assert main(["summary", "--inputs", str(sample_inputs), "--out", str(out), "--keep", str(out / LEDGER)]) == 0
    assert main(["build", "--inputs", str(sample_inputs), "--out", str(out)]) == 0
    assert "改动之前的输入" not in capsys.readouterr().err
    report = sample_inputs / "示例单位14.yaml"
    later = (out / LEDGER).stat().st_mtime + 60
    os.utime(report, (later, later))  # edited after the summary
    assert main(["build", "--inputs", str(sample_inputs), "--out", str(out)]) == 0
    assert "问题清单.xlsx、共性问题分析.docx是按改动之前的输入生成的" in capsys.readouterr().err
