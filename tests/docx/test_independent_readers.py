"""Independent readers agree with docgen: LibreOffice (round trip and 目录 update) and pandoc."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from docgen.docx.template_fill import Template
from docgen.docx.volume import volume_docx
from docgen.office.pdftext import read_pages
from docgen.office.soffice import find_soffice, office_environment
from docgen.pipeline.build import build
from support.docx_text import body_paragraphs, visible_lines
from support.paths import ROOT
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


def _updated(volume: Path, work: Path) -> Path:
    """``volume`` as LibreOffice prints it after updating its 目录 and its fields (a PDF)."""
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
    return pdf


def _updated_toc_page(volume: Path, work: Path, page_number: int = 1) -> list[str]:
    """The 目录 page (the PDF's ``page_number``) of ``volume`` after LibreOffice updated its 目录, as text lines."""
    pdf = _updated(volume, work)
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


def test_libreoffice_updating_the_toc_keeps_its_heading_in_docgens_style(sample_build, tmp_path):
    """LibreOffice heads a 目录 it updates in the built-in TOC Heading style: defined as
    docgen's 目录标题 (二号, centred), not python-docx's (14 pt, blue, bold)."""
    require_renderer()
    page = read_pages(_updated(sample_build.volume_path, tmp_path))[0]
    heading = page.body[0]
    assert _squeeze(heading.text) == "目录"
    assert heading.bottom - heading.top > 18  # points: 二号 is 22 pt
    middle = (heading.left + heading.right) / 2
    assert abs(middle - page.width / 2) < 20


@pytest.fixture(scope="module")
def volume_with_units(tmp_path_factory):
    """The samples with own titles, the first too long for a 目录 line, and units under them:
    a 目录 of lines of its own (an update of a TOC field would not print it as composed)."""
    work = tmp_path_factory.mktemp("units")
    inputs = shutil.copytree(ROOT / "inputs", work / "in")
    first = inputs / "示例单位01.yaml"
    title = "title: XX街道XX社区党总支关于2026年度基层党建工作亮点特色及存在的主要问题和下一步工作打算的情况报告\n"
    first.write_text(title + first.read_text(encoding="utf-8"), encoding="utf-8")
    settings = inputs / "volume.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "titles: own\nshow_unit: true\n", encoding="utf-8")
    return build(inputs, work / "out")


def test_a_toc_with_units_is_lines_of_its_own_each_page_number_a_field(volume_with_units):
    paragraphs = body_paragraphs(docx.Document(str(volume_with_units.volume_path)))
    instructions = [t.text for p in paragraphs for t in p._p.iter(qn("w:instrText"))]
    assert not [i for i in instructions if i.strip().startswith("TOC")]
    pagerefs = [i for i in instructions if i.strip().startswith("PAGEREF")]
    assert len(pagerefs) == len(volume_with_units.volume.reports)
    entries = [p for p in paragraphs if p.style.name == "toc 1"]
    units = [p for p in paragraphs if p.style.name == "toc 2"]
    assert [p.text for p in units] == [r.unit for r in volume_with_units.volume.reports]
    assert all(p._p.pPr.find(qn("w:keepNext")) is not None for p in entries)  # with the unit under it
    assert "\n" in entries[0].text  # the long title is broken by hand, between words


def _toc_entries_with_units(page_lines: list[str], units: list[str]) -> list[tuple[str, int | str]]:
    """The 目录 page's entries (title, page) and unit lines (unit, ""), wrapped lines joined."""
    found, pending = [], ""
    for line in page_lines[1:]:  # after the heading
        text = _squeeze(line)
        if text in units:
            found.append((text, ""))
            continue
        numbered = re.match(r"^(.*?)[.…]+(\d+)$", text)
        if numbered:
            found.append((pending + numbered.group(1), int(numbered.group(2))))
            pending = ""
        else:
            pending += text
    return found


def test_libreoffice_updating_a_toc_of_lines_keeps_units_and_breaks_and_corrects_pages(volume_with_units, tmp_path):
    """An update (Tools → Update → All) renews the page numbers and changes nothing else:
    each unit line stays, without a page number; each entry keeps its lines."""
    require_renderer()
    volume = volume_with_units.volume
    wrong = tmp_path / "wrong.docx"
    wrong.write_bytes(volume_docx(volume, [page + 5 for page in volume_with_units.start_pages], Template()))
    units = [_squeeze(r.unit) for r in volume.reports]
    page_lines = _updated_toc_page(wrong, tmp_path)
    expected = []
    for title, page, unit in zip(volume.numbered_titles(), volume_with_units.start_pages, units):
        expected += [(_squeeze(title), page), (unit, "")]
    got = _toc_entries_with_units(page_lines, units)
    assert got == expected[: len(got)] and len(got) >= 2 * 8  # the entries of the 目录's first page
    assert _squeeze(page_lines[1]).startswith("XX街道XX社区党总支关于2026年度基层党建工作亮点特色及")
