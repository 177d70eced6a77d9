"""File names: docgen's own, in one place, and those made for units (safe on Windows,
macOS and Linux, short enough in bytes, and distinct)."""

from __future__ import annotations

import re
import unicodedata
from pathlib import Path

_FORBIDDEN = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
# Windows' device names: COM and LPT with any digit, the superscripts ¹²³ included, and the consoles.
_WINDOWS_RESERVED = frozenset(
    {"CON", "PRN", "AUX", "NUL", "CONIN$", "CONOUT$", *(f"{port}{digit}" for port in ("COM", "LPT") for digit in "0123456789¹²³")}
)
MAX_NAME_CHARS = 80
# File systems count a name's bytes, not its characters: 255 bytes of UTF-8 on Linux and
# macOS (a CJK character takes 3, 𠀀 takes 4), 255 UTF-16 units on Windows (never more than
# the UTF-8 bytes). The suffix and a "-2" that keeps names apart are inside the budget.
MAX_NAME_BYTES = 255
YAML_SUFFIXES = (".yaml", ".yml")

# What docgen reads in an inputs folder beside the reports.
SETTINGS_FILE = "volume.yaml"
CATEGORIES_FILE = "categories.yaml"  # the problem categories of docgen summary, not a report
USER_TEMPLATE = "template.docx"  # a restyled Word template
# What docgen writes in an output folder beside the reports and the volume (docgen summary's two).
LEDGER_FILE = "问题清单.xlsx"
ANALYSIS_FILE = "共性问题分析.docx"
PREVIEW_FOLDER = "preview"  # docgen preview's pictures
# What docgen keeps for itself in a folder it writes: not the user's files.
OWN_PREFIX = ".docgen"
TEMP_PREFIX = "docgen-"  # its folders in the system's temporary folder: docgen-<purpose>-<process id>-…
LOCK_FILE = OWN_PREFIX + ".lock"
MANIFEST_FILE = OWN_PREFIX + "-manifest.json"  # the outputs docgen wrote, so it may remove them
JOURNAL_FILE = OWN_PREFIX + "-journal.json"  # a publication's steps, to finish or undo it
STAGING_PREFIX = OWN_PREFIX + "-new-"  # new outputs, before they are published
BACKUP_PREFIX = OWN_PREFIX + "-old-"  # the outputs they replace, until the publication is done
PART_PREFIX = OWN_PREFIX + "-part-"  # a report's body, kept until the volume takes it
OLD_TEMP_GLOB = OWN_PREFIX + "-*.tmp"  # left by docgen versions before the journal
# Names no unit's file may take: with --out the inputs folder (or a unit named template),
# a report written as template.docx would be read as the user's template by the next build.
RESERVED_NAMES = frozenset({USER_TEMPLATE})
# The ledger's custom property, read by build without loading the ledger.
UNITS_PROPERTY = "docgen报告单位"  # the ledger's custom property: which units it was made from (units_fingerprint)


def safe_filename(name: str, suffix: str = "") -> str:
    """A file name for ``name`` + ``suffix`` that stays inside its folder on every system."""
    cleaned = _FORBIDDEN.sub("_", name).strip().strip(".").strip()
    cleaned = cleaned[:MAX_NAME_CHARS].rstrip(". ")
    if not cleaned or set(cleaned) <= {"_"}:
        cleaned = "未命名" + cleaned
    if _windows_device(cleaned):
        cleaned = "_" + cleaned
    return _fit(cleaned, suffix) + suffix


def unique_filenames(names: list[str], suffix: str, taken: set[str] = frozenset()) -> list[str]:
    """Safe, distinct file names (compared as Windows and macOS compare them, A社区.yml as
    A社区.yaml), none of them ``taken`` or reserved."""
    used = {_clash_key(t) for t in (*taken, *RESERVED_NAMES)}
    result = []
    for name in names:
        candidate = safe_filename(name, suffix)
        base, n = candidate[: -len(suffix)] if suffix else candidate, 2
        while _clash_key(candidate) in used:
            ending = f"-{n}{suffix}"
            candidate, n = _fit(base, ending) + ending, n + 1
        used.add(_clash_key(candidate))
        result.append(candidate)
    return result


def clashes(targets: list[Path]) -> dict[Path, Path]:
    """For each of ``targets`` that would clash with a file already there, that file:
    the same name in another case or normal form, or A社区.yml for A社区.yaml."""
    found: dict[Path, Path] = {}
    for folder in {target.parent for target in targets}:
        if not folder.is_dir():
            continue
        present = {_clash_key(entry.name): entry for entry in sorted(folder.iterdir())}
        for target in targets:
            if target.parent == folder and _clash_key(target.name) in present:
                found[target] = present[_clash_key(target.name)]
    return found


def _windows_device(name: str) -> bool:
    """Whether Windows takes ``name`` for a device: the part before the first dot, its trailing
    spaces dropped (CON .x is CON), in any letter case."""
    return name.split(".")[0].rstrip(" ").upper() in _WINDOWS_RESERVED


def _fit(base: str, ending: str) -> str:
    """``base`` shortened, by whole characters, so that ``base + ending`` fits in MAX_NAME_BYTES."""
    budget = MAX_NAME_BYTES - len(ending.encode("utf-8"))
    fitted = base.encode("utf-8")[:budget].decode("utf-8", errors="ignore")
    return fitted.rstrip(". ") or fitted


def comparable(name: str) -> str:
    """``name`` as Windows and macOS compare names: letter case and Unicode normal form aside."""
    return unicodedata.normalize("NFC", name).casefold()


def _clash_key(name: str) -> str:
    path = Path(comparable(name))
    return path.stem + ".yaml" if path.suffix in YAML_SUFFIXES else path.name
