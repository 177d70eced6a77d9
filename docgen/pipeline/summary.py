"""``docgen summary``: the inputs folder → 问题清单.xlsx and 共性问题分析.docx.

Both files are made in memory and written together through the one write
path. The ledger is made afresh each run; what an office filled in is carried
over only from the workbook named by ``keep``, and a filled-in ledger in the
output folder is never overwritten by accident.
"""

from __future__ import annotations

import os
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from ..core.findings import CELL_TOO_LONG, NO_PROBLEMS, NOT_CARRIED_OVER, NOT_COMPARED, PREVIOUS_REMEMBERED, Finding
from ..core.model import Origin
from ..core.unit_names import same_unit_key
from ..errors import InputError
from ..fs.filenames import ANALYSIS_FILE, LEDGER_FILE
from ..fs.folderlock import reading_lock
from ..fs.publish import Publication
from ..fs.tempfolders import temporary_folder
from ..inputs.yaml_reader import load_inputs
from ..ledger.analysis import analysis_docx
from ..ledger.categories import CategoryTable, category_table
from ..ledger.grouping import shared_problems
from ..ledger.kept import carry_over, office_columns, read_kept_ledger, read_kept_rows
from ..ledger.model import MAX_CELL_CHARS, KeptRow, Ledger, LedgerRow, Problem, ProblemGroup
from ..ledger.previous import previous_problems, raised_before
from ..ledger.problems import volume_problems
from ..ledger.workbook import ledger_workbook
from .build import report_template


@dataclass
class SummaryResult:
    ledger: Ledger
    ledger_path: Path
    analysis_path: Path
    warnings: list[Finding] = field(default_factory=list)  # what summarising noticed (file, line, kind)
    pdf_paths: list[Path] = field(default_factory=list)
    folder_notes: list[Finding] = field(default_factory=list)  # about the output folder: a write recovered, a record ignored

    @property
    def paths(self) -> list[Path]:
        return [self.ledger_path, self.analysis_path]


def summary(
    inputs: Path,
    out: Path,
    previous: Path | None = None,
    keep: Path | None = None,
    force: bool = False,
    pdf: bool = False,
) -> SummaryResult:
    """Write the problem ledger and the analysis of shared problems for the reports in ``inputs``.

    ``pdf``: PDFs of both as well, printed by LibreOffice with docgen's font stand-ins.
    """
    inputs, out = Path(inputs), Path(out)
    previous = Path(previous) if previous is not None else None
    keep = Path(keep) if keep is not None else None
    with reading_lock(inputs, writing=out):  # a report saved meanwhile is read whole, before or after
        loaded = load_inputs(inputs)
    volume = loaded.volume
    problems, warnings = volume_problems(volume)
    warnings += _problem_warnings(problems, volume.settings.problem_words)
    table = category_table(inputs)
    groups = shared_problems(problems, table.vocabulary())
    rows = _classified_rows(problems, groups, table)
    if keep is not None:
        _refuse_a_folder_to_keep(keep)
    kept = read_kept_ledger(keep) if keep is not None else None
    if previous is None and kept is not None and kept.previous:
        previous, notices = _remembered_previous(kept.previous, keep)
        warnings += notices
    ledger_path, analysis_path = out / LEDGER_FILE, out / ANALYSIS_FILE
    ledger = Ledger(
        title=volume.settings.series_title,
        rows=rows,
        categories=table.all_names,
        fallback=table.fallback,
        groups=groups,
        unit_count=len(volume.reports),
        units=[report.unit for report in volume.reports],
        compared_with_previous=previous is not None,
    )
    if previous is not None:
        warnings += _compare_with_previous(ledger, previous, table)
        ledger.previous_folder = _as_remembered(previous, out)
    with Publication(out) as publication:  # the check for a filled-in ledger under the folder's lock
        kept_rows = kept.rows if kept is not None else _kept_rows(ledger_path, force)
        ledger.unkept = carry_over(rows, kept_rows)
        ledger.office_columns = office_columns(kept_rows)
        written = [
            publication.write(LEDGER_FILE, ledger_workbook(ledger)),
            publication.write(ANALYSIS_FILE, analysis_docx(ledger, report_template(inputs, volume))),
        ]
        pdf_paths = _pdfs(written, publication) if pdf else []
    warnings += _unkept_warning(ledger.unkept, keep)
    return SummaryResult(ledger, ledger_path, analysis_path, loaded.warnings + warnings, pdf_paths, publication.notes)


def _pdfs(written: list[Path], publication: Publication) -> list[Path]:
    """PDFs of the written files, published with them (or nothing is): one batch of LibreOffice conversions, Calc for the workbook."""
    from ..office.instances import convert_to_pdf  # LibreOffice only when asked for
    from ..office.soffice import require_soffice

    require_soffice()
    with temporary_folder("pdf") as work:
        pdfs = convert_to_pdf([publication.staged(path) for path in written], work, any_format=True)
        return [publication.copy(pdf.name, pdf) for pdf in pdfs]


def _classified_rows(problems: list[Problem], groups: list[ProblemGroup], table: CategoryTable) -> list[LedgerRow]:
    """A row a problem, each with its category; a shared problem's problems all take their group's."""
    group_of = {id(problem): group for group in groups for problem in group.problems}
    for group in groups:
        group.category = table.classify_group(group.problems)
    rows = []
    for problem in problems:
        group = group_of.get(id(problem))
        problem.category = group.category if group else table.classify(problem)
        rows.append(LedgerRow(problem, group=group))
    return rows


def _problem_warnings(problems: list[Problem], problem_words: list[str]) -> list[Finding]:
    if not problems:
        words = "、".join(problem_words)
        return [Finding(NO_PROBLEMS, Origin(), f"没有找到问题：没有哪一部分的标题含有“{words}”（可在 volume.yaml 的 problem_headings 中设置）")]
    return [
        Finding(CELL_TOO_LONG, problem.origin, f"“{problem.title}”的正文超过 Excel 一个单元格能放的 {MAX_CELL_CHARS} 字，问题清单中只列出前面部分")
        for problem in problems
        if len(problem.text) > MAX_CELL_CHARS
    ]


def _unkept_warning(unkept: list[KeptRow], keep: Path | None) -> list[Finding]:
    if not unkept:
        return []
    return [
        Finding(
            NOT_CARRIED_OVER,
            Origin(keep),
            f"旧问题清单中有 {len(unkept)} 行已填写的内容找不到对应的问题（问题已删除或改写较多），"
            "已放在新清单的“未带入的旧内容”工作表中",
        )
    ]


def _compare_with_previous(ledger: Ledger, previous: Path, table: CategoryTable) -> list[Finding]:
    """Mark the problems raised last year too; count last year's by category (grouped as this year's)."""
    earlier, _ = previous_problems(previous)
    rows = ledger.rows
    for row, again in zip(rows, raised_before([row.problem for row in rows], earlier)):
        row.raised_before = again
    earlier_rows = _classified_rows(earlier, shared_problems(earlier, table.vocabulary()), table)
    ledger.previous_category_counts = dict(Counter(row.problem.category for row in earlier_rows))
    ledger.previous_total = len(earlier)
    ledger.previous_unit_count = len({same_unit_key(problem.unit) for problem in earlier})
    earlier_units = {same_unit_key(problem.unit) for problem in earlier}
    missing = list(dict.fromkeys(r.problem.unit for r in rows if same_unit_key(r.problem.unit) not in earlier_units))
    if not missing:
        return []
    return [Finding(NOT_COMPARED, Origin(previous), f"上年的输入中没有这些单位的问题，无法对照：{'、'.join(missing)}（单位名称是否改过？）")]


def _kept_rows(ledger_path: Path, force: bool) -> list[KeptRow]:
    if ledger_path.exists() and not force:
        _refuse_to_lose_filled_in(ledger_path)
    return []


def _as_remembered(previous: Path, out: Path) -> str:
    """The previous-year folder as the ledger remembers it: relative to the output folder where it can be."""
    try:
        return os.path.relpath(previous.resolve(), out.resolve())
    except ValueError:  # another drive on Windows
        return str(previous.resolve())


def _remembered_previous(remembered: str, keep: Path) -> tuple[Path | None, list[Finding]]:
    """The previous-year folder the kept ledger was made with, found from where that ledger is."""
    folder = Path(os.path.normpath(keep.parent / remembered))
    if folder.is_dir():
        return folder, [Finding(PREVIOUS_REMEMBERED, Origin(keep), f"沿用旧问题清单对照过的上年输入：{folder}（要换一年，请写 --previous）")]
    message = f"旧问题清单是与上年输入“{folder}”对照的，但这个文件夹已找不到，本次不标“上年是否提出”（可以用 --previous 指定）"
    return None, [Finding(NOT_COMPARED, Origin(keep), message)]


def _refuse_a_folder_to_keep(keep: Path) -> None:
    """--keep names the old ledger file; given its folder, say so and what to write."""
    if not keep.is_dir():
        return
    ledger = keep / LEDGER_FILE
    hint = f"它里面有上次的问题清单，请写 --keep {ledger}" if ledger.is_file() else f"--keep 后面写上次的问题清单文件（{LEDGER_FILE}）的路径"
    raise InputError(f"“{keep}”是一个文件夹，不是文件：{hint}")


def _refuse_to_lose_filled_in(ledger_path: Path) -> None:
    """A ledger in the way holding what an office filled in is kept, unless --keep or --force."""
    try:
        filled = read_kept_rows(ledger_path)
    except InputError as error:
        raise InputError(f"{error}\n要用新生成的问题清单替换它，请加 --force") from None
    if filled:
        raise InputError(
            f"已有的问题清单中有 {len(filled)} 行填写了整改措施、责任人、完成时限或自己加的列，重新生成会丢失它们。\n"
            f"请加 --keep {ledger_path} 把已填写的内容带入新清单，或加 --force 用空白的新清单替换"
        )
