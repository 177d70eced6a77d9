"""Saving what a form edits (docgen.api.save_report, save_settings, set_order): written as
import and new write, never over a change made elsewhere, never into a folder validate
would refuse; and the build reading its inputs under the folder lock those saves take."""

from __future__ import annotations

import datetime

import pytest

import docgen
from docgen import api
from docgen.fs.folderlock import folder_lock
from docgen.inputs.yaml_reader import read_report
from docgen.inputs.yaml_writer import report_yaml


def test_every_sample_saved_unchanged_is_written_byte_for_byte_as_it_was(sample_inputs):
    for path in api.report_files(sample_inputs):
        before = path.read_bytes()
        opened = api.open_report(sample_inputs, path.name)
        api.save_report(sample_inputs, path.name, opened.model, opened.version)
        assert path.read_bytes() == before, path.name
    settings = api.open_settings(sample_inputs)
    before = (sample_inputs / "volume.yaml").read_bytes()
    api.save_settings(sample_inputs, settings.model, settings.version)
    assert (sample_inputs / "volume.yaml").read_bytes() == before


def test_a_saved_report_is_written_as_import_writes_it_with_its_opening_comments_kept(sample_inputs):
    path = sample_inputs / "示例单位01.yaml"
    path.write_text("# 东湖社区的报告\n#\n# 用记事本编辑即可\n\n# 单位名称\n" + path.read_text(encoding="utf-8").split("\n", 2)[2], encoding="utf-8")
    opened = api.open_report(sample_inputs, path.name)
    report = opened.model
    report.signature = api.Signature("东湖社区党委", datetime.date(2026, 11, 20))
    saved = api.save_report(sample_inputs, path.name, report, opened.version)
    text = path.read_text(encoding="utf-8")
    assert text == report_yaml(read_report(path)[0], ["东湖社区的报告", "", "用记事本编辑即可"])
    assert text.startswith("# 东湖社区的报告\n#\n# 用记事本编辑即可\nunit: 示例单位01\n")  # the comment before unit: is not its own
    assert saved.written == [path] and api.open_report(sample_inputs, path.name).version == saved.version


def test_a_file_changed_since_it_was_opened_is_not_overwritten(sample_inputs):
    path = sample_inputs / "示例单位02.yaml"
    opened = api.open_report(sample_inputs, path.name)
    changed = path.read_text(encoding="utf-8").replace("unit: 示例单位02", "title: 别处改的\nunit: 示例单位02")
    path.write_text(changed, encoding="utf-8")
    opened.model.title = "这里改的"
    with pytest.raises(api.ChangedOnDisk, match="被别的程序改过"):
        api.save_report(sample_inputs, path.name, opened.model, opened.version)
    assert path.read_text(encoding="utf-8") == changed
    path.unlink()
    with pytest.raises(docgen.errors.InputError, match="没有报告文件"):
        api.save_report(sample_inputs, path.name, opened.model, opened.version)


def test_validates_message_refuses_the_save_and_nothing_is_written(sample_inputs):
    path = sample_inputs / "示例单位03.yaml"
    before = path.read_bytes()
    opened = api.open_report(sample_inputs, path.name)
    opened.model.sections[0].heading = ""
    with pytest.raises(docgen.errors.InputError) as raised:
        api.save_report(sample_inputs, path.name, opened.model, opened.version)
    assert str(raised.value).startswith(f"{path} 第 ") and str(raised.value).endswith("第 1 部分的标题（heading）是空的")
    opened.model.sections[0].heading = "亮点工作"
    opened.model.unit = "示例单位05"
    with pytest.raises(docgen.errors.InputError) as raised:
        api.save_report(sample_inputs, path.name, opened.model, opened.version)
    assert str(raised.value).startswith(f"{path} 第 3 行：单位“示例单位05”重复")  # the file being saved is the newer one
    assert path.read_bytes() == before


def test_another_files_old_error_does_not_stop_this_save(sample_inputs):
    (sample_inputs / "示例单位16.yaml").write_text("unit: 示例单位16\nsections: [\n", encoding="utf-8")
    with pytest.raises(docgen.errors.InputError):
        api.validate(sample_inputs)
    opened = api.open_report(sample_inputs, "示例单位01.yaml")
    opened.model.title = "改好的标题"
    api.save_report(sample_inputs, "示例单位01.yaml", opened.model, opened.version)
    assert read_report(sample_inputs / "示例单位01.yaml")[0].title == "改好的标题"


def test_a_new_unit_is_renamed_in_the_order_too(sample_inputs):
    opened = api.open_report(sample_inputs, "示例单位02.yaml")
    opened.model.unit = "东湖社区"
    saved = api.save_report(sample_inputs, "示例单位02.yaml", opened.model, opened.version)
    assert saved.written == [sample_inputs / "示例单位02.yaml", sample_inputs / "volume.yaml"]
    assert [r.unit for r in docgen.load(sample_inputs).reports][:3] == ["示例单位01", "东湖社区", "示例单位03"]
    assert (sample_inputs / "volume.yaml").read_text(encoding="utf-8").startswith("# 汇编设置\n# 汇编的标题")


def test_set_order_writes_the_order_and_keeps_every_other_setting(sample_inputs):
    settings = api.open_settings(sample_inputs)
    settings.model.problem_words = ["问题", "短板"]
    settings.model.show_unit = True
    api.save_settings(sample_inputs, settings.model, settings.version)
    units = [r.unit for r in docgen.load(sample_inputs).reports]
    api.set_order(sample_inputs, units[::-1])
    volume = docgen.load(sample_inputs)
    assert [r.unit for r in volume.reports] == units[::-1]
    assert (volume.settings.problem_words, volume.settings.show_unit) == (["问题", "短板"], True)
    with pytest.raises(docgen.errors.InputError, match="order 中的单位“没有这个单位”没有对应的报告文件"):
        api.set_order(sample_inputs, ["没有这个单位"])


def test_an_order_is_written_into_a_folder_without_volume_yaml(sample_inputs):
    (sample_inputs / "volume.yaml").unlink()
    api.set_order(sample_inputs, ["示例单位16", "示例单位01"])
    volume = docgen.load(sample_inputs)
    assert [r.unit for r in volume.reports][:3] == ["示例单位16", "示例单位01", "示例单位02"]


def test_a_broken_file_is_mended_as_text_only_once_it_reads(sample_inputs):
    path = sample_inputs / "示例单位05.yaml"
    path.write_text("unit: 示例单位05\nsections:\n  - heading 亮点\n", encoding="utf-8")
    with pytest.raises(docgen.errors.InputError):
        api.open_report(sample_inputs, path.name)
    text, version = api.report_text(sample_inputs, path.name)
    with pytest.raises(docgen.errors.InputError, match="少了英文冒号"):
        api.save_report_text(sample_inputs, path.name, text, version)
    mended = "unit: 示例单位05\r\nsections:\r\n  - heading: 亮点\r\n    lead: 今年以来……\r\n"
    api.save_report_text(sample_inputs, path.name, mended, version)
    assert path.read_text(encoding="utf-8") == mended.replace("\r\n", "\n")
    assert api.open_report(sample_inputs, path.name).model.sections[0].heading == "亮点"


def test_written_date_says_what_the_reader_says():
    assert api.written_date(" 2026-11-20 ", "成文日期（date）") == datetime.date(2026, 11, 20)
    assert api.written_date("二〇二六年十一月二十日", "成文日期（date）") == datetime.date(2026, 11, 20)
    with pytest.raises(docgen.errors.InputError, match="^成文日期（date）“2026年13月1日”不是日期"):
        api.written_date("2026年13月1日", "成文日期（date）")
    with pytest.raises(docgen.errors.InputError, match="^成文日期（date）“2026年12月”没有写到日"):
        api.written_date("2026年12月", "成文日期（date）")
    assert api.written_date("2026年12月", "封面日期（date）", month_allowed=True) == api.Month(2026, 12)


def test_a_build_does_not_read_the_inputs_while_a_save_holds_their_lock(sample_inputs, tmp_path, monkeypatch):
    monkeypatch.setattr("docgen.fs.folderlock.WAIT_SECONDS", 0.2)
    out = tmp_path / "outputs"
    with folder_lock(sample_inputs):  # as a save in the workbench holds it
        with pytest.raises(docgen.errors.EnvironmentProblem, match="另一个 docgen 正在写入"):
            docgen.build(sample_inputs, out)
    assert not out.exists() or not any(p.suffix == ".docx" for p in out.iterdir())
    docgen.build(sample_inputs, out)  # once it is let go, the build reads them


def test_a_build_into_its_own_inputs_folder_takes_the_lock_once(sample_inputs):
    result = docgen.build(sample_inputs, sample_inputs)  # the inputs folder is the output folder
    assert result.volume_path.parent == sample_inputs
