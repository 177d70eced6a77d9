"""The report format module: the starter, the reader and the writer follow it."""

from __future__ import annotations

import re

from docgen.checks import check_volume
from docgen.core import schema
from docgen.core.model import Volume, VolumeSettings
from docgen.inputs.starter import SAMPLE_TEXTS, starter_yaml
from docgen.inputs.yaml_reader import read_report


def _written_keys(text: str) -> set[str]:
    """Every ``key:`` the text names, written or commented out."""
    return set(re.findall(r"^[#\s-]*([a-z_]+):", text, flags=re.M))


def test_the_starter_names_every_report_key(tmp_path):
    keys = _written_keys(starter_yaml("东湖社区", 2027))
    for shape in (schema.REPORT, schema.SECTION, schema.ITEM):
        assert {key.name for key in shape.keys} - {"lead", "run_in"} <= keys, shape.what


def test_the_starter_reads_back_with_its_sample_texts_and_check_finds_them(tmp_path):
    path = tmp_path / "东湖社区.yaml"
    path.write_text(starter_yaml("东湖社区", 2027), encoding="utf-8")
    report, _ = read_report(path)
    texts = [text for s in report.sections for i in s.items for text in (i.title, *i.paragraphs)]
    assert texts == list(SAMPLE_TEXTS)
    findings = check_volume(Volume(VolumeSettings(), [report]))
    flagged = {f.excerpt for f in findings if f.kind == "empty" and "docgen new" in f.message}
    assert flagged == set(SAMPLE_TEXTS)


def test_item_styles_are_the_levels_below_the_section_heading():
    assert schema.LEVELS[schema.SECTION_STYLE] == 1
    assert set(schema.ITEM_STYLES) == set(schema.LEVELS) - {schema.SECTION_STYLE}
    assert schema.DEFAULT_ITEM_STYLE in schema.ITEM_STYLES
    assert set(schema.STYLE_ALIASES.values()) <= set(schema.ITEM_STYLES)


def test_the_starter_examples_commented_out_are_valid_when_put_in(tmp_path):
    """Taking away the “# ” of the optional keys gives a report docgen reads, 落款 with its 署名."""
    text = starter_yaml("东湖社区", 2027)
    head, rest = text.split("\nunit:", 1)
    rest = re.sub(r"^# (?=[a-z_]+:|  )", "", rest, flags=re.M)
    path = tmp_path / "东湖社区.yaml"
    path.write_text(re.sub(r"^# (?=title:)", "", head, flags=re.M) + "\nunit:" + rest, encoding="utf-8")
    report, _ = read_report(path)
    assert report.title == "东湖社区2027年基层党建工作亮点及存在问题"
    assert report.intro and report.closing == ["特此报告。"]
    assert (report.signature.unit, str(report.signature.date)) == ("东湖社区", "2027-11-20")


def test_the_starters_example_years_are_the_year_given():
    text = starter_yaml("东湖社区", 2031)
    assert "# title: 东湖社区2031年基层党建工作亮点及存在问题" in text
    assert "#   date: 2031年11月20日" in text
    assert "2024" not in text and "2026" not in text
