"""Saving: round trips, idempotence, one transaction per article, actors and stats."""

from __future__ import annotations

import sqlite3

import pytest
from sqlalchemy.exc import IntegrityError

from detente.errors import DetenteError
from detente.records import ArticleAnalysis
from detente.store import open_store


def test_round_trip_is_exact(store, sample_a):
    art, ana = sample_a
    assert not store.has_article(art.id)
    assert store.save(art, ana) is True
    assert store.has_article(art.id)
    assert store.article(art.id) == art
    assert store.analysis(art.id) == ana
    # the tz-aware publication time survives as such
    assert store.article(art.id).published.utcoffset().total_seconds() == 7200


def test_round_trip_survives_reopen(db_path, sample_a):
    art, ana = sample_a
    with open_store(db_path) as s:
        s.save(art, ana)
    with open_store(db_path) as s:
        assert s.analysis(art.id) == ana
        assert s.article(art.id) == art


def test_missing_article_gives_none(store):
    assert store.article("0" * 16) is None
    assert store.analysis("0" * 16) is None
    assert store.has_article("0" * 16) is False


def test_save_is_idempotent(store, sample_a):
    art, ana = sample_a
    assert store.save(art, ana) is True
    before = store.stats()
    assert store.save(art, ana) is False
    assert store.stats() == before
    assert before == {"articles": 1, "events": 3, "mentions": 2, "actors": 3}  # speakers are not actors
    assert len(store.search("artillery")) == 1  # FTS row not duplicated


def test_empty_analysis_is_stored(store, undated):
    art, ana = undated(1)
    assert store.save(art, ana)
    assert store.analysis(art.id) == ana
    assert store.stats()["events"] == 0


def test_analysis_of_another_article_is_refused(store, sample_a, sample_b):
    art, _ = sample_a
    _, other = sample_b
    with pytest.raises(DetenteError) as err:
        store.save(art, other)
    assert err.value.code == "E203"
    assert not store.has_article(art.id)


def test_failed_event_insert_leaves_nothing_and_retry_completes(store, sample_a, sample_b, event_maker):
    """A constraint failure on the last event rolls back the whole article."""
    art_a, ana_a = sample_a
    art_b, ana_b = sample_b
    store.save(art_a, ana_a)
    before = store.stats()
    clash = ana_a.events[0].model_copy(update={"id": ana_b.events[0].id})  # reuses B's first event id
    broken = ArticleAnalysis(article_id=art_b.id, events=[*ana_b.events, clash])
    with pytest.raises(IntegrityError):
        store.save(art_b, broken)
    assert not store.has_article(art_b.id)
    assert store.stats() == before
    assert store.search("grain depot") == []
    with sqlite3.connect(store.location) as raw:
        assert raw.execute("SELECT COUNT(*) FROM evidence WHERE article_id = ?", (art_b.id,)).fetchone() == (0,)
        assert raw.execute("SELECT COUNT(*) FROM actors WHERE code = 'CST'").fetchone() == (0,)
    # re-running the batch completes it, once
    assert store.save(art_a, ana_a) is False
    assert store.save(art_b, ana_b) is True
    assert store.analysis(art_b.id) == ana_b
    assert store.stats()["events"] == before["events"] + 2


def test_actors_are_upserted_and_counted(filled):
    rows = {(r["code"], r["sector"], r["entity_name"]): r for r in filled.actors()}
    nor = rows[("NOR", "GOV", "Kingdom of Nordland")]
    assert nor["events"] == 5  # actor in 2 events of A, recipient in 1 of A and 2 of B
    assert nor["kind"] == "state" and nor["identifier_id"] == "Q1"
    assert rows[("SUD", "MIL", "Sudmark Armed Forces")]["kind"] == "institution"
    assert rows[("CST", "GOV", "Coastal Republic")]["events"] == 2
    assert filled.actors()[0]["code"] == "NOR"  # most events first
    assert set(filled.actors()[0]) == {"code", "sector", "entity_name", "kind", "identifier_id", "events"}


def test_actor_kind_and_identifier_filled_in_later(store, undated, event_maker):
    from detente.records import ActorRef

    vague = ActorRef(code="ZZZ", sector="REB", entity_text="the rebels", entity_name="River Front")
    known = vague.model_copy(update={"kind": "group", "identifier_id": "Q99"})
    for n, ref in ((1, vague), (2, known)):
        art, _ = undated(n)
        ev = event_maker(art.id, art.text, "reported", "ACCUSE", None, actors=[ref])
        store.save(art, ArticleAnalysis(article_id=art.id, events=[ev]))
    (row,) = [r for r in store.actors() if r["code"] == "ZZZ"]
    assert row["kind"] == "group" and row["identifier_id"] == "Q99" and row["events"] == 2


def test_articles_newest_first_with_paging(store, sample_a, sample_b, undated):
    for art, ana in (sample_a, undated(1), sample_b):
        store.save(art, ana)
    ids = [a.id for a in store.articles()]
    assert ids == [sample_b[0].id, sample_a[0].id, undated(1)[0].id]  # undated last
    assert [a.id for a in store.articles(limit=1, offset=1)] == [sample_a[0].id]
    assert store.articles(limit=0) == []


def test_delete_removes_everything_derived(filled, sample_a, sample_b):
    art, ana = sample_a
    assert filled.delete(art.id) is True
    assert filled.delete(art.id) is False
    assert filled.article(art.id) is None and filled.analysis(art.id) is None
    assert filled.search("artillery") == []
    assert filled.stats()["events"] == 2 and filled.stats()["mentions"] == 0
    with sqlite3.connect(filled.location) as raw:
        for table in ("evidence", "event_actors"):
            assert raw.execute(f"SELECT COUNT(*) FROM {table} WHERE event_id IN "
                               f"({','.join('?' * len(ana.events))})",
                               [e.id for e in ana.events]).fetchone() == (0,)
    counts = {r["code"]: r["events"] for r in filled.actors() if r["sector"] in ("GOV", None)}
    assert counts["SUD"] == 0 and counts["NOR"] == 2
    assert filled.save(art, ana) is True  # and it can be stored again
    assert filled.analysis(art.id) == ana
