"""Issue 22: a 落款 never starts a page — 特此报告, the 署名 and the date stay on the
page of the text they close, in the Word file and in the page model (GB/T
9704-2012 7.3.5). As LibreOffice prints it: tests/test_render_typesetting.py."""

from __future__ import annotations

import datetime

import docx
import pytest
from docx.oxml.ns import qn

from docgen.core.model import Item, Report, Section, Signature
from docgen.layout import compose, spec
from docgen.layout.paginate import measure, place
from docgen.pipeline.build import build
from support import stress
from support.docx_text import body_paragraphs

SIGNATURE = Signature("中共东湖社区委员会", datetime.date(2026, 11, 20))


def _report(last_paragraph: str, closing=("特此报告。",), signature=SIGNATURE) -> Report:
    items = [Item("阵地建设成效明显。", ["今年以来，社区投入资金改造党员活动室。"]), Item("党员管理有待规范。", [last_paragraph])]
    return Report("东湖社区", [Section("亮点工作", items)], closing=list(closing), signature=signature)


def _kept(paragraphs: list[compose.Paragraph]) -> list[str]:
    return [p.text for p in paragraphs if p.keep_with_next and p.keep_lines]


def test_the_last_paragraph_the_closing_and_the_signature_hold_together():
    paragraphs = compose.report_paragraphs(_report("流动党员底数不清。"), "标题")
    assert _kept(paragraphs) == ["2.党员管理有待规范。流动党员底数不清。", "特此报告。", "", "中共东湖社区委员会"]
    assert not paragraphs[-1].keep_with_next  # the date closes the chain


@pytest.mark.parametrize(
    "closing, signature, kept",
    [
        ((), SIGNATURE, ["2.党员管理有待规范。流动党员底数不清。", "", "中共东湖社区委员会"]),
        (("特此报告。",), None, ["2.党员管理有待规范。流动党员底数不清。"]),
        ((), Signature("中共东湖社区委员会"), ["2.党员管理有待规范。流动党员底数不清。", ""]),
        ((), None, []),
    ],
)
def test_whatever_ends_the_report_is_held_to_the_last_paragraph(closing, signature, kept):
    paragraphs = compose.report_paragraphs(_report("流动党员底数不清。", closing, signature), "标题")
    assert _kept(paragraphs) == kept


def test_a_last_paragraph_too_long_to_share_a_page_with_the_ending_is_not_held():
    """Held to an ending it could not share a page with, LibreOffice would give up
    the chain at its end (the date alone on the next page); Word would not."""
    long_paragraph = "社区党委坚持把党建工作与社区治理深度融合，" * 25
    paragraphs = compose.report_paragraphs(_report(long_paragraph), "标题")
    assert _kept(paragraphs) == ["特此报告。", "", "中共东湖社区委员会"]
    chain = [p for p in paragraphs if p.keep_with_next and p.format.style != spec.STYLE_HEADING1]
    assert sum(measure(p).lines for p in chain) + 1 <= spec.LINES_PER_PAGE


def test_the_word_file_keeps_them_with_the_next_paragraph_and_unsplit(tmp_path):
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    (inputs / "东湖社区.yaml").write_text(
        "unit: 东湖社区\nsections:\n  - heading: 亮点工作\n    items:\n      - title: 阵地建设成效明显。\n"
        "closing: |\n  特此报告。\nsignature:\n  unit: 中共东湖社区委员会\n  date: 2026-11-20\n",
        encoding="utf-8",
    )
    result = build(inputs, tmp_path / "out")
    paragraphs = body_paragraphs(docx.Document(str(result.report_paths[0])))
    held = [
        p.text
        for p in paragraphs
        if p._p.pPr.find(qn("w:keepNext")) is not None and p._p.pPr.find(qn("w:keepLines")) is not None
    ]
    assert held == ["1.阵地建设成效明显。", "特此报告。", "", "中共东湖社区委员会"]
    assert paragraphs[-1].text == "2026年11月20日"
    assert paragraphs[-1]._p.pPr.find(qn("w:keepNext")) is None


@pytest.fixture(scope="module")
def endings():
    return stress.ending_reports()


def test_the_endings_volume_brings_every_report_ending_to_a_page_top_without_the_rule(endings):
    """The volume tests what it claims: paged without the rule, each report's ending
    would put 特此报告, the 署名's empty line, the 署名 or the date first on a page."""
    assert len(endings.reports) >= 30
    for report in endings.reports:
        assert 0 in stress.naive_ending_lines(report), report.unit


def test_the_model_starts_no_page_with_any_part_of_an_ending(endings):
    for report in endings.reports:
        paragraphs = compose.report_paragraphs(report, report.title, show_unit=True)
        starts = [positions[0] for positions in place([measure(p) for p in paragraphs])]
        ending = starts[-4:]  # 特此报告, the empty line, the 署名, the date
        assert all(line != 0 for _, line in ending), report.unit
        assert ending[0][0] == ending[-1][0], report.unit  # one page
        assert starts[-5][0] == ending[0][0], report.unit  # with body text above
