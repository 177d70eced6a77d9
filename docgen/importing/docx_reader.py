"""A .docx file → its paragraphs, with the numbers Word would display.

The package is opened with zipfile and each part parsed with lxml by hand
rather than through python-docx: the files come from many hands, so every
part's size is checked (declared and actually read), no DTD is loaded, no
entity is resolved and no network is touched. A part with a DOCTYPE is
refused: Word never writes one, and it is how XXE and entity bombs arrive.
"""

from __future__ import annotations

import io
import posixpath
import threading
import zipfile
from pathlib import Path

from lxml import etree

from ..core.findings import IMPORT_SKIPPED, Finding
from ..core.model import Origin
from ..errors import InputError
from ..fs.input_file import read_input_bytes
from ..fs.safe_zip import MAX_DOCX_BYTES, MAX_ENTRIES, MAX_PART_BYTES, UNZIP_ERRORS, PartTooLarge, declares_doctype, read_capped
from .markers import split_marker
from .paragraphs import Para
from .sniff import OLE_MAGIC
from .word_numbering import ListNumbers, list_definitions, list_reference
from .word_styles import ParagraphStyles
from .wordml import W, attribute, child, child_value, is_on, local_name, transitional

DEFAULT_MAIN_PART = "word/document.xml"
_OFFICE_DOCUMENT = "/officeDocument"
_NUMBERING = "/numbering"
_STYLES = "/styles"


def read_docx_paragraphs(path: Path) -> tuple[list[Para], list[Finding]]:
    """The paragraphs of a Word file in body order (tables included) and the notes reading it raised."""
    with _open_package(path) as package:
        parts = _Parts(package, path)
        main = parts.main_part_name()
        body = parts.xml(main, required=True)
        related = parts.related(main)
        numbering = parts.named(related.get(_NUMBERING, posixpath.join(posixpath.dirname(main), "numbering.xml")))
        styles_name = related.get(_STYLES, posixpath.join(posixpath.dirname(main), "styles.xml"))
        # Only a paragraph that names its style takes anything from the styles part.
        styles = parts.named(styles_name) if _names_a_style(body) else (None, styles_name, path)
    numbers = ListNumbers(*_same_parts.made(numbering, list_definitions))
    paragraphs, boxed = _paragraphs(body, numbers, _same_parts.made(styles, ParagraphStyles), path)
    notes = [Finding(IMPORT_SKIPPED, Origin(path), f"文本框和图形里的文字（{boxed} 段）不是正文，没有导入")] if boxed else []
    return paragraphs, notes


def _names_a_style(document) -> bool:
    return next(document.iter(W + "pStyle"), None) is not None


class _SameParts:
    """What was read from a part, kept for the next file holding the very same bytes: the
    reports of one office come from one template, their styles and numbering alike to the byte,
    and parsing a template's styles costs more than the rest of a report. What is kept is never
    changed by its readers."""

    def __init__(self, most: int = 8):  # a template's styles, parsed, take a few MB
        self.most = most
        self.kept: dict[tuple, object] = {}

    def made(self, part: tuple[bytes | None, str, Path], make):
        data, name, path = part
        key = (make, data)
        if key not in self.kept:
            if len(self.kept) >= self.most:
                del self.kept[next(iter(self.kept))]  # the oldest: one template after another
            self.kept[key] = make(None if data is None else parse_part(data, name, path))
        return self.kept[key]


_same_parts = _SameParts()


def _open_package(path: Path) -> zipfile.ZipFile:
    data = read_input_bytes(path, MAX_DOCX_BYTES)  # a regular file, read no further than the cap
    if data.startswith(OLE_MAGIC):
        raise InputError(
            "这是旧版 Word（.doc）文件或加了密码的 Word 文件：请在 Word 中去掉密码、“另存为”.docx 格式后再导入",
            Origin(path),
        )
    if not data.startswith(b"PK"):
        raise InputError("这不是 Word（.docx）文件（可能是改了扩展名的其他文件），无法导入", Origin(path))
    try:
        package = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError):
        raise InputError("文件已损坏（不是完整的 .docx 压缩包），无法导入", Origin(path)) from None
    if len(package.infolist()) > MAX_ENTRIES:
        package.close()
        raise InputError("文件中的部件多得异常，不像是 Word 文件，已拒绝读取", Origin(path))
    return package


class _Parts:
    """The XML parts of one open package, read within size limits."""

    def __init__(self, package: zipfile.ZipFile, path: Path):
        self.package = package
        self.path = path

    def fail(self, message: str) -> InputError:
        return InputError(message, Origin(self.path))

    def main_part_name(self) -> str:
        targets = self._relationships("_rels/.rels", "")
        return targets.get(_OFFICE_DOCUMENT, DEFAULT_MAIN_PART)

    def related(self, part: str) -> dict[str, str]:
        folder, name = posixpath.split(part)
        return self._relationships(posixpath.join(folder, "_rels", name + ".rels"), folder)

    def _relationships(self, rels_name: str, base: str) -> dict[str, str]:
        root = self.xml(rels_name)
        if root is None:
            return {}
        targets = {}
        for relationship in root.iter("{*}Relationship"):
            relation, target = relationship.get("Type", ""), relationship.get("Target", "")
            if relationship.get("TargetMode") == "External" or not target:
                continue
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(base, target))
            targets.setdefault("/" + relation.rsplit("/", 1)[-1], resolved)
        return targets

    def xml(self, name: str, required: bool = False):
        data = self._read(name, required)
        return None if data is None else parse_part(data, name, self.path)

    def named(self, name: str) -> tuple[bytes | None, str, Path]:
        """An optional part's bytes (None if absent), with what a message about it names."""
        return self._read(name, False), name, self.path

    def _read(self, name: str, required: bool) -> bytes | None:
        try:
            info = self.package.getinfo(name)
        except KeyError:
            if required:
                raise self.fail(f"文件中没有 Word 正文（{name}），不是完整的 .docx 文件") from None
            return None
        try:
            return read_capped(self.package, info)
        except PartTooLarge:
            raise self.fail(_too_large(name)) from None
        except RuntimeError:
            raise self.fail("文件加了密码，请在 Word 中去掉密码后再导入") from None
        except UNZIP_ERRORS:
            raise self.fail(f"文件已损坏（{name} 无法解压），无法导入") from None


def _too_large(name: str) -> str:
    limit = MAX_PART_BYTES // (1024 * 1024)
    return f"文件中的 {name} 解压后超过 {limit} MB，不像是一份报告（可能是恶意的“压缩炸弹”），已拒绝读取"


_parsers = threading.local()  # building a parser costs more than parsing a small part: one a thread


def _safe_parser() -> etree.XMLParser:
    parser = getattr(_parsers, "parser", None)
    if parser is None:
        parser = _parsers.parser = etree.XMLParser(
            resolve_entities=False,
            no_network=True,
            load_dtd=False,
            dtd_validation=False,
            huge_tree=False,
            remove_comments=True,
            remove_pis=True,
        )
    return parser


def parse_part(data: bytes, name: str, path: Path):
    """One XML part, refused if it declares a DOCTYPE (XXE, entity bombs)."""
    refused = InputError(f"文件中的 {name} 含有 DOCTYPE 声明（Word 不会这样保存，可能是恶意文件），已拒绝读取", Origin(path))
    if declares_doctype(data):
        raise refused
    try:
        root = etree.fromstring(transitional(data), _safe_parser())
    except etree.XMLSyntaxError:
        raise InputError(f"文件已损坏（{name} 不是有效的 XML），无法导入", Origin(path)) from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # one the byte check could not see
        raise refused
    return root


# --- paragraphs ------------------------------------------------------------------

_SKIPPED = {"del", "moveFrom", "Fallback", "rPr", "pPr", "instrText", "delText", "footnoteReference", "endnoteReference"}


def _paragraphs(document, numbers: ListNumbers, styles: ParagraphStyles, path: Path) -> tuple[list[Para], int]:
    """The body's paragraphs, and how many paragraphs of text boxes and drawings were left out."""
    body = document.find(W + "body")
    if body is None:
        return [], 0
    paragraphs: list[Para] = []
    in_toc = _toc_paragraphs(body, styles)
    rows: dict = {}  # table row element → its number in the file
    boxed = 0
    for index, (p, in_box) in enumerate(_body_paragraphs(body), 1):
        if in_box:
            boxed += any(text.strip() for text in _text_segments(p))
            continue
        label = numbers.label(*_numbering_of(p, styles))
        segments = _text_segments(p)
        segments[0] = (label or "") + segments[0]
        if _is_row_number_cell(p):
            segments[0] = _typed_number(segments[0])
        row, column = _table_place(p, rows)
        emphasis = _is_emphasised(p, styles)
        paragraphs += [
            Para(text, Origin(path, paragraph=index), in_toc=p in in_toc, row=row, column=column, emphasis=emphasis)
            for text in segments
            if text.strip()
        ]
    return paragraphs, boxed


def _body_paragraphs(body):
    """Every w:p in document order, table cells included, skipping the copies
    Word keeps in mc:Fallback and text deleted under change tracking; with each,
    whether it is in a text box or a drawing (labels, not the report's text)."""
    for p in body.iter(W + "p"):
        ancestors = [local_name(a) for a in p.iterancestors()]
        if not any(name in ("Fallback", "del", "moveFrom") for name in ancestors):
            yield p, any(name in _BOXES for name in ancestors)


_BOXES = {"txbxContent", "textbox", "drawing", "pict", "object"}


# --- headings by their look -------------------------------------------------------------


def _is_emphasised(p, styles: ParagraphStyles) -> bool:
    """A paragraph in a heading or bold style (no run unbolding it), at an outline level, or all of its text bold."""
    outline = child_value(p, "pPr/outlineLvl")
    if outline is not None and outline.isdigit() and int(outline) < 9:
        return True
    runs = [r for r in p.iter(W + "r") if "".join(t.text or "" for t in r.iter(W + "t")).strip()]
    if not runs:
        return False
    bolds = [child(r, "rPr/b") for r in runs]
    if styles.is_emphasis(child_value(p, "pPr/pStyle")):
        return all(b is None or is_on(b) for b in bolds)
    return all(is_on(b) for b in bolds)


# --- tables of contents ------------------------------------------------------------


def _toc_paragraphs(body, styles: ParagraphStyles) -> set:
    """The paragraphs of a table of contents: inside a TOC field or a 目录 content
    control, in a 目录 style, or holding a link to a _Toc bookmark."""
    found = set()
    fields: list[str] = []  # instructions of the fields open at this point, outermost first
    paragraph, toc_at_start = None, False
    for element in body.iter():
        name = local_name(element)
        if name == "p":
            paragraph, toc_at_start = element, _is_toc_field(fields)
            if toc_at_start or _marks_toc(element, styles):
                found.add(element)
        elif name == "fldChar":
            char_type = attribute(element, "fldCharType")
            if char_type == "begin":
                fields.append("")
            elif char_type == "end" and fields:
                fields.pop()
        elif name == "instrText" and fields:
            fields[-1] += element.text or ""
            if _is_toc_field(fields) and paragraph is not None:
                found.add(paragraph)
        elif name == "fldSimple" and _is_toc_field([attribute(element, "instr") or ""]) and paragraph is not None:
            found.add(paragraph)
    return found


def _is_toc_field(instructions: list[str]) -> bool:
    return any(instruction.split()[:1] == ["TOC"] for instruction in instructions)


def _marks_toc(p, styles: ParagraphStyles) -> bool:
    if styles.is_toc(child_value(p, "pPr/pStyle")):
        return True
    if any((attribute(link, "anchor") or "").startswith("_Toc") for link in p.iter(W + "hyperlink")):
        return True
    return any(
        (child_value(sdt, "sdtPr/docPartObj/docPartGallery") or "").lower() == "table of contents"
        for sdt in p.iterancestors(W + "sdt")
    )


# --- one paragraph ---------------------------------------------------------------------


def _numbering_of(p, styles: ParagraphStyles) -> tuple[str | None, int]:
    """The list (numId, level) a paragraph is in: its own w:numPr over its style's."""
    num_id, level = styles.numbering(child_value(p, "pPr/pStyle")) or (None, 0)
    num_pr = child(p, "pPr/numPr")
    if num_pr is not None:
        own_id, own_level = list_reference(num_pr)
        num_id = own_id or num_id
        level = level if own_level is None else own_level
    return num_id, level


def _text_segments(p) -> list[str]:
    """The paragraph's text, split where a manual line break (Shift+Enter) is.

    A line feed typed into the text itself (converters write them) splits it
    too: every paragraph handed on is one line.
    """
    segments = [""]

    def walk(element) -> None:
        for part in element:
            name = local_name(part)
            if name in _SKIPPED or name == "p" or (name == "r" and _hidden(part)):
                continue
            if name == "t":
                first, *more = (part.text or "").splitlines() or [""]
                segments[-1] += first
                segments.extend(more)
            elif name == "tab":
                segments[-1] += "\t"
            elif name in ("br", "cr"):
                segments.append("")
            elif name == "noBreakHyphen":
                segments[-1] += "-"
            else:
                walk(part)

    walk(p)
    return segments


def _hidden(run) -> bool:
    return is_on(child(run, "rPr/vanish"))


def _is_row_number_cell(p) -> bool:
    """The paragraph is in the first of several cells of a table row, where a table of items keeps its 序号."""
    cell = p.getparent()
    return (
        local_name(cell) == "tc"
        and not _holds_a_cell(cell.itersiblings(preceding=True))
        and _holds_a_cell(cell.itersiblings())
    )


def _table_place(p, rows: dict) -> tuple[int | None, int]:
    """(row, column) of the cell a paragraph is in; rows are numbered through the file."""
    cell = next(p.iterancestors(W + "tc"), None)
    if cell is None:
        return None, 0
    row = cell.getparent()
    column = sum(1 for sibling in cell.itersiblings(preceding=True) if local_name(sibling) == "tc")
    return rows.setdefault(row, len(rows) + 1), column


def _holds_a_cell(elements) -> bool:
    return any(local_name(element) == "tc" for element in elements)


def _typed_number(text: str) -> str:
    """A bare 序号 ("1", "一") as it would be typed before its item ("1.", "一、"), so that
    the recogniser gives it the text of the next cell; any other text as it is."""
    bare = text.strip()
    if not bare or split_marker(bare)[0] is not None:
        return text
    marker, rest = split_marker(bare + ".")
    return bare + "." if marker is not None and not rest else text
