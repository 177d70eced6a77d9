"""Write the import corpus's files (``files/``) from their texts (``sources/``).

Run from the repository root: ``python tests/data/import-corpus/make_corpus.py``
(python-docx for .docx; LibreOffice for .doc, .wps and .odt). The files are
committed: the tests read them and never run this. See README.md here for the
marks a source line may carry.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

import docx
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import parse_xml

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
FILES = HERE / "files"
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
MARKS = ("[web]", "[toc]", "[box]", "[cover]", "[sign]", "[b]", "[h]", "[c]", "[N]", "[n0]", "[n]", "[row]", "[page]")

# (source, file as sent, form, options)
DOCUMENTS = [
    ("r01-standard", "reports/东湖社区.docx", "docx", {}),
    ("r02-decimal-headings", "reports/红旗社区党建工作总结.txt", "txt", {}),
    ("r03-bold-headings", "reports/个人工作总结（王某）.docx", "docx", {}),
    ("r04-free-form", "reports/幸福里社区.txt", "txt", {}),
    ("r05-problems-only", "reports/南关社区问题报告.docx", "docx", {}),
    ("r06-problem-heading-shi", "reports/北苑社区.txt", "txt", {}),
    ("r07-cover", "reports/述职报告-封面.docx", "docx", {}),
    ("r08-outline-first", "reports/长青社区年度总结.docx", "docx", {}),
    ("r09-web-page", "reports/网页-街道党建总结.txt", "txt", {}),
    ("r10-pdf-wrapped", "reports/西湖社区（从PDF复制）.txt", "txt", {"wrap": 34}),
    ("r11-word-numbers", "reports/南湖社区.docx", "docx", {}),
    ("r12-text-boxes", "reports/北湖社区网格治理汇报.docx", "docx", {}),
    ("r13-ordinal-parts", "reports/青山社区.docx", "docx", {}),
    ("r14-paren-headings", "reports/绿园社区上半年汇报.txt", "txt", {}),
    ("r15-heading-style", "reports/和平社区.docx", "docx", {}),
    ("r16-rectification", "reports/花园社区整改报告.docx", "docx", {}),
    ("r17-sentence-headings", "reports/金桥社区.docx", "docx", {}),
    ("r18-markdown", "reports/阳光社区.md", "txt", {}),
    ("r19-gbk-free-form", "reports/石桥村.txt", "txt", {"encoding": "gb18030", "newline": "\r\n"}),
    ("r20-item-table", "reports/春晖社区.docx", "docx", {}),
    ("r21-page-number-title", "reports/松林社区.txt", "txt", {}),
    ("r22-organ-unit", "reports/光明社区总结.docx", "docx", {}),
    ("r23-dun-headings", "reports/新华社区.txt", "txt", {}),
    ("r24-halfyear-bold", "reports/朝阳社区上半年.docx", "docx", {}),
    ("r25-village-doc", "reports/李家村.doc", "doc", {}),
    ("r26-report-person-wps", "reports/文化路社区述职.wps", "wps", {}),
    ("r27-free-odt", "reports/丰收社区.odt", "odt", {}),
    ("r28-speech", "reports/向阳社区汇报发言.txt", "txt", {}),
    ("r15-heading-style", "reports/和平社区（旧版Word）.doc", "doc", {}),
    ("r03-bold-headings", "reports/个人工作总结（WPS）.wps", "wps", {}),
    ("n01-resume-table", "not-reports/简历.docx", "docx", {}),
    ("n02-resume-text", "not-reports/简历（李某）.txt", "txt", {}),
    ("n03-blank-form", "not-reports/党员信息登记表.docx", "docx", {}),
    ("n04-timetable", "not-reports/考试时间安排表.docx", "docx", {}),
    ("n05-minutes", "not-reports/党委会会议记录.docx", "docx", {}),
    ("n06-notice", "not-reports/民主评议通知.txt", "txt", {}),
    ("n07-contract", "not-reports/房屋租赁合同.docx", "docx", {}),
    ("n08-manual", "not-reports/智慧党建平台用户手册.docx", "docx", {}),
    ("n09-spec", "not-reports/需求规格说明书.txt", "txt", {}),
    ("n10-paper", "not-reports/社区党建论文.docx", "docx", {}),
    ("n11-news", "not-reports/新闻稿.txt", "txt", {}),
    ("n12-tech-notes", "not-reports/部署笔记.md", "txt", {}),
    ("n13-summary-minutes", "not-reports/会议纪要.txt", "txt", {}),
    ("n14-timetable-docx", "not-reports/四点半课堂课程表.docx", "docx", {}),
    ("n15-proposal", "not-reports/文明养犬倡议书.txt", "txt", {}),
    ("n16-notice-leave", "not-reports/停水通知.doc", "doc", {}),
    ("n05-minutes", "not-reports/党委会会议记录.odt", "odt", {}),
]


def source_lines(name: str) -> list[tuple[str, str]]:
    """(mark, text) for each line of a source; mark "" for a plain line."""
    lines = []
    for line in (SOURCES / f"{name}.txt").read_text(encoding="utf-8").splitlines():
        mark = next((m for m in MARKS if line.startswith(m)), "")
        lines.append((mark, line[len(mark):].replace("{~", "").replace("~}", "")))
    return lines


# --- text files -----------------------------------------------------------------------


def write_text(lines: list[tuple[str, str]], path: Path, wrap: int = 0, encoding: str = "utf-8", newline: str = "\n") -> None:
    out = []
    for mark, text in lines:
        if mark == "[page]":
            out.append("")
        elif mark == "[row]":
            out.append("\t".join(text.split("|")))
        else:
            out += _wrapped(text, wrap) if wrap else [text]
    path.write_bytes((newline.join(out) + newline).encode(encoding))


def _wrapped(text: str, width: int) -> list[str]:
    """A paragraph cut into lines of ``width`` characters, as a PDF's text is copied."""
    return [text[i:i + width] for i in range(0, len(text), width)] or [""]


# --- Word files -------------------------------------------------------------------------


def write_docx(lines: list[tuple[str, str]], path: Path) -> None:
    document = docx.Document()
    numbering = _Numbering(document)
    lists: dict[str, str] = {}
    table_rows: list[list[str]] = []
    boxes: list[str] = []
    for index, (mark, text) in enumerate(lines):
        if mark == "[row]":
            table_rows.append(text.split("|"))
            if index + 1 == len(lines) or lines[index + 1][0] != "[row]":
                _table(document, table_rows)
                table_rows = []
            continue
        if mark == "[box]":
            boxes.append(text)
            if index + 1 == len(lines) or lines[index + 1][0] != "[box]":
                _text_boxes(document, boxes)
                boxes = []
            continue
        if mark == "[page]":
            document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
            continue
        if mark == "[N]":
            lists = {"[N]": lists.get("[N]") or numbering.new_list("chineseCounting", "%1、")}
        paragraph = document.add_paragraph(style="Heading 2" if mark == "[h]" else None)
        run = paragraph.add_run(text)
        if mark in ("[b]", "[c]", "[cover]"):
            run.bold = mark != "[cover]" or len(text) <= 2
        if mark in ("[c]", "[cover]"):
            paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        if mark in ("[N]", "[n]", "[n0]"):
            if mark not in lists:
                lists[mark] = numbering.new_list("decimal", "%1." if mark == "[n]" else "%1")
            _numbered(paragraph, lists[mark])
    document.save(str(path))
    _slim(path)


# python-docx's template carries parts no reader needs; without them a file is half the size.
_DROPPED_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/")


def _slim(path: Path) -> None:
    """The file without the template's extra parts and every reference to them."""
    with zipfile.ZipFile(path) as package:
        parts = {info.filename: package.read(info) for info in package.infolist()}
    kept = {name: data for name, data in parts.items() if not name.startswith(_DROPPED_PARTS)}
    for name in ("[Content_Types].xml", "_rels/.rels", "word/_rels/document.xml.rels"):
        text = kept[name].decode("utf-8")
        for dropped in _DROPPED_PARTS:
            named = dropped if dropped.endswith("/") else dropped.rsplit("/", 1)[-1]
            text = re.sub(rf'<(?:Override|Relationship)[^>]*"[^"]*{re.escape(named)}[^"]*"[^>]*/>', "", text)
        kept[name] = text.encode("utf-8")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        for name, data in kept.items():
            package.writestr(name, data)


def _table(document, rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
    table.style = "Table Grid"
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text.strip()


def _text_boxes(document, labels: list[str]) -> None:
    """Labels of a diagram, each in a VML text box anchored in one paragraph (as Word draws them)."""
    paragraph = document.add_paragraph()
    for number, label in enumerate(labels):
        paragraph._p.append(parse_xml(
            f'<w:r xmlns:w="{W}" xmlns:v="urn:schemas-microsoft-com:vml"><w:pict>'
            f'<v:shape id="box{number}" style="position:absolute;margin-left:{number * 100}pt;width:90pt;height:30pt">'
            f'<v:textbox><w:txbxContent><w:p><w:r><w:t>{label}</w:t></w:r></w:p></w:txbxContent></v:textbox>'
            f"</v:shape></w:pict></w:r>"
        ))


def _numbered(paragraph, num_id: str) -> None:
    paragraph._p.get_or_add_pPr().append(
        parse_xml(f'<w:numPr xmlns:w="{W}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


class _Numbering:
    """List definitions added to a python-docx document, one single-level list a call."""

    def __init__(self, document):
        self.root = document.part.numbering_part.element
        self.next = 700

    def new_list(self, number_format: str, level_text: str) -> str:
        self.next += 1
        abstract = parse_xml(
            f'<w:abstractNum xmlns:w="{W}" w:abstractNumId="{self.next}"><w:multiLevelType w:val="singleLevel"/>'
            f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
            f'<w:lvlText w:val="{level_text}"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
        )
        first_num = self.root.find(f"{{{W}}}num")
        if first_num is not None:
            first_num.addprevious(abstract)
        else:
            self.root.append(abstract)
        self.root.append(parse_xml(f'<w:num xmlns:w="{W}" w:numId="{self.next}"><w:abstractNumId w:val="{self.next}"/></w:num>'))
        return str(self.next)


# --- converted by LibreOffice -------------------------------------------------------------


def write_converted(lines: list[tuple[str, str]], path: Path, form: str) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("需要 LibreOffice（soffice）才能生成 .doc/.wps/.odt 文件")
    with tempfile.TemporaryDirectory() as work:
        made = Path(work) / "made.docx"
        write_docx(lines, made)
        target = "odt" if form == "odt" else "doc"
        subprocess.run(
            [soffice, f"-env:UserInstallation={Path(work, 'profile').as_uri()}", "--headless",
             "--convert-to", target, "--outdir", work, str(made)],
            check=True, capture_output=True, timeout=180,
        )
        shutil.copyfile(Path(work) / f"made.{target}", path)


def main() -> None:
    for source, name, form, options in DOCUMENTS:
        path = FILES / name
        path.parent.mkdir(parents=True, exist_ok=True)
        lines = source_lines(source)
        if form == "txt":
            write_text(lines, path, **options)
        elif form == "docx":
            write_docx(lines, path)
        else:
            write_converted(lines, path, form)
        print(path.relative_to(HERE))


if __name__ == "__main__":
    main()
