"""A restyled template in the inputs folder, and faces named in volume.yaml."""

from __future__ import annotations

import io
import re
import zipfile

import docx
from docx.oxml.ns import qn

from docgen.cli.commands import main
from docgen.docx.template_builder import TEMPLATE_PATH
from docgen.pipeline.build import build


def _rewrite_parts(data: bytes, change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            dst.writestr(info, change(info.filename, src.read(info)))
    return out.getvalue()


def _as_word_saves_it(name: str, part: bytes) -> bytes:
    """Word renames custom style ids (a, a0, …) and keeps the names: do the same."""
    if not name.endswith(".xml"):
        return part
    text = part.decode("utf-8")
    for style, new_id in (("报告标题", "a1"), ("一级标题", "a2"), ("二级标题", "a3")):
        text = text.replace(f'w:styleId="{style}"', f'w:styleId="{new_id}"')
    return text.encode("utf-8")


def test_restyled_template_with_renamed_style_ids_is_used(sample_inputs, tmp_path):
    restyled = docx.Document(io.BytesIO(_rewrite_parts(TEMPLATE_PATH.read_bytes(), _as_word_saves_it)))
    restyled.styles["一级标题"].font.bold = True
    restyled.save(str(sample_inputs / "template.docx"))
    result = build(sample_inputs, tmp_path / "out")
    document = docx.Document(str(result.report_paths[0]))
    heading = next(p for p in document.paragraphs if p.text == "一、亮点工作")
    assert heading.style.name == "一级标题"
    assert heading.style.style_id == "a2"
    assert heading.style.font.bold


def test_template_fields_are_filled_per_report(sample_inputs, tmp_path):
    template = docx.Document(str(TEMPLATE_PATH))
    template.sections[0].header.is_linked_to_previous = False
    template.sections[0].header.paragraphs[0].text = "{{ unit }}：{{ title }}"
    template.save(str(sample_inputs / "template.docx"))
    result = build(sample_inputs, tmp_path / "out")
    header = docx.Document(str(result.report_paths[2])).sections[0].header.paragraphs[0].text
    assert header == f"{result.volume.reports[2].unit}：基层党建亮点工作及存在问题（三）"


def test_template_cannot_reach_python_through_the_sandbox(sample_inputs, tmp_path, capsys):
    template = docx.Document(str(TEMPLATE_PATH))
    template.add_paragraph("{{ title.__class__.__mro__[1].__subclasses__() }}")
    template.save(str(sample_inputs / "template.docx"))
    code = main(["build", "--inputs", str(sample_inputs), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1
    assert "template.docx" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_damaged_template_is_named(sample_inputs, tmp_path, capsys):
    (sample_inputs / "template.docx").write_bytes(b"PK\x03\x04 not really a zip")
    code = main(["build", "--inputs", str(sample_inputs), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1 and "template.docx" in err and "损坏" in err


def test_template_without_body_placeholder_is_explained(sample_inputs, tmp_path, capsys):
    template = docx.Document(str(TEMPLATE_PATH))
    template.paragraphs[0].text = "正文"
    template.save(str(sample_inputs / "template.docx"))
    code = main(["build", "--inputs", str(sample_inputs), "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 1 and "{{ body }}" in err


def test_fonts_in_volume_settings_replace_the_defaults(sample_inputs, tmp_path):
    settings = sample_inputs / "volume.yaml"
    settings.write_text(
        settings.read_text(encoding="utf-8") + "fonts:\n  body: 仿宋_GB2312\n  heading2: 楷体_GB2312\n",
        encoding="utf-8",
    )
    result = build(sample_inputs, tmp_path / "out")
    document = docx.Document(str(result.volume_path))
    body_fonts = document.styles["Normal"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert body_fonts.get(qn("w:eastAsia")) == "仿宋_GB2312"
    kai = document.styles["二级标题"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert kai.get(qn("w:eastAsia")) == "楷体_GB2312"
    heading = document.styles["一级标题"].element.find(qn("w:rPr")).find(qn("w:rFonts"))
    assert heading.get(qn("w:eastAsia")) == "黑体"  # not named: default kept


def test_unknown_font_role_is_refused_with_suggestion(sample_inputs, tmp_path, capsys):
    settings = sample_inputs / "volume.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "fonts:\n  bdy: 仿宋\n", encoding="utf-8")
    code = main(["validate", "--inputs", str(sample_inputs)])
    err = capsys.readouterr().err
    assert code == 1 and "volume.yaml" in err and "body" in err
    assert re.search(r"第 \d+ 行", err)
