"""Fixtures shared by the web tests (pages, browser, JSON API).

`demo_settings`: Settings whose database holds the bundled demo corpus (made once
per session).  `hostile_settings`: a separate database holding one article whose
text carries a script tag and HTML, to prove pages render it inert.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from detente import api
from detente.settings import Settings, load_settings

# Our own words; the script would set window.__pwned if it ever ran.
HOSTILE_TEXT = (
    "Negotiators from Ukraine and Russia met in Geneva on Monday to discuss a ceasefire, "
    "officials said. <script>window.__pwned = 1; alert(1)</script><b>x</b> "
    "The delegations agreed to meet again next week to talk about a prisoner exchange, "
    "a Swiss diplomat told reporters.\n"
)


@pytest.fixture(scope="session")
def demo_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over a fresh database holding the demo corpus and its ledger."""
    db = tmp_path_factory.mktemp("web-demo") / "demo.db"
    settings = load_settings(env={}, db=str(db))
    report = api.run_demo(settings)
    assert report.stored > 0, "the demo corpus stored nothing"
    return settings


@pytest.fixture(scope="session")
def hostile_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over a database holding one article with `<script>` and `<b>` in its text."""
    folder: Path = tmp_path_factory.mktemp("web-hostile")
    source = folder / "hostile.txt"
    source.write_text(HOSTILE_TEXT, encoding="utf-8")
    settings = load_settings(env={}, db=str(folder / "hostile.db"))
    report = api.ingest_paths([source], settings)
    assert report.stored == 1, f"the hostile article was not stored: {report.problems}"
    return settings


@pytest.fixture(scope="session")
def hostile_article_id(hostile_settings: Settings) -> str:
    from detente.store import open_store

    with open_store(hostile_settings.db, readonly=True) as store:
        (article,) = store.articles(limit=5)
    assert "<script>" in article.text, "ingestion stripped the script tag; the test would prove nothing"
    return article.id
