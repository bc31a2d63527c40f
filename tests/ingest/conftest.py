"""Fixtures for the ingest tests: the fixture folder and default settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from detente.settings import Settings

FIXTURES = Path(__file__).parent / "fixtures"


@pytest.fixture()
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture()
def settings() -> Settings:
    """Defaults, except that an undated input stays undated (tests/ingest/test_ingest_undated.py
    covers the fallback date)."""
    return Settings(undated="none")
