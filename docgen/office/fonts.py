"""The faces LibreOffice draws with when docgen runs it: a fontconfig substitution.

Documents name the official faces (仿宋, 楷体, 黑体, 方正小标宋简体, 宋体). On
Windows these are installed and used as they are. Where one is missing (Linux),
docgen's LibreOffice runs get a fontconfig file mapping it to the closest free
face installed:

    仿宋      → a 仿宋 face if one is installed, else Noto Serif CJK SC
    方正小标宋 → Noto Serif CJK SC Bold
    宋体      → Noto Serif CJK SC
    黑体      → Noto Sans CJK SC (its monospaced-Latin cut, Noto Sans Mono CJK SC)
    楷体      → AR PL UKai

The Windows faces draw Latin letters and digits half an em wide, and the page
model counts them so; Noto Serif CJK's own Latin is proportional (digits about
0.55 em), which would move line breaks and page starts. Its ``hwid`` feature
holds half-width Latin glyphs, so docgen derives copies of Noto Serif CJK SC
whose character map points Latin at those glyphs (made once with fontTools,
kept in the user's cache folder) and maps to the copies.

docgen's copies of its faces (Noto Sans Mono CJK SC and AR PL UKai too) map the
Han characters of GB2312, the set the 公文 faces 仿宋_GB2312, 楷体_GB2312 and
方正小标宋 are made for, and every other character of the Basic Multilingual
Plane but Han and Hangul (punctuation, symbols, Latin, kana all kept). A rarer
character (堃, 喆, 䶮, 𠮷) is drawn from the whole face the copy was made from,
the same design: the fontconfig file makes that face the first to fall back on.
Why: LibreOffice reads the whole character map of each face a PDF draws with,
for every PDF; Noto's 44,746 characters against GB2312's 9,887 (with the
non-Han ones) made docgen's PDFs about a fifth slower to make than LibreOffice
with its default faces (measured on 100 reports in one LibreOffice run: 11.1 s
with Noto's whole maps, 9.0 s with these, 9.0 s with LibreOffice's defaults).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from xml.sax.saxutils import escape

SERIF_SOURCE = "Noto Serif CJK SC"
SERIF = "Docgen Serif CJK SC"  # the derived copy with half-width Latin
SERIF_BOLD = "Docgen Serif CJK SC Bold"  # a family of its own: a title's weight comes from the face
SANS_SOURCE = "Noto Sans Mono CJK SC"  # Noto Sans CJK with half-width Latin
SANS = "Docgen Sans Mono CJK SC"  # its copy with GB2312's Han characters
KAI_SOURCE = "AR PL UKai CN"
KAI = "Docgen Kai CN"  # its copy with GB2312's Han characters
_DERIVED_VERSION = "2"  # bump when the derivation changes

# Each official face (and the names it goes by) → faces to use if installed, in order.
# A real face installed under one of the names is used as it is.
_CHOICES = {
    ("仿宋", "仿宋_GB2312", "FangSong", "FangSong_GB2312"): (
        "仿宋", "仿宋_GB2312", "FangSong", "FangSong_GB2312", "STFangsong", "华文仿宋", "方正仿宋简体",
        "FZFangSong-Z02S", "方正仿宋_GBK", SERIF, KAI, KAI_SOURCE,
    ),
    ("方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05"): (
        "方正小标宋简体", "方正小标宋_GBK", "FZXiaoBiaoSong-B05S", "FZXiaoBiaoSong-B05", SERIF_BOLD, SANS, SANS_SOURCE,
    ),
    ("宋体", "SimSun"): ("宋体", "SimSun", SERIF, SANS, SANS_SOURCE),
    ("黑体", "SimHei"): ("黑体", "SimHei", SANS, SANS_SOURCE),
    ("楷体", "楷体_GB2312", "KaiTi", "KaiTi_GB2312"): (
        "楷体", "楷体_GB2312", "KaiTi", "KaiTi_GB2312", "STKaiti", "华文楷体", KAI, KAI_SOURCE,
    ),
}

_STAND_INS = {SERIF, SERIF_BOLD, SANS, SANS_SOURCE, KAI, KAI_SOURCE}
# Every name of the official faces and of the real faces that stand for them: what a volume may name.
OFFICIAL_FACES = frozenset(
    name for names, choices in _CHOICES.items() for name in (*names, *choices) if name not in _STAND_INS
)


@dataclass(frozen=True)
class _Derived:
    family: str
    source: str  # the family it is made from
    style: str  # of the source face
    file_stem: str
    half_width_latin: bool  # Latin pointed at the source's half-width (hwid) glyphs


_DERIVED = (
    _Derived(SERIF, SERIF_SOURCE, "Regular", "DocgenSerifCJKSC-Regular", half_width_latin=True),
    _Derived(SERIF_BOLD, SERIF_SOURCE, "Bold", "DocgenSerifCJKSC-Bold", half_width_latin=True),
    _Derived(SANS, SANS_SOURCE, "Regular", "DocgenSansMonoCJKSC-Regular", half_width_latin=False),
    _Derived(KAI, KAI_SOURCE, "Book", "DocgenKaiCN-Book", half_width_latin=False),
)
_DERIVING = threading.Lock()


def fontconfig_environment(work: Path) -> dict[str, str]:
    """Environment variables that give a LibreOffice run docgen's substitutions
    (a fonts.conf written into ``work``); empty where fontconfig is not used."""
    if sys.platform in ("win32", "darwin") or shutil.which("fc-list") is None:
        return {}
    fonts_dir = derived_fonts()
    installed = installed_families(fonts_dir)
    config = work / "fonts.conf"
    config.write_text(fontconfig_file(substitutions(installed), fonts_dir), encoding="utf-8")
    return {"FONTCONFIG_FILE": str(config)}


def substitutions(installed: set[str]) -> dict[str, str]:
    """Official face → the installed face to draw it with (faces installed as themselves are left out)."""
    chosen = {}
    for names, choices in _CHOICES.items():
        face = next((choice for choice in choices if choice in installed), None)
        for name in names:
            if face and name not in installed:
                chosen[name] = face
    return chosen


def fontconfig_file(mapping: dict[str, str], fonts_dir: Path | None) -> str:
    """A fonts.conf: the system's configuration, the derived faces' folder, one rule a face,
    and for each derived face the face it was made from, to draw what it leaves out."""
    rules = "".join(
        "  <match target=\"pattern\">\n"
        f"    <test name=\"family\"><string>{escape(face)}</string></test>\n"
        f"    <edit name=\"family\" mode=\"assign\" binding=\"strong\"><string>{escape(substitute)}</string></edit>\n"
        "  </match>\n"
        for face, substitute in mapping.items()
    )
    directory = f"  <dir>{escape(str(fonts_dir))}</dir>\n" if fonts_dir else ""
    fallbacks = "".join(  # a character a copy leaves out: from the face it was made from first
        f'  <alias binding="same"><family>{escape(d.family)}</family><accept><family>{escape(d.source)}</family></accept></alias>\n'
        for d in _DERIVED
    )
    system = os.environ.get("FONTCONFIG_FILE") or "/etc/fonts/fonts.conf"
    return (
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f'  <include ignore_missing="yes">{escape(system)}</include>\n'
        f"{directory}{rules}{fallbacks}</fontconfig>\n"
    )


def installed_families(extra_dir: Path | None = None) -> set[str]:
    """Font family names fontconfig knows (every name of each family), the derived copies included."""
    try:
        listed = subprocess.run(["fc-list", ":", "family"], capture_output=True, text=True, timeout=60).stdout
    except (OSError, subprocess.SubprocessError):
        return set()
    families = {name.strip() for line in listed.splitlines() for name in line.split(",") if name.strip()}
    if extra_dir is not None:
        families |= {d.family for d in _DERIVED if (extra_dir / f"{d.file_stem}.otf").is_file()}
    return families


def derived_fonts() -> Path | None:
    """The folder holding docgen's copies of Noto Serif CJK SC, Noto Sans Mono CJK SC and
    AR PL UKai, made on first use (older versions of them removed); None where fontTools
    or those faces are not installed."""
    try:
        from fontTools.ttLib import TTFont  # noqa: F401  (a dependency, but the fonts are optional)
    except ImportError:
        return None
    folder = _cache_root() / "docgen" / f"fonts-{_DERIVED_VERSION}"
    with _DERIVING:  # LibreOffice instances start together (instances.py): one derives, the others wait for it
        for derived in _DERIVED:
            target = folder / f"{derived.file_stem}.otf"
            if target.is_file():
                continue
            source = _font_file(derived.source, derived.style)
            if source is None:
                continue
            try:
                folder.mkdir(parents=True, exist_ok=True)
                _derive(*source, derived, target)
            except Exception:  # no cache folder, or a font fontTools cannot read: the other faces stand in
                continue
        _remove_older_versions(folder)
    return folder if any((folder / f"{d.file_stem}.otf").is_file() for d in _DERIVED) else None


def _remove_older_versions(folder: Path) -> None:
    """Copies an earlier docgen derived (about 50 MB a version) are not used any more
    (a later docgen's are left alone: both may be installed)."""
    for older in folder.parent.glob("fonts-*"):
        version = older.name.removeprefix("fonts-")
        if version.isdigit() and int(version) < int(_DERIVED_VERSION) and older.is_dir():
            shutil.rmtree(older, ignore_errors=True)


def _cache_root() -> Path:
    base = os.environ.get("XDG_CACHE_HOME")
    return Path(base) if base else Path.home() / ".cache"


def _font_file(family: str, style: str) -> tuple[Path, int] | None:
    """The file (and index in a collection) fontconfig has for ``family`` in ``style``."""
    try:
        listed = subprocess.run(
            ["fc-list", f"{family}:style={style}", "file", "index"], capture_output=True, text=True, timeout=60
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    for line in listed.splitlines():
        path, _, rest = line.partition(":")
        index = rest.split("=", 1)[-1].strip() if "index=" in rest else "0"
        if path and index.isdigit():
            return Path(path), int(index)
    return None


def _derive(source: Path, index: int, derived: _Derived, target: Path) -> None:
    """Copy the face with GB2312's Han characters, its Latin mapped to its half-width
    (``hwid``) glyphs where ``derived`` asks for that, and a new name.

    Only the character map and the name table are rewritten; the outlines are
    copied as they are (no recompilation, a few seconds for a whole CJK face).
    """
    from fontTools.ttLib import TTFont

    font = TTFont(str(source), fontNumber=index, lazy=True, recalcBBoxes=False, recalcTimestamp=False)
    half_width = _half_width_glyphs(font) if derived.half_width_latin else {}
    gb2312 = _gb2312_characters()
    for table in font["cmap"].tables:
        if table.isUnicode() and table.format != 14:  # 14: variants of characters, none mapped if not here
            mapped = {code: glyph for code, glyph in table.cmap.items() if code in gb2312 or not _ideographic(code)}
            for code in range(0x20, 0x7F):
                if mapped.get(code) in half_width:
                    mapped[code] = half_width[mapped[code]]
            table.cmap = mapped
    _rename(font["name"], derived)
    with tempfile.NamedTemporaryFile(dir=target.parent, suffix=".tmp", delete=False) as temporary:
        font.save(temporary)
    os.replace(temporary.name, target)  # two docgen runs may derive at once


_IDEOGRAPHIC = ((0x3400, 0x4DBF), (0x4E00, 0x9FFF), (0xF900, 0xFAFF), (0xAC00, 0xD7AF))  # Han, and Hangul syllables


def _ideographic(code: int) -> bool:
    """A Han character or a Hangul syllable of the BMP, or any character past it (mostly Han;
    LibreOffice reads a face's map no further)."""
    return code > 0xFFFF or any(first <= code <= last for first, last in _IDEOGRAPHIC)


def _gb2312_characters() -> set[int]:
    """The characters GB2312 encodes (two bytes each, 0xA1–0xF7 then 0xA1–0xFE)."""
    characters = set()
    for lead in range(0xA1, 0xF8):
        for trail in range(0xA1, 0xFF):
            try:
                characters.add(ord(bytes((lead, trail)).decode("gb2312")))
            except UnicodeDecodeError:
                continue
    return characters


def _half_width_glyphs(font) -> dict[str, str]:
    gsub = font["GSUB"].table
    mapping: dict[str, str] = {}
    for record in gsub.FeatureList.FeatureRecord:
        if record.FeatureTag == "hwid":
            for lookup_index in record.Feature.LookupListIndex:
                for subtable in gsub.LookupList.Lookup[lookup_index].SubTable:
                    subtable = getattr(subtable, "ExtSubTable", subtable)
                    mapping.update(getattr(subtable, "mapping", None) or {})
    return mapping


def _rename(name_table, derived: _Derived) -> None:
    postscript = derived.file_stem
    name_table.names = [n for n in name_table.names if n.nameID not in (1, 2, 3, 4, 6, 16, 17)]
    for name_id, value in ((1, derived.family), (2, "Regular"), (3, f"docgen:{postscript}"), (4, derived.family), (6, postscript)):
        name_table.setName(value, name_id, 3, 1, 0x409)
        name_table.setName(value, name_id, 1, 0, 0)
