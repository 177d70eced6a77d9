"""The layout model against LibreOffice: 目录 pages, lines, the page grid and the footer.

All volumes (the samples and the generated stress volumes) are rendered in
one LibreOffice run for the module.
"""

from __future__ import annotations

import re

import pytest

from docgen.layout import spec
from docgen.office.pdftext import read_pages
from docgen.office.verify import rendered_start_pages
from docgen.pipeline.build import build
from support.layout_data import VOLUMES, record_of, recorded, write_inputs
from support.renderer import convert_named, require_renderer
from tools.compare_layout import compare, model_paragraphs, rendered_lines

pytestmark = pytest.mark.office  # every test here runs LibreOffice
# Latin words packed into every few characters: the page numbers agree, but
# some lines break elsewhere (Unicode line-breaking rules the model only approximates).
LINES_APPROXIMATED = {"latin"}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    require_renderer()
    work = tmp_path_factory.mktemp("rendered")
    builds = {}
    for name in VOLUMES:
        builds[name] = build(write_inputs(name, work / "inputs" / name), work / "outputs" / name)
    pdfs = convert_named({name: result.volume_path for name, result in builds.items()}, work / "pdf")
    return {name: (builds[name], read_pages(pdfs[name])) for name in VOLUMES}


@pytest.mark.parametrize("name", VOLUMES)
def test_toc_pages_equal_rendered_pages(rendered, name):
    result, pages = rendered[name]
    titles = result.volume.numbered_titles()
    assert rendered_start_pages(pages, titles) == result.start_pages


@pytest.mark.parametrize("name", [n for n in VOLUMES if n not in LINES_APPROXIMATED])
def test_every_line_breaks_where_libreoffice_breaks_it(rendered, name):
    result, pages = rendered[name]
    titles = result.volume.numbered_titles()
    comparison = compare(model_paragraphs(result.volume), rendered_lines(pages, titles[0]))
    assert comparison.paragraphs > 0
    assert not comparison.line_breaks, "\n\n".join(str(d) for d in comparison.line_breaks[:3])
    assert comparison.first_misplaced is None, str(comparison.first_misplaced)


@pytest.mark.parametrize("name", VOLUMES)
def test_the_recorded_layout_is_what_libreoffice_renders(rendered, name):
    """tests/data/layout/ (the expected data of test_layout_recorded) is up to date."""
    result, pages = rendered[name]
    record = recorded(name)
    assert record_of(result.volume, pages) == {key: record[key] for key in ("titles", "start_pages", "lines")}


def test_a_toc_longer_than_a_page_moves_the_first_report(rendered):
    result, pages = rendered["one_line"]
    assert len(result.volume.reports) > spec.LINES_PER_PAGE
    assert result.start_pages[0] == 3
    assert [line.grid_line for line in pages[0].body][-1] == spec.LINES_PER_PAGE - 1


def test_a_full_page_holds_22_lines(rendered):
    _, pages = rendered["long_items"]
    full = [page for page in pages if len(page.body) == spec.LINES_PER_PAGE]
    assert full, "no page of the long items is full"
    assert [line.grid_line for line in full[0].body] == list(range(spec.LINES_PER_PAGE))
    assert max(len(page.body) for page in pages) == spec.LINES_PER_PAGE


def test_a_full_line_holds_28_characters(rendered):
    _, pages = rendered["sample"]
    left_edge = spec.MARGIN_LEFT / 20
    chinese_only = re.compile(r"^[\u4e00-\u9fff，。、；：“”（）《》！？]+$")
    lines = [
        line
        for page in pages
        for line in page.body
        if chinese_only.match(line.text) and abs(line.left - left_edge) < 1
    ]
    # a line may hold one more character only when it is punctuation hanging in the margin
    counts = {len(line.text.rstrip("，。、；：！？")) for line in lines}
    assert max(counts) == 28
    full = [line for line in lines if len(line.text) == 28 and line.text[-1] not in "，。、；：！？"]
    assert full
    for line in full:
        assert line.right - line.left == pytest.approx(28 * 16 - 27 * 0.25, abs=1.5)


def test_the_footer_reads_dash_number_dash_right_on_odd_pages_left_on_even(rendered):
    _, pages = rendered["sample"]
    left = spec.MARGIN_LEFT / 20
    right = (spec.PAGE_WIDTH - spec.MARGIN_RIGHT) / 20
    one_char = spec.PAGE_NUMBER_SIZE / 2
    for page in pages:
        [footer] = page.footer
        assert re.sub(r"\s", "", footer.text) == f"—{page.number}—"
        if page.number % 2:
            assert footer.right == pytest.approx(right - one_char, abs=2)
        else:
            assert footer.left == pytest.approx(left + one_char, abs=2)
