"""The ASGI app behind `detente serve`: a JSON API under /api/v1 and server-rendered pages.

    create_app(settings) -> FastAPI

Routes are thin: each calls one function of detente.api (or a read-only store).
Every error has one JSON shape (detente.web.api_errors); request bodies are
limited to settings.max_body_bytes; every response carries the security headers
of detente.web.security, and only Host names in settings.allowed_hosts are answered.
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from detente import __version__
from detente.settings import Settings

STATIC_DIR = Path(__file__).resolve().parent / "static"
TEMPLATES_DIR = Path(__file__).resolve().parent / "templates"


def create_app(settings: Settings) -> FastAPI:
    """The app over the database settings.db (read-only unless settings.api_token is set)."""
    from detente.web.api_errors import BodyLimitMiddleware, install_error_handlers
    from detente.web.api_routes import router as api_router
    from detente.web.pages import router as pages_router
    from detente.web.security import AllowedHostsMiddleware, SecurityHeadersMiddleware

    # No /docs or /redoc: FastAPI loads their assets from a CDN, and detente works offline.
    app = FastAPI(title="detente", version=__version__, docs_url=None, redoc_url=None,
                  description="Attributed PLOVER events, positions, agreements and alleged violations. "
                              "Errors: {\"error\": {\"code\", \"title\", \"message\", \"detail\"}}.")
    app.state.settings = settings
    install_error_handlers(app)
    app.add_middleware(BodyLimitMiddleware, max_bytes=settings.max_body_bytes)
    app.add_middleware(AllowedHostsMiddleware, allowed_hosts=settings.allowed_hosts)
    app.add_middleware(SecurityHeadersMiddleware)  # added last: outermost, so on every answer
    app.include_router(api_router, prefix="/api/v1")
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
