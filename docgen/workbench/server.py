"""``docgen serve``: the workbench on 127.0.0.1, opened in the default browser.

The first line printed is the address to open, with the token; Ctrl-C stops the
server, lets running work give up cleanly (``jobs``) and ends with exit code 0.
The socket is bound here, to the loopback address only, before the server
starts, so that the address is known (and printed) at once, even for port 0.
"""

from __future__ import annotations

import logging
import os
import secrets
import socket
import sys
import threading
import webbrowser
from pathlib import Path

import uvicorn

from .. import api
from .app import make_app
from .guard import TOKEN_PARAMETER
from .web import Bench

HOST = "127.0.0.1"
DEFAULT_PORT = 8765  # another free one when it is taken, unless --port asked for it


def serve(inputs: Path, out: Path, port: int | None = None, open_browser: bool = True) -> int:
    if not inputs.is_dir():
        raise api.InputError(f"找不到输入文件夹“{inputs}”：新建一个用 docgen init {inputs}，或用 --inputs 写出放报告的文件夹")
    listening = _listen(port)
    token = secrets.token_urlsafe(32)
    bound = listening.getsockname()[1]
    address = f"http://{HOST}:{bound}/?{TOKEN_PARAMETER}={token}"
    bench = Bench(inputs, out)
    server = uvicorn.Server(uvicorn.Config(make_app(bench, token, bound), log_config=None, access_log=False, lifespan="off"))
    _quiet_server_logs()
    print(address, flush=True)
    print(f"docgen 工作台已启动（输入文件夹 {inputs}，输出文件夹 {out}）。", flush=True)
    print("浏览器没有自动打开时，把上面的地址复制到浏览器里打开。用完后按 Ctrl+C 停止。", flush=True)
    if open_browser and _has_a_desktop():
        threading.Thread(target=webbrowser.open, args=(address,), daemon=True).start()
    try:
        server.run(sockets=[listening])
    except KeyboardInterrupt:  # uvicorn raises Ctrl-C again once it has shut down
        pass
    finally:
        if bench.jobs.running():
            print("正在停止进行中的工作（输出文件夹保持原样）……", flush=True)
        bench.jobs.stop()
        listening.close()
    print("工作台已停止。", flush=True)
    return 0


def _has_a_desktop() -> bool:
    """Whether a browser can open a window here: on Linux without a display, Python's
    webbrowser would start a text browser in this very console instead."""
    if sys.platform.startswith("linux"):
        return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))
    return True


def _listen(port: int | None) -> socket.socket:
    """A socket listening on the loopback address: on ``port``, or where none was asked
    for on DEFAULT_PORT, or any free port when that one is taken."""
    if port is not None:
        try:
            return _bound(port)
        except OSError as error:
            raise api.EnvironmentProblem(
                f"无法使用端口 {port}（{error.strerror or error}）：可能已经有一个工作台或别的程序在用它。"
                "换一个端口（如 --port 8766），或不写 --port 让 docgen 自己找一个"
            ) from None
    try:
        return _bound(DEFAULT_PORT)
    except OSError:
        return _bound(0)


def _bound(port: int) -> socket.socket:
    listening = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        if sys.platform == "win32":  # no other program may take the port from under us
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_EXCLUSIVEADDRUSE, 1)
        else:  # a workbench just stopped leaves the port waiting: take it again at once
            listening.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listening.bind((HOST, port))
        listening.listen(64)
    except OSError:
        listening.close()
        raise
    return listening


def _quiet_server_logs() -> None:
    """uvicorn's own log lines (English, and a traceback for a fault) are not for this console:
    the pages say what went wrong, in Chinese."""
    for name in ("uvicorn", "uvicorn.error", "uvicorn.access"):
        logger = logging.getLogger(name)
        logger.handlers = [logging.NullHandler()]
        logger.propagate = False
