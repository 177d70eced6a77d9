"""Structural checks of a .docx package, as a reviewer of OOXML would make them.

Each function returns the problems it found (empty when the package is sound),
so a failing test names every one of them.
"""

from __future__ import annotations

import posixpath
import zipfile
from pathlib import Path

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_RELS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_TYPES = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def parts_of(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as package:
        return {name: package.read(name) for name in package.namelist()}


def relationship_problems(parts: dict[str, bytes]) -> list[str]:
    """Every relationship target exists, and every part is reached from a relationship."""
    problems = []
    reached = {"[Content_Types].xml"}
    for name, data in parts.items():
        if not name.endswith(".rels"):
            continue
        reached.add(name)
        folder = posixpath.dirname(posixpath.dirname(name))  # word/_rels/x.rels → word
        for rel in etree.fromstring(data).iter(f"{_RELS}Relationship"):
            if rel.get("TargetMode") == "External":
                continue
            target = rel.get("Target")
            resolved = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join(folder, target))
            if resolved not in parts:
                problems.append(f"{name}: {rel.get('Id')} → {target} is missing")
            reached.add(resolved)
    problems += [f"{name} is reached by no relationship" for name in parts if name not in reached]
    return problems


def content_type_problems(parts: dict[str, bytes]) -> list[str]:
    types = etree.fromstring(parts["[Content_Types].xml"])
    defaults = {d.get("Extension").lower() for d in types.iter(f"{_TYPES}Default")}
    overrides = {o.get("PartName").lstrip("/") for o in types.iter(f"{_TYPES}Override")}
    problems = [f"content type for a missing part /{name}" for name in overrides if name not in parts]
    for name in parts:
        if name != "[Content_Types].xml" and name not in overrides and name.rsplit(".", 1)[-1].lower() not in defaults:
            problems.append(f"{name} has no content type")
    return problems


def style_problems(parts: dict[str, bytes]) -> list[str]:
    """Every style a paragraph, run or style names is defined in styles.xml."""
    styles = etree.fromstring(parts["word/styles.xml"])
    defined = {s.get(f"{W}styleId") for s in styles.iter(f"{W}style")}
    problems = []
    for name, data in parts.items():
        if not (name.startswith("word/") and name.endswith(".xml")):
            continue
        root = etree.fromstring(data)
        for tag in ("pStyle", "rStyle", "tblStyle", "basedOn", "next", "link"):
            for ref in root.iter(f"{W}{tag}"):
                if ref.get(f"{W}val") not in defined:
                    problems.append(f"{name}: {tag} {ref.get(f'{W}val')} is not defined")
    return problems


def bookmark_problems(document_xml: bytes) -> list[str]:
    root = etree.fromstring(document_xml)
    starts = [(b.get(f"{W}id"), b.get(f"{W}name")) for b in root.iter(f"{W}bookmarkStart")]
    ends = [b.get(f"{W}id") for b in root.iter(f"{W}bookmarkEnd")]
    problems = []
    ids = [i for i, _ in starts]
    names = [n for _, n in starts]
    if len(set(ids)) != len(ids) or len(set(names)) != len(names):
        problems.append("bookmark ids or names repeat")
    if sorted(ids) != sorted(ends):
        problems.append(f"bookmark starts {sorted(ids)} and ends {sorted(ends)} differ")
    return problems


def field_problems(xml: bytes) -> list[str]:
    """Complex fields nest properly: begin, (separate), end, in document order."""
    stack: list[str] = []
    problems = []
    for char in etree.fromstring(xml).iter(f"{W}fldChar"):
        kind = char.get(f"{W}fldCharType")
        if kind == "begin":
            stack.append("begin")
        elif kind == "separate":
            if not stack or stack[-1] != "begin":
                problems.append("separate outside a field")
            else:
                stack[-1] = "separate"
        elif kind == "end":
            if not stack:
                problems.append("end without begin")
            else:
                stack.pop()
    return problems + (["fields left open"] if stack else [])
