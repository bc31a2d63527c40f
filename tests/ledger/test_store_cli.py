"""The ledger in SQLite (migration 2, round trip) and the ledger commands, in process."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from detente import api
from detente.cli import app
from detente.ledger import build_ledger
from detente.ledger.records import Ledger
from detente.records import ArticleAnalysis
from detente.settings import load_settings
from detente.store import migrations, open_store

from .conftest import war_corpus


@pytest.fixture
def db(tmp_path):
    """A database holding the war corpus (saved as analyses, no NLP) and its ledger."""
    path = tmp_path / "ledger.db"
    c = war_corpus()
    with open_store(path) as store:
        for art in c.articles.values():
            events = [e for e in c.events if e.evidence.article_id == art.id]
            store.save(art, ArticleAnalysis(article_id=art.id, events=events))
    api.rebuild_ledger(load_settings(db=str(path)))
    return path


def test_migration_two_is_registered(tmp_path):
    assert migrations.latest_version() >= 2
    with open_store(tmp_path / "x.db") as store:
        assert store.ledger() == Ledger()


def test_round_trip(db):
    c = war_corpus()
    expected = build_ledger(c.events, c.articles)
    with open_store(db) as store:
        assert store.ledger() == expected
        store.replace_ledger(expected)
        assert store.ledger() == expected
        store.replace_ledger(Ledger())
        assert store.ledger() == Ledger()


def test_rebuild_is_stable(db):
    settings = load_settings(db=str(db))
    first = api.ledger(settings)
    assert api.rebuild_ledger(settings) == first
    assert api.ledger(settings) == first


def test_api_filters(db):
    settings = load_settings(db=str(db))
    assert {p.party for p in api.positions(settings, party="sdm")} == {"SDM"}
    assert all(p.topic.startswith("ceasefire") for p in api.positions(settings, topic="ceasefire"))
    [exchange] = api.agreements(settings, kind="prisoner_exchange")
    assert api.agreements(settings, status="partly_implemented") == [exchange]
    found, allegations = api.agreement(settings, exchange.id[:8])
    assert found == exchange and allegations == []
    assert len(api.compliance(settings)) >= 2


runner = CliRunner()


def test_cli_agreements_json_and_csv(db):
    result = runner.invoke(app, ["agreements", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0, result.output
    kinds = {a["kind"] for a in json.loads(result.stdout)}
    assert {"full_ceasefire", "partial_ceasefire", "prisoner_exchange"} <= kinds
    result = runner.invoke(app, ["agreements", "--db", str(db), "--kind", "prisoner_exchange", "--format", "csv"])
    assert result.exit_code == 0 and result.stdout.splitlines()[0].startswith("id,kind,label,status")
    assert len(result.stdout.splitlines()) == 2


def test_cli_agreement_view_and_compliance(db):
    settings = load_settings(db=str(db))
    [ports] = api.agreements(settings, kind="partial_ceasefire")
    result = runner.invoke(app, ["agreement", ports.id, "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "status timeline" in result.stdout
    result = runner.invoke(app, ["agreement", ports.id, "--db", str(db), "--format", "json"])
    doc = json.loads(result.stdout)
    assert doc["agreement"]["id"] == ports.id
    assert any("Saltby" in e["sentence"] for v in doc["allegations"] for e in v["evidence"])
    result = runner.invoke(app, ["compliance", ports.id, "--db", str(db), "--format", "json"])
    accused = {tuple(v["accused"]) for v in json.loads(result.stdout)}
    assert accused == {("NRD",)}
    assert runner.invoke(app, ["agreement", "a-nope", "--db", str(db)]).exit_code == 2


def test_cli_positions_rebuild_export(db, tmp_path):
    result = runner.invoke(app, ["positions", "SDM", "--db", str(db), "--format", "json"])
    assert result.exit_code == 0 and all(p["party"] == "SDM" for p in json.loads(result.stdout))
    assert runner.invoke(app, ["rebuild", "--db", str(db)]).exit_code == 0
    out = tmp_path / "ledger.json"
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "ledger-json", "-o", str(out)])
    assert result.exit_code == 0, result.output
    doc = json.loads(out.read_text())
    assert set(doc) == {"clusters", "positions", "agreements", "allegations"}
    assert Ledger.model_validate(doc) == api.ledger(load_settings(db=str(db)))
