"""Editable Word charts: a bar chart as a DrawingML chart part, with its data as an embedded workbook.

Word and WPS draw the chart from the values cached in the chart part and open
the embedded workbook on "编辑数据", so the chart stays a chart, not a
picture; LibreOffice draws it from the cache too. The chart XML is
openpyxl's (the same classes as the ledger's charts), its caches filled here
since a Word chart has no worksheet to read them from.

Usage: ``chart_paragraph`` goes into the body where the chart is to stand;
``add_charts`` then puts the parts, relationships and content types into
the rendered package.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from lxml import etree
from openpyxl import Workbook
from openpyxl.chart import BarChart
from openpyxl.chart.data_source import AxDataSource, NumData, NumDataSource, NumRef, NumVal, StrData, StrRef, StrVal
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.series import Series, SeriesLabel
from openpyxl.chart.text import RichText
from openpyxl.drawing.text import CharacterProperties, Font, Paragraph, ParagraphProperties
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.writer.excel import ExcelWriter

from .ooxml import XML_PARSER, element
from .package import read_parts, zip_parts
from .properties import build_time

TEXT_WIDTH_EMU = 8845 * 635  # the report page's text width (8845 twips)
_BAR_EMU = 200_000  # height per bar
_GAP_EMU = 120_000  # between categories
_FRAME_EMU = 1_100_000  # title, axis and margins
_SHEET = "Sheet1"
_CHART_URI = "http://schemas.openxmlformats.org/drawingml/2006/chart"
_A = "http://schemas.openxmlformats.org/drawingml/2006/main"
_C = _CHART_URI
_R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_WP = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_CHART_RELATIONSHIP = f"{_R}/chart"
_PACKAGE_RELATIONSHIP = f"{_R}/package"
_CHART_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
_XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
_FIRST_DRAWING_ID = 9001  # docPr ids: unique in the document, far from any a template may hold


@dataclass(frozen=True)
class BarData:
    """A horizontal bar chart: one bar per category and series, the first category on top."""

    title: str
    categories: list[str]
    series: list[tuple[str, list[int]]]  # (name, one value per category)
    font: str = "宋体"

    def without_empty(self) -> BarData:
        """Without the categories every series has none of: the table beside it lists those."""
        keep = [i for i in range(len(self.categories)) if any(values[i] for _, values in self.series)]
        series = [(name, [values[i] for i in keep]) for name, values in self.series]
        return BarData(self.title, [self.categories[i] for i in keep], series, self.font)


def relationship_id(number: int) -> str:
    return f"rIdDocgenChart{number}"


def chart_paragraph(number: int, data: BarData, paragraph):
    """``paragraph`` (an empty body paragraph) holding chart ``number`` inline, the text's full width."""
    height = _FRAME_EMU + max(len(data.categories), 3) * (_BAR_EMU * len(data.series) + _GAP_EMU)
    run = element("r")
    drawing = element("drawing")
    inline = etree.SubElement(drawing, f"{{{_WP}}}inline", distT="0", distB="0", distL="0", distR="0", nsmap={"wp": _WP})
    etree.SubElement(inline, f"{{{_WP}}}extent", cx=str(TEXT_WIDTH_EMU), cy=str(height))
    etree.SubElement(inline, f"{{{_WP}}}effectExtent", l="0", t="0", r="0", b="0")
    etree.SubElement(inline, f"{{{_WP}}}docPr", id=str(_FIRST_DRAWING_ID + number), name=f"图表 {number}", descr=data.title)
    etree.SubElement(inline, f"{{{_WP}}}cNvGraphicFramePr")
    graphic = etree.SubElement(inline, f"{{{_A}}}graphic", nsmap={"a": _A})
    graphic_data = etree.SubElement(graphic, f"{{{_A}}}graphicData", uri=_CHART_URI)
    etree.SubElement(graphic_data, f"{{{_C}}}chart", {f"{{{_R}}}id": relationship_id(number)}, nsmap={"c": _C, "r": _R})
    run.append(drawing)
    paragraph.append(run)
    return paragraph


def add_charts(docx: bytes, charts: list[BarData]) -> bytes:
    """The package with chart 1 … n: their parts, the document's relationships to them, their content types."""
    if not charts:
        return docx
    parts = read_parts(docx)
    relationships = etree.fromstring(parts["word/_rels/document.xml.rels"], XML_PARSER)
    types = etree.fromstring(parts["[Content_Types].xml"], XML_PARSER)
    type_ns = types.nsmap[None]
    if not any(d.get("Extension") == "xlsx" for d in types.iter(f"{{{type_ns}}}Default")):
        etree.SubElement(types, f"{{{type_ns}}}Default", Extension="xlsx", ContentType=_XLSX_CONTENT_TYPE)
    for number, data in enumerate(charts, 1):
        chart_part, workbook_part = f"word/charts/chart{number}.xml", f"word/embeddings/docgen_chart{number}.xlsx"
        parts[chart_part] = chart_xml(data)
        parts[f"word/charts/_rels/chart{number}.xml.rels"] = _relationships_xml(
            [("rId1", _PACKAGE_RELATIONSHIP, f"../embeddings/docgen_chart{number}.xlsx")]
        )
        parts[workbook_part] = chart_workbook(data)
        etree.SubElement(
            relationships, f"{{{_PACKAGE_RELS}}}Relationship",
            Id=relationship_id(number), Type=_CHART_RELATIONSHIP, Target=f"charts/chart{number}.xml",
        )  # fmt: skip
        etree.SubElement(types, f"{{{type_ns}}}Override", PartName=f"/{chart_part}", ContentType=_CHART_CONTENT_TYPE)
    parts["word/_rels/document.xml.rels"] = etree.tostring(relationships, xml_declaration=True, encoding="UTF-8", standalone=True)
    parts["[Content_Types].xml"] = etree.tostring(types, xml_declaration=True, encoding="UTF-8", standalone=True)
    return zip_parts(parts)


def chart_xml(data: BarData) -> bytes:
    """The chart part: openpyxl's bar chart, its series' values and names cached, its data in Sheet1."""
    chart = BarChart()
    chart.type = "bar"
    chart.grouping = "clustered"
    chart.style = 10
    chart.title = data.title
    chart.title.tx.rich.p[0].pPr = _paragraph_properties(data.font, 1200, bold=True)
    chart.x_axis.scaling.orientation = "maxMin"  # the first category on top, as in the table
    chart.y_axis.majorGridlines = None
    chart.x_axis.delete = chart.y_axis.delete = False
    chart.x_axis.txPr = chart.y_axis.txPr = _text_properties(data.font, 900)
    last = len(data.categories) + 1
    categories = AxDataSource(strRef=StrRef(f=_range(1, 2, last), strCache=_strings(data.categories)))
    for column, (name, values) in enumerate(data.series, 2):
        series = Series(val=NumDataSource(numRef=NumRef(f=_range(column, 2, last), numCache=_numbers(values))))
        series.tx = SeriesLabel(strRef=StrRef(f=_range(column, 1, 1), strCache=_strings([name])))
        series.cat = categories
        chart.series.append(series)
    chart.dataLabels = DataLabelList(showVal=True, showSerName=False, showCatName=False, showLegendKey=False, showPercent=False)
    chart.dataLabels.txPr = _text_properties(data.font, 900)
    if len(data.series) < 2:
        chart.legend = None
    else:
        chart.legend.position = "b"
        chart.legend.txPr = _text_properties(data.font, 900)
    space = chart._write()
    external = etree.SubElement(space, f"{{{_C}}}externalData", {f"{{{_R}}}id": "rId1"})
    etree.SubElement(external, f"{{{_C}}}autoUpdate", val="0")
    return etree.tostring(_with_prefixes(space), xml_declaration=True, encoding="UTF-8", standalone=True)


def chart_workbook(data: BarData) -> bytes:
    """The chart's data as Word's "编辑数据" opens it: categories in A, a series a column, names in row 1."""
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _SHEET
    sheet.append(["", *(name for name, _ in data.series)])
    for index, category in enumerate(data.categories):
        sheet.append([category, *(values[index] for _, values in data.series)])
    sheet.column_dimensions["A"].width = 30
    when = build_time().replace(tzinfo=None)
    workbook.properties.created = workbook.properties.modified = when
    workbook.properties.creator = "docgen"
    out = io.BytesIO()
    with __import__("zipfile").ZipFile(out, "w", __import__("zipfile").ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).write_data()
    return zip_parts(read_parts(out.getvalue()))  # fixed entry dates: the same bytes every time


def _range(column: int, first: int, last: int) -> str:
    letter = get_column_letter(column)
    return f"{quote_sheetname(_SHEET)}!${letter}${first}:${letter}${last}"


def _strings(values: list[str]) -> StrData:
    return StrData(ptCount=len(values), pt=[StrVal(idx=i, v=value) for i, value in enumerate(values)])


def _numbers(values: list[int]) -> NumData:
    return NumData(formatCode="General", ptCount=len(values), pt=[NumVal(idx=i, v=value) for i, value in enumerate(values)])


def _paragraph_properties(font: str, size: int, bold: bool = False) -> ParagraphProperties:
    face = Font(typeface=font)
    return ParagraphProperties(defRPr=CharacterProperties(latin=face, ea=face, sz=size, b=bold))


def _text_properties(font: str, size: int) -> RichText:
    return RichText(p=[Paragraph(pPr=_paragraph_properties(font, size), endParaRPr=CharacterProperties())])


def _relationships_xml(relationships: list[tuple[str, str, str]]) -> bytes:
    root = etree.Element(f"{{{_PACKAGE_RELS}}}Relationships", nsmap={None: _PACKAGE_RELS})
    for rid, relation, target in relationships:
        etree.SubElement(root, f"{{{_PACKAGE_RELS}}}Relationship", Id=rid, Type=relation, Target=target)
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def _with_prefixes(space):
    """openpyxl writes the chart namespace as the default one; Word wants the customary c:, a: and r:."""
    text = etree.tostring(space, encoding="unicode")
    root = etree.fromstring(text, XML_PARSER)
    fresh = etree.Element(f"{{{_C}}}chartSpace", nsmap={"c": _C, "a": _A, "r": _R})
    fresh[:] = list(root)
    for name, value in root.attrib.items():
        fresh.set(name, value)
    return etree.fromstring(re.sub(r"\s+xmlns:ns\d+=\"[^\"]+\"", "", etree.tostring(fresh, encoding="unicode")), XML_PARSER)
