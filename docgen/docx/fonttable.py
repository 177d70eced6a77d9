"""``word/fontTable.xml``: every face the styles name, described for substitution.

Where a face is not installed, Word and WPS pick a substitute from what the
font table says of it: charset 86 (GB2312) keeps the substitute Chinese, the
family and PANOSE numbers keep a 仿宋 a 仿宋 rather than any Chinese face, and
the alternate name lets 仿宋_GB2312 and 仿宋 stand for each other.
"""

from __future__ import annotations

from dataclasses import dataclass

from docx.oxml.ns import qn
from lxml import etree

from .ooxml import XML_PARSER
from .package import FONT_TABLE_PART, STYLES_PART

GB2312_CHARSET = "86"
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")


@dataclass(frozen=True)
class Face:
    alt_name: str
    family: str  # roman (serif), modern (fixed pitch), swiss (sans), auto
    pitch: str
    panose: str | None = None  # as the Windows face declares it
    signature: tuple[str, ...] | None = None  # usb0..3, csb0..1 of the Windows face


# The Windows faces' own numbers, as Word writes them when it saves a file using them.
_SIM = ("800002BF", "38CF7CFA", "00000016", "00000000", "00040001", "00000000")
_GB2312 = ("00000001", "080E0000", "00000010", "00000000", "00040000", "00000000")
KNOWN_FACES = {
    "宋体": Face("SimSun", "auto", "variable", "02010600030101010101",
                 ("00000003", "288F0000", "00000016", "00000000", "00040001", "00000000")),
    "黑体": Face("SimHei", "modern", "fixed", "02010609060101010101", _SIM),
    "仿宋": Face("仿宋_GB2312", "modern", "fixed", "02010609060101010101", _SIM),
    "楷体": Face("楷体_GB2312", "modern", "fixed", "02010609060101010101", _SIM),
    "仿宋_GB2312": Face("仿宋", "modern", "fixed", "02010609030101010101", _GB2312),
    "楷体_GB2312": Face("楷体", "modern", "fixed", "02010609030101010101", _GB2312),
    # Founder's faces publish no PANOSE worth copying; "roman" steers a
    # substitute towards a serif (宋体-like) face, which 小标宋 is.
    "方正小标宋简体": Face("FZXiaoBiaoSong-B05S", "roman", "variable"),
    "方正小标宋_GBK": Face("FZXiaoBiaoSong-B05", "roman", "variable"),
}


def declare_faces(parts: dict[str, bytes], keep_others: bool = True) -> None:
    """Rewrite the package's font table (if it has one) for the faces its styles
    name; ``keep_others`` keeps the entries of other faces (a restyled template's)."""
    if FONT_TABLE_PART in parts and STYLES_PART in parts:
        existing = parts[FONT_TABLE_PART] if keep_others else None
        parts[FONT_TABLE_PART] = font_table_xml(faces_named(parts[STYLES_PART]), existing)


def faces_named(styles_xml: bytes) -> list[str]:
    """Every face the styles (and document defaults) name, in order of first use."""
    root = etree.fromstring(styles_xml, XML_PARSER)
    faces: list[str] = []
    for fonts in root.iter(qn("w:rFonts")):
        for slot in _FONT_SLOTS:
            face = fonts.get(qn(f"w:{slot}"))
            if face and face not in faces:
                faces.append(face)
    return faces


def font_table_xml(faces: list[str], existing_xml: bytes | None = None) -> bytes:
    """A font table declaring ``faces``, then the entries of ``existing_xml`` for other faces."""
    root = etree.Element(qn("w:fonts"), nsmap={"w": _W})
    for face in faces:
        root.append(_font_element(face))
    if existing_xml:
        for old in etree.fromstring(existing_xml, XML_PARSER).iterfind(qn("w:font")):
            if old.get(qn("w:name")) not in faces:
                root.append(old)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _font_element(name: str):
    font = etree.Element(qn("w:font"))
    font.set(qn("w:name"), name)
    known = KNOWN_FACES.get(name)
    if known is None:
        # An unknown face: at least say whether it is a Chinese one.
        if any(ord(ch) > 0x2E7F for ch in name):
            _child(font, "charset", GB2312_CHARSET)
        return font
    _child(font, "altName", known.alt_name)
    if known.panose:
        _child(font, "panose1", known.panose)
    _child(font, "charset", GB2312_CHARSET)
    _child(font, "family", known.family)
    _child(font, "pitch", known.pitch)
    if known.signature:
        sig = etree.SubElement(font, qn("w:sig"))
        for attr, value in zip(("usb0", "usb1", "usb2", "usb3", "csb0", "csb1"), known.signature):
            sig.set(qn(f"w:{attr}"), value)
    return font


def _child(parent, tag: str, value: str) -> None:
    etree.SubElement(parent, qn(f"w:{tag}")).set(qn("w:val"), value)
