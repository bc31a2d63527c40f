"""The JSON API in-process: every endpoint, filters, pagination, the error shape, token-protected ingest."""

from __future__ import annotations

import base64
from datetime import datetime
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from detente import api
from detente.errors import CATALOGUE
from detente.settings import load_settings
from detente.web.app import create_app

pytestmark = pytest.mark.model

TOKEN = "let-me-in-42"

HOSTILE = ("Diplomats from Norway and Chile met in Oslo on Monday to discuss a prisoner exchange. "
           "<script>window.pwned = 1</script> The Norwegian foreign minister said both sides "
           "agreed to a ceasefire of ten days. <b>bold</b> & <i>more</i>.")

FEED = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Harbour Wire</title>
<item><title>Mediators visit the port city</title><link>https://harbour.example/1</link>
<pubDate>Tue, 03 Jun 2025 09:00:00 GMT</pubDate>
<description>Mediators from Qatar arrived in the port city on Tuesday. The envoy said the rebels
rejected the proposed truce and demanded the withdrawal of government troops.</description></item>
</channel></rss>"""


@pytest.fixture(scope="module")
def demo_db(demo_settings) -> Path:
    """The demo database of tests/web/conftest.py (built once per session)."""
    return Path(demo_settings.db)


@pytest.fixture(scope="module")
def client(demo_db) -> TestClient:
    """A read-only server (no token) over the demo database."""
    return TestClient(create_app(load_settings(env={}, db=str(demo_db), api_token="")),
                      base_url="http://localhost", raise_server_exceptions=False)


@pytest.fixture(scope="module")
def writer(tmp_path_factory) -> TestClient:
    """A server with a token over a fresh database."""
    db = tmp_path_factory.mktemp("apiw") / "w.db"
    settings = load_settings(env={}, db=str(db), api_token=TOKEN, max_body_bytes=20_000)
    return TestClient(create_app(settings), base_url="http://localhost", raise_server_exceptions=False)


def auth(token: str = TOKEN) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_error(resp, status: int, code: str) -> dict:
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/json")
    body = resp.json()
    assert set(body) == {"error"}
    err = body["error"]
    assert set(err) == {"code", "title", "message", "detail"}
    assert err["code"] == code and err["title"] == CATALOGUE[code].title
    assert isinstance(err["message"], str) and err["message"]
    assert isinstance(err["detail"], dict)
    return err


def all_pages(client: TestClient, url: str, limit: int, **query: str) -> list[dict]:
    """Follow next_cursor to the end; check each page's size."""
    items: list[dict] = []
    cursor = None
    for _ in range(1000):
        params = query | {"limit": limit} | ({"cursor": cursor} if cursor else {})
        body = client.get(url, params=params).json()
        assert len(body["items"]) <= limit
        items.extend(body["items"])
        cursor = body["next_cursor"]
        if cursor is None:
            return items
        assert len(body["items"]) == limit
    raise AssertionError("pagination did not end")


# --------------------------------------------------------------------------- articles


def test_articles_newest_first_and_paged(client):
    whole = client.get("/api/v1/articles", params={"limit": 500}).json()
    assert whole["next_cursor"] is None and len(whole["items"]) >= 10
    dates = [a["published"] for a in whole["items"] if a["published"]]
    assert dates == sorted(dates, key=datetime.fromisoformat, reverse=True)
    paged = all_pages(client, "/api/v1/articles", 4)
    assert [a["id"] for a in paged] == [a["id"] for a in whole["items"]]


def test_article_detail_with_mentions_and_events(client):
    ids = [a["id"] for a in client.get("/api/v1/articles", params={"limit": 500}).json()["items"]]
    details = [client.get(f"/api/v1/articles/{i}").json() for i in ids]
    with_events = [d for d in details if d["events"]]
    assert with_events
    d = with_events[0]
    assert d["mentions"] and d["sentences"]
    assert all(ev["article_id"] == d["article"]["id"] for ev in d["events"])
    text = d["article"]["text"]
    ev = d["events"][0]
    assert text[ev["text_info"]["trigger_start"]:ev["text_info"]["trigger_end"]] == ev["event_text"]
    # a unique prefix works as on the command line
    assert client.get(f"/api/v1/articles/{d['article']['id'][:10]}").json()["article"]["id"] == d["article"]["id"]


def test_unknown_article_is_404(client):
    assert_error(client.get("/api/v1/articles/0000000000000000"), 404, "E303")


# --------------------------------------------------------------------------- events


def test_events_as_cli_json_and_paged(client, demo_db):
    cli_records = api.list_events(load_settings(env={}, db=str(demo_db)))
    paged = all_pages(client, "/api/v1/events", 37)
    assert paged == cli_records


def test_event_filters(client):
    every = client.get("/api/v1/events", params={"limit": 500}).json()["items"]
    kind = every[0]["event"]
    typed = client.get("/api/v1/events", params={"type": kind.lower(), "limit": 500}).json()["items"]
    assert typed and all(e["event"] == kind for e in typed)
    assert len(typed) == sum(e["event"] == kind for e in every)

    ukr = client.get("/api/v1/events", params={"actor": "UKR", "limit": 500}).json()["items"]
    assert ukr and all("UKR" in {a["code"] for a in e["actor"] + e["recipient"]} for e in ukr)

    dated = sorted(e["date"] for e in every if e["date"] and len(e["date"]) == 10)
    lo, hi = dated[len(dated) // 4], dated[3 * len(dated) // 4]
    window = client.get("/api/v1/events", params={"since": lo, "until": hi, "limit": 500}).json()["items"]
    assert window and all(lo[:len(e["date"])] <= e["date"] <= hi[:len(e["date"])] for e in window)
    assert len(window) < len(every)

    aid = every[0]["article_id"]
    one = client.get("/api/v1/events", params={"article": aid, "limit": 500}).json()["items"]
    assert one and {e["article_id"] for e in one} == {aid}


def test_event_filter_validation(client):
    err = assert_error(client.get("/api/v1/events", params={"since": "last week"}), 422, "E604")
    assert err["detail"]["problems"][0]["loc"] == ["query", "since"]
    assert_error(client.get("/api/v1/events", params={"limit": 501}), 422, "E604")
    assert_error(client.get("/api/v1/events", params={"limit": 0}), 422, "E604")
    assert_error(client.get("/api/v1/events", params={"cursor": "not-a-cursor!"}), 422, "E604")
    forged = base64.urlsafe_b64encode(b'{"o": -5}').decode()
    assert_error(client.get("/api/v1/events", params={"cursor": forged}), 422, "E604")


# --------------------------------------------------------------------------- actors


def test_actors_list_and_detail(client):
    actors = all_pages(client, "/api/v1/actors", 7)
    whole = client.get("/api/v1/actors", params={"limit": 500}).json()["items"]
    assert actors == whole and whole
    counts = [a["events"] for a in whole]
    assert counts == sorted(counts, reverse=True)
    rus = client.get("/api/v1/actors/rus").json()
    assert rus["code"] == "RUS" and rus["variants"] and rus["n_events"] > 0
    assert all(rus["code"] in {a["code"] for a in e["actor"] + e["recipient"]} for e in rus["events"])
    assert all(p["party"] == "RUS" for p in rus["positions"])
    assert all("RUS" in a["parties"] + a["mediators"] + a["guarantors"] for a in rus["agreements"])
    assert_error(client.get("/api/v1/actors/QQQ"), 404, "E601")


# --------------------------------------------------------------------------- ledger


def test_positions_filters(client):
    every = client.get("/api/v1/positions", params={"limit": 500}).json()["items"]
    assert every
    party = every[0]["party"]
    mine = client.get("/api/v1/positions", params={"party": party.lower(), "limit": 500}).json()["items"]
    assert mine and all(p["party"] == party for p in mine)
    topic = every[0]["topic"].split(":")[0]
    on = client.get("/api/v1/positions", params={"topic": topic, "limit": 500}).json()["items"]
    assert on and all(p["topic"] == topic or p["topic"].startswith(topic + ":") for p in on)
    assert all_pages(client, "/api/v1/positions", 3) == every


def test_agreements_filters_and_detail(client):
    every = client.get("/api/v1/agreements", params={"limit": 500}).json()["items"]
    assert every
    first = every[0]
    by_status = client.get("/api/v1/agreements", params={"status": first["status"]}).json()["items"]
    assert first["id"] in {a["id"] for a in by_status} and all(a["status"] == first["status"] for a in by_status)
    by_kind = client.get("/api/v1/agreements", params={"kind": first["kind"]}).json()["items"]
    assert first["id"] in {a["id"] for a in by_kind} and all(a["kind"] == first["kind"] for a in by_kind)
    assert_error(client.get("/api/v1/agreements", params={"status": "sort_of"}), 422, "E604")

    detail = client.get(f"/api/v1/agreements/{first['id']}").json()
    assert detail["agreement"] == first
    assert all(v["agreement_id"] == first["id"] for v in detail["allegations"])
    assert_error(client.get("/api/v1/agreements/a-nothing"), 404, "E601")


def test_allegations(client):
    every = client.get("/api/v1/allegations", params={"limit": 500}).json()
    assert every["next_cursor"] is None and isinstance(every["items"], list)
    agreement_id = client.get("/api/v1/agreements").json()["items"][0]["id"]
    one = client.get("/api/v1/allegations", params={"agreement": agreement_id}).json()["items"]
    assert all(v["agreement_id"] == agreement_id for v in one)
    assert_error(client.get("/api/v1/allegations", params={"agreement": "a-nothing"}), 404, "E601")


# --------------------------------------------------------------------------- search


def test_search_articles_then_events(client):
    hits = all_pages(client, "/api/v1/search", 5, q="ceasefire")
    kinds = [h["kind"] for h in hits]
    assert "article" in kinds and "event" in kinds
    assert kinds == sorted(kinds)  # articles first, then events
    art = next(h for h in hits if h["kind"] == "article")
    assert "[" in art["snippet"] and art["article"]["id"]
    ev = next(h for h in hits if h["kind"] == "event")["event"]
    assert "ceasefire" in (ev["text"] + ev["event_text"]).lower()
    assert client.get("/api/v1/search", params={"q": "zzyzx-qwerty"}).json() == {"items": [], "next_cursor": None}
    assert client.get("/api/v1/search", params={"q": 'ceasefire"  OR ('}).status_code == 200
    assert_error(client.get("/api/v1/search"), 422, "E604")


# --------------------------------------------------------------------------- errors, auth, limits


def test_read_only_server_refuses_ingest(client):
    assert_error(client.post("/api/v1/articles", json={"text": "anything"}), 403, "E602")
    assert_error(client.post("/api/v1/articles", json={"text": "anything"}, headers=auth()), 403, "E602")


def test_unknown_route_and_method(client):
    assert_error(client.get("/api/v1/nothing-here"), 404, "E601")
    assert_error(client.delete("/api/v1/articles"), 405, "E604")
    assert_error(client.get("/docs"), 404, "E601")  # its assets would come from a CDN


def test_browser_gets_page_errors_as_escaped_html(client):
    resp = client.get("/no-such-page/<script>x</script>", headers={"accept": "text/html"})
    assert resp.status_code == 404 and resp.headers["content-type"].startswith("text/html")
    assert "<script>x" not in resp.text and "not found" in resp.text
    # the API answers JSON whatever the client accepts
    assert_error(client.get("/api/v1/nothing", headers={"accept": "text/html"}), 404, "E601")


def test_serve_command_refuses_a_missing_database(tmp_path):
    from typer.testing import CliRunner

    from detente.cli import app as cli_app

    result = CliRunner().invoke(cli_app, ["serve", "--db", str(tmp_path / "absent.db"), "--port", "0"])
    assert result.exit_code == 1
    assert "E301" in result.output


def test_token_required_when_configured(writer):
    err = assert_error(writer.post("/api/v1/articles", json={"text": HOSTILE}), 401, "E605")
    assert "Bearer" in err["message"]
    assert_error(writer.post("/api/v1/articles", json={"text": HOSTILE}, headers=auth("wrong")), 401, "E605")
    assert writer.post("/api/v1/articles", json={"text": HOSTILE}, headers={"Authorization": TOKEN}).status_code == 401


def test_body_too_large(writer):
    big = {"text": "peace " * 5000}
    assert_error(writer.post("/api/v1/articles", json=big, headers=auth()), 413, "E603")

    def chunks():  # no Content-Length: counted as it streams
        for _ in range(30):
            yield b"x" * 1000

    resp = writer.post("/api/v1/articles", content=chunks(),
                       headers=auth() | {"content-type": "application/json"})
    assert_error(resp, 413, "E603")


def test_bad_ingest_bodies(writer):
    assert_error(writer.post("/api/v1/articles", content=b"{not json", headers=auth()
                             | {"content-type": "application/json"}), 422, "E604")
    assert_error(writer.post("/api/v1/articles", json=[1, 2], headers=auth()), 422, "E604")
    err = assert_error(writer.post("/api/v1/articles", json={"title": "no text"}, headers=auth()), 422, "E604")
    assert err["detail"]["problems"][0]["code"] == "E109"
    assert_error(writer.post("/api/v1/articles", content=b"plain", headers=auth()
                             | {"content-type": "text/plain"}), 415, "E604")


def test_ingest_json_then_readable_and_inert(writer):
    record = {"text": HOSTILE, "title": "<img src=x onerror=alert(1)> Talks in Oslo",
              "url": "https://example.org/oslo", "published": "2025-06-02T10:00:00Z", "outlet": "Fjord Post"}
    resp = writer.post("/api/v1/articles", json=record, headers=auth())
    assert resp.status_code == 201, resp.text
    result = resp.json()
    assert result["stored"] == 1 and len(result["article_ids"]) == 1 and result["events"] >= 1
    aid = result["article_ids"][0]

    again = writer.post("/api/v1/articles", json=[record], headers=auth()).json()
    assert again["stored"] == 0 and again["already"] == 1 and again["article_ids"] == [aid]

    got = writer.get(f"/api/v1/articles/{aid}")
    assert got.headers["content-type"].startswith("application/json")
    article = got.json()["article"]
    assert article["text"] == HOSTILE and article["title"] == record["title"]
    assert "<script>window.pwned = 1</script>" in article["text"]
    assert got.json()["events"]
    listed = writer.get("/api/v1/articles").json()["items"]
    assert aid in {a["id"] for a in listed}
    assert writer.get("/api/v1/events", params={"article": aid}).json()["items"]


def test_ingest_feed(writer):
    resp = writer.post("/api/v1/articles", content=FEED.encode(),
                       headers=auth() | {"content-type": "application/rss+xml"})
    assert resp.status_code == 201, resp.text
    aid = resp.json()["article_ids"][0]
    article = writer.get(f"/api/v1/articles/{aid}").json()["article"]
    assert article["title"] == "Mediators visit the port city" and article["url"] == "https://harbour.example/1"


def test_openapi_documents_every_endpoint(client):
    spec = client.get("/openapi.json").json()
    paths = spec["paths"]
    for path in ["/api/v1/articles", "/api/v1/articles/{article_id}", "/api/v1/events", "/api/v1/actors",
                 "/api/v1/actors/{code}", "/api/v1/positions", "/api/v1/agreements",
                 "/api/v1/agreements/{agreement_id}", "/api/v1/allegations", "/api/v1/search"]:
        assert "get" in paths[path], path
        assert "200" in paths[path]["get"]["responses"]
    post = paths["/api/v1/articles"]["post"]
    assert {"application/json", "application/rss+xml"} <= set(post["requestBody"]["content"])
    assert "403" in post["responses"] and "413" in post["responses"]
