"""Opening: migrations, schema versions, read-only mode, connection settings, errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import inspect

from detente.errors import DetenteError
from detente.store import SQLiteStore, Store, open_store
from detente.store import migrations
from detente.store import schema as t


def migration_rows(path: Path) -> list[tuple]:
    with sqlite3.connect(path) as raw:
        return raw.execute("SELECT version, name, applied_at FROM schema_migrations ORDER BY version").fetchall()


def test_open_creates_and_records_migrations(db_path):
    with open_store(db_path) as store:
        assert isinstance(store, Store) and isinstance(store, SQLiteStore)
        assert store.schema_version() == migrations.latest_version()
    rows = migration_rows(db_path)
    assert [r[0] for r in rows] == [m.version for m in migrations.MIGRATIONS]
    assert [r[1] for r in rows] == [m.name for m in migrations.MIGRATIONS]
    assert all(r[2] for r in rows)


def test_reopen_is_a_no_op(db_path, sample_a):
    with open_store(db_path) as store:
        store.save(*sample_a)
    first = migration_rows(db_path)
    with open_store(db_path) as store:
        assert store.stats()["articles"] == 1
    assert migration_rows(db_path) == first


def test_migration_registry_rejects_gaps():
    with pytest.raises(ValueError):
        migrations.migration(migrations.latest_version() + 2, "skips a version")(lambda conn: None)
    assert [m.version for m in migrations.MIGRATIONS] == list(range(1, len(migrations.MIGRATIONS) + 1))


def test_table_definitions_match_migrated_schema(store):
    insp = inspect(store._engine)
    for table in t.TABLES:
        assert {c["name"] for c in insp.get_columns(table.name)} == set(table.c.keys()), table.name
    with sqlite3.connect(store.location) as raw:
        fts = raw.execute("SELECT sql FROM sqlite_master WHERE name = 'articles_fts'").fetchone()[0]
    assert "fts5" in fts.lower()
    indexed = {i["name"] for i in insp.get_indexes("events")}
    assert {"ix_events_date", "ix_events_event", "ix_events_modality", "ix_events_quad",
            "ix_events_confidence", "ix_events_primary"} <= indexed


def test_wal_and_foreign_keys_are_on(store):
    with store._engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_enforced(store):
    from sqlalchemy.exc import IntegrityError

    with pytest.raises(IntegrityError):
        with store._write() as conn:
            conn.execute(t.events.insert().values(
                id="e1", article_id="no-such-article", seq=0, event="AGREE", modality="asserted",
                quad_code=1, confidence=1.0, is_primary=0, trigger_start=0, record="{}"))


def test_newer_schema_is_refused(db_path):
    open_store(db_path).close()
    with sqlite3.connect(db_path) as raw:
        raw.execute("INSERT INTO schema_migrations VALUES (?, 'from the future', '2099-01-01')",
                    (migrations.latest_version() + 1,))
    for readonly in (False, True):
        with pytest.raises(DetenteError) as err:
            open_store(db_path, readonly=readonly)
        assert err.value.code == "E302"


@pytest.mark.parametrize("setup", ["directory", "garbage", "missing_parent"])
def test_unopenable_gives_e301(tmp_path, setup):
    target = tmp_path / "db"
    if setup == "directory":
        target.mkdir()
    elif setup == "garbage":
        target.write_bytes(b"this is plainly not an sqlite file " * 200)
    else:
        target = tmp_path / "nowhere" / "deeper" / "x.db"
    with pytest.raises(DetenteError) as err:
        open_store(target)
    assert err.value.code == "E301"


def test_readonly_missing_file_gives_e301(tmp_path):
    with pytest.raises(DetenteError) as err:
        open_store(tmp_path / "absent.db", readonly=True)
    assert err.value.code == "E301"
    assert not (tmp_path / "absent.db").exists()


def test_readonly_old_schema_gives_e301(db_path):
    sqlite3.connect(db_path).close()  # an empty database: schema version 0
    with pytest.raises(DetenteError) as err:
        open_store(db_path, readonly=True)
    assert err.value.code == "E301"


def test_readonly_reads_but_cannot_write(db_path, sample_a, sample_b):
    with open_store(db_path) as store:
        store.save(*sample_a)
    with open_store(db_path, readonly=True) as ro:
        assert ro.readonly
        assert ro.article(sample_a[0].id) == sample_a[0]
        assert len(ro.search("artillery")) == 1
        with pytest.raises(DetenteError) as err:
            ro.save(*sample_b)
        assert err.value.code == "E301"
        # the connection itself is read-only, not just the method
        with pytest.raises(Exception, match="readonly"):
            with ro._engine.connect() as conn:
                conn.exec_driver_sql("DELETE FROM articles")
                conn.commit()
    with open_store(db_path) as store:
        assert store.stats()["articles"] == 1
        assert not store.has_article(sample_b[0].id)


def test_sqlite_url_and_memory(tmp_path, sample_a):
    path = tmp_path / "via-url.db"
    with open_store(f"sqlite:///{path}") as store:
        store.save(*sample_a)
    with open_store(str(path)) as store:
        assert store.has_article(sample_a[0].id)
    with open_store("sqlite://") as mem:
        assert mem.save(*sample_a) and mem.analysis(sample_a[0].id) == sample_a[1]
    with pytest.raises(DetenteError) as err:
        open_store("postgresql://localhost/detente")
    assert err.value.code == "E301"


def test_two_handles_see_each_others_writes(db_path, sample_a):
    with open_store(db_path) as writer, open_store(db_path, readonly=True) as reader:
        assert not reader.has_article(sample_a[0].id)
        writer.save(*sample_a)
        assert reader.has_article(sample_a[0].id)
        assert writer.save(*sample_a) is False
