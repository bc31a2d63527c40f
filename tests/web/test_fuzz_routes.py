"""Hostile request parameters on every route, pages included (which the OpenAPI schema, and so
test_schemathesis, leaves out): big integers, floats, long strings, forged cursors.
No answer may be a 5xx, and every error has the documented shape (issue 12)."""

from __future__ import annotations

import base64
import json
from urllib.parse import quote

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from detente.settings import load_settings
from detente.web.app import create_app

pytestmark = pytest.mark.model

ERROR_KEYS = {"code", "title", "message", "detail"}


def _cursor(offset: object) -> str:
    return base64.urlsafe_b64encode(json.dumps({"o": offset}).encode()).decode().rstrip("=")


BIG = st.one_of(st.integers(min_value=-(2**70), max_value=2**70),
                st.sampled_from([2**63, 2**63 - 1, 2**64, 10**30, 92233720368547759, -1, 0]))
VALUES = st.one_of(
    BIG.map(str),
    st.sampled_from(["1e30", "-1e30", "1e309", "NaN", "inf", "", " ", "0x10", "9" * 5000, "4.5", "2025-13-45",
                     "99999-01-01", "0000-00-00", "%", "'", '"', "..", "\\", "*", "a:b:c"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=3000),
    BIG.map(_cursor),
    st.sampled_from([_cursor(2**63), _cursor(-5), _cursor(1.5), _cursor("7"), _cursor(None), _cursor(10**30)]),
)


def _params(dependant, kind: str) -> set[str]:
    found = {p.alias for p in getattr(dependant, kind)}
    for sub in dependant.dependencies:
        found |= _params(sub, kind)
    return found


def _routes() -> list[tuple[str, str, set[str], set[str]]]:
    """(method, path, path parameters, query parameters) of every route create_app serves."""
    from detente.web.api_routes import router as api_router
    from detente.web.pages import router as pages_router

    out = [("GET", "/openapi.json", set(), set()), ("GET", "/static/{path}", {"path"}, set())]
    for prefix, router in (("/api/v1", api_router), ("", pages_router)):
        for route in router.routes:
            assert isinstance(route, APIRoute)
            for method in sorted(route.methods):
                out.append((method, prefix + route.path, _params(route.dependant, "path_params"),
                            _params(route.dependant, "query_params")))
    return out


@pytest.fixture(scope="module")
def app(demo_settings):
    return create_app(load_settings(env={}, db=demo_settings.db, api_token=""))


def _check(response, where: str, accept: str) -> None:
    assert response.status_code < 500, f"{where}: {response.status_code} {response.text[:300]}"
    if response.status_code >= 400 and "json" in response.headers.get("content-type", ""):
        body = response.json()
        assert set(body["error"]) == ERROR_KEYS, (where, body)
    if response.status_code >= 400 and accept == "text/html" and not response.request.url.path.startswith("/api/"):
        assert response.headers["content-type"].startswith("text/html"), where


def test_the_reported_requests_are_422_not_500(app):
    """Issue 12, problem 5: each of these was a 500 (OverflowError), without any token."""
    client = TestClient(app, base_url="http://localhost", raise_server_exceptions=False)
    for url in [f"/api/v1/events?cursor={_cursor(2**63)}", f"/api/v1/articles?cursor={_cursor(2**63)}",
                f"/api/v1/search?q=talks&cursor={_cursor(2**63)}",
                "/timeline?page=92233720368547759", "/timeline?quad=1e30",
                "/timeline?quad=1000000000000000000000000000000"]:
        response = client.get(url)
        assert response.status_code == 422, (url, response.status_code, response.text[:200])
        assert response.json()["error"]["code"] == "E604", url
    assert client.get("/timeline", params={"quad": ""}).status_code == 200  # the form's "all"


HOSTILE = [str(2**63), str(2**64), "92233720368547759", str(-(2**63) - 1), "9" * 5000, "1e30", "-1", "NaN", "",
           "x" * 3000, "2025-13-45", "0000-00-00", "%", "\x00", "\u00ff\ufffd", _cursor(2**63), _cursor(10**30), _cursor(-1)]


def test_each_parameter_of_each_route_takes_each_hostile_value(app):
    """A sweep, one parameter at a time: every route, every parameter, every value in HOSTILE."""
    client = TestClient(app, base_url="http://localhost", raise_server_exceptions=False)
    for method, path, path_params, query_params in _routes():
        base = path
        for name in path_params:
            base = base.replace("{" + name + "}", "x")
        for name in sorted(path_params | query_params):
            for value in HOSTILE:
                if name in path_params:
                    url, params = path.replace("{" + name + "}", quote(value, safe="") or "x"), {}
                    for other in path_params - {name}:
                        url = url.replace("{" + other + "}", "x")
                else:
                    url, params = base, {name: value}
                _check(client.request(method, url, params=params), f"{method} {url} {name}={value[:40]!r}", "")


def test_no_route_answers_5xx_to_hostile_parameters(app):
    client = TestClient(app, base_url="http://localhost", raise_server_exceptions=False)
    routes = _routes()
    assert {"/timeline", "/articles/{article_id}", "/api/v1/events", "/api/v1/search"} <= {r[1] for r in routes}

    for method, path, path_params, query_params in routes:
        @given(values=st.fixed_dictionaries({name: VALUES for name in sorted(path_params | query_params)}),
               accept=st.sampled_from(["application/json", "text/html"]))
        @settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))
        def run(values, accept):
            url = path
            for name in path_params:
                url = url.replace("{" + name + "}", quote(values.pop(name), safe="") or "x")
            response = client.request(method, url, params=values, headers={"accept": accept})
            _check(response, f"{method} {url} {values!r}"[:400], accept)

        run()
