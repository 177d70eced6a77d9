"""LibreOffice's PDFs made byte-reproducible: its own clock out of the file.

A PDF from LibreOffice differs from run to run only in its creation date, its
file identifier and its checksum (hashes that include the time). The date
becomes the build's date (``SOURCE_DATE_EPOCH`` where set, as in the Word
files), identifier and checksum a hash of the rest; all keep their length, so every
byte offset in the file (its cross-reference table) stays right.
"""

from __future__ import annotations

import datetime
import hashlib
import re

from ..docx.properties import build_time

_DATE = re.compile(rb"/(CreationDate|ModDate)\(D:(\d{14})(Z'?|[+-]\d\d'\d\d'?)\)")
_ID = re.compile(rb"(/ID\s*\[\s*<)([0-9A-Fa-f]+)(>\s*<)([0-9A-Fa-f]+)(>\s*\])")
_CHECKSUM = re.compile(rb"(/DocChecksum\s*/)([0-9A-Fa-f]+)")


def stamp(data: bytes, when: datetime.datetime | None = None) -> bytes:
    """``data`` with its dates set to ``when`` (default: the build's) and its identifier derived from its content."""
    moment = when or build_time()
    data = _DATE.sub(lambda found: _dated(found, moment), data)
    blank = _ID.sub(lambda f: f[1] + b"0" * len(f[2]) + f[3] + b"0" * len(f[4]) + f[5], data)
    blank = _CHECKSUM.sub(lambda f: f[1] + b"0" * len(f[2]), blank)
    digest = hashlib.md5(blank).hexdigest().upper().encode()
    data = _ID.sub(lambda f: f[1] + _fit(digest, len(f[2])) + f[3] + _fit(digest, len(f[4])) + f[5], data)
    return _CHECKSUM.sub(lambda f: f[1] + _fit(digest, len(f[2])), data)


def _dated(found: re.Match, moment: datetime.datetime) -> bytes:
    zone = found[3]
    if zone.startswith(b"Z"):
        local = moment.astimezone(datetime.timezone.utc)
    else:
        sign = 1 if zone[:1] == b"+" else -1
        offset = datetime.timedelta(hours=int(zone[1:3]), minutes=int(zone[4:6]))
        local = moment.astimezone(datetime.timezone(sign * offset))
    return b"/" + found[1] + b"(D:" + local.strftime("%Y%m%d%H%M%S").encode() + zone + b")"


def _fit(digest: bytes, length: int) -> bytes:
    return (digest * (length // len(digest) + 1))[:length]
