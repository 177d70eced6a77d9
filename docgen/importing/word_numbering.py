"""Word's automatic list numbering: the number each list paragraph displays.

Reports typed in Word often carry their 一、 1. （一） as list numbering,
which is not in the paragraph text but in numbering.xml. The numbers are
worked out here the way Word counts them, so that the recogniser sees
"1.党员管理……" just as if it had been typed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..core.numbering import chinese_number
from .markers import CIRCLED
from .wordml import W, attribute, child_value, is_on, to_int

_HEAVENLY_STEMS = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY_BRANCHES = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = str.maketrans("一二三四五六七八九十百千", "壹贰叁肆伍陆柒捌玖拾佰仟")
_FULL_WIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
_ROMAN = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
_LEVEL_REFERENCE = re.compile(r"%([1-9])")
# Beyond these, letters and Roman numerals are written as digits: AAA… for 10¹¹ would be gigabytes.
_MOST_LETTERS = 26 * 30  # ZZZ…Z, thirty letters
_MOST_ROMAN = 3999  # MMMCMXCIX: Roman numerals have no sign for 5,000
_MOST_START = 2**31 - 1  # Word keeps a list's start in 32 bits; a longer number is no list's
_CLOSING_MARKS = "是"  # 一是 runs on into its text as typed
_CHINESE_FORMATS = {"chineseCounting", "chineseCountingThousand", "japaneseCounting",
                    "taiwaneseCounting", "taiwaneseCountingThousand", "ideographDigital",
                    "japaneseDigitalTenThousand", "koreanCounting"}


def format_number(value: int, number_format: str) -> str | None:
    """``value`` written in a w:numFmt; None for bullets."""
    if number_format == "bullet":
        return None
    if number_format == "none":
        return ""
    if number_format in _CHINESE_FORMATS and 1 <= value <= 9999:
        return chinese_number(value)
    if number_format == "chineseLegalSimplified" and 1 <= value <= 9999:
        return chinese_number(value).translate(_LEGAL)
    if number_format == "ideographTraditional" and 1 <= value <= len(_HEAVENLY_STEMS):
        return _HEAVENLY_STEMS[value - 1]
    if number_format == "ideographZodiac" and 1 <= value <= len(_EARTHLY_BRANCHES):
        return _EARTHLY_BRANCHES[value - 1]
    if number_format.startswith("decimalEnclosedCircle") and 1 <= value <= len(CIRCLED):
        return CIRCLED[value - 1]
    if number_format.startswith("decimalFullWidth"):
        return str(value).translate(_FULL_WIDTH)
    if number_format == "decimalZero":
        return f"{value:02d}"
    if number_format in ("upperLetter", "lowerLetter") and 1 <= value <= _MOST_LETTERS:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)  # Word's A … Z, AA … ZZ, AAA …
        return letter if number_format == "upperLetter" else letter.lower()
    if number_format in ("upperRoman", "lowerRoman") and 1 <= value <= _MOST_ROMAN:
        roman = _roman(value)
        return roman if number_format == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for size, letters in _ROMAN:
        count, value = divmod(value, size)
        out += letters * count
    return out


@dataclass
class Level:
    number_format: str = "decimal"
    text: str = "%1."
    start: int = 0  # ECMA-376: w:start defaults to 0
    legal: bool = False  # w:isLgl: every level shown as decimal
    suffix: str = "tab"  # w:suff: what Word puts between the number and the text (tab, space, nothing)


@dataclass
class Instance:
    """A w:num: which abstract list it counts in, and the levels it restarts."""

    abstract_id: str
    start_overrides: dict[int, int] = field(default_factory=dict)
    level_overrides: dict[int, Level] = field(default_factory=dict)


class ListNumbers:
    """Counts list paragraphs in document order and gives each its label.

    As in Word, the w:num instances of one abstract list share its counters;
    an instance with a start override restarts the level where it is first used.
    """

    def __init__(self, abstracts: dict[str, dict[int, Level]], instances: dict[str, Instance]):
        self.abstracts = abstracts
        self.instances = instances
        self.counters: dict[str, dict[int, int]] = {}
        self.restarted: set[tuple[str, int]] = set()

    def label(self, num_id: str | None, level: int) -> str | None:
        instance = self.instances.get(num_id or "")
        if instance is None:  # no numbering, or numId 0: numbering switched off
            return None
        levels = {**self.abstracts.get(instance.abstract_id, {}), **instance.level_overrides}
        if level not in levels:
            return None
        counts = self._count(num_id, instance, level, levels)
        return self._text(levels, level, counts)

    def _count(self, num_id: str, instance: Instance, level: int, levels: dict[int, Level]) -> dict[int, int]:
        counts = self.counters.setdefault(instance.abstract_id, {})
        if level in instance.start_overrides and (num_id, level) not in self.restarted:
            self.restarted.add((num_id, level))
            counts[level] = instance.start_overrides[level] - 1
        counts[level] = counts.get(level, levels[level].start - 1) + 1
        for deeper in [k for k in counts if k > level]:  # a new item restarts its sub-lists
            del counts[deeper]
        return counts

    def _text(self, levels: dict[int, Level], level: int, counts: dict[int, int]) -> str | None:
        own = levels[level]
        if own.number_format == "bullet":
            return None

        def number(match: re.Match) -> str:
            referenced = int(match.group(1)) - 1
            ref_level = levels.get(referenced, Level())
            value = counts.get(referenced, ref_level.start)
            fmt = "decimal" if own.legal and referenced != level else ref_level.number_format
            return format_number(value, fmt) or ""

        label = _LEVEL_REFERENCE.sub(number, own.text)
        # Word shows a gap (a tab or a space) after the number: "2" before "2021年01月" is
        # no "22021年01月". A number ending in its own mark (1. 一、 （一）) needs none.
        if label and own.suffix != "nothing" and label[-1].isalnum() and label[-1] not in _CLOSING_MARKS:
            label += " "
        return label


def list_definitions(numbering_root) -> tuple[dict[str, dict[int, Level]], dict[str, Instance]]:
    """The abstract lists and the list instances of a numbering.xml root (None: none)."""
    if numbering_root is None:
        return {}, {}
    abstracts = {
        attribute(abstract, "abstractNumId"): _levels(abstract)
        for abstract in numbering_root.findall(W + "abstractNum")
    }
    instances = {}
    for num in numbering_root.findall(W + "num"):
        instance = Instance(child_value(num, "abstractNumId") or "")
        for override in num.findall(W + "lvlOverride"):
            level = to_int(attribute(override, "ilvl"), 0)
            start = child_value(override, "startOverride")
            if start is not None:
                instance.start_overrides[level] = _start(start, 1)
            replacement = override.find(W + "lvl")
            if replacement is not None:
                instance.level_overrides[level] = _level(replacement)
        instances[attribute(num, "numId")] = instance
    return abstracts, instances


def _levels(abstract) -> dict[int, Level]:
    return {to_int(attribute(lvl, "ilvl"), 0): _level(lvl) for lvl in abstract.findall(W + "lvl")}


def _level(lvl) -> Level:
    return Level(
        number_format=child_value(lvl, "numFmt") or "decimal",
        text=child_value(lvl, "lvlText") or "",
        start=_start(child_value(lvl, "start"), 0),
        legal=is_on(lvl.find(W + "isLgl")),
        suffix=child_value(lvl, "suff") or "tab",
    )


def _start(text: str | None, default: int) -> int:
    return max(-_MOST_START, min(to_int(text, default), _MOST_START))


def list_reference(num_pr) -> tuple[str | None, int | None]:
    """The (numId, level) a w:numPr names; None for what it leaves to the style."""
    level = child_value(num_pr, "ilvl")
    return child_value(num_pr, "numId"), None if level is None else to_int(level, 0)
