"""The import corpus (tests/data/import-corpus): reports written the many ways people
write them, and documents that are no reports, as .docx, .txt, .md, .doc, .wps and .odt.

Every report imports with every part in place — title, unit, its sections as the
document has them (none made up) or its body as written, 落款 — and builds back
with its sentences; every other document is refused with its reason. What is
expected of each file is in expected.yaml, written from how the file was made.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

import docgen
from docgen.core.model import Report
from docgen.importing.importer import import_files
from docgen.inputs.yaml_reader import load_inputs
from docgen.pipeline.build import build
from support.docx_text import visible_lines
from support.paths import ROOT
from support.report_corpus import soffice

CORPUS = ROOT / "tests" / "data" / "import-corpus"
EXPECTED = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
# Lines of a source that are no sentence of the report: checked as parts, or left out on purpose.
NOT_SENTENCES = ("[web]", "[toc]", "[box]", "[cover]", "[sign]", "[page]")
_MARK = re.compile(r"^\[(?:b|h|c|N|n0|n|row)\]")
_LEADING_NUMBER = re.compile(
    r"^(?:第[一二三四五六七八九十]+部分\s*|[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[）)]|\d+\s*[.、．]?\s*|#+\s*)"
)
_PUNCTUATION = re.compile(r"[\s。，、；：！？“”‘’（）()…—·,.;:!?|#*\[\]【】]")
_SENTENCE_END = re.compile(r"[。！？；：]")
_JUNK = re.compile(r"\{~.*?~\}")  # what the file has that is no part of the report (a web page's 第1篇)
MIN_KEPT = 0.99
# What import says it left out of a file, by the word expected.yaml's note names it with.
LEFT_OUT_NOTES = {"网页": "已去掉网页上的", "断行": "断行接回成段", "提纲": "行提纲", "文本框": "文本框和图形", "封面": "取自封面"}
SECOND_COPIES = {  # of a unit another file is of too: imported in a batch of their own
    "reports/和平社区（旧版Word）.doc", "reports/个人工作总结（WPS）.wps", "reports/述职报告-封面.docx",
}

needs_soffice = pytest.mark.skipif(soffice() is None, reason="LibreOffice（soffice）没有安装，无法读 .doc/.wps/.odt 文件")


@dataclass
class Imported:
    """One report file of the corpus as import and build made it."""

    report: Report
    yaml_text: str
    printed: list[str]  # the built report's visible lines
    problems: int


def _source_of(name: str) -> str:
    """The source a corpus file was made from (make_corpus.DOCUMENTS)."""
    text = (CORPUS / "make_corpus.py").read_text(encoding="utf-8")
    match = re.search(rf'\("(?P<source>[^"]+)", "{re.escape(name)}"', text)
    return match["source"]


def _import_and_build(names: list[str], work: Path) -> dict[str, Imported]:
    paths = [CORPUS / "files" / name for name in names]
    result = import_files(paths, work / "inputs")
    assert not result.refused, [str(r) for r in result.refused]
    built = build(work / "inputs", work / "outputs")
    summary = docgen.summary(work / "inputs", work / "outputs")
    volume = load_inputs(work / "inputs").volume
    imported = {}
    for report in volume.reports:
        text = report.origin.path.read_text(encoding="utf-8")
        name = next(n for n in names if Path(n).name in text.splitlines()[0])  # 由 “文件名” 导入
        [docx] = [p for p in built.report_paths if p.stem == report.unit]
        problems = sum(1 for row in summary.ledger.rows if row.problem.unit == report.unit)
        imported[name] = Imported(report, text, visible_lines(docx), problems)
    return imported


@pytest.fixture(scope="module")
def imported(tmp_path_factory) -> dict[str, Imported]:
    """Every report of the corpus imported and built: the files of distinct units together,
    then the second copies of a unit (each batch one LibreOffice run)."""
    if soffice() is None:
        pytest.skip("LibreOffice（soffice）没有安装，无法读 .doc/.wps/.odt 文件")
    names = list(EXPECTED["reports"])
    first = [n for n in names if n not in SECOND_COPIES]
    done = _import_and_build(first, tmp_path_factory.mktemp("corpus"))
    done.update(_import_and_build(sorted(SECOND_COPIES), tmp_path_factory.mktemp("corpus-copies")))
    return done


@needs_soffice
@pytest.mark.parametrize("name", sorted(EXPECTED["reports"]))
def test_every_report_imports_with_every_part_in_place(imported, name):
    expected, got = EXPECTED["reports"][name], imported[name]
    report = got.report
    assert report.title == expected["title"]
    assert report.unit == expected["unit"]
    if expected.get("body"):
        assert report.sections == [] and report.body
    else:
        assert [s.heading for s in report.sections] == expected["headings"]
        assert not report.body
    signature = expected["signature"]
    if signature == "none":
        assert report.signature is None
    else:
        assert (report.signature.unit, report.signature.date) == (signature[0], _date(signature[1]))
    for key, value in (("closing", report.closing), ("intro", len(report.intro)), ("leads", [len(s.lead) for s in report.sections])):
        if key in expected:
            assert value == expected[key], key
    if "problems" in expected:
        assert got.problems == expected["problems"]
    header = [line for line in got.yaml_text.splitlines() if line.startswith("#")]
    if "note" in expected:
        assert any(expected["note"] in line for line in header)
    for note, said in LEFT_OUT_NOTES.items():  # nothing said to be left out of a file that has no such thing
        assert note == expected.get("note") or not any(said in line for line in header), said
    printed = "\n".join(got.printed)
    assert all(text in printed for text in expected.get("printed", []))
    assert not any(text in printed for text in expected.get("not_printed", []))


@needs_soffice
@pytest.mark.parametrize("name", sorted(EXPECTED["reports"]))
def test_no_heading_is_one_the_document_does_not_have(imported, name):
    source = (CORPUS / "sources" / f"{_source_of(name)}.txt").read_text(encoding="utf-8")
    assert all(section.heading in source for section in imported[name].report.sections)


@needs_soffice
def test_the_built_reports_keep_their_sentences(imported):
    kept, total, missing = 0, 0, []
    for name, got in imported.items():
        built = _plain("".join(got.printed))
        for sentence in sentences(_source_of(name)):
            total += 1
            if _plain(sentence) in built:
                kept += 1
            else:
                missing.append(f"{name}：{sentence}")
    assert kept / total >= MIN_KEPT, missing
    assert not missing  # in this corpus, every one


@pytest.mark.skipif(soffice() is None, reason="LibreOffice（soffice）没有安装，无法读 .doc/.odt 文件")
def test_every_document_that_is_no_report_is_refused_with_its_reason(tmp_path):
    refused = EXPECTED["refused"]
    result = import_files([CORPUS / "files" / name for name in refused], tmp_path / "inputs")
    reasons = {str(r.path.relative_to(CORPUS / "files")): r.reason for r in result.refused}
    assert sorted(reasons) == sorted(refused)
    for name, word in refused.items():
        assert word in reasons[name], (name, reasons[name])
    assert not (tmp_path / "inputs").exists()


def sentences(source: str) -> list[str]:
    """The sentences of a source as a reader counts them: each line's pieces between 。！？；：,
    its typed number gone (docgen prints its own), the lines that are no sentence left out."""
    found = []
    for line in (CORPUS / "sources" / f"{source}.txt").read_text(encoding="utf-8").splitlines():
        if line.startswith(NOT_SENTENCES):
            continue
        if line.startswith("[row]序号|"):
            continue  # a table's header row names its columns: no text of the report
        line = _JUNK.sub("", _MARK.sub("", line)).replace("|", "。")
        for piece in _SENTENCE_END.split(line):
            piece = _LEADING_NUMBER.sub("", piece.strip())
            if len(_plain(piece)) >= 2:
                found.append(piece)
    return found


def _plain(text: str) -> str:
    return _PUNCTUATION.sub("", text)


def _date(text) -> datetime.date:
    return text if isinstance(text, datetime.date) else datetime.date.fromisoformat(text)
