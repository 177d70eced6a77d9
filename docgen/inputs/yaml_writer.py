"""The model → YAML inputs as a person would write them in Notepad.

Short text goes in plain scalars, body text in ``|`` blocks with one line a
paragraph, and nothing is quoted unless YAML needs it. Every key is written as
the schema table says (``core.schema``), in its order, where it holds more than
its default; what this writes, ``yaml_reader`` reads back to the same model.

Text can hold what YAML reads as the end of a line (U+2028, U+2029, U+0085,
a carriage return) or cannot hold at all (control characters): such text is
written double-quoted with those characters escaped, and in a comment they
are escaped too, so no text — a file name least of all — ever ends a comment
or a value early and writes YAML of its own.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
import re
from collections.abc import Callable

from ..core import schema
from ..core.model import Month, Report, VolumeSettings
from ..core.numbering import chinese_date

# What must be escaped to stand in a YAML file: everything YAML cannot hold or reads as a
# line break, the BOM, and (inside double quotes) the quote and the backslash.
_ESCAPED = re.compile('[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff"\\\\]')
_ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t", "\r": "\\r"}
_IN_A_COMMENT = re.compile('[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]')
_NOT_IN_A_BLOCK = re.compile('[^\t\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|[\u2028\u2029\ufeff]')
# A plain scalar may not start with a YAML indicator, nor hold ": " or " #",
# nor end in ":" or a space, nor hold anything that must be escaped.
_UNSAFE_PLAIN = re.compile(r"^[-?:,\[\]{}#&*!|>'\"%@`\s]|: |\s#|:$|\s$|" + _ESCAPED.pattern)
# series_title where each report has its own title: the volume file's name alone.
_OWN_TITLES_SERIES_REMARK = "汇编的标题（汇编文件的名称）；各报告用自己的标题，见下面的 titles"


def report_yaml(report: Report, header: list[str] = ()) -> str:
    return _file(header, part_lines(report, schema.REPORT, 0))


def settings_yaml(settings: VolumeSettings, header: list[str] = ()) -> str:
    return _file(header, part_lines(settings, schema.VOLUME, 0))


def _file(header: list[str], lines: list[str]) -> str:
    return "\n".join([comment(line) for line in header] + lines) + "\n"


def part_lines(part, shape: schema.Shape, indent: int, notes: bool = False) -> list[str]:
    """The keys of the model object ``part`` (a ``shape``) that are written, at ``indent``,
    each under its remark; ``notes``: every key, each under its note (the starter files)."""
    defaults = _defaults(shape.model)
    written = {key.name for key in shape.keys if notes or _is_written(key, part, defaults)}
    lines = []
    for key in shape.keys:
        if key.name in written or key.shown_with in written:
            comment = key.note if notes else _remark(key, part)
            lines += [" " * indent + f"# {comment}"] if comment else []
            lines += key_lines(key, getattr(part, key.attribute), indent)
    return lines


def _is_written(key: schema.Key, part, defaults: dict[str, object]) -> bool:
    value = getattr(part, key.attribute)
    return key.required or key.shown or key.attribute not in defaults or value != defaults[key.attribute]


def _remark(key: schema.Key, part) -> str:
    if key is schema.VOLUME["series_title"] and part.titles == "own":
        return _OWN_TITLES_SERIES_REMARK
    return key.remark


def key_lines(key: schema.Key, value, indent: int, notes: bool = False) -> list[str]:
    """``key`` holding ``value``, at ``indent``, the aside after it; ``notes``: the keys inside
    it each under its note (the starter files)."""
    lines = _WRITERS[type(key.value)](key, value, " " * indent, notes)
    if key.aside:
        lines[0] += f"   # {key.aside}"
    return lines


def _one_line(key: schema.Key, value, pad: str, notes: bool) -> list[str]:
    return [f"{pad}{key.name}: {_scalar_of(value)}"]


def _scalar_of(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (datetime.date, Month)):
        return chinese_date(value)
    return scalar(value)


def _block(key: schema.Key, paragraphs: list[str], pad: str, notes: bool) -> list[str]:
    """Paragraphs as a ``|`` block, one line each (trimmed, as they are read back); where one
    holds what a block cannot (a line break of its own, a control character), all of them
    as one escaped, quoted value."""
    if any(_NOT_IN_A_BLOCK.search(paragraph) for paragraph in paragraphs):
        return [f"{pad}{key.name}: {quoted(chr(10).join(paragraphs))}"]
    return [f"{pad}{key.name}: |"] + [f"{pad}  {paragraph.strip()}" for paragraph in paragraphs]


def _list(key: schema.Key, texts: list[str], pad: str, notes: bool) -> list[str]:
    return [f"{pad}{key.name}:"] + [f"{pad}  - {scalar(text)}" for text in texts]


def _mapping(key: schema.Key, part, pad: str, notes: bool) -> list[str]:
    return [f"{pad}{key.name}:"] + part_lines(part, key.value.shape, len(pad) + 2, notes)


def _mappings(key: schema.Key, parts: list, pad: str, notes: bool) -> list[str]:
    lines = [f"{pad}{key.name}:"]
    for part in parts:
        first, *rest = part_lines(part, key.value.shape, len(pad) + 4, notes)
        lines += [f"{pad}  - {first.lstrip()}", *rest]
    return lines


def _faces(key: schema.Key, faces: dict[str, str], pad: str, notes: bool) -> list[str]:
    lines = [f"{pad}{key.name}:"]
    for use, face in faces.items():
        note = schema.FONTS[use].note if notes else ""
        # on a line of its own: after a value, " #" would be taken for part of it (and warned about)
        lines += [f"{pad}  # {note}"] if note else []
        lines.append(f"{pad}  {use}: {scalar(face)}")
    return lines


_WRITERS: dict[type, Callable[[schema.Key, object, str, bool], list[str]]] = {
    schema.Text: _one_line,
    schema.UnitName: _one_line,
    schema.Paragraphs: _block,
    schema.Flag: _one_line,
    schema.Date: _one_line,
    schema.Choice: _one_line,
    schema.Texts: _list,
    schema.Part: _mapping,
    schema.Parts: _mappings,
    schema.Faces: _faces,
}


@functools.cache
def _defaults(model: type) -> dict[str, object]:
    """Each attribute of ``model`` that has a default → that default (the attributes a
    model object must be given have none)."""
    if not dataclasses.is_dataclass(model):
        return {}
    defaults = {}
    for f in dataclasses.fields(model):
        if f.default is not dataclasses.MISSING:
            defaults[f.name] = f.default
        elif f.default_factory is not dataclasses.MISSING:
            defaults[f.name] = f.default_factory()
    return defaults


def scalar(text: str) -> str:
    """``text`` as a one-line YAML value: plain where YAML allows, else double-quoted and escaped."""
    if text and not _UNSAFE_PLAIN.search(text):
        return text
    return quoted(text)


def quoted(text: str) -> str:
    """``text`` double-quoted, every character YAML could misread escaped (\\u2028 for U+2028)."""
    return '"' + _ESCAPED.sub(_escape, text) + '"'


def comment(text: str) -> str:
    """``text`` as a YAML comment line that nothing in it can end early (an empty one a bare #)."""
    return f"# {_IN_A_COMMENT.sub(_escape, text)}".rstrip()


def _escape(match: re.Match) -> str:
    char = match.group()
    if char in _ESCAPES:
        return _ESCAPES[char]
    return f"\\u{ord(char):04x}" if ord(char) <= 0xFFFF else f"\\U{ord(char):08x}"
