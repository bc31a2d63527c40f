"""JSON API routes under /api/v1 (mirroring the CLI)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["api"])
