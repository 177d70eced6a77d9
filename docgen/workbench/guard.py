"""Who may use the workbench: only the browser it was opened in, on this machine.

Every request passes here first (an ASGI middleware):

- the Host header must name this server on the loopback address (127.0.0.1 or
  localhost, with its port): a web page on a name that resolves to 127.0.0.1
  (DNS rebinding) sends its own name, and is refused;
- it must carry the token: the address ``docgen serve`` opens holds it once,
  ``?token=…``, which is then kept in a cookie (HttpOnly, SameSite=Strict) and
  taken out of the address; a request with neither is refused;
- a request that changes anything (any method but GET and HEAD) must come from
  a page of this server (its Origin, or where there is none its Referer);
- every answer forbids framing and scripts from elsewhere.

Refusals are 403 with a page in Chinese that says what to do.
"""

from __future__ import annotations

import secrets
from urllib.parse import parse_qsl, urlencode, urlsplit

from starlette.datastructures import MutableHeaders
from starlette.requests import cookie_parser
from starlette.responses import HTMLResponse, RedirectResponse
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_PARAMETER = "token"
_SAFE_METHODS = {"GET", "HEAD"}
SECURITY_HEADERS = {
    # Inline styles place the preview's lines on their grid; scripts only from this server.
    "content-security-policy": "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
    "x-frame-options": "DENY",
    "x-content-type-options": "nosniff",
    "referrer-policy": "same-origin",
    "cache-control": "no-store",
}

REFUSED_HOST = "拒绝访问：这个地址不是本机的 docgen 工作台。请用 docgen serve 启动时显示的地址（http://127.0.0.1:…）打开。"
REFUSED_TOKEN = "拒绝访问：缺少工作台的口令。请用 docgen serve 启动时显示的完整地址（含 ?token=…）打开工作台。"
REFUSED_ORIGIN = "拒绝访问：这个请求不是从工作台本身的页面发出的，没有执行。请在工作台的页面上操作。"


class Guard:
    def __init__(self, app: ASGIApp, token: str, port: int):
        self.app = app
        self.token = token
        self.cookie = f"docgen_workbench_{port}"  # cookies ignore ports: two workbenches keep theirs apart
        self.hosts = {f"127.0.0.1:{port}", f"localhost:{port}"}
        self.origins = {f"http://{host}" for host in self.hosts}

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":  # no websockets, no lifespan: nothing but pages is served
            return
        headers = _headers(scope)
        refusal = self._refusal(scope, headers)
        if refusal:
            await _refused(refusal)(scope, receive, send)
            return
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if TOKEN_PARAMETER in query:
            await self._welcome(scope, query)(scope, receive, send)
            return
        await self.app(scope, receive, _with_security_headers(send))

    def _refusal(self, scope: Scope, headers: dict[str, str]) -> str | None:
        if headers.get("host", "") not in self.hosts:
            return REFUSED_HOST
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        if not (self._is_token(query.get(TOKEN_PARAMETER)) or self._is_token(_cookie(headers, self.cookie))):
            return REFUSED_TOKEN
        if scope["method"] not in _SAFE_METHODS and not self._same_origin(headers):
            return REFUSED_ORIGIN
        return None

    def _is_token(self, given: str | None) -> bool:
        return given is not None and secrets.compare_digest(given.encode("utf-8", "replace"), self.token.encode())

    def _same_origin(self, headers: dict[str, str]) -> bool:
        origin = headers.get("origin")
        if origin is not None:
            return origin in self.origins
        referer = urlsplit(headers.get("referer", ""))
        return f"{referer.scheme}://{referer.netloc}" in self.origins

    def _welcome(self, scope: Scope, query: dict[str, str]) -> RedirectResponse:
        """The token kept in a cookie, and the same page without it in the address."""
        del query[TOKEN_PARAMETER]
        target = scope["path"] + (f"?{urlencode(query)}" if query else "")
        response = RedirectResponse(target, status_code=303, headers=SECURITY_HEADERS)
        response.set_cookie(self.cookie, self.token, httponly=True, samesite="strict", path="/")
        return response


def _headers(scope: Scope) -> dict[str, str]:
    return {name.decode("latin-1").lower(): value.decode("latin-1") for name, value in scope.get("headers", [])}


def _cookie(headers: dict[str, str], name: str) -> str | None:
    return cookie_parser(headers.get("cookie", "")).get(name)


def _refused(message: str) -> HTMLResponse:
    page = (
        '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>拒绝访问</title></head>'
        f"<body><h1>拒绝访问</h1><p>{message}</p></body></html>"
    )
    return HTMLResponse(page, status_code=403, headers=SECURITY_HEADERS)


def _with_security_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in SECURITY_HEADERS.items():
                headers.setdefault(name, value)
        await send(message)

    return sending
