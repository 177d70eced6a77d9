"""The shape of a report: items left without text, text left as the starter wrote it,
titles too long, a 落款 without its date."""

from __future__ import annotations

from ..core.model import Volume
from ..inputs.starter import SAMPLE_INTRO, SAMPLE_TEXTS
from .findings import EMPTY, LONG_TITLE, UNDATED, Finding, shorten
from .pieces import BODY, INTRO, LEAD, TEXT, TITLE, Piece, known

# A lead sentence is read at a glance: 60 characters is two lines of the
# 28-character GB/T line and a bit more; longer means the text went into the title.
MAX_ITEM_TITLE_CHARS = 60


def find_long_titles(pieces: list[Piece]) -> list[Finding]:
    return [
        Finding(
            LONG_TITLE,
            piece.origin,
            f"条目标题有 {len(piece.text)} 字，超过 {MAX_ITEM_TITLE_CHARS} 字：标题应是一句话，其余内容请移到正文（text）",
            shorten(piece.text),
        )
        for piece in pieces
        if piece.role == TITLE and len(piece.text) > MAX_ITEM_TITLE_CHARS
    ]


def find_items_without_text(volume: Volume) -> list[Finding]:
    """An item with only a title where the others in its section have text: likely forgotten."""
    findings = []
    for section in (section for report in volume.reports for section in report.sections):
        if section.run_in or not any(item.paragraphs for item in section.items):
            continue
        findings += [
            Finding(
                EMPTY,
                known(item.title_origin, item.origin),
                f"这一条只有标题，没有正文（“{section.heading}”的其他条目都有正文）",
                shorten(item.title),
            )
            for item in section.items
            if not item.paragraphs
        ]
    return findings


def find_starter_text(pieces: list[Piece]) -> list[Finding]:
    """Text still as ``docgen new`` wrote it: the section was never filled in."""
    return [
        Finding(EMPTY, piece.origin, f"{piece.role}还是 docgen new 写的示例文字，没有改写", shorten(piece.text))
        for piece in pieces
        if piece.role in (INTRO, BODY, LEAD, TITLE, TEXT) and piece.text in _SAMPLES
    ]


_SAMPLES = frozenset((*SAMPLE_TEXTS, SAMPLE_INTRO))


def find_undated_signatures(volume: Volume) -> list[Finding]:
    """A 落款 with its 署名 but no 成文日期: fine in a draft, wanting before it goes out (GB/T 9704 7.3.5)."""
    return [
        Finding(
            UNDATED,
            known(report.signature.unit_origin, report.signature.origin),
            "落款只有署名，没有成文日期：定稿前请在 signature 下写上 date，如“date: 2026年11月20日”",
            shorten(report.signature.unit),
        )
        for report in volume.reports
        if report.signature and report.signature.date is None
    ]
