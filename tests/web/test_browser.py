"""The pages in a real browser: Debian's Chromium driven by playwright, against uvicorn.

Skips (with the reason) when /usr/bin/chromium or playwright is missing.  Never
runs `playwright install`: the browser is the system package.  Screenshots of
every page go to tests/web/artifacts/ (gitignored).
"""

from __future__ import annotations

import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]

if not CHROMIUM.exists():
    pytest.skip("/usr/bin/chromium is absent: install Debian's chromium package (apt-get install -y chromium)",
                allow_module_level=True)
sync_api = pytest.importorskip("playwright.sync_api", reason="the playwright package is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Server:
    """uvicorn serving one app on 127.0.0.1 in a background thread."""

    def __init__(self, settings):
        import uvicorn

        from detente.web.app import create_app

        self.port = _free_port()
        config = uvicorn.Config(create_app(settings), host="127.0.0.1", port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> "_Server":
        self.thread.start()
        deadline = time.monotonic() + 15
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("uvicorn did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def demo_server(demo_settings):
    with _Server(demo_settings) as server:
        yield server


@pytest.fixture()
def page(browser):
    """A fresh page that records console errors and uncaught exceptions in `page.problems`."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    pg = context.new_page()
    problems: list[str] = []
    pg.on("console", lambda msg: problems.append(f"console {msg.type}: {msg.text}")
          if msg.type in ("error", "warning") else None)
    pg.on("pageerror", lambda exc: problems.append(f"page error: {exc}"))
    pg.on("requestfailed", lambda req: problems.append(f"request failed: {req.url}"))
    pg.problems = problems
    yield pg
    context.close()


def _shot(pg, name: str) -> None:
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)


def _first_href(pg, selector: str) -> str:
    href = pg.locator(selector).first.get_attribute("href")
    assert href, f"no link matches {selector}"
    return href


def test_every_page_loads_without_console_errors(page, demo_server):
    page.goto(demo_server.url + "/")
    agreement = _first_href(page, "a.agreement")
    article = _first_href(page, "ul.articles a")
    page.goto(demo_server.url + "/positions")
    cell = _first_href(page, "a.cell")
    pages = {"overview": "/", "timeline": "/timeline", "timeline-filtered": "/timeline?quad=4&unit=day",
             "positions": "/positions", "position": cell, "agreement": agreement, "actor": "/actors/RUS",
             "article": article, "search": "/search?q=ceasefire"}
    for name, path in pages.items():
        response = page.goto(demo_server.url + path)
        assert response is not None and response.status == 200, (name, path)
        page.wait_for_load_state("load")
        assert page.locator("h1").count() == 1, name
        _shot(page, name)
    assert page.problems == []


def test_click_from_overview_to_agreement_to_highlighted_sentence(page, demo_server):
    page.goto(demo_server.url + "/")
    page.locator("a.agreement").first.click()
    page.wait_for_url("**/agreements/**")
    assert page.locator("h2", has_text="Status history").count() == 1
    page.locator("blockquote.evidence a.cite").first.click()
    page.wait_for_url("**/articles/**")
    fragment = page.evaluate("location.hash")
    assert fragment.startswith("#s-")
    sentence = page.locator(fragment)
    assert sentence.count() == 1
    # :target applies the highlight: the sentence's background is no longer transparent
    matches = page.evaluate(f"document.querySelector('{fragment}').matches(':target')")
    background = sentence.evaluate("el => getComputedStyle(el).backgroundColor")
    assert matches and background not in ("rgba(0, 0, 0, 0)", "transparent")
    _shot(page, "evidence-highlighted")
    assert page.problems == []


def test_script_in_an_article_never_runs(page, hostile_settings, hostile_article_id):
    with _Server(hostile_settings) as server:
        for path in (f"/articles/{hostile_article_id}", "/search?q=script", "/timeline"):
            page.goto(server.url + path)
            page.wait_for_load_state("load")
            assert page.evaluate("typeof window.__pwned") == "undefined", path
        page.goto(server.url + f"/articles/{hostile_article_id}")
        assert page.locator("article.text b").count() == 0
        assert "<script>window.__pwned" in page.locator("article.text").inner_text()
        _shot(page, "hostile-article")
    assert page.problems == []
