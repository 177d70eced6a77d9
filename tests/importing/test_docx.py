"""Reading Word files as offices really type them: list numbering, manual line
breaks, empty paragraphs, tables, tracked deletions."""

from __future__ import annotations

import docx
import pytest
from docx.oxml import parse_xml

from docgen.importing.docx_reader import read_docx_paragraphs
from docgen.importing.importer import read_source
from docgen.importing.word_numbering import Instance, Level, ListNumbers, format_number
from support.import_forms import W_NS, write_list_numbered_docx

TITLE = "基层党建亮点工作及存在问题（一）"


def _texts(path) -> list[str]:
    return [p.text for p in read_docx_paragraphs(path)[0]]


def _outline(path) -> list[tuple[str, list[str]]]:
    report = read_source(path).recognition.reports[0].report
    return [(s.heading, [i.title for i in s.items]) for s in report.sections]


def test_list_numbers_are_read_as_word_displays_them(tmp_path):
    lines = [TITLE, "一、亮点工作", "1.甲项工作。正文。", "2.乙项工作。", "二、存在问题", "1.丙问题。", "2.丁问题。"]
    path = write_list_numbered_docx(lines, tmp_path / "list.docx")
    plain = docx.Document(str(path))
    assert [p.text for p in plain.paragraphs][1] == "亮点工作"  # the number is not in the text
    assert _texts(path) == lines  # each list restarts at 1 in its section, as Word shows it


def test_a_list_number_style_numbers_its_paragraphs(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("存在问题")
    document.add_paragraph("党员管理有待规范。老党员多。", style="List Number")
    document.add_paragraph("党建氛围有待提升。", style="List Number")
    document.save(str(tmp_path / "style.docx"))
    assert _texts(tmp_path / "style.docx")[2:] == ["1.党员管理有待规范。老党员多。", "2.党建氛围有待提升。"]
    assert _outline(tmp_path / "style.docx") == [("存在问题", ["党员管理有待规范。", "党建氛围有待提升。"])]


def test_manual_line_breaks_split_paragraphs_and_empty_paragraphs_are_ignored(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("")
    heading = document.add_paragraph("一、亮点工作")
    heading.add_run().add_break()  # Shift+Enter, then the first item on the next line
    heading.add_run("1.甲项工作。正文。")
    document.add_paragraph("   ")
    item = document.add_paragraph("2.乙项工作。")
    item.add_run().add_break()
    item.add_run("3.丙项工作。")
    document.save(str(tmp_path / "breaks.docx"))
    assert _outline(tmp_path / "breaks.docx") == [("亮点工作", ["甲项工作。", "乙项工作。", "丙项工作。"])]


def test_text_in_tables_is_read_in_body_order(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("一、亮点工作")
    table = document.add_table(rows=2, cols=1)
    table.cell(0, 0).text = "1.甲项工作。正文。"
    table.cell(1, 0).text = "2.乙项工作。"
    document.add_paragraph("二、存在问题")
    document.add_paragraph("1.丙问题。")
    document.save(str(tmp_path / "table.docx"))
    assert _outline(tmp_path / "table.docx") == [
        ("亮点工作", ["甲项工作。", "乙项工作。"]),
        ("存在问题", ["丙问题。"]),
    ]


def test_a_table_of_items_with_its_numbers_in_a_column_of_their_own(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("一、亮点工作")
    table = document.add_table(rows=2, cols=2)
    for row, (number, text) in enumerate([("1", "甲项工作。正文。"), ("2", "乙项工作。")]):
        table.cell(row, 0).text = number
        table.cell(row, 1).text = text
    document.save(str(tmp_path / "numbered-table.docx"))
    assert _outline(tmp_path / "numbered-table.docx") == [("亮点工作", ["甲项工作。", "乙项工作。"])]


def test_a_number_in_a_table_cell_after_the_first_stays_text(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("一、亮点工作")
    document.add_paragraph("1.甲项工作。")
    table = document.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "党员人数"
    table.cell(0, 1).text = "35"
    document.save(str(tmp_path / "data-table.docx"))
    assert _texts(tmp_path / "data-table.docx")[-2:] == ["党员人数", "35"]


def test_a_line_feed_inside_word_text_splits_it_into_lines(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("一、亮点工作")
    item = document.add_paragraph("1.甲项工作。")
    item._p.append(parse_xml(f'<w:r xmlns:w="{W_NS}"><w:t xml:space="preserve">正文\n第二行。</w:t></w:r>'))
    document.save(str(tmp_path / "line-feed.docx"))
    assert _texts(tmp_path / "line-feed.docx")[2:] == ["1.甲项工作。正文", "第二行。"]


def test_a_list_level_that_is_not_a_number_counts_as_the_first(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph("存在问题")
    for text in ("党员管理有待规范。", "党建氛围有待提升。"):
        paragraph = document.add_paragraph(text, style="List Number")
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="x"/></w:numPr>')
        )
    document.save(str(tmp_path / "bad-level.docx"))
    assert _texts(tmp_path / "bad-level.docx")[2:] == ["1.党员管理有待规范。", "2.党建氛围有待提升。"]


def test_text_deleted_under_change_tracking_is_not_read(tmp_path):
    document = docx.Document()
    document.add_paragraph(TITLE)
    paragraph = document.add_paragraph("一、亮点工作")
    paragraph._p.append(parse_xml(
        f'<w:del xmlns:w="{W_NS}" w:id="1" w:author="a" w:date="2020-01-01T00:00:00Z">'
        f"<w:r><w:delText>已删除的文字</w:delText></w:r></w:del>"
    ))
    document.add_paragraph("1.甲项工作。")
    document.save(str(tmp_path / "tracked.docx"))
    assert "已删除的文字" not in "".join(_texts(tmp_path / "tracked.docx"))


@pytest.mark.parametrize(
    "value, number_format, expected",
    [
        (3, "decimal", "3"), (12, "chineseCounting", "十二"), (21, "chineseCountingThousand", "二十一"),
        (2, "ideographTraditional", "乙"), (3, "chineseLegalSimplified", "叁"), (4, "decimalEnclosedCircle", "④"),
        (5, "decimalFullWidth", "５"), (2, "upperLetter", "B"), (4, "lowerRoman", "iv"), (1, "bullet", None),
    ],
)
def test_word_number_formats(value, number_format, expected):
    assert format_number(value, number_format) == expected


def test_list_levels_nest_and_restart_like_word():
    levels = {
        0: Level("chineseCounting", "%1、", 1),
        1: Level("chineseCounting", "（%2）", 1),
        2: Level("decimal", "%2.%3", 1, legal=True),  # isLgl: the （一） level shows as 1
    }
    numbers = ListNumbers({"a": levels}, {"7": Instance("a"), "8": Instance("a", start_overrides={1: 5})})
    labels = [numbers.label("7", level) for level in (0, 1, 1, 0, 1, 2, 2)]
    assert labels == ["一、", "（一）", "（二）", "二、", "（一）", "1.1", "1.2"]
    assert numbers.label("8", 1) == "（五）"  # another instance of the list, restarted at 5
    assert numbers.label("7", 1) == "（六）"  # instances of one list share its counters
    assert numbers.label("0", 0) is None  # numId 0 switches numbering off
