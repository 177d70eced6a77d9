"""Text as it reaches an office: BOMs, GBK from Notepad, UTF-16, CRLF, Markdown."""

from __future__ import annotations

import codecs

import pytest

from docgen.importing.text_reader import read_text_paragraphs

LINES = ["基层党建亮点工作及存在问题（一）", "一、亮点工作", "1.党员管理有待进一步规范。老党员比较多。"]


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: text.encode("utf-8"),
        lambda text: codecs.BOM_UTF8 + text.encode("utf-8"),
        lambda text: text.encode("gbk"),
        lambda text: text.encode("gb18030"),
        lambda text: text.encode("utf-16"),  # Notepad's "Unicode": with its BOM
    ],
    ids=["utf8", "utf8-bom", "gbk", "gb18030", "utf16-bom"],
)
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_every_encoding_notepad_saves_reads_to_the_same_lines(tmp_path, encode, newline):
    path = tmp_path / "report.txt"
    path.write_bytes(encode(newline.join(LINES) + newline))
    paragraphs, notes = read_text_paragraphs(path)
    assert [p.text for p in paragraphs] == LINES
    assert notes == []


def test_blank_lines_and_indents_are_dropped_and_line_numbers_kept(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text("\n".join([LINES[0], "", "\u3000\u3000" + LINES[1], "   ", LINES[2]]), encoding="utf-8")
    paragraphs, _ = read_text_paragraphs(path)
    assert [(p.text, p.where) for p in paragraphs] == [
        (LINES[0], "第 1 行"), (LINES[1], "第 3 行"), (LINES[2], "第 5 行"),
    ]


def test_markdown_headings_and_bold_lines_are_plain_text(tmp_path):
    path = tmp_path / "report.md"
    path.write_text(f"# {LINES[0]}\n\n## **{LINES[1]}**\n\n{LINES[2]}\n", encoding="utf-8")
    assert [p.text for p in read_text_paragraphs(path)[0]] == LINES


def test_control_characters_are_dropped_with_a_note(tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(LINES[0] + "\x07\n" + LINES[1], encoding="utf-8")
    paragraphs, notes = read_text_paragraphs(path)
    assert [p.text for p in paragraphs] == LINES[:2]
    assert notes and "U+0007" in notes[0].message and notes[0].origin.path == path
