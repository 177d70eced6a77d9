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
