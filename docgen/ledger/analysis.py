"""The ledger → 共性问题分析.docx, on the reports' own template and page.

The analysis is written as a report of the document model (sections, items,
numbering), so it is composed and styled exactly as the reports are; only the
tables and the charts are WordprocessingML of their own, put in after the
lead of the section they belong to. The charts are editable Word charts
(``docx_chart``): the shared problems by the units raising them, the
categories, and, with last year's inputs, the categories of both years.
"""

from __future__ import annotations

from ..core.model import Item, Report, Section
from ..docx.chart import BarData, add_charts, chart_paragraph
from ..docx.content import StyleIds, report_elements
from ..docx.ooxml import add_run, element
from ..docx.properties import DocumentProperties
from ..docx.template_fill import Template
from ..layout import compose, spec
from .model import Ledger, ProblemGroup

TITLE = "共性问题分析"
NAMED_UNITS = 30  # a group of more units names these and counts the rest
WORDING_UNITS = 3  # a wording used by more units names the first and counts them
CHARTED_GROUPS = 20  # shared problems in the chart at most, most units first
_TABLE_WIDTHS = (3245, 1900, 1800, 1900)  # twips, adding up to the text width of 8845


def analysis_docx(ledger: Ledger, template: Template) -> bytes:
    report = analysis_report(ledger)
    charts = analysis_charts(ledger)

    def paragraphs(styles: StyleIds):
        body = report_elements(report, TITLE, styles)
        inserts = {1: [], 2: [], 3: []}  # section number → what follows its lead
        numbers = {chart: number for number, chart in enumerate(charts, 1)}
        if "shared" in charts:
            inserts[1] = [_chart(numbers["shared"], charts["shared"], styles)]
        inserts[2] = [_table(_CATEGORY_HEADINGS, _category_rows(ledger), styles), _chart(numbers["categories"], charts["categories"], styles)]
        if ledger.compared_with_previous:
            inserts[3] = [_table(_PREVIOUS_HEADINGS, _previous_rows(ledger), styles), _chart(numbers["previous"], charts["previous"], styles)]
        for section in sorted(inserts, reverse=True):  # from the end, so the earlier places stay where they are
            if inserts[section]:
                at = _after_lead(report, section)
                body[at:at] = inserts[section]
        return body

    docx = template.render(paragraphs, {"title": TITLE, "unit": ""}, DocumentProperties(title=TITLE))
    return add_charts(docx, list(charts.values()))


def analysis_charts(ledger: Ledger) -> dict[str, BarData]:
    """The charts of the analysis by what they show, in the order they stand."""
    charts = {}
    if ledger.groups:
        shown = ledger.groups[:CHARTED_GROUPS]
        title = "共性问题涉及的社区数" if len(shown) == len(ledger.groups) else f"涉及社区最多的{len(shown)}个共性问题"
        charts["shared"] = BarData(title, [g.heading for g in shown], [("涉及社区数", [len(g.units) for g in shown])])
    counts = ledger.category_counts()
    charts["categories"] = BarData("各类别问题条数", [name for name, _ in counts], [("问题条数", [n for _, n in counts])]).without_empty()
    if ledger.compared_with_previous:
        rows = _previous_rows(ledger)[:-1]
        charts["previous"] = BarData(
            "各类别问题条数（与上年对照）",
            [row[0] for row in rows],
            [("上年", [int(row[1]) for row in rows]), ("今年", [int(row[2]) for row in rows])],
        ).without_empty()
    return charts


def _after_lead(report: Report, section: int) -> int:
    """How many body paragraphs stand up to and with the first lead paragraph of section ``section`` (from 1)."""
    head = report.sections[section - 1]
    lead_only = Section(head.heading, [], head.lead[:1], numbering=head.numbering)
    return len(compose.report_paragraphs(Report(report.unit, [*report.sections[: section - 1], lead_only]), TITLE))


def _chart(number: int, data: BarData, styles: StyleIds):
    """The chart in a paragraph of its own: single spacing, since the body's exact line height would clip it."""
    paragraph = _body_paragraph(
        styles,
        element("keepNext"),
        element("spacing", before="120", after="120", line="240", lineRule="auto"),
        element("ind", firstLine="0", firstLineChars="0"),
        element("jc", val="center"),
    )
    return chart_paragraph(number, data, paragraph)


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
    compared = (
        f"上年{ledger.previous_unit_count}个社区列出问题{ledger.previous_total}条，今年{ledger.unit_count}个社区"
        f"列出{len(ledger.rows)}条，各类别对照如下。"
    )
    if not again:
        return Section("连续两年提出的问题", lead=[compared, "与上年的报告对照，今年列出的问题都没有在上年提出过。"])
    lead = f"与上年的报告对照，{len(again)}个社区的{count}条问题上年已经提出，连续两年提出："
    items = [
        Item(f"{unit}，{len(problems)}条。", ["；".join(_quoted(p.title.rstrip("。；;.")) for p in problems) + "。"])
        for unit, problems in again
    ]
    return Section("连续两年提出的问题", items, [compared, lead])


_CATEGORY_HEADINGS = ("类别", "问题条数", "占比", "涉及单位数")
_PREVIOUS_HEADINGS = ("类别", "上年条数", "今年条数", "连续两年提出")


def _category_rows(ledger: Ledger) -> list[tuple[str, ...]]:
    total = len(ledger.rows) or 1
    units = ledger.category_units()
    rows = [(name, str(count), f"{count * 100 / total:.0f}%", str(units.get(name, 0))) for name, count in ledger.category_counts()]
    all_units = len({row.problem.unit for row in ledger.rows})
    rows.append(("合计", str(len(ledger.rows)), "100%" if ledger.rows else "0%", str(all_units)))
    return rows


def _previous_rows(ledger: Ledger) -> list[tuple[str, ...]]:
    """Each category: last year's problems, this year's, and this year's raised last year too; then the sums."""
    again: dict[str, int] = {}
    for row in ledger.rows:
        if row.raised_before:
            again[row.problem.category] = again.get(row.problem.category, 0) + 1
    earlier = ledger.previous_category_counts
    rows = [(name, str(earlier.get(name, 0)), str(count), str(again.get(name, 0))) for name, count in ledger.category_counts()]
    rows.append(("合计", str(ledger.previous_total), str(len(ledger.rows)), str(sum(again.values()))))
    return rows


def _table(headings: tuple[str, ...], rows: list[tuple[str, ...]], styles: StyleIds):
    table = element("tbl")
    table.append(_table_properties())
    grid = element("tblGrid")
    for width in _TABLE_WIDTHS:
        grid.append(element("gridCol", w=str(width)))
    table.append(grid)
    table.append(_table_row(headings, styles, header=True))
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
