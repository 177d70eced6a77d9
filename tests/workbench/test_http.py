"""``docgen serve`` as the network sees it: its address first, loopback only, the token,
the Host and Origin checks, the upload caps, no path out of its folders, a clean Ctrl-C
and never a traceback. Plain HTTP requests to the real server, in a process of its own."""

from __future__ import annotations

import socket
import sys
from pathlib import Path
from urllib.parse import quote, urlencode

import pytest

from support.paths import SAMPLE_INPUTS
from support.workbench_server import start

CHINESE = "拒绝访问"


@pytest.fixture
def bench(sample_inputs, tmp_path):
    started = start(sample_inputs, tmp_path / "outputs")
    yield started
    if started.process.poll() is None:
        started.stop()


def _multipart(files: list[tuple[str, bytes]], field: str = "files") -> tuple[bytes, str]:
    boundary = "docgenboundary7d1f"
    parts = []
    for name, data in files:
        head = f'--{boundary}\r\nContent-Disposition: form-data; name="{field}"; filename="{name}"\r\nContent-Type: application/octet-stream\r\n\r\n'
        parts.append(head.encode("utf-8") + data + b"\r\n")
    return b"".join(parts) + f"--{boundary}--\r\n".encode(), f"multipart/form-data; boundary={boundary}"


def test_the_address_with_its_token_is_the_first_line_and_ctrl_c_ends_cleanly(bench):
    assert bench.address.startswith(f"http://127.0.0.1:{bench.port}/?token=")
    assert len(bench.token) >= 32
    assert bench.request("GET", "/", headers={"Cookie": bench.cookie()}).status == 200
    assert bench.stop() == 0
    assert "工作台已停止。" in bench.lines
    assert not any("Traceback" in line for line in bench.lines + bench.errors)


def test_a_request_without_the_token_is_refused_in_chinese(bench):
    for path in ["/", "/build", "/static/htmx.min.js", "/report/示例单位01.yaml", "/files/基层党建亮点工作及存在问题.docx"]:
        answer = bench.request("GET", quote(path, safe="/"))
        assert answer.status == 403 and CHINESE in answer.text and "token" in answer.text
    wrong = bench.request("GET", "/", headers={"Cookie": f"docgen_workbench_{bench.port}=not-the-token"})
    assert wrong.status == 403
    assert bench.request("GET", "/?token=wrong").status == 403


def test_the_token_is_kept_in_a_cookie_and_taken_out_of_the_address(bench):
    answer = bench.request("GET", "/?token=" + bench.token)
    assert answer.status == 303 and answer.headers["location"] == "/"
    cookie = answer.headers["set-cookie"]
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    page = bench.request("GET", "/", headers={"Cookie": cookie.split(";", 1)[0]})
    assert page.status == 200 and "示例单位01" in page.text
    assert "frame-ancestors 'none'" in page.headers["content-security-policy"]


def test_a_foreign_host_header_is_refused_even_with_the_token(bench):
    cookie = bench.cookie()
    for host in ["evil.example", f"evil.example:{bench.port}", f"127.0.0.1:{bench.port + 1}", "127.0.0.1"]:
        answer = bench.request("GET", "/", headers={"Cookie": cookie}, host=host)
        assert answer.status == 403 and CHINESE in answer.text, host
    assert bench.request("GET", "/?token=" + bench.token, host="rebound.example").status == 403
    assert bench.request("GET", "/", headers={"Cookie": cookie}, host=f"localhost:{bench.port}").status == 200


def test_a_change_from_another_origin_is_refused_and_nothing_is_written(bench):
    cookie = bench.cookie()
    settings = (bench.inputs / "volume.yaml").read_bytes()
    body = urlencode({"unit": "示例单位02", "move": "up"}).encode()
    form = {"Cookie": cookie, "Content-Type": "application/x-www-form-urlencoded"}
    for extra in [{}, {"Origin": "http://evil.example"}, {"Origin": "null"}, {"Referer": "http://evil.example/page"}]:
        answer = bench.request("POST", "/order", body, {**form, **extra})
        assert answer.status == 403 and CHINESE in answer.text, extra
    assert (bench.inputs / "volume.yaml").read_bytes() == settings
    moved = bench.request("POST", "/order", body, {**form, "Origin": bench.origin})
    assert moved.status == 200
    order = (bench.inputs / "volume.yaml").read_text(encoding="utf-8")
    assert order.index("示例单位02") < order.index("示例单位01")


def test_a_get_changes_nothing(bench):
    cookie = bench.cookie()
    for path in ["/order", "/new", "/import", "/settings"]:
        assert bench.request("GET", path, headers={"Cookie": cookie}).status == 405


def test_no_path_from_a_request_leaves_the_folders(bench, tmp_path):
    cookie = {"Cookie": bench.cookie()}
    secret = tmp_path / "secret.docx"
    secret.write_bytes(b"not for the browser")
    bench.out.mkdir()
    (bench.out / "link.docx").symlink_to(secret)
    for path in [
        "/files/../secret.docx",
        "/files/%2E%2E/secret.docx",
        "/files/link.docx",
        f"/files/{quote(str(secret))}",
        "/files/.docgen-manifest.json",
        "/files/preview/../../secret.docx",
        "/report/..%2Fvolume.yaml",
        "/report/%2E%2E",
        f"/report/{quote(str(secret))}",
    ]:
        answer = bench.request("GET", path, headers=cookie)
        assert answer.status in (403, 404), path
        assert b"not for the browser" not in answer.body
    assert bench.request("GET", "/report/volume.yaml", headers=cookie).status == 404  # the settings are no report


def test_uploads_are_capped_in_count_and_size(bench):
    headers = {"Cookie": bench.cookie(), "Origin": bench.origin}
    body, content_type = _multipart([(f"{n}.txt", b"x") for n in range(51)])
    answer = bench.request("POST", "/import", body, {**headers, "Content-Type": content_type})
    assert "一次最多导入 50 个文件" in answer.text
    huge = bench.request("POST", "/import", b"", {**headers, "Content-Type": content_type, "Content-Length": str(300 * 1024 * 1024)})
    assert "合计不能超过 200 MB" in huge.text
    assert sorted(p.name for p in bench.inputs.iterdir()) == sorted(p.name for p in SAMPLE_INPUTS.iterdir())


def test_an_upload_is_read_through_imports_own_checks(bench):
    headers = {"Cookie": bench.cookie(), "Origin": bench.origin}
    body, content_type = _multipart([("../../逃出去.txt", b"Hello, this is a letter in English only.\n"), ("报告.pdf", b"%PDF-1.4\n")])
    answer = bench.request("POST", "/import", body, {**headers, "Content-Type": content_type})
    assert answer.status == 200
    assert 'data-file="逃出去.txt"' in answer.text and 'data-file="报告.pdf"' in answer.text
    assert "不能导入 PDF 文件" in answer.text  # the reader's own refusal
    assert answer.text.count('data-result="refused"') == 2
    assert not (bench.inputs.parent.parent / "逃出去.txt").exists()


def test_the_server_listens_on_the_loopback_address_only(bench):
    listening = _listening_addresses(bench.port)
    if listening is not None:
        assert listening == ["127.0.0.1"]
    outside = _an_address_of_this_machine()
    if outside is None:
        pytest.skip("this machine has no address but the loopback one")
    with pytest.raises(OSError):
        socket.create_connection((outside, bench.port), timeout=5).close()


def _listening_addresses(port: int) -> list[str] | None:
    """The local addresses with a socket listening on ``port`` (Linux's /proc), or None."""
    table = Path("/proc/net/tcp")
    if not sys.platform.startswith("linux") or not table.exists():
        return None
    found = []
    for line in table.read_text().splitlines()[1:]:
        local, state = line.split()[1], line.split()[3]
        address, hex_port = local.split(":")
        if int(hex_port, 16) == port and state == "0A":  # LISTEN
            found.append(socket.inet_ntoa(bytes.fromhex(address)[::-1]))
    six = Path("/proc/net/tcp6")
    if six.exists():
        found += ["::" for line in six.read_text().splitlines()[1:] if int(line.split()[1].split(":")[1], 16) == port and line.split()[3] == "0A"]
    return found


def _an_address_of_this_machine() -> str | None:
    """An address of this machine other than the loopback one (no packet is sent)."""
    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("10.255.255.255", 1))
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") else address


def test_a_port_already_taken_is_said_in_chinese(sample_inputs, tmp_path):
    import subprocess

    taken = socket.socket()
    taken.bind(("127.0.0.1", 0))
    taken.listen()
    try:
        port = taken.getsockname()[1]
        done = subprocess.run(
            [sys.executable, "-m", "docgen", "serve", "--inputs", str(sample_inputs), "--no-browser", "--port", str(port)],
            capture_output=True, text=True, encoding="utf-8", timeout=60,
        )
    finally:
        taken.close()
    assert done.returncode == 1
    assert f"无法使用端口 {port}" in done.stderr and "Traceback" not in done.stderr


def test_a_missing_inputs_folder_is_said_before_anything_starts(tmp_path):
    import subprocess

    done = subprocess.run(
        [sys.executable, "-m", "docgen", "serve", "--inputs", str(tmp_path / "没有"), "--no-browser"],
        capture_output=True, text=True, encoding="utf-8", timeout=60,
    )
    assert done.returncode == 1 and "找不到输入文件夹" in done.stderr and "docgen init" in done.stderr
    assert done.stdout == ""


def test_a_report_imported_before_is_refused_unless_replacing_is_ticked(bench):
    headers = {"Cookie": bench.cookie(), "Origin": bench.origin}
    report = "东湖社区基层党建亮点工作及存在问题\n一、亮点工作\n1.阵地建设成效明显。今年以来……\n二、存在问题\n1.党员管理有待规范。\n"
    body, content_type = _multipart([("东湖社区.txt", report.encode("utf-8"))])
    first = bench.request("POST", "/import", body, {**headers, "Content-Type": content_type})
    assert 'data-result="imported"' in first.text and (bench.inputs / "东湖社区.yaml").exists()
    again = bench.request("POST", "/import", body, {**headers, "Content-Type": content_type})
    assert 'data-result="refused"' in again.text and "重复：这个单位的报告已经导入过" in again.text
    assert "勾选“用新文件替换已经导入过的同一单位的报告”" in again.text and "--force" not in again.text
    changed = report.replace("阵地建设成效明显", "阵地建设成效显著").encode("utf-8")
    replacing, content_type = _multipart([("东湖社区.txt", changed)])
    replacing = replacing.replace(b"--docgenboundary7d1f--", b'--docgenboundary7d1f\r\nContent-Disposition: form-data; name="replace"\r\n\r\non\r\n--docgenboundary7d1f--')
    replaced = bench.request("POST", "/import", replacing, {**headers, "Content-Type": content_type})
    assert 'data-result="imported"' in replaced.text and "替换 东湖社区.yaml" in replaced.text
    assert "阵地建设成效显著" in (bench.inputs / "东湖社区.yaml").read_text(encoding="utf-8")
