"""Security headers on every answer, pages that need nothing the CSP forbids, and the Host check
(setting allowed_hosts) (issue 12)."""

from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from detente.settings import Settings, load_settings
from detente.store import open_store
from detente.web.app import create_app
from detente.web.security import CSP, host_allowed, host_name, parse_hosts


@pytest.fixture()
def empty_db(tmp_path) -> str:
    db = str(tmp_path / "empty.db")
    open_store(db).close()
    return db


def _client(db: str, host: str = "localhost", **settings) -> TestClient:
    return TestClient(create_app(load_settings(env={}, db=db, **settings)), base_url=f"http://{host}",
                      raise_server_exceptions=False)


def _csp(response) -> dict[str, list[str]]:
    policy = response.headers["content-security-policy"]
    return {d.split()[0]: d.split()[1:] for d in (p.strip() for p in policy.split(";")) if d}


@pytest.mark.parametrize("path", ["/", "/timeline", "/positions", "/search?q=talks", "/articles/nope",
                                  "/static/detente.css", "/api/v1/events", "/api/v1/nope", "/openapi.json"])
def test_every_answer_carries_the_security_headers(empty_db, path):
    """Was: no CSP, no X-Content-Type-Options, no frame-ancestors (pages could be framed)."""
    response = _client(empty_db).get(path, headers={"accept": "text/html"})
    assert response.status_code < 500
    assert response.headers["x-content-type-options"] == "nosniff"
    assert response.headers["x-frame-options"] == "DENY"
    csp = _csp(response)
    assert csp["default-src"] == ["'self'"] and csp["frame-ancestors"] == ["'none'"]
    assert csp["object-src"] == ["'none'"] and csp["base-uri"] == ["'none'"]
    # only our own assets: no inline code, no eval, no other origin
    sources = [s for values in csp.values() for s in values]
    assert not [s for s in sources if "unsafe" in s or "://" in s or s in ("*", "http:", "https:")]


def test_the_csp_is_the_one_policy():
    assert "frame-ancestors 'none'" in CSP and "default-src 'self'" in CSP


@pytest.mark.model
def test_pages_need_nothing_the_csp_forbids(demo_settings):
    """No inline script, style or event handler, and nothing from another origin, on any page."""
    client = TestClient(create_app(demo_settings), base_url="http://localhost")
    home = client.get("/").text
    article = re.search(r'href="(/articles/[0-9a-f]+)"', home).group(1)
    agreement = re.search(r'href="(/agreements/[^"]+)"', home)
    pages = ["/", "/timeline", "/timeline?quad=4&unit=day", "/positions", "/search?q=ceasefire", article,
             "/actors/RUS"] + ([agreement.group(1)] if agreement else [])
    for path in pages:
        response = client.get(path)
        assert response.status_code == 200, path
        html = response.text
        assert not re.search(r"<script(?![^>]*\bsrc=\"/static/)[^>]*>", html), path
        assert not re.search(r"<style\b|\sstyle=|\son[a-z]+=|javascript:", html, re.I), path
        assert not re.search(r"""(?:src|href)=["'](?:https?:)?//""", html), path


# --------------------------------------------------------------------------- Host check


@pytest.mark.parametrize("host", ["localhost", "localhost:8000", "127.0.0.1:8000", "[::1]:8000"])
def test_the_default_hosts_are_answered(empty_db, host):
    assert _client(empty_db).get("/api/v1/events", headers={"host": host}).status_code == 200


@pytest.mark.parametrize("host", ["evil.example", "evil.example:8000", "localhost.evil.example", "", "[::2]"])
def test_another_host_is_400_in_the_error_shape(empty_db, host):
    """Was: any Host was answered (a DNS-rebinding page could read the API)."""
    response = _client(empty_db).get("/api/v1/events", headers={"host": host})
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["code"] == "E604" and "allowed_hosts" in error["message"]
    assert response.headers["x-content-type-options"] == "nosniff"


def test_allowed_hosts_setting(empty_db):
    assert _client(empty_db, host="news.example.org", allowed_hosts="*.example.org").get("/").status_code == 200
    assert _client(empty_db, host="anything.test", allowed_hosts="*").get("/").status_code == 200
    assert _client(empty_db, host="localhost", allowed_hosts="news.example.org").get("/").status_code == 400
    assert load_settings(env={"DETENTE_ALLOWED_HOSTS": "a.test, b.test"}).allowed_hosts == "a.test, b.test"


def test_allowed_hosts_is_declared_once_with_default_and_help():
    (row,) = [r for r in Settings.describe() if r[0] == "allowed_hosts"]
    name, default, env, help_text = row
    assert parse_hosts(default) == ("localhost", "127.0.0.1", "::1") and env == "DETENTE_ALLOWED_HOSTS"
    assert "Host" in help_text and "'*'" in help_text


def test_host_parsing():
    assert host_name("Example.ORG:8080") == "example.org" and host_name("[::1]:80") == "::1"
    assert parse_hosts("localhost, [::1] *.ex.org") == ("localhost", "::1", "*.ex.org")
    assert host_allowed("ex.org", ("*.ex.org",)) and not host_allowed("badex.org", ("*.ex.org",))


def test_serve_answers_for_the_address_it_listens_on(empty_db, monkeypatch):
    import uvicorn

    from detente.cli import app

    served = {}
    monkeypatch.setattr(uvicorn, "run", lambda asgi, **kw: served.update(app=asgi, **kw))
    result = CliRunner().invoke(app, ["serve", "--db", empty_db, "--host", "192.0.2.7", "--port", "8123"])
    assert result.exit_code == 0, result.output
    assert "192.0.2.7" in parse_hosts(served["app"].state.settings.allowed_hosts)
    client = TestClient(served["app"], base_url="http://192.0.2.7:8123")
    assert client.get("/api/v1/events").status_code == 200
