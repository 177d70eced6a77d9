"""Reports as 社区 really send them: each part (title, unit line, 导语, sections of
any words, items with deeper points, closing, 落款) lands in its place, from every
form they come in; files that are no reports are refused with the reason."""

from __future__ import annotations

import docx
import pytest

from docgen.cli.commands import main
from docgen.core.findings import said
from docgen.importing.importer import import_files, read_source
from docgen.importing.plausible import NOT_A_REPORT
from docgen.pipeline.build import build
from support.docx_text import body_paragraphs, visible_lines
from support.import_forms import sentences
from support.report_corpus import (
    DATE,
    NOT_REPORTS,
    convert_with_soffice,
    part_lines,
    soffice,
    write_docx,
    write_docx_with_item_table,
    write_docx_with_word_toc,
    write_not_report,
    write_text,
    written_reports,
)

REPORTS = written_reports()
FORMS = {
    "text": lambda report, tmp: write_text(report, tmp / "报告.txt"),
    "docx": lambda report, tmp: write_docx(report, tmp / "报告.docx"),
    "full-width-text": lambda report, tmp: write_text(report, tmp / "报告.txt", full_width=True),
    "full-width-docx": lambda report, tmp: write_docx(report, tmp / "报告.docx", full_width=True),
    "typed-toc-docx": lambda report, tmp: write_docx(report, tmp / "报告.docx", toc=True),
    "word-toc-docx": lambda report, tmp: write_docx_with_word_toc(report, tmp / "报告.docx"),
}
needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice（soffice）没有安装，无法生成和转换 .doc 文件")


def _expected_sections(report, full_width: bool = False) -> list:
    """(heading, numbering, [(item title, item paragraphs)]) as the file was written:
    deeper points stay in the item's text, numbered as typed."""
    sections = []
    for heading, style, parts in zip(report.heading_words, report.item_styles, report.items):
        items = [
            (part.title, part.text + part_lines(part, style, position, full_width)[len(part.text or [""]):])
            for position, part in enumerate(parts, 1)
        ]
        sections.append((heading, style, items))
    return sections


def toc_entries(volume_path) -> list[str]:
    """The 目录 lines of a built volume, title and page."""
    document = docx.Document(str(volume_path))
    return [p.text for p in body_paragraphs(document) if p.style.name == "toc 1"]


def _sections(report) -> list:
    return [(s.heading, s.numbering, [(i.title, i.paragraphs) for i in s.items]) for s in report.sections]


def _imported(path):
    [recognised] = read_source(path).recognition.reports
    return recognised


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("report", REPORTS[:3], ids=lambda r: r.community)
def test_every_part_of_a_real_report_lands_in_its_place(tmp_path, report, form):
    recognised = _imported(FORMS[form](report, tmp_path))
    imported = recognised.report

    assert recognised.title == report.title
    assert recognised.unit_line == report.unit_line
    assert imported.intro == report.intro
    assert _sections(imported) == _expected_sections(report, full_width=form.startswith("full-width"))
    assert imported.closing == report.closing
    assert (imported.signature.unit, imported.signature.date) == (report.signature, DATE)
    assert not any("猜测第一部分" in note for note in map(said, recognised.notes))  # no invented section


def test_a_heading_keeps_its_own_words_without_the_colon(tmp_path):
    report = REPORTS[0]
    imported = _imported(write_text(report, tmp_path / "报告.txt")).report
    assert [s.heading for s in imported.sections] == ["特色亮点工作", "遇到的困难和存在的问题", "下一步工作打算"]


def test_a_table_of_items_becomes_the_items_of_its_section(tmp_path):
    report = REPORTS[1]
    imported = _imported(write_docx_with_item_table(report, tmp_path / "报告.docx")).report
    problems = imported.sections[1]
    assert problems.heading == "遇到的困难和存在的问题"
    assert [item.title for item in problems.items] == [part.title for part in report.items[1]]
    assert [item.paragraphs for item in problems.items] == [["".join(p.text) or "立行立改。"] for p in report.items[1]]
    assert [s.heading for s in imported.sections] == report.heading_words  # the header row is no heading


def test_a_line_ending_in_a_page_number_like_count_does_not_split_the_report(tmp_path):
    report = REPORTS[0]
    lines = report.lines()
    at = lines.index(f"二、{report.headings[1]}")
    lines.insert(at, "风险识别(8)")
    lines.insert(at + 2, "附：活动照片（二）")
    path = tmp_path / "报告.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    recognition = read_source(path).recognition
    assert len(recognition.reports) == 1 and not recognition.is_volume


@pytest.mark.office
@needs_soffice
def test_an_old_word_file_is_converted_and_imported(tmp_path):
    report = REPORTS[2]
    made = write_docx(report, tmp_path / "东湖.docx")
    doc = convert_with_soffice(made, "doc", tmp_path)
    made.unlink()
    source = read_source(doc)
    [recognised] = source.recognition.reports
    assert recognised.title == report.title
    assert recognised.report.intro == report.intro
    assert _sections(recognised.report) == _expected_sections(report)
    assert (recognised.report.signature.unit, recognised.report.signature.date) == (report.signature, DATE)
    assert any("LibreOffice" in note for note in map(said, source.notes))


@pytest.mark.office
@needs_soffice
@pytest.mark.parametrize("kind, name", [("doc", "改了扩展名.docx"), ("doc", "报告.wps"), ("rtf", "WPS存的.doc"), ("odt", "报告.odt")])
def test_a_file_another_program_saved_is_converted_whatever_its_name(tmp_path, kind, name):
    report = REPORTS[1]
    saved = convert_with_soffice(write_docx(report, tmp_path / "原件.docx"), kind, tmp_path)
    [recognised] = read_source(saved.rename(tmp_path / name)).recognition.reports
    assert _sections(recognised.report) == _expected_sections(report)
    assert recognised.report.closing == report.closing


def test_without_libreoffice_an_old_file_says_what_to_do(tmp_path, monkeypatch, capsys):
    from docgen.importing import converted

    monkeypatch.setattr(converted, "find_soffice", lambda: None)
    old = tmp_path / "旧报告.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512)
    assert main(["import", str(old), "--out", str(tmp_path / "inputs")]) == 1
    err = capsys.readouterr().err
    assert str(old) in err and "LibreOffice" in err and "另存为" in err and ".docx" in err
    assert "Traceback" not in err


# --- files that are no reports ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(NOT_REPORTS))
def test_a_file_that_is_no_report_is_refused_with_the_reason(tmp_path, capsys, name):
    path = write_not_report(name, tmp_path)
    out = tmp_path / "inputs"
    assert main(["import", str(path), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith("错误：") and str(path) in err and "不像是报告" in err
    assert "Traceback" not in err
    assert not out.exists()


def test_an_english_document_alone_is_refused(tmp_path, capsys):
    letter = write_not_report("english-letter.txt", tmp_path)
    assert main(["import", str(letter), "--out", str(tmp_path / "inputs")]) == 1
    err = capsys.readouterr().err
    assert "没有中文" in err
    assert "1 个文件没有导入" in err and "其余文件已导入" not in err  # there is no other file


def test_a_chinese_text_without_headings_or_report_words_gets_the_reason_in_full(tmp_path, capsys):
    news = write_not_report("school-news.txt", tmp_path)
    assert main(["import", str(news), "--out", str(tmp_path / "inputs")]) == 1
    assert NOT_A_REPORT in capsys.readouterr().err


def test_a_folder_imports_its_good_files_and_names_every_bad_one(tmp_path, capsys):
    folder = tmp_path / "收到的报告"
    folder.mkdir()
    for report in REPORTS[:2]:
        write_docx(report, folder / f"{report.community}.docx")
    letter = write_not_report("english-letter.txt", folder)
    empty = folder / "空白.txt"
    empty.write_bytes(b"")
    (folder / "~$东湖社区.docx").write_bytes(b"lock")  # Word's lock file is no report and no error
    out = tmp_path / "inputs"

    assert main(["import", str(folder), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert str(letter) in captured.err and str(empty) in captured.err
    assert "~$" not in captured.err
    assert sorted(p.name for p in out.iterdir()) == sorted([f"{r.unit_line}.yaml" for r in REPORTS[:2]] + ["volume.yaml"])


def test_importing_a_corrected_file_again_is_refused_as_a_duplicate_or_replaced_with_force(tmp_path, capsys):
    report = REPORTS[0]
    first = write_docx(report, tmp_path / "第一次.docx")
    out = tmp_path / "inputs"
    assert main(["import", str(first), "--out", str(out)]) == 0
    existing = out / f"{report.unit_line}.yaml"
    before = existing.read_text(encoding="utf-8")
    capsys.readouterr()

    report.intro[0] = "（改正后）" + report.intro[0]
    try:
        corrected = write_docx(report, tmp_path / "改正后.docx")
    finally:
        report.intro[0] = report.intro[0].removeprefix("（改正后）")
    assert main(["import", str(corrected), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "重复" in err and str(existing) in err and "--force" in err
    assert existing.read_text(encoding="utf-8") == before
    assert len(list(out.glob("*.yaml"))) == 2  # the report and volume.yaml: no second copy of the 社区

    assert main(["import", str(corrected), "--out", str(out), "--force"]) == 0
    assert len(list(out.glob("*.yaml"))) == 2
    assert existing.read_text(encoding="utf-8") != before


def test_community_files_make_a_volume_of_own_titles(tmp_path):
    files = [write_docx(report, tmp_path / f"{report.community}.docx") for report in REPORTS[:3]]
    result = import_files(files, tmp_path / "inputs")
    settings = (tmp_path / "inputs" / "volume.yaml").read_text(encoding="utf-8")
    assert "titles: own" in settings
    assert "show_unit: true" in settings  # each had its unit on a line under its title    assert not any(report.title in settings for report in REPORTS)  # no 社区's title is the series title
    assert not result.refused


def test_the_whole_volume_imported_and_built_again_gives_back_its_toc_pages(sample_build, tmp_path):
    import_files([sample_build.volume_path], tmp_path / "inputs")
    rebuilt = build(tmp_path / "inputs", tmp_path / "out")
    assert toc_entries(rebuilt.volume_path) == toc_entries(sample_build.volume_path)
    assert len(toc_entries(rebuilt.volume_path)) == len(sample_build.volume.reports)


def test_every_guess_shows_in_the_summary_and_in_the_yaml(tmp_path):
    report = REPORTS[3]
    lines = report.lines()
    del lines[1]  # no unit line: the 署名 names the unit
    lines.insert(len(report.intro) + 1, "1.没有部分标题的一条。")
    path = tmp_path / "01.txt"
    path.write_text("\n".join(lines), encoding="utf-8")
    result = import_files([path], tmp_path / "inputs")
    written = (tmp_path / "inputs" / f"{report.signature}.yaml").read_text(encoding="utf-8")
    for guess in ("取自文末的署名", "猜测第一部分是“亮点工作”"):
        assert any(guess in line for line in result.summary), guess
        assert any(line.startswith("#") and guess in line for line in written.splitlines()), guess


ROUND_TRIP_FORMS = {
    "text": FORMS["text"],
    "docx": FORMS["docx"],
    "word-toc-docx": FORMS["word-toc-docx"],
    "doc": lambda report, tmp: _doc(report, tmp),
}


def _doc(report, tmp):
    if soffice() is None:
        pytest.skip("LibreOffice（soffice）没有安装，无法生成 .doc 文件")
    made = write_docx(report, tmp / "made.docx")
    doc = convert_with_soffice(made, "doc", tmp)
    made.unlink()
    return doc


def _printed(lines: list[str]) -> list[str]:
    """A built report's visible lines, a title broken by hand read as one line."""
    return [line.replace("\n", "") for line in lines]


@pytest.mark.parametrize("form", [pytest.param(f, marks=pytest.mark.office) if f == "doc" else f for f in sorted(ROUND_TRIP_FORMS)])
def test_import_then_build_puts_every_part_back_in_its_place(tmp_path, form):
    report = REPORTS[0]
    source = ROUND_TRIP_FORMS[form](report, tmp_path)
    assert main(["import", str(source), "--out", str(tmp_path / "inputs")]) == 0
    result = build(tmp_path / "inputs", tmp_path / "out")
    [path] = result.report_paths

    expected = [line.rstrip("：") if line.startswith("一、") else line for line in report.lines()]
    assert _printed(visible_lines(path)) == expected  # the unit line too: the volume shows units (show_unit)


def test_full_width_numbers_build_back_every_sentence(tmp_path):
    report = REPORTS[1]
    source = write_docx(report, tmp_path / "全角.docx", full_width=True)
    import_files([source], tmp_path / "inputs")
    [path] = build(tmp_path / "inputs", tmp_path / "out").report_paths
    built = _printed(visible_lines(path))
    assert built[0] == report.title
    assert sentences(built) == sentences(report.lines(full_width=True))  # all there, in order, nothing invented
    assert built[-3:] == ["特此报告。", report.signature, "2024年12月10日"]
