"""Security headers on every response, and the Host check (setting `allowed_hosts`).

Every page uses only its own assets (/static/detente.css and detente.js, inline
SVG), so the Content-Security-Policy allows nothing else: no inline script or
style, no other origin, no plug-ins, no framing (frame-ancestors 'none').
A request whose Host header is not in `allowed_hosts` gets 400 (E604): a page
in a browser cannot reach the server through a name an attacker controls
(DNS rebinding).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from detente.errors import DetenteError

CSP = "; ".join([
    "default-src 'self'",
    "img-src 'self' data:",  # data: only for the empty favicon placeholder
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])

HEADERS: dict[str, str] = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


class SecurityHeadersMiddleware:
    """Add HEADERS to every HTTP response that does not set them itself."""

    def __init__(self, app: ASGIApp):
        self.app = app
        self.headers = [(k.encode("latin-1"), v.encode("latin-1")) for k, v in HEADERS.items()]

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                present = {k.lower() for k, _ in message.get("headers", [])}
                message["headers"] = list(message.get("headers", [])) + [
                    (k, v) for k, v in self.headers if k not in present]
            await send(message)

        await self.app(scope, receive, with_headers)


def parse_hosts(value: str) -> tuple[str, ...]:
    """The names in the `allowed_hosts` setting: comma or space separated, lower case, no brackets."""
    names = (n.strip().lower() for n in value.replace(",", " ").split())
    return tuple(n[1:-1] if n.startswith("[") and n.endswith("]") else n for n in names if n)


def host_name(header: str) -> str:
    """The name in a Host header, without the port ("[::1]:8000" -> "::1")."""
    header = header.strip().lower()
    if header.startswith("["):
        return header[1:header.find("]")] if "]" in header else header
    return header.rsplit(":", 1)[0] if header.count(":") == 1 else header


def host_allowed(name: str, allowed: tuple[str, ...]) -> bool:
    for pattern in allowed:
        if pattern == "*" or pattern == name:
            return True
        if pattern.startswith("*.") and (name.endswith(pattern[1:]) or name == pattern[2:]):
            return True
    return False


class AllowedHostsMiddleware:
    """Refuse (400, E604) a request whose Host header is not in `allowed_hosts`."""

    def __init__(self, app: ASGIApp, allowed_hosts: str):
        self.app = app
        self.allowed = parse_hosts(allowed_hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        header = dict(scope.get("headers") or []).get(b"host", b"").decode("latin-1")
        if host_allowed(host_name(header), self.allowed):
            await self.app(scope, receive, send)
            return
        from detente.web.api_errors import error_response

        err = DetenteError("E604", f"this server does not answer for the host {header[:100]!r} "
                                   "(setting allowed_hosts)", host=header[:100])
        await error_response(err, 400)(scope, receive, send)
