"""What comes before (and around) a report's text: a cover page, an outline before the
title, a web page's information lines, hard-wrapped lines, text boxes, Word's bare numbers."""

from __future__ import annotations

import datetime

import docx
from docx.oxml import parse_xml

from docgen.core.findings import said
from docgen.core.model import Origin
from docgen.importing.front import drop_web_page_lines, join_wrapped_lines
from docgen.importing.importer import import_files, read_source
from docgen.importing.paragraphs import Para
from docgen.importing.recognise import recognise
from support.import_forms import W_NS

BODY = ["一、主要做法", "1.抓班子带队伍。全年召开会议12次。", "二、存在问题", "1.党员老龄化。60岁以上党员占六成。"]


def _recognised(*lines: str):
    recognition = recognise([Para(line, Origin(line=n)) for n, line in enumerate(lines, 1)], Origin())
    [report] = recognition.reports
    return recognition, report


def test_a_cover_page_gives_title_unit_and_signature():
    cover = ["述", "职", "报", "告", "申请人：张某", "单位：中共光明社区委员会", "日期：二〇二三年十二月二十日"]
    _, found = _recognised(*cover, "述职报告", "2023年，我认真履行职责。", *BODY)
    assert (found.title, found.unit_line) == ("述职报告", "中共光明社区委员会")
    assert found.report.intro == ["2023年，我认真履行职责。"]  # the title on the next page is not read twice
    assert (found.report.signature.unit, found.report.signature.date) == ("张某", datetime.date(2023, 12, 20))
    assert any("取自封面" in note for note in map(said, found.notes))


def test_a_signed_end_is_kept_over_the_cover():
    _, found = _recognised("工", "作", "总", "结", "日期：2023年12月1日", *BODY, "光明社区党委", "2023年12月20日")
    assert found.title == "工作总结"
    assert (found.report.signature.unit, found.report.signature.date) == ("光明社区党委", datetime.date(2023, 12, 20))


def test_an_outline_before_the_title_is_skipped_and_said():
    outline = ["一、主要做法", "二、存在问题"]
    recognition, found = _recognised(*outline, "长青社区2022年工作总结", *BODY)
    assert found.title == "长青社区2022年工作总结"
    assert [s.heading for s in found.report.sections] == ["主要做法", "存在问题"]
    assert any("提纲" in note.message for note in recognition.notes)


def test_numbered_lines_at_the_start_that_are_not_found_again_are_no_outline():
    recognition, found = _recognised("一、主要做法", "1.抓班子带队伍。全年召开会议12次。", "二、存在问题", "1.党员老龄化。")
    assert [s.heading for s in found.report.sections] == ["主要做法", "存在问题"] and not recognition.notes


def test_a_web_pages_lines_are_dropped_but_a_signatures_date_line_is_not():
    lines = ["索引号：1151/2021-00123", "发布机构：XX街道", "发文日期：2021-01-15", "XX街道工作总结", "正文。", "时间：2021年1月10日"]
    kept, dropped = drop_web_page_lines([Para(t, Origin()) for t in lines])
    assert [p.text for p in kept] == ["XX街道工作总结", "正文。", "时间：2021年1月10日"]
    assert len(dropped) == 3


def test_one_labelled_line_is_no_web_page():
    lines = [Para(t, Origin()) for t in ["XX街道工作总结", "来源：街道办", "正文。"]]
    assert drop_web_page_lines(lines)[0] == lines


def test_hard_wrapped_lines_are_joined_into_their_paragraphs():
    paragraphs = [
        "2021年，西湖社区党委以庆祝建党100周年为契机，深入开展党史学习教育，推动党建工作与社区治理深度融合，"
        "各项工作取得明显成效，居民群众的获得感明显增强，党员干部的理想信念进一步坚定。",
        "围绕“我为群众办实事”实践活动，社区党委梳理民生实事清单20项，完成加装电梯4部、修缮道路1200平方米、"
        "增设停车位80个，居民群众普遍满意，社区治理水平和服务能力都有新的提升和发展。",
        "社区党员年龄结构偏大，在职党员参与社区活动的时间有限，党员作用发挥不够均衡；社区党建资源整合力度不够，"
        "与驻区单位的共建项目数量少、质量不高，需要在今后的工作中认真加以解决。",
    ]
    lines = ["西湖社区2021年党建工作总结"] + [p[i:i + 30] for p in paragraphs for i in range(0, len(p), 30)] + ["一、主要做法"]
    joined, joins = join_wrapped_lines([Para(t, Origin()) for t in lines])
    assert [p.text for p in joined] == ["西湖社区2021年党建工作总结", *paragraphs, "一、主要做法"]
    assert joins == len(lines) - 5


def test_paragraphs_typed_whole_are_never_joined():
    lines = [f"第{n}段正文，社区党委坚持以党建引领基层治理，聚焦居民急难愁盼，各项工作取得新进展，居民满意度不断提升。" for n in range(10)]
    assert join_wrapped_lines([Para(t, Origin()) for t in lines])[1] == 0


def test_text_boxes_and_drawing_labels_are_not_body_text(tmp_path):
    document = docx.Document()
    document.add_paragraph("北湖社区2022年党建工作总结")
    anchor = document.add_paragraph("今年以来，社区党委探索四级组织架构。")
    for label in ("社区党委", "网格党支部"):
        anchor._p.append(parse_xml(
            f'<w:r xmlns:w="{W_NS}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict><v:shape><v:textbox>'
            f"<w:txbxContent><w:p><w:r><w:t>{label}</w:t></w:r></w:p></w:txbxContent></v:textbox></v:shape></w:pict></w:r>"
        ))
    for line in BODY:
        document.add_paragraph(line)
    path = tmp_path / "北湖社区.docx"
    document.save(str(path))
    source = read_source(path)
    [found] = source.recognition.reports
    assert found.report.intro == ["今年以来，社区党委探索四级组织架构。"]
    assert any("文本框" in note.message and "2 段" in note.message for note in source.notes)


def test_a_heading_set_apart_in_words_style_or_bold_is_a_heading(tmp_path):
    document = docx.Document()
    document.add_paragraph("和平社区2022年党建工作总结")
    document.add_paragraph("加强班子建设", style="Heading 2")
    document.add_paragraph("社区党委坚持每月召开党委会。")
    document.add_paragraph().add_run("深化为民服务").bold = True
    document.add_paragraph("帮助居民解决实际困难45件。")
    path = tmp_path / "和平社区.docx"
    document.save(str(path))
    [found] = read_source(path).recognition.reports
    assert [(s.heading, s.lead) for s in found.report.sections] == [
        ("加强班子建设", ["社区党委坚持每月召开党委会。"]),
        ("深化为民服务", ["帮助居民解决实际困难45件。"]),
    ]


def test_the_import_tells_what_it_left_out_in_the_summary_and_the_file(tmp_path):
    source = tmp_path / "网页.txt"
    source.write_text("\n".join(["索引号：1151/2021-00123", "发布机构：XX街道", "东湖社区2021年工作总结", *BODY]), encoding="utf-8")
    result = import_files([source], tmp_path / "inputs")
    assert any("已去掉网页上的 2 行信息（索引号、发布机构）" in line for line in result.summary)
    written = (tmp_path / "inputs" / "东湖社区.yaml").read_text(encoding="utf-8")
    assert "# " in written and "已去掉网页上的 2 行信息" in written and "索引号：" not in written
