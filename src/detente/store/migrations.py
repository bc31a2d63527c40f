"""Schema migrations: Python functions registered in order, recorded in schema_migrations.

Each migration is frozen once released: it spells its DDL out rather than
deriving it from the current table definitions (detente.store.schema), so an
old database always walks the same path to the newest schema.  Add a change
as a new function with the next version number:

    @migration(2, "index events by mode")
    def _add_mode_index(conn: Connection) -> None:
        conn.exec_driver_sql("CREATE INDEX ix_events_mode ON events (mode)")
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone

from sqlalchemy import Connection, inspect

MigrationFn = Callable[[Connection], None]


@dataclass(frozen=True)
class Migration:
    version: int
    name: str
    apply: MigrationFn


MIGRATIONS: list[Migration] = []


def migration(version: int, name: str) -> Callable[[MigrationFn], MigrationFn]:
    """Register a migration; versions must be consecutive from 1."""

    def register(fn: MigrationFn) -> MigrationFn:
        expected = len(MIGRATIONS) + 1
        if version != expected:
            raise ValueError(f"migration {name!r} has version {version}, expected {expected}")
        MIGRATIONS.append(Migration(version, name, fn))
        return fn

    return register


def latest_version() -> int:
    """The schema version this code writes."""
    return MIGRATIONS[-1].version if MIGRATIONS else 0


def current_version(conn: Connection) -> int:
    """The schema version of the database (0 for an empty one)."""
    if not inspect(conn).has_table("schema_migrations"):
        return 0
    row = conn.exec_driver_sql("SELECT MAX(version) FROM schema_migrations").scalar()
    return int(row or 0)


def pending(conn: Connection) -> list[Migration]:
    """Migrations not yet applied to this database, in order."""
    have = current_version(conn)
    return [m for m in MIGRATIONS if m.version > have]


def apply_pending(conn: Connection) -> list[Migration]:
    """Apply pending migrations inside the caller's transaction; return those applied."""
    todo = pending(conn)
    for m in todo:
        m.apply(conn)
        conn.exec_driver_sql(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
            (m.version, m.name, datetime.now(timezone.utc).isoformat(timespec="seconds")),
        )
    return todo


# --------------------------------------------------------------------------- migrations

_INITIAL = [
    """CREATE TABLE IF NOT EXISTS schema_migrations (
        version INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        applied_at TEXT NOT NULL)""",
    """CREATE TABLE articles (
        id TEXT PRIMARY KEY,
        title TEXT,
        url TEXT,
        outlet TEXT,
        published TEXT,
        published_utc TEXT,
        language TEXT NOT NULL,
        sentences TEXT NOT NULL DEFAULT '[]',
        record TEXT NOT NULL,
        stored_at TEXT NOT NULL)""",
    "CREATE INDEX ix_articles_published_utc ON articles (published_utc)",
    """CREATE VIRTUAL TABLE articles_fts USING fts5(
        article_id UNINDEXED, title, text,
        tokenize = 'porter unicode61 remove_diacritics 2')""",
    """CREATE TABLE mentions (
        id INTEGER PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        kind TEXT NOT NULL,
        start INTEGER NOT NULL,
        "end" INTEGER NOT NULL,
        text TEXT NOT NULL,
        label TEXT NOT NULL,
        data TEXT NOT NULL DEFAULT '{}',
        UNIQUE (article_id, seq))""",
    "CREATE INDEX ix_mentions_kind ON mentions (kind, label)",
    """CREATE TABLE events (
        id TEXT PRIMARY KEY,
        article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        date TEXT,
        event TEXT NOT NULL,
        mode TEXT,
        modality TEXT NOT NULL,
        quad_code INTEGER NOT NULL,
        confidence REAL NOT NULL,
        is_primary INTEGER NOT NULL,
        trigger_start INTEGER NOT NULL,
        record TEXT NOT NULL,
        UNIQUE (article_id, seq))""",
    "CREATE INDEX ix_events_date ON events (date, article_id, trigger_start)",
    "CREATE INDEX ix_events_event ON events (event, mode)",
    "CREATE INDEX ix_events_modality ON events (modality)",
    "CREATE INDEX ix_events_quad ON events (quad_code)",
    "CREATE INDEX ix_events_confidence ON events (confidence)",
    "CREATE INDEX ix_events_primary ON events (is_primary)",
    """CREATE TABLE actors (
        key TEXT PRIMARY KEY,
        code TEXT NOT NULL,
        sector TEXT,
        entity_name TEXT,
        kind TEXT NOT NULL,
        identifier_id TEXT)""",
    "CREATE INDEX ix_actors_code ON actors (code, sector)",
    """CREATE TABLE event_actors (
        id INTEGER PRIMARY KEY,
        event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('actor', 'recipient')),
        position INTEGER NOT NULL,
        code TEXT NOT NULL,
        sector TEXT,
        entity_name TEXT,
        entity_text TEXT NOT NULL,
        actor_key TEXT NOT NULL REFERENCES actors (key),
        UNIQUE (event_id, role, position))""",
    "CREATE INDEX ix_event_actors_code ON event_actors (code, role)",
    "CREATE INDEX ix_event_actors_key ON event_actors (actor_key)",
    """CREATE TABLE evidence (
        event_id TEXT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        sentence_start INTEGER NOT NULL,
        sentence_end INTEGER NOT NULL,
        trigger_start INTEGER NOT NULL,
        trigger_end INTEGER NOT NULL,
        trigger TEXT NOT NULL,
        sentence TEXT NOT NULL)""",
    "CREATE INDEX ix_evidence_article ON evidence (article_id)",
]


@migration(1, "initial schema: articles, full-text index, mentions, events, actors, evidence")
def _initial(conn: Connection) -> None:
    for ddl in _INITIAL:
        conn.exec_driver_sql(ddl)


_LEDGER = [
    """CREATE TABLE ledger_clusters (
        id TEXT PRIMARY KEY,
        event TEXT NOT NULL,
        date TEXT,
        n_sources INTEGER NOT NULL,
        record TEXT NOT NULL)""",
    "CREATE INDEX ix_ledger_clusters_date ON ledger_clusters (date, event)",
    """CREATE TABLE ledger_positions (
        id TEXT PRIMARY KEY,
        party TEXT NOT NULL,
        topic TEXT NOT NULL,
        stance TEXT NOT NULL,
        last_seen TEXT,
        record TEXT NOT NULL)""",
    "CREATE INDEX ix_ledger_positions_party ON ledger_positions (party, topic)",
    """CREATE TABLE ledger_agreements (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL,
        first_date TEXT,
        record TEXT NOT NULL)""",
    "CREATE INDEX ix_ledger_agreements_kind ON ledger_agreements (kind, status)",
    """CREATE TABLE ledger_allegations (
        id TEXT PRIMARY KEY,
        agreement_id TEXT NOT NULL,
        accused TEXT NOT NULL,
        date TEXT,
        record TEXT NOT NULL)""",
    "CREATE INDEX ix_ledger_allegations_agreement ON ledger_allegations (agreement_id, date)",
]


@migration(2, "ledger: event clusters, positions, agreements, allegations")
def _ledger(conn: Connection) -> None:
    for ddl in _LEDGER:
        conn.exec_driver_sql(ddl)


@migration(3, "indexes for the dashboard: timeline buckets and events by actor code")
def _dashboard_indexes(conn: Connection) -> None:
    # the timeline groups by date with type and quad filters; actor pages and
    # the --actor filter look events up by code (measured by make bench-web)
    conn.exec_driver_sql("CREATE INDEX ix_events_timeline ON events (date, event, quad_code)")
    conn.exec_driver_sql("CREATE INDEX ix_event_actors_code_event ON event_actors (code, event_id)")
