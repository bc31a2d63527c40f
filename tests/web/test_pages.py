"""The server-rendered pages, in-process (TestClient) on the demo database."""

from __future__ import annotations

import re
from html import unescape

import pytest
from fastapi.testclient import TestClient
from markupsafe import Markup

from detente.records import Mention
from detente.web.app import create_app
from detente.web.view_data import bucket_start, choose_unit, memo, parse_day
from detente.web.view_render import Bar, highlight, snippet, stacked_bars


@pytest.fixture(scope="module")
def client(demo_settings) -> TestClient:
    return TestClient(create_app(demo_settings), base_url="http://localhost")


def _links(html: str, prefix: str) -> list[str]:
    return [unescape(h) for h in re.findall(rf'href="({re.escape(prefix)}[^"#]*)', html)]


# --------------------------------------------------------------------------- fragments (no database)


def test_highlight_escapes_each_slice_and_marks_mentions():
    text = "A <b>bold</b> claim. Kyiv & Moscow agreed."
    mentions = [Mention(kind="actor", start=21, end=25, text="Kyiv", label="UKR"),
                Mention(kind="trigger", start=35, end=41, text="agreed", label="AGREE"),
                Mention(kind="actor", start=21, end=23, text="Ky", label="XXX")]  # overlaps: dropped
    html = str(highlight(text, [(0, 20), (21, 42)], mentions, target=21))
    assert "&lt;b&gt;bold&lt;/b&gt;" in html and "<b>" not in html
    assert '<span class="sent target" id="s-21">' in html
    assert '<mark class="actor" title="actor: UKR">Kyiv<span class="label">UKR</span></mark>' in html
    assert "XXX" not in html
    assert "&amp; Moscow" in html


def test_snippet_marks_matches_and_escapes_the_rest():
    assert str(snippet("a [truce] <i>")) == "a <mark>truce</mark> &lt;i&gt;"


def test_stacked_bars_draws_one_rect_per_nonzero_segment():
    svg = str(stacked_bars([Bar("w1", {"a": 2, "b": 1}), Bar("w2", {"a": 0, "b": 3})], ["a", "b"]))
    assert svg.count("<rect") == 3 and "<svg" in svg
    assert isinstance(stacked_bars([], []), Markup)


def test_dates_and_buckets():
    assert parse_day("2025-03") == parse_day("2025-03-01")
    assert parse_day("nonsense") is None
    day = parse_day("2025-03-20")  # a Thursday
    assert bucket_start(day, "week").isoformat() == "2025-03-17"
    assert bucket_start(day, "month").isoformat() == "2025-03-01"
    assert choose_unit(parse_day("2020-01-01"), parse_day("2025-01-01"), "day") == "month"


def test_memo_forgets_results_when_the_database_file_changes(tmp_path):
    db = tmp_path / "x.db"
    db.write_bytes(b"one")
    calls = []
    assert memo(str(db), ("k",), lambda: calls.append(1) or len(calls)) == 1
    assert memo(str(db), ("k",), lambda: calls.append(1) or len(calls)) == 1  # remembered
    db.write_bytes(b"three")  # another size: another state
    assert memo(str(db), ("k",), lambda: calls.append(1) or len(calls)) == 2


# --------------------------------------------------------------------------- pages


def test_overview_shows_counts_articles_and_agreements_board(client):
    r = client.get("/")
    assert r.status_code == 200
    assert "Agreements" in r.text and "Latest articles" in r.text
    assert len(_links(r.text, "/agreements/")) >= 1
    assert len(_links(r.text, "/articles/")) >= 1
    assert re.search(r"<b>\d+</b> events", r.text)


def test_timeline_chart_list_and_filters(client):
    r = client.get("/timeline")
    assert r.status_code == 200
    assert "<svg" in r.text and "<rect" in r.text
    assert 'class="events"' in r.text
    filtered = client.get("/timeline", params={"event": "ASSAULT", "unit": "day"})
    assert filtered.status_code == 200
    types = set(re.findall(r'<span class="etype">([A-Z]+)</span>', filtered.text.split('class="events"')[1]))
    assert types == {"ASSAULT"}
    assert client.get("/timeline", params={"party": "RUS", "quad": "4", "since": "bad"}).status_code == 200


def test_positions_matrix_cells_open_history(client):
    r = client.get("/positions")
    assert r.status_code == 200 and 'class="matrix"' in r.text
    cells = _links(r.text, "/positions/")
    assert cells
    cell = client.get(cells[0])
    assert cell.status_code == 200 and "History" in cell.text and 'class="evidence"' in cell.text
    assert client.get("/positions/ZZZ/nothing").status_code == 404


def test_agreement_page_links_evidence_to_highlighted_sentence(client):
    board = client.get("/").text
    first = _links(board, "/agreements/")[0]
    page = client.get(first)
    assert page.status_code == 200
    for heading in ("Status history", "Alleged violations", "parties", "mediators"):
        assert heading in page.text
    cites = re.findall(r'href="(/articles/[^"]+)"', page.text)
    assert cites
    href = unescape(cites[0])
    anchor = href.split("#")[1]
    article = client.get(href.split("#")[0])
    assert article.status_code == 200
    assert re.search(rf'<span class="sent target" id="{anchor}">', article.text)
    assert client.get("/agreements/a-000000000000").status_code == 404


def test_article_page_highlights_mentions_and_lists_records(client):
    board = client.get("/").text
    article = client.get(_links(board, "/articles/")[0])
    assert article.status_code == 200
    assert '<mark class="actor"' in article.text
    assert '<mark class="trigger"' in article.text
    assert 'class="side-events"' in article.text
    assert client.get("/articles/0000000000000000").status_code == 404
    assert client.get(_links(board, "/articles/")[0] + "?s=not-a-number").status_code == 200


def test_some_article_links_to_the_ledger_records_it_feeds(client):
    agreement = client.get(_links(client.get("/").text, "/agreements/")[0]).text
    article_url = unescape(re.findall(r'href="(/articles/[^"#?]+)', agreement)[0])
    page = client.get(article_url).text
    assert 'class="feeds"' in page and "/agreements/" in page


def test_actor_page_shows_offices_events_and_agreements(client):
    r = client.get("/actors/RUS")
    assert r.status_code == 200
    assert "Office holders" in r.text and "<th>until</th>" in r.text
    assert 'class="events"' in r.text and "Agreements" in r.text
    assert client.get("/actors/QQQ").status_code == 404


def test_search_finds_articles_and_events(client):
    r = client.get("/search", params={"q": "ceasefire"})
    assert r.status_code == 200
    assert "<mark>" in r.text.split("Articles (")[1]
    assert len(_links(r.text, "/articles/")) >= 2
    assert client.get("/search", params={"q": '"unbalanced AND ('}).status_code == 200
    assert client.get("/search").status_code == 200


def test_static_assets_are_served_and_nothing_is_remote(client):
    for asset in ("/static/detente.css", "/static/detente.js"):
        assert client.get(asset).status_code == 200
    for url in ("/", "/timeline", "/positions", "/actors/UKR"):
        html = client.get(url).text
        assert not re.search(r'(src|href)="(https?:)?//', html), url


# --------------------------------------------------------------------------- safety


def test_hostile_article_renders_as_inert_text(hostile_settings, hostile_article_id):
    client = TestClient(create_app(hostile_settings), base_url="http://localhost")
    page = client.get(f"/articles/{hostile_article_id}")
    assert page.status_code == 200
    assert "<script>window" not in page.text and "<b>x</b>" not in page.text
    assert "&lt;script&gt;window.__pwned = 1; alert(1)&lt;/script&gt;&lt;b&gt;x&lt;/b&gt;" in page.text
    found = client.get("/search", params={"q": "script"})
    assert found.status_code == 200 and "<script>window" not in found.text
    events = client.get("/search", params={"q": "<b>x"})
    assert "<b>x" not in events.text
