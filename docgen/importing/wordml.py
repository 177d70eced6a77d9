"""Reading WordprocessingML elements by name.

Files come from Word, WPS and converters in the transitional and the strict
namespace. A part is read in one of them (``transitional`` turns a strict
part's names into the transitional ones before it is parsed), so that
elements are looked up by their full name, which lxml finds in C; an
attribute in another namespace than WordprocessingML's, or in none, is
still found by its local name.
"""

from __future__ import annotations

W_NAMESPACE = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
W = "{" + W_NAMESPACE + "}"
_STRICT_NAMESPACE = b"http://purl.oclc.org/ooxml/wordprocessingml/main"
_PATHS: dict[str, tuple[str, ...]] = {}  # "pPr/pStyle" → its elements' full names


def transitional(data: bytes) -> bytes:
    """An XML part with WordprocessingML's strict namespace written as the transitional one."""
    return data.replace(_STRICT_NAMESPACE, W_NAMESPACE.encode()) if _STRICT_NAMESPACE in data else data


def local_name(element) -> str:
    """The tag without its namespace; "" for comments and processing instructions."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attribute(element, name: str) -> str | None:
    """An attribute by local name: WordprocessingML's, else one of that name in any namespace."""
    value = element.get(W + name)
    if value is not None:
        return value
    for key, value in element.items():
        if key.rsplit("}", 1)[-1] == name:
            return value
    return None


def child(element, path: str):
    """The WordprocessingML descendant given by local names, "pPr/pStyle"; None if absent."""
    names = _PATHS.get(path) or _PATHS.setdefault(path, tuple(W + name for name in path.split("/")))
    for name in names:
        element = element.find(name)
        if element is None:
            return None
    return element


def child_value(element, path: str) -> str | None:
    """The w:val of a descendant given by local names, "pPr/pStyle"; None if absent."""
    found = child(element, path)
    return None if found is None else attribute(found, "val")


def is_on(element) -> bool:
    """An on/off property (w:vanish, w:isLgl): present and not switched off."""
    return element is not None and attribute(element, "val") not in ("0", "false", "off")


def to_int(text: str | None, default: int) -> int:
    """A number attribute; ``default`` where it is missing or not a number."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
