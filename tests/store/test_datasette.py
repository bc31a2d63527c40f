"""The database opens in Datasette with detente's table and column descriptions."""

from __future__ import annotations

import asyncio
import json

import pytest
from typer.testing import CliRunner

from detente.cli import app
from detente.store import open_store
from detente.store.schema import TABLES


def test_every_table_and_column_is_described(tmp_path):
    db = tmp_path / "talks.db"
    open_store(db).close()
    out = tmp_path / "metadata.json"
    result = CliRunner().invoke(app, ["export", "--db", str(db), "--format", "datasette", "-o", str(out)])
    assert result.exit_code == 0, result.output
    meta = json.loads(out.read_text())
    tables = meta["databases"]["talks"]["tables"]
    for table in TABLES:
        assert tables[table.name]["description"], table.name
        assert set(tables[table.name]["columns"]) == {c.name for c in table.columns}, table.name


def test_datasette_serves_the_descriptions(tmp_path):
    datasette_app = pytest.importorskip("datasette.app")
    db = tmp_path / "talks.db"
    open_store(db).close()
    out = tmp_path / "metadata.json"
    CliRunner().invoke(app, ["export", "--db", str(db), "--format", "datasette", "-o", str(out)])
    ds = datasette_app.Datasette([str(db)], metadata=json.loads(out.read_text()))

    async def fetch():
        page = await ds.client.get("/talks/ledger_agreements.json")
        meta = await ds.client.get("/-/metadata.json")
        return page, meta

    page, meta = asyncio.run(fetch())
    assert page.status_code == 200
    assert "status history" in meta.json()["databases"]["talks"]["tables"]["ledger_agreements"]["description"]
