"""A report as the sequence of paragraphs it prints as, numbers filled in.

The Word writer styles these paragraphs and the pagination model measures
them: both read this one sequence, so what is measured is what is printed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .model import Item, Report, Section
from .numbering import item_number, section_number
from .schema import LEVELS

TITLE = "title"
BLANK = "blank"
HEADING1 = "heading1"
BODY = "body"


@dataclass
class Run:
    text: str
    lead_level: int | None = None  # an item's number and lead sentence: its GB/T level


@dataclass
class Paragraph:
    role: str
    runs: list[Run] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def report_paragraphs(report: Report, title: str) -> list[Paragraph]:
    """Title, the empty line after it, then each section."""
    paragraphs = [Paragraph(TITLE, [Run(title)]), Paragraph(BLANK)]
    for position, section in enumerate(report.sections, 1):
        paragraphs += _section_paragraphs(section, position)
    return paragraphs


def _section_paragraphs(section: Section, position: int) -> list[Paragraph]:
    paragraphs = [Paragraph(HEADING1, [Run(section_number(position) + section.heading)])]
    paragraphs += [Paragraph(BODY, [Run(text)]) for text in section.lead]
    if section.run_in and section.items:
        runs: list[Run] = []
        for number, item in enumerate(section.items, 1):
            runs += _item_runs(section, number, item, "".join(item.paragraphs))
        paragraphs.append(Paragraph(BODY, runs))
        return paragraphs
    for number, item in enumerate(section.items, 1):
        first = item.paragraphs[0] if item.paragraphs else ""
        paragraphs.append(Paragraph(BODY, _item_runs(section, number, item, first)))
        paragraphs += [Paragraph(BODY, [Run(text)]) for text in item.paragraphs[1:]]
    return paragraphs


def _item_runs(section: Section, number: int, item: Item, text: str) -> list[Run]:
    level = LEVELS[section.numbering]
    runs = [Run(item_number(section.numbering, number) + item.title, level)]
    if text:
        runs.append(Run(text))
    return runs
