"""A hostile or broken inputs/template.docx: refused with a clear message, never a hang or a traceback."""

from __future__ import annotations

import os
import zipfile

import docx
import pytest

from docgen.cli.commands import main
from docgen.docx import user_template
from docgen.docx.template_builder import TEMPLATE_PATH
from docgen.importing import docx_package
from support.template_parts import template_package_with


def _build(inputs, tmp_path, capsys) -> tuple[int, str]:
    code = main(["build", "--inputs", str(inputs), "--out", str(tmp_path / "out")])
    return code, capsys.readouterr().err


def _refused(inputs, tmp_path, capsys, *words) -> str:
    code, err = _build(inputs, tmp_path, capsys)
    assert code == 1, err
    assert "template.docx" in err and "Traceback" not in err
    for word in words:
        assert word in err
    assert not (tmp_path / "out").exists()
    return err


def _template_with(*paragraphs: str) -> docx.Document:
    template = docx.Document(str(TEMPLATE_PATH))
    for text in paragraphs:
        template.add_paragraph(text)
    return template


# --- the file itself ----------------------------------------------------------------


def test_a_folder_named_template_docx(sample_inputs, tmp_path, capsys):
    (sample_inputs / "template.docx").mkdir()
    _refused(sample_inputs, tmp_path, capsys, "文件夹")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_named_template_docx_does_not_hang(sample_inputs, tmp_path, capsys):
    os.mkfifo(sample_inputs / "template.docx")
    _refused(sample_inputs, tmp_path, capsys, "不是普通文件")


@pytest.mark.skipif(not os.path.exists("/dev/zero"), reason="no /dev/zero here")
def test_a_link_to_an_endless_device(sample_inputs, tmp_path, capsys):
    (sample_inputs / "template.docx").symlink_to("/dev/zero")
    _refused(sample_inputs, tmp_path, capsys, "不是普通文件")


def test_an_unreadable_template(sample_inputs, tmp_path, capsys, monkeypatch):
    (sample_inputs / "template.docx").write_bytes(TEMPLATE_PATH.read_bytes())

    def denied(*args, **kwargs):  # tests may run as root, who reads any file
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(user_template, "open", denied, raising=False)
    err = _refused(sample_inputs, tmp_path, capsys, "权限")
    assert "Permission denied" not in err


# --- the caps of import ------------------------------------------------------------


def test_a_part_that_unpacks_past_the_cap_is_refused(sample_inputs, tmp_path, capsys):
    bomb = b"<w:document/>" + b" " * (docx_package.MAX_PART_BYTES + 1)
    (sample_inputs / "template.docx").write_bytes(template_package_with({"word/document.xml": bomb}))
    assert (sample_inputs / "template.docx").stat().st_size < 1024 * 1024  # small on disk
    _refused(sample_inputs, tmp_path, capsys, "压缩炸弹", "word/document.xml")


def test_parts_that_unpack_past_the_cap_together_are_refused(sample_inputs, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(user_template, "MAX_DOCX_BYTES", 2 * 1024 * 1024)  # the real 100 MB, only faster
    filler = b" " * (512 * 1024)
    count = user_template.MAX_DOCX_BYTES // len(filler) + 1
    parts = {f"word/media/filler{i}.bin": filler for i in range(count)}
    (sample_inputs / "template.docx").write_bytes(template_package_with(parts))
    _refused(sample_inputs, tmp_path, capsys, "压缩炸弹")


def test_too_many_entries_are_refused(sample_inputs, tmp_path, capsys):
    parts = {f"word/media/{i}.bin": b"" for i in range(docx_package.MAX_ENTRIES + 1)}
    (sample_inputs / "template.docx").write_bytes(template_package_with(parts))
    _refused(sample_inputs, tmp_path, capsys, "部件多得异常")


def test_a_part_with_a_doctype_is_refused(sample_inputs, tmp_path, capsys):
    with zipfile.ZipFile(TEMPLATE_PATH) as package:
        settings = package.read("word/settings.xml")
    declared = settings.replace(b"?>", b'?>\n<!DOCTYPE w:settings [<!ENTITY x "y">]>', 1)
    (sample_inputs / "template.docx").write_bytes(template_package_with({"word/settings.xml": declared}))
    _refused(sample_inputs, tmp_path, capsys, "DOCTYPE", "word/settings.xml")


# --- rendering -----------------------------------------------------------------------


def test_a_loop_of_ten_billion_iterations_is_stopped(sample_inputs, tmp_path, capsys):
    loop = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    _template_with(loop).save(str(sample_inputs / "template.docx"))
    _refused(sample_inputs, tmp_path, capsys, "循环运行太久")


def test_nested_loops_over_strings_are_stopped_too(sample_inputs, tmp_path, capsys):
    loop = '{% for a in "x" * 100000 %}{% for b in "y" * 100000 %}{% endfor %}{% endfor %}'
    _template_with(loop).save(str(sample_inputs / "template.docx"))
    _refused(sample_inputs, tmp_path, capsys, "循环运行太久")


def test_a_huge_repetition_is_refused(sample_inputs, tmp_path, capsys):
    _template_with('{{ "x" * 10000000000 }}').save(str(sample_inputs / "template.docx"))
    _refused(sample_inputs, tmp_path, capsys, "重复的结果太长")


def test_a_small_loop_still_renders(sample_inputs, tmp_path, capsys):
    template = docx.Document(str(TEMPLATE_PATH))
    template.sections[0].header.is_linked_to_previous = False
    template.sections[0].header.paragraphs[0].text = "{% for i in range(3) %}{{ i }}{% endfor %}{{ unit }}"
    template.save(str(sample_inputs / "template.docx"))
    code, err = _build(sample_inputs, tmp_path, capsys)
    assert code == 0, err
    report = sorted((tmp_path / "out").glob("示例单位01.docx"))[0]
    assert docx.Document(str(report)).sections[0].header.paragraphs[0].text == "012示例单位01"


def test_a_second_body_is_refused_and_the_marker_never_shows(sample_inputs, tmp_path, capsys):
    _template_with("{{ body }}").save(str(sample_inputs / "template.docx"))
    _refused(sample_inputs, tmp_path, capsys, "2 处 {{ body }}")


def test_body_in_a_footer_is_refused(sample_inputs, tmp_path, capsys):
    template = docx.Document(str(TEMPLATE_PATH))
    template.sections[0].footer.paragraphs[0].add_run("{{ body }}")
    template.save(str(sample_inputs / "template.docx"))
    _refused(sample_inputs, tmp_path, capsys, "页眉、页脚")
