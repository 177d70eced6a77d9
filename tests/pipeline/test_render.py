"""build --pdf / --verify / --exact and preview, through the command line."""

from __future__ import annotations

import importlib

import docx
import pytest

from docgen.cli.commands import main
from docgen.office.pdftext import read_pages
from support.docx_text import body_paragraphs
from support.renderer import require_renderer

pytestmark = pytest.mark.office  # every test here runs LibreOffice


@pytest.fixture(autouse=True)
def renderer():
    require_renderer()


def test_pdf_export_writes_a_pdf_next_to_every_document(sample_inputs, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["build", "--inputs", str(sample_inputs), "--out", str(out), "--pdf", "--verify"]) == 0
    documents = sorted(out.glob("*.docx"))
    pdfs = sorted(out.glob("*.pdf"))
    assert [p.stem for p in pdfs] == [d.stem for d in documents]
    assert all(p.read_bytes().startswith(b"%PDF") for p in pdfs)
    assert "目录页码与 LibreOffice 的排版一致" in capsys.readouterr().out
    volume_pages = read_pages(out / "基层党建亮点工作及存在问题.pdf")
    assert "目录" in volume_pages[0].lines[0].text.replace(" ", "")


def _wrong_model(monkeypatch):
    """A layout model that puts every report one page late."""
    build_module = importlib.import_module("docgen.pipeline.build")  # docgen.build is the API function
    real = build_module.start_pages
    monkeypatch.setattr(build_module, "start_pages", lambda volume, *counted: [p + 1 for p in real(volume, *counted)])
    return real


def test_verify_names_every_toc_entry_the_model_got_wrong(sample_inputs, tmp_path, capsys, monkeypatch):
    _wrong_model(monkeypatch)
    code = main(["build", "--inputs", str(sample_inputs), "--out", str(tmp_path / "out"), "--verify"])
    error = capsys.readouterr().err
    assert code == 1
    assert "目录中有 12 处页码与 LibreOffice 的排版不一致" in error
    assert "基层党建亮点工作及存在问题（一）：目录写第 3 页，LibreOffice 排版为第 2 页" in error


def test_exact_writes_the_rendered_pages_into_the_toc(sample_inputs, tmp_path, capsys, monkeypatch):
    real = _wrong_model(monkeypatch)
    out = tmp_path / "out"
    assert main(["build", "--inputs", str(sample_inputs), "--out", str(out), "--exact"]) == 0
    assert "已按 LibreOffice 的排版改写目录中 12 处页码" in capsys.readouterr().out
    from docgen.inputs.yaml_reader import load_inputs

    expected = real(load_inputs(sample_inputs).volume)
    toc = body_paragraphs(docx.Document(str(out / "基层党建亮点工作及存在问题.docx")))[2 : 2 + len(expected)]
    assert [int(p.text.rsplit("\t", 1)[1]) for p in toc] == expected


def test_preview_writes_one_png_a_page_of_the_named_report(sample_inputs, tmp_path, capsys):
    out = tmp_path / "out"
    assert main(["preview", "示例单位03", "--inputs", str(sample_inputs), "--out", str(out)]) == 0
    printed = capsys.readouterr().out.split()
    pngs = sorted((out / "preview").glob("*.png"))
    assert [str(p) for p in pngs] == printed
    assert len(pngs) == 3  # 示例单位03 fills three pages
    assert all(p.read_bytes().startswith(b"\x89PNG") for p in pngs)


def test_preview_of_an_unknown_unit_lists_the_units(sample_inputs, tmp_path, capsys):
    assert main(["preview", "没有这个单位", "--inputs", str(sample_inputs), "--out", str(tmp_path)]) == 1
    error = capsys.readouterr().err
    assert "没有单位名称为“没有这个单位”的报告" in error and "示例单位01" in error


def test_verify_compares_with_the_number_printed_in_the_footer_not_the_pdf_page(sample_inputs, tmp_path, capsys, monkeypatch):
    """With a cover, the first report is the PDF's third page but prints — 2 —: a model
    counting from the cover (as docgen once did) is caught."""
    settings = sample_inputs / "volume.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "cover:\n  title: 2026年基层党建工作汇编\n", encoding="utf-8")
    _wrong_model(monkeypatch)
    code = main(["build", "--inputs", str(sample_inputs), "--out", str(tmp_path / "out"), "--verify"])
    assert code == 1
    assert "基层党建亮点工作及存在问题（一）：目录写第 3 页，LibreOffice 排版为第 2 页" in capsys.readouterr().err
