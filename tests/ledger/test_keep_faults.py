"""--keep given what it cannot use — a folder, a workbook whose XML is damaged — and a damaged
workbook in the ledger's place: a Chinese message saying what to give, never an internal error."""

from __future__ import annotations

import zipfile

import pytest

import docgen
from docgen.cli.commands import main
from support.ledger_files import LEDGER


def _summary(capsys, inputs, out, *more) -> tuple[int, str]:
    code = main(["summary", "--inputs", str(inputs), "--out", str(out), *more])
    err = capsys.readouterr().err
    assert "Traceback" not in err and "程序内部出错" not in err, err
    return code, err


def test_keep_given_a_folder_says_it_is_a_folder_and_what_to_give(sample_inputs, tmp_path, capsys):
    docgen.summary(sample_inputs, tmp_path / "去年")
    code, err = _summary(capsys, sample_inputs, tmp_path / "o", "--keep", str(tmp_path / "去年"))
    assert code == 1 and "找不到" not in err
    assert f"“{tmp_path / '去年'}”是一个文件夹" in err and f"--keep {tmp_path / '去年' / LEDGER}" in err
    code, err = _summary(capsys, sample_inputs, tmp_path / "o", "--keep", str(sample_inputs))  # no ledger in it
    assert code == 1 and "是一个文件夹" in err and "问题清单" in err
    assert not (tmp_path / "o").exists()


def _damaged(good, path, part: str, data: bytes):
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(path, "w") as copy:
        for name in source.namelist():
            copy.writestr(name, data if name == part else source.read(name))
    return path


# The sheet is read by one XML parser, the workbook's other parts by another.
_PARTS = ["xl/worksheets/sheet1.xml", "xl/workbook.xml", "[Content_Types].xml"]


@pytest.mark.parametrize("part", _PARTS)
@pytest.mark.parametrize("data", [b"<not xml", b"<?xml version='1.0'?><x>"], ids=["garbage", "cut short"])
def test_a_workbook_with_damaged_xml_is_named_in_chinese(sample_inputs, tmp_path, capsys, part, data):
    docgen.summary(sample_inputs, tmp_path / "first")
    keep = _damaged(tmp_path / "first" / LEDGER, tmp_path / "旧清单.xlsx", part, data)
    code, err = _summary(capsys, sample_inputs, tmp_path / "o", "--keep", str(keep))
    assert code == 1 and f"{keep}：" in err and "已损坏" in err
    out = tmp_path / "out"
    out.mkdir()
    _damaged(tmp_path / "first" / LEDGER, out / LEDGER, part, data)  # in the ledger's place: kept, unless forced
    code, err = _summary(capsys, sample_inputs, out)
    assert code == 1 and "已损坏" in err and "--force" in err
    assert _summary(capsys, sample_inputs, out, "--force")[0] == 0
