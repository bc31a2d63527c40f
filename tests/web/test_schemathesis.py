"""A schemathesis run against /openapi.json, in-process: no generated request may get a server error.

Skips where schemathesis is not installed (it is in the `test` extra).
"""

from __future__ import annotations

import pytest

schemathesis = pytest.importorskip("schemathesis")
from hypothesis import HealthCheck, settings

from detente.settings import load_settings
from detente.web.app import create_app

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def api_schema(demo_settings):
    """The app's OpenAPI schema over the demo database; read-only (no token), so POSTs are refused, not run."""
    app = create_app(load_settings(env={}, db=demo_settings.db, api_token="", allowed_hosts="testserver"))
    return schemathesis.openapi.from_asgi("/openapi.json", app)


def test_no_server_error(api_schema):
    """Every operation, ~30 generated requests each: no 5xx, and every error in the one shape."""
    from hypothesis import given

    checked = []
    for result in api_schema.get_all_operations():
        operation = result.ok()

        @given(case=operation.as_strategy())
        @settings(max_examples=30, deadline=None, database=None,
                  suppress_health_check=list(HealthCheck))
        def run(case):
            response = case.call()
            where = f"{case.method} {case.formatted_path}"
            assert response.status_code < 500, f"{where}: {response.status_code} {response.text}"
            if response.status_code >= 400:
                body = response.json()
                assert set(body["error"]) == {"code", "title", "message", "detail"}, (where, body)

        run()
        checked.append(operation.path)
    assert "/api/v1/events" in checked and "/api/v1/articles" in checked
