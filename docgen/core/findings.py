"""What docgen finds and tells without stopping, as data: one ``Finding`` a place.

``docgen check``'s findings and the warnings of reading, importing and
summarising are all of this one type; ``said`` is the one way one is put into
words for a person.
"""

from __future__ import annotations

from dataclasses import dataclass

from .model import Origin

# The kinds of warnings (check's own kinds are in check/findings.py).
TEXT_AFTER_COMMENT = "text_after_comment"  # YAML took “ #…” after a value for a comment
CONTROL_CHARACTERS = "control_characters"  # characters Word cannot hold, removed
UNLIKELY_DATE = "unlikely_date"  # a 成文日期 in a year after next: 2062 for 2026?
NOT_IN_ORDER = "not_in_order"  # reports volume.yaml's order does not list
UNKNOWN_FONT = "unknown_font"  # a face neither 公文 nor installed
CONVERTED = "converted"  # an old-format file LibreOffice converted for import
IMPORT_GUESS = "import_guess"  # what import had to guess: please check
EMPTY_REPORT = "empty_report"  # import: a report of a volume with nothing under its title, left out
PROBLEMS_WITHOUT_ITEMS = "problems_without_items"  # summary: a problem section with only a lead
NO_PROBLEMS = "no_problems"  # summary: no section heading names problems
CELL_TOO_LONG = "cell_too_long"  # summary: a problem longer than an Excel cell holds
NOT_COMPARED = "not_compared"  # summary: units last year's inputs lack
NOT_CARRIED_OVER = "not_carried_over"  # summary: filled-in rows of the old ledger without a problem
PREVIOUS_REMEMBERED = "previous_remembered"  # summary --keep: compared with the year the kept ledger was compared with
STALE_LEDGER = "stale_ledger"  # build: 问题清单 or 共性问题分析 older than the inputs
RECOVERED = "recovered"  # an earlier write into the folder was interrupted: rolled back or finished
UNTRUSTED_RECORD = "untrusted_record"  # docgen's journal or manifest names what it may not touch: ignored


@dataclass(frozen=True, slots=True)
class Finding:
    kind: str
    origin: Origin
    message: str  # Chinese: what is wrong and, where it helps, what to do
    excerpt: str = ""  # the offending text in its context, shortened (docgen check)
    other: Origin | None = None  # the second place, for repeated content


def said(finding: Finding, *, with_file: bool = True) -> str:
    """The finding as a person reads it: 文件 第 N 行：说明 (``with_file=False``: 第 N 行：说明,
    under a heading that names the file already)."""
    origin = finding.origin
    where = str(origin) if with_file and origin.path else origin.place
    return f"{where}：{finding.message}" if where else finding.message
