"""docgen's own template with parts added or replaced: a user's template made the odd ways
tests need (attached templates, external links, zip bombs, damaged parts)."""

from __future__ import annotations

import io
import zipfile

from docgen.docx.template_builder import TEMPLATE_PATH


def template_package_with(parts: dict[str, bytes | str]) -> bytes:
    """docgen's template with ``parts`` (text written as UTF-8) added or replaced."""
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE_PATH) as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for info in src.infolist():
            if info.filename not in parts:
                dst.writestr(info, src.read(info))
        for name, data in parts.items():
            dst.writestr(name, data.encode("utf-8") if isinstance(data, str) else data)
    return out.getvalue()
