"""Whether a font face a volume names will be found: a 公文 face docgen knows, or one
installed on this machine. A face that is neither is likely a typo (仿宋GB2312 for
仿宋_GB2312): Word would silently draw the text in some other face."""

from __future__ import annotations

import os
import sys
from functools import lru_cache
from pathlib import Path

from ..core.findings import UNKNOWN_FONT, Finding
from ..core.model import Origin
from .fonts import OFFICIAL_FACES, installed_families

_SUGGESTION_CUTOFF = 50  # rapidfuzz ratio below which no known face is close enough to suggest
_FONT_KEY = r"SOFTWARE\Microsoft\Windows NT\CurrentVersion\Fonts"
_COMMON = ("仿宋_GB2312", "仿宋", "楷体_GB2312", "楷体", "黑体", "宋体", "方正小标宋简体")  # named when nothing is close


def unknown_face(face: str, origin: Origin) -> Finding | None:
    """A warning for ``face`` (set at ``origin``) if it is neither a known 公文 face nor installed here."""
    if face in OFFICIAL_FACES or face in installed_faces():
        return None
    from rapidfuzz import fuzz, process  # only for a face not found: most volumes name none

    nearest = process.extractOne(face, sorted(OFFICIAL_FACES), scorer=fuzz.ratio, score_cutoff=_SUGGESTION_CUTOFF)
    hint = f"是不是“{nearest[0]}”？" if nearest else f"常用的公文字体有：{'、'.join(_COMMON)}。"
    return Finding(
        UNKNOWN_FONT,
        origin,
        f"字体“{face}”不是常用的公文字体，本机也没有安装，打开文件时会用别的字体代替；{hint}",
    )


@lru_cache(maxsize=1)
def installed_faces() -> frozenset[str]:
    """The font family names installed on this machine (as far as can be told; empty if not)."""
    if sys.platform == "win32":
        return frozenset(_windows_faces())
    return frozenset(installed_families())


def _windows_faces() -> set[str]:
    """The faces in the Windows font folders and the names the registry lists for them."""
    faces: set[str] = set()
    folders = [Path(os.environ.get("WINDIR", r"C:\Windows")) / "Fonts"]
    if os.environ.get("LOCALAPPDATA"):
        folders.append(Path(os.environ["LOCALAPPDATA"]) / "Microsoft" / "Windows" / "Fonts")
    for folder in folders:
        try:
            faces |= {entry.stem for entry in folder.iterdir()}
        except OSError:
            continue
    return faces | _registry_faces()


def _registry_faces() -> set[str]:
    """“SimSun & NSimSun (TrueType)” → SimSun, NSimSun: the names the font registry lists."""
    try:
        import winreg
    except ImportError:
        return set()
    faces: set[str] = set()
    for hive in (winreg.HKEY_LOCAL_MACHINE, winreg.HKEY_CURRENT_USER):
        try:
            with winreg.OpenKey(hive, _FONT_KEY) as key:
                for index in range(winreg.QueryInfoKey(key)[1]):
                    name = winreg.EnumValue(key, index)[0].split(" (")[0]
                    faces |= {part.strip() for part in name.split("&") if part.strip()}
        except OSError:
            continue
    return faces
