"""What a Word file's styles say of its paragraphs (list numbers, 目录 entries, headings by
their look) is the same whether the styles a report names are found in the part's bytes and
parsed alone, or the whole part is parsed; and a file in the strict namespace reads as one in
the transitional."""

from __future__ import annotations

import zipfile
from pathlib import Path

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE

from docgen.importing import word_styles
from docgen.importing.docx_package import parse_xml
from docgen.importing.docx_reader import read_docx_paragraphs
from docgen.importing.importer import read_source
from docgen.importing.style_locator import NotSure
from docgen.importing.word_styles import ParagraphStyles
from docgen.importing.wordml import W, transitional
from support.import_forms import W_NS
from support.paths import ROOT

CORPUS = ROOT / "tests" / "data" / "import-corpus" / "files"
STRICT_NS = "http://purl.oclc.org/ooxml/wordprocessingml/main"
TITLE = "基层党建亮点工作及存在问题（一）"


def _styles_parts() -> list[Path]:
    return sorted(p for p in CORPUS.rglob("*.docx") if "word/styles.xml" in zipfile.ZipFile(p).namelist())


def _answers(styles: ParagraphStyles, ids) -> list:
    return [(i, styles.numbering(i), styles.is_toc(i), styles.is_emphasis(i)) for i in ids]


def _whole(data: bytes, monkeypatch) -> ParagraphStyles:
    """The styles read from the whole part parsed, the finder never asked."""

    def unsure(*args):
        raise NotSure

    with monkeypatch.context() as patched:
        patched.setattr(word_styles, "StyleFinder", unsure)
        return ParagraphStyles(data, _recording_parse([]))


def _recording_parse(sizes: list[int]):
    def parse(data: bytes):
        sizes.append(len(data))
        return parse_xml(data, "word/styles.xml")

    return parse


@pytest.mark.parametrize("path", _styles_parts(), ids=lambda p: p.name)
def test_each_style_reads_the_same_found_in_the_bytes_as_from_the_whole_part(path, monkeypatch):
    data = transitional(zipfile.ZipFile(path).read("word/styles.xml"))
    ids = [s.get(W + "styleId") for s in parse_xml(data, "styles").iter(W + "style")] + ["没有这个样式"]
    whole = _whole(data, monkeypatch)
    parsed: list[int] = []
    found = ParagraphStyles(data, _recording_parse(parsed))
    assert _answers(found, ids[:-1]) == _answers(whole, ids[:-1])
    assert max(parsed) < len(data) / 2  # each style it was asked of, parsed alone
    assert _answers(found, ids) == _answers(whole, ids)  # a style not there: the whole part says so


def _part(styles: str, prefix: str = "w") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<{prefix}:styles xmlns:{prefix}="{W_NS}">'
        f"{styles}</{prefix}:styles>"
    ).encode()


def _style(style_id: str, inner: str = "", based_on: str = "", kind: str = "paragraph", prefix: str = "w") -> str:
    based = f'<{prefix}:basedOn {prefix}:val="{based_on}"/>' if based_on else ""
    return (
        f'<{prefix}:style {prefix}:type="{kind}" {prefix}:styleId="{style_id}">'
        f'<{prefix}:name {prefix}:val="{style_id}"/>{based}{inner}</{prefix}:style>'
    )


BOLD = "<w:rPr><w:b/></w:rPr>"


@pytest.mark.parametrize(
    "styles, prefix",
    [
        (_style("Plain") + _style("Strong", BOLD) + _style("Child", "", "Strong"), "w"),
        # Two styles of one id: the last is the one Word and the whole parse keep.
        (_style("Twice", BOLD) + _style("Twice") + _style("Strong", BOLD) + _style("Child", "", "Strong"), "w"),
        # A comment after a style, hiding another of its id.
        (_style("Child", "", "Plain") + _style("Plain") + "<!-- " + _style("Child", BOLD) + " -->", "w"),
        # Another prefix than w, an id the bytes must escape, a table style of a paragraph style's id.
        (_style("Child", "", "A&amp;B", prefix="x") + _style("A&amp;B", "<x:rPr><x:b/></x:rPr>", prefix="x"), "x"),
        (_style("Child", BOLD, kind="table") + _style("Strong", BOLD), "w"),
        # A loop in w:basedOn, and an empty w:style.
        (_style("Loop1", "", "Loop2") + _style("Loop2", "", "Loop1") + '<w:style w:type="paragraph" w:styleId="Empty"/>', "w"),
    ],
)
def test_tricky_styles_parts_read_as_a_whole_parse_reads_them(styles, prefix, monkeypatch):
    data = _part(styles, prefix)
    named = list(dict.fromkeys(s.get(W + "styleId") for s in parse_xml(data, "styles").iter(W + "style")))
    whole = _whole(data, monkeypatch)
    found = ParagraphStyles(data, _recording_parse([]))
    # The styles there first (a style not there sends the finder to the whole part), then one that is not.
    assert _answers(found, named) == _answers(whole, named)
    assert _answers(found, [*named, "Missing"]) == _answers(whole, [*named, "Missing"])


def test_a_bold_style_and_a_numbering_style_are_still_told_apart(tmp_path):
    document = docx.Document()
    strong = document.styles.add_style("小标题样式", WD_STYLE_TYPE.PARAGRAPH)
    strong.font.bold = True
    document.add_paragraph(TITLE)
    document.add_paragraph("亮点工作", style=strong)
    document.add_paragraph("党员教育抓得实。", style="List Number")
    document.add_paragraph("志愿服务常态化。", style="List Number")
    document.save(str(tmp_path / "styles.docx"))
    paragraphs, _ = read_docx_paragraphs(tmp_path / "styles.docx")
    assert [(p.text, p.emphasis) for p in paragraphs] == [
        (TITLE, False), ("亮点工作", True), ("1.党员教育抓得实。", False), ("2.志愿服务常态化。", False),
    ]


def _strict(path: Path, out: Path) -> Path:
    """The same file with WordprocessingML in the strict namespace, as Word's "Strict Open XML" saves it."""
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.endswith(".xml"):
                data = data.replace(W_NS.encode(), STRICT_NS.encode())
            target.writestr(info, data)
    return out


def test_a_file_in_the_strict_namespace_imports_as_the_transitional_one(tmp_path):
    sent = CORPUS / "reports" / "南湖社区.docx"  # Word's own list numbers and heading styles
    strict = _strict(sent, tmp_path / "南湖社区.docx")
    assert STRICT_NS.encode() in zipfile.ZipFile(strict).read("word/document.xml")
    texts = [p.text for p in read_docx_paragraphs(sent)[0]]
    assert [p.text for p in read_docx_paragraphs(strict)[0]] == texts
    assert any(text.startswith("1 ") for text in texts)  # a number only Word's list numbering shows
    ours, theirs = read_source(strict).recognition.reports[0].report, read_source(sent).recognition.reports[0].report
    assert [(s.heading, [i.title for i in s.items]) for s in ours.sections] == [
        (s.heading, [i.title for i in s.items]) for s in theirs.sections
    ]
    assert len(ours.sections) >= 2 and any(s.items for s in ours.sections)
