"""The .docx zip container: parts in, bytes out, the same bytes for the same parts.

Every entry carries one fixed date (zip dates are invisible to users but would
make two builds of the same inputs differ), so outputs can be compared and
archived by checksum.
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from collections.abc import Iterable
from typing import BinaryIO

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


def add_parts(package: zipfile.ZipFile, parts: dict[str, bytes]) -> None:
    for name, data in parts.items():
        entry = zipfile.ZipInfo(name, FIXED_ZIP_DATE)
        entry.compress_type = zipfile.ZIP_DEFLATED
        entry.create_system = 0  # the same bytes on Windows and Linux
        package.writestr(entry, data)


# --- many packages that share most of their parts ---------------------------------------------
#
# Each report's .docx differs from the next only in its document part and its
# properties. ``zipfile`` appending to a package reads its whole directory and
# writes it again: most of the cost of a small package. ``SharedParts`` takes
# the shared parts' entries and directory once, as bytes; each package is then
# those bytes with its own entries after them, laid out byte for byte as
# ``zipfile`` lays out ``add_parts`` (tests/docx/test_package.py compares).

_LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")
_DIRECTORY_ENTRY = struct.Struct("<4s4B4HL2L5H2L")
_END_RECORD = struct.Struct("<4s4H2LH")
_VERSION = 20  # what zipfile writes for a deflated entry
_UTF8_NAME = 0x800
_PERMISSIONS = 0o600 << 16  # what zipfile gives an entry of no other attributes: rw-------
_LIMIT = zipfile.ZIP64_LIMIT  # beyond it zipfile writes ZIP64 records, which docgen's packages never need


class PackageTooLarge(ValueError):
    """A package or one of its parts past what a plain zip file holds (2 GiB)."""


class SharedParts:
    """The parts a run of packages has alike (those of one rendered template), compressed and indexed once."""

    def __init__(self, package: bytes):
        end = len(package) - _END_RECORD.size  # zip_parts writes no archive comment
        _, _, _, _, self.count, size, offset, _ = _END_RECORD.unpack_from(package, end)
        self.entries = package[:offset]
        self.directory = package[offset : offset + size]


def write_package(file: BinaryIO, shared: SharedParts, own: dict[str, Iterable[bytes]]) -> None:
    """A package into ``file`` (seekable, empty): the ``shared`` parts, then ``own``
    (name → the part's bytes in pieces, so a long part need not be held whole)."""
    file.write(shared.entries)
    directory = [shared.directory]
    for name, pieces in own.items():
        directory.append(_write_entry(file, name, pieces))
    size = sum(len(entry) for entry in directory)
    offset = file.tell()
    if offset + size > _LIMIT:
        raise PackageTooLarge(offset + size)
    file.writelines(directory)
    count = shared.count + len(own)
    file.write(_END_RECORD.pack(b"PK\x05\x06", 0, 0, count, count, size, offset, 0))


def _write_entry(file: BinaryIO, name: str, pieces: Iterable[bytes]) -> bytes:
    """One deflated entry, its header written again once its sizes are known; its directory record."""
    encoded, flags = _name_bytes(name)
    dos_time, dos_date = _dos_stamp(FIXED_ZIP_DATE)
    start = file.tell()
    file.write(_LOCAL_HEADER.pack(b"PK\x03\x04", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, dos_time, dos_date, 0, 0, 0, len(encoded), 0))
    file.write(encoded)
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    crc = size = compressed = 0
    for piece in pieces:
        crc = zlib.crc32(piece, crc)
        size += len(piece)
        data = compressor.compress(piece)
        compressed += len(data)
        file.write(data)
    data = compressor.flush()
    compressed += len(data)
    file.write(data)
    if max(size, compressed, start) > _LIMIT:
        raise PackageTooLarge(max(size, compressed, start))
    end = file.tell()
    file.seek(start)
    file.write(_LOCAL_HEADER.pack(b"PK\x03\x04", _VERSION, 0, flags, zipfile.ZIP_DEFLATED, dos_time, dos_date, crc, compressed, size, len(encoded), 0))
    file.seek(end)
    record = _DIRECTORY_ENTRY.pack(
        b"PK\x01\x02", _VERSION, 0, _VERSION, 0, flags, zipfile.ZIP_DEFLATED, dos_time, dos_date,
        crc, compressed, size, len(encoded), 0, 0, 0, 0, _PERMISSIONS, start,
    )
    return record + encoded


def _name_bytes(name: str) -> tuple[bytes, int]:
    try:
        return name.encode("ascii"), 0
    except UnicodeEncodeError:
        return name.encode("utf-8"), _UTF8_NAME


def _dos_stamp(date_time: tuple[int, ...]) -> tuple[int, int]:
    year, month, day, hour, minute, second = date_time
    return hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day
