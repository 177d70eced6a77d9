"""A volume as the pieces of text a person wrote, each with its place.

The pieces are the texts the schema table names a ``piece`` (``core.schema``):
a key added there with a piece name is checked with nothing added here.
"""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterator
from dataclasses import dataclass

from ..core import schema
from ..core.model import Origin, Report, Volume

# The pieces some checks single out.
REPORT_TITLE = schema.REPORT["title"].piece
INTRO = schema.REPORT["intro"].piece
BODY = schema.REPORT["body"].piece
CLOSING = schema.REPORT["closing"].piece
LEAD = schema.SECTION["lead"].piece
TITLE = schema.ITEM["title"].piece
TEXT = schema.ITEM["text"].piece

Owner = tuple[int, int, int]  # (report, section, item) positions; -1 outside one
_NO_REPORT: Owner = (-1, -1, -1)


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    origin: Origin
    role: str  # what the text is: a key's piece name in the schema table
    owner: Owner


def volume_pieces(volume: Volume) -> list[Piece]:
    reports = [piece for position, report in enumerate(volume.reports) for piece in report_pieces(report, position)]
    # volume.yaml's texts only where the file gives them: a default is docgen's, not a person's
    return reports + list(_pieces(volume.settings, schema.VOLUME, _NO_REPORT, written_only=True))


def report_pieces(report: Report, position: int = 0) -> Iterator[Piece]:
    """In reading order; the pieces before 一、 belong to no section (-1), the closing
    and 落款 to the place after the last one."""
    return _pieces(report, schema.REPORT, (position, -1, -1))


def _pieces(part, shape: schema.Shape, owner: Owner, written_only: bool = False) -> Iterator[Piece]:
    """The pieces of the model object ``part`` (a ``shape``) in the order of its keys; the keys
    after a list of parts (the sections) belong to the place after its last entry."""
    for key in shape.keys:
        value = getattr(part, key.attribute)
        if isinstance(key.value, schema.Parts):
            for index, entry in enumerate(value):
                yield from _pieces(entry, key.value.shape, _within(owner, index))
            owner = _within(owner, len(value))
        elif isinstance(key.value, schema.Part) and value is not None:
            yield from _pieces(value, key.value.shape, owner)
        elif key.piece and isinstance(key.value, schema.Paragraphs):
            origins = getattr(part, key.origin_attribute)
            for text, origin in _with_origins(value, origins, part.origin):
                yield Piece(text, origin, key.piece, owner)
        elif key.piece and value:
            origin = _recorded_origin(part, key)
            if origin.path is not None or not written_only:
                yield Piece(value, known(origin, part.origin), key.piece, owner)


def _within(owner: Owner, index: int) -> Owner:
    """The owner of the entry at ``index`` of a list in ``owner``: the next position set."""
    level = owner.index(-1)
    return owner[:level] + (index,) + owner[level + 1 :]


def _recorded_origin(part, key: schema.Key) -> Origin:
    """Where the reader recorded the key's text, where the model keeps that."""
    return getattr(part, key.origin_attribute) if key.origin_attribute in _attributes(type(part)) else Origin()


@functools.cache
def _attributes(model: type) -> frozenset[str]:
    return frozenset(f.name for f in dataclasses.fields(model))


def _with_origins(texts: list[str], origins: list[Origin], fallback: Origin):
    if len(origins) != len(texts):  # a reader that records no finer places
        origins = [fallback] * len(texts)
    return zip(texts, origins)


def known(origin: Origin, fallback: Origin) -> Origin:
    """``origin`` where the reader recorded it, else the enclosing element's."""
    return origin if origin.path is not None else fallback
