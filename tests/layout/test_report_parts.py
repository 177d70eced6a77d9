"""Issue 9: a report's own title, unit line, 导语, closing and 落款; the volume's
title mode and cover — read, composed, measured and written."""

from __future__ import annotations

import datetime
import itertools
import re
import shutil

import docx
import pytest
from docx.oxml.ns import qn

from docgen.core.model import Signature
from docgen.errors import InputError
from docgen.inputs.yaml_reader import read_report, read_settings
from docgen.layout import compose, spec
from docgen.layout.linebreak import text_width
from docgen.layout.paginate import start_pages
from docgen.office.pdftext import read_pages
from docgen.office.verify import rendered_start_pages
from docgen.pipeline.build import build
from support.docx_text import body_paragraphs
from support.paths import SAMPLE_INPUTS
from support.renderer import convert_named, require_renderer
from tools.compare_layout import compare, model_paragraphs, rendered_lines

REPORT = """\
title: 东湖社区2026年基层党建亮点工作及存在问题
unit: 东湖社区
intro: |
  今年以来，东湖社区党委坚持党建引领。
  现将有关情况汇报如下：
sections:
  - heading: 亮点工作
    items:
      - title: 阵地建设成效明显。
closing: |
  特此报告。
signature:
  unit: 东湖社区党委
  date: {date}
"""


def _write(folder, name, text):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize("written", ["2026-11-20", "2026年11月20日", "'2026-11-20'", "2026 年 11 月 20 日"])
def test_each_report_key_is_read_and_a_date_in_either_form(tmp_path, written):
    report, _ = read_report(_write(tmp_path, "东湖社区.yaml", REPORT.format(date=written)))
    assert report.title == "东湖社区2026年基层党建亮点工作及存在问题"
    assert report.intro == ["今年以来，东湖社区党委坚持党建引领。", "现将有关情况汇报如下："]
    assert report.closing == ["特此报告。"]
    assert report.signature.unit == "东湖社区党委"
    assert report.signature.date == datetime.date(2026, 11, 20)


@pytest.mark.parametrize("written", ["2026年13月1日", "下周一", "2026-02-30", "2026.11.20.5", "20261120"])
def test_a_date_that_is_no_date_is_an_error_naming_file_and_line(tmp_path, written):
    path = _write(tmp_path, "东湖社区.yaml", REPORT.format(date=written))
    with pytest.raises(InputError) as caught:
        read_report(path)
    assert str(caught.value).startswith(f"{path} 第 14 行")
    assert "不是日期" in str(caught.value)


@pytest.fixture
def in_2026(monkeypatch):
    from docgen.inputs import dates

    monkeypatch.setattr(dates, "_today", lambda: datetime.date(2026, 11, 28))


@pytest.mark.parametrize(
    "written, said",
    [
        ("0001-01-01", "成文日期（date）“0001-01-01”的年份不可能是成文的年份（应在 1949—2100 年之间）：请写实际的成文日期，如 2026年11月20日"),
        ("1926年11月20日", "“1926年11月20日”的年份不可能是成文的年份（应在 1949—2100 年之间）"),
        ("2620-11-20", "“2620-11-20”的年份不可能是成文的年份（应在 1949—2100 年之间），是不是 2026 年"),
    ],
)
def test_a_date_in_a_year_no_report_can_have_is_an_error_naming_file_and_line(tmp_path, capsys, in_2026, written, said):
    from docgen.cli.commands import main

    path = _write(tmp_path / "in", "东湖社区.yaml", REPORT.format(date=written))
    with pytest.raises(InputError) as caught:
        read_report(path)
    assert str(caught.value).startswith(f"{path} 第 14 行") and said in str(caught.value)
    assert main(["check", "--inputs", str(tmp_path / "in")]) == 1
    err = capsys.readouterr().err
    assert f"{path} 第 14 行" in err and said in err and "Traceback" not in err


def test_a_cover_date_in_an_impossible_year_is_an_error_naming_volume_yaml(tmp_path, in_2026):
    path = _write(tmp_path, "volume.yaml", "cover:\n  title: 汇编\n  date: 2206年1月5日\n")
    with pytest.raises(InputError) as caught:
        read_settings(path)
    assert str(caught.value).startswith(f"{path} 第 3 行") and "“2206年1月5日”的年份不可能是成文的年份" in str(caught.value)


@pytest.mark.parametrize(
    "written, said",
    [
        ("2062-11-20", "成文日期（date）“2062-11-20”是 2062 年，比今年（2026 年）晚了 36 年，是不是 2026 年：请核对年份"),
        ("2030年1月1日", "成文日期（date）“2030年1月1日”是 2030 年，比今年（2026 年）晚了 4 年：请核对年份"),
    ],
)
def test_a_date_years_ahead_is_read_with_a_warning_naming_file_and_line(tmp_path, capsys, in_2026, written, said):
    from docgen.cli.commands import main

    path = _write(tmp_path / "in", "东湖社区.yaml", REPORT.format(date=written))
    report, warnings = read_report(path)
    assert report.signature.date.year == int(written[:4])
    assert [(w.origin.line, w.message) for w in warnings] == [(14, said)]
    assert main(["check", "--inputs", str(tmp_path / "in")]) == 0
    assert f"提醒：{path} 第 14 行：{said}" in capsys.readouterr().err


@pytest.mark.parametrize("written", ["1949-10-01", "2019-11-20", "2026-11-20", "2027-01-05"])
def test_a_date_of_a_past_year_this_year_or_next_is_read_without_a_word(tmp_path, in_2026, written):
    report, warnings = read_report(_write(tmp_path, "东湖社区.yaml", REPORT.format(date=written)))
    assert report.signature.date.isoformat() == written and warnings == []


def test_an_empty_title_is_an_error_naming_file_and_line(tmp_path):
    path = _write(tmp_path, "东湖社区.yaml", REPORT.format(date="2026-11-20").replace("title: 东湖社区2026年基层党建亮点工作及存在问题", 'title: ""'))
    with pytest.raises(InputError, match="第 1 行.*报告标题（title）是空的"):
        read_report(path)


@pytest.mark.parametrize(
    "signature, line, message",
    [
        ("signature:\n  date: 2026-11-20\n", 12, "落款（signature）没有署名：请在 signature 下写上 unit（署名），如“unit: 东湖社区党委”；不要落款就删掉整个 signature"),
        ("signature: {}\n", 12, "落款（signature）没有署名"),
        ("signature:\n  unit: ''\n  date: 2026-11-20\n", 13, "署名（unit）是空的"),
    ],
)
def test_a_signature_without_unit_is_an_error_naming_file_and_line(tmp_path, signature, line, message):
    text = REPORT.format(date="2026-11-20")
    path = _write(tmp_path, "东湖社区.yaml", text[: text.index("signature:")] + signature)
    with pytest.raises(InputError) as caught:
        read_report(path)
    assert str(caught.value).startswith(f"{path} 第 {line} 行")
    assert message in str(caught.value)


def test_validate_check_and_build_refuse_a_signature_without_unit(tmp_path, capsys):
    from docgen.cli.commands import main

    folder = tmp_path / "in"
    text = REPORT.format(date="2026-11-20").replace("  unit: 东湖社区党委\n", "")
    path = _write(folder, "东湖社区.yaml", text)
    for command in (["validate"], ["check"], ["build", "--out", str(tmp_path / "out")]):
        assert main([*command, "--inputs", str(folder)]) == 1
        err = capsys.readouterr().err
        assert f"{path} 第 12 行" in err and "没有署名" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_a_signature_without_date_is_allowed_and_prints_the_unit_alone(tmp_path):
    text = REPORT.format(date="2026-11-20").replace("  date: 2026-11-20\n", "")
    report, _ = read_report(_write(tmp_path, "东湖社区.yaml", text))
    assert (report.signature.unit, report.signature.date) == ("东湖社区党委", None)
    two = 2 * text_width("字", compose.font(compose.SIGNATURE))
    assert _signature_lines("东湖社区党委", None) == [(compose.BLANK, "", 0), (compose.SIGNATURE, "东湖社区党委", two)]


def test_a_cover_date_that_is_no_date_is_an_error_naming_file_and_line(tmp_path):
    path = _write(tmp_path, "volume.yaml", "cover:\n  title: 汇编\n  date: 十二月\n")
    with pytest.raises(InputError, match="成文日期|日期（date）“十二月”不是日期") as caught:
        read_settings(path)
    assert str(caught.value).startswith(f"{path} 第 3 行")


def test_volume_keys_are_read(tmp_path):
    path = _write(tmp_path, "volume.yaml", "titles: own\nshow_unit: true\nduplex: true\ncover:\n  title: 汇编\n  unit: XX街道党工委\n  date: 2026-12-01\n")
    settings, _ = read_settings(path)
    assert (settings.titles, settings.show_unit, settings.duplex) == ("own", True, True)
    assert (settings.cover.title, settings.cover.unit, settings.cover.date) == ("汇编", "XX街道党工委", datetime.date(2026, 12, 1))


@pytest.mark.parametrize(
    "text, message",
    [
        ("titles: mine\n", "titles 只能写 series"),
        ("cover:\n  unit: XX\n", "封面缺少“title”"),
        ("cover:\n  title: ''\n", "第 2 行：封面标题（title）是空的"),
        ("show_unit: 也许\n", "只能写 true 或 false"),
        ("duplex: 双面\n", "只能写 true 或 false"),
    ],
)
def test_bad_volume_keys_are_errors_with_file_and_line(tmp_path, text, message):
    path = _write(tmp_path, "volume.yaml", text)
    with pytest.raises(InputError, match=message) as caught:
        read_settings(path)
    assert str(caught.value).startswith(f"{path} 第 ")


def _signature_lines(unit, date):
    paragraphs = compose.signature_paragraphs(Signature(unit, date))
    return [(p.role, p.text, p.right_indent) for p in paragraphs]


def test_the_signature_follows_gb_9704_when_the_date_is_longer():
    two = 2 * text_width("字", compose.font(compose.SIGNATURE))
    blank, unit, date = _signature_lines("东湖社区党委", datetime.date(2026, 11, 20))
    assert blank[:2] == (compose.BLANK, "")
    assert date[1:] == ("2026年11月20日", two)  # the longer line keeps two characters to the margin
    font = compose.font(compose.SIGNATURE)
    unit_start = unit[2] + text_width(unit[1], font)
    date_start = date[2] + text_width(date[1], font)
    assert unit_start - date_start == two  # the date starts two characters right of the 署名


def test_the_signature_follows_gb_9704_when_the_unit_is_longer():
    two = 2 * text_width("字", compose.font(compose.SIGNATURE))
    _, unit, date = _signature_lines("中共东湖社区委员会党建工作办公室", datetime.date(2026, 1, 5))
    assert unit[2] == two
    font = compose.font(compose.SIGNATURE)
    assert unit[2] + text_width(unit[1], font) - (date[2] + text_width(date[1], font)) == two


def _inputs(folder, titles="series", show_unit=False, cover=False, parts=True):
    shutil.copytree(SAMPLE_INPUTS, folder)
    for number, path in enumerate(sorted(folder.glob("示例单位*.yaml"))):
        text = path.read_text(encoding="utf-8")
        unit = path.stem
        if parts:
            head = f"title: {unit}关于2026年度基层党建工作亮点特色做法和存在问题的报告\n" if number % 2 else ""
            text = head + text.replace("sections:", "intro: |\n  今年以来，……现将有关情况汇报如下：\nsections:", 1)
            text += f"closing: |\n  特此报告。\nsignature:\n  unit: {unit}党委\n  date: 2026年11月{number + 1}日\n"
        path.write_text(text, encoding="utf-8")
    settings = folder / "volume.yaml"
    extra = f"titles: {titles}\nshow_unit: {'true' if show_unit else 'false'}\n"
    if cover:
        extra += "cover:\n  title: 2026年XX街道基层党建亮点工作及存在问题汇编\n  unit: XX街道党工委组织办\n  date: 2026-12-01\n"
    settings.write_text(settings.read_text(encoding="utf-8") + extra, encoding="utf-8")
    return folder


def test_the_volume_opens_with_the_cover_then_a_toc_naming_every_unit(tmp_path):
    result = build(_inputs(tmp_path / "in", "own", True, True), tmp_path / "out")
    paragraphs = body_paragraphs(docx.Document(str(result.volume_path)))
    texts = [p.text for p in paragraphs if p.text.strip()]
    assert texts[0].replace("\n", "") == "2026年XX街道基层党建亮点工作及存在问题汇编"
    assert texts[1:3] == ["XX街道党工委组织办", "2026年12月1日"]
    assert texts[3] == "目  录"
    toc = [t for t in texts[4 : 4 + 2 * len(result.volume.reports)]]
    units = [r.unit for r in result.volume.reports]
    assert toc[1::2] == units
    assert [re.sub(r"\t\d+$", "", t).replace("\n", "") for t in toc[0::2]] == result.volume.numbered_titles()
    assert [int(t.rsplit("\t", 1)[1]) for t in toc[0::2]] == result.start_pages
    assert result.start_pages[0] == 3  # two 目录 pages numbered 1 and 2: the cover has no number
    report = texts[4 + 2 * len(units) :]
    assert report[:4] == ["示例单位01基层党建亮点工作及存在问题", "示例单位01", "今年以来，……现将有关情况汇报如下：", "一、亮点工作"]
    ends = [i for i, t in enumerate(report) if t == "特此报告。"]
    assert report[ends[0] + 1 : ends[0] + 3] == ["示例单位01党委", "2026年11月1日"]
    styles = {p.text: p.alignment for p in paragraphs if p.text in ("示例单位01党委", "2026年11月1日")}
    assert set(styles.values()) == {None}  # from the 落款 style: right-aligned
    style = docx.Document(str(result.volume_path)).styles["落款"]
    assert style.paragraph_format.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.RIGHT


COMBINATIONS = list(itertools.product(["series", "own"], [False, True], [False, True]))


@pytest.fixture(scope="module")
def rendered_combinations(tmp_path_factory):
    require_renderer()
    work = tmp_path_factory.mktemp("combinations")
    builds = {}
    for titles, show_unit, cover in COMBINATIONS:
        name = f"{titles}-{int(show_unit)}-{int(cover)}"
        builds[name] = build(_inputs(work / "in" / name, titles, show_unit, cover), work / "out" / name)
    pdfs = convert_named({name: result.volume_path for name, result in builds.items()}, work / "pdf")
    return {name: (builds[name], read_pages(pdfs[name])) for name in builds}


@pytest.mark.office
@pytest.mark.parametrize("titles, show_unit, cover", COMBINATIONS)
def test_toc_pages_equal_libreoffice_pages_for_every_combination(rendered_combinations, titles, show_unit, cover):
    result, pages = rendered_combinations[f"{titles}-{int(show_unit)}-{int(cover)}"]
    assert start_pages(result.volume) == result.start_pages
    # the number printed in the footer of the page where each report begins
    assert rendered_start_pages(pages, result.volume.numbered_titles()) == result.start_pages
    assert _toc_numbers(result.volume_path) == result.start_pages


@pytest.mark.office
@pytest.mark.parametrize("titles, show_unit", list(itertools.product(["series", "own"], [False, True])))
def test_a_cover_changes_no_page_number(rendered_combinations, titles, show_unit):
    without, plain_pages = rendered_combinations[f"{titles}-{int(show_unit)}-0"]
    with_cover, cover_pages = rendered_combinations[f"{titles}-{int(show_unit)}-1"]
    assert with_cover.start_pages == without.start_pages
    assert _toc_numbers(with_cover.volume_path) == _toc_numbers(without.volume_path)
    assert len(cover_pages) == len(plain_pages) + 1
    titles = with_cover.volume.numbered_titles()
    comparison = compare(model_paragraphs(with_cover.volume), rendered_lines(cover_pages, titles[0]))
    assert comparison.paragraphs > 0 and comparison.agrees, str(comparison.first_misplaced or comparison.line_breaks[0])
    assert not cover_pages[0].footer  # the cover has no page number
    assert [_footer(p) for p in cover_pages[1:]] == [_footer(p) for p in plain_pages]


@pytest.mark.office
@pytest.mark.parametrize("cover", [False, True])
def test_footers_number_from_the_toc_right_on_odd_pages_left_on_even(rendered_combinations, cover):
    _, pages = rendered_combinations[f"own-1-{int(cover)}"]
    numbered = pages[1:] if cover else pages
    centre = spec.PAGE_WIDTH / 20 / 2
    for printed, page in enumerate(numbered, 1):
        [footer] = page.footer
        assert re.sub(r"\s", "", footer.text) == f"—{printed}—"
        assert (footer.left > centre) == (printed % 2 == 1)  # GB/T 9704: odd pages right, even left


def _footer(page):
    [footer] = page.footer
    return re.sub(r"\s", "", footer.text), round(footer.left)


def _toc_numbers(volume_path) -> list[int]:
    lines = [p.text for p in body_paragraphs(docx.Document(str(volume_path))) if "\t" in p.text]
    return [int(line.rsplit("\t", 1)[1]) for line in lines]


def test_with_a_cover_the_section_after_it_numbers_from_one(tmp_path):
    """Word and WPS read the restart from the file: the section after the cover starts at 1."""
    result = build(_inputs(tmp_path / "in", cover=True), tmp_path / "out")
    sections = docx.Document(str(result.volume_path)).sections
    assert len(sections) == 2
    assert sections[0]._sectPr.find(qn("w:footerReference")) is None  # the cover: no footer, no number
    start = sections[1]._sectPr.find(qn("w:pgNumType")).get(qn("w:start"))
    assert start == "1"
    plain = build(_inputs(tmp_path / "plain"), tmp_path / "plain-out")
    assert docx.Document(str(plain.volume_path)).sections[0]._sectPr.find(qn("w:pgNumType")) is None
