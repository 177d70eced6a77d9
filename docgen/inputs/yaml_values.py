"""A mapping of a YAML file → its model object, each key taken as the schema table says
(``core.schema``): a report, a section, an item, a 落款, the volume settings, a cover.

One reader for each sort of value a key may hold, none for any one key: a key
added to the table is read, checked and placed in the model with nothing added here.
"""

from __future__ import annotations

import dataclasses
import datetime
import functools
from collections.abc import Callable

import yaml

from ..core import schema
from ..core.findings import UNLIKELY_DATE, Finding
from ..core.model import Month, Origin
from ..core.unit_names import clean_unit_name
from ..errors import InputError
from .dates import impossible_year, parse_date, unlikely_year
from .yaml_file import YamlFile


def read_part(reader: YamlFile, node: yaml.Node, shape: schema.Shape, what: str = ""):
    """The mapping ``node`` as ``shape``'s model object; ``what`` names this one in messages
    (第 2 部分; the shape's own name where there is only one of it)."""
    plan = _plan(shape)
    values = {"origin": reader.origin(node)}
    fields = reader.fields(node, shape, what)
    both = [fields[name] for name in shape.only_one_of if name in fields]
    if len(both) > 1:
        raise reader.fail(both[1], shape.when_both)
    for name, value_node in fields.items():
        key, read, origin_attribute = plan[name]
        values[key.attribute], origin = read(reader, value_node, key, what)
        if origin_attribute:
            values[origin_attribute] = origin
    part = shape.model(**values)
    if shape.needs_one_of and not any(getattr(part, shape[name].attribute) for name in shape.needs_one_of):
        details = {f.name: getattr(part, f.name) for f in dataclasses.fields(part)}
        raise reader.fail(node, shape.when_empty.format(what=what, **details))
    return part


Taken = tuple[object, object]  # a value read, and where it was written (None: no place is kept)
Read = Callable[[YamlFile, yaml.Node, schema.Key, str], Taken]


@functools.cache
def _plan(shape: schema.Shape) -> dict[str, tuple[schema.Key, Read, str]]:
    """Each key of ``shape`` by name: the key, its reader, and the attribute where the model
    records where it was written ("" where it records none)."""
    recorded = {f.name for f in dataclasses.fields(shape.model)}
    return {
        key.name: (key, _READERS[type(key.value)], key.origin_attribute if key.origin_attribute in recorded else "")
        for key in shape.keys
    }


def _text(reader: YamlFile, node: yaml.Node, key: schema.Key, holder: str) -> Taken:
    return reader.text(node, key.what_in(holder)).strip(), reader.origin(node)


def _unit_name(reader: YamlFile, node: yaml.Node, key: schema.Key, holder: str) -> Taken:
    what = key.what_in(holder)
    unit = clean_unit_name(reader.text(node, what))
    if not unit:
        raise reader.fail(node, f"{what}只有看不见的字符")
    return unit, reader.origin(node)


def _paragraphs(reader: YamlFile, node: yaml.Node, key: schema.Key, holder: str) -> Taken:
    """Each non-empty line of a block is a paragraph; with each, the line it is on.

    Only a literal block (``|``) keeps one source line per line of text; for
    other styles every paragraph is placed on the line where the value starts.
    """
    text = reader.text(node, key.what_in(holder), allow_empty=key.value.may_be_empty)
    start = node.start_mark.line + 1
    paragraphs: list[str] = []
    origins: list[Origin] = []
    for offset, line in enumerate(text.splitlines()):
        if line.strip():
            paragraphs.append(line.strip())
            origins.append(Origin(reader.path, start + 1 + offset if node.style == "|" else start))
    return paragraphs, origins


def _flag(reader: YamlFile, node: yaml.Node, key: schema.Key, holder: str) -> Taken:
    return reader.flag(node, key.what_in(holder)), None


def _date(reader: YamlFile, node: yaml.Node, key: schema.Key, holder: str) -> Taken:
    return read_date(reader, node, key.what_in(holder), key.value.month_allowed), None


def _choice(reader: YamlFile, node: yaml.Node, key: schema.Key, holder: str) -> Taken:
    choice = key.value
    value = reader.text(node, key.what_in(holder), prose=False).strip()
    value = choice.aliases.get(value, value)
    if value not in choice.choices:
        listed = "、".join(f"“{c}”" for c in choice.choices)
        raise reader.fail(node, choice.refusal.format(value=value, choices=listed))
    return value, None


def _texts(reader: YamlFile, node: yaml.Node, key: schema.Key, holder: str) -> Taken:
    texts, what = key.value, key.what_in(holder)
    nodes = reader.sequence(node, what)
    if not nodes and texts.at_least_one:
        raise reader.fail(node, texts.at_least_one.format(what=what))
    entry = texts.entry.format(what=what)
    clean = clean_unit_name if texts.unit_names else str.strip
    return [clean(reader.text(n, entry)) for n in nodes], [reader.origin(n) for n in nodes]


def _part(reader: YamlFile, node: yaml.Node, key: schema.Key, holder: str) -> Taken:
    return read_part(reader, node, key.value.shape), None


def _parts(reader: YamlFile, node: yaml.Node, key: schema.Key, holder: str) -> Taken:
    parts, what = key.value, key.what_in(holder)
    nodes = reader.sequence(node, what)
    if not nodes and parts.at_least_one:
        raise reader.fail(node, parts.at_least_one.format(what=what))
    each = parts.shape.each
    return [read_part(reader, n, parts.shape, each.format(n=i, within=holder)) for i, n in enumerate(nodes, 1)], None


def _faces(reader: YamlFile, node: yaml.Node, key: schema.Key, holder: str) -> Taken:
    from ..office.faces import unknown_face  # the font machinery only for a volume that names faces

    nodes = reader.fields(node, schema.FONTS)
    faces = {use: reader.text(n, schema.FONTS[use].what).strip() for use, n in nodes.items()}
    reader.warnings += filter(None, (unknown_face(faces[use], reader.origin(n)) for use, n in nodes.items()))
    return faces, None


_READERS: dict[type, Read] = {
    schema.Text: _text,
    schema.UnitName: _unit_name,
    schema.Paragraphs: _paragraphs,
    schema.Flag: _flag,
    schema.Date: _date,
    schema.Choice: _choice,
    schema.Texts: _texts,
    schema.Part: _part,
    schema.Parts: _parts,
    schema.Faces: _faces,
}


def read_date(reader: YamlFile, node: yaml.Node, what: str, month_allowed: bool = False) -> datetime.date | Month:
    """A date as people type it (``dates.parse_date``); a month alone only where ``month_allowed``."""
    written = reader.text(node, what, prose=False).strip()
    try:
        date, unlikely = written_date(written, what, month_allowed)
    except InputError as error:
        raise reader.fail(node, error.message) from None
    if unlikely:
        reader.warnings.append(Finding(UNLIKELY_DATE, reader.origin(node), unlikely))
    return date


def written_date(written: str, what: str, month_allowed: bool = False) -> tuple[datetime.date | Month, str | None]:
    """The date ``written`` as people type it (``dates.parse_date``; a month alone only where
    ``month_allowed``) and, for a year that is likely a slip, what to say of it; an
    ``InputError`` (no place: the caller's) where it is no date."""
    date = parse_date(written)
    if date is None:
        month = "，或只写年月：2026年12月" if month_allowed else ""
        raise InputError(f"{what}“{written}”不是日期，请写成 2026年11月20日、2026-11-20 或 2026.11.20{month}")
    if isinstance(date, Month) and not month_allowed:
        raise InputError(f"{what}“{written}”没有写到日：成文日期要写年、月、日，如 {date.year}年{date.month}月20日")
    impossible = impossible_year(date, written, what)
    if impossible:
        raise InputError(impossible)
    return date, unlikely_year(date, written, what)
