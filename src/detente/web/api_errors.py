"""One JSON error shape for every HTTP failure, and the request-body size limit.

Every error response is `DetenteError.to_json()`:
    {"error": {"code", "title", "message", "detail"}}
404 -> E601, 403 -> E602, 413 -> E603, 400/405/422 -> E604, 401 -> E605, 500 -> E606;
errors raised by the library keep their own code (E303 no such article -> 404, ...).
A browser asking for a page (not /api/) gets the same error as a small escaped HTML page.
"""

from __future__ import annotations

import html
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.errors import DetenteError

log = logging.getLogger("detente.web")

# HTTP status of each catalogue code that reaches the API; unlisted codes are bad input (422).
STATUS: dict[str, int] = {
    "E601": 404, "E303": 404,
    "E602": 403,
    "E603": 413, "E108": 413,
    "E604": 422, "E203": 422,
    "E605": 401,
    "E606": 500, "E301": 503, "E302": 503, "E401": 503, "E402": 500, "E201": 500, "E202": 500,
}

_HTTP_CODES = {404: "E601", 403: "E602", 413: "E603", 401: "E605", 500: "E606"}

ERROR_SCHEMA: dict[str, Any] = {
    "type": "object",
    "required": ["error"],
    "properties": {"error": {
        "type": "object",
        "required": ["code", "title", "message", "detail"],
        "properties": {"code": {"type": "string"}, "title": {"type": "string"},
                       "message": {"type": "string"}, "detail": {"type": "object"}},
    }},
}


def error_response(exc: DetenteError, status: int | None = None,
                   headers: dict[str, str] | None = None) -> JSONResponse:
    """The JSON response for a DetenteError."""
    return JSONResponse(jsonable_encoder(exc.to_json()), status_code=status or STATUS.get(exc.code, 422),
                        headers=headers)


def _for_browser(request: Request) -> bool:
    """A page (not API) request from a browser: it gets the error as a small HTML page."""
    path = request.url.path
    return not (path.startswith("/api/") or path == "/openapi.json") and \
        "text/html" in request.headers.get("accept", "")


def _respond(request: Request, exc: DetenteError, status: int | None = None,
             headers: dict[str, str] | None = None) -> Response:
    """JSON for the API and scripts; escaped HTML for a browser asking for a page."""
    if not _for_browser(request):
        return error_response(exc, status, headers)
    code = status or STATUS.get(exc.code, 422)
    body = (f"<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>{code} "
            f"{html.escape(exc.kind.title)}</title></head><body><h1>{html.escape(exc.kind.title)}</h1>"
            f"<p>{html.escape(exc.message)}</p><p><a href=\"/\">detente</a></p></body></html>")
    return HTMLResponse(body, status_code=code, headers=headers)


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` entries documenting the error shape for these statuses."""
    content = {"application/json": {"schema": ERROR_SCHEMA}}
    return {s: {"description": "error", "content": content} for s in statuses}


async def _detente_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DetenteError)
    headers = {"WWW-Authenticate": "Bearer"} if exc.code == "E605" else None
    status = exc.detail.get("status")  # a route may name a more precise HTTP status (415, ...)
    return _respond(request, exc, status if isinstance(status, int) else None, headers=headers)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code = _HTTP_CODES.get(exc.status_code, "E604")
    err = DetenteError(code, str(exc.detail), status=exc.status_code)
    return _respond(request, err, exc.status_code, headers=getattr(exc, "headers", None))


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    problems = [{"loc": [str(p) for p in e.get("loc", ())], "msg": str(e.get("msg", "")),
                 "type": str(e.get("type", ""))} for e in exc.errors()]
    first = problems[0] if problems else {"loc": [], "msg": "invalid request"}
    message = f"{'.'.join(first['loc'])}: {first['msg']}" if first["loc"] else first["msg"]
    return _respond(request, DetenteError("E604", message, problems=problems), 422)


async def _server_error(request: Request, exc: Exception) -> Response:
    log.exception("unhandled error in the API", exc_info=exc)
    return _respond(request, DetenteError("E606", "the server failed to answer this request",
                                       error=type(exc).__name__), 500)


def install_error_handlers(app: FastAPI) -> None:
    """Route every failure through the one error shape."""
    app.add_exception_handler(DetenteError, _detente_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(Exception, _server_error)


class BodyLimitMiddleware:
    """Refuse request bodies over `max_bytes` with 413 (E603).

    A declared Content-Length over the limit is refused before the body is read;
    a body streamed without one is counted as it arrives and refused once over.
    """

    def __init__(self, app: ASGIApp, max_bytes: int):
        self.app = app
        self.max_bytes = max_bytes

    def _too_large(self, size: int | None) -> DetenteError:
        shown = f"{size:,} bytes" if size is not None else "the body"
        return DetenteError("E603", f"{shown} is over the max_body_bytes limit of {self.max_bytes:,}",
                            max_body_bytes=self.max_bytes)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = dict(scope.get("headers") or []).get(b"content-length")
        if declared is not None:
            try:
                size = int(declared)
            except ValueError:
                await error_response(DetenteError("E604", "Content-Length is not a number"), 400)(
                    scope, receive, send)
                return
            if size > self.max_bytes:
                await error_response(self._too_large(size))(scope, receive, send)
                return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise self._too_large(None)
            return message

        await self.app(scope, counted, send)
