"""SQLAlchemy Core table definitions of the newest schema, used to build queries.

The tables are *created* by the migrations (detente.store.migrations), never by
`metadata.create_all`; a test checks that these definitions match what the
migrations produce.
"""

from __future__ import annotations

from sqlalchemy import Column, Float, ForeignKey, Integer, MetaData, Table, Text

metadata = MetaData()

schema_migrations = Table(
    "schema_migrations", metadata,
    Column("version", Integer, primary_key=True),
    Column("name", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)

articles = Table(
    "articles", metadata,
    Column("id", Text, primary_key=True),
    Column("title", Text),
    Column("url", Text),
    Column("outlet", Text),
    Column("published", Text),
    Column("published_utc", Text),
    Column("language", Text, nullable=False),
    Column("sentences", Text, nullable=False),
    Column("record", Text, nullable=False),
    Column("stored_at", Text, nullable=False),
)

# FTS5 virtual table: only inserted into and matched with raw SQL.
articles_fts = Table(
    "articles_fts", metadata,
    Column("article_id", Text),
    Column("title", Text),
    Column("text", Text),
)

mentions = Table(
    "mentions", metadata,
    Column("id", Integer, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("kind", Text, nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("text", Text, nullable=False),
    Column("label", Text, nullable=False),
    Column("data", Text, nullable=False),
)

events = Table(
    "events", metadata,
    Column("id", Text, primary_key=True),
    Column("article_id", Text, ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    Column("seq", Integer, nullable=False),
    Column("date", Text),
    Column("event", Text, nullable=False),
    Column("mode", Text),
    Column("modality", Text, nullable=False),
    Column("quad_code", Integer, nullable=False),
    Column("confidence", Float, nullable=False),
    Column("is_primary", Integer, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("record", Text, nullable=False),
)

actors = Table(
    "actors", metadata,
    Column("key", Text, primary_key=True),
    Column("code", Text, nullable=False),
    Column("sector", Text),
    Column("entity_name", Text),
    Column("kind", Text, nullable=False),
    Column("identifier_id", Text),
)

event_actors = Table(
    "event_actors", metadata,
    Column("id", Integer, primary_key=True),
    Column("event_id", Text, ForeignKey("events.id", ondelete="CASCADE"), nullable=False),
    Column("role", Text, nullable=False),
    Column("position", Integer, nullable=False),
    Column("code", Text, nullable=False),
    Column("sector", Text),
    Column("entity_name", Text),
    Column("entity_text", Text, nullable=False),
    Column("actor_key", Text, ForeignKey("actors.key"), nullable=False),
)

evidence = Table(
    "evidence", metadata,
    Column("event_id", Text, ForeignKey("events.id", ondelete="CASCADE"), primary_key=True),
    Column("article_id", Text, nullable=False),
    Column("sentence_start", Integer, nullable=False),
    Column("sentence_end", Integer, nullable=False),
    Column("trigger_start", Integer, nullable=False),
    Column("trigger_end", Integer, nullable=False),
    Column("trigger", Text, nullable=False),
    Column("sentence", Text, nullable=False),
)

ledger_clusters = Table(
    "ledger_clusters", metadata,
    Column("id", Text, primary_key=True),
    Column("event", Text, nullable=False),
    Column("date", Text),
    Column("n_sources", Integer, nullable=False),
    Column("record", Text, nullable=False),
)

ledger_positions = Table(
    "ledger_positions", metadata,
    Column("id", Text, primary_key=True),
    Column("party", Text, nullable=False),
    Column("topic", Text, nullable=False),
    Column("stance", Text, nullable=False),
    Column("last_seen", Text),
    Column("record", Text, nullable=False),
)

ledger_agreements = Table(
    "ledger_agreements", metadata,
    Column("id", Text, primary_key=True),
    Column("kind", Text, nullable=False),
    Column("status", Text, nullable=False),
    Column("first_date", Text),
    Column("record", Text, nullable=False),
)

ledger_allegations = Table(
    "ledger_allegations", metadata,
    Column("id", Text, primary_key=True),
    Column("agreement_id", Text, nullable=False),
    Column("accused", Text, nullable=False),
    Column("date", Text),
    Column("record", Text, nullable=False),
)

#: The ledger's tables (rebuilt as a whole by Store.replace_ledger).
LEDGER_TABLES = [ledger_clusters, ledger_positions, ledger_agreements, ledger_allegations]

#: Ordinary tables (not the FTS index), for schema checks and counts.
TABLES = [schema_migrations, articles, mentions, events, actors, event_actors, evidence, *LEDGER_TABLES]
