"""Word packages (.docx) read under caps, the same for an imported report and a user's template:
a zip bomb, a lying size or a DOCTYPE (XXE, entity bombs) is refused before it costs anything."""

from __future__ import annotations

import zipfile
import zlib

MAX_DOCX_BYTES = 100 * 1024 * 1024  # photos make real reports large; only the text parts are read
MAX_PART_BYTES = 20 * 1024 * 1024  # the text of a whole volume is a few MB
MAX_ENTRIES = 10_000


class PartTooLarge(Exception):
    """A zip member that unpacks to more than its limit (a zip bomb, likely)."""


UNZIP_ERRORS = (zipfile.BadZipFile, zlib.error, EOFError, OSError, NotImplementedError, ValueError)


def read_capped(package: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int = MAX_PART_BYTES) -> bytes:
    """One member's bytes, never more than ``limit`` read (the declared size may lie).

    Raises PartTooLarge, RuntimeError (encrypted) or one of UNZIP_ERRORS (damaged).
    """
    if info.file_size > limit:
        raise PartTooLarge(info.filename)
    with package.open(info) as stream:
        data = stream.read(limit + 1)
    if len(data) > limit:
        raise PartTooLarge(info.filename)
    return data


def declares_doctype(data: bytes) -> bool:
    head = data[:65536]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head.decode("utf-16", errors="ignore").encode("utf-8")
    return b"<!DOCTYPE" in head.upper() or b"<!ENTITY" in head.upper()
