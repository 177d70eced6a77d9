"""Renderer commands on odd requests: a resolution out of range, an output folder that is a
file, unit names that share a start, a name typed with spaces, --exact without --pdf."""

from __future__ import annotations

import importlib

import docx
import pytest

from docgen.cli.commands import main
from docgen.pipeline import render
from support.docx_text import body_paragraphs
from support.renderer import require_renderer


def _run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out, captured.err


def _inputs(sample_inputs, *units: str):
    """Inputs holding sample report 01 under each of ``units`` (in this order)."""
    folder = sample_inputs.parent / "odd"
    folder.mkdir()
    text = (sample_inputs / "示例单位01.yaml").read_text(encoding="utf-8")
    for n, unit in enumerate(units):
        (folder / f"{n:02}.yaml").write_text(text.replace("unit: 示例单位01", f'unit: "{unit}"'), encoding="utf-8")
    return folder


@pytest.mark.parametrize("dpi", ["0", "-3", "100000"])
def test_preview_refuses_a_resolution_out_of_range_before_any_work(sample_inputs, tmp_path, capsys, dpi):
    code, _, error = _run(capsys, "preview", "--inputs", str(sample_inputs), "--out", str(tmp_path / "out"), "--dpi", dpi)
    assert code == 2
    assert f"图片分辨率 --dpi 应在 36 到 600 之间，现在是 {dpi}" in error
    assert not (tmp_path / "out").exists()


@pytest.mark.office
def test_preview_into_an_output_folder_that_is_a_file_names_it(sample_inputs, tmp_path, capsys):
    require_renderer()
    a_file = tmp_path / "out"
    a_file.write_text("mine", encoding="utf-8")
    code, _, error = _run(capsys, "preview", "示例单位01", "--inputs", str(sample_inputs), "--out", str(a_file))
    assert code == 1
    assert f"输出位置“{a_file}”是一个文件，不是文件夹" in error
    assert a_file.read_text(encoding="utf-8") == "mine"


@pytest.mark.office
def test_pdf_into_a_new_nested_output_folder(sample_inputs, tmp_path, capsys):
    require_renderer()
    folder = _inputs(sample_inputs, "示例 单位.v2")
    out = tmp_path / "new" / "deep"
    code, output, _ = _run(capsys, "build", "--inputs", str(folder), "--out", str(out), "--pdf", "--verify")
    assert code == 0
    assert "目录页码与 LibreOffice 的排版一致" in output
    assert sorted(p.name for p in out.glob("*.pdf")) == ["基层党建亮点工作及存在问题.pdf", "示例 单位.v2.pdf"]


@pytest.mark.office
def test_preview_keeps_the_pages_of_a_unit_whose_name_extends_this_one(sample_inputs, tmp_path, capsys):
    require_renderer()
    folder = _inputs(sample_inputs, "单位", "单位-2")
    out = tmp_path / "out"
    assert _run(capsys, "preview", "单位-2", "--inputs", str(folder), "--out", str(out))[0] == 0
    pages_of_the_other = sorted((out / "preview").glob("单位-2-*.png"))
    assert pages_of_the_other
    code, printed, _ = _run(capsys, "preview", " 单位 ", "--inputs", str(folder), "--out", str(out))  # spaces as typed
    assert code == 0
    assert [p.name for p in sorted((out / "preview").glob("单位-2-*.png"))] == [p.name for p in pages_of_the_other]
    assert printed.split() == [str(out / "preview" / f"单位-{n}.png") for n in range(1, len(printed.split()) + 1)]


@pytest.mark.office
def test_exact_without_pdf_runs_libreoffice_once(sample_inputs, tmp_path, capsys, monkeypatch):
    require_renderer()
    folder = _inputs(sample_inputs, "甲", "乙")
    build_module = importlib.import_module("docgen.pipeline.build")  # docgen.build is the API function
    real_pages = build_module.start_pages
    monkeypatch.setattr(build_module, "start_pages", lambda volume, *counted: [p + 1 for p in real_pages(volume, *counted)])
    converted = []
    real_convert = render.convert_to_pdf
    monkeypatch.setattr(render, "convert_to_pdf", lambda docs, out, **options: converted.append(docs) or real_convert(docs, out, **options))
    out = tmp_path / "out"
    code, output, _ = _run(capsys, "build", "--inputs", str(folder), "--out", str(out), "--exact")
    assert code == 0
    assert "已按 LibreOffice 的排版改写目录中 2 处页码" in output
    assert len(converted) == 1
    assert not list(out.glob("*.pdf"))
    toc = body_paragraphs(docx.Document(str(out / "基层党建亮点工作及存在问题.docx")))[2:4]
    assert [int(p.text.rsplit("\t", 1)[1]) for p in toc] == [2, 4]  # report 01 fills two pages


@pytest.mark.office
def test_unknown_unit_in_a_long_volume_lists_a_few(sample_inputs, tmp_path, capsys):
    require_renderer()
    folder = _inputs(sample_inputs, *(f"单位{n:02}" for n in range(25)))
    code, _, error = _run(capsys, "preview", "单位99", "--inputs", str(folder), "--out", str(tmp_path / "out"))
    assert code == 1
    assert "没有单位名称为“单位99”的报告。可用的有：单位00、" in error
    assert "单位19 等 25 份" in error and "单位20" not in error
