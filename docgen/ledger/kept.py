"""An earlier 问题清单.xlsx: the 整改措施/责任人/完成时限 an office filled in, carried over (--keep).

The old workbook is found by its header row (单位, 问题 and the filled-in
columns, wherever they stand); each filled-in row goes to the new row of the
same unit whose title is worded alike, each old row to one new row at most.
"""

from __future__ import annotations

import os
import zipfile
from pathlib import Path
from typing import BinaryIO
from xml.etree.ElementTree import ParseError

from lxml.etree import LxmlError
from openpyxl import load_workbook

from ..core.model import Origin
from ..errors import InputError
from ..fs.oserror import is_the_machines, read_error
from .model import (
    COLUMN_DEADLINE,
    COLUMN_MEASURES,
    COLUMN_OLD_ROW,
    COLUMN_OWNER,
    COLUMN_TITLE,
    COLUMN_UNIT,
    FILLED_IN_COLUMNS,
    UNKEPT_SHEET,
    FilledIn,
    KeptRow,
    LedgerRow,
)
from .previous import unit_key
from .similarity import SAME_ROW, plain, score

_HEADER_SEARCH_ROWS = 10  # the header is the first row naming 单位 and 问题, near the top
MAX_WORKBOOK_BYTES = 50 * 1024 * 1024


def read_kept_rows(path: Path) -> list[KeptRow]:
    """The rows of an old ledger that have anything filled in, those it could not place last time included."""
    sheets = _sheets(path)
    kept = _filled_rows(sheets[0], path)
    if UNKEPT_SHEET in sheets[1]:  # set aside by the last --keep: offered to the new rows again, so never lost
        kept += _filled_rows(sheets[1][UNKEPT_SHEET], path, number_column=COLUMN_OLD_ROW)
    return kept


def _filled_rows(rows: list[tuple], path: Path, number_column: str | None = None) -> list[KeptRow]:
    header_at, columns = _header(rows, path)
    kept = []
    for number, row in enumerate(rows[header_at + 1 :], header_at + 2):
        cell = lambda name: _cell(row, columns.get(name))  # noqa: B023 - a local lookup, used in this iteration only
        filled_in = FilledIn(cell(COLUMN_MEASURES), cell(COLUMN_OWNER), cell(COLUMN_DEADLINE))
        unit, title = cell(COLUMN_UNIT), cell(COLUMN_TITLE)
        if filled_in and unit and title:
            old_number = cell(number_column) if number_column else None
            kept.append(KeptRow(str(unit), str(title), filled_in, old_number if isinstance(old_number, int) else number))
    return kept


def carry_over(rows: list[LedgerRow], kept: list[KeptRow]) -> list[KeptRow]:
    """Fill ``rows`` from the ``kept`` rows they match; the kept rows that found no row."""
    pairs = []
    for kept_index, old in enumerate(kept):
        old_title = plain(old.title)
        for row_index, row in enumerate(rows):
            if unit_key(row.problem.unit) == unit_key(old.unit):
                value = score(plain(row.problem.title), old_title)
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


def _sheets(path: Path) -> tuple[list[tuple], dict[str, list[tuple]]]:
    """The first sheet's rows, and every other sheet's rows by its name."""
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
        except OSError as error:
            if is_the_machines(error):  # the disk failed while reading; EINVAL and the like come of a broken zip
                raise read_error(error, path) from None
            raise _not_excel(path) from None
        except (zipfile.BadZipFile, KeyError, ValueError, TypeError, IndexError, ParseError, LxmlError):
            raise _not_excel(path) from None  # the XML parsers' errors: a part of the workbook is damaged


def _workbook_rows(file: BinaryIO) -> tuple[list[tuple], dict[str, list[tuple]]]:
    workbook = load_workbook(file, read_only=True, data_only=True)
    try:
        first, *others = workbook.worksheets
        rows = lambda sheet: [tuple(row) for row in sheet.iter_rows(values_only=True)]  # noqa: E731
        return rows(first), {sheet.title: rows(sheet) for sheet in others}
    finally:
        workbook.close()


def _not_excel(path: Path) -> InputError:
    return InputError("不是 Excel（.xlsx）文件，或文件已损坏", Origin(path))


def _header(rows: list[tuple], path: Path) -> tuple[int, dict[str, int]]:
    for position, row in enumerate(rows[:_HEADER_SEARCH_ROWS]):
        columns = {str(value).strip(): index for index, value in enumerate(row) if value is not None}
        if COLUMN_UNIT in columns and COLUMN_TITLE in columns:
            if not any(name in columns for name in FILLED_IN_COLUMNS):
                raise InputError("第一张工作表中没有“整改措施”“责任人”“完成时限”列，没有可保留的内容", Origin(path, position + 1))
            return position, columns
    raise InputError("第一张工作表的前 10 行中找不到“单位”“问题”这一行表头，不像是问题清单", Origin(path))


def _cell(row: tuple, index: int | None):
    value = row[index] if index is not None and index < len(row) else None
    if isinstance(value, str):
        value = value.strip()
    return None if value == "" else value
