"""The end of a report: 特此报告 and the like (closing), then the 署名 and the
date (落款). Both are lines of their own after the last item, never its text."""

from __future__ import annotations

import datetime
import re

from ..core.findings import IMPORT_GUESS, Finding
from ..core.model import Month, Origin, Signature
from ..core.sentences import SENTENCE_PUNCTUATION
from ..inputs.dates import parse_date
from .markers import split_marker
from .paragraphs import Para

_UNIT_ENDINGS = ("社区", "街道", "办事处", "党委", "党工委", "党支部", "党总支", "委员会", "居委会", "镇", "乡", "村")
# A line right above the 成文日期 is its 署名 with more endings than a line elsewhere may have.
_SIGNER_ENDINGS = _UNIT_ENDINGS + ("委", "办", "办公室", "中心", "党组", "工作站", "服务站")
# Where a printed report leaves room for the seal, after its 署名: 红旗社区党委（盖章）.
_SEAL_PLACE = re.compile(r"\s*[（(【\[]\s*(?:盖章|盖公章|印章|公章|签章|章|印)\s*[）)】\]]$")
MAX_UNIT_CHARS = 30
# Wrapping a unit line may carry: （红旗社区党委）, ——红旗社区, 报送单位：红旗社区.
_UNIT_WRAPPING = re.compile(r"^(?:[（(【\[]\s*)?(?:——\s*|—\s*|[^：:]{0,6}单位\s*[：:]\s*)?(?P<unit>.+?)(?:\s*[）)】\]])?$")

_WRAPPED = re.compile(r"^[（(]\s*(?P<inner>.*?)\s*[）)]$")
_CLOSING = re.compile(
    r"(?:特此|专此)(?:报告|汇报|说明|呈报)|妥否|不妥之处|以上报告|请.{0,4}(?:审阅|批示|审示|指正|审定|阅示)"
)
MAX_CLOSING_CHARS = 80
MAX_SIGNATURE_LINES = 3


def unit_of_line(text: str, endings: tuple[str, ...] = _UNIT_ENDINGS) -> str | None:
    """The unit a line names on its own (红旗社区党委, （红旗社区党委）), or None."""
    if split_marker(text)[0] is not None or SENTENCE_PUNCTUATION.search(text):
        return None
    unit = _UNIT_WRAPPING.match(text.strip()).group("unit").strip()
    if not unit or len(unit) > MAX_UNIT_CHARS or not unit.endswith(endings):
        return None
    return unit


def _signer_of_line(text: str) -> str | None:
    """The 署名 a line right above the 成文日期 holds (红旗社区党群服务中心, 红旗社区党委（盖章）), or None."""
    return None if _is_closing(text) else unit_of_line(_SEAL_PLACE.sub("", text.strip()), _SIGNER_ENDINGS)


def date_of_line(text: str) -> datetime.date | None:
    """The date a line holds and nothing else (2024年12月10日, 二〇二四年十二月十日, 2024.12.10,
    （2024年12月10日）); 2024年13月1日 is no date: the line stays text."""
    date = parse_date(_unwrapped(text))
    return date if isinstance(date, datetime.date) else None


def is_month_line(text: str) -> bool:
    """二〇二四年十二月: a 成文日期 without its day, which no date can hold."""
    return isinstance(parse_date(_unwrapped(text)), Month)


def _unwrapped(text: str) -> str:
    text = text.strip()
    wrapped = _WRAPPED.match(text)
    return wrapped.group("inner") if wrapped else text


def _unit_and_date(text: str) -> tuple[str, datetime.date] | None:
    """红旗社区党委　2024年12月10日: a 署名 and its date typed on one line."""
    parts = text.strip().rsplit(None, 1)
    if len(parts) != 2:
        return None
    unit, date = unit_of_line(parts[0]), date_of_line(parts[1])
    return (unit, date) if unit and date else None


def take_ending(
    paragraphs: list[Para], origin: Origin, notes: list[Finding]
) -> tuple[list[Para], list[str], Signature | None]:
    """The paragraphs before the ending, the closing lines and the 落款 (None if there is none).

    A date without its day stays as typed, as the last closing line, and is said in ``notes``.
    """
    end = len(paragraphs)
    unit, date, month_line = None, None, None
    while end > 0 and len(paragraphs) - end < MAX_SIGNATURE_LINES:
        paragraph = paragraphs[end - 1]
        both = _unit_and_date(paragraph.text) if unit is None and date is None else None
        if both:
            unit, date = both
        elif date is None and month_line is None and date_of_line(paragraph.text):
            date = date_of_line(paragraph.text)
        elif date is None and month_line is None and is_month_line(paragraph.text):
            month_line = paragraph
        elif unit is None and unit_of_line(paragraph.text):
            unit = unit_of_line(paragraph.text)
        elif unit is None and date is not None and end == len(paragraphs) - 1 and _signer_of_line(paragraph.text):
            unit = _signer_of_line(paragraph.text)
        else:
            break
        end -= 1
    signature = Signature(unit=unit or "", date=date, origin=origin) if unit or date else None
    start = end
    while start > 0 and _is_closing(paragraphs[start - 1].text):
        start -= 1
    closing = [p.text for p in paragraphs[start:end]]
    if month_line is not None:
        closing.append(month_line.text)
        notes.append(Finding(IMPORT_GUESS, month_line.origin, f"落款日期“{month_line.text}”没有写到日，已原样放在结束语最后，请核对"))
    return paragraphs[:start], closing, signature


def _is_closing(text: str) -> bool:
    return len(text) <= MAX_CLOSING_CHARS and split_marker(text)[0] is None and bool(_CLOSING.search(text))

