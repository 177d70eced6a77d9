"""Word list numbering with absurd numbers: a list that starts at 100,000,000,000 in
letters or Roman numerals is imported with its number in digits, in little memory,
where writing it out as letters (AAAA…) would take gigabytes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx
import pytest
from docx.oxml import parse_xml

from docgen.importing.word_numbering import format_number
from support.import_forms import W_NS
from support.write_helpers import docgen_env

HUGE = 100_000_000_000
MEMORY_CAP = 1 << 30  # address space for the import; the old letters alone took 3.8 GB


def _numbered_docx(path: Path, number_format: str, start: int) -> Path:
    """A small report whose 存在问题 items are a Word list in ``number_format`` starting at ``start``."""
    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.insert(0, parse_xml(
        f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="77"><w:multiLevelType w:val="singleLevel"/>'
        f'<w:lvl w:ilvl="0"><w:start w:val="{start}"/><w:numFmt w:val="{number_format}"/>'
        f'<w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
    ))
    numbering.append(parse_xml(f'<w:num xmlns:w="{W_NS}" w:numId="77"><w:abstractNumId w:val="77"/></w:num>'))
    for text in ("基层党建亮点工作及存在问题（一）", "甲社区党委", "一、存在问题"):
        document.add_paragraph(text)
    for text in ("党员管理有待规范。", "党建氛围有待提升。"):
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="77"/></w:numPr>')
        )
    document.save(str(path))
    return path


def _capped_import(source: Path, out: Path) -> subprocess.CompletedProcess:
    """``docgen import`` of ``source`` in a process that may use at most MEMORY_CAP of memory."""
    limit = f"import resource; resource.setrlimit(resource.RLIMIT_AS, ({MEMORY_CAP}, {MEMORY_CAP}))"
    run = f"{limit}; import sys; from docgen.cli.commands import main; sys.exit(main(sys.argv[1:]))"
    return subprocess.run(
        [sys.executable, "-c", run, "import", str(source), "--out", str(out)],
        capture_output=True, text=True, env=docgen_env(), timeout=300,
    )


@pytest.mark.skipif(sys.platform == "win32", reason="the memory cap is POSIX's setrlimit")
@pytest.mark.parametrize("number_format", ["upperLetter", "upperRoman", "lowerLetter"])
def test_a_list_starting_at_a_hundred_billion_imports_with_its_numbers_in_digits(tmp_path, number_format):
    source = _numbered_docx(tmp_path / "甲社区.docx", number_format, HUGE)
    assert source.stat().st_size < 40_000  # a small file: the attack is the number, not the size

    done = _capped_import(source, tmp_path / "inputs")

    assert done.returncode == 0, done.stderr
    assert "程序内部出错" not in done.stderr and "Traceback" not in done.stderr
    written = (tmp_path / "inputs" / "甲社区党委.yaml").read_text(encoding="utf-8")
    assert "党员管理有待规范" in written and "党建氛围有待提升" in written


@pytest.mark.parametrize(
    "value, number_format, expected",
    [
        (26, "upperLetter", "Z"), (27, "upperLetter", "AA"), (53, "lowerLetter", "aaa"),
        (780, "upperLetter", "Z" * 30), (781, "upperLetter", "781"),
        (3999, "upperRoman", "MMMCMXCIX"), (4000, "upperRoman", "4000"),
        (0, "upperLetter", "0"), (-3, "upperRoman", "-3"),
    ],
)
def test_letters_and_roman_numerals_have_a_limit_beyond_which_digits_are_written(value, number_format, expected):
    assert format_number(value, number_format) == expected


def test_a_start_longer_than_word_keeps_is_held_to_its_largest(tmp_path):
    from docgen.importing.docx_reader import read_docx_paragraphs

    source = _numbered_docx(tmp_path / "长.docx", "decimal", int("9" * 4299))
    texts = [p.text for p in read_docx_paragraphs(source)[0]]
    assert texts[-2:] == [f"{2**31 - 1}.党员管理有待规范。", f"{2**31}.党建氛围有待提升。"]
