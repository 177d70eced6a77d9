"""``docgen init 文件夹``: a new inputs folder with a commented volume.yaml at the
defaults and no reports, which builds once a report is added; never over a
user's files without --force."""

from __future__ import annotations

import dataclasses
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

import docgen
from docgen.cli.commands import main
from docgen.core.model import VolumeSettings
from docgen.core.schema import COVER, DEFAULT_FONTS, FONTS, VOLUME
from docgen.inputs.starter import SAMPLE_TEXTS
from docgen.inputs.yaml_reader import read_settings
from support.docx_text import paragraph_texts

FILLED_IN = (
    "党建引领网格治理成效明显。",
    "社区划分12个网格，每个网格由一名党员担任网格长。",
    "全年化解矛盾纠纷36件。",
    "“红色物业”服务群众。",
    "组建党员志愿服务队3支，开展活动40余次。",
    "党员队伍老龄化问题较为突出。",
)


def _run(capsys, *argv):
    code = main(list(argv))
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.out, captured.err


def _files(folder: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(folder.iterdir())}


def test_init_makes_a_folder_that_builds_once_a_report_is_added(tmp_path, capsys):
    folder = tmp_path / "2027年"
    code, out, err = _run(capsys, "init", str(folder))
    assert code == 0 and err == ""
    assert sorted(path.name for path in folder.iterdir()) == ["volume.yaml"]  # no sample reports
    assert f"已新建输入文件夹：{folder}" in out
    assert f"docgen new 单位名称 --inputs {folder}" in out and f"docgen build --inputs {folder}" in out

    code, out, _ = _run(capsys, "new", "东湖社区", "--inputs", str(folder))
    assert code == 0 and f"然后运行 docgen build --inputs {folder}。" in out  # not the samples' folder
    report = folder / "东湖社区.yaml"
    text = report.read_text(encoding="utf-8")
    for starter, filled in zip(SAMPLE_TEXTS, FILLED_IN):
        text = text.replace(starter, filled)
    report.write_text(text, encoding="utf-8")
    result = docgen.build(folder, tmp_path / "outputs")
    assert result.warnings == []
    assert [r.unit for r in result.volume.reports] == ["东湖社区"]
    volume_text = "\n".join(paragraph_texts(result.volume_path))
    assert "基层党建亮点工作及存在问题（一）" in volume_text  # the default series title, numbered
    assert all(filled in volume_text for filled in FILLED_IN)


def test_building_the_new_folder_before_adding_a_report_says_how_to_add_one(tmp_path, capsys):
    folder = tmp_path / "2027年"
    _run(capsys, "init", str(folder))
    code, _, err = _run(capsys, "build", "--inputs", str(folder), "--out", str(tmp_path / "outputs"))
    assert code == 1
    assert f"输入文件夹“{folder}”中没有报告（*.yaml）文件" in err and "docgen new 单位名称" in err and "docgen import" in err
    assert not (tmp_path / "outputs").exists()


def test_the_next_steps_quote_a_folder_with_a_space(tmp_path, capsys):
    folder = tmp_path / "党建 汇编" / "2027年"
    code, out, _ = _run(capsys, "init", str(folder))
    assert code == 0
    assert f'docgen new 单位名称 --inputs "{folder}"' in out


def test_volume_yaml_loads_as_the_defaults_without_any_warning(tmp_path):
    made = docgen.init_inputs(tmp_path / "新")
    settings, warnings = read_settings(made.settings_path)
    assert warnings == []
    defaults = VolumeSettings()
    for field in dataclasses.fields(VolumeSettings):
        if field.name != "fonts" and not field.name.endswith("origin"):  # where each was read is no setting
            assert getattr(settings, field.name) == getattr(defaults, field.name), field.name
    assert settings.fonts == DEFAULT_FONTS  # written out, so that a user sees what to change
    assert made.replaced is False


def test_every_setting_is_explained_in_chinese(tmp_path):
    text = docgen.init_inputs(tmp_path / "新").settings_path.read_text(encoding="utf-8")
    lines = text.splitlines()
    for key in VOLUME.keys:
        explained = lines.index(f"# {key.label}：{key.note}")
        assert re.fullmatch(rf"(# )?{key.name}:.*", lines[explained + 1]), key.name
    for key in (*FONTS.keys, *COVER.keys):  # each inner key under its own note
        assert any(
            re.fullmatch(rf"(# )?  # {re.escape(key.note)}", above) and re.fullmatch(rf"(# )?  {key.name}: .+", line)
            for above, line in zip(lines, lines[1:])
        ), key.name
    # every comment line is Chinese (no English explanation slipped in)
    for line in lines:
        if line.startswith("#") and not re.fullmatch(r"#( +(- )?\w+:.*| *#.*)?", line):
            assert re.search(r"[\u4e00-\u9fff]", line), line


def test_the_commented_examples_load_once_uncommented(tmp_path):
    path = docgen.init_inputs(tmp_path / "新").settings_path
    lines = path.read_text(encoding="utf-8").splitlines()
    uncommented, inside = [], False
    for line in lines:
        if line in ("# order:", "# cover:"):
            inside = True
        elif not line.startswith("#   "):
            inside = False
        uncommented.append(line[2:] if inside else line)
    path.write_text("\n".join(uncommented) + "\n", encoding="utf-8")
    settings, warnings = read_settings(path)
    year = datetime.date.today().year
    assert warnings == []
    assert settings.order == ["东湖社区", "红旗社区"]
    assert settings.cover.title == f"{year}年××街道基层党建亮点工作及存在问题汇编"
    assert settings.cover.date == datetime.date(year, 12, 1)


def test_an_existing_empty_folder_is_fine(tmp_path, capsys):
    folder = tmp_path / "空"
    folder.mkdir()
    assert _run(capsys, "init", str(folder))[0] == 0
    assert (folder / "volume.yaml").exists()


def test_a_folder_holding_files_is_refused_and_left_as_it_was(tmp_path, capsys):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "东湖社区.yaml").write_text("unit: 东湖社区\n", encoding="utf-8")
    (folder / "volume.yaml").write_text("series_title: 我的汇编\n", encoding="utf-8")
    before = _files(folder)
    code, out, err = _run(capsys, "init", str(folder))
    assert code == 1 and out == ""
    assert f"错误：文件夹“{folder}”里已经有文件（volume.yaml、东湖社区.yaml），没有改动它" in err
    assert "--force" in err
    assert _files(folder) == before


def test_force_writes_only_volume_yaml_and_says_it_replaced_one(tmp_path, capsys):
    folder = tmp_path / "inputs"
    folder.mkdir()
    (folder / "东湖社区.yaml").write_text("unit: 东湖社区\n", encoding="utf-8")
    (folder / "volume.yaml").write_text("series_title: 我的汇编\n", encoding="utf-8")
    code, out, _ = _run(capsys, "init", str(folder), "--force")
    assert code == 0 and "替换了原有的 volume.yaml" in out
    assert f"已在文件夹“{folder}”里写入 volume.yaml" in out and "已新建" not in out  # the folder was there
    assert (folder / "东湖社区.yaml").read_text(encoding="utf-8") == "unit: 东湖社区\n"
    assert "# 汇编标题：" in (folder / "volume.yaml").read_text(encoding="utf-8")
    assert sorted(p.name for p in folder.iterdir()) == ["volume.yaml", "东湖社区.yaml"]


def test_a_file_in_place_of_the_folder_is_refused(tmp_path, capsys):
    a_file = tmp_path / "2027年"
    a_file.write_text("mine", encoding="utf-8")
    code, _, err = _run(capsys, "init", str(a_file))
    assert code == 1 and f"错误：“{a_file}”是一个文件，不是文件夹" in err
    assert a_file.read_text(encoding="utf-8") == "mine"


def test_init_prints_nothing_as_a_library_call(tmp_path, capsys):
    made = docgen.init_inputs(str(tmp_path / "新"))
    assert made.settings_path == tmp_path / "新" / "volume.yaml"
    assert capsys.readouterr() == ("", "")


def _init_where_writing_is_not_allowed(folder: Path) -> subprocess.CompletedProcess:
    """``docgen init`` into ``folder``, in a place the user running it may not write."""
    command = [sys.executable, "-m", "docgen", "init", str(folder)]
    if os.name == "posix" and os.geteuid() == 0:  # root may write anywhere: run as nobody
        setpriv = shutil.which("setpriv")
        if setpriv is None:
            pytest.skip("running as root without setpriv: cannot make a folder this user may not write")
        as_nobody = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
        if subprocess.run([*as_nobody, sys.executable, "-c", "import docgen"], capture_output=True).returncode != 0:
            pytest.skip("an unprivileged user cannot run docgen from this checkout")
        command = [*as_nobody, *command]
    elif os.name != "posix":
        pytest.skip("needs POSIX permissions")
    return subprocess.run(command, capture_output=True, text=True, encoding="utf-8", cwd=folder.parent.parent)


@pytest.mark.parametrize("existing", [False, True])
def test_a_read_only_place_gives_a_chinese_message_and_exit_1(existing):
    with tempfile.TemporaryDirectory(prefix="docgen-readonly-") as place:
        place = Path(place)
        place.chmod(0o755)
        locked = place / "只读"
        locked.mkdir()
        target = locked / "2027年"
        if existing:
            target.mkdir()
        locked.chmod(0o555)
        (target if existing else locked).chmod(0o555)
        try:
            finished = _init_where_writing_is_not_allowed(target)
        finally:
            locked.chmod(0o755)
            if existing:
                target.chmod(0o755)
        assert finished.returncode == 1, finished.stderr
        assert "Traceback" not in finished.stderr
        assert finished.stderr.startswith(f"错误：{target}：无法写入：没有权限")
        assert list(target.iterdir()) == [] if existing else not target.exists()
