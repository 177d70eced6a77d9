"""共性问题分析.docx's charts: editable Word charts holding the analysis's numbers, drawn by LibreOffice."""

from __future__ import annotations

import subprocess
import zipfile

import pytest
from lxml import etree

import docgen
from support.ledger_files import ANALYSIS

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"


@pytest.fixture(scope="module")
def analysis(tmp_path_factory):
    from support.paths import SAMPLE_INPUTS

    out = tmp_path_factory.mktemp("charts")
    result = docgen.summary(SAMPLE_INPUTS, out, previous=SAMPLE_INPUTS)
    return out / ANALYSIS, result


def _chart(package: zipfile.ZipFile, number: int):
    return etree.fromstring(package.read(f"word/charts/chart{number}.xml"))


def _cached(chart, tag: str) -> list[list[str]]:
    """Each series' cached values (``val``) or the categories (``cat``), as Word draws them."""
    return [[v.text for v in series.find(f"{C}{tag}").iter(f"{C}v")] for series in chart.iter(f"{C}ser")]


def test_the_analysis_holds_three_editable_charts_with_their_data(analysis):
    path, result = analysis
    with zipfile.ZipFile(path) as package:
        names = package.namelist()
        assert [n for n in names if n.startswith("word/charts/chart")] == [f"word/charts/chart{i}.xml" for i in (1, 2, 3)]
        assert sum(n.startswith("word/embeddings/") and n.endswith(".xlsx") for n in names) == 3  # "编辑数据" opens these
        document = package.read("word/document.xml").decode("utf-8")
        assert document.count("<c:chart ") == 3
        shared, categories, previous = (_chart(package, n) for n in (1, 2, 3))
        groups = result.ledger.groups
        assert _cached(shared, "cat")[0] == [g.heading for g in groups]
        assert _cached(shared, "val")[0] == [str(len(g.units)) for g in groups]
        counts = [(name, n) for name, n in result.ledger.category_counts() if n]
        assert _cached(categories, "cat")[0] == [name for name, _ in counts]
        assert _cached(categories, "val")[0] == [str(n) for _, n in counts]
        assert [s.find(f"{C}tx").findtext(f".//{C}v") for s in previous.iter(f"{C}ser")] == ["上年", "今年"]
        assert package.read("word/_rels/document.xml.rels").count(b"/relationships/chart") == 3


def test_the_embedded_workbook_holds_the_charts_numbers(analysis, tmp_path):
    from openpyxl import load_workbook

    path, result = analysis
    with zipfile.ZipFile(path) as package:
        (tmp_path / "data.xlsx").write_bytes(package.read("word/embeddings/docgen_chart1.xlsx"))
    rows = list(load_workbook(tmp_path / "data.xlsx").active.iter_rows(values_only=True))
    assert rows[0][1] == "涉及社区数"
    assert rows[1:] == [(g.heading, len(g.units)) for g in result.ledger.groups]


def test_without_last_year_there_is_no_comparison_chart(tmp_path):
    from support.paths import SAMPLE_INPUTS

    docgen.summary(SAMPLE_INPUTS, tmp_path)
    with zipfile.ZipFile(tmp_path / ANALYSIS) as package:
        assert sorted(n for n in package.namelist() if n.startswith("word/charts/chart")) == ["word/charts/chart1.xml", "word/charts/chart2.xml"]


def test_the_comparison_section_counts_both_years_by_category(analysis):
    import docx

    path, result = analysis
    tables = docx.Document(str(path)).tables
    cells = [[cell.text for cell in row.cells] for row in tables[1].rows]
    assert cells[0] == ["类别", "上年条数", "今年条数", "连续两年提出"]
    assert cells[-1] == ["合计", "36", "36", "36"]  # last year: the same folder


@pytest.mark.office
def test_libreoffice_draws_the_charts(analysis, tmp_path):
    """LibreOffice prints the analysis: each chart's title and its category labels are on the pages."""
    from docgen.office.soffice import find_soffice
    from support.renderer import require_renderer

    require_renderer()
    path, result = analysis
    profile = tmp_path / "profile"
    subprocess.run(
        [str(find_soffice()), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(path)],
        capture_output=True, text=True, timeout=240,
    )  # fmt: skip
    text = subprocess.run(["pdftotext", str(tmp_path / "共性问题分析.pdf"), "-"], capture_output=True, text=True).stdout
    compact = "".join(text.split())
    for title in ("共性问题涉及的社区数", "各类别问题条数", "各类别问题条数（与上年对照）"):
        assert title in compact
    assert compact.count("非公党建有待进一步强化") >= 3  # heading, wording, and the chart's label


@pytest.mark.office
def test_summary_pdf_prints_both_files_with_docgens_faces(tmp_path, capsys):
    """summary --pdf: a PDF of each file, published with them; set in docgen's serif stand-in, not a sans."""
    import shutil

    from docgen.cli.commands import main
    from support.paths import SAMPLE_INPUTS
    from support.renderer import require_renderer

    require_renderer()
    if shutil.which("pdffonts") is None:
        pytest.skip("pdffonts is not installed: apt-get install poppler-utils")
    assert main(["summary", "--inputs", str(SAMPLE_INPUTS), "--out", str(tmp_path), "--pdf"]) == 0
    out = capsys.readouterr().out
    for name in ("问题清单.pdf", "共性问题分析.pdf"):
        assert f"已生成 PDF：{tmp_path / name}" in out
        text = subprocess.run(["pdftotext", str(tmp_path / name), "-"], capture_output=True, text=True).stdout
        assert "非公党建有待进一步强化" in "".join(text.split())
    listed = subprocess.run(["pdffonts", str(tmp_path / "共性问题分析.pdf")], capture_output=True, text=True, check=True).stdout
    assert "NotoSerifCJK" in listed, listed  # 仿宋/宋体 drawn by the stand-in, as build --pdf does
