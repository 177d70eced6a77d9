"""A template.docx that points outside itself (a remote attached template, a linked
picture): every volume made with it would make Word fetch that address when opened,
so it is refused, the file and the link named, and nothing written."""

from __future__ import annotations

import zipfile

import pytest

from docgen.cli.commands import main
from docgen.docx.template_builder import TEMPLATE_PATH
from support.template_parts import template_package_with

RELATIONSHIPS = "http://schemas.openxmlformats.org/package/2006/relationships"
KINDS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REMOTE = "http://203.0.113.9/share/normal.dotm"


def _relationships(*relationships: str) -> str:
    return f'<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="{RELATIONSHIPS}">{"".join(relationships)}</Relationships>'


def _settings_with_attached_template() -> dict[str, str]:
    """settings.xml naming an attached template on a server, as Word saves one."""
    with zipfile.ZipFile(TEMPLATE_PATH) as package:
        settings = package.read("word/settings.xml").decode("utf-8")
    assert f'xmlns:r="{KINDS}"' in settings
    opening_end = settings.index(">", settings.index("<w:settings")) + 1
    return {
        "word/settings.xml": settings[:opening_end] + '<w:attachedTemplate r:id="rIdRemote"/>' + settings[opening_end:],
        "word/_rels/settings.xml.rels": _relationships(
            f'<Relationship Id="rIdRemote" Type="{KINDS}/attachedTemplate" Target="{REMOTE}" TargetMode="External"/>'
        ),
    }


def _build(inputs, out, capsys) -> tuple[int, str]:
    code = main(["build", "--inputs", str(inputs), "--out", str(out)])
    return code, capsys.readouterr().err


def test_a_template_attached_to_a_remote_template_is_refused_and_named(sample_inputs, tmp_path, capsys):
    (sample_inputs / "template.docx").write_bytes(template_package_with(_settings_with_attached_template()))

    code, err = _build(sample_inputs, tmp_path / "out", capsys)

    assert code == 1 and "Traceback" not in err
    assert str(sample_inputs / "template.docx") in err
    assert "附加的模板" in err and REMOTE in err and "已拒绝使用" in err
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize(
    "kind, target, named",
    [
        ("image", "http://203.0.113.9/logo.png", "链接的图片"),
        ("image", "file://fileserver/share/logo.png", "链接的图片"),  # a UNC path: Windows would send its password
        ("hyperlink", "https://example.org/", "超链接"),
        ("oleObject", "file:///C:/data/sheet.xlsx", "链接的对象"),
    ],
)
def test_any_relationship_pointing_outside_the_template_is_refused(sample_inputs, tmp_path, capsys, kind, target, named):
    links = _relationships(f'<Relationship Id="rIdOut" Type="{KINDS}/{kind}" Target="{target}" TargetMode="External"/>')
    (sample_inputs / "template.docx").write_bytes(template_package_with({"word/_rels/header9.xml.rels": links}))

    code, err = _build(sample_inputs, tmp_path / "out", capsys)

    assert code == 1 and "Traceback" not in err
    assert "template.docx" in err and named in err and target in err


def test_a_template_whose_relationships_are_all_inside_it_is_used(sample_inputs, tmp_path, capsys):
    inside = _relationships(f'<Relationship Id="rIdIn" Type="{KINDS}/image" Target="media/image9.png"/>')
    (sample_inputs / "template.docx").write_bytes(template_package_with({"word/_rels/header9.xml.rels": inside}))

    code, err = _build(sample_inputs, tmp_path / "out", capsys)

    assert code == 0, err
