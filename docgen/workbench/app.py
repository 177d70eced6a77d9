"""The workbench as an ASGI application (Starlette): its pages, the guard before them,
and an answer in Chinese, never a traceback, for whatever goes wrong."""

from __future__ import annotations

import os
import sys
import traceback

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from . import home, outputs, report
from .guard import Guard
from .web import HERE, Bench, render

_STATUS_TEXT = {404: "没有这个页面。", 405: "这个地址不能这样访问。"}


def make_app(bench: Bench, token: str, port: int) -> Starlette:
    routes = [
        Route("/", home.page),
        Route("/order", home.move, methods=["POST"]),
        Route("/new", home.new, methods=["POST"]),
        Route("/settings", home.save_settings, methods=["POST"]),
        Route("/import", home.upload, methods=["POST"]),
        Route("/report/{name}", report.page),
        Route("/report/{name}/edit", report.edit, methods=["POST"]),
        Route("/report/{name}/save", report.save, methods=["POST"]),
        Route("/report/{name}/text", report.save_text, methods=["POST"]),
        Route("/preview", outputs.preview_page),
        Route("/preview/render", outputs.render_images, methods=["POST"]),
        Route("/build", outputs.build_page),
        Route("/build", outputs.build, methods=["POST"]),
        Route("/job", outputs.job_status),
        Route("/files/{name:path}", outputs.download),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    app = Starlette(
        routes=routes,
        middleware=[Middleware(Guard, token=token, port=port), Middleware(Contained)],
        exception_handlers={HTTPException: _http_error},
    )
    app.state.bench = bench
    return app


async def _http_error(request: Request, error: HTTPException) -> Response:
    message = _STATUS_TEXT.get(error.status_code, "请求无法处理。")
    return render(request, "message.html", error.status_code, title="出错了", message=message)


class Contained:
    """docgen's own fault, whatever the page: said in one line, as the command line says it,
    with the details only under DOCGEN_DEBUG; never a traceback on the console."""

    def __init__(self, app: ASGIApp):
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        started = False

        async def sending(message: Message) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, receive, sending)
        except Exception as error:
            if os.environ.get("DOCGEN_DEBUG"):
                traceback.print_exception(error, file=sys.stderr)
            if not started:
                message = f"程序内部出错（{type(error).__name__}: {error}）。设置环境变量 DOCGEN_DEBUG=1 再启动工作台可看到详细信息。"
                await render(Request(scope), "message.html", 500, title="程序内部出错", message=message)(scope, receive, send)
