"""A 落款 always has its 署名: a document ending in a date alone is imported with
one, taken from the unit line under its title or else from its unit, and said."""

from __future__ import annotations

import pytest

from docgen.importing.importer import import_files
from docgen.inputs.yaml_reader import read_report

BODY = "一、存在问题\n1.党员管理有待进一步规范。老党员比较多。\n特此报告。\n2024年12月10日\n"


def _import(tmp_path, name, text):
    source = tmp_path / "收到" / name
    source.parent.mkdir()
    source.write_text(text, encoding="utf-8")
    result = import_files([source], tmp_path / "inputs")
    [written] = [p for p in result.written if p.name != "volume.yaml"]
    return result, written


@pytest.mark.parametrize(
    "name, head, signer, source",
    [
        ("红旗.txt", "红旗社区2024年基层党建工作亮点及存在问题\n（红旗社区党委）\n", "红旗社区党委", "标题下的单位行"),
        ("东湖社区.txt", "2024年基层党建工作亮点及存在问题\n", "东湖社区", "单位名称"),
    ],
)
def test_an_ending_with_only_a_date_is_signed_and_said(tmp_path, name, head, signer, source):
    result, written = _import(tmp_path, name, head + BODY)
    report, _ = read_report(written)  # the file docgen wrote is one docgen reads
    assert report.signature.unit == signer
    assert report.signature.date.isoformat() == "2024-12-10"
    told = f"文末落款只有日期，没有署名：署名暂用“{signer}”（取自{source}），请核对"
    assert any(told in line for line in result.summary)
    assert f"落款：{signer} 2024年12月10日" in "\n".join(result.summary)
    assert told in written.read_text(encoding="utf-8")  # the guess heads the YAML file too


def test_a_signed_ending_is_imported_as_it_is_and_not_said(tmp_path):
    result, written = _import(tmp_path, "东湖社区.txt", BODY.replace("2024年12月10日", "东湖社区党委\n2024年12月10日"))
    report, _ = read_report(written)
    assert report.signature.unit == "东湖社区党委"
    assert not any("没有署名" in line for line in result.summary)


@pytest.mark.parametrize(
    "ending, signer, date",
    [
        (["王某", "2020年4月12日"], "王某", "2020-04-12"),
        (["李某某", "2019.1.2"], "李某某", "2019-01-02"),
        (["总结者：张某", "时间：2019/1/2"], "张某", "2019-01-02"),
        (["总结者：张某　时间：2019/1/2"], "张某", "2019-01-02"),
        (["报告人：张某", "日期：2019-01-02"], "张某", "2019-01-02"),
        (["汇报人：李某", "二〇一九年一月二日"], "李某", "2019-01-02"),
        (["申请人：王某（签字）", "2021年3月4日"], "王某", "2021-03-04"),
        (["东湖社区党委（盖章）", "二〇一九年一月二日"], "东湖社区党委", "2019-01-02"),
        (["东湖社区党委", "（盖章）", "2019年1月2日"], "东湖社区党委", "2019-01-02"),
        (["王某 2020年4月12日"], "王某", "2020-04-12"),
        (["报告单位：东湖社区党委", "报告日期：2019年1月2日"], "东湖社区党委", "2019-01-02"),
    ],
)
def test_every_common_form_of_a_signature_is_read_as_one(tmp_path, ending, signer, date):
    text = "一、存在问题\n1.党员管理有待进一步规范。老党员比较多。\n" + "\n".join(ending) + "\n"
    result, written = _import(tmp_path, "东湖社区.txt", text)
    report, _ = read_report(written)
    assert (report.signature.unit, report.signature.date.isoformat()) == (signer, date)
    assert report.sections[0].items[0].paragraphs == ["老党员比较多。"]  # no line of the 落款 in the text
    assert report.unit == "东湖社区"  # a person's name is no unit: the file's name is


def test_a_person_named_beside_the_unit_stays_as_typed(tmp_path):
    text = "一、存在问题\n1.党员管理有待进一步规范。\n特此报告。\n东湖社区党委\n报告人：张某\n2019年1月2日\n"
    _, written = _import(tmp_path, "东湖.txt", text)
    report, _ = read_report(written)
    assert report.signature.unit == "东湖社区党委"
    assert report.closing == ["特此报告。", "报告人：张某"]


def test_a_short_last_line_not_over_a_date_stays_text(tmp_path):
    text = "一、存在问题\n1.党员管理有待进一步规范。\n王某\n"
    _, written = _import(tmp_path, "东湖社区.txt", text)
    report, _ = read_report(written)
    assert report.signature is None
