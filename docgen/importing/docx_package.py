"""A .docx package read under caps: its XML parts, found by their relationships, each
parsed safely; a part the same to the byte as one of a file read before is not parsed again.

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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from lxml import etree

from ..core.model import Origin
from ..errors import InputError
from ..fs.input_file import read_input_bytes
from ..fs.safe_zip import MAX_DOCX_BYTES, MAX_ENTRIES, MAX_PART_BYTES, UNZIP_ERRORS, PartTooLarge, declares_doctype, read_capped
from .sniff import OLE_MAGIC
from .wordml import transitional

DEFAULT_MAIN_PART = "word/document.xml"
_OFFICE_DOCUMENT = "/officeDocument"
NUMBERING = "/numbering"
STYLES = "/styles"


class BrokenPart(Exception):
    """A part that cannot be read, said without the file (the caller names it)."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def open_package(path: Path) -> zipfile.ZipFile:
    """The package of ``path``, open; an InputError naming it where it is no .docx or too large."""
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


class Parts:
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

    def named(self, name: str) -> Part:
        """An optional part (its bytes None if the file has none)."""
        info = self._info(name)
        return Part(self._read(name, False), 0 if info is None else info.CRC, name)

    def _info(self, name: str) -> zipfile.ZipInfo | None:
        try:
            return self.package.getinfo(name)
        except KeyError:
            return None

    def _read(self, name: str, required: bool) -> bytes | None:
        info = self._info(name)
        if info is None:
            if required:
                raise self.fail(f"文件中没有 Word 正文（{name}），不是完整的 .docx 文件")
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
    """One XML part, refused (an InputError naming ``path``) if it declares a DOCTYPE or is no XML."""
    try:
        return parse_xml(data, name)
    except BrokenPart as broken:
        raise InputError(broken.message, Origin(path)) from None


def parse_xml(data: bytes, name: str):
    """One XML part, a BrokenPart if it declares a DOCTYPE (XXE, entity bombs) or is no XML."""
    refused = BrokenPart(f"文件中的 {name} 含有 DOCTYPE 声明（Word 不会这样保存，可能是恶意文件），已拒绝读取")
    if declares_doctype(data):
        raise refused
    try:
        root = etree.fromstring(transitional(data), _safe_parser())
    except etree.XMLSyntaxError:
        raise BrokenPart(f"文件已损坏（{name} 不是有效的 XML），无法导入") from None
    docinfo = root.getroottree().docinfo
    if docinfo.doctype or docinfo.internalDTD is not None:  # one the byte check could not see
        raise refused
    return root


@dataclass(frozen=True)
class Part:
    """An optional part's bytes (None if absent), its CRC-32 as the zip says, and its name for messages."""

    data: bytes | None
    crc: int
    name: str

    def parsed(self):
        """Its root element (None for no part); a BrokenPart where it cannot be read."""
        return None if self.data is None else parse_xml(self.data, self.name)


class SameParts:
    """What was read from a part, kept for the next file holding the very same bytes: the
    reports of one office come from one template, their styles and numbering alike to the byte,
    and parsing a template's styles costs more than the rest of a report. What is kept gives
    the same answers whoever asks (the styles fill themselves in as they are asked for). Parts
    are looked up by the CRC-32 the zip gives (hashing a large part would cost a good part of
    parsing it), then compared byte for byte. The workbench imports in threads: one lock."""

    def __init__(self, most: int = 8):  # a template's styles, parsed whole, take a few MB
        self.most = most
        self.kept: dict[tuple, tuple[bytes | None, object]] = {}
        self.lock = threading.Lock()

    def made(self, part: Part, make: Callable[[Part], object]):
        """``make(part)``, or what it made of a part of the same bytes before; ``make`` must be
        a module-level function (it is part of the key)."""
        key = (make, part.crc, None if part.data is None else len(part.data))
        with self.lock:
            kept = self.kept.get(key)
        if kept is not None and kept[0] == part.data:
            return kept[1]
        made = make(part)
        with self.lock:
            if key not in self.kept and len(self.kept) >= self.most:
                del self.kept[next(iter(self.kept))]  # the oldest: one template after another
            self.kept[key] = (part.data, made)
        return made


same_parts = SameParts()
