"""A volume as the pieces of text a person wrote, each with its place."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..core.model import Cover, Item, Origin, Report, Section, Volume, VolumeSettings

UNIT = "单位名称"
REPORT_TITLE = "报告标题"
INTRO = "报告开头的导语"
HEADING = "部分标题"
LEAD = "导语"
TITLE = "条目标题"
TEXT = "正文"
CLOSING = "结束语"
SIGNER = "落款的署名"
COVER_TITLE = "封面标题"
COVER_UNIT = "封面的编印单位"
SERIES_TITLE = "汇编标题（series_title）"
TOC_HEADING = "目录标题（toc_heading）"


@dataclass(frozen=True, slots=True)
class Piece:
    text: str
    origin: Origin
    role: str  # one of the names above
    owner: tuple[int, int, int]  # (report, section, item) positions; item -1 outside items


def volume_pieces(volume: Volume) -> list[Piece]:
    reports = [piece for position, report in enumerate(volume.reports) for piece in report_pieces(report, position)]
    return reports + list(_settings_pieces(volume.settings)) + list(_cover_pieces(volume.settings.cover))


def _settings_pieces(settings: VolumeSettings) -> Iterator[Piece]:
    """The titles volume.yaml gives the volume, where it gives them (the defaults need no check)."""
    no_report = (-1, -1, -1)
    for text, origin, role in (
        (settings.series_title, settings.series_title_origin, SERIES_TITLE),
        (settings.toc_heading, settings.toc_heading_origin, TOC_HEADING),
    ):
        if origin.path is not None:
            yield Piece(text, origin, role, no_report)


def _cover_pieces(cover: Cover | None) -> Iterator[Piece]:
    if cover is None:
        return
    no_report = (-1, -1, -1)
    yield Piece(cover.title, known(cover.title_origin, cover.origin), COVER_TITLE, no_report)
    if cover.unit:
        yield Piece(cover.unit, known(cover.unit_origin, cover.origin), COVER_UNIT, no_report)


def report_pieces(report: Report, position: int = 0) -> Iterator[Piece]:
    """In reading order; the pieces before 一、 belong to no section (-1), the closing
    and 落款 to the place after the last one."""
    head, tail = (position, -1, -1), (position, len(report.sections), -1)
    yield Piece(report.unit, known(report.unit_origin, report.origin), UNIT, head)
    if report.title:
        yield Piece(report.title, known(report.title_origin, report.origin), REPORT_TITLE, head)
    for text, origin in _with_origins(report.intro, report.intro_origins, report.origin):
        yield Piece(text, origin, INTRO, head)
    for s, section in enumerate(report.sections):
        yield from _section_pieces(section, (position, s, -1))
    for text, origin in _with_origins(report.closing, report.closing_origins, report.origin):
        yield Piece(text, origin, CLOSING, tail)
    if report.signature:
        signature = report.signature
        yield Piece(signature.unit, known(signature.unit_origin, signature.origin), SIGNER, tail)


def _section_pieces(section: Section, owner: tuple[int, int, int]) -> Iterator[Piece]:
    yield Piece(section.heading, known(section.heading_origin, section.origin), HEADING, owner)
    for text, origin in _with_origins(section.lead, section.lead_origins, section.origin):
        yield Piece(text, origin, LEAD, owner)
    for i, item in enumerate(section.items):
        yield from _item_pieces(item, (owner[0], owner[1], i))


def _item_pieces(item: Item, owner: tuple[int, int, int]) -> Iterator[Piece]:
    yield Piece(item.title, known(item.title_origin, item.origin), TITLE, owner)
    for text, origin in _with_origins(item.paragraphs, item.paragraph_origins, item.origin):
        yield Piece(text, origin, TEXT, owner)


def _with_origins(texts: list[str], origins: list[Origin], fallback: Origin):
    if len(origins) != len(texts):  # a reader that records no finer places
        origins = [fallback] * len(texts)
    return zip(texts, origins)


def known(origin: Origin, fallback: Origin) -> Origin:
    """``origin`` where the reader recorded it, else the enclosing element's."""
    return origin if origin.path is not None else fallback
