"""The ASGI app behind `detente serve`: a JSON API under /api/v1 and server-rendered pages.

    create_app(settings) -> FastAPI

Routes are thin: each calls one function of detente.api (or the store).
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
    from detente.web.api_routes import router as api_router
    from detente.web.pages import router as pages_router

    app = FastAPI(title="detente", version=__version__,
                  description="Attributed PLOVER events, positions, agreements and alleged violations.")
    app.state.settings = settings
    app.include_router(api_router, prefix="/api/v1")
    app.include_router(pages_router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
