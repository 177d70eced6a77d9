"""Issue 22: ``duplex: true`` — printed on both sides, the 目录 and each report begin on
a right-hand (odd) page, a blank page before where needed, numbered as Word numbers
it (the blank page counts), and the 目录 still exact."""

from __future__ import annotations

import shutil
import zipfile

import pytest
from lxml import etree

from docgen.inputs.yaml_reader import load_inputs
from docgen.layout.paginate import cover_blocks, place, start_pages, volume_layout
from docgen.office.pdftext import read_pages
from docgen.office.verify import rendered_start_indices, rendered_start_pages
from docgen.pipeline.build import build
from support.paths import SAMPLE_INPUTS
from support.renderer import require_renderer

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
COVER = "cover:\n  title: 2026年度基层党建亮点工作及存在问题汇编\n  unit: 中共XX街道工作委员会组织办公室\n"


def _inputs(folder, duplex=True, cover=False):
    shutil.copytree(SAMPLE_INPUTS, folder)
    settings = folder / "volume.yaml"
    extra = ("duplex: true\n" if duplex else "") + (COVER if cover else "")
    settings.write_text(settings.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return folder


def test_every_report_starts_on_an_odd_page_after_a_blank_one_where_needed(tmp_path):
    single = start_pages(load_inputs(_inputs(tmp_path / "single", duplex=False)).volume)
    double = start_pages(load_inputs(_inputs(tmp_path / "double")).volume)
    assert all(page % 2 == 1 for page in double)
    # each report as long as on one side; where one ends on an odd page, the next begins two on
    lengths = [b - a for a, b in zip(single, single[1:])]
    for (start, next_start), length in zip(zip(double, double[1:]), lengths):
        assert next_start == start + length + (length % 2)
    assert double[0] == 3 and single[0] == 2  # the 目录 (one page) has a blank back


@pytest.mark.parametrize("cover", [False, True])
def test_the_page_model_puts_the_toc_and_each_title_on_a_right_hand_page(tmp_path, cover):
    volume = load_inputs(_inputs(tmp_path / "in", cover=cover)).volume
    layout = volume_layout(volume)
    positions = place(layout.blocks)
    toc_heading = len(cover_blocks(volume))
    assert positions[toc_heading][0] == (3 if cover else 1, 0)  # after the cover and its blank back
    first_pages = [positions[index][0][0] for index in layout.report_starts]
    assert all(page % 2 == 1 for page in first_pages)  # counted on paper: the cover and its back too
    assert layout.unnumbered_pages == (2 if cover else 0)
    assert [page - layout.unnumbered_pages for page in first_pages] == start_pages(volume)


def _sections(path):
    with zipfile.ZipFile(path) as package:
        root = etree.fromstring(package.read("word/document.xml"))
    return list(root.iter(f"{W}sectPr"))


def _kind(section):
    found = section.find(f"{W}type")
    return None if found is None else found.get(f"{W}val")


def _start(section):
    numbering = section.find(f"{W}pgNumType")
    return None if numbering is None else numbering.get(f"{W}start")


def test_the_word_file_gives_the_toc_and_each_report_a_section_beginning_on_an_odd_page(tmp_path):
    result = build(_inputs(tmp_path / "in", cover=True), tmp_path / "out")
    cover, toc, *reports = _sections(result.volume_path)
    assert len(reports) == len(result.volume.reports)
    assert _start(cover) is None and cover.find(f"{W}footerReference") is None  # unnumbered
    assert (_kind(toc), _start(toc)) == ("oddPage", "1")  # the 目录 is page 1
    assert toc.find(f"{W}footerReference") is not None
    assert [(_kind(s), _start(s)) for s in reports] == [("oddPage", None)] * len(reports)  # numbered on
    back = cover.getparent().getparent()  # the cover section's last paragraph: the cover's blank back
    assert back.find(f"{W}pPr/{W}pageBreakBefore") is not None and not "".join(back.itertext())


def test_single_sided_the_volume_has_no_section_but_the_template_s(tmp_path):
    result = build(_inputs(tmp_path / "in", duplex=False), tmp_path / "out")
    [section] = _sections(result.volume_path)
    assert _kind(section) is None


@pytest.mark.office
def test_libreoffice_prints_each_report_on_a_right_hand_page_and_the_toc_is_exact(tmp_path):
    """``docgen build --pdf --verify``: the PDF holds the blank pages (a printer printing
    it on both sides needs them), blank but for nothing, not even a page number."""
    require_renderer()
    result = build(_inputs(tmp_path / "in", cover=True), tmp_path / "out", pdf=True, verify=True)
    pages = read_pages(result.volume_path.with_suffix(".pdf"))
    titles = result.volume.numbered_titles()
    assert rendered_start_pages(pages, titles) == result.start_pages
    on_paper = [index + 1 for index in rendered_start_indices(pages, titles)]
    assert all(page % 2 == 1 for page in on_paper)
    assert pages[1].lines == [] and pages[3].lines == []  # the cover's back, the 目录's back
    assert pages[2].printed_number == 1
    blanks = [page.number for page in pages if not page.lines]
    assert len(blanks) >= 4
    assert all(number % 2 == 0 and number + 1 in on_paper + [3] for number in blanks)  # each before a right-hand start
