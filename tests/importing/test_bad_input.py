"""Files import cannot read, hostile Word files, and targets that already exist:
exit 1, a Chinese message naming the file, nothing written, no local file read."""

from __future__ import annotations

import struct
import zipfile

import pytest

from docgen.cli.commands import main
from docgen.importing import docx_package
from support.import_forms import W_NS, write_typed_docx

GOOD_LINES = ["基层党建亮点工作及存在问题（一）", "一、亮点工作", "1.甲项工作。正文。", "二、存在问题", "1.乙问题。"]
SECRET = "这是不该被读到的本机文件内容"
CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/></Types>'
)


def _document(body_xml: str, prolog: str = "") -> bytes:
    return (
        f'<?xml version="1.0" encoding="UTF-8"?>{prolog}'
        f'<w:document xmlns:w="{W_NS}"><w:body>{body_xml}</w:body></w:document>'
    ).encode()


def _package(path, parts: dict[str, bytes]):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", CONTENT_TYPES)
        for name, data in parts.items():
            package.writestr(name, data)
    return path


def _secret_file(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET, encoding="utf-8")
    return secret


def xxe_docx(tmp_path):
    uri = _secret_file(tmp_path).as_uri()
    prolog = f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{uri}">]>'
    return _package(tmp_path / "xxe.docx", {"word/document.xml": _document("<w:p><w:r><w:t>&secret;</w:t></w:r></w:p>", prolog)})


def xxe_after_long_prolog_docx(tmp_path):
    # A DOCTYPE pushed past the first 64 KB by a comment: the parser-level check must still refuse it.
    uri = _secret_file(tmp_path).as_uri()
    prolog = "<!--" + " " * 70_000 + f'--><!DOCTYPE w:document [<!ENTITY secret SYSTEM "{uri}">]>'
    body = "<w:p><w:r><w:t>一、亮点工作</w:t></w:r></w:p><w:p><w:r><w:t>1.甲。&secret;</w:t></w:r></w:p>"
    return _package(tmp_path / "xxe-late.docx", {"word/document.xml": _document(body, prolog)})


def billion_laughs_docx(tmp_path):
    entities = '<!ENTITY lol "lol">' + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    prolog = f"<!DOCTYPE w:document [{entities}]>"
    return _package(tmp_path / "laughs.docx", {"word/document.xml": _document("<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>", prolog)})


def zip_bomb_docx(tmp_path):
    padding = "<w:p/>" * ((docx_package.MAX_PART_BYTES // 6) + 10)
    return _package(tmp_path / "bomb.docx", {"word/document.xml": _document(padding)})


def lying_zip_bomb_docx(tmp_path):
    """A bomb whose zip directory claims a small size: only reading with a cap stops it."""
    path = zip_bomb_docx(tmp_path)
    data = bytearray(path.read_bytes())
    name = b"word/document.xml"
    for signature, size_offset in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        start = 0
        while (start := data.find(signature, start)) >= 0:
            name_offset = 46 if signature == b"PK\x01\x02" else 30
            if data[start + name_offset : start + name_offset + len(name)] == name:
                struct.pack_into("<I", data, start + size_offset, 1000)
            start += 4
    path = tmp_path / "lying-bomb.docx"
    path.write_bytes(bytes(data))
    return path


def no_document_docx(tmp_path):
    return _package(tmp_path / "empty-package.docx", {"word/styles.xml": b"<styles/>"})


def damaged_docx(tmp_path):
    whole = write_typed_docx(GOOD_LINES, tmp_path / "whole.docx")
    data = whole.read_bytes()
    whole.unlink()
    path = tmp_path / "damaged.docx"
    path.write_bytes(data[: len(data) // 2])
    return path


def empty_docx(tmp_path):
    return _package(tmp_path / "empty.docx", {"word/document.xml": _document("<w:p/>")})


def broken_xml_docx(tmp_path):
    return _package(tmp_path / "broken-xml.docx", {"word/document.xml": b"<w:document><w:body><w:p>"})


def _file(name: str, data: bytes):
    """A maker of a file holding ``data``, for the cases where the bytes alone are the point."""

    def make(tmp_path):
        path = tmp_path / name
        path.write_bytes(data)
        return path

    return make


OLE_HEADER = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 512
GOOD_TEXT = "\n".join(GOOD_LINES).encode("utf-8")
BIG5_LINES = ["基層黨建亮點工作及存在問題（一）", "一、亮點工作", "1.黨員管理有待進一步規範。老黨員比較多。"]


def missing_file(tmp_path):
    return tmp_path / "no-such-file.txt"


@pytest.mark.parametrize(
    "make, words",
    [
        (xxe_docx, ["DOCTYPE"]),
        (xxe_after_long_prolog_docx, ["DOCTYPE"]),
        (billion_laughs_docx, ["DOCTYPE"]),
        (zip_bomb_docx, ["word/document.xml", "超过"]),
        (lying_zip_bomb_docx, ["word/document.xml"]),
        (no_document_docx, ["word/document.xml"]),
        (damaged_docx, ["损坏"]),
        (broken_xml_docx, ["损坏"]),
        pytest.param(_file("renamed.docx", OLE_HEADER), [".doc"], id="old_word_renamed_docx"),
        pytest.param(_file("actually-text.docx", GOOD_TEXT), ["不是 Word"], id="text_renamed_docx"),
        pytest.param(_file("old.doc", OLE_HEADER), [".doc", "另存为"], id="old_doc"),
        pytest.param(_file("report.pdf", b"%PDF-1.4\n"), ["PDF"], id="pdf_file"),
        pytest.param(_file("report.xyz", GOOD_TEXT), ["不支持", ".xyz"], id="unknown_extension"),
        pytest.param(
            _file("latin1.txt", "Rapport de la fête annuelle, ça va\n".encode("latin-1")),
            ["编码", "UTF-8"],
            id="undecodable_text",
        ),
        # Big5 decodes as GB18030 without error, into nonsense.
        pytest.param(_file("big5.txt", "\r\n".join(BIG5_LINES).encode("big5")), ["编码", "UTF-8"], id="big5_text"),
        # UTF-16 without its BOM: NULs everywhere.
        pytest.param(_file("binary.txt", "一、亮点工作".encode("utf-16-le")), ["不是文本文件"], id="binary_text"),
        pytest.param(_file("empty.txt", b"\r\n  \r\n"), ["没有文字"], id="empty_text"),
        (empty_docx, ["没有文字"]),
        pytest.param(_file("title-only.txt", GOOD_LINES[0].encode("utf-8")), ["没有找到报告的内容"], id="title_only_text"),
        (missing_file, ["找不到"]),
    ],
    ids=lambda v: v.__name__ if callable(v) else None,
)
def test_an_unreadable_file_is_named_and_the_good_one_still_imported(tmp_path, capsys, make, words):
    bad = make(tmp_path)
    good = write_typed_docx(GOOD_LINES, tmp_path / "good.docx")
    out = tmp_path / "inputs"
    code = main(["import", str(good), str(bad), "--out", str(out)])
    captured = capsys.readouterr()
    assert code == 1
    assert "Traceback" not in captured.err
    assert captured.err.startswith("错误：") and str(bad) in captured.err
    for word in words:
        assert word in captured.err
    assert SECRET not in captured.err + captured.out
    assert sorted(p.name for p in out.iterdir()) == ["good.yaml", "volume.yaml"]  # nothing of the bad file


def test_no_entity_is_ever_expanded_by_the_part_parser(tmp_path):
    uri = _secret_file(tmp_path).as_uri()
    data = _document("<w:p><w:r><w:t>&secret;</w:t></w:r></w:p>", f'<!DOCTYPE w:document [<!ENTITY secret SYSTEM "{uri}">]>')
    # Even where DOCTYPE were let through, the parser itself resolves nothing.
    root = docx_package.etree.fromstring(data, docx_package._safe_parser())
    assert SECRET not in docx_package.etree.tostring(root, encoding=str)


def test_a_hand_made_yaml_of_the_same_name_is_never_overwritten(tmp_path, capsys):
    """No unit can be read from it, so it is no duplicate: the report goes beside it, even with --force."""
    first = write_typed_docx(GOOD_LINES, tmp_path / "甲社区.docx")
    second = write_typed_docx(GOOD_LINES, tmp_path / "乙社区.docx")
    out = tmp_path / "inputs"
    out.mkdir()
    existing = out / "乙社区.yaml"
    existing.write_text("# 我手改过的文件\n", encoding="utf-8")

    assert main(["import", str(first), str(second), "--out", str(out)]) == 0
    printed = capsys.readouterr().out
    assert "乙社区.yaml 不是能读出的报告，没有改动它；这份报告写入 乙社区-2.yaml" in printed
    assert existing.read_text(encoding="utf-8") == "# 我手改过的文件\n"
    assert sorted(p.name for p in out.iterdir()) == ["volume.yaml", "乙社区-2.yaml", "乙社区.yaml", "甲社区.yaml"]

    assert main(["import", str(first), str(second), "--out", str(out), "--force"]) == 0  # the same units again
    assert existing.read_text(encoding="utf-8") == "# 我手改过的文件\n"
    assert sorted(p.name for p in out.iterdir()) == ["volume.yaml", "乙社区-2.yaml", "乙社区.yaml", "甲社区.yaml"]


def test_an_existing_volume_yaml_is_left_alone_when_single_reports_are_imported(tmp_path, capsys):
    out = tmp_path / "inputs"
    out.mkdir()
    settings = out / "volume.yaml"
    settings.write_text("series_title: 我的汇编\n", encoding="utf-8")
    report = write_typed_docx(GOOD_LINES, tmp_path / "丙社区.docx")
    assert main(["import", str(report), "--out", str(out)]) == 0
    assert settings.read_text(encoding="utf-8") == "series_title: 我的汇编\n"
    assert "没有改动" in capsys.readouterr().out
