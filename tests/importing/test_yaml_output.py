"""Whatever text an imported file holds, the YAML written for it reads back to the same report."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from docgen.core.model import Item, Report, Section
from docgen.inputs.yaml_reader import read_report
from docgen.inputs.yaml_writer import report_yaml

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
