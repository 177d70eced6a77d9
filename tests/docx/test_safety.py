"""The safety nets stay in place: templates in jinja2's sandbox, XML parsed without entities.

Each test fails if the net is removed: with a plain jinja2 Environment the
template payload runs a shell command; with entity resolution on, a local
file's content ends up in the output.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx
import pytest

from docgen.cli.commands import main
from docgen.docx.template_builder import TEMPLATE_PATH

REPORT = """\
unit: 测试社区
sections:
  - heading: 亮点工作
    items:
      - title: 第一条。
"""


def _inputs(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "测试社区.yaml").write_text(REPORT, encoding="utf-8")
    return folder


def _build(capsys, folder: Path, out: Path) -> tuple[int, str]:
    code = main(["build", "--inputs", str(folder), "--out", str(out)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    return code, captured.out + captured.err


def _template_with_paragraph(folder: Path, text: str) -> None:
    template = docx.Document(str(TEMPLATE_PATH))
    template.add_paragraph(text)
    template.save(str(folder / "template.docx"))


@pytest.mark.parametrize(
    "payload",
    [
        "{{ cycler.__init__.__globals__.os.system('touch MARKER') }}",
        "{{ joiner.__init__.__globals__.os.popen('touch MARKER').read() }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ unit.__class__.__base__.__subclasses__() }}",
        "{% set x = namespace.__init__.__globals__ %}{{ x.os.system('touch MARKER') }}",
    ],
)
def test_a_template_cannot_reach_python(tmp_path, capsys, payload):
    folder, marker = _inputs(tmp_path), tmp_path / "executed"
    _template_with_paragraph(folder, payload.replace("MARKER", str(marker)))
    code, output = _build(capsys, folder, tmp_path / "out")
    assert code == 1
    assert "template.docx" in output
    assert not marker.exists()
    assert not (tmp_path / "out").exists()


def _with_document_xml(change) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(TEMPLATE_PATH) as src, zipfile.ZipFile(out, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            dst.writestr(info, change(data.decode("utf-8")).encode("utf-8") if info.filename == "word/document.xml" else data)
    return out.getvalue()


def _entity_template(declarations: str, reference: str) -> bytes:
    def change(xml: str) -> str:
        declaration_end = xml.index("?>") + 2
        paragraph = f"<w:p><w:r><w:t>{reference}</w:t></w:r></w:p>"
        xml = xml[:declaration_end] + f"<!DOCTYPE w:document [{declarations}]>" + xml[declaration_end:]
        return xml.replace("<w:body>", "<w:body>" + paragraph, 1)

    return _with_document_xml(change)


@pytest.mark.parametrize("kind", ["external-file", "expansion"])
def test_a_template_with_xml_entities_reads_no_local_file_and_expands_nothing(tmp_path, capsys, kind):
    secret = tmp_path / "secret.txt"
    secret.write_text("SECRET-CONTENT-1234", encoding="utf-8")
    if kind == "external-file":
        template = _entity_template(f'<!ENTITY xxe SYSTEM "file://{secret}">', "&xxe;")
    else:
        laughs = '<!ENTITY l0 "SECRET-CONTENT-1234">' + "".join(
            f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' for i in range(1, 9)
        )
        template = _entity_template(laughs, "&l8;")
    folder = _inputs(tmp_path)
    (folder / "template.docx").write_bytes(template)
    out = tmp_path / "out"
    code, output = _build(capsys, folder, out)
    assert "SECRET-CONTENT-1234" not in output
    if code == 0:  # the entity left as it was, or dropped: either way nothing was read or expanded
        for path in out.glob("*.docx"):
            with zipfile.ZipFile(path) as package:
                for name in package.namelist():
                    assert b"SECRET-CONTENT-1234" not in package.read(name)
    else:
        assert code == 1 and "template.docx" in output
