"""The library under the CLI: docgen.load / build / check / import_files, silent."""

from __future__ import annotations

import ast
import gc
import subprocess
import sys
from pathlib import Path

import pytest

import docgen
from docgen.cli import commands as cli
from docgen.errors import InternalError


def test_build_prints_nothing_and_names_every_file_it_wrote(sample_inputs, tmp_path, capsys):
    result = docgen.build(sample_inputs, tmp_path / "out")
    assert capsys.readouterr() == ("", "")
    assert sorted(result.files) == sorted(p for p in (tmp_path / "out").iterdir() if p.suffix == ".docx")
    assert len(result.start_pages) == len(result.volume.reports) == len(result.report_paths)
    assert result.findings == docgen.check(sample_inputs)


def test_load_gives_the_volume_model_in_volume_order(sample_inputs):
    volume = docgen.load(sample_inputs)
    assert [r.unit for r in volume.reports][:2] == ["示例单位01", "示例单位02"]


def test_import_as_a_program_does_not_print(tmp_path):
    source = tmp_path / "东湖社区.txt"
    source.write_text("东湖社区基层党建亮点工作及存在问题\n一、亮点工作\n1.阵地建设成效明显。今年以来……\n二、存在问题\n1.党员管理有待规范。\n", encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", f"import docgen; docgen.import_files([{str(source)!r}], {str(tmp_path / 'in')!r})"],
        capture_output=True, text=True,
    )
    assert (done.returncode, done.stdout, done.stderr) == (0, "", "")
    assert (tmp_path / "in" / "东湖社区.yaml").is_file()


def test_docgens_own_fault_says_so_without_a_traceback(monkeypatch, sample_inputs, tmp_path, capsys):
    def broken(*args, **kwargs):
        raise ZeroDivisionError("division by zero")

    monkeypatch.setattr(cli, "build", broken)
    monkeypatch.delenv("DOCGEN_DEBUG", raising=False)
    assert cli.main(["build", "--inputs", str(sample_inputs), "--out", str(tmp_path / "out")]) == 1
    err = capsys.readouterr().err
    assert "docgen 自身的问题" in err and "DOCGEN_DEBUG" in err and "Traceback" not in err
    monkeypatch.setenv("DOCGEN_DEBUG", "1")
    with pytest.raises(ZeroDivisionError):
        cli.main(["build", "--inputs", str(sample_inputs), "--out", str(tmp_path / "out")])


def test_a_verify_mismatch_is_raised_by_the_library_as_docgens_fault(monkeypatch, sample_inputs, tmp_path):
    from docgen.office.verify import Mismatch
    from docgen.pipeline import render

    def fake_render(result, publication, pdf, verify, exact):
        return render.RenderOutcome(result, mismatches=[Mismatch("标题", 2, 3)])

    monkeypatch.setattr(render, "render_outputs", fake_render)
    with pytest.raises(InternalError, match="1 处页码"):
        docgen.build(sample_inputs, tmp_path / "out", verify=True)
    assert (tmp_path / "out" / "基层党建亮点工作及存在问题.docx").exists()  # the files are still written
    corrected = docgen.build(sample_inputs, tmp_path / "out2", exact=True)
    assert corrected.mismatches and corrected.rendered


def test_a_build_leaves_the_callers_garbage_collector_as_it_was(sample_inputs, tmp_path):
    """build keeps its model out of the collector's way while it runs; a program that
    builds many times must get every object back under the collector afterwards."""
    docgen.build(sample_inputs, tmp_path / "out")
    assert gc.get_freeze_count() == 0
    docgen.new_report(sample_inputs, "新社区")  # refused once read: still the starter's text
    with pytest.raises(docgen.errors.InputError, match="docgen new"):
        docgen.build(sample_inputs, tmp_path / "out")
    assert gc.get_freeze_count() == 0


def test_validate_gives_the_volume_and_the_warnings_reading_it_raised(sample_inputs):
    report = sample_inputs / "示例单位01.yaml"
    report.write_text(report.read_text(encoding="utf-8").replace("unit: 示例单位01", "unit: 示例单位01 #东湖"), encoding="utf-8")
    loaded = docgen.validate(sample_inputs)
    assert [r.unit for r in loaded.volume.reports] == [r.unit for r in docgen.load(sample_inputs).reports]
    [warning] = loaded.warnings
    assert (warning.origin.path, warning.kind) == (report, "text_after_comment") and "#东湖" in warning.message


def test_validate_raises_the_message_docgen_validate_prints(sample_inputs, capsys):
    (sample_inputs / "坏.yaml").write_text("unit: 坏\nsections:\n  - heading：特色做法\n", encoding="utf-8")
    with pytest.raises(docgen.errors.InputError) as raised:
        docgen.validate(sample_inputs)
    assert cli.main(["validate", "--inputs", str(sample_inputs)]) == 1
    assert capsys.readouterr().err == f"错误：{raised.value}\n"


def test_check_of_a_loaded_volume_finds_what_check_of_its_folder_finds(sample_inputs):
    (sample_inputs / "示例单位02.yaml").write_text(
        (sample_inputs / "示例单位01.yaml").read_text(encoding="utf-8").replace("unit: 示例单位01", "unit: 示例单位02"),
        encoding="utf-8",
    )
    findings = docgen.check(sample_inputs)
    assert findings and findings == docgen.check(docgen.load(sample_inputs))  # the copy repeats the first


def test_the_command_line_does_each_command_through_the_api():
    """cli/commands.py takes from the package only the API, the errors, the words for findings,
    (for docgen serve) the workbench, itself a program over the API, and the sweep of temporary
    folders a killed docgen left: what a command does, a program can do the same way."""
    source = Path(cli.__file__).read_text(encoding="utf-8")
    imported = {
        node.module for node in ast.walk(ast.parse(source)) if isinstance(node, ast.ImportFrom) and node.level == 2
    }
    assert imported == {"api", "errors", "core.findings", "checks", "workbench.server", "fs.tempfolders"}, imported
    checks_names = {
        alias.name
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.ImportFrom) and node.module == "checks"
        for alias in node.names
    }
    assert checks_names <= {"listing_lines", "summary_line"}  # findings put into words, nothing found
