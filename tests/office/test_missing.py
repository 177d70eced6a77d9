"""Without LibreOffice: --pdf says how to install it, and changes nothing in the output folder."""

from __future__ import annotations

from docgen.cli.commands import main
from docgen.office import soffice


def test_pdf_without_libreoffice_explains_how_to_install_it(sample_inputs, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(soffice, "_WINDOWS_PLACES", ())
    monkeypatch.setattr(soffice, "_MAC_PLACE", tmp_path / "none")
    out = tmp_path / "out"
    assert main(["build", "--inputs", str(sample_inputs), "--out", str(out)]) == 0
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    report = next(sample_inputs.glob("*01.yaml"))
    report.write_text(report.read_text(encoding="utf-8").replace("。", "！", 1), encoding="utf-8")
    capsys.readouterr()
    assert main(["build", "--inputs", str(sample_inputs), "--out", str(out), "--pdf"]) == 1
    error = capsys.readouterr().err
    assert "没有找到 LibreOffice" in error
    assert "apt-get install libreoffice-writer-nogui" in error
    assert "libreoffice.org" in error
    assert "Traceback" not in error
    # no new Word files beside old PDFs or none: the folder is exactly as the last build left it
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_preview_without_libreoffice_explains_how_to_install_it(sample_inputs, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(soffice, "find_soffice", lambda: None)
    assert main(["preview", "--inputs", str(sample_inputs), "--out", str(tmp_path)]) == 1
    assert "没有找到 LibreOffice" in capsys.readouterr().err
