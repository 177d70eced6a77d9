"""What a file really is, from its first bytes: 社区 rename files freely
(a .doc saved as .docx, a WPS file called .doc, an RTF called .doc)."""

from __future__ import annotations

import zipfile
from pathlib import Path

ZIP_MAGIC = b"PK\x03\x04"
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .doc, .wps and other pre-2007 Office files
RTF_MAGIC = b"{\\rtf"
PDF_MAGIC = b"%PDF"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
_OPC_FIRST = b"[Content_Types].xml"  # an Office Open XML package's first entry; an OpenDocument's is mimetype

# The formats a file can be in, as the registry of readers knows them.
DOCX, ODT, OLE, RTF, PDF, OTHER = "docx", "odt", "ole", "rtf", "pdf", "other"


def sniff(path: Path) -> str:
    """The format of ``path`` by its content; OTHER for text and anything unknown."""
    try:
        with open(path, "rb") as file:
            head = file.read(64)
    except OSError:
        return OTHER  # the reader chosen by extension says why it cannot be read
    if head.startswith(ZIP_MAGIC):
        if _first_entry(head) == _OPC_FIRST:  # as Word and WPS write a .docx: no need to open the zip
            return DOCX
        return ODT if _zip_mimetype(path) == ODT_MIMETYPE else DOCX
    if head.startswith(OLE_MAGIC):
        return OLE
    if head.lstrip(b"\xef\xbb\xbf").startswith(RTF_MAGIC):
        return RTF
    if head.startswith(PDF_MAGIC):
        return PDF
    return OTHER


def _first_entry(head: bytes) -> bytes:
    """The name of a zip's first entry, from its local header (ODF puts ``mimetype`` there)."""
    length = int.from_bytes(head[26:28], "little")
    return head[30:30 + length]


def _zip_mimetype(path: Path) -> bytes | None:
    """The ``mimetype`` entry OpenDocument packages start with; None where there is none."""
    try:
        with zipfile.ZipFile(path) as package:
            info = package.getinfo("mimetype")
            if info.file_size > 200:
                return None
            return package.read(info).strip()
    except (KeyError, zipfile.BadZipFile, OSError, ValueError, RuntimeError, NotImplementedError):
        return None
