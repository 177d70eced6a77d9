"""The end of a report: 特此报告 and the like (closing), then the 署名 and the
date (落款). Both are lines of their own after the last item, never its text.

A 落款 is typed in many ways: the unit and the date on two lines or on one
(红旗社区党委　2024年12月10日), a person's name over the date (王某 / 2020年4月12日),
labelled lines (总结者：张某 / 时间：2019/1/2, 报告人：…, 申请人：…), the place of
the seal after the 署名 (（盖章）), the date in any form ``dates.parse_date`` reads.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

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
_SEAL_PLACE = re.compile(r"\s*[（(【\[]\s*(?:盖章|盖公章|印章|公章|签章|章|印|签字|签名)\s*[）)】\]]$")
MAX_UNIT_CHARS = 30
# Wrapping a unit line may carry: （红旗社区党委）, ——红旗社区, 报送单位：红旗社区.
_UNIT_WRAPPING = re.compile(r"^(?:[（(【\[]\s*)?(?:——\s*|—\s*|[^：:]{0,6}单位\s*[：:]\s*)?(?P<unit>.+?)(?:\s*[）)】\]])?$")

_WRAPPED = re.compile(r"^[（(]\s*(?P<inner>.*?)\s*[）)]$")
_CLOSING = re.compile(
    r"(?:特此|专此)(?:报告|汇报|说明|呈报)|妥否|不妥之处|以上报告|请.{0,4}(?:审阅|批示|审示|指正|审定|阅示)"
)
MAX_CLOSING_CHARS = 80
MAX_SIGNATURE_LINES = 4  # 署名, a person, the seal's place, the date

# Labelled 落款 lines: 总结者：张某, 时间：2019/1/2, 报告单位：红旗社区党委; several may share a line.
_PERSON_LABELS = (
    "总结者", "总结人", "报告人", "汇报人", "申请人", "述职人", "发言人", "填报人", "撰稿人", "撰写人", "执笔人",
    "报送人", "整理人", "署名", "签名", "姓名",
)
_DATE_LABELS = ("时间", "日期", "报告时间", "报告日期", "填报日期", "填报时间", "汇报时间", "汇报日期", "成文日期", "报送日期", "报送时间", "落款日期")
_UNIT_LABELS = ("单位", "报告单位", "填报单位", "报送单位", "汇报单位", "申报单位", "署名单位", "申请单位")
_LABEL = re.compile(r"(?P<label>[\u4e00-\u9fff]{2,4})\s*[：:]\s*(?P<value>.+?)\s*(?=\s[\u4e00-\u9fff]{2,4}\s*[：:]|$)")
# A person's name alone over the date: 王某, 李某某, 欧阳XX, 张三丰 — two to four characters.
_PERSON = re.compile(r"^(?:[\u4e00-\u9fff]{1,3}(?:某某|某|XX|X)|[\u4e00-\u9fff]{2,4}|[\u4e00-\u9fff]{1,2}·[\u4e00-\u9fff]{1,4})$")
_NOT_NAMES = {"此致", "敬礼", "谢谢", "附件", "完毕", "以上", "特此报告", "特此汇报", "盖章", "签字"}


def unit_of_line(text: str, endings: tuple[str, ...] = _UNIT_ENDINGS) -> str | None:
    """The unit a line names on its own (红旗社区党委, （红旗社区党委）), or None."""
    if not text.strip() or split_marker(text)[0] is not None or SENTENCE_PUNCTUATION.search(text):
        return None
    unit = _UNIT_WRAPPING.match(text.strip()).group("unit").strip()
    if not unit or len(unit) > MAX_UNIT_CHARS or not unit.endswith(endings):
        return None
    return unit


def names_a_unit(text: str) -> bool:
    """Whether a 署名 is a unit's (东湖社区党群服务中心), not a person's (张某)."""
    return issuer_of_line(text) is not None


def issuer_of_line(text: str) -> str | None:
    """The unit a line names with a 署名's endings too (…组织办公室, …服务中心): a 署名, a cover's 编印单位."""
    return unit_of_line(text, _SIGNER_ENDINGS)


def _signer_of_line(text: str) -> str | None:
    """The 署名 a line right above the 成文日期 holds (红旗社区党群服务中心, 红旗社区党委（盖章）), or None."""
    return None if _is_closing(text) else issuer_of_line(_without_seal(text))


def _without_seal(text: str) -> str:
    return _SEAL_PLACE.sub("", text.strip())


def date_of_line(text: str) -> datetime.date | None:
    """The date a line holds and nothing else (2024年12月10日, 二〇二四年十二月十日, 2024.12.10,
    2024/12/10, （2024年12月10日））; 2024年13月1日 is no date: the line stays text."""
    date = parse_date(_unwrapped(text))
    return date if isinstance(date, datetime.date) else None


def cover_date_of_line(text: str) -> datetime.date | Month | None:
    """The date a cover's line holds, perhaps without its day (2026年12月, 二〇二六年十二月), or None."""
    return parse_date(_unwrapped(text))


def is_month_line(text: str) -> bool:
    """二〇二四年十二月: a 成文日期 without its day, which no date can hold."""
    return isinstance(parse_date(_unwrapped(text)), Month)


def _unwrapped(text: str) -> str:
    text = text.strip()
    wrapped = _WRAPPED.match(text)
    return wrapped.group("inner") if wrapped else text


def person_of_line(text: str) -> str | None:
    """A person's name alone on a line (王某, 李某某（签字）), or None."""
    name = _without_seal(text).replace(" ", "").replace("\u3000", "")
    return name if _PERSON.match(name) and name not in _NOT_NAMES and not _is_closing(name) else None


@dataclass
class EndingLine:
    """What one line of a 落款 holds: a unit, a person, a date, or a month without its day."""

    unit: str | None = None
    person: str | None = None
    date: datetime.date | None = None
    month: bool = False
    seal: bool = False  # only the place of the seal: （盖章）


def labelled_line(text: str) -> EndingLine | None:
    """总结者：张某　时间：2019/1/2, 报告单位：红旗社区党委: what the labels give, or None
    where a label is no 落款's or a value is not what its label says."""
    pairs = [(m["label"], m["value"].strip()) for m in _LABEL.finditer(text.strip())]
    return _read_labels(pairs) if pairs and _covers(pairs, text) else None


def _covers(pairs: list[tuple[str, str]], text: str) -> bool:
    """Whether the labelled pairs are all the line says (spaces and colons aside)."""
    said = "".join(f"{label}{value}" for label, value in pairs)
    return re.sub(r"[\s：:]", "", said) == re.sub(r"[\s：:]", "", text)


def _read_labels(pairs: list[tuple[str, str]]) -> EndingLine | None:
    line = EndingLine()
    for label, value in pairs:
        if label in _DATE_LABELS and date_of_line(value):
            line.date = date_of_line(value)
        elif label in _DATE_LABELS and is_month_line(value):
            line.month = True
        elif label in _PERSON_LABELS and _without_seal(value) and not SENTENCE_PUNCTUATION.search(value):
            line.person = _without_seal(value)
        elif label in _UNIT_LABELS and unit_of_line(_without_seal(value), _SIGNER_ENDINGS):
            line.unit = unit_of_line(_without_seal(value), _SIGNER_ENDINGS)
        else:
            return None
    return line


def read_ending_line(text: str, above_date: bool) -> EndingLine | None:
    """What a line at the end of a report holds as part of its 落款, or None where it is text.

    ``above_date``: the line is right above the 成文日期, where a person's name alone
    and a 署名 with more endings (…中心, …办) are read as the 署名.
    """
    if _is_closing(text) or len(text) > MAX_UNIT_CHARS + 20:
        return None
    if _SEAL_PLACE.fullmatch(text.strip()):
        return EndingLine(seal=True)
    labelled = labelled_line(text) if re.search("[：:]", text) else None
    if labelled:
        return labelled
    if date_of_line(text):
        return EndingLine(date=date_of_line(text))
    if is_month_line(text):
        return EndingLine(month=True)
    both = _signer_and_date(text)
    if both:
        return both
    unit = unit_of_line(_without_seal(text))
    if unit:
        return EndingLine(unit=unit)
    if above_date and _signer_of_line(text):
        return EndingLine(unit=_signer_of_line(text))
    if above_date and person_of_line(text):
        return EndingLine(person=person_of_line(text))
    return None


def _signer_and_date(text: str) -> EndingLine | None:
    """红旗社区党委　2024年12月10日, 王某 2020年4月12日: a 署名 and its date typed on one line."""
    parts = text.strip().rsplit(None, 1)
    if len(parts) != 2 or not date_of_line(parts[1]):
        return None
    unit = unit_of_line(_without_seal(parts[0]), _SIGNER_ENDINGS)
    if unit:
        return EndingLine(unit=unit, date=date_of_line(parts[1]))
    person = person_of_line(parts[0])
    return EndingLine(person=person, date=date_of_line(parts[1])) if person else None


@dataclass
class _Found:
    unit: str | None = None
    person: str | None = None
    person_line: Para | None = None
    date: datetime.date | None = None
    date_at: int | None = None
    month_line: Para | None = None

    def takes(self, line: EndingLine) -> bool:
        """Whether ``line`` adds to the 落款 found so far: no part of it twice."""
        clashes = (
            (line.unit and self.unit) or (line.person and self.person)
            or ((line.date or line.month) and (self.date or self.month_line))
        )
        return not clashes


def take_ending(
    paragraphs: list[Para], origin: Origin, notes: list[Finding]
) -> tuple[list[Para], list[str], Signature | None]:
    """The paragraphs before the ending, the closing lines and the 落款 (None if there is none).

    The 署名 is the unit where the 落款 names one, else the person. A person named
    beside a unit (报告人：张某 under 红旗社区党委) stays as typed, the last closing line;
    so does a date without its day, which is said in ``notes``.
    """
    found, end = _Found(), len(paragraphs)
    while end > 0 and len(paragraphs) - end < MAX_SIGNATURE_LINES:
        paragraph = paragraphs[end - 1]
        line = read_ending_line(paragraph.text, above_date=found.date_at == end)
        if line is None or not found.takes(line):
            break
        _record(found, line, paragraph, end - 1)
        end -= 1
    start = end
    while start > 0 and _is_closing(paragraphs[start - 1].text):
        start -= 1
    closing = [p.text for p in paragraphs[start:end]]
    signer = found.unit or found.person
    if found.unit and found.person_line is not None:
        closing.append(found.person_line.text)
    signature = Signature(unit=signer or "", date=found.date, origin=origin) if signer or found.date else None
    if found.month_line is not None:
        closing.append(found.month_line.text)
        notes.append(Finding(IMPORT_GUESS, found.month_line.origin, f"落款日期“{found.month_line.text}”没有写到日，已原样放在结束语最后，请核对"))
    return paragraphs[:start], closing, signature


def _record(found: _Found, line: EndingLine, paragraph: Para, index: int) -> None:
    if line.unit:
        found.unit = line.unit
    if line.person:
        found.person, found.person_line = line.person, paragraph
    if line.date:
        found.date, found.date_at = line.date, index
    if line.month:
        found.month_line = paragraph
    if line.seal and found.date_at == index + 1:
        found.date_at = index  # the 署名 over the seal's place is still the one over the date


def _is_closing(text: str) -> bool:
    return len(text) <= MAX_CLOSING_CHARS and split_marker(text)[0] is None and bool(_CLOSING.search(text))
