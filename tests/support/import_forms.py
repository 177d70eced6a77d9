"""The forms a report reaches an office in, made from a reference report's lines,
and the comparison of a report's sentences that numbering cannot disturb.

The markers recognised here are written independently of docgen's own
recogniser, so a test comparing through them checks it rather than repeats it.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
from docx.oxml import parse_xml

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"

# Numbers typed at the start of a line in the reference reports.
_LEADING_NUMBER = re.compile(r"^(?:[一二三四五六七八九十]+[、是]|[（(][一二三四五六七八九十\d]+[）)]|\d+[.、．])")
_TITLE_NUMBER = re.compile(r"（[一二三四五六七八九十]+）$")
_SENTENCE_END = re.compile(r"(?<=[。！？])")


def report_lines(path: Path) -> list[str]:
    """The non-empty lines of a reference report, as sent."""
    return [line for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def sentences(lines: list[str]) -> list[str]:
    """Every sentence, in order, with the number a line starts with removed (numbers are regenerated)
    and a trailing colon dropped (import drops a heading's: 二、存在问题： → 二、存在问题)."""
    found: list[str] = []
    for line in lines:
        text = _LEADING_NUMBER.sub("", line.strip()).rstrip("：")
        found += [s for s in _SENTENCE_END.split(text) if s]
    return found


def title_series(title: str) -> str:
    return _TITLE_NUMBER.sub("", title)


# --- the four forms -----------------------------------------------------------------


def write_utf8_text(lines: list[str], path: Path) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def write_gb18030_crlf_text(lines: list[str], path: Path) -> Path:
    path.write_bytes("\r\n".join(lines).encode("gb18030") + b"\r\n")
    return path


def write_typed_docx(lines: list[str], path: Path) -> Path:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(str(path))
    return path


# Word list definitions, one for each way reports number: 一、 1. （一） 一是.
_LIST_FORMATS = {
    "heading": ("chineseCounting", "%1、", re.compile(r"^[一二三四五六七八九十]+、")),
    "decimal": ("decimal", "%1.", re.compile(r"^\d+\.")),
    "paren": ("chineseCounting", "（%1）", re.compile(r"^（[一二三四五六七八九十]+）")),
    "shi": ("chineseCounting", "%1是", re.compile(r"^[一二三四五六七八九十]+是")),
}
_FIRST_ABSTRACT_ID = 90


def write_list_numbered_docx(lines: list[str], path: Path) -> Path:
    """A .docx whose numbers are Word's automatic numbering, not text: each
    numbered line becomes a list paragraph, each section's items a list of
    their own that starts at 1. A paragraph of several 一是…二是… points is
    typed, as Word cannot number inside a paragraph."""
    document = docx.Document()
    numbering = _Numbering(document)
    heading_list = numbering.new_list("heading")
    item_lists: dict[str, str] = {}
    for line in lines:
        kind = _list_kind(line)
        if kind is None:
            document.add_paragraph(line)
            continue
        if kind == "heading":
            item_lists = {}  # a new section: its items count from 1
            num_id = heading_list
        else:
            num_id = item_lists.setdefault(kind, numbering.new_list(kind))
        text = _LIST_FORMATS[kind][2].sub("", line)
        _numbered(document.add_paragraph(text), num_id)
    document.save(str(path))
    return path


def _list_kind(line: str) -> str | None:
    if line.startswith("一是") and "。二是" in line:
        return None
    for kind, (_, _, pattern) in _LIST_FORMATS.items():
        if pattern.match(line):
            return kind
    return None


def _numbered(paragraph, num_id: str) -> None:
    properties = paragraph._p.get_or_add_pPr()
    properties.append(
        parse_xml(f'<w:numPr xmlns:w="{W_NS}"><w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>')
    )


class _Numbering:
    """Adds list definitions to a python-docx document's numbering part."""

    def __init__(self, document):
        self.root = document.part.numbering_part.element
        self.abstract_ids: dict[str, int] = {}
        self.next_num = 900

    def new_list(self, kind: str) -> str:
        abstract_id = self.abstract_ids.get(kind)
        if abstract_id is None:
            abstract_id = _FIRST_ABSTRACT_ID + len(self.abstract_ids)
            self.abstract_ids[kind] = abstract_id
            number_format, level_text, _ = _LIST_FORMATS[kind]
            first_num = self.root.find(f"{{{W_NS}}}num")
            abstract = parse_xml(
                f'<w:abstractNum xmlns:w="{W_NS}" w:abstractNumId="{abstract_id}">'
                f'<w:multiLevelType w:val="singleLevel"/>'
                f'<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="{number_format}"/>'
                f'<w:lvlText w:val="{level_text}"/><w:lvlJc w:val="left"/></w:lvl></w:abstractNum>'
            )
            if first_num is not None:  # the schema wants every abstractNum before the first num
                first_num.addprevious(abstract)
            else:
                self.root.append(abstract)
        self.next_num += 1
        self.root.append(
            parse_xml(
                f'<w:num xmlns:w="{W_NS}" w:numId="{self.next_num}"><w:abstractNumId w:val="{abstract_id}"/>'
                f'<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
            )
        )
        return str(self.next_num)


FORMS = {
    "utf8-text": lambda lines, folder, stem: write_utf8_text(lines, folder / f"{stem}.txt"),
    "gb18030-crlf-text": lambda lines, folder, stem: write_gb18030_crlf_text(lines, folder / f"{stem}.txt"),
    "typed-docx": lambda lines, folder, stem: write_typed_docx(lines, folder / f"{stem}.docx"),
    "list-numbered-docx": lambda lines, folder, stem: write_list_numbered_docx(lines, folder / f"{stem}.docx"),
}
