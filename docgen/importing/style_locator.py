"""The w:style elements of a styles part, found in its bytes and parsed one by one.

A template's styles part is large (Word's default holds some 160 styles, most
of them for tables: 350 KB), and a report names a few of its styles. Parsing
the whole part costs more than the rest of a report; finding the few named
in the bytes and parsing each alone costs next to nothing.

The finder answers only where the part is written the plain way Word and WPS
write it: the root's own prefix for WordprocessingML, no comment, CDATA or
DOCTYPE, ``w:styleId="…"`` in the start tag of a ``w:style`` that nests no
other. Wherever it is not sure — a style it cannot find, an id that would
need escaping, anything unusual around it — it raises ``NotSure``, and the
caller parses the whole part: the answers are the same either way.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .wordml import W_NAMESPACE

_ROOT = re.compile(rb"<(?:([A-Za-z_][\w.-]*):)?styles[\s>/]")


class NotSure(Exception):
    """The bytes are not written in the plain way: parse the whole part instead."""


class StyleFinder:
    """``element(style_id)``: the part's w:style of that id (of several, the last, as a parse
    reading them in order would keep), parsed alone with the root's namespace declarations."""

    def __init__(self, data: bytes, parse: Callable[[bytes], object]):
        if b"<!" in data:  # a comment, CDATA or DOCTYPE could hide or fake a style
            raise NotSure
        root = _ROOT.search(data)
        if root is None or not root.group(1):
            raise NotSure
        self.data, self.parse = data, parse
        self.prefix = root.group(1)
        root_end = data.find(b">", root.start())
        self.root_tag = data[root.start():root_end + 1]
        declared = b"xmlns:" + self.prefix + b'="' + W_NAMESPACE.encode() + b'"'
        if root_end < 0 or self.root_tag.endswith(b"/>") or declared not in self.root_tag:
            raise NotSure
        self.start_tag = b"<" + self.prefix + b":style"
        self.end_tag = b"</" + self.prefix + b":style>"

    def element(self, style_id: str):
        if any(char in style_id for char in "&<>\"'"):
            raise NotSure
        at = self.data.rfind(b" " + self.prefix + b':styleId="' + style_id.encode("utf-8") + b'"')
        if at < 0:
            raise NotSure  # no such style, or one written otherwise: only a whole parse can tell
        start = self.data.rfind(b"<", 0, at)
        if self.data[start:start + len(self.start_tag) + 1] not in (self.start_tag + b" ", self.start_tag + b"\n"):
            raise NotSure
        tag_end = self.data.find(b">", at)
        if tag_end < 0 or b"<" in self.data[start + 1:tag_end]:
            raise NotSure
        if self.data[tag_end - 1:tag_end] == b"/":
            end = tag_end + 1  # an empty w:style
        else:
            close = self.data.find(self.end_tag, tag_end)
            if close < 0 or self.start_tag in self.data[tag_end:close]:
                raise NotSure
            end = close + len(self.end_tag)
        wrapped = self.root_tag + self.data[start:end] + b"</" + self.prefix + b":styles>"
        return self.parse(wrapped)[0]
