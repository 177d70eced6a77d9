"""The report form and the volume settings form: what a page shows and posts ↔ docgen's model.

A form holds text as typed; ``report()`` and ``settings()`` make the model the
library saves, which is then read back and validated by docgen's own reader
(``api.save_report``): nothing is checked here that the reader checks. A textarea
holds a block's paragraphs, one a line, as a report file's ``|`` blocks do.

Field names: ``title``, ``unit``, ``intro``, ``body``, ``closing``, ``signature_unit``,
``signature_date``; a section's ``section-<i>-heading`` (``-numbering``,
``-run_in``, ``-lead``, ``-key``); an item's ``section-<i>-item-<j>-title``
(``-text``, ``-key``), counted from 1 in the order shown. A ``key`` names where
a section or item stood in the file as opened (``s2.i3``), so that its check
findings stay with it when the form's parts are moved.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from .. import api

DEFAULT_NUMBERING = api.DEFAULT_ITEM_STYLE
_SECTION_FIELD = re.compile(r"section-(\d+)-(heading|numbering|run_in|lead|key)")
_ITEM_FIELD = re.compile(r"section-(\d+)-item-(\d+)-(title|text|key)")
_OPERATION = re.compile(r"(add|remove|up|down)-(section|item)(?::(\d+))?(?::(\d+))?")
SIGNATURE_DATE = "成文日期（date）"
COVER_DATE = "封面日期（date）"


@dataclass
class ItemForm:
    title: str = ""
    text: str = ""
    key: str = ""


@dataclass
class SectionForm:
    heading: str = ""
    numbering: str = DEFAULT_NUMBERING
    run_in: bool = False
    lead: str = ""
    items: list[ItemForm] = field(default_factory=list)
    key: str = ""


@dataclass
class ReportForm:
    unit: str = ""
    title: str = ""
    intro: str = ""
    body: str = ""  # a report without section headings: its text as written
    sections: list[SectionForm] = field(default_factory=list)
    closing: str = ""
    signature_unit: str = ""
    signature_date: str = ""
    version: str = ""

    @classmethod
    def of(cls, report: api.Report, version: str) -> ReportForm:
        """The form of a report as read from its file."""
        signature = report.signature
        return cls(
            unit=report.unit,
            title=report.title,
            intro=_text(report.intro),
            body=_text(report.body),
            sections=[_section_form(section, position) for position, section in enumerate(report.sections, 1)],
            closing=_text(report.closing),
            signature_unit=signature.unit if signature else "",
            signature_date=api.chinese_date(signature.date) if signature and signature.date else "",
            version=version,
        )

    @classmethod
    def posted(cls, fields: Mapping[str, str]) -> ReportForm:
        """The form as the browser posted it."""
        form = cls(**{name: str(fields.get(name, "")) for name in _PLAIN_FIELDS})
        sections: dict[int, SectionForm] = {}
        items: dict[tuple[int, int], ItemForm] = {}
        for name, value in fields.items():
            if match := _SECTION_FIELD.fullmatch(name):
                section = sections.setdefault(int(match[1]), SectionForm())
                setattr(section, match[2], value == "on" if match[2] == "run_in" else str(value))
            elif match := _ITEM_FIELD.fullmatch(name):
                item = items.setdefault((int(match[1]), int(match[2])), ItemForm())
                setattr(item, match[3], str(value))
        for (section, _), item in sorted(items.items()):
            sections.setdefault(section, SectionForm()).items.append(item)
        form.sections = [sections[number] for number in sorted(sections)]
        return form

    def report(self) -> api.Report:
        """The report this form describes; an ``InputError`` where its date is none (the reader's message)."""
        signature = None
        if self.signature_unit.strip() or self.signature_date.strip():
            date = api.written_date(self.signature_date, SIGNATURE_DATE) if self.signature_date.strip() else None
            signature = api.Signature(self.signature_unit.strip(), date)
        return api.Report(
            unit=self.unit.strip(),
            title=self.title.strip(),
            intro=_paragraphs(self.intro),
            body=_paragraphs(self.body),
            sections=[_section(section) for section in self.sections],
            closing=_paragraphs(self.closing),
            signature=signature,
        )

    def apply(self, operation: str) -> None:
        """Add, remove or move a section or an item: ``add-section``, ``remove-section:2``,
        ``up-item:2:3``, ``add-item:2`` … (positions counted from 1). Anything else is ignored."""
        match = _OPERATION.fullmatch(operation)
        if not match:
            return
        verb, what = match[1], match[2]
        numbers = [int(n) - 1 for n in match.groups()[2:] if n]
        if what == "section":
            _change(self.sections, verb, numbers[0] if numbers else None, SectionForm(items=[ItemForm()]))
        elif numbers and 0 <= numbers[0] < len(self.sections):
            _change(self.sections[numbers[0]].items, verb, numbers[1] if len(numbers) > 1 else None, ItemForm())


_PLAIN_FIELDS = ("unit", "title", "intro", "body", "closing", "signature_unit", "signature_date", "version")


def _change(parts: list, verb: str, position: int | None, new) -> None:
    if verb == "add":
        parts.append(new)
        return
    if position is None or not 0 <= position < len(parts):
        return
    if verb == "remove":
        del parts[position]
    elif verb == "up" and position > 0:
        parts[position - 1], parts[position] = parts[position], parts[position - 1]
    elif verb == "down" and position + 1 < len(parts):
        parts[position + 1], parts[position] = parts[position], parts[position + 1]


def _section_form(section: api.Section, position: int) -> SectionForm:
    return SectionForm(
        heading=section.heading,
        numbering=section.numbering,
        run_in=section.run_in,
        lead=_text(section.lead),
        items=[ItemForm(item.title, _text(item.paragraphs), f"s{position}.i{number}") for number, item in enumerate(section.items, 1)],
        key=f"s{position}",
    )


def _section(form: SectionForm) -> api.Section:
    return api.Section(
        heading=form.heading.strip(),
        items=[api.Item(item.title.strip(), _paragraphs(item.text)) for item in form.items],
        lead=_paragraphs(form.lead),
        numbering=form.numbering,
        run_in=form.run_in,
    )


def _text(paragraphs: list[str]) -> str:
    return "\n".join(paragraphs)


def _paragraphs(text: str) -> list[str]:
    """A textarea's paragraphs: each line that holds text, as a ``|`` block's are read."""
    return [line.strip() for line in text.splitlines() if line.strip()]


# --- the volume settings ------------------------------------------------------------


@dataclass
class SettingsForm:
    series_title: str = ""
    toc_heading: str = ""
    titles: str = "series"
    show_unit: bool = False
    duplex: bool = False
    cover_title: str = ""
    cover_unit: str = ""
    cover_date: str = ""
    cover_date_style: str = api.DATE_STYLES[0]  # 2026年12月1日 or 二〇二六年十二月一日
    fonts: dict[str, str] = field(default_factory=dict)  # font use → face; empty: the default
    problem_headings: str = ""
    version: str = ""

    @classmethod
    def of(cls, settings: api.VolumeSettings, version: str) -> SettingsForm:
        cover = settings.cover
        return cls(
            series_title=settings.series_title,
            toc_heading=settings.toc_heading,
            titles=settings.titles,
            show_unit=settings.show_unit,
            duplex=settings.duplex,
            cover_title=cover.title if cover else "",
            cover_unit=cover.unit if cover else "",
            cover_date=api.chinese_date(cover.date) if cover and cover.date else "",
            cover_date_style=cover.date_style if cover else api.DATE_STYLES[0],
            fonts=dict(settings.fonts),
            problem_headings=_text(settings.problem_words),
            version=version,
        )

    @classmethod
    def posted(cls, fields: Mapping[str, str]) -> SettingsForm:
        text = {name: str(fields.get(name, "")) for name in _SETTINGS_TEXT}
        fonts = {use: str(fields.get(f"font_{use}", "")).strip() for use in api.FONT_USES}
        checked = {name: fields.get(name) == "on" for name in ("show_unit", "duplex")}
        return cls(**text, **checked, fonts={use: face for use, face in fonts.items() if face})

    def settings(self, order: list[str]) -> api.VolumeSettings:
        """The settings this form describes, with the volume order ``order`` (not on the form)."""
        settings = api.VolumeSettings(
            series_title=self.series_title.strip(),
            toc_heading=self.toc_heading.strip(),
            order=list(order),
            fonts=dict(self.fonts),
            titles=self.titles.strip(),
            show_unit=self.show_unit,
            duplex=self.duplex,
        )
        if self.cover_title.strip() or self.cover_unit.strip() or self.cover_date.strip():
            date = api.written_date(self.cover_date, COVER_DATE, month_allowed=True) if self.cover_date.strip() else None
            style = self.cover_date_style if self.cover_date_style in api.DATE_STYLES else api.DATE_STYLES[0]
            settings.cover = api.Cover(self.cover_title.strip(), self.cover_unit.strip(), date, style)
        words = _paragraphs(self.problem_headings)
        if words:
            settings.problem_words = words
        return settings


_SETTINGS_TEXT = (
    "series_title", "toc_heading", "titles", "cover_title", "cover_unit", "cover_date", "cover_date_style", "problem_headings", "version",
)
