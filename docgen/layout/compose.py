"""Documents as the sequence of paragraphs they print as, numbers filled in.

The Word writer styles these paragraphs and the pagination model measures
them: both read this one sequence, so what is measured is what is printed.
Each paragraph plays a role, printed in its format in ``layout.spec.FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.model import Cover, Item, Report, Section, Signature
from ..core.numbering import LEVELS, chinese_date, item_number, section_number
from ..core.schema import REPORT
from . import spec
from .linebreak import Font, text_width
from .titles import title_lines

TITLE = spec.TITLE
UNIT_LINE = spec.UNIT_LINE
BLANK = spec.BLANK
HEADING1 = spec.HEADING1
BODY = spec.BODY
SIGNATURE = spec.SIGNATURE
TOC_HEADING = spec.TOC_HEADING
TOC_LINE = spec.TOC_LINE
TOC_UNIT = spec.TOC_UNIT
COVER_TITLE = spec.COVER_TITLE
COVER_LINE = spec.COVER_LINE

LINE_BREAK = "\n"  # a line break inside a paragraph (titles broken by hand)
COVER_TOP_LINES = 4  # empty grid lines above the cover title
COVER_UNIT_LINE = 16  # the grid line the cover's 编印单位 is printed on


@dataclass
class Run:
    text: str
    lead_level: int | None = None  # an item's number and lead sentence: its GB/T level


@dataclass
class Paragraph:
    role: str  # a role in layout.spec.FORMATS
    runs: list[Run] = field(default_factory=list)
    right_indent: int = 0  # twips, beyond the format's own (the 落款)
    page: str = ""  # a 目录 line's page number, after a dot leader

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)

    @property
    def format(self) -> spec.ParagraphFormat:
        return spec.FORMATS[self.role]


@dataclass(frozen=True)
class TocEntry:
    title: str
    page: str
    unit: str = ""  # shown under the title (show_unit)


def font(role: str) -> Font:
    fmt = spec.FORMATS[role]
    return Font(em=fmt.em, spacing=fmt.char_spacing)


def broken_title(role: str, title: str) -> str:
    """``title`` with line breaks where it wraps as a title should."""
    return LINE_BREAK.join(title_lines(title, font(role), spec.TEXT_WIDTH))


def report_paragraphs(report: Report, title: str, show_unit: bool = False) -> list[Paragraph]:
    """The title the volume gives the report (and its unit line), the empty line after it,
    then each key of the report file as it prints, in the schema's order: 导语, each
    section, closing and 落款."""
    paragraphs = [Paragraph(TITLE, [Run(broken_title(TITLE, title))])]
    if show_unit:
        paragraphs.append(Paragraph(UNIT_LINE, [Run(report.unit)]))
    paragraphs.append(Paragraph(BLANK))
    for key in REPORT.keys:
        paragraphs += _PRINTED[key.name](getattr(report, key.attribute))
    return paragraphs


def _in_the_head(value: str) -> list[Paragraph]:
    return []  # the title and the unit line above: as the volume's settings say


def _body(texts: list[str]) -> list[Paragraph]:
    return [Paragraph(BODY, [Run(text)]) for text in texts]


def _sections(sections: list[Section]) -> list[Paragraph]:
    return [paragraph for position, section in enumerate(sections, 1) for paragraph in _section_paragraphs(section, position)]


def _section_paragraphs(section: Section, position: int) -> list[Paragraph]:
    paragraphs = [Paragraph(HEADING1, [Run(section_number(position) + section.heading)])]
    paragraphs += _body(section.lead)
    if section.run_in and section.items:
        runs: list[Run] = []
        for number, item in enumerate(section.items, 1):
            runs += _item_runs(section, number, item, "".join(item.paragraphs))
        paragraphs.append(Paragraph(BODY, runs))
        return paragraphs
    for number, item in enumerate(section.items, 1):
        first = item.paragraphs[0] if item.paragraphs else ""
        paragraphs.append(Paragraph(BODY, _item_runs(section, number, item, first)))
        paragraphs += _body(item.paragraphs[1:])
    return paragraphs


def _item_runs(section: Section, number: int, item: Item, text: str) -> list[Run]:
    level = LEVELS[section.numbering]
    runs = [Run(item_number(section.numbering, number) + item.title, level)]
    if text:
        runs.append(Run(text))
    return runs


def signature_paragraphs(signature: Signature) -> list[Paragraph]:
    """GB/T 9704 7.3.5.3, a document without a seal: an empty line, the 署名 two
    characters from the right margin, the date on the next line starting two
    characters right of the 署名's start; where the date is the longer, the date
    keeps two characters to the margin and the 署名 moves left to match."""
    two = 2 * _char_width(SIGNATURE)
    unit_text = signature.unit
    date_text = chinese_date(signature.date) if signature.date else ""
    if not (unit_text and date_text):  # one line alone: two characters from the margin
        return [Paragraph(BLANK), Paragraph(SIGNATURE, [Run(unit_text or date_text)], right_indent=two)]
    signature_font = font(SIGNATURE)
    unit_width, date_width = text_width(unit_text, signature_font), text_width(date_text, signature_font)
    date_right = max(two, unit_width - date_width)
    unit_right = date_right + date_width + two - unit_width
    return [
        Paragraph(BLANK),
        Paragraph(SIGNATURE, [Run(unit_text)], right_indent=unit_right),
        Paragraph(SIGNATURE, [Run(date_text)], right_indent=date_right),
    ]


def _char_width(role: str) -> int:
    return text_width("字", font(role))


def _signature(signature: Signature | None) -> list[Paragraph]:
    return signature_paragraphs(signature) if signature else []


# How each key of a report file prints (a new key is given its meaning here).
_PRINTED: dict[str, Callable[..., list[Paragraph]]] = {
    "title": _in_the_head,
    "unit": _in_the_head,
    "intro": _body,
    "sections": _sections,
    "closing": _body,
    "signature": _signature,
}


def toc_paragraphs(heading: str, entries: list[TocEntry]) -> list[Paragraph]:
    """The 目录: its heading, an empty line, and a line an entry (with the unit under it)."""
    paragraphs = [Paragraph(TOC_HEADING, [Run(heading)]), Paragraph(BLANK)]
    for entry in entries:
        paragraphs.append(Paragraph(TOC_LINE, [Run(entry.title)], page=entry.page))
        if entry.unit:
            paragraphs.append(Paragraph(TOC_UNIT, [Run(entry.unit)]))
    return paragraphs


def cover_paragraphs(cover: Cover) -> list[Paragraph]:
    """The cover: the title a third down the page, 编印单位 and date near its foot."""
    title = Paragraph(COVER_TITLE, [Run(broken_title(COVER_TITLE, cover.title))])
    title_lines_used = title.text.count(LINE_BREAK) + 1
    used = COVER_TOP_LINES + title_lines_used * title.format.grid_lines
    lines = [cover.unit, chinese_date(cover.date) if cover.date else ""]
    lines = [line for line in lines if line]
    below = max(1, COVER_UNIT_LINE - used)
    blanks_below = min(below, spec.LINES_PER_PAGE - used - len(lines))
    return (
        [Paragraph(BLANK) for _ in range(COVER_TOP_LINES)]
        + [title]
        + [Paragraph(BLANK) for _ in range(max(0, blanks_below))]
        + [Paragraph(COVER_LINE, [Run(line)]) for line in lines]
    )
