"""The real LibreOffice, run as docgen runs it: it fetches nothing a document links to
(a picture, a paragraph's background, a section, a .doc's INCLUDEPICTURE), and it never
outlives docgen, even when docgen is killed outright while LibreOffice is converting."""

from __future__ import annotations

import http.server
import os
import signal
import subprocess
import sys
import threading
import time
import zipfile
from pathlib import Path

import pytest

from docgen.cli.commands import main
from docgen.inputs.yaml_reader import read_report
from docgen.office.instances import convert
from docgen.office.soffice import find_soffice
from support.processes import processes_mentioning
from support.write_helpers import docgen_env

pytestmark = [
    pytest.mark.office,
    pytest.mark.skipif(find_soffice() is None, reason="LibreOffice (soffice) is not installed"),
]

DEADLINE = 120.0  # for what takes LibreOffice a few seconds; only a failure waits this long
ODF = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "svg": "urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
}


class _Recorder(http.server.BaseHTTPRequestHandler):
    """Writes down every request it gets, whatever the method, and answers 404."""

    def _any(self):
        self.server.requests.append(f"{self.command} {self.path}")
        self.send_response(404)
        self.end_headers()

    do_GET = do_HEAD = do_OPTIONS = do_PROPFIND = do_POST = do_PUT = do_CONNECT = _any

    def log_message(self, *args):
        pass


@pytest.fixture
def server():
    """An HTTP server on this machine that records the requests it gets; its address."""
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    httpd.requests = []
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield httpd, f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()
    thread.join()


def _odt(path: Path, unit: str, body: str = "", styles: str = "", paragraphs: int = 1) -> Path:
    """A small report as an OpenDocument text, with ``body`` (ODF markup) after its first heading."""
    lines = ["基层党建亮点工作及存在问题（一）", unit, "一、亮点工作"]
    items = [f"{n}.党员教育扎实开展。组织学习{n}次，覆盖全体党员。" for n in range(1, paragraphs + 1)]
    rest = ["二、存在问题", "1.活动阵地不足。现有场地只能容纳二十人。"]
    text = "".join(f"<text:p>{line}</text:p>" for line in lines) + body
    text += "".join(f"<text:p>{line}</text:p>" for line in items + rest)
    names = " ".join(f'xmlns:{prefix}="{uri}"' for prefix, uri in ODF.items())
    content = (
        f'<?xml version="1.0" encoding="UTF-8"?><office:document-content {names} office:version="1.2">'
        f"<office:automatic-styles>{styles}</office:automatic-styles>"
        f"<office:body><office:text>{text}</office:text></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest '
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>'
    )
    with zipfile.ZipFile(path, "w") as package:
        package.writestr(zipfile.ZipInfo("mimetype"), "application/vnd.oasis.opendocument.text")
        package.writestr("META-INF/manifest.xml", manifest, zipfile.ZIP_DEFLATED)
        package.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
    return path


def _linked_picture(address: str) -> str:
    return (
        '<text:p><draw:frame draw:name="照片" svg:width="2cm" svg:height="2cm">'
        f'<draw:image xlink:href="{address}" xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
        "</draw:frame></text:p>"
    )


def _units(folder: Path) -> set[str]:
    return {read_report(path)[0].unit for path in folder.glob("*.yaml") if path.name != "volume.yaml"}


def test_importing_files_that_link_to_an_address_fetches_nothing(server, tmp_path, capsys):
    httpd, address = server
    sent, made = tmp_path / "收到的报告", tmp_path / "made"
    sent.mkdir()
    made.mkdir()
    _odt(sent / "甲社区.odt", "甲社区党委", _linked_picture(f"{address}/picture.png"))
    background = (
        '<style:style style:name="P9" style:family="paragraph"><style:paragraph-properties>'
        f'<style:background-image xlink:href="{address}/background.png" xlink:type="simple" xlink:actuate="onLoad"/>'
        "</style:paragraph-properties></style:style>"
    )
    section = f'<text:section text:name="链接"><text:section-source xlink:href="{address}/section.odt"/><text:p>旧内容</text:p></text:section>'
    _odt(sent / "乙社区.odt", "乙社区党委", '<text:p text:style-name="P9">背景</text:p>' + section, background)
    # a Word 97 file whose picture is an INCLUDEPICTURE field: LibreOffice saves the linked picture so
    [doc] = convert([_odt(made / "丙社区.odt", "丙社区党委", _linked_picture(f"{address}/doc-picture.png"))], made, "doc:MS Word 97", ".doc")
    assert f"{address}/doc-picture.png".encode() in doc.read_bytes()
    doc.rename(sent / "丙社区.doc")
    assert httpd.requests == []

    assert main(["import", str(sent), "--out", str(tmp_path / "inputs")]) == 0, capsys.readouterr().err

    assert httpd.requests == []
    assert _units(tmp_path / "inputs") == {"甲社区", "乙社区", "丙社区"}  # each 党委 filed under its 社区


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="processes are found through /proc")
def test_docgen_killed_while_libreoffice_converts_leaves_no_libreoffice_and_no_copies(tmp_path):
    temporary, sent = tmp_path / "tmp", tmp_path / "收到的报告"
    temporary.mkdir()
    sent.mkdir()
    _odt(sent / "甲社区.odt", "甲社区党委", paragraphs=3000)  # long enough for LibreOffice to be seen at work
    env = {**docgen_env(), "TMPDIR": str(temporary)}
    command = [sys.executable, "-m", "docgen", "import", str(sent), "--out", str(tmp_path / "inputs")]
    docgen = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + DEADLINE
        while not processes_mentioning("soffice.bin", str(temporary)):
            assert docgen.poll() is None, "docgen ended before LibreOffice was seen converting"
            assert time.monotonic() < deadline, "LibreOffice never started"
            time.sleep(0.01)
        docgen.send_signal(signal.SIGKILL)
        docgen.wait()
        [copies] = [temporary / name for name in os.listdir(temporary) if name.startswith(f"docgen-import-{docgen.pid}-")]

        deadline = time.monotonic() + DEADLINE
        while processes_mentioning(str(temporary)):
            assert time.monotonic() < deadline, "LibreOffice runs on after docgen was killed"
            time.sleep(0.05)
        # ended, not finished: left alone it would have saved its .docx of the report
        assert (copies / "document1.odt").is_file() and not (copies / "converted" / "document1.docx").exists()
    finally:
        for pid in processes_mentioning(str(temporary)):
            os.kill(pid, signal.SIGKILL)
        if docgen.poll() is None:
            docgen.kill()
            docgen.wait()

    subprocess.run([sys.executable, "-m", "docgen", "new", "乙社区", "--inputs", str(tmp_path / "next")], env=env, check=True, capture_output=True)
    assert [name for name in os.listdir(temporary) if name.startswith("docgen-")] == []
