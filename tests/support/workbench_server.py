"""``docgen serve`` run as a user runs it, in a process of its own, for the workbench tests:
its first line read for the address, plain HTTP requests sent to it with any headers,
and Ctrl-C (SIGINT) to stop it, its whole output kept for the test to look at."""

from __future__ import annotations

import http.client
import os
import signal
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parents[2]  # docgen from this checkout, wherever the server runs
START_SECONDS = 60  # the interpreter, Starlette and docgen imported on a machine shared by many


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes

    @property
    def text(self) -> str:
        return self.body.decode("utf-8", "replace")


@dataclass
class Workbench:
    process: subprocess.Popen
    address: str  # the first line printed: http://127.0.0.1:PORT/?token=…
    inputs: Path
    out: Path
    lines: list[str] = field(default_factory=list)  # stdout after the first line
    errors: list[str] = field(default_factory=list)  # stderr

    @property
    def port(self) -> int:
        return urlsplit(self.address).port

    @property
    def token(self) -> str:
        return urlsplit(self.address).query.split("=", 1)[1]

    @property
    def origin(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def request(self, method: str, path: str, body: bytes = b"", headers: dict[str, str] | None = None, host: str | None = None) -> Answer:
        """One request, its headers as given (Host too: http.client would send its own)."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        try:
            connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
            connection.putheader("Host", host or f"127.0.0.1:{self.port}")
            for name, value in (headers or {}).items():
                connection.putheader(name, value)
            if (body or method == "POST") and "Content-Length" not in (headers or {}):
                connection.putheader("Content-Length", str(len(body)))
            connection.endheaders(body or None)
            response = connection.getresponse()
            return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, response.read())
        finally:
            connection.close()

    def cookie(self) -> str:
        """The cookie the address with the token sets, as a Cookie header."""
        answer = self.request("GET", "/?token=" + self.token)
        return answer.headers["set-cookie"].split(";", 1)[0]

    def stop(self) -> int:
        """Ctrl-C, as a user stops it; the exit code, with all it printed kept."""
        self.process.send_signal(signal.SIGINT)
        out, err = self.process.communicate(timeout=START_SECONDS)
        self.lines += out.splitlines()
        self.errors += err.splitlines()
        return self.process.returncode


def start(inputs: Path, out: Path, *extra: str, cwd: Path | None = None) -> Workbench:
    """``docgen serve --no-browser --port 0`` over ``inputs`` and ``out``, once it has printed its
    address; run in ``cwd`` (the folders named relative to it, as 打开工作台.bat names them) where given."""
    env = {**os.environ, "PYTHONUNBUFFERED": "1", "PYTHONPATH": str(ROOT)}
    env.pop("DOCGEN_DEBUG", None)
    named = [os.path.relpath(folder, cwd) if cwd else str(folder) for folder in (inputs, out)]
    command = [sys.executable, "-m", "docgen", "serve", "--inputs", named[0], "--out", named[1], "--no-browser", "--port", "0", *extra]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env, cwd=cwd)
    first = _first_line(process)
    if not first.startswith("http://"):
        out_text, err_text = process.communicate(timeout=START_SECONDS)
        raise AssertionError(f"docgen serve did not print its address first: {first!r}\n{out_text}\n{err_text}")
    return Workbench(process, first.strip(), inputs, out)


def _first_line(process: subprocess.Popen) -> str:
    line: list[str] = []
    reader = threading.Thread(target=lambda: line.append(process.stdout.readline()), daemon=True)
    reader.start()
    reader.join(START_SECONDS)
    if not line:
        process.kill()
        raise AssertionError("docgen serve printed nothing")
    return line[0]
