"""Issue 22 as LibreOffice prints it: ``docgen build --pdf --verify`` of a volume whose
导语 lengths bring each report's ending to a page's top, with own titles that wrap,
unit lines and a cover (``stress.ending_reports``), read back page by page."""

from __future__ import annotations

import pytest

from docgen.core.numbering import chinese_date
from docgen.office.pdftext import read_pages
from docgen.office.verify import rendered_start_indices, rendered_start_pages, squeeze
from docgen.pipeline.build import build
from support import stress
from support.renderer import require_renderer
from support.word_splits import split_words

pytestmark = pytest.mark.office


@pytest.fixture(scope="module")
def printed(tmp_path_factory):
    require_renderer()
    work = tmp_path_factory.mktemp("typesetting")
    volume = stress.ending_reports()
    inputs = stress.write_inputs(volume, work / "inputs")
    result = build(inputs, work / "out", pdf=True, verify=True)  # verify: the 目录 against LibreOffice's pages
    return result, read_pages(result.volume_path.with_suffix(".pdf"))


def test_no_page_begins_with_特此报告_a_署名_or_a_date(printed):
    result, pages = printed
    ending_lines = set()
    for report in result.volume.reports:
        ending_lines |= {squeeze(t) for t in [*report.closing, report.signature.unit, chinese_date(report.signature.date)]}
    starting = [(page.number, squeeze(page.body[0].text)) for page in pages if page.body]
    assert len(starting) > 3 * len(result.volume.reports)
    assert [start for start in starting if start[1] in ending_lines] == []


def test_every_toc_number_is_the_page_number_printed_under_the_report(printed):
    result, pages = printed
    assert rendered_start_pages(pages, result.volume.numbered_titles()) == result.start_pages


def _lines_holding(lines: list[str], text: str) -> list[str] | None:
    """The run of ``lines`` from the first that together print ``text`` (a 目录 line's leader and number dropped)."""
    wanted = squeeze(text)
    for first in range(len(lines)):
        got: list[str] = []
        for line in lines[first:]:
            got.append(squeeze(line).split("..")[0].rstrip(".0123456789") if "..." in line else squeeze(line))
            joined = "".join(got)
            if joined == wanted:
                return got
            if not wanted.startswith(joined):
                break
    return None


def test_no_title_cover_or_toc_line_breaks_inside_a_word(printed):
    result, pages = printed
    titles = result.volume.numbered_titles()
    starts = rendered_start_indices(pages, titles)
    cover = _lines_holding([line.text for line in pages[0].body], result.volume.settings.cover.title)
    toc_lines = [line.text for page in pages[1 : starts[0]] for line in page.body]
    printed_titles = [cover]
    for title, start in zip(titles, starts):
        printed_titles.append(_lines_holding([line.text for line in pages[start].body], title))
        printed_titles.append(_lines_holding(toc_lines, title))
    assert None not in printed_titles
    assert sum(len(lines) > 1 for lines in printed_titles) >= 20  # they do wrap: the cover, most reports, some 目录 lines
    assert [split for lines in printed_titles for split in split_words(lines)] == []


def test_no_toc_page_begins_with_a_unit_line(printed):
    result, pages = printed
    units = {squeeze(report.unit) for report in result.volume.reports}
    assert stress.naive_toc_unit_tops(result.volume)  # would, were entries not kept with their units
    first_report = rendered_start_indices(pages, result.volume.numbered_titles())[0]
    toc_pages = pages[1:first_report]
    assert len(toc_pages) > 1
    assert [page.number for page in toc_pages if squeeze(page.body[0].text) in units] == []
