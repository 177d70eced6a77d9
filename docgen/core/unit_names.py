"""Unit names as typed, as filed and as compared.

One unit reaches docgen typed many ways: café社区 composed (NFC) or decomposed
(NFD, as macOS file names come), with a full-width letter, with a zero-width
space or a BOM pasted from WeChat, with a no-break space from Word. They look
the same in the 目录, so they must be the same unit.

And one 社区 signs as its Party organ: 中共光明社区委员会, 光明社区党委,
光明社区居委会 are all 光明社区. A report is filed under the place it is the
report of (``filed_unit``: the 社区, 村 or 街道); its 落款 keeps the organ's full
name. Import, build (duplicates, ``order``) and ``summary --previous`` /
``--keep`` all tell units apart by ``same_unit_key``, this one rule.
"""

from __future__ import annotations

import hashlib
import unicodedata

_PARTY_PREFIXES = ("中国共产党", "中共")
# What an organ adds to its place's name; the longest is tried first (党总支部 before 支部).
_ORGAN_SUFFIXES = tuple(
    sorted(
        (
            "委员会", "工作委员会", "居民委员会", "村民委员会", "党委", "党工委", "党总支", "党总支部", "党支部",
            "总支部", "支部", "党组织", "居委会", "村委会", "居委办", "两委", "办事处", "党群服务中心", "服务中心",
            "便民服务中心", "工作站", "服务站", "党组", "组织办", "党建办", "办公室",
        ),
        key=len,
        reverse=True,
    )
)
PLACE_ENDINGS = ("社区", "街道", "村", "镇", "乡")
_PARENT_PLACES = ("街道", "镇", "乡")  # a 社区 or 村 within one is filed under its own name


def clean_unit_name(name: str) -> str:
    """The name as shown and used for its file: without invisible characters or outer spaces."""
    if name.isprintable():  # no format character (Cf) in it: the common case, told at C speed
        return name.strip()
    return "".join(char for char in name if not _invisible(char)).strip()


def filed_unit(name: str) -> str:
    """The unit a report is filed under: the 社区 (村, 街道) its organ belongs to.

    中共光明社区委员会 → 光明社区, 东湖社区党委 → 东湖社区, 红旗街道党工委 → 红旗街道,
    红旗街道东湖社区 → 东湖社区; a name of no such place (示例单位01, XX集团党支部) as it is.
    """
    cleaned = clean_unit_name(name)
    place = cleaned.removeprefix(_PARTY_PREFIXES[0]).removeprefix(_PARTY_PREFIXES[1]).strip()
    shortened = True
    while shortened:
        shortened = False
        for suffix in _ORGAN_SUFFIXES:
            if place.endswith(suffix) and len(place) > len(suffix):
                place, shortened = place[: -len(suffix)].rstrip(), True
                break
    if not place.endswith(PLACE_ENDINGS) or place in PLACE_ENDINGS:
        return cleaned
    if place.endswith(("社区", "村")):
        cut = max((place.rfind(word) + len(word) for word in _PARENT_PLACES if word in place), default=0)
        if place[cut:] not in PLACE_ENDINGS:
            place = place[cut:]
    return place


def same_unit_key(name: str) -> str:
    """What two names of one unit share: the unit filed under, NFKC, without invisible
    characters or spaces, case folded (中共光明社区委员会 and 光明 社区 are one unit)."""
    folded = unicodedata.normalize("NFKC", filed_unit(name)).casefold()
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
