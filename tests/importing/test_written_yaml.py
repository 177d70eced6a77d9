"""What ``docgen import`` writes never takes another unit's file, never replaces the user's
volume.yaml, never lets a file name write YAML, and is never more than ``build`` reads."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
import yaml

from docgen.cli.commands import main
from docgen.inputs.yaml_file import MAX_FILE_BYTES
from docgen.inputs.yaml_reader import read_report, read_settings
from support.import_forms import W_NS

_REPORT_LINES = ["基层党建亮点工作及存在问题", "一、亮点工作", "1.{work}。正文。", "二、存在问题", "1.乙问题。"]


def _text_report(path: Path, work: str = "甲项工作") -> Path:
    """A report with no unit in it: import takes the unit from the file name."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(_REPORT_LINES).format(work=work) + "\n", encoding="utf-8")
    return path


def _run(capsys, *argv) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err and "程序内部出错" not in captured.err
    return code, captured.out, captured.err


# --- duplicates are decided by the unit inside the file ------------------------------------------


def test_force_never_overwrites_the_report_of_a_unit_renamed_after_import(tmp_path, capsys):
    out = tmp_path / "inputs"
    assert _run(capsys, "import", str(_text_report(tmp_path / "一月" / "甲社区.txt")), "--out", str(out))[0] == 0
    imported = out / "甲社区.yaml"
    renamed = imported.read_text(encoding="utf-8").replace("unit: 甲社区", "unit: 乙社区")  # as import asked: 请核对
    imported.write_text(renamed, encoding="utf-8")

    later = _text_report(tmp_path / "二月" / "甲社区.txt", "丙项工作")  # a file of the old name, another unit's report
    code, printed, err = _run(capsys, "import", str(later), "--out", str(out), "--force")
    assert code == 0, err
    assert imported.read_text(encoding="utf-8") == renamed  # 乙社区's report untouched
    new = out / "甲社区-2.yaml"
    assert read_report(new)[0].unit == "甲社区" and "丙项工作" in new.read_text(encoding="utf-8")
    assert "甲社区-2.yaml" in printed and "甲社区.yaml" in printed and "乙社区" in printed  # why another name
    assert _run(capsys, "build", "--inputs", str(out), "--out", str(tmp_path / "out"))[0] == 0


def test_a_report_of_the_renamed_unit_is_the_duplicate(tmp_path, capsys):
    out = tmp_path / "inputs"
    assert _run(capsys, "import", str(_text_report(tmp_path / "一月" / "甲社区.txt")), "--out", str(out))[0] == 0
    imported = out / "甲社区.yaml"
    imported.write_text(imported.read_text(encoding="utf-8").replace("unit: 甲社区", "unit: 乙社区"), encoding="utf-8")
    again = _text_report(tmp_path / "二月" / "乙社区.txt", "丁项工作")
    code, _, err = _run(capsys, "import", str(again), "--out", str(out))
    assert code == 1 and "重复" in err and str(imported) in err
    assert _run(capsys, "import", str(again), "--out", str(out), "--force")[0] == 0
    assert "丁项工作" in imported.read_text(encoding="utf-8")
    assert sorted(p.name for p in out.iterdir()) == ["volume.yaml", "甲社区.yaml"]


@pytest.mark.parametrize("existing", ["甲社区.yaml", "甲社区.yml", "甲社区.YAML"])
def test_a_file_that_is_no_report_is_never_replaced_even_with_force(tmp_path, capsys, existing):
    out = tmp_path / "inputs"
    out.mkdir()
    (out / existing).write_text("# 我手写的，还没写完\nunit: [\n", encoding="utf-8")
    code, printed, err = _run(capsys, "import", str(_text_report(tmp_path / "收到" / "甲社区.txt")), "--out", str(out), "--force")
    assert code == 0, err
    assert (out / existing).read_text(encoding="utf-8") == "# 我手写的，还没写完\nunit: [\n"
    assert read_report(out / "甲社区-2.yaml")[0].unit == "甲社区"
    assert existing in printed


def test_units_typed_differently_are_one_unit_for_import_as_for_build(tmp_path, capsys):
    out = tmp_path / "inputs"
    assert _run(capsys, "import", str(_text_report(tmp_path / "一月" / "ABC社区.txt")), "--out", str(out))[0] == 0
    later = _text_report(tmp_path / "二月" / "abc\u200b社区.txt", "丙项工作")  # build takes them for one unit
    code, _, err = _run(capsys, "import", str(later), "--out", str(out))
    assert code == 1 and "重复" in err


# --- volume.yaml ------------------------------------------------------------------------------

_CUSTOM_SETTINGS = """\
# 我们自己的汇编设置
series_title: 我们街道的汇编
toc_heading: 目录
cover:
  title: 二〇二六年基层党建工作汇编
  unit: 中共某某街道工作委员会
"""


def _volume(path: Path) -> Path:
    """A compiled volume of two reports, as a text file."""
    lines = []
    for number, unit in (("一", "东湖社区"), ("二", "西湖社区")):
        lines += [f"旧汇编标题（{number}）", unit, "一、亮点工作", f"1.{unit}的工作。正文。", "二、存在问题", "1.一个问题。"]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_importing_a_volume_leaves_a_customised_volume_yaml_as_it_is(tmp_path, capsys):
    out = tmp_path / "inputs"
    out.mkdir()
    (out / "volume.yaml").write_text(_CUSTOM_SETTINGS, encoding="utf-8")
    code, printed, err = _run(capsys, "import", str(_volume(tmp_path / "旧汇编.txt")), "--out", str(out), "--force")
    assert code == 0, err
    assert (out / "volume.yaml").read_text(encoding="utf-8") == _CUSTOM_SETTINGS
    assert {p.name for p in out.glob("*.yaml")} == {"volume.yaml", "东湖社区.yaml", "西湖社区.yaml"}
    assert "volume.yaml 已存在，没有改动" in printed
    assert "旧汇编标题" in printed  # what the volume's own settings were, to be copied over by hand


def test_importing_a_volume_into_a_folder_without_settings_writes_them(tmp_path, capsys):
    out = tmp_path / "inputs"
    assert _run(capsys, "import", str(_volume(tmp_path / "旧汇编.txt")), "--out", str(out))[0] == 0
    settings, _ = read_settings(out / "volume.yaml")
    assert settings.series_title == "旧汇编标题" and settings.order == ["东湖社区", "西湖社区"]


# --- a file name never writes YAML ------------------------------------------------------------

_INJECTED = "intro: 来自文件名"


@pytest.mark.parametrize("brk", ["\u2028", "\u2029", "\u0085", "\n", "\r", "\x0b", "\x0c"], ids=repr)
def test_a_line_break_in_a_file_name_never_escapes_the_yaml_comment(tmp_path, capsys, brk):
    source = _text_report(tmp_path / "收到" / f"x{brk}{_INJECTED}{brk}#.txt")
    out = tmp_path / "inputs"
    code, _, err = _run(capsys, "import", str(source), "--out", str(out))
    assert code == 0, err
    [written] = [p for p in out.glob("*.yaml") if p.name != "volume.yaml"]
    text = written.read_text(encoding="utf-8")
    assert not set(text) & {"\u2028", "\u2029", "\u0085", "\r", "\x0b", "\x0c"}
    assert "intro" not in yaml.safe_load(text)  # nothing of the name became a key
    report, _ = read_report(written)
    assert report.intro == [] and report.unit == f"x {_INJECTED} #"  # the unit on one line
    header = text.splitlines()[0]
    assert header.startswith("# 由 \"x") and _INJECTED in header
    code, _, err = _run(capsys, "build", "--inputs", str(out), "--out", str(tmp_path / "out"))
    assert code == 0, err


# --- never more than build reads -----------------------------------------------------------------


def _long_docx(path: Path, items: int) -> Path:
    """A report whose first section runs to ``items`` items (written without python-docx, for speed)."""
    paragraph = "<w:p><w:r><w:t>{}</w:t></w:r></w:p>".format
    body = [paragraph("基层党建亮点工作及存在问题"), paragraph("一、亮点工作")]
    body += [paragraph(f"{n}.第{n}项工作。这一项工作的正文写得比较长，好让文件变大一些。") for n in range(1, items + 1)]
    body += [paragraph("二、存在问题"), paragraph("1.乙问题。")]
    document = f'<?xml version="1.0" encoding="UTF-8"?><w:document xmlns:w="{W_NS}"><w:body>{"".join(body)}</w:body></w:document>'
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="xml" ContentType="application/xml"/></Types>',
        )
        package.writestr("word/document.xml", document)
    return path


def test_a_report_too_long_for_build_is_refused_by_import_with_the_reason(tmp_path, capsys):
    huge = _long_docx(tmp_path / "大社区.docx", 55_000)  # some 5.8 MB of YAML, past build's 5 MB
    good = _text_report(tmp_path / "收到" / "丙社区.txt")
    out = tmp_path / "inputs"
    code, printed, err = _run(capsys, "import", str(huge), str(good), "--out", str(out))
    assert code == 1
    assert f"错误：{huge}：" in err and "5 MB" in err
    assert not (out / "大社区.yaml").exists() and (out / "丙社区.yaml").exists()
    assert all(p.stat().st_size <= MAX_FILE_BYTES for p in out.iterdir())
    assert _run(capsys, "build", "--inputs", str(out), "--out", str(tmp_path / "out"))[0] == 0
