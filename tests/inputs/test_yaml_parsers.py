"""The inputs are parsed by libyaml (C, fast); PyYAML's pure-Python parser is the
reference. On good files and on hundreds of broken ones both give the same model,
the same warnings and the same messages, at the same lines."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from docgen.errors import InputError
from docgen.fs.filenames import SETTINGS_FILE
from docgen.inputs import yaml_file, yaml_reader

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.skipif(not yaml.__with_libyaml__, reason="PyYAML built without libyaml: only one parser here")

# Every way a value is written: plain, quoted, folded, literal, flow; comments, CJK text,
# a signature with its date, lead and run_in.
RICH = """\
# 说明：东湖社区的报告
title: "东湖社区基层党建亮点工作及存在问题"
unit: 东湖社区
intro: >
  今年以来，东湖社区
  围绕中心工作开展党建。
sections:
  - heading: 亮点工作
    numbering: （一）
    lead: |
      一是阵地建设。
      二是队伍建设。
    items:
      - title: '阵地建设成效明显。'
        text: |
          投入资金改造党员活动室。
          开展“三会一课”12次。
      - {title: 队伍建设得到加强。, text: 发展党员2名}
  - heading: 存在问题
    numbering: "1."
    run_in: yes
    items:
      - title: 党员管理有待规范。  # 这里是注释
        text: 流动党员管理不到位。
closing: 特此报告。
signature:
  unit: 中共东湖社区委员会
  date: 2026年11月20日
"""


def _mutations(text: str) -> list[str]:
    """``text`` with one slip on one line, for each line and each slip people make."""
    lines = text.split("\n")
    slips = [
        lambda line: line.replace(": ", "：", 1),
        lambda line: line.replace(":", "", 1),
        lambda line: line.replace(": ", ":", 1),
        lambda line: "\t" + line,
        lambda line: "  " + line,
        lambda line: line[2:],
        lambda line: line + " #附注",
        lambda line: line.replace(": ", ': "', 1),
        lambda line: line[: len(line) // 2],
        lambda line: line + "\n" + line,
        lambda line: line.replace(": ", ": &a ", 1) + "\nextra: *a",
        lambda line: line.replace(": ", ": !!str ", 1),
        lambda line: line.replace(": ", ": !custom ", 1),
        lambda line: line + "\n---",
        lambda line: line + "\u0007\u007f",
        lambda line: line.replace(": ", ': "\\ud800 \\q', 1),
    ]
    variants = []
    for number, line in enumerate(lines):
        for slip in slips:
            changed = slip(line)
            if changed != line:
                variants.append("\n".join([*lines[:number], changed, *lines[number + 1 :]]))
    return variants


def _outcome(path: Path, read) -> tuple:
    try:
        return ("read", *read(path))
    except InputError as error:
        return ("refused", str(error), error.origin)


def _both_parsers(path: Path, read) -> tuple[tuple, tuple]:
    fast = _outcome(path, read)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(yaml_file, "_FAST_LOADER", yaml.BaseLoader)
        reference = _outcome(path, read)
    return fast, reference


def test_the_fast_parser_is_libyaml():
    assert issubclass(yaml_file._FAST_LOADER, yaml.cyaml.CParser)


@pytest.mark.parametrize("path", sorted(ROOT.glob("inputs/*.yaml")), ids=lambda path: path.name)
def test_the_sample_inputs_read_the_same_with_both_parsers(path):
    read = yaml_reader.read_settings if path.name == SETTINGS_FILE else yaml_reader.read_report
    fast, reference = _both_parsers(path, read)
    assert fast[0] == "read"
    assert fast == reference


_LAUGHS = "[" + ", ".join(f"&l{i} [" + ", ".join([f"*l{i - 1}"] * 9) + "]" for i in range(1, 9)) + "]"
WHOLE_FILES = {
    "rich": RICH,
    "crlf": RICH.replace("\n", "\r\n"),
    "bom": "\ufeff" + RICH,
    "no-final-newline": RICH.rstrip("\n"),
    "nel-and-line-separator-in-text": RICH.replace("投入资金", "投入\u0085资金").replace("发展党员", "发展\u2028党员"),
    "empty": "",
    "comments-only": "# 只有说明\n",
    "billion-laughs": RICH.replace("unit: 东湖社区", "unit: &l0 东湖社区", 1).replace("closing: 特此报告。", f"closing: {_LAUGHS}"),
    "alias": RICH.replace("'阵地建设成效明显。'", "&a '阵地建设成效明显。'").replace("队伍建设得到加强。", "*a"),
    "nested-1100": "unit: 测试社区\nsections:\n" + "".join(" " * i + "- \n" for i in range(2, 1100)),
    "flow-1000": "unit: " + "[" * 1000 + "]" * 1000 + "\n",
}


@pytest.mark.parametrize("name", WHOLE_FILES)
def test_whole_files_read_the_same_with_both_parsers(tmp_path, name):
    path = tmp_path / "东湖社区.yaml"
    path.write_text(WHOLE_FILES[name], encoding="utf-8", newline="")
    fast, reference = _both_parsers(path, yaml_reader.read_report)
    assert fast == reference


def test_every_slip_on_every_line_is_told_the_same_by_both_parsers(tmp_path):
    path = tmp_path / "东湖社区.yaml"
    outcomes = []
    for text in _mutations(RICH):
        path.write_text(text, encoding="utf-8")
        fast, reference = _both_parsers(path, yaml_reader.read_report)
        assert fast == reference, text
        outcomes.append(fast[0])
    assert outcomes.count("refused") > 100 and outcomes.count("read") > 50  # both kinds were tried


def test_every_slip_in_volume_yaml_is_told_the_same_by_both_parsers(tmp_path):
    path = tmp_path / SETTINGS_FILE
    for text in _mutations((ROOT / "inputs" / SETTINGS_FILE).read_text(encoding="utf-8")):
        path.write_text(text, encoding="utf-8")
        fast, reference = _both_parsers(path, yaml_reader.read_settings)
        assert fast == reference, text
