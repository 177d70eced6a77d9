"""Whatever text an imported file holds, the YAML written for it reads back to the same report,
and nothing in it (a file name least of all) ends a comment or a value early."""

from __future__ import annotations

import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.core.model import Item, Report, Section
from docgen.inputs.yaml_reader import read_report
from docgen.inputs.yaml_writer import quoted, report_yaml

# Characters real reports hold, and the ones YAML treats specially.
_ALPHABET = st.sampled_from(list("党建工作亮点问题社区XX12．.、，。：:；;“”‘’\"'（）()#&*!|>%@`-?[]{}~ \t") + ["\u3000"])
_TEXT = st.text(_ALPHABET, min_size=1, max_size=30).map(str.strip).filter(bool)


@settings(max_examples=150, deadline=None)
@given(
    heading=_TEXT,
    title=_TEXT,
    paragraphs=st.lists(_TEXT, max_size=3),
    lead=st.lists(_TEXT, max_size=2),
)
def test_imported_text_survives_the_yaml_file(tmp_path_factory, heading, title, paragraphs, lead):
    report = Report("测试社区", [Section(heading, [Item(title, paragraphs)], lead, "1.")])
    path = tmp_path_factory.mktemp("yaml") / "r.yaml"
    path.write_text(report_yaml(report, ["由 测试.docx 导入"]), encoding="utf-8")
    again, _ = read_report(path)
    section = again.sections[0]
    assert (section.heading, section.lead) == (heading, lead)
    assert (section.items[0].title, section.items[0].paragraphs) == (title, paragraphs)


# Any character at all, those YAML reads as a line break (U+2028, U+2029, U+0085, CR) and
# those it cannot hold (control characters) above all.
_ANY_TEXT = st.text(st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=20)
_BREAKS = st.sampled_from(["\u2028", "\u2029", "\x85", "\r", "\n", "\x0b", "\x0c", "\x1c", "\x00", "\ufeff", "\t"])
_HOSTILE = st.lists(st.one_of(_ANY_TEXT, _BREAKS, st.just("intro: 注入"), st.just("#")), min_size=1, max_size=6).map("".join)


@settings(max_examples=300, deadline=None)
@given(name=_HOSTILE, unit=_HOSTILE, paragraphs=st.lists(_HOSTILE, min_size=1, max_size=3))
def test_no_text_ends_a_comment_or_a_value_early(name, unit, paragraphs):
    report = Report(unit, [Section("亮点工作", [Item("第一条。", paragraphs)], [], "1.")], intro=[])
    text = report_yaml(report, [f"由 {quoted(name)} 导入", f"单位名称“{unit}”取自文件名“{name}”"])
    loaded = yaml.load(text, Loader=yaml.BaseLoader)  # every value a string, as docgen reads them
    assert set(loaded) == {"unit", "sections"}  # nothing became a key of its own
    assert loaded["unit"] == unit
    [section] = loaded["sections"]
    assert set(section) == {"heading", "numbering", "items"}
    lines = [line.strip() for paragraph in paragraphs for line in paragraph.splitlines()]
    assert [line.strip() for line in section["items"][0]["text"].splitlines() if line.strip()] == [line for line in lines if line]
    assert not set(text) & {"\u2028", "\u2029", "\x85", "\r", "\x0b", "\x0c", "\x00"}
