"""Unit names as typed and as compared.

One unit reaches docgen typed many ways: café社区 composed (NFC) or decomposed
(NFD, as macOS file names come), with a full-width letter, with a zero-width
space or a BOM pasted from WeChat, with a no-break space from Word. They look
the same in the 目录, so they must be the same unit.
"""

from __future__ import annotations

import hashlib
import unicodedata


def clean_unit_name(name: str) -> str:
    """The name as shown and used for its file: without invisible characters or outer spaces."""
    if name.isprintable():  # no format character (Cf) in it: the common case, told at C speed
        return name.strip()
    return "".join(char for char in name if not _invisible(char)).strip()


def same_unit_key(name: str) -> str:
    """What two names of one unit share: NFKC, without invisible characters or spaces, case folded."""
    folded = unicodedata.normalize("NFKC", name).casefold()
    if folded.isprintable():  # no Cf character, and no space but U+0020
        return folded.replace(" ", "")
    return "".join(char for char in folded if not _invisible(char) and not char.isspace())


def _invisible(char: str) -> bool:
    # Cf: zero-width space and joiners, BOM, word joiner, soft hyphen, direction marks.
    return unicodedata.category(char) == "Cf"


def units_fingerprint(units: list[str]) -> str:
    """A short mark of which units a volume holds (their order aside): the ledger records it, build compares."""
    names = sorted(same_unit_key(unit) for unit in units)
    return f"{len(names)}:{hashlib.sha256(chr(10).join(names).encode('utf-8')).hexdigest()[:16]}"
