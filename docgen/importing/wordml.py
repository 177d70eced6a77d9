"""Reading WordprocessingML elements by local name.

Files come from Word, WPS and converters in both the transitional and the
strict namespace, so elements and attributes are matched by local name.
"""

from __future__ import annotations


def local_name(element) -> str:
    """The tag without its namespace; "" for comments and processing instructions."""
    tag = element.tag
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def attribute(element, name: str) -> str | None:
    """An attribute by local name, whatever the namespace."""
    for key, value in element.attrib.items():
        if key.rsplit("}", 1)[-1] == name:
            return value
    return None


def child_value(element, path: str) -> str | None:
    """The w:val of a descendant given by local names, "pPr/pStyle"; None if absent."""
    child = element.find("/".join("{*}" + name for name in path.split("/")))
    return None if child is None else attribute(child, "val")


def is_on(element) -> bool:
    """An on/off property (w:vanish, w:isLgl): present and not switched off."""
    return element is not None and attribute(element, "val") not in ("0", "false", "off")


def to_int(text: str | None, default: int) -> int:
    """A number attribute; ``default`` where it is missing or not a number."""
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default
