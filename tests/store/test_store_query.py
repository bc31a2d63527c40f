"""Reading back: event filters and ordering, full-text search with awkward queries."""

from __future__ import annotations

import pytest

from detente.records import EventFilter
from detente.store.sqlite import SNIPPET_CLOSE, SNIPPET_OPEN


def kinds(events) -> list[str]:
    return [e.event for e in events]


def test_all_events_ordered_by_date_article_offset(filled):
    evs = filled.events(EventFilter())
    # "2024-03" sorts before "2024-03-05"; undated last
    assert kinds(evs) == ["RETREAT", "CONSULT", "AGREE", "ACCUSE", "THREATEN"]
    assert evs[-1].date.date is None
    same_day = [e for e in evs if e.date.date == "2024-03-05"]
    assert [e.evidence.trigger_start for e in same_day] == sorted(e.evidence.trigger_start for e in same_day)


def test_filter_by_actor_matches_actor_or_recipient(filled):
    assert kinds(filled.events(EventFilter(actor="CST"))) == ["ACCUSE", "THREATEN"]
    assert kinds(filled.events(EventFilter(actor="NOR"))) == ["RETREAT", "CONSULT", "AGREE", "ACCUSE", "THREATEN"]
    assert kinds(filled.events(EventFilter(actor="sud"))) == ["RETREAT", "CONSULT", "AGREE"]
    assert filled.events(EventFilter(actor="XYZ")) == []


def test_filter_by_event_type_and_article(filled, sample_b):
    assert kinds(filled.events(EventFilter(event="accuse"))) == ["ACCUSE"]
    assert kinds(filled.events(EventFilter(article_id=sample_b[0].id))) == ["ACCUSE", "THREATEN"]
    assert filled.events(EventFilter(event="ASSAULT")) == []


def test_since_until_compare_iso_prefixes_and_drop_undated(filled):
    assert kinds(filled.events(EventFilter(since="2024-04-01"))) == ["ACCUSE"]
    assert kinds(filled.events(EventFilter(until="2024-03-31"))) == ["RETREAT", "CONSULT", "AGREE"]
    # a month-precision event overlaps any day of its month
    assert kinds(filled.events(EventFilter(since="2024-03-20", until="2024-03-31"))) == ["RETREAT"]
    assert kinds(filled.events(EventFilter(since="2024-03-05", until="2024-03-05"))) == \
        ["RETREAT", "CONSULT", "AGREE"]
    assert kinds(filled.events(EventFilter(since="2024"))) == ["RETREAT", "CONSULT", "AGREE", "ACCUSE"]
    assert filled.events(EventFilter(since="2025-01-01")) == []


def test_filters_combine_and_limit(filled):
    evs = filled.events(EventFilter(actor="NOR", until="2024-03-05", limit=2))
    assert kinds(evs) == ["RETREAT", "CONSULT"]
    assert filled.events(EventFilter(limit=0)) == []


def test_events_round_trip_exactly(filled, sample_a):
    by_id = {e.id: e for e in filled.events(EventFilter(article_id=sample_a[0].id))}
    assert by_id == {e.id: e for e in sample_a[1].events}


def test_search_finds_and_snippets(filled, sample_a, sample_b):
    hits = filled.search("artillery")
    assert [a.id for a, _ in hits] == [sample_a[0].id]
    assert f"{SNIPPET_OPEN}artillery{SNIPPET_CLOSE}" in hits[0][1]
    # porter stemming: "shells" finds "shelling"; titles are indexed too
    assert [a.id for a, _ in filled.search("shells")] == [sample_b[0].id]
    assert [a.id for a, _ in filled.search("pullback")] == [sample_a[0].id]
    assert {a.id for a, _ in filled.search("Nordland OR coastal")} == {sample_a[0].id, sample_b[0].id}
    assert filled.search("artillery", limit=0) == []


@pytest.mark.parametrize("query", [
    'truce"', "AND", "NEAR(", "(grain", "grain depot)", "*", "-", "title:", "nowhere:grain",
    "grain AND", "OR OR", "^", "'", "grain-depot", "😀", "a\x00b",
])
def test_awkward_queries_do_not_crash(filled, query):
    hits = filled.search(query)
    assert isinstance(hits, list)
    assert all(isinstance(snippet, str) for _, snippet in hits)


def test_malformed_query_falls_back_to_phrase(filled, sample_b):
    # "-" is not FTS5 syntax; as a phrase it matches the adjacent words
    assert [a.id for a, _ in filled.search("grain-depot")] == [sample_b[0].id]
    assert [a.id for a, _ in filled.search('grain depot)')] == [sample_b[0].id]
    assert filled.search("depot-grain") == []


def test_blank_query_returns_nothing(filled):
    assert filled.search("") == []
    assert filled.search("   ") == []


def test_stats_after_filling(filled):
    assert filled.stats() == {"articles": 2, "events": 5, "mentions": 2, "actors": 4}


def test_article_ids_by_prefix(tmp_path):
    from detente.records import Article, ArticleAnalysis
    from detente.store import open_store

    with open_store(tmp_path / "p.db") as store:
        for text in ("First invented report about talks.", "Second invented report about a truce."):
            a = Article(id=Article.make_id(text), text=text)
            store.save(a, ArticleAnalysis(article_id=a.id))
        ids = sorted(Article.make_id(x) for x in ("First invented report about talks.",
                                                   "Second invented report about a truce."))
        assert store.article_ids("", limit=5) == []
        assert store.article_ids(ids[0][:10]) == [ids[0]]
        assert store.article_ids("%") == [] and store.article_ids("zz") == []
