"""Independent readers agree with docgen: LibreOffice (round trip and 目录 update) and pandoc."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest

from docgen.docx.template_fill import Template
from docgen.docx.volume import volume_docx
from docgen.office.soffice import find_soffice, office_environment
from docgen.pipeline.build import build
from support.docx_text import visible_lines
from support.renderer import require_renderer

SUPPORT = Path(__file__).resolve().parents[1] / "support"
FOOTER = re.compile(r"^— \d+ —$")


def _squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _convert(soffice: Path, profile: Path, source: Path, target_format: str, out_dir: Path) -> Path:
    out_dir.mkdir(parents=True, exist_ok=True)
    subprocess.run(
        [str(soffice), f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
         "--convert-to", target_format, "--outdir", str(out_dir), str(source)],
        capture_output=True, timeout=300, check=True, env=office_environment(profile),
    )
    converted = out_dir / f"{source.stem}.{target_format.split(':')[0]}"
    assert converted.is_file(), f"LibreOffice wrote no {converted.name}"
    return converted


@pytest.mark.office
def test_libreoffice_round_trip_through_odt_keeps_text_toc_and_footers(sample_build, tmp_path):
    require_renderer()
    profile = tmp_path / "profile"
    soffice = find_soffice()
    odt = _convert(soffice, profile, sample_build.volume_path, "odt", tmp_path / "odt")
    back = _convert(soffice, profile, odt, "docx:MS Word 2007 XML", tmp_path / "back")

    original, returned = visible_lines(sample_build.volume_path), visible_lines(back)
    assert returned == original  # every paragraph, the 目录 lines with their tab and page included
    toc = [line for line in returned if "\t" in line]
    assert [line.split("\t")[0] for line in toc] == sample_build.volume.numbered_titles()
    assert [int(line.split("\t")[1]) for line in toc] == sample_build.start_pages
    section = docx.Document(str(back)).sections[0]
    assert FOOTER.match(section.footer.paragraphs[0].text)
    assert FOOTER.match(section.even_page_footer.paragraphs[0].text)


def test_pandoc_reads_every_paragraph_in_order(sample_build):
    if shutil.which("pandoc") is None:
        pytest.skip("pandoc is not installed: apt-get install pandoc")
    for path in (sample_build.volume_path, sample_build.report_paths[0]):
        plain = subprocess.run(
            ["pandoc", str(path), "-t", "plain", "--wrap=none"], capture_output=True, text=True, check=True, timeout=120
        ).stdout
        read = [_squeeze(line) for line in plain.splitlines() if line.strip()]
        assert read == [_squeeze(line) for line in visible_lines(path)], path.name


# --- LibreOffice's own update of the 目录 -----------------------------------------------


def _python_with_uno(soffice: Path) -> str | None:
    """A Python that can import LibreOffice's ``uno``: LibreOffice's own, or the system's."""
    for candidate in (soffice.resolve().parent / "python", Path("/usr/bin/python3"), shutil.which("python3")):
        if candidate and Path(candidate).is_file():
            probe = subprocess.run([str(candidate), "-c", "import uno"], capture_output=True, timeout=60)
            if probe.returncode == 0:
                return str(candidate)
    return None


def _updated_toc_page(volume: Path, work: Path, page_number: int = 1) -> list[str]:
    """The 目录 page (the PDF's ``page_number``) of ``volume`` after LibreOffice updated its 目录, as text lines."""
    soffice = find_soffice()
    python = _python_with_uno(soffice)
    if python is None:
        pytest.skip("no Python with LibreOffice's uno module: apt-get install python3-uno")
    profile = work / "profile"
    pdf = work / f"{volume.stem}-updated.pdf"
    subprocess.run(
        [python, str(SUPPORT / "lo_update_toc.py"), str(soffice), profile.as_uri(), str(volume), str(pdf)],
        capture_output=True, timeout=300, check=True, env=office_environment(profile),
    )
    page = subprocess.run(
        ["pdftotext", "-f", str(page_number), "-l", str(page_number), "-layout", str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [line for line in page.splitlines() if line.strip()]


def _toc_entries(page_lines: list[str]) -> list[tuple[str, int]]:
    entries = []
    for line in page_lines:
        found = re.match(r"^\s*(\S.*?)[\s.…]*?(\d+)\s*$", line)
        if found and "（" in found.group(1):
            entries.append((found.group(1).rstrip(". …"), int(found.group(2))))
    return entries


@pytest.mark.office
def test_libreoffice_updating_the_toc_changes_no_entry_and_no_page(sample_build, tmp_path):
    require_renderer()
    expected = list(zip(sample_build.volume.numbered_titles(), sample_build.start_pages))
    assert _toc_entries(_updated_toc_page(sample_build.volume_path, tmp_path)) == expected


@pytest.mark.office
def test_with_a_cover_the_updated_toc_keeps_the_numbers_printed_in_the_footers(sample_inputs, tmp_path):
    """Updating the 目录 (as Word, WPS and LibreOffice offer) after the cover gives the
    same numbers as docgen wrote, the numbers the pages print, not counting the cover."""
    require_renderer()
    settings = sample_inputs / "volume.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "cover:\n  title: 2026年基层党建工作汇编\n", encoding="utf-8")
    result = build(sample_inputs, tmp_path / "out")
    expected = list(zip(result.volume.numbered_titles(), result.start_pages))
    assert result.start_pages[0] == 2
    assert _toc_entries(_updated_toc_page(result.volume_path, tmp_path, page_number=2)) == expected


@pytest.mark.office
def test_libreoffice_does_update_a_toc_with_wrong_pages(sample_build, tmp_path):
    """The update really runs: wrong cached page numbers come back right."""
    require_renderer()
    wrong = tmp_path / "wrong.docx"
    shifted = [page + 5 for page in sample_build.start_pages]
    wrong.write_bytes(volume_docx(sample_build.volume, shifted, Template()))
    expected = list(zip(sample_build.volume.numbered_titles(), sample_build.start_pages))
    assert _toc_entries(_updated_toc_page(wrong, tmp_path)) == expected
