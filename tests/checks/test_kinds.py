"""``docgen check``: each kind of finding, with the line it names, through the command line."""

from __future__ import annotations

import pytest

from docgen.checks.structure import MAX_ITEM_TITLE_CHARS
from docgen.cli.commands import main
from support.check_run import listed_findings, one_report_folder, run_check

CLEAN = """\
unit: 清洁社区
sections:
  - heading: 亮点工作
    numbering: 1.
    items:
      - title: 第一条标题。
        text: |
          上午9:00—11:00开放，组建3-7人的队伍，收集1.5万份意见。
          第二段，写得完整。
      - title: 第二条标题。
        text: |
          开展“服务明星”评选与“‘超时工作’”活动（每月一次），见《社区报》【专栏】。
"""


def _findings_with_paragraph(tmp_path, capsys, paragraph: str) -> list[tuple[int, str, str]]:
    """The findings in CLEAN with its second paragraph (line 9) replaced by ``paragraph``."""
    folder = one_report_folder(tmp_path, CLEAN.replace("第二段，写得完整。", paragraph))
    return listed_findings(run_check(capsys, folder)[1])


def test_clean_report_has_no_findings_and_strict_passes(tmp_path, capsys):
    folder = one_report_folder(tmp_path, CLEAN)
    code, out, _ = run_check(capsys, folder, "--strict")
    assert code == 0
    assert "没有发现问题" in out


def test_strict_exits_1_when_anything_is_found(tmp_path, capsys):
    folder = one_report_folder(tmp_path, CLEAN.replace("第二段", "XX社区第二段"))
    assert run_check(capsys, folder)[0] == 0
    code, out, _ = run_check(capsys, folder, "--strict")
    assert code == 1
    assert listed_findings(out) == [(9, "占位符", "正文中有未填写的占位符 “XX”")]


@pytest.mark.parametrize(
    "written, shown",
    [
        ("XX社区", "“XX”"),
        ("20XX年", "“XX”"),
        ("××街道", "“××”"),
        ("投入X万元", "“X万元”"),
        ("接待X余人次", "“X余人”"),
        ("第X次", "“X次”"),
        ("由某某负责", "“某某”"),
        ("成效……", "“……”"),
    ],
)
def test_placeholders_are_named(tmp_path, capsys, written, shown):
    folder = one_report_folder(tmp_path, CLEAN.replace("第二段，写得完整。", f"第二段，{written}。"))
    code, out, _ = run_check(capsys, folder)
    assert code == 0
    assert listed_findings(out) == [(9, "占位符", f"正文中有未填写的占位符 {shown}")]
    assert written in out  # the offending text is shown


@pytest.mark.parametrize("written", ["“3+X”服务网络", "XXL号", "Xbox", "X光检查", "1+X证书"])
def test_x_in_real_text_is_not_a_placeholder(tmp_path, capsys, written):
    assert _findings_with_paragraph(tmp_path, capsys, f"第二段，{written}。") == []


@pytest.mark.parametrize(
    "written, marks",
    [
        ("协商社区事务,活动形式单一,覆盖面不全。", "“,”×2"),
        ("具体如下:一是学习。", "“:”"),
        ("分三步(一是学习)进行。", "“(”、“)”"),
        ("真的吗?是的!", "“?”、“!”"),
        ("写得完整.", "“.”"),
        ("QQ群;微信群。", "“;”"),
        ('他说"好"。', "“\"”×2"),
    ],
)
def test_half_width_punctuation_in_chinese_text(tmp_path, capsys, written, marks):
    expected = f"正文的中文里用了半角标点 {marks}，应改用全角（，；：（）？！“”。）"
    assert _findings_with_paragraph(tmp_path, capsys, written) == [(9, "半角标点", expected)]


@pytest.mark.parametrize("written", ["时间9:00到11:30。", "比例1:1。", "网址http://a.b/c。", "共1,000人。", "版本v1.2;v1.3。"])
def test_half_width_punctuation_in_latin_or_numbers_is_fine(tmp_path, capsys, written):
    assert _findings_with_paragraph(tmp_path, capsys, written) == []


@pytest.mark.parametrize(
    "written, message",
    [
        ("打造“十五分钟服务圈。", "前引号“没有与它配对的后引号”"),
        ("打造十五分钟”服务圈。", "后引号”前面没有与它配对的前引号“"),
        ("开展（每月一次活动。", "左括号（没有与它配对的右括号）"),
        ("刊登于《XX日报。", "书名号《没有与它配对的书名号》"),
        ("开展“服务（明星”评选）。", "左括号（还没有配上右括号），就出现了后引号”"),
    ],
)
def test_unpaired_quotes_and_brackets(tmp_path, capsys, written, message):
    found = [f for f in _findings_with_paragraph(tmp_path, capsys, written) if f[1] == "引号括号不成对"]
    assert found == [(9, "引号括号不成对", f"正文中{message}")]


def test_repeated_paragraph_within_one_report_names_both_lines(tmp_path, capsys):
    passage = "社区党委将辖区的党员按照四个网格进行划分，以困难家庭为圆心建立帮扶档案。"
    text = CLEAN + f"      - title: 第三条标题。\n        text: |\n          {passage}\n"
    text = text.replace("第二段，写得完整。", passage)
    code, out, _ = run_check(capsys, one_report_folder(tmp_path, text))
    assert listed_findings(out) == [(15, "重复内容", "此处正文与 " + str(tmp_path / "in" / "社区.yaml") + " 第 9 行 的正文完全相同")]


def test_repeated_sentence_across_reports_after_normalising(tmp_path, capsys):
    sentence = "社区同共建单位大多采取开例会的办法协商社区事务，活动形式较为单一。"
    first = CLEAN.replace("第二段，写得完整。", "前文不同。" + sentence)
    second = CLEAN.replace("清洁社区", "另一社区").replace(
        "第二段，写得完整。", "另起一句。" + sentence.replace("，", ", ")
    )
    folder = one_report_folder(tmp_path, first, "a.yaml")
    (folder / "b.yaml").write_text(second, encoding="utf-8")
    found = [f for f in listed_findings(run_check(capsys, folder)[1]) if f[:2] == (9, "重复内容")]  # CLEAN repeats too
    assert found == [(9, "重复内容", f"此处正文有 1 句与 {folder / 'a.yaml'} 第 9 行 的正文相同或几乎相同")]


def test_short_common_sentences_are_not_repeats(tmp_path, capsys):
    first = CLEAN.replace("第二段，写得完整。", "取得良好效果。")
    second = CLEAN.replace("清洁社区", "另一社区").replace("第二段，写得完整。", "取得良好效果。")
    folder = one_report_folder(tmp_path, first, "a.yaml")
    (folder / "b.yaml").write_text(second, encoding="utf-8")
    found = [f for f in listed_findings(run_check(capsys, folder)[1]) if f[1] == "重复内容"]
    # the two files share CLEAN's long sentences, but not the short one
    assert all("第 9 行" not in message for line, _, message in found if line == 9)


def test_item_without_text_among_items_with_text(tmp_path, capsys):
    text = CLEAN + "      - title: 第三条只有标题。\n"
    assert listed_findings(run_check(capsys, one_report_folder(tmp_path, text))[1]) == [
        (13, "空内容", "这一条只有标题，没有正文（“亮点工作”的其他条目都有正文）")
    ]


def test_items_all_without_text_are_fine(tmp_path, capsys):
    text = CLEAN + "  - heading: 存在问题\n    items:\n      - title: 问题一。\n      - title: 问题二。\n"
    assert listed_findings(run_check(capsys, one_report_folder(tmp_path, text))[1]) == []


def test_starter_text_left_unchanged_is_found(tmp_path, capsys):
    folder = tmp_path / "in"
    assert main(["new", "新社区", "--inputs", str(folder)]) == 0
    found = listed_findings(run_check(capsys, folder)[1])
    assert {kind for _, kind, _ in found} == {"空内容", "占位符"}
    assert sum(kind == "空内容" for _, kind, _ in found) >= 4


def test_over_long_title(tmp_path, capsys):
    at_limit = "甲" * (MAX_ITEM_TITLE_CHARS - 1) + "。"
    too_long = "乙" * MAX_ITEM_TITLE_CHARS + "。"
    text = CLEAN.replace("第一条标题。", at_limit).replace("第二条标题。", too_long)
    assert listed_findings(run_check(capsys, one_report_folder(tmp_path, text))[1]) == [
        (10, "标题过长", f"条目标题有 {MAX_ITEM_TITLE_CHARS + 1} 字，超过 {MAX_ITEM_TITLE_CHARS} 字：标题应是一句话，其余内容请移到正文（text）")
    ]


def test_line_numbers_of_later_paragraphs_and_lead(tmp_path, capsys):
    text = CLEAN.replace(
        "    numbering: 1.\n",
        "    numbering: 1.\n    lead: |\n      导语第一段。\n\n      导语第二段有XX。\n",
    )
    assert listed_findings(run_check(capsys, one_report_folder(tmp_path, text))[1]) == [(8, "占位符", "导语中有未填写的占位符 “XX”")]


def test_unreadable_input_is_an_error_not_a_listing(tmp_path, capsys):
    folder = one_report_folder(tmp_path, CLEAN.replace("    items:", "    itmes:"))
    code, out, err = run_check(capsys, folder)
    assert code == 1
    assert "社区.yaml 第 5 行" in err and "itmes" in err


def test_build_prints_a_one_line_summary(tmp_path, capsys):
    folder = one_report_folder(tmp_path, CLEAN.replace("第二段，写得完整。", "XX社区事务,活动。"))
    code = main(["build", "--inputs", str(folder), "--out", str(tmp_path / "out")])
    out = capsys.readouterr().out
    assert code == 0
    assert f"检查发现 2 处问题（占位符 1 处，半角标点 1 处），运行 docgen check --inputs {folder} 查看详情。" in out.splitlines()


def test_build_of_clean_inputs_says_so(tmp_path, capsys):
    code = main(["build", "--inputs", str(one_report_folder(tmp_path, CLEAN)), "--out", str(tmp_path / "out")])
    assert code == 0
    assert "检查未发现问题" in capsys.readouterr().out
