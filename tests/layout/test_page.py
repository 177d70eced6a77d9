"""One description of the page: the template's styles and the pagination model
both follow ``spec.FORMATS``; titles wrap at even lengths where the meaning pauses."""

from __future__ import annotations

import io

import docx
import docx.shared
import pytest
from docx.enum.text import WD_ALIGN_PARAGRAPH

from docgen.docx.template_builder import build_template
from docgen.layout import compose, spec
from docgen.layout.paginate import measure

_ALIGNMENTS = {
    spec.CENTER: WD_ALIGN_PARAGRAPH.CENTER,
    spec.RIGHT: WD_ALIGN_PARAGRAPH.RIGHT,
    spec.JUSTIFY: WD_ALIGN_PARAGRAPH.JUSTIFY,
    spec.LEFT: WD_ALIGN_PARAGRAPH.LEFT,
}


@pytest.fixture(scope="module")
def template():
    return docx.Document(io.BytesIO(build_template()))


@pytest.mark.parametrize("role", sorted(spec.FORMATS))
def test_the_template_style_of_each_role_has_the_numbers_of_its_format(template, role):
    wanted = spec.FORMATS[role]
    style = template.styles[wanted.style]
    fmt = style.paragraph_format
    assert style.font.size.pt == wanted.size / 2
    assert fmt.alignment == _ALIGNMENTS[wanted.align]
    assert fmt.line_spacing.twips == wanted.line_height
    assert bool(fmt.keep_with_next) == wanted.keep_with_next
    assert bool(fmt.page_break_before) == wanted.page_break_before
    # a hanging indent: the first line starts that far left of the others
    assert (fmt.first_line_indent or 0) == docx.shared.Twips(wanted.first_line_indent - wanted.hanging_indent)
    assert (fmt.left_indent or 0) == docx.shared.Twips(wanted.hanging_indent)


def test_the_model_measures_a_role_with_its_size_and_line_height():
    title = compose.Paragraph(compose.COVER_TITLE, [compose.Run("汇编" * 5)])
    assert measure(title).lines == spec.FORMATS[compose.COVER_TITLE].grid_lines  # 10 characters: one line
    body = compose.Paragraph(compose.BODY, [compose.Run("字" * 26)])
    assert measure(body).lines == 1  # 2 characters indent + 26
    body.runs[0].text += "字"
    assert measure(body).lines == 2


def test_a_long_title_breaks_into_even_lines_at_a_pause():
    title = "二〇二三年度全市城乡社区基层党组织党建工作亮点特色做法及存在问题（二）"
    lines = compose.broken_title(compose.TITLE, title).split(compose.LINE_BREAK)
    assert lines == ["二〇二三年度全市城乡社区基层党组织", "党建工作亮点特色做法及存在问题（二）"]


def test_a_title_never_leaves_its_number_alone_on_the_last_line():
    title = "东湖社区2026年基层党建亮点工作及存在问题（一）"  # 20 characters fit a line
    lines = compose.broken_title(compose.TITLE, "XX街道" + title).split(compose.LINE_BREAK)
    assert len(lines) == 2
    assert min(len(line) for line in lines) >= 8
    assert "".join(lines) == "XX街道" + title


def test_a_title_that_fits_one_line_is_left_whole():
    assert compose.broken_title(compose.TITLE, "基层党建亮点工作及存在问题（一）") == "基层党建亮点工作及存在问题（一）"
