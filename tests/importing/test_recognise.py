"""What the recogniser makes of the ways reports are really typed, and the
guesses it says it made."""

from __future__ import annotations

import pytest

from docgen.cli.commands import main
from docgen.core.findings import said
from docgen.core.model import Month, Origin
from docgen.core.numbering import ARABIC_DATES
from docgen.importing.importer import import_files
from docgen.importing.markers import split_marker
from docgen.importing.paragraphs import Para
from docgen.importing.recognise import recognise
from docgen.inputs.yaml_reader import load_inputs

TITLE = "基层党建亮点工作及存在问题（三）"
ITEM_1 = "1.党员管理有待进一步规范。老党员比较多，党员活动开展较少。"
ITEM_2 = "2.党建氛围有待进一步提升。与先进社区相比，尚有较大提升空间。"
ITEM_3 = "3.非公党建有待进一步强化。对非公企业党建工作抓的不紧。"


def _one(*lines: str):
    recognition = recognise([Para(line, Origin(line=n)) for n, line in enumerate(lines, 1)], Origin())
    assert len(recognition.reports) == 1
    return recognition.reports[0]


def _outline(recognised) -> list[tuple[str, int]]:
    return [(s.heading, len(s.items)) for s in recognised.report.sections]


def test_title_headings_items_and_lead_sentences():
    found = _one(TITLE, "一、亮点工作", ITEM_1, ITEM_2, "二、存在问题", ITEM_3)
    assert found.title == TITLE
    assert _outline(found) == [("亮点工作", 2), ("存在问题", 1)]
    item = found.report.sections[0].items[0]
    assert item.title == "党员管理有待进一步规范。"
    assert item.paragraphs == ["老党员比较多，党员活动开展较少。"]
    assert found.notes == []


@pytest.mark.parametrize(
    "heading",
    ["亮点工作", "特色做法", "特色亮点工作", "亮点特色", "党建工作亮点", "特色工作",
     "存在问题", "存在不足", "党建工作存在问题", "存在问题：", "下一步打算"],
)
@pytest.mark.parametrize("number", ["一、", "一．", ""])
def test_heading_words_with_or_without_their_number(heading, number):
    found = _one(TITLE, f"{number}{heading}", ITEM_1, ITEM_2)
    assert _outline(found) == [(heading.rstrip("："), 2)]  # the heading as typed, its number and colon removed


def test_a_missing_first_heading_is_not_made_up_the_items_stay_as_typed():
    found = _one(TITLE, ITEM_1, ITEM_2, "二、存在问题", ITEM_3)
    assert _outline(found) == [("存在问题", 1)]
    assert found.report.intro == [ITEM_1, ITEM_2]  # numbers and all, printed as written
    assert any("第一个部分标题之前有 2 段带编号的文字" in note and "第 2 行" in note for note in map(said, found.notes))


def test_the_summary_says_a_body_was_kept_as_it_is(tmp_path):
    source = tmp_path / "幸福里社区.txt"
    source.write_text("\n".join(["幸福里社区2019年工作总结", "今年以来，社区工作扎实推进，克服了人手不足的困难。", ITEM_1, "李某某", "2019.1.2"]), encoding="utf-8")
    summary = "\n".join(import_files([source], tmp_path / "in").summary)
    assert "正文：2 段（原文没有部分标题，按原样导入，编号照原文）" in summary and "一、" not in summary


def test_a_body_without_any_heading_is_kept_as_it_is():
    found = _one(TITLE, "今年以来，我社区扎实开展各项工作。", ITEM_1, ITEM_2, ITEM_3)
    assert found.report.sections == [] and found.report.intro == []
    assert found.report.body == ["今年以来，我社区扎实开展各项工作。", ITEM_1, ITEM_2, ITEM_3]


def test_an_item_numbered_like_a_section_among_numbered_items_stays_an_item():
    wrong = "三、非公党建有待进一步强化。对非公企业党建工作抓的不紧。"
    found = _one(TITLE, "一、亮点工作", ITEM_1, ITEM_2, wrong, "二、存在问题", ITEM_1)
    assert _outline(found) == [("亮点工作", 3), ("存在问题", 1)]
    assert found.report.sections[0].numbering == "1."
    assert found.report.sections[0].items[2].title == "非公党建有待进一步强化。"
    assert any("“三、”" in note and "第 3 条" in note for note in map(said, found.notes))


def test_a_short_item_numbered_like_a_section_is_not_taken_for_a_heading():
    # 三、 cannot be the second section's number, so it is the third item.
    found = _one(TITLE, "一、亮点工作", ITEM_1, ITEM_2, "三、党员教育形式单一", "二、存在问题", ITEM_1)
    assert _outline(found) == [("亮点工作", 3), ("存在问题", 1)]


def test_a_section_number_out_of_place_is_renumbered_and_said():
    found = _one(TITLE, "一、亮点工作", ITEM_1, "三、存在问题", ITEM_2)
    assert _outline(found) == [("亮点工作", 1), ("存在问题", 1)]
    assert any("第 2 部分重新编号" in note for note in map(said, found.notes))


@pytest.mark.parametrize(
    "numbers, style",
    [
        (["1.", "2."], "1."), (["1、", "2、"], "1."), (["1．", "2．"], "1."),
        (["（一）", "（二）"], "（一）"), (["(一)", "(二)"], "（一）"),
        (["（1）", "（2）"], "（1）"), (["一是", "二是"], "一是"),
    ],
)
def test_item_numbering_styles_are_recorded_and_removed(numbers, style):
    found = _one(TITLE, "一、亮点工作", f"{numbers[0]}阵地建设提升较大。投入加大。", f"{numbers[1]}示范点成效明显。")
    section = found.report.sections[0]
    assert section.numbering == style
    assert [i.title for i in section.items] == ["阵地建设提升较大。", "示范点成效明显。"]
    assert section.items[0].paragraphs == ["投入加大。"]


def test_a_section_written_as_one_run_of_points_is_kept_run_in():
    run = "一是班子战斗力有待提高。个别成员能力不够。二是作用发挥不明显。缺乏党务知识。三是形式较为单一"
    found = _one(TITLE, "一、存在问题", run)
    section = found.report.sections[0]
    assert section.run_in and section.numbering == "一是"
    assert [(i.title, i.paragraphs) for i in section.items] == [
        ("班子战斗力有待提高。", ["个别成员能力不够。"]),
        ("作用发挥不明显。", ["缺乏党务知识。"]),
        ("形式较为单一", []),
    ]


def test_points_inside_an_item_stay_as_written():
    text = "（一）完善制度问责。一是落实责任。二是以党建促全局。"
    found = _one(TITLE, "一、特色做法", text, "（1）第一个小点。", "（2）第二个小点。")
    section = found.report.sections[0]
    assert len(section.items) == 1 and not section.run_in
    assert section.items[0].paragraphs == ["一是落实责任。二是以党建促全局。", "（1）第一个小点。", "（2）第二个小点。"]


def test_an_ordinal_inside_a_sentence_does_not_split_a_run():
    found = _one(TITLE, "一、存在问题", "一是工作分两步，二是指第二步。三是另一点。")
    # "二是" after a comma is part of the sentence; "三是" after 。 does not follow 一是 directly.
    assert [i.title for i in found.report.sections[0].items] == ["工作分两步，二是指第二步。"]


def test_lead_sentence_ends_at_the_first_full_stop_outside_quotes():
    found = _one(TITLE, "一、亮点工作", "1.开展“我是党员。向我看齐”活动。全年评比两次。")
    item = found.report.sections[0].items[0]
    assert (item.title, item.paragraphs) == ("开展“我是党员。向我看齐”活动。", ["全年评比两次。"])


def test_a_quote_left_open_does_not_swallow_the_item_into_its_title():
    found = _one(TITLE, "一、亮点工作", "1.开展“我是党员活动。全年评比两次。")
    item = found.report.sections[0].items[0]
    assert (item.title, item.paragraphs) == ("开展“我是党员活动。", ["全年评比两次。"])


def test_an_item_without_a_full_stop_is_all_title():
    found = _one(TITLE, "一、存在不足", "一是个别社区党建阵地老旧，硬件设施有待提升")
    assert found.report.sections[0].items[0].title == "个别社区党建阵地老旧，硬件设施有待提升"


def test_paragraphs_before_the_first_item_are_the_section_lead_and_after_it_the_item_text():
    found = _one(TITLE, "一、亮点工作", "今年以来，街道着力抓好以下工作。", ITEM_1, "这一条的第二段。")
    section = found.report.sections[0]
    assert section.lead == ["今年以来，街道着力抓好以下工作。"]
    assert section.items[0].paragraphs == ["老党员比较多，党员活动开展较少。", "这一条的第二段。"]


@pytest.mark.parametrize("first, second", [(TITLE, "XX街道XX社区"), ("XX街道XX社区", TITLE)])
def test_a_unit_line_by_the_title_is_taken_for_the_unit(first, second):
    found = _one(first, second, "一、亮点工作", ITEM_1)
    assert (found.title, found.unit_line) == (TITLE, "XX街道XX社区")
    assert _outline(found) == [("亮点工作", 1)]


def test_points_separated_by_semicolons_are_a_run_too():
    found = _one(TITLE, "一、存在问题", "一是学习不够深入；二是制度落实不到位；三是创新不足。")
    section = found.report.sections[0]
    assert section.run_in
    assert [i.title for i in section.items] == ["学习不够深入；", "制度落实不到位；", "创新不足。"]


def test_a_report_without_a_title_line_says_so():
    found = _one("一、亮点工作", ITEM_1)
    assert found.title is None and _outline(found) == [("亮点工作", 1)]
    assert any("没有找到标题行" in note for note in map(said, found.notes))


@pytest.mark.parametrize("text", ["1.5万份意见已收集。", "2019年共发展党员10人。", "两新组织作用明显。"])
def test_numbers_in_ordinary_sentences_are_not_item_numbers(text):
    assert split_marker(text)[0] is None


def test_a_volume_is_split_at_its_title_lines_after_skipping_its_toc():
    lines = ["目  录", "基层党建亮点工作及存在问题（一）……2", "基层党建亮点工作及存在问题（二）\t3",
             "基层党建亮点工作及存在问题（一）", "一、亮点工作", ITEM_1,
             "基层党建亮点工作及存在问题（二）", "一、特色做法", ITEM_2]
    recognition = recognise([Para(t, Origin()) for t in lines], Origin())
    assert recognition.toc_lines == 3 and recognition.toc_heading == "目  录"
    assert [(r.title, _outline(r)) for r in recognition.reports] == [
        ("基层党建亮点工作及存在问题（一）", [("亮点工作", 1)]),
        ("基层党建亮点工作及存在问题（二）", [("特色做法", 1)]),
    ]
    assert recognition.reports[1].series_title == "基层党建亮点工作及存在问题"


def test_a_volume_of_own_titles_is_split_where_its_toc_says_with_its_cover_and_units():
    """An office's 汇编 whose reports keep their own titles: the 目录 lists each title (and the
    unit under it); each is found again in the body, and that is where each report begins."""
    lines = ["二〇二六年基层党建", "亮点工作及存在问题汇编", "中共××街道工作委员会组织办公室", "2026年12月",
             "目  录", "东湖社区党建工作总结……1", "东湖社区党委……1", "红旗社区二〇二六年工作报告……3", "红旗社区党委……3",
             "东湖社区党建工作总结", "东湖社区党委", "一、亮点工作", ITEM_1, "二、存在问题", ITEM_2,
             "红旗社区二〇二六年工作报告", "红旗社区党委", "一、特色做法", ITEM_3]
    recognition = recognise([Para(t, Origin()) for t in lines], Origin())

    assert [(r.title, r.unit_line, _outline(r)) for r in recognition.reports] == [
        ("东湖社区党建工作总结", "东湖社区党委", [("亮点工作", 1), ("存在问题", 1)]),
        ("红旗社区二〇二六年工作报告", "红旗社区党委", [("特色做法", 1)]),
    ]
    assert recognition.is_volume and not recognition.titled_by_series
    cover = recognition.cover
    assert (cover.title, cover.unit, cover.date, cover.date_style) == ("二〇二六年基层党建亮点工作及存在问题汇编", "中共××街道工作委员会组织办公室", Month(2026, 12), ARABIC_DATES)


@pytest.mark.parametrize("issuer_line, issuer", [("中共××街道党工委组织部编印", "中共××街道党工委组织部"), ("××街道党工委 编", "××街道党工委")])
def test_a_volume_cover_signed_by_its_issuer_gives_the_issuer_not_a_longer_title(issuer_line, issuer):
    lines = ["二〇二六年基层党建亮点工作汇编", issuer_line, "目  录", "东湖社区党建工作总结……1", "红旗社区党建工作总结……3",
             "东湖社区党建工作总结", "一、亮点工作", ITEM_1, "红旗社区党建工作总结", "一、特色做法", ITEM_2]
    recognition = recognise([Para(t, Origin()) for t in lines], Origin())
    assert len(recognition.reports) == 2
    assert (recognition.cover.title, recognition.cover.unit) == ("二〇二六年基层党建亮点工作汇编", issuer)


def test_a_reports_own_toc_of_its_headings_does_not_split_it():
    """A single report whose 目录 lists its themed headings: they are found in its body too,
    but they open no report (no 亮点 or 问题 part of their own, a part heading before them)."""
    found = _one("目录", "党建引领聚合力……1", "服务群众暖民心……2", TITLE, "一、亮点工作",
                 "党建引领聚合力", ITEM_1, "服务群众暖民心", ITEM_2, "二、存在问题", ITEM_3)
    assert found.title == TITLE and [h for h, _ in _outline(found)] == ["亮点工作", "存在问题"]


def test_a_report_with_its_title_and_unit_before_a_toc_of_its_themes_stays_one_report():
    """Title and unit, a 目录 of the report's themes, each theme with its 做法 and 问题: the
    themes are found in the body, each with parts, but open no report (no unit of their own)."""
    found = _one("东湖社区2024年度基层党建工作总结", "东湖社区党委", "目录", "党建引领聚合力……1", "服务群众暖民心……2",
                 "党建引领聚合力", "（一）主要做法", ITEM_1, "（二）存在问题", ITEM_2,
                 "服务群众暖民心", "（一）主要做法", ITEM_3, "（二）存在问题", ITEM_1)
    assert (found.title, found.unit_line) == ("东湖社区2024年度基层党建工作总结", "东湖社区党委")


def test_a_toc_whose_titles_are_not_all_in_the_body_splits_nothing():
    lines = ["目  录", "东湖社区党建工作总结……1", "南山社区党建工作总结……3",
             "东湖社区党建工作总结", "一、亮点工作", ITEM_1, "二、存在问题", ITEM_2]
    recognition = recognise([Para(t, Origin()) for t in lines], Origin())
    assert len(recognition.reports) == 1 and recognition.cover is None


def test_a_short_numbered_line_of_another_series_does_not_start_a_report():
    found = _one(TITLE, "一、亮点工作", ITEM_1, "活动剪影（二）", ITEM_2)
    assert _outline(found) == [("亮点工作", 2)]


def test_a_toc_without_its_heading_is_skipped_too():
    lines = ["基层党建亮点工作及存在问题（一）\t2", "基层党建亮点工作及存在问题（二）\t3",
             "基层党建亮点工作及存在问题（一）", "一、亮点工作", ITEM_1,
             "基层党建亮点工作及存在问题（二）", "一、特色做法", ITEM_2]
    recognition = recognise([Para(t, Origin()) for t in lines], Origin())
    assert recognition.toc_lines == 2 and recognition.toc_heading is None
    assert [_outline(r) for r in recognition.reports] == [[("亮点工作", 1)], [("特色做法", 1)]]


def test_a_toc_without_page_numbers_is_skipped_too():
    lines = ["目录", "基层党建亮点工作及存在问题（一）", "基层党建亮点工作及存在问题（二）",
             "基层党建亮点工作及存在问题（一）", "一、亮点工作", ITEM_1,
             "基层党建亮点工作及存在问题（二）", "一、特色做法", ITEM_2]
    recognition = recognise([Para(t, Origin()) for t in lines], Origin())
    assert [r.title for r in recognition.reports] == [lines[1], lines[2]]
    assert all(r.report.sections for r in recognition.reports)


def test_the_import_command_prints_sections_items_and_guesses(tmp_path, capsys):
    source = tmp_path / "XX社区.txt"
    source.write_text("\n".join([TITLE, ITEM_1, ITEM_2, "二、存在问题", ITEM_3]), encoding="utf-8")
    assert main(["import", str(source), "--out", str(tmp_path / "in")]) == 0
    printed = capsys.readouterr().out
    assert "XX社区.yaml" in printed and "单位：XX社区" in printed
    assert "导语：2 段" in printed and "一、存在问题（1 条，编号“1.”）" in printed
    assert "猜测" in printed and "“亮点工作”" not in printed
    written = (tmp_path / "in" / "XX社区.yaml").read_text(encoding="utf-8")
    assert "请核对" in written  # the guesses stay in the file, as comments


def test_reports_of_one_unit_get_names_no_other_report_has(tmp_path):
    folder = tmp_path / "sent"
    folder.mkdir()
    twice = "\n".join([TITLE, "甲社区", "一、亮点工作", ITEM_1])
    (folder / "a.txt").write_text(twice, encoding="utf-8")
    (folder / "b.txt").write_text(twice, encoding="utf-8")
    (folder / "甲社区-2.txt").write_text("\n".join([TITLE, "一、亮点工作", ITEM_2]), encoding="utf-8")
    assert main(["import", str(folder), "--out", str(tmp_path / "in")]) == 0
    units = [report.unit for report in load_inputs(tmp_path / "in").volume.reports]
    assert sorted(units) == ["甲社区", "甲社区-2", "甲社区-3"]


def test_a_report_of_a_volume_with_nothing_under_its_title_is_said_to_be_left_out(tmp_path, capsys):
    second = "基层党建亮点工作及存在问题（二）"
    source = tmp_path / "汇编.txt"
    source.write_text("\n".join(["目录", f"{TITLE}……2", f"{second}……3", TITLE, "一、亮点工作", ITEM_1, second]), encoding="utf-8")
    assert main(["import", str(source), "--out", str(tmp_path / "in")]) == 0
    assert f"“{second}”下面没有部分标题和条目，没有导入" in capsys.readouterr().out
    from docgen.core.findings import EMPTY_REPORT
    from docgen.importing.importer import import_files

    warnings = import_files([source], tmp_path / "again").warnings
    assert [(w.kind, w.origin.path) for w in warnings if w.kind == EMPTY_REPORT] == [(EMPTY_REPORT, source)]


@pytest.mark.parametrize(
    "typed, heading",
    [
        ("一、主要做法。", "主要做法"),
        ("【存在问题】", "存在问题"),
        ("一、坚持党建引领，全面加强社区党组织建设，筑牢基层战斗堡垒", "坚持党建引领，全面加强社区党组织建设，筑牢基层战斗堡垒"),
    ],
)
def test_headings_as_they_are_typed_too(typed, heading):
    found = _one(TITLE, typed, ITEM_1, ITEM_2)
    assert _outline(found) == [(heading, 2)]
