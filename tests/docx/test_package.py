"""The packages docgen writes: clean, valid, self-consistent, byte-reproducible."""

from __future__ import annotations

import datetime
import json
import re
import shutil
import subprocess
import time
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from docgen.core.model import Cover
from docgen.docx.template_builder import TEMPLATE_PATH, build_template
from docgen.docx.template_fill import Template
from docgen.docx.volume import volume_docx
from docgen.pipeline.build import build
from support.package_check import (
    W,
    bookmark_problems,
    content_type_problems,
    field_problems,
    parts_of,
    relationship_problems,
    style_problems,
)
from support.paths import ROOT
from support.validator import VALIDATOR_INSTALL, find_validator

LEFTOVERS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg", "customXml/item1.xml")


def _outputs(sample_build) -> dict[str, Path]:
    return {"template": TEMPLATE_PATH, "report": sample_build.report_paths[0], "volume": sample_build.volume_path}


@pytest.fixture(scope="module")
def volume_with_cover(tmp_path_factory) -> Path:
    """The sample volume with a cover: two sections, the second numbering its pages from 1."""
    work = tmp_path_factory.mktemp("cover")
    inputs = shutil.copytree(ROOT / "inputs", work / "in")
    settings = inputs / "volume.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "cover:\n  title: 汇编\n  date: 2026-12-01\n", encoding="utf-8")
    return build(inputs, work / "out").volume_path


@pytest.fixture(scope="module")
def volume_with_units(tmp_path_factory) -> Path:
    """The sample volume with own titles that wrap, units under them, 特此报告 and a
    落款: its 目录 is written as lines of their own, not as a TOC field."""
    work = tmp_path_factory.mktemp("units")
    inputs = shutil.copytree(ROOT / "inputs", work / "in")
    for number, report in enumerate(sorted(inputs.glob("示例单位*.yaml"))):
        text = report.read_text(encoding="utf-8")
        title = f"title: 东湖社区2026年基层党建亮点工作及存在问题（{number}）\n"
        ending = "closing: |\n  特此报告。\nsignature:\n  unit: 中共东湖社区委员会\n  date: 2026-11-20\n"
        report.write_text(title + text + ending, encoding="utf-8")
    settings = inputs / "volume.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "titles: own\nshow_unit: true\n", encoding="utf-8")
    return build(inputs, work / "out").volume_path


@pytest.fixture(params=["template", "report", "volume", "volume with a cover", "volume with units"])
def package(request, sample_build) -> Path:
    built = {"volume with a cover": "volume_with_cover", "volume with units": "volume_with_units"}
    if request.param in built:
        return request.getfixturevalue(built[request.param])
    return _outputs(sample_build)[request.param]


# docgen's styles, and Word's defaults every document has (Normal is docgen's body).
OWN_STYLES = {
    "Normal", "Default Paragraph Font", "Normal Table", "No List",
    "报告标题", "单位行", "一级标题", "二级标题", "三级标题", "四级标题", "落款",
    "目录标题", "TOC Heading", "toc 1", "toc 2", "封面标题", "封面落款", "页码",
}


def test_the_styles_are_docgens_own_and_words_defaults(package):
    """Nothing of python-docx's default set (Heading 1–9 in theme blue, Light Shading …):
    a user's styles pane shows docgen's styles only."""
    parts = parts_of(package)
    styles = etree.fromstring(parts["word/styles.xml"])
    names = {style.find(f"{W}name").get(f"{W}val") for style in styles.iter(f"{W}style")}
    assert names == OWN_STYLES
    assert not re.search(rb'w:(themeColor|themeShade|themeTint|asciiTheme|eastAsiaTheme)=', parts["word/styles.xml"])
    assert not [name for name in parts if name.startswith(("word/theme/", "word/numbering"))]
    assert styles.find(f"{W}latentStyles/{W}lsdException") is None  # Word's built-ins stay out of the gallery


def test_the_toc_heading_word_and_libreoffice_use_looks_like_docgens():
    styles = etree.fromstring(parts_of(TEMPLATE_PATH)["word/styles.xml"])
    heading = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "TOCHeading")
    assert heading.find(f"{W}basedOn").get(f"{W}val") == "目录标题"
    assert heading.find(f"{W}rPr") is None  # all it has is 目录标题's


def test_no_part_of_python_docx_default_document_is_left(package):
    parts = parts_of(package)
    assert not [name for name in parts if name in LEFTOVERS or name.startswith("customXml/")]
    assert b"python-docx" not in parts["docProps/core.xml"]
    assert b"Macintosh" not in parts["docProps/app.xml"]
    assert b"savePreviewPicture" not in parts["word/settings.xml"]
    assert b"stylesWithEffects" not in parts["word/_rels/document.xml.rels"]


def test_every_relationship_and_content_type_is_consistent(package):
    parts = parts_of(package)
    assert relationship_problems(parts) == []
    assert content_type_problems(parts) == []


def test_every_style_referenced_is_defined(package):
    assert style_problems(parts_of(package)) == []


def test_bookmarks_and_fields_are_balanced(package):
    parts = parts_of(package)
    assert bookmark_problems(parts["word/document.xml"]) == []
    for name in ("word/document.xml", "word/footer1.xml", "word/footer2.xml"):
        assert field_problems(parts[name]) == [], name


def test_zoom_has_a_percent(package):
    zoom = etree.fromstring(parts_of(package)["word/settings.xml"]).find(f"{W}zoom")
    assert zoom.get(f"{W}percent") == "100"


def test_package_checks_catch_what_they_look_for():
    parts = parts_of(TEMPLATE_PATH)
    broken = dict(parts)
    del broken["word/footer2.xml"]
    broken["word/stray.xml"] = b"<x/>"
    assert len(relationship_problems(broken)) == 2
    assert content_type_problems(broken)
    open_field = b'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:r><w:fldChar w:fldCharType="begin"/></w:r></w:p>'
    assert field_problems(open_field) == ["fields left open"]
    lonely = b'<w:p xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:bookmarkStart w:id="1" w:name="a"/></w:p>'
    assert bookmark_problems(lonely)


def test_a_missing_style_is_found():
    parts = parts_of(TEMPLATE_PATH)
    document = parts["word/document.xml"].replace(b"<w:body>", b'<w:body><w:p><w:pPr><w:pStyle w:val="Gone"/></w:pPr></w:p>')
    assert style_problems({**parts, "word/document.xml": document}) == ["word/document.xml: pStyle Gone is not defined"]


# --- fonts -----------------------------------------------------------------------


def _font_table(path: Path) -> dict[str, etree._Element]:
    root = etree.fromstring(parts_of(path)["word/fontTable.xml"])
    return {font.get(f"{W}name"): font for font in root.iter(f"{W}font")}


def _style_faces(path: Path) -> set[str]:
    root = etree.fromstring(parts_of(path)["word/styles.xml"])
    return {fonts.get(f"{W}eastAsia") for fonts in root.iter(f"{W}rFonts")} - {None}


def _value(font, tag):
    child = font.find(f"{W}{tag}")
    return None if child is None else child.get(f"{W}val")


def test_every_face_the_styles_use_is_declared_as_a_chinese_face(package):
    table = _font_table(package)
    faces = _style_faces(package)
    assert {"仿宋", "黑体", "楷体", "方正小标宋简体", "宋体"} <= faces
    for face in faces:
        assert face in table, face
        assert _value(table[face], "charset") == "86", face
        assert _value(table[face], "family") in ("roman", "modern", "swiss", "auto"), face
    assert _value(table["仿宋"], "altName") == "仿宋_GB2312"
    assert _value(table["楷体"], "altName") == "楷体_GB2312"
    assert _value(table["仿宋"], "panose1") == "02010609060101010101"
    assert "Cambria" not in table and "ＭＳ 明朝" not in table


def test_faces_named_in_volume_settings_are_declared(sample_inputs, tmp_path):
    settings = sample_inputs / "volume.yaml"
    settings.write_text(settings.read_text(encoding="utf-8") + "fonts:\n  body: 仿宋_GB2312\n  title: 华文中宋\n", encoding="utf-8")
    table = _font_table(build(sample_inputs, tmp_path / "out").volume_path)
    assert _value(table["仿宋_GB2312"], "altName") == "仿宋"
    assert _value(table["仿宋_GB2312"], "charset") == "86"
    assert _value(table["华文中宋"], "charset") == "86"  # unknown face: still declared Chinese


# --- 目录 ------------------------------------------------------------------------


def test_the_toc_is_a_table_of_contents_content_control(sample_build):
    root = etree.fromstring(parts_of(sample_build.volume_path)["word/document.xml"])
    controls = [
        sdt for sdt in root.iter(f"{W}sdt")
        if sdt.find(f"{W}sdtPr/{W}docPartObj/{W}docPartGallery").get(f"{W}val") == "Table of Contents"
    ]
    assert len(controls) == 1
    content = controls[0].find(f"{W}sdtContent")
    instructions = [t.text for t in content.iter(f"{W}instrText")]
    toc = [i for i in instructions if i.strip().startswith("TOC")]
    assert toc == [' TOC \\h \\z \\t "报告标题,1" ']  # no \o: outline levels would list every heading
    lines = [p for p in content.iter(f"{W}p") if p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") == "TOC1"]
    assert len(lines) == len(sample_build.volume.reports)
    assert field_problems(etree.tostring(content)) == []  # the field opens and closes inside the control


def test_toc_1_is_words_built_in_style():
    styles = etree.fromstring(parts_of(TEMPLATE_PATH)["word/styles.xml"])
    toc1 = next(s for s in styles.iter(f"{W}style") if s.get(f"{W}styleId") == "TOC1")
    assert toc1.find(f"{W}name").get(f"{W}val") == "toc 1"
    assert toc1.get(f"{W}customStyle") is None


# --- document properties -----------------------------------------------------------


def _core(path: Path) -> dict[str, str]:
    root = etree.fromstring(parts_of(path)["docProps/core.xml"])
    return {el.tag.rsplit("}", 1)[-1]: el.text or "" for el in root}


def _app(path: Path) -> dict[str, str]:
    root = etree.fromstring(parts_of(path)["docProps/app.xml"])
    return {el.tag.rsplit("}", 1)[-1]: el.text or "" for el in root}


def test_properties_name_the_document_and_docgen(sample_build):
    report, volume = sample_build.report_paths[0], sample_build.volume_path
    assert _core(report)["title"] == sample_build.volume.numbered_titles()[0]
    assert _core(report)["creator"] == sample_build.volume.reports[0].unit
    assert _core(volume)["title"] == sample_build.volume.settings.series_title
    assert _app(volume)["Application"] == _app(report)["Application"] == "docgen"


def test_documents_are_dated_the_day_they_are_built(sample_inputs, tmp_path, clock):
    clock(datetime.datetime(2026, 11, 20, 15, 30, tzinfo=datetime.timezone.utc))
    result = build(sample_inputs, tmp_path / "out")
    for path in [result.volume_path, *result.report_paths]:
        assert _core(path)["created"] == _core(path)["modified"] == "2026-11-20T00:00:00Z"


def test_the_cover_unit_is_author_and_company(sample_build, tmp_path):
    volume = sample_build.volume
    volume.settings.cover = Cover(title="2026年基层党建工作汇编", unit="中共某某街道工作委员会")
    try:
        path = tmp_path / "v.docx"
        path.write_bytes(volume_docx(volume, sample_build.start_pages, Template()))
    finally:
        volume.settings.cover = None
    assert _core(path)["title"] == "2026年基层党建工作汇编"
    assert _core(path)["creator"] == "中共某某街道工作委员会"
    assert _app(path)["Company"] == "中共某某街道工作委员会"


def test_source_date_epoch_dates_the_documents(sample_inputs, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = build(sample_inputs, tmp_path / "out")
    for path in [result.volume_path, *result.report_paths]:
        assert _core(path)["created"] == _core(path)["modified"] == "2023-11-14T22:13:20Z"


# --- reproducible bytes --------------------------------------------------------------


def test_the_same_inputs_built_an_hour_apart_give_the_same_bytes(sample_inputs, tmp_path, monkeypatch, clock):
    clock(datetime.datetime(2026, 11, 20, 8, 0, tzinfo=datetime.timezone.utc))
    first = build(sample_inputs, tmp_path / "first")
    clock(datetime.datetime(2026, 11, 20, 9, 0, tzinfo=datetime.timezone.utc))
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 3600)  # zip dates would come from here
    second = build(sample_inputs, tmp_path / "second")
    for a, b in zip([first.volume_path, *first.report_paths], [second.volume_path, *second.report_paths]):
        assert a.read_bytes() == b.read_bytes(), a.name


def test_the_committed_template_is_reproducible():
    assert build_template() == build_template() == TEMPLATE_PATH.read_bytes()


# --- the Open XML SDK validator ------------------------------------------------------


def test_the_open_xml_sdk_validator_accepts_the_package(package):
    validator = find_validator()
    if validator is None:
        pytest.skip(f"the Open XML SDK validator is not installed ({VALIDATOR_INSTALL})")
    finished = subprocess.run([validator, str(package)], capture_output=True, text=True, timeout=300)
    if finished.returncode == 2:
        pytest.skip(f"the validator cannot run here: {finished.stderr.strip()[:200]}")
    verdict = json.loads(finished.stdout)
    assert verdict["ok"], json.dumps(verdict["errors"], ensure_ascii=False, indent=1)[:3000]


def test_the_validator_does_find_faults(tmp_path):
    validator = find_validator()
    if validator is None:
        pytest.skip(f"the Open XML SDK validator is not installed ({VALIDATOR_INSTALL})")
    parts = parts_of(TEMPLATE_PATH)
    settings = re.sub(rb"<w:zoom [^>]*/>", b'<w:zoom w:percent="many"/>', parts["word/settings.xml"])
    broken = tmp_path / "broken.docx"
    with zipfile.ZipFile(broken, "w") as package:
        for name, data in parts.items():
            package.writestr(name, settings if name == "word/settings.xml" else data)
    finished = subprocess.run([validator, str(broken)], capture_output=True, text=True, timeout=300)
    assert finished.returncode == 1 and not json.loads(finished.stdout)["ok"]
