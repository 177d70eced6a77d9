"""Documents as the sequence of paragraphs they print as, numbers filled in.

The Word writer styles these paragraphs and the pagination model measures
them: both read this one sequence, so what is measured is what is printed.
Each paragraph plays a role, printed in its format in ``layout.spec.FORMATS``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from ..core.model import Cover, Item, Report, Section, Signature
from ..core.numbering import LEVELS, NUMERAL_DATES, chinese_date, date_in_numerals, item_number, section_number
from ..core.schema import REPORT
from . import spec
from .linebreak import Font, break_lines, text_width
from .titles import entry_lines, title_lines

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
    keep_with_next: bool = False  # on the page of the next paragraph, beyond what the format keeps
    keep_lines: bool = False  # never split across pages

    @property
    def keeps_with_next(self) -> bool:
        return self.keep_with_next or self.format.keep_with_next

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
    then each key of the report file as it prints, in the schema's order: 导语, the body
    or each section, and the ending (closing and 落款) kept with the text it closes."""
    body = [Paragraph(TITLE, [Run(broken_title(TITLE, title))])]
    if show_unit:
        body.append(Paragraph(UNIT_LINE, [Run(report.unit)]))
    body.append(Paragraph(BLANK))
    ending: list[Paragraph] = []
    for key in REPORT.keys:
        printed = _PRINTED[key.name](getattr(report, key.attribute))
        if key.name in _ENDING:
            ending += printed
        else:
            body += printed
    return _kept_with_their_text(body, ending)


def _kept_with_their_text(body: list[Paragraph], ending: list[Paragraph]) -> list[Paragraph]:
    """``body`` then ``ending`` (特此报告, the 落款), which never starts a page: GB/T 9704
    7.3.5 puts the 落款 on the page of the text it closes.

    The ending and the body's last paragraph are held together (keep with next,
    keep lines together): where they do not fit at the foot of a page, the last
    paragraph goes over with the ending. LibreOffice moves a paragraph kept with
    the next whole, Word only its last lines; keeping its lines together makes
    both (and WPS) do the same. A chain longer than a page would make them give
    up at different places, so it takes from the end only what fits on one page.
    """
    chain: list[Paragraph] = []
    room = spec.LINES_PER_PAGE
    for paragraph in reversed([body[-1], *ending] if ending else []):
        room -= len(printed_lines(paragraph)) * paragraph.format.grid_lines
        if room < 0 and chain:
            break
        chain.insert(0, paragraph)
    for paragraph in chain[:-1]:
        paragraph.keep_with_next = paragraph.keep_lines = True
    return body + ending


def printed_lines(paragraph: Paragraph) -> list[str]:
    """The lines ``paragraph`` prints as, by the numbers of its format (``spec.FORMATS``).

    A 目录 line whose page number does not fit after its last line takes a line more.
    """
    fmt = paragraph.format
    paragraph_font = font(paragraph.role)
    hanging = fmt.hanging_indent  # the first line starts that far left of the others
    width = spec.TEXT_WIDTH - paragraph.right_indent - hanging
    lines: list[str] = []
    offset = 0
    for number, segment in enumerate(paragraph.text.split(LINE_BREAK)):
        indent = fmt.first_line_indent - hanging if number == 0 else 0
        lines += break_lines(segment, paragraph_font, width, indent, _run_starts(paragraph, offset, len(segment)))
        offset += len(segment) + 1
    if paragraph.role == TOC_LINE:
        last_start = 0 if len(lines) == 1 else hanging
        if last_start + text_width(lines[-1], paragraph_font) + text_width(paragraph.page, paragraph_font) > spec.TEXT_WIDTH:
            lines.append("")  # a right tab takes the page number to the margin however little room is left
    return lines


def _run_starts(paragraph: Paragraph, offset: int, length: int) -> frozenset[int]:
    """Where runs begin within the segment ``[offset, offset + length)`` of the paragraph's text."""
    starts, position = set(), 0
    for run in paragraph.runs:
        starts.add(position - offset)
        position += len(run.text)
    return frozenset(s for s in starts if 0 < s < length)


def _body(texts: list[str]) -> list[Paragraph]:
    return [Paragraph(BODY, [Run(text)]) for text in texts]


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


def _in_the_head(value: str) -> list[Paragraph]:
    return []  # the title and the unit line above: as the volume's settings say


def _sections(sections: list[Section]) -> list[Paragraph]:
    return [paragraph for position, section in enumerate(sections, 1) for paragraph in _section_paragraphs(section, position)]


def _signature(signature: Signature | None) -> list[Paragraph]:
    return signature_paragraphs(signature) if signature else []


# How each key of a report file prints (a new key is given its meaning here), and
# the keys that end a report: on the page of the text they close (GB/T 9704 7.3.5).
_PRINTED: dict[str, Callable[..., list[Paragraph]]] = {
    "title": _in_the_head,
    "unit": _in_the_head,
    "intro": _body,
    "body": _body,
    "sections": _sections,
    "closing": _body,
    "signature": _signature,
}
_ENDING = frozenset({"closing", "signature"})


def toc_paragraphs(heading: str, entries: list[TocEntry]) -> list[Paragraph]:
    """The 目录: its heading, an empty line, and an entry for each report, with the
    unit under it (on the entry's page: the entry keeps with it)."""
    paragraphs = [Paragraph(TOC_HEADING, [Run(heading)]), Paragraph(BLANK)]
    for entry in entries:
        text = LINE_BREAK.join(_entry_lines(entry))
        paragraphs.append(Paragraph(TOC_LINE, [Run(text)], page=entry.page, keep_with_next=bool(entry.unit)))
        if entry.unit:
            paragraphs.append(Paragraph(TOC_UNIT, [Run(entry.unit)]))
    return paragraphs


def cover_date(cover: Cover) -> str:
    """The cover's date as it prints: as written (2026年12月 without its day), in the style chosen."""
    if cover.date is None:
        return ""
    return date_in_numerals(cover.date) if cover.date_style == NUMERAL_DATES else chinese_date(cover.date)


def _entry_lines(entry: TocEntry) -> list[str]:
    """A 目录 entry's lines, broken between words; the last leaves room for a
    character of dot leader and the page number."""
    line_font = font(TOC_LINE)
    hanging = spec.FORMATS[TOC_LINE].hanging_indent
    last_room = text_width("…" + entry.page, line_font)
    return entry_lines(entry.title, line_font, spec.TEXT_WIDTH, spec.TEXT_WIDTH - hanging, last_room)


def toc_field_keeps_its_look(entries: list[TocEntry]) -> bool:
    """Whether a TOC field over these entries, updated by Word, WPS or LibreOffice,
    prints the 目录 as composed: where each title is one line in the report and in
    the 目录, and no unit goes under it. (An update joins a title broken by hand
    with a space and wraps it anywhere; LibreOffice numbers unit lines, it does
    not read TOC's \\n switch.)"""
    return all(
        not entry.unit
        and LINE_BREAK not in broken_title(TITLE, entry.title)
        and len(_entry_lines(entry)) == 1
        for entry in entries
    )


def cover_paragraphs(cover: Cover) -> list[Paragraph]:
    """The cover: the title a third down the page, 编印单位 and date near its foot."""
    title = Paragraph(COVER_TITLE, [Run(broken_title(COVER_TITLE, cover.title))])
    title_lines_used = title.text.count(LINE_BREAK) + 1
    used = COVER_TOP_LINES + title_lines_used * title.format.grid_lines
    lines = [cover.unit, cover_date(cover)]
    lines = [line for line in lines if line]
    below = max(1, COVER_UNIT_LINE - used)
    blanks_below = min(below, spec.LINES_PER_PAGE - used - len(lines))
    return (
        [Paragraph(BLANK) for _ in range(COVER_TOP_LINES)]
        + [title]
        + [Paragraph(BLANK) for _ in range(max(0, blanks_below))]
        + [Paragraph(COVER_LINE, [Run(line)]) for line in lines]
    )
