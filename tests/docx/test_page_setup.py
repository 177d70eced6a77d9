"""Page setup, line pitch, faces and footers, read back from a built report."""

from __future__ import annotations

import zipfile

import docx
import pytest
from docx.oxml.ns import qn
from lxml import etree

from docgen.docx.ooxml import _ORDER
from docgen.docx.template_builder import TEMPLATE_PATH, build_template


@pytest.fixture(scope="module")
def report(sample_build):
    return docx.Document(str(sample_build.report_paths[0]))


def _attr(element, path, name):
    found = element.find(path, {"w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main"})
    assert found is not None, path
    return found.get(qn(f"w:{name}"))


def test_a4_with_gbt9704_margins(report):
    sect = report.sections[0]._sectPr
    assert (_attr(sect, "w:pgSz", "w"), _attr(sect, "w:pgSz", "h")) == ("11906", "16838")
    margins = {k: _attr(sect, "w:pgMar", k) for k in ("top", "bottom", "left", "right")}
    assert margins == {"top": "2098", "bottom": "1984", "left": "1587", "right": "1474"}


def test_22_lines_a_page_on_a_line_grid(report):
    sect = report.sections[0]._sectPr
    assert _attr(sect, "w:docGrid", "type") == "lines"  # not linesAndChars: LibreOffice spreads characters
    assert _attr(sect, "w:docGrid", "linePitch") == "579"
    body = report.styles["Normal"].element
    assert _attr(body, "w:pPr/w:spacing", "line") == "579"
    assert _attr(body, "w:pPr/w:spacing", "lineRule") == "exact"


def test_body_is_fangsong_sanhao_indented_two_characters_and_tightened(report):
    body = report.styles["Normal"].element
    assert _attr(body, "w:rPr/w:rFonts", "eastAsia") == "仿宋"
    assert _attr(body, "w:rPr/w:sz", "val") == "32"
    assert _attr(body, "w:rPr/w:spacing", "val") == "-5"
    assert _attr(body, "w:pPr/w:ind", "firstLineChars") == "200"
    assert _attr(body, "w:pPr/w:jc", "val") == "both"


@pytest.mark.parametrize(
    "style, face, size",
    [("报告标题", "方正小标宋简体", "44"), ("一级标题", "黑体", "32"), ("页码", "宋体", "28")],
)
def test_paragraph_styles_name_their_east_asian_face(report, style, face, size):
    element = report.styles[style].element
    assert _attr(element, "w:rPr/w:rFonts", "eastAsia") == face
    assert _attr(element, "w:rPr/w:rFonts", "hint") == "eastAsia"  # “ ” — drawn in the Chinese face
    assert _attr(element, "w:rPr/w:sz", "val") == size


def test_item_leads_use_level_styles(sample_build):
    by_unit = {p.stem: p for p in sample_build.report_paths}
    document = docx.Document(str(by_unit["示例单位02"]))
    lead = next(p for p in document.paragraphs if p.text.startswith("（一）"))
    assert lead.runs[0].style.name == "二级标题"
    assert lead.runs[0].text == "（一）打造先进特色，发挥示范引领。"
    kai = document.styles["二级标题"].element
    assert _attr(kai, "w:rPr/w:rFonts", "eastAsia") == "楷体"
    one = docx.Document(str(by_unit["示例单位01"]))
    item = next(p for p in one.paragraphs if p.text.startswith("1."))
    assert item.runs[0].style.name == "三级标题"


def test_headings_carry_outline_levels(report):
    title = report.styles["报告标题"].element
    heading = report.styles["一级标题"].element
    assert _attr(title, "w:pPr/w:outlineLvl", "val") == "0"
    assert _attr(heading, "w:pPr/w:outlineLvl", "val") == "1"
    assert report.styles["一级标题"].paragraph_format.keep_with_next


def test_page_number_footer_odd_right_even_left(report):
    assert report.settings.odd_and_even_pages_header_footer
    section = report.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for paragraph in (odd, even):
        xml = paragraph._p.xml
        assert "PAGE" in "".join(t.text for t in paragraph._p.iter(qn("w:instrText")))
        assert paragraph.text.startswith("— ") and paragraph.text.endswith(" —")
        assert "w:fldChar" in xml
    assert odd.alignment == 2  # right
    assert even.alignment == 0  # left
    assert _attr(odd._p, "w:pPr/w:ind", "right") == "280"  # one 四号 character in
    assert _attr(even._p, "w:pPr/w:ind", "left") == "280"


def test_committed_template_is_what_the_builder_makes():
    assert TEMPLATE_PATH.read_bytes() == build_template(), (
        "templates/report.docx 与生成代码不一致：运行 python -m tools.make_template 重新生成"
    )


def test_template_has_the_body_placeholder_and_named_styles():
    document = docx.Document(str(TEMPLATE_PATH))
    assert [p.text for p in document.paragraphs] == ["{{ body }}"]
    names = {s.name for s in document.styles}
    assert {"报告标题", "一级标题", "二级标题", "三级标题", "四级标题", "目录标题", "toc 1", "页码"} <= names


def test_properties_follow_the_schema_order_word_demands(sample_build):
    """Word refuses a file whose pPr/rPr/sectPr children are out of schema order."""
    checked = 0
    for path in (sample_build.volume_path, sample_build.report_paths[0]):
        with zipfile.ZipFile(path) as package:
            for name in package.namelist():
                if not (name.startswith("word/") and name.endswith(".xml")):
                    continue
                root = etree.fromstring(package.read(name))
                for tag, order in _ORDER.items():
                    for element in root.iter(qn(f"w:{tag}")):
                        names = [etree.QName(child).localname for child in element]
                        ranks = [order.index(n) for n in names if n in order]
                        assert ranks == sorted(ranks), f"{path.name}:{name} {tag}: {names}"
                        checked += 1
    assert checked > 100
