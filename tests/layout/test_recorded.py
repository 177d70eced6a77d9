"""The layout model against LibreOffice's recorded layout, without LibreOffice.

tests/data/layout/ holds, for the sample volume and each stress volume, the
page LibreOffice started each report on and every line it printed (recorded
by tests/support/layout_data.py). The model must start every report on the same page
and break every paragraph into the same lines on the same page and grid line.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from docgen.core.model import Cover
from docgen.layout.paginate import place, start_pages, volume_layout
from support.layout_data import REFRESH, VOLUMES, load_volume, recorded, recorded_lines
from tools.compare_layout import compare, model_paragraphs

# Latin words packed into every few characters: the model approximates the
# Unicode line-breaking rules there, and breaks these paragraphs (named by the
# page and grid line they start on) otherwise than LibreOffice; no other may differ.
KNOWN_DIFFERENCES = {
    "latin": {(2, 8), (3, 17), (8, 16), (12, 12), (14, 3), (19, 3), (19, 14), (21, 3), (22, 10)},
}


@pytest.fixture(scope="module")
def volumes(tmp_path_factory):
    work = tmp_path_factory.mktemp("layout")
    return {name: load_volume(name, work) for name in VOLUMES}


def _recorded_for(volume, name):
    record = recorded(name)
    assert volume.numbered_titles() == record["titles"], f"{name} 的报告变了：用 {REFRESH} 重新记录"
    return record


@pytest.mark.parametrize("cover", [None, Cover("汇编封面标题", "编印单位")])
@pytest.mark.parametrize("name", VOLUMES)
def test_start_pages_from_each_reports_page_count_are_those_of_the_whole_volume_poured(volumes, name, cover):
    """A build counts each report's pages as it writes the report; that must place
    every report where pouring the whole volume onto pages does."""
    volume = replace(volumes[name], settings=replace(volumes[name].settings, cover=cover))
    layout = volume_layout(volume)
    positions = place(layout.blocks)
    assert start_pages(volume) == [positions[index][0][0] - layout.unnumbered_pages for index in layout.report_starts]


@pytest.mark.parametrize("name", VOLUMES)
def test_each_report_starts_on_the_page_libreoffice_started_it(volumes, name):
    record = _recorded_for(volumes[name], name)
    assert None not in record["start_pages"]
    assert start_pages(volumes[name]) == record["start_pages"]


@pytest.mark.parametrize("name", VOLUMES)
def test_each_paragraph_breaks_into_the_lines_libreoffice_printed(volumes, name):
    record = _recorded_for(volumes[name], name)
    comparison = compare(model_paragraphs(volumes[name]), recorded_lines(record))
    missing = [d for d in comparison.line_breaks if d.rendered is None]
    assert not missing, f"text not in the recorded lines (run {REFRESH}):\n{missing[0]}"
    assert comparison.paragraphs > len(record["titles"])
    unexpected = [d for d in comparison.line_breaks if d.model.positions[0] not in KNOWN_DIFFERENCES.get(name, ())]
    assert not unexpected, "\n\n".join(str(d) for d in unexpected[:3])
    assert comparison.first_misplaced is None, str(comparison.first_misplaced)


def test_the_recorded_data_covers_what_the_model_must_get_right():
    """Guards against a refresh that records an empty or broken rendering."""
    one_line = recorded("one_line")
    assert one_line["start_pages"][0] == 3  # a 目录 longer than a page
    long_items = recorded("long_items")
    lines_per_page = {}
    for page, line, _ in long_items["lines"]:
        lines_per_page[page] = max(lines_per_page.get(page, 0), line + 1)
    assert max(lines_per_page.values()) == 22
    for name in VOLUMES:
        record = recorded(name)
        assert record["start_pages"] == sorted(record["start_pages"])
        assert len(record["lines"]) >= 3 * len(record["titles"])
