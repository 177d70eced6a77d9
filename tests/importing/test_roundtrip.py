"""Import → build gives back every sentence of every reference report, in order,
in each form a report arrives in; a compiled volume comes back as its reports."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from docgen.core.model import Month
from docgen.importing.importer import import_files
from docgen.inputs.yaml_reader import load_inputs, read_report, read_settings
from docgen.pipeline.build import build
from support.docx_text import visible_lines
from support.import_forms import FORMS, report_lines, sentences, title_series, write_typed_docx, write_utf8_text
from support.paths import REFERENCE_REPORTS, SAMPLE_INPUTS
from support.write_helpers import write_inputs

SEEDS = sorted(REFERENCE_REPORTS.glob("*.txt"))
TITLE_LINE = re.compile(r"^基层党建亮点工作及存在问题（[一二三四五六七八九十]+）$")


def test_there_are_reference_reports():
    assert len(SEEDS) >= 12


@pytest.mark.parametrize("form", sorted(FORMS))
@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_every_sentence_survives_import_and_build(tmp_path, seed, form):
    original = report_lines(seed)
    source = FORMS[form](original, tmp_path, seed.stem)
    import_files([source], tmp_path / "inputs")
    built = visible_lines(build(tmp_path / "inputs", tmp_path / "out").report_paths[0])

    assert title_series(built[0]) == title_series(original[0])
    assert sentences(built[1:]) == sentences(original[1:])  # all there, in order, nothing invented


def _volume_lines(seeds: list[Path]) -> list[str]:
    """The reference reports compiled as an office sends a volume: a 目录, then each report."""
    reports = [report_lines(seed) for seed in seeds]
    toc = ["目  录"] + [f"{lines[0]}…………{page}" for lines, page in zip(reports, range(2, 100, 3))]
    return toc + [line for lines in reports for line in lines]


def _reports_in(lines: list[str]) -> list[list[str]]:
    """A built volume's lines after its 目录, one list per report, split at title lines."""
    reports: list[list[str]] = []
    for line in lines:
        if TITLE_LINE.match(line):
            reports.append([line])
        elif reports:
            reports[-1].append(line)
    return reports


@pytest.mark.parametrize("write", [write_utf8_text, write_typed_docx], ids=["text", "docx"])
def test_a_compiled_volume_comes_back_as_the_same_reports_in_the_same_order(tmp_path, write):
    suffix = ".txt" if write is write_utf8_text else ".docx"
    volume_file = write(_volume_lines(SEEDS), tmp_path / f"2019年汇编{suffix}")
    import_files([volume_file], tmp_path / "inputs")

    settings, _ = read_settings(tmp_path / "inputs" / "volume.yaml")
    assert settings.series_title == "基层党建亮点工作及存在问题"
    assert settings.toc_heading == "目  录"
    assert len(settings.order) == len(SEEDS)

    result = build(tmp_path / "inputs", tmp_path / "out")
    assert [r.unit for r in result.volume.reports] == settings.order
    lines = visible_lines(result.volume_path)
    toc_entries = [line for line in lines[: len(SEEDS) + 1] if "\t" in line]
    assert len(toc_entries) == len(SEEDS)  # the old 目录 is not carried over as text
    built = _reports_in(lines[len(SEEDS) + 1 :])
    assert len(built) == len(SEEDS)
    for seed, report in zip(SEEDS, built):
        assert sentences(report[1:]) == sentences(report_lines(seed)[1:]), seed.name


def _shape(report) -> list:
    """What a report says, without where it was read from; a heading's trailing colon is
    dropped on import (二、存在问题： reads 二、存在问题)."""
    return [
        (s.heading.rstrip("："), s.numbering, s.run_in, s.lead, [(i.title, i.paragraphs) for i in s.items])
        for s in report.sections
    ]


def test_a_built_volume_imports_back_to_the_inputs_it_was_built_from(sample_build, tmp_path):
    import_files([sample_build.volume_path], tmp_path / "inputs")
    reimported = load_inputs(tmp_path / "inputs").volume
    assert len(reimported.reports) == len(sample_build.volume.reports)
    for again, before in zip(reimported.reports, sample_build.volume.reports):
        assert _shape(again) == _shape(before), before.unit


def test_a_volume_of_own_titles_with_a_cover_imports_back_to_its_inputs(tmp_path):
    """A volume whose reports keep their own titles, each with its unit under it, behind a cover:
    its 目录 says where each report begins; the cover and the settings come back too."""
    inputs = tmp_path / "in"
    shutil.copytree(SAMPLE_INPUTS, inputs)
    with open(inputs / "volume.yaml", "a", encoding="utf-8") as settings_file:
        settings_file.write("titles: own\nshow_unit: true\ncover:\n  title: 二〇二六年基层党建亮点工作及存在问题汇编\n"
                            "  unit: 中共××街道工作委员会组织办公室\n  date: 2026年12月\n")
    first = build(inputs, tmp_path / "out")
    imported = import_files([first.volume_path], tmp_path / "inputs")
    assert "  封面：二〇二六年基层党建亮点工作及存在问题汇编（中共××街道工作委员会组织办公室），作为汇编设置的封面" in imported.summary

    settings, _ = read_settings(tmp_path / "inputs" / "volume.yaml")
    assert (settings.titles, settings.show_unit) == ("own", True)
    assert (settings.cover.title, settings.cover.unit, settings.cover.date) == (
        "二〇二六年基层党建亮点工作及存在问题汇编", "中共××街道工作委员会组织办公室", Month(2026, 12))
    assert settings.order == [r.unit for r in first.volume.reports]
    again = build(tmp_path / "inputs", tmp_path / "again")
    assert again.volume.numbered_titles() == first.volume.numbered_titles()  # as printed
    for imported, before in zip(again.volume.reports, first.volume.reports, strict=True):
        assert (imported.unit, _shape(imported)) == (before.unit, _shape(before))
    colon = lambda lines: [line.rstrip("：") for line in lines]  # noqa: E731 - 二、存在问题： reads 二、存在问题
    assert colon(visible_lines(again.volume_path)) == colon(visible_lines(first.volume_path))  # cover, 目录 and pages too


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.stem)
def test_importing_a_reference_report_gives_its_committed_sample_input(tmp_path, seed):
    import_files([seed], tmp_path)
    imported, _ = read_report(tmp_path / f"示例单位{seed.stem}.yaml")
    committed, _ = read_report(SAMPLE_INPUTS / f"示例单位{seed.stem}.yaml")
    assert imported.unit == committed.unit
    assert _shape(imported) == _shape(committed)


@pytest.mark.slow
def test_a_volume_past_a_thousand_reports_imports_back_and_builds_the_same(tmp_path):
    """Titles run （九百九十九）（一千）（一千零一）…: every report is found again, in its place."""
    units = [f"第{n:04d}社区" for n in range(1, 1003)]
    write_inputs(tmp_path / "in", units)
    first = build(tmp_path / "in", tmp_path / "out")
    import_files([first.volume_path], tmp_path / "inputs")

    settings, _ = read_settings(tmp_path / "inputs" / "volume.yaml")
    assert len(settings.order) == len(units)
    again = build(tmp_path / "inputs", tmp_path / "again")
    lines = visible_lines(again.volume_path)
    assert "基层党建亮点工作及存在问题（一千零二）" in lines
    assert lines == visible_lines(first.volume_path)  # 目录 with its pages, titles, every sentence


def test_community_files_numbered_past_a_thousand_are_ordered_by_their_number(tmp_path):
    numbers = {"东湖社区": "一千零一", "红旗社区": "十", "南山社区": "一千", "北岭社区": "九百九十九"}
    files = [
        write_utf8_text(
            [f"基层党建亮点工作及存在问题（{number}）", f"{unit}党委", "一、亮点工作", f"1.{unit}的做法。"],
            tmp_path / f"{unit}.txt",
        )
        for unit, number in numbers.items()
    ]
    import_files(files, tmp_path / "inputs")

    settings, _ = read_settings(tmp_path / "inputs" / "volume.yaml")
    assert settings.order == ["红旗社区", "北岭社区", "南山社区", "东湖社区"]  # each 党委 filed under its 社区
    assert settings.titles == "series"
