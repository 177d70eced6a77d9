"""The report format's one table (``core.schema``): the reader, the writer, the starter,
the layout and the README follow it."""

from __future__ import annotations

import dataclasses
import datetime
import re
import typing

from docgen.checks import check_volume
from docgen.core import numbering, schema
from docgen.core.model import Cover, Item, Month, Report, Section, Signature, Volume, VolumeSettings
from docgen.inputs import yaml_values, yaml_writer
from docgen.inputs.starter import SAMPLE_TEXTS, starter_yaml
from docgen.inputs.yaml_reader import read_report, read_settings
from docgen.inputs.yaml_writer import report_yaml, settings_yaml
from docgen.layout import compose
from support.paths import ROOT

README = ROOT / "README.md"


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
    assert numbering.LEVELS[numbering.SECTION_STYLE] == 1
    assert set(numbering.ITEM_STYLES) == set(numbering.LEVELS) - {numbering.SECTION_STYLE}
    assert numbering.DEFAULT_ITEM_STYLE in numbering.ITEM_STYLES
    assert set(numbering.STYLE_ALIASES.values()) <= set(numbering.ITEM_STYLES)


def test_the_starter_examples_commented_out_are_valid_when_put_in(tmp_path):
    """Taking away the “# ” of the optional keys gives a report docgen reads, 落款 with its 署名."""
    text = _without_body_example(starter_yaml("东湖社区", 2027))
    head, rest = text.split("\nunit:", 1)
    rest = re.sub(r"^# (?=[a-z_]+:|  )", "", rest, flags=re.M)
    path = tmp_path / "东湖社区.yaml"
    path.write_text(re.sub(r"^# (?=title:)", "", head, flags=re.M) + "\nunit:" + rest, encoding="utf-8")
    report, _ = read_report(path)
    assert report.title == "东湖社区2027年基层党建工作亮点及存在问题"
    assert report.intro and report.closing == ["特此报告。"]
    assert (report.signature.unit, str(report.signature.date)) == ("东湖社区", "2027-11-20")


def _without_body_example(text: str) -> str:
    """The starter without its example of a body, which stands instead of the sections."""
    return re.sub(r"^# body: \|\n(?:#   .*\n)+", "", text, flags=re.M)


def test_the_starters_body_example_put_in_instead_of_the_sections_is_valid(tmp_path):
    text = starter_yaml("东湖社区", 2027)
    text = re.sub(r"^# (body: \|\n)#(   .*\n)", r"\1\2", text, flags=re.M).split("\nsections:")[0]
    path = tmp_path / "东湖社区.yaml"
    path.write_text(text + "\n", encoding="utf-8")
    report, _ = read_report(path)
    assert report.body == ["今年以来，……"] and report.sections == []


def test_the_starters_example_years_are_the_year_given():
    text = starter_yaml("东湖社区", 2031)
    assert "# title: 东湖社区2031年基层党建工作亮点及存在问题" in text
    assert "#   date: 2031年11月20日" in text
    assert "2024" not in text and "2026" not in text


# --- every key of the table: read, written, printed, in the README -------------------------


def test_every_kind_of_value_has_a_reader_and_a_writer():
    values = set(typing.get_args(schema.Value))
    assert set(yaml_values._READERS) == values
    assert set(yaml_writer._WRITERS) == values


def test_every_key_fills_an_attribute_of_its_model():
    shapes = [shape for shape in vars(schema).values() if isinstance(shape, schema.Shape) and shape.model is not dict]
    assert len(shapes) == 6
    for shape in shapes:
        assert {key.attribute for key in shape.keys} <= {f.name for f in dataclasses.fields(shape.model)}, shape.what


def test_every_report_key_has_its_meaning_in_the_layout():
    assert set(compose._PRINTED) == {key.name for key in schema.REPORT.keys}


def _without_origins(value):
    """A model object as plain data, without the places it was read from (they differ once written)."""
    if dataclasses.is_dataclass(value):
        return {f.name: _without_origins(getattr(value, f.name)) for f in dataclasses.fields(value) if "origin" not in f.name}
    if isinstance(value, list):
        return [_without_origins(v) for v in value]
    return value


def _default(model: type, attribute: str):
    found = {f.name: f for f in dataclasses.fields(model)}[attribute]
    if found.default is not dataclasses.MISSING:
        return found.default
    return found.default_factory() if found.default_factory is not dataclasses.MISSING else None


def _set_apart_from_defaults(part, shape: schema.Shape, but: tuple[str, ...] = ()) -> None:
    """Every key of ``shape`` (``but`` these) holds more than its default in ``part``: a key added
    to the table and not to these tests fails here."""
    for key in shape.keys:
        if key.name not in but:
            assert getattr(part, key.attribute) != _default(shape.model, key.attribute), key.name


def test_a_report_using_every_key_reads_back_as_it_was_written(tmp_path):
    signature = Signature("东湖社区党委", datetime.date(2026, 11, 20))
    run_in = Section("存在问题", [Item("班子战斗力有待提高。", ["个别成员……"]), Item("阵地利用不足。")], ["主要有："], "一是", True)
    report = Report(
        "东湖社区",
        [Section("亮点工作", [Item("阵地建设成效明显。", ["今年以来……", "第二段。"])], numbering="（一）"), run_in],
        title="东湖社区2026年基层党建工作亮点及存在问题",
        intro=["今年以来，我社区……", "现报告如下："],
        closing=["特此报告。"],
        signature=signature,
    )
    # body stands instead of sections (a report without section headings): each in a report of its own
    without_headings = dataclasses.replace(report, sections=[], body=["今年以来……", "1.抓班子。"])
    _set_apart_from_defaults(report, schema.REPORT, but=("body",))
    _set_apart_from_defaults(without_headings, schema.REPORT, but=("sections",))
    for part, shape in ((run_in, schema.SECTION), (run_in.items[0], schema.ITEM), (signature, schema.SIGNATURE)):
        _set_apart_from_defaults(part, shape)
    for written in (report, without_headings):
        path = tmp_path / "东湖社区.yaml"
        path.write_text(report_yaml(written), encoding="utf-8")
        again, warnings = read_report(path)
        assert warnings == [] and _without_origins(again) == _without_origins(written)


def test_volume_settings_using_every_key_read_back_as_they_were_written(tmp_path):
    cover = Cover("2026年XX街道基层党建亮点工作及存在问题汇编", "中共XX街道工作委员会组织办公室", Month(2026, 12), "汉字")
    settings = VolumeSettings(
        series_title="红旗街道基层党建工作",
        toc_heading="目录",
        order=["红旗社区", "东湖社区"],
        fonts={"body": "仿宋_GB2312", "title": "黑体"},
        titles="own",
        show_unit=True,
        duplex=True,
        cover=cover,
        problem_words=["短板", "不足"],
    )
    _set_apart_from_defaults(settings, schema.VOLUME)
    _set_apart_from_defaults(cover, schema.COVER)
    path = tmp_path / "volume.yaml"
    path.write_text(settings_yaml(settings), encoding="utf-8")
    again, warnings = read_settings(path)
    assert warnings == [] and _without_origins(again) == _without_origins(settings)


def test_problem_headings_are_written_where_they_are_not_the_defaults(tmp_path):
    path = tmp_path / "volume.yaml"
    path.write_text(settings_yaml(VolumeSettings(problem_words=["短板"])), encoding="utf-8")
    assert read_settings(path)[0].problem_words == ["短板"]  # not the five defaults
    assert "problem_headings" not in settings_yaml(VolumeSettings())  # the defaults go without saying


def _readme_table(heading: str) -> set[tuple[str, str, str]]:
    """The rows (键, 位置, 必填) of the key table under README's ``heading``."""
    text = README.read_text(encoding="utf-8")
    section = text[text.index(heading) :]
    table = section[section.index("| 键 | 位置 | 必填 |") :].split("\n\n", 1)[0]
    rows = [line.split("|")[1:4] for line in table.splitlines()[2:]]
    return {(key.strip().strip("`"), place.strip(), required.strip()) for key, place, required in rows}


def _schema_rows(places: dict[str, schema.Shape]) -> set[tuple[str, str, str]]:
    return {(key.name, place, "是" if key.required else "否") for place, shape in places.items() for key in shape.keys}


def test_the_readme_tables_list_every_key_of_the_schema_where_it_goes():
    report_places = {"顶层": schema.REPORT, "部分": schema.SECTION, "条目": schema.ITEM, "落款": schema.SIGNATURE}
    assert _readme_table("### 一份报告") == _schema_rows(report_places)
    volume_places = {"顶层": schema.VOLUME, "封面": schema.COVER, "字体": schema.FONTS}
    assert _readme_table("### 汇编设置") == _schema_rows(volume_places)
