"""Reading the files of docgen summary back as a user sees them."""

from __future__ import annotations

from pathlib import Path

import yaml
from openpyxl import load_workbook

LEDGER = "问题清单.xlsx"
ANALYSIS = "共性问题分析.docx"
HEADER_ROW = 2


def ledger_rows(path: Path) -> list[dict[str, object]]:
    """The ledger's rows below its header, each as {column heading: value}."""
    sheet = load_workbook(path).worksheets[0]
    rows = list(sheet.iter_rows(min_row=HEADER_ROW, values_only=True))
    header = [str(h) for h in rows[0]]
    return [dict(zip(header, row)) for row in rows[1:]]


def sample_problems(inputs: Path) -> list[tuple[str, str]]:
    """(unit, title) of every item under a heading naming 问题 or 不足, read from the YAML itself, in volume order."""
    order = yaml.safe_load((inputs / "volume.yaml").read_text(encoding="utf-8"))["order"]
    by_unit = {}
    for path in inputs.glob("*.yaml"):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        if path.name != "volume.yaml":
            by_unit[data["unit"]] = [
                (data["unit"], item["title"].strip())
                for section in data["sections"]
                if "问题" in section["heading"] or "不足" in section["heading"]
                for item in section.get("items", [])
            ]
    return [problem for unit in order for problem in by_unit[unit]]


def xlsx_bomb(path: Path, rows: int, valued: bool = True) -> Path:
    """A small workbook declaring A1:XFD1048576 with a cell at column XFD in each of ``rows`` rows
    (a value in it where ``valued``, else only a style), after a real ledger header: the attack of issue 23."""
    import zipfile

    cell = '<c r="XFD{0}"><v>1</v></c>' if valued else '<c r="XFD{0}" s="0"/>'
    sheet_rows = "".join(f'<row r="{n}">{cell.format(n)}</row>' for n in range(3, rows + 3))
    header = '<row r="2"><c r="A2" t="inlineStr"><is><t>单位</t></is></c><c r="B2" t="inlineStr"><is><t>问题</t></is></c>' \
        '<c r="C2" t="inlineStr"><is><t>整改措施</t></is></c></row>'
    main = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
    relationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    parts = {
        "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
        '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
        "</Types>",
        "_rels/.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{relationships}/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": f'<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="{main}" xmlns:r="{relationships}">'
        '<sheets><sheet name="问题清单" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{relationships}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": f'<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="{main}">'
        f'<dimension ref="A1:XFD1048576"/><sheetData>{header}{sheet_rows}</sheetData></worksheet>',
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return path
