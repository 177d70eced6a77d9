"""The ledger → 共性问题分析.docx, on the reports' own template and page.

The analysis is written as a report of the document model (sections, items,
numbering), so it is composed and styled exactly as the reports are; only the
category table is WordprocessingML of its own, put in after the lead of the
section it belongs to.
"""

from __future__ import annotations

from ..core.model import Item, Report, Section
from ..docx.content import StyleIds, report_elements
from ..docx.ooxml import add_run, element
from ..docx.properties import DocumentProperties
from ..docx.template_fill import Template
from ..layout import compose, spec
from .model import Ledger, ProblemGroup

TITLE = "共性问题分析"
NAMED_UNITS = 30  # a group of more units names these and counts the rest
WORDING_UNITS = 3  # a wording used by more units names the first and counts them
_TABLE_HEADINGS = ("类别", "问题条数", "占比", "涉及单位数")
_TABLE_WIDTHS = (3245, 1900, 1800, 1900)  # twips, adding up to the text width of 8845


def analysis_docx(ledger: Ledger, template: Template) -> bytes:
    report = analysis_report(ledger)
    # The table follows the lead of the second section: as many paragraphs in as the first two compose to.
    table_at = len(compose.report_paragraphs(Report(report.unit, report.sections[:2]), TITLE))

    def paragraphs(styles: StyleIds):
        body = report_elements(report, TITLE, styles)
        body[table_at:table_at] = [_category_table(ledger, styles), _body_paragraph(styles)]
        return body

    return template.render(paragraphs, {"title": TITLE, "unit": ""}, DocumentProperties(title=TITLE))


def analysis_report(ledger: Ledger) -> Report:
    sections = [_shared_section(ledger), _category_section(ledger)]
    if ledger.compared_with_previous:
        sections.append(_raised_again_section(ledger))
    return Report(unit="", sections=sections)


def _shared_section(ledger: Ledger) -> Section:
    total = len(ledger.rows)
    lead = f"{ledger.unit_count}个社区的报告共列出问题{total}条。"
    if ledger.groups:
        lead += f"其中{len(ledger.groups)}类问题有两个以上社区反映，按反映的社区多少排列如下。"
    else:
        lead += "各社区反映的问题没有提法相近的。"
    return Section("共性问题", [_group_item(group) for group in ledger.groups], [lead], numbering="（一）")


def _group_item(group: ProblemGroup) -> Item:
    units = group.units
    named = "、".join(units[:NAMED_UNITS]) + (f"等{len(units)}个社区" if len(units) > NAMED_UNITS else "")
    wordings: dict[str, list[str]] = {}
    for problem in group.problems:
        wordings.setdefault(problem.title.rstrip("。；;."), []).append(problem.unit)
    sayings = "；".join(
        f"{_quoted(title)}（{_few_units(list(dict.fromkeys(units_saying)))}）" if len(wordings) > 1 else _quoted(title)
        for title, units_saying in wordings.items()
    )
    return Item(f"{group.heading}。", [f"{len(units)}个社区反映：{named}。提法：{sayings}。"])


def _few_units(units: list[str]) -> str:
    """The units using a wording: named when few, else the first and how many (all are named above)."""
    return "、".join(units) if len(units) <= WORDING_UNITS else f"{units[0]}等{len(units)}个社区"


def _quoted(text: str) -> str:
    """``text`` in double quotes; its own double quotes become single ones, as Chinese nests them."""
    return "“" + text.translate({ord("“"): "‘", ord("”"): "’"}) + "”"


def _category_section(ledger: Ledger) -> Section:
    return Section("问题类别统计", lead=["按问题的类别统计如下（每条问题归入一类）。"])


def _raised_again_section(ledger: Ledger) -> Section:
    again = ledger.raised_again_by_unit()
    count = sum(len(problems) for _, problems in again)
    if not again:
        return Section("连续两年提出的问题", lead=["与上年的报告对照，今年列出的问题都没有在上年提出过。"])
    lead = f"与上年的报告对照，{len(again)}个社区的{count}条问题上年已经提出，连续两年提出："
    items = [
        Item(f"{unit}，{len(problems)}条。", ["；".join(_quoted(p.title.rstrip("。；;.")) for p in problems) + "。"])
        for unit, problems in again
    ]
    return Section("连续两年提出的问题", items, [lead])


def _category_table(ledger: Ledger, styles: StyleIds):
    total = len(ledger.rows) or 1
    units_by_category: dict[str, set[str]] = {}
    for row in ledger.rows:
        units_by_category.setdefault(row.problem.category, set()).add(row.problem.unit)
    rows = [
        (name, str(count), f"{count * 100 / total:.0f}%", str(len(units_by_category.get(name, ()))))
        for name, count in ledger.category_counts()
    ]
    all_units = len({row.problem.unit for row in ledger.rows})
    rows.append(("合计", str(len(ledger.rows)), "100%" if ledger.rows else "0%", str(all_units)))
    table = element("tbl")
    table.append(_table_properties())
    grid = element("tblGrid")
    for width in _TABLE_WIDTHS:
        grid.append(element("gridCol", w=str(width)))
    table.append(grid)
    table.append(_table_row(_TABLE_HEADINGS, styles, header=True))
    for values in rows:
        table.append(_table_row(values, styles))
    return table


def _table_properties():
    properties = element("tblPr")
    properties.append(element("tblW", w=str(sum(_TABLE_WIDTHS)), type="dxa"))
    properties.append(element("jc", val="center"))
    borders = element("tblBorders")
    for side in ("top", "left", "bottom", "right", "insideH", "insideV"):
        borders.append(element(side, val="single", sz="4", space="0", color="000000"))
    properties.append(borders)
    properties.append(element("tblLayout", type="fixed"))
    return properties


def _table_row(values, styles: StyleIds, header: bool = False):
    row = element("tr")
    if header:
        row_properties = element("trPr")
        row_properties.append(element("tblHeader"))  # repeated should the table run onto a new page
        row.append(row_properties)
    for value, width in zip(values, _TABLE_WIDTHS):
        cell = element("tc")
        cell_properties = element("tcPr")
        cell_properties.append(element("tcW", w=str(width), type="dxa"))
        cell_properties.append(element("vAlign", val="center"))
        cell.append(cell_properties)
        paragraph = _cell_paragraph(styles)
        run = add_run(paragraph, value)
        if header:
            run_properties = element("rPr")
            run_properties.append(element("b"))
            run.insert(0, run_properties)
        cell.append(paragraph)
        row.append(cell)
    return row


def _cell_paragraph(styles: StyleIds):
    """A body paragraph without the first-line indent, centred in its cell."""
    return _body_paragraph(styles, element("ind", firstLine="0", firstLineChars="0"), element("jc", val="center"))


def _body_paragraph(styles: StyleIds, *properties):
    paragraph = element("p")
    paragraph_properties = element("pPr")
    paragraph_properties.append(element("pStyle", val=styles[spec.STYLE_BODY]))
    paragraph_properties.extend(properties)
    paragraph.append(paragraph_properties)
    return paragraph
