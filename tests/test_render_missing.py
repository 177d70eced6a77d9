"""Without LibreOffice: --pdf says how to install it, and the Word files are still built."""

from __future__ import annotations

from docgen.cli import main
from docgen.renderer import soffice


def test_pdf_without_libreoffice_explains_how_to_install_it(sample_inputs, tmp_path, capsys, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    monkeypatch.setattr(soffice, "_WINDOWS_PLACES", ())
    monkeypatch.setattr(soffice, "_MAC_PLACE", tmp_path / "none")
    out = tmp_path / "out"
    assert main(["build", "--inputs", str(sample_inputs), "--out", str(out), "--pdf"]) == 1
    error = capsys.readouterr().err
    assert "没有找到 LibreOffice" in error
    assert "apt-get install libreoffice-writer-nogui" in error
    assert "libreoffice.org" in error
    assert "Traceback" not in error
    assert len(list(out.glob("*.docx"))) == 13  # the Word files do not depend on it
    assert not list(out.glob("*.pdf"))


def test_preview_without_libreoffice_explains_how_to_install_it(sample_inputs, tmp_path, capsys, monkeypatch):
    monkeypatch.setattr(soffice, "find_soffice", lambda: None)
    assert main(["preview", "--inputs", str(sample_inputs), "--out", str(tmp_path)]) == 1
    assert "没有找到 LibreOffice" in capsys.readouterr().err
