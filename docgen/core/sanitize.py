"""Text that XML (and so Word) can hold."""

from __future__ import annotations

import re

# XML 1.0 allows tab, newline, carriage return and everything from U+0020 up,
# except lone surrogates and U+FFFE/U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_safe(text: str) -> tuple[str, list[str]]:
    """Return ``text`` without the characters XML cannot hold, and those dropped (as U+XXXX)."""
    dropped = [f"U+{ord(c):04X}" for c in NOT_XML.findall(text)]
    if not dropped:
        return text, []
    return NOT_XML.sub("", text), dropped
