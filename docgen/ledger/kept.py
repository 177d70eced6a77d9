"""An earlier 问题清单.xlsx: whatever an office filled in, carried over (--keep) or refused, never dropped.

The old workbook is found by its header row (单位, 问题 and the filled-in
columns, wherever they stand). What counts as filled in: 整改措施, 责任人,
完成时限, and every column the office added itself (整改进展, 备注 … and
values in columns without a heading); those columns are carried over too.
A cell merged over several rows (the 单位 of a unit's rows, typically) reads
as the merged value in each. Each filled-in row goes to the new row of the
same unit whose title is worded alike, each old row to one new row at most;
the rows that find none are listed (on their own sheet), never dropped.

The workbook is read under a budget, as any file docgen did not write: its
packed and unpacked sizes, and the rows, columns and cells that hold values,
are capped before openpyxl reads a cell (an .xlsx "bomb" declaring
A1:XFD1048576 would otherwise pad every row to 16,384 cells).
"""

from __future__ import annotations

import os
import posixpath
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from lxml import etree
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.utils.cell import column_index_from_string, coordinate_from_string, range_boundaries

from ..core.model import Origin
from ..errors import InputError
from ..fs.oserror import is_the_machines, read_error
from ..fs.safe_zip import MAX_ENTRIES, UNZIP_ERRORS, declares_doctype
from .model import (
    COLUMN_DEADLINE,
    COLUMN_MEASURES,
    COLUMN_OLD_ROW,
    COLUMN_OWNER,
    COLUMN_TITLE,
    COLUMN_UNIT,
    DOCGEN_COLUMNS,
    FILLED_IN_COLUMNS,
    PREVIOUS_PROPERTY,
    UNKEPT_SHEET,
    FilledIn,
    KeptRow,
    LedgerRow,
)
from .previous import unit_key
from .similarity import SAME_ROW, plain, score

_HEADER_SEARCH_ROWS = 10  # the header is the first row naming 单位 and 问题, near the top
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024
MAX_UNPACKED_BYTES = 200 * 1024 * 1024  # all parts together, as the zip declares them (zipfile reads no more)
MAX_PART_BYTES = 100 * 1024 * 1024
MAX_ROWS = 100_000  # 30,000 reports' problems
MAX_COLUMNS = 200
MAX_CELLS = 2_000_000  # cells holding a value, in the sheets read
MAX_MERGES = 100_000

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_PACKAGE_RELATIONSHIP = "{http://schemas.openxmlformats.org/package/2006/relationships}Relationship"
_SCAN_PARSER = {"resolve_entities": False, "no_network": True, "huge_tree": True}


class _TooMuch(Exception):
    """The workbook holds more than a ledger would; the message says what."""


@dataclass
class KeptLedger:
    rows: list[KeptRow]  # every row with anything filled in
    previous: str  # the previous-year folder it was compared with, relative to its own folder ("" if none)


def read_kept_rows(path: Path) -> list[KeptRow]:
    return read_kept_ledger(path).rows


def read_kept_ledger(path: Path) -> KeptLedger:
    """Every row of an old ledger that has anything filled in, those it could not place last time included."""
    sheets, previous = _sheets(path)
    kept = _filled_rows(sheets[0], path)
    if UNKEPT_SHEET in sheets[1]:  # set aside by the last --keep: offered to the new rows again, so never lost
        kept += _filled_rows(sheets[1][UNKEPT_SHEET], path, number_column=COLUMN_OLD_ROW)
    return KeptLedger(kept, previous)


def office_columns(kept: list[KeptRow]) -> list[str]:
    """The columns the office added, in the order first met: they go into the new ledger too."""
    return list(dict.fromkeys(heading for row in kept for heading in row.filled_in.extra))


def _filled_rows(rows: list[list], path: Path, number_column: str | None = None) -> list[KeptRow]:
    header_at, columns, added = _header(rows, path)
    kept = []
    for number, row in enumerate(rows[header_at + 1 :], header_at + 2):
        cell = lambda name: _cell(row, columns.get(name))  # noqa: B023 - a local lookup, used in this iteration only
        extra = {heading: value for heading, index in added.items() if (value := _cell(row, index)) is not None}
        filled_in = FilledIn(cell(COLUMN_MEASURES), cell(COLUMN_OWNER), cell(COLUMN_DEADLINE), extra)
        if filled_in:
            old_number = cell(number_column) if number_column else None
            unit, title = cell(COLUMN_UNIT), cell(COLUMN_TITLE)
            kept.append(
                KeptRow(
                    "" if unit is None else str(unit),
                    "" if title is None else str(title),
                    filled_in,
                    old_number if isinstance(old_number, int) else number,
                )
            )
    return kept


def carry_over(rows: list[LedgerRow], kept: list[KeptRow]) -> list[KeptRow]:
    """Fill ``rows`` from the ``kept`` rows they match; the kept rows that found no row."""
    by_unit: dict[str, list[int]] = {}
    for row_index, row in enumerate(rows):
        by_unit.setdefault(unit_key(row.problem.unit), []).append(row_index)
    pairs = []
    for kept_index, old in enumerate(kept):
        old_title = plain(old.title)
        for row_index in by_unit.get(unit_key(old.unit), []) if old_title else []:
            value = score(plain(rows[row_index].problem.title), old_title)
            if value >= SAME_ROW:
                pairs.append((value, kept_index, row_index))
    used_kept: set[int] = set()
    used_rows: set[int] = set()
    for _, kept_index, row_index in sorted(pairs, key=lambda pair: -pair[0]):
        if kept_index not in used_kept and row_index not in used_rows:
            rows[row_index].filled_in = kept[kept_index].filled_in
            used_kept.add(kept_index)
            used_rows.add(row_index)
    return [old for index, old in enumerate(kept) if index not in used_kept]


def _sheets(path: Path) -> tuple[tuple[list[list], dict[str, list[list]]], str]:
    """The first sheet's rows, the set-aside sheet's rows by its name (merged cells filled in), the remembered --previous."""
    if not path.is_file():
        raise InputError(f"找不到要保留内容的旧问题清单“{path}”（--keep）")
    try:
        file = open(path, "rb")
    except OSError as error:
        raise read_error(error, path) from None
    with file:
        if os.fstat(file.fileno()).st_size > MAX_WORKBOOK_BYTES:
            raise InputError("文件太大，不像是 docgen 生成的问题清单", Origin(path))
        try:
            return _workbook_rows(file)
        except _TooMuch as error:
            raise InputError(f"{error}，不像是 docgen 生成的问题清单（docgen 不读这样的文件，以免耗尽内存）", Origin(path)) from None
        except OSError as error:
            if is_the_machines(error):  # the disk failed while reading; EINVAL and the like come of a broken zip
                raise read_error(error, path) from None
            raise _not_excel(path) from None
        except (*UNZIP_ERRORS, KeyError, TypeError, IndexError, RuntimeError, ParseError, etree.LxmlError):
            raise _not_excel(path) from None  # the XML parsers' errors: a part of the workbook is damaged


def _workbook_rows(file: BinaryIO) -> tuple[tuple[list[list], dict[str, list[list]]], str]:
    with zipfile.ZipFile(file) as package:
        _check_sizes(package)
        parts = _sheet_parts(package)
        wanted = [name for name in parts][:1] + [name for name in parts if name == UNKEPT_SHEET]
        extents = {name: _scan(package, parts[name]) for name in dict.fromkeys(wanted)}
    file.seek(0)
    workbook = load_workbook(file, read_only=True, data_only=True)
    try:
        rows = {name: _rows(workbook[name], *extents[name]) for name in extents}
        previous = next((str(p.value) for p in workbook.custom_doc_props.props if p.name == PREVIOUS_PROPERTY), "")
    finally:
        workbook.close()
    first, *others = extents
    return (rows[first], {name: rows[name] for name in others}), previous


def _check_sizes(package: zipfile.ZipFile) -> None:
    members = package.infolist()
    if len(members) > MAX_ENTRIES:
        raise _TooMuch(f"压缩包里有 {len(members)} 个部件")
    unpacked = sum(member.file_size for member in members)
    if unpacked > MAX_UNPACKED_BYTES or any(member.file_size > MAX_PART_BYTES for member in members):
        raise _TooMuch(f"解压后有 {unpacked // (1024 * 1024)} MB")


def _sheet_parts(package: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → its part in the package, in the workbook's order."""
    workbook = _xml(package, "xl/workbook.xml")
    relationships = _xml(package, "xl/_rels/workbook.xml.rels")
    targets = {r.get("Id"): r.get("Target", "") for r in relationships.iter(_PACKAGE_RELATIONSHIP)}
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets[sheet.get(_RELATIONSHIP_ID)]
        parts[sheet.get("name")] = target.lstrip("/") if target.startswith("/") else posixpath.normpath(posixpath.join("xl", target))
    if not parts:
        raise KeyError("no sheet")
    return parts


def _xml(package: zipfile.ZipFile, name: str):
    data = package.read(name)  # its size was checked with the others
    if declares_doctype(data):
        raise KeyError(name)
    return etree.fromstring(data, etree.XMLParser(**_SCAN_PARSER))


def _scan(package: zipfile.ZipFile, part: str) -> tuple[int, int, list[tuple[int, int, int, int]]]:
    """The last row and column holding a value, and the merged ranges, of one sheet; over budget → _TooMuch."""
    with package.open(part) as head:
        if declares_doctype(head.read(65536)):
            raise KeyError(part)
    last_row = last_column = cells = 0
    merges: list[tuple[int, int, int, int]] = []
    with package.open(part) as stream:
        tags = (f"{_MAIN}c", f"{_MAIN}row", f"{_MAIN}mergeCell")
        for _, node in etree.iterparse(stream, events=("end",), tag=tags, **_SCAN_PARSER):
            if node.tag == f"{_MAIN}row":
                node.clear()
                while node.getprevious() is not None:  # cleared rows would pile up in sheetData
                    del node.getparent()[0]
                continue
            if node.tag == f"{_MAIN}mergeCell":
                merges.append(range_boundaries(node.get("ref", "")))
                if len(merges) > MAX_MERGES:
                    raise _TooMuch(f"合并的单元格超过 {MAX_MERGES} 处")
            elif len(node) and node.get("r"):  # a cell with a value (<v>, <is>, <f>)
                letters, row = coordinate_from_string(node.get("r"))
                column = column_index_from_string(letters)
                cells += 1
                if row > MAX_ROWS or column > MAX_COLUMNS or cells > MAX_CELLS:
                    raise _TooMuch(_where(row, column, cells))
                last_row, last_column = max(last_row, row), max(last_column, column)
            node.clear()
    return last_row, last_column, merges


def _where(row: int, column: int, cells: int) -> str:
    if cells > MAX_CELLS:
        return f"有内容的单元格超过 {MAX_CELLS} 个"
    return f"第 {row} 行第 {get_column_letter(column)} 列有内容，超出了 {MAX_ROWS} 行、{MAX_COLUMNS} 列"


def _rows(sheet, last_row: int, last_column: int, merges) -> list[list]:
    """The sheet's rows up to its last value, a merged range's value in each of its cells."""
    if not last_row or not last_column:
        return []
    sheet.reset_dimensions()  # the declared dimension may claim A1:XFD1048576
    rows = [list(row) for row in sheet.iter_rows(max_row=last_row, max_col=last_column, values_only=True)]
    for first_column, first_row, end_column, end_row in merges:
        if first_row > last_row or first_column > last_column:
            continue
        value = rows[first_row - 1][first_column - 1]
        for row in rows[first_row - 1 : min(end_row, last_row)]:
            for column in range(first_column - 1, min(end_column, last_column)):
                row[column] = value
    return rows


def _not_excel(path: Path) -> InputError:
    return InputError("不是 Excel（.xlsx）文件，或文件已损坏", Origin(path))


def _header(rows: list[list], path: Path) -> tuple[int, dict[str, int], dict[str, int]]:
    """The header row, docgen's columns in it, and the columns the office added (heading → index)."""
    for position, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        columns = {str(value).strip(): index for index, value in enumerate(row) if value is not None}
        if COLUMN_UNIT in columns and COLUMN_TITLE in columns:
            added = _added_columns(row, max(len(r) for r in rows))
            if not any(name in columns for name in FILLED_IN_COLUMNS) and not added:
                raise InputError("第一张工作表中没有“整改措施”“责任人”“完成时限”列，没有可保留的内容", Origin(path, position + 1))
            return position, columns, added
    raise InputError("第一张工作表的前 10 行中找不到“单位”“问题”这一行表头，不像是问题清单", Origin(path))


def _added_columns(header: list, width: int) -> dict[str, int]:
    """Columns not docgen's own: by their heading, or by their letter where they have none."""
    added = {}
    for index in range(width):
        value = header[index] if index < len(header) else None
        heading = str(value).strip() if value is not None and str(value).strip() else f"（{get_column_letter(index + 1)}列）"
        if heading not in DOCGEN_COLUMNS and heading not in added:
            added[heading] = index
    return added


def _cell(row: list, index: int | None):
    value = row[index] if index is not None and index < len(row) else None
    if isinstance(value, str):
        value = value.strip()
    return None if value == "" else value
