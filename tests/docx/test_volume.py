"""The sample volume: every reference sentence in order, numbered right, with its 目录."""

from __future__ import annotations

import re

import docx
from docx.oxml.ns import qn

from docgen.core.numbering import chinese_number
from support.docx_text import body_paragraphs, paragraph_texts, visible_lines
from support.paths import REFERENCE_REPORTS, SAMPLE_INPUTS

SERIES = "基层党建亮点工作及存在问题"
SEED_FILES = sorted(REFERENCE_REPORTS.glob("*.txt"))


def _seed_body(path):
    """The reference report's lines after its title, as the volume printed them."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [line for line in lines[1:] if line.strip()]


def test_one_docx_per_report_and_the_volume(sample_build):
    units = sorted(p.stem for p in SAMPLE_INPUTS.glob("*.yaml") if p.name != "volume.yaml")
    assert len(units) == 12
    assert sorted(p.name for p in sample_build.report_paths) == [f"{u}.docx" for u in units]
    assert sample_build.volume_path.name == f"{SERIES}.docx"
    for path in sample_build.report_paths + [sample_build.volume_path]:
        assert path.read_bytes()[:2] == b"PK"  # a zip package, as Word expects


def test_each_report_file_holds_its_reference_text_exactly(sample_build):
    by_unit = {p.stem: p for p in sample_build.report_paths}
    for position, seed in enumerate(SEED_FILES, 1):
        lines = visible_lines(by_unit[f"示例单位{seed.stem}"])
        assert lines[0] == f"{SERIES}（{chinese_number(position)}）"
        assert lines[1:] == _seed_body(seed), seed.name


def test_volume_holds_every_report_in_order_after_the_toc(sample_build):
    texts = visible_lines(sample_build.volume_path)
    expected = []
    for position, seed in enumerate(SEED_FILES, 1):
        expected.append(f"{SERIES}（{chinese_number(position)}）")
        expected += _seed_body(seed)
    toc_lines = 1 + len(SEED_FILES)  # 目录 heading and one line a report
    assert texts[toc_lines:] == expected


def test_title_is_followed_by_one_empty_line(sample_build):
    texts = paragraph_texts(sample_build.report_paths[0])
    assert texts[0].startswith(SERIES)
    assert texts[1] == ""
    assert texts[2] == "一、亮点工作"


def test_numbers_follow_position_in_every_style(sample_build):
    """一、 for sections; 1. （一） 一是 items restart at each section."""
    by_unit = {p.stem: p for p in sample_build.report_paths}
    two = visible_lines(by_unit["示例单位02"])
    assert [t[:3] for t in two if t.startswith("（")] == ["（一）", "（二）", "（三）", "（一）", "（二）", "（三）"]
    six = visible_lines(by_unit["示例单位06"])
    assert [t[:2] for t in six[1:] if t[1] == "是"] == ["一是", "二是", "三是", "一是", "二是", "三是"]
    eight = visible_lines(by_unit["示例单位08"])
    run_in = eight[-1]
    assert run_in.startswith("一是社区党组织班子战斗力还有待提高。")
    assert run_in.index("二是") < run_in.index("三是")


def _toc_entries(volume_path):
    document = docx.Document(str(volume_path))
    entries = []
    for paragraph in body_paragraphs(document):
        if paragraph.style.name != "toc 1":
            continue
        title, _, page = paragraph.text.partition("\t")
        entries.append((title, int(page)))
    return document, entries


def test_toc_lists_every_report_with_the_model_page(sample_build):
    _, entries = _toc_entries(sample_build.volume_path)
    titles = sample_build.volume.numbered_titles()
    assert [title for title, _ in entries] == titles
    assert [page for _, page in entries] == sample_build.start_pages
    assert entries[0][1] == 2  # pages count from the 目录 page
    assert all(a < b for (_, a), (_, b) in zip(entries, entries[1:]))


def test_toc_is_a_word_field_with_cached_result_and_bookmarks(sample_build):
    document, _ = _toc_entries(sample_build.volume_path)
    body = document.element.body
    instructions = [el.text for el in body.iter(qn("w:instrText"))]
    assert any(re.match(r"\s*TOC\b", i) for i in instructions)
    pagerefs = [i for i in instructions if i.strip().startswith("PAGEREF")]
    assert len(pagerefs) == len(sample_build.volume.reports)
    bookmarks = {el.get(qn("w:name")) for el in body.iter(qn("w:bookmarkStart"))}
    for ref in pagerefs:
        assert ref.split()[1] in bookmarks
    settings = document.settings.element
    assert settings.find(qn("w:updateFields")) is None  # opens with no prompt


def test_reports_start_on_new_pages(sample_build):
    document = docx.Document(str(sample_build.volume_path))
    titles = [p for p in document.paragraphs if p.style.name == "报告标题"]
    assert len(titles) == len(sample_build.volume.reports)
    assert all(p.style.paragraph_format.page_break_before for p in titles)
