"""The .docx zip container: parts in, bytes out, the same bytes for the same parts.

Every entry carries one fixed date (zip dates are invisible to users but would
make two builds of the same inputs differ), so outputs can be compared and
archived by checksum.
"""

from __future__ import annotations

import io
import zipfile

FIXED_ZIP_DATE = (2020, 1, 1, 0, 0, 0)
STYLES_PART = "word/styles.xml"
FONT_TABLE_PART = "word/fontTable.xml"


def read_parts(data: bytes) -> dict[str, bytes]:
    """The parts of a package in their stored order."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        return {info.filename: package.read(info) for info in package.infolist()}


def zip_parts(parts: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as package:
        add_parts(package, parts)
    return out.getvalue()


def append_parts(package_bytes: bytes, parts: dict[str, bytes]) -> bytes:
    """``package_bytes`` with ``parts`` added at its end (no recompression of the rest)."""
    out = io.BytesIO(package_bytes)
    out.seek(0, io.SEEK_END)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as package:
        add_parts(package, parts)
    return out.getvalue()


def add_parts(package: zipfile.ZipFile, parts: dict[str, bytes]) -> None:
    for name, data in parts.items():
        entry = zipfile.ZipInfo(name, FIXED_ZIP_DATE)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 0  # the same bytes on Windows and Linux
        package.writestr(entry, data)
