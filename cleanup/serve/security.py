"""What every request passes before it reaches a route: the Host it names (no DNS rebinding), the token
(a cookie, a header, or once in the address as Jupyter's), for a request that changes anything the token in
its header and a JSON body of bounded size; and the headers every response carries (a Content-Security-
Policy without inline script, no framing, no sniffing, no caching, no referrer)."""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable, Iterable
from urllib.parse import parse_qsl, urlencode

from starlette.datastructures import MutableHeaders
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

TOKEN_HEADER = "x-cleanup-token"
TOKEN_COOKIE = "cleanup_token"
MAX_BODY = 1 << 20  # bytes a save may send: thousands of decisions
SAFE_METHODS = ("GET", "HEAD")
POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": POLICY,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}


def new_token() -> str:
    """A random token, as Jupyter prints one: 256 bits, URL-safe."""
    return secrets.token_urlsafe(32)


def refusal(status: int, message: str) -> Response:
    """One clear error, as JSON: {"error": message}."""
    return JSONResponse({"error": message}, status_code=status)


class Guard:
    """ASGI middleware in front of every route: Host, token, cross-site requests, body size; response headers."""

    def __init__(self, app: ASGIApp, token: str, hosts: Iterable[str]) -> None:
        self.app = app
        self.token = token
        self.hosts = set(hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        send = _with_headers(send)
        request = Request(scope)
        refused = self._refused(request)
        if refused is not None:
            await refused(scope, receive, send)
            return
        if request.method in SAFE_METHODS and request.query_params.get("token"):
            await self._welcome(request)(scope, receive, send)  # the printed address: a cookie, then a clean one
            return
        await self.app(scope, _bounded(receive), send)

    def _refused(self, request: Request) -> Response | None:
        if request.headers.get("host", "") not in self.hosts:
            return refusal(400, "unknown Host: open the address cleanup serve printed")
        given = request.headers.get(TOKEN_HEADER) or ""
        if request.method in SAFE_METHODS:
            given = given or request.cookies.get(TOKEN_COOKIE) or request.query_params.get("token") or ""
        if not secrets.compare_digest(given.encode(), self.token.encode()):
            if request.method not in SAFE_METHODS and request.cookies.get(TOKEN_COOKIE):
                return refusal(403, f"a change needs the token in the {TOKEN_HEADER} header (no cross-site request)")
            return refusal(403, "wrong or missing token: open the address cleanup serve printed (with ?token=…)")
        if request.method not in SAFE_METHODS:
            origin = request.headers.get("origin")
            if origin is not None and origin.split("://", 1)[-1] not in self.hosts:
                return refusal(403, "a cross-site request cannot change anything")
            if request.headers.get("content-type", "").split(";")[0].strip() != "application/json":
                return refusal(415, "send JSON (Content-Type: application/json)")
            length = request.headers.get("content-length")
            if length is None or not length.isdigit():
                return refusal(411, "send the body's length (Content-Length)")
            if int(length) > MAX_BODY:
                return refusal(413, f"the body is larger than {MAX_BODY} bytes")
        return None

    def _welcome(self, request: Request) -> Response:
        """The address with the token in it: set the cookie, then the same address without the token."""
        query = urlencode([(k, v) for k, v in parse_qsl(request.url.query) if k != "token"])
        response = RedirectResponse(request.url.path + (f"?{query}" if query else ""), status_code=303)
        response.set_cookie(TOKEN_COOKIE, self.token, httponly=True, samesite="strict", path="/")
        return response


def _with_headers(send: Send) -> Send:
    async def sending(message: Message) -> None:
        if message["type"] == "http.response.start":
            headers = MutableHeaders(scope=message)
            for name, value in HEADERS.items():
                headers[name] = value
        await send(message)

    return sending


class BodyTooLarge(Exception):
    """A body longer than it said, or than MAX_BODY."""


def _bounded(receive: Receive) -> Callable[[], Awaitable[Message]]:
    """`receive` that stops a body at MAX_BODY bytes, whatever its Content-Length said."""
    size = 0

    async def receiving() -> Message:
        nonlocal size
        message = await receive()
        if message["type"] == "http.request":
            size += len(message.get("body", b""))
            if size > MAX_BODY:
                raise BodyTooLarge
        return message

    return receiving
