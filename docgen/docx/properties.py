"""``docProps/core.xml`` and ``docProps/app.xml``: what Word shows under 文件 → 信息.

Written by docgen for every output instead of python-docx's defaults (which
name "Microsoft Macintosh Word" and a date in 2013). The date is the build's
day, so two builds of the same inputs on one day are byte-identical; with
``SOURCE_DATE_EPOCH`` set it is that moment, and any two builds are.
"""

from __future__ import annotations

import datetime
import os
from dataclasses import dataclass
from html import escape as _html_escape
from pathlib import Path

APPLICATION = "docgen"


def escape(text: str) -> str:
    """``text`` as XML text, & < > escaped (as ``xml.sax.saxutils.escape`` does, which would
    bring urllib, http and ssl into every build)."""
    return _html_escape(text, quote=False)

CORE_PART = "docProps/core.xml"
APP_PART = "docProps/app.xml"


@dataclass(frozen=True)
class DocumentProperties:
    title: str = ""
    creator: str = ""  # 作者: the unit that wrote the document, when known
    company: str = ""  # 单位: the cover's 编印单位, when set

    def parts(self, when: datetime.datetime | None = None) -> dict[str, bytes]:
        """The two parts, dated ``when`` (default: ``build_time()``)."""
        return {CORE_PART: core_xml(self, when or build_time()), APP_PART: app_xml(self)}


def build_time() -> datetime.datetime:
    """``SOURCE_DATE_EPOCH`` if set (reproducible builds), else today at 00:00 UTC."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.timezone.utc)
    today = datetime.datetime.now(datetime.timezone.utc).date()
    return datetime.datetime(today.year, today.month, today.day, tzinfo=datetime.timezone.utc)


def core_xml(props: DocumentProperties, when: datetime.datetime) -> bytes:
    stamp = when.astimezone(datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")
    creator = f"<dc:creator>{escape(props.creator)}</dc:creator>" if props.creator else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{escape(props.title)}</dc:title>{creator}"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{stamp}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{stamp}</dcterms:modified>'
        "</cp:coreProperties>"
    ).encode()


def app_xml(props: DocumentProperties) -> bytes:
    company = f"<Company>{escape(props.company)}</Company>" if props.company else ""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
        'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"<Application>{APPLICATION}</Application><DocSecurity>0</DocSecurity>{company}"
        "</Properties>"
    ).encode()


def same_but_dated(old: Path, new: Path) -> bool:
    """Whether two Word files hold the same document, ``core.xml`` (the day of the build) aside."""
    import zipfile  # only where a build keeps the PDFs of an earlier one

    try:
        with zipfile.ZipFile(old) as before, zipfile.ZipFile(new) as after:
            parts = [info for info in before.infolist() if info.filename != CORE_PART]
            if [(i.filename, i.CRC, i.file_size) for i in parts] != [
                (i.filename, i.CRC, i.file_size) for i in after.infolist() if i.filename != CORE_PART
            ]:
                return False
            return all(before.read(info) == after.read(info.filename) for info in parts)
    except (OSError, zipfile.BadZipFile):
        return False
