"""``docgen check`` on the sample inputs: what the reference reports really contain, and nothing else."""

from __future__ import annotations

import contextlib
import io
import re
import shutil

import pytest

from docgen.cli.commands import main
from support.paths import SAMPLE_INPUTS


@pytest.fixture(scope="module")
def sample_check(tmp_path_factory):
    """Exit code, listing (stdout) and stderr of ``docgen check`` on a copy of the sample inputs."""
    inputs = tmp_path_factory.mktemp("check") / "inputs"
    shutil.copytree(SAMPLE_INPUTS, inputs)
    listing, errors = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(listing), contextlib.redirect_stderr(errors):
        code = main(["check", "--inputs", str(inputs)])
    return code, listing.getvalue(), errors.getvalue()


def _findings(listing: str) -> list[tuple[str, int, str, str]]:
    """(file name, line, kind, message) for each finding in the listing."""
    found, current = [], None
    for line in listing.splitlines():
        if line.endswith(".yaml"):
            current = line.rsplit("/", 1)[-1]
        match = re.match(r"  第 (\d+) 行  【(.+?)】(.*)", line)
        if match:
            found.append((current, int(match.group(1)), match.group(2), match.group(3)))
    return found


def test_check_exits_0_without_strict_and_lists_by_file(sample_check):
    code, listing, errors = sample_check
    assert code == 0
    assert "Traceback" not in listing + errors
    assert re.search(r"共发现 \d+ 处问题：占位符 \d+ 处", listing)


def test_placeholders_of_the_reference_reports_are_listed(sample_check):
    findings = _findings(sample_check[1])
    placeholders = {(name, line): message for name, line, kind, message in findings if kind == "占位符"}
    # 01: “XX社区先后投入X万余元 … 于今年X月份乔迁新址” (line 10), “先后接待…党员X余人次，播放…X场次” (16)
    assert "“X万余”" in placeholders[("示例单位01.yaml", 10)] and "“X月份”" in placeholders[("示例单位01.yaml", 10)]
    assert "“X余人”" in placeholders[("示例单位01.yaml", 16)] and "“X场次”" in placeholders[("示例单位01.yaml", 16)]
    assert "“X周年”" in placeholders[("示例单位02.yaml", 10)]  # 庆祝建党X周年
    assert "“XX”" in placeholders[("示例单位08.yaml", 11)]  # a title: 打造XX社区“党群联络点”。
    assert "“XX”" in placeholders[("示例单位12.yaml", 13)]  # 网格长XX亲冒着酷暑
    every_file = {name for name, _ in placeholders}
    assert every_file == {f"示例单位{n}.yaml" for n in ("01", "02", "03", "05", "06", "07", "08", "10", "11", "12", "16")}


def test_latin_x_in_real_text_is_not_a_placeholder(sample_check):
    findings = _findings(sample_check[1])
    # 05 line 16 has “3+X”服务网络 besides one XX: only the XX is named
    message = next(m for n, line, k, m in findings if (n, line, k) == ("示例单位05.yaml", 16, "占位符"))
    assert message.endswith("“XX”")


def test_repeated_passages_are_found_with_both_places(sample_check):
    repeats = [(n, line, m) for n, line, k, m in _findings(sample_check[1]) if k == "重复内容"]
    named = {(n, line, re.search(r"(示例单位\d+\.yaml) 第 (\d+) 行", m).groups()) for n, line, m in repeats}
    # 16 copies 03's “十五分钟党员服务圈” passage, sentence by sentence
    assert ("示例单位16.yaml", 10, ("示例单位03.yaml", "10")) in named
    # the “五要”“四变”“三结合” paragraph: 03's text is 16's (over-long) title and text
    assert ("示例单位16.yaml", 14, ("示例单位03.yaml", "13")) in named
    assert ("示例单位16.yaml", 16, ("示例单位03.yaml", "13")) in named
    # 14 and 03 share a sentence with one word changed (党员学习教育 / 党建工作教育)
    assert ("示例单位14.yaml", 21, ("示例单位03.yaml", "20")) in named
    count = next(m for n, line, m in repeats if (n, line) == ("示例单位16.yaml", 10) and "第 10 行" in m)
    assert int(re.search(r"有 (\d+) 句", count).group(1)) >= 5


def test_half_width_commas_in_08_are_found_and_nothing_else(sample_check):
    half_width = [(n, line, m) for n, line, k, m in _findings(sample_check[1]) if k == "半角标点"]
    # 08, last item: “协商社区事务,活动形式较为单一,覆盖面不全,尚未形成……”; 9：00—11：00, 3-7人, 1.5万 are fine
    assert half_width == [("示例单位08.yaml", 29, half_width[0][2])]
    assert "“,”×3" in half_width[0][2]


def test_nothing_spurious(sample_check):
    kinds = {k for _, _, k, _ in _findings(sample_check[1])}
    assert kinds == {"占位符", "半角标点", "重复内容", "标题过长"}
    long_titles = [(n, line) for n, line, k, _ in _findings(sample_check[1]) if k == "标题过长"]
    assert long_titles == [("示例单位16.yaml", 14)]  # the 229-character title holding the whole 五要 passage
    repeats = [(n, line) for n, line, k, _ in _findings(sample_check[1]) if k == "重复内容"]
    assert {n for n, _ in repeats} <= {"示例单位10.yaml", "示例单位14.yaml", "示例单位16.yaml"}
