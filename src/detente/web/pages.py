"""Server-rendered pages (Jinja2)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(include_in_schema=False)
