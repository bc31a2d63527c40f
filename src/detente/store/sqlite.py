"""SQLite backend of `Store`, written with SQLAlchemy Core.

One file, WAL journal (readers never block the writer), foreign keys on, and
one IMMEDIATE transaction per saved article, so a crash mid-article leaves
nothing of it behind and re-running a batch completes it without duplicates.

The count of article writes not yet in the ledger is SQLite's `user_version`:
each save or delete adds one in its own transaction, and replace_ledger takes
off the writes the new ledger was built after.  So a process killed between
its last article and the ledger leaves a non-zero count, and the next ingest
sees that the ledger is stale and rebuilds it.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, case, create_engine, event, func, literal, select, text
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError, OperationalError
from sqlalchemy.pool import QueuePool, StaticPool

from detente.errors import DetenteError
from detente.ledger.records import Ledger
from detente.records import ActorRef, Article, ArticleAnalysis, Event, EventFilter, Mention
from detente.store import migrations
from detente.store import schema as t
from detente.store.base import Store

#: Markers around matched words in search snippets.
SNIPPET_OPEN = "["
SNIPPET_CLOSE = "]"
_SNIPPET_TOKENS = 16
_BUSY_TIMEOUT_S = 30.0


class SQLiteStore(Store):
    """A `Store` in one SQLite file (or in memory, for throwaway use)."""

    def __init__(self, engine: Engine, location: str, readonly: bool = False):
        """Wrap an engine made by `open_store`; use `open_store` rather than this."""
        self._engine = engine
        self.location = location
        self.readonly = readonly

    # ------------------------------------------------------------------ plumbing

    @contextmanager
    def _write(self) -> Iterator[Connection]:
        """A connection inside one IMMEDIATE transaction: committed on success, rolled back on error."""
        if self.readonly:
            raise DetenteError("E301", f"{self.location} is opened read-only; it cannot be written",
                               db=self.location)
        with self._engine.connect().execution_options(detente_write=True) as conn:
            with conn.begin():
                yield conn

    @contextmanager
    def _read(self) -> Iterator[Connection]:
        """A connection for reading; its (deferred) transaction sees one snapshot."""
        with self._engine.connect() as conn:
            yield conn

    def schema_version(self) -> int:
        """The schema version recorded in the database."""
        with self._read() as conn:
            return migrations.current_version(conn)

    def close(self) -> None:
        self._engine.dispose()

    # ------------------------------------------------------------------ writing

    def has_article(self, article_id: str) -> bool:
        with self._read() as conn:
            found = conn.execute(select(t.articles.c.id).where(t.articles.c.id == article_id)).first()
        return found is not None

    def article_ids(self, prefix: str, limit: int = 2) -> list[str]:
        # ids are lowercase hex: escape nothing, just refuse LIKE wildcards
        if not prefix or any(ch in prefix for ch in "%_\\"):
            return []
        with self._read() as conn:
            rows = conn.execute(select(t.articles.c.id).where(t.articles.c.id.like(f"{prefix}%"))
                                .order_by(t.articles.c.id).limit(limit)).all()
        return [r[0] for r in rows]

    def save(self, article: Article, analysis: ArticleAnalysis) -> bool:
        _check_ids(article, analysis)
        article_row = _article_row(article, analysis)
        mention_rows = [_mention_row(article.id, i, m) for i, m in enumerate(analysis.mentions)]
        event_rows = [_event_row(article.id, i, ev) for i, ev in enumerate(analysis.events)]
        evidence_rows = [_evidence_row(ev) for ev in analysis.events]
        actor_rows, link_rows = _actor_rows(analysis.events)

        with self._write() as conn:
            inserted = conn.execute(
                sqlite_insert(t.articles).values(**article_row).on_conflict_do_nothing(index_elements=["id"])
            )
            if inserted.rowcount == 0:
                return False
            conn.execute(t.articles_fts.insert().values(article_id=article.id, title=article.title or "",
                                                        text=article.text))
            if mention_rows:
                conn.execute(t.mentions.insert(), mention_rows)
            if event_rows:
                conn.execute(t.events.insert(), event_rows)
                conn.execute(t.evidence.insert(), evidence_rows)
            if actor_rows:
                conn.execute(_actor_upsert(), actor_rows)
                conn.execute(t.event_actors.insert(), link_rows)
            _add_pending(conn, 1)
        return True

    def delete(self, article_id: str) -> bool:
        with self._write() as conn:
            conn.execute(t.articles_fts.delete().where(t.articles_fts.c.article_id == article_id))
            # mentions, events, event_actors and evidence go by ON DELETE CASCADE;
            # actors stay (their event counts drop).
            removed = conn.execute(t.articles.delete().where(t.articles.c.id == article_id))
            if removed.rowcount > 0:
                _add_pending(conn, 1)
        return removed.rowcount > 0

    # ------------------------------------------------------------------ reading

    def article(self, article_id: str) -> Article | None:
        with self._read() as conn:
            record = conn.execute(select(t.articles.c.record).where(t.articles.c.id == article_id)).scalar()
        return Article.model_validate_json(record) if record is not None else None

    def analysis(self, article_id: str) -> ArticleAnalysis | None:
        with self._read() as conn:
            sentences = conn.execute(
                select(t.articles.c.sentences).where(t.articles.c.id == article_id)).scalar()
            if sentences is None:
                return None
            mention_rows = conn.execute(
                select(t.mentions).where(t.mentions.c.article_id == article_id).order_by(t.mentions.c.seq)
            ).mappings().all()
            records = conn.execute(
                select(t.events.c.record).where(t.events.c.article_id == article_id).order_by(t.events.c.seq)
            ).scalars().all()
        return ArticleAnalysis(
            article_id=article_id,
            sentences=[tuple(s) for s in json.loads(sentences)],
            mentions=[Mention(kind=r["kind"], start=r["start"], end=r["end"], text=r["text"],
                              label=r["label"], data=json.loads(r["data"])) for r in mention_rows],
            events=[Event.model_validate_json(r) for r in records],
        )

    def events(self, flt: EventFilter) -> list[Event]:
        ev = t.events
        query = select(ev.c.record)
        if flt.actor:
            # IN (uncorrelated subquery): SQLite runs it once through the code index;
            # a correlated EXISTS went quadratic on 100,000 events
            query = query.where(ev.c.id.in_(select(t.event_actors.c.event_id)
                                            .where(t.event_actors.c.code == flt.actor.upper())))
        if flt.event:
            query = query.where(ev.c.event == flt.event.upper())
        if flt.article_id:
            query = query.where(ev.c.article_id == flt.article_id)
        # Compare ISO prefixes at the coarser of the two precisions, so an event
        # dated "2024-03" falls inside since="2024-03-10".
        if flt.since:
            query = query.where(ev.c.date.is_not(None),
                                func.substr(ev.c.date, 1, len(flt.since))
                                >= func.substr(literal(flt.since), 1, func.length(ev.c.date)))
        if flt.until:
            query = query.where(ev.c.date.is_not(None),
                                func.substr(ev.c.date, 1, len(flt.until))
                                <= func.substr(literal(flt.until), 1, func.length(ev.c.date)))
        query = query.order_by(ev.c.date.is_(None), ev.c.date, ev.c.article_id, ev.c.trigger_start, ev.c.seq)
        if flt.limit is not None:
            query = query.limit(max(flt.limit, 0))
        with self._read() as conn:
            records = conn.execute(query).scalars().all()
        return [Event.model_validate_json(r) for r in records]

    def articles(self, limit: int = 50, offset: int = 0) -> list[Article]:
        a = t.articles
        query = (select(a.c.record)
                 .order_by(a.c.published_utc.is_(None), a.c.published_utc.desc(), a.c.stored_at.desc(), a.c.id)
                 .limit(max(limit, 0)).offset(max(offset, 0)))
        with self._read() as conn:
            records = conn.execute(query).scalars().all()
        return [Article.model_validate_json(r) for r in records]

    def search(self, query: str, limit: int = 20) -> list[tuple[Article, str]]:
        if not query.strip() or limit <= 0:
            return []
        for attempt in (query, _as_phrase(query)):
            try:
                hits = self._match(attempt, limit)
            except OperationalError:
                continue  # not valid FTS5 syntax: retry as a phrase, then give up
            return hits
        return []

    def _match(self, fts_query: str, limit: int) -> list[tuple[Article, str]]:
        sql = text(
            "SELECT f.article_id, a.record, "
            f"snippet(articles_fts, -1, :open, :close, '…', {_SNIPPET_TOKENS}) "
            "FROM articles_fts AS f JOIN articles AS a ON a.id = f.article_id "
            "WHERE articles_fts MATCH :q ORDER BY rank LIMIT :n"
        )
        with self._read() as conn:
            rows = conn.execute(sql, {"q": fts_query, "n": limit, "open": SNIPPET_OPEN,
                                      "close": SNIPPET_CLOSE}).all()
        return [(Article.model_validate_json(record), snip) for _, record, snip in rows]

    def actors(self) -> list[dict[str, Any]]:
        a, ea = t.actors, t.event_actors
        n_events = func.count(ea.c.event_id.distinct()).label("events")
        query = (select(a.c.code, a.c.sector, a.c.entity_name, a.c.kind, a.c.identifier_id, n_events)
                 .select_from(a.outerjoin(ea, ea.c.actor_key == a.c.key))
                 .group_by(a.c.key)
                 .order_by(n_events.desc(), a.c.code, a.c.sector, a.c.entity_name))
        with self._read() as conn:
            return [dict(r) for r in conn.execute(query).mappings().all()]

    def stats(self) -> dict[str, int]:
        counts = {"articles": t.articles, "events": t.events, "mentions": t.mentions, "actors": t.actors}
        with self._read() as conn:
            return {name: int(conn.execute(select(func.count()).select_from(table)).scalar() or 0)
                    for name, table in counts.items()}

    # ------------------------------------------------------------------ ledger

    def ledger_pending(self) -> int:
        with self._read() as conn:
            return _pending(conn)

    def replace_ledger(self, ledger: Ledger, built_after: int | None = None) -> None:
        rows = {
            t.ledger_clusters: [{"id": c.id, "event": c.event, "date": c.date, "n_sources": c.n_sources,
                                 "record": c.model_dump_json()} for c in ledger.clusters],
            t.ledger_positions: [{"id": p.id, "party": p.party, "topic": p.topic, "stance": p.stance,
                                  "last_seen": p.last_seen, "record": p.model_dump_json()}
                                 for p in ledger.positions],
            t.ledger_agreements: [{"id": a.id, "kind": a.kind, "status": a.status,
                                   "first_date": a.history[0].date if a.history else None,
                                   "record": a.model_dump_json()} for a in ledger.agreements],
            t.ledger_allegations: [{"id": v.id, "agreement_id": v.agreement_id, "accused": ",".join(v.accused),
                                    "date": v.date, "record": v.model_dump_json()} for v in ledger.allegations],
        }
        with self._write() as conn:
            for table, table_rows in rows.items():
                conn.execute(table.delete())
                if table_rows:
                    conn.execute(table.insert(), table_rows)
            _add_pending(conn, -(_pending(conn) if built_after is None else built_after))

    def ledger(self) -> Ledger:
        from detente.ledger.records import Agreement, Allegation, EventCluster, Position

        def load(table, model):
            # rowid keeps the order in which replace_ledger inserted the records
            query = select(table.c.record).order_by(text("rowid"))
            return [model.model_validate_json(r) for r in conn.execute(query).scalars().all()]

        with self._read() as conn:
            return Ledger(clusters=load(t.ledger_clusters, EventCluster),
                          positions=load(t.ledger_positions, Position),
                          agreements=load(t.ledger_agreements, Agreement),
                          allegations=load(t.ledger_allegations, Allegation))


# --------------------------------------------------------------------------- ledger staleness


def _pending(conn: Connection) -> int:
    """Article writes since the ledger was last built (SQLite's user_version)."""
    return int(conn.exec_driver_sql("PRAGMA user_version").scalar() or 0)


def _add_pending(conn: Connection, delta: int) -> None:
    """Add `delta` to the count, inside the caller's write transaction (never below 0)."""
    if delta:
        conn.exec_driver_sql(f"PRAGMA user_version = {max(0, _pending(conn) + int(delta))}")


# --------------------------------------------------------------------------- rows


def _check_ids(article: Article, analysis: ArticleAnalysis) -> None:
    if analysis.article_id != article.id:
        raise DetenteError("E203", f"analysis is of article {analysis.article_id}, not {article.id}",
                           article_id=article.id, analysis_article_id=analysis.article_id)


def _utc(published: datetime | None) -> str | None:
    """A sortable publication time: UTC where the zone is known, as given otherwise."""
    if published is None:
        return None
    if published.tzinfo is not None:
        published = published.astimezone(timezone.utc).replace(tzinfo=None)
    return published.isoformat()


def _article_row(article: Article, analysis: ArticleAnalysis) -> dict[str, Any]:
    return {
        "id": article.id,
        "title": article.title,
        "url": article.url,
        "outlet": article.outlet,
        "published": article.published.isoformat() if article.published else None,
        "published_utc": _utc(article.published),
        "language": article.language,
        "sentences": json.dumps([list(s) for s in analysis.sentences]),
        "record": article.model_dump_json(),
        "stored_at": datetime.now(timezone.utc).isoformat(timespec="seconds"),
    }


def _mention_row(article_id: str, seq: int, m: Mention) -> dict[str, Any]:
    return {"article_id": article_id, "seq": seq, "kind": m.kind, "start": m.start, "end": m.end,
            "text": m.text, "label": m.label, "data": json.dumps(m.model_dump(mode="json")["data"])}


def _event_row(article_id: str, seq: int, ev: Event) -> dict[str, Any]:
    return {"id": ev.id, "article_id": article_id, "seq": seq, "date": ev.date.date, "event": ev.event,
            "mode": ev.mode, "modality": ev.modality.value, "quad_code": ev.quad_code,
            "confidence": ev.confidence, "is_primary": int(ev.primary),
            "trigger_start": ev.evidence.trigger_start, "record": ev.model_dump_json()}


def _evidence_row(ev: Event) -> dict[str, Any]:
    e = ev.evidence
    return {"event_id": ev.id, "article_id": e.article_id, "sentence_start": e.sentence_start,
            "sentence_end": e.sentence_end, "trigger_start": e.trigger_start, "trigger_end": e.trigger_end,
            "trigger": e.trigger, "sentence": e.sentence}


def actor_key(ref: ActorRef) -> str:
    """The identity of an actor in the actors table: code, sector and canonical name."""
    return f"{ref.code}|{ref.sector or ''}|{ref.entity_name or ''}"


def _actor_rows(events: list[Event]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Rows for the actors upsert (one per distinct actor) and for event_actors."""
    actors: dict[str, dict[str, Any]] = {}
    links: list[dict[str, Any]] = []
    for ev in events:
        for role, refs in (("actor", ev.actor), ("recipient", ev.recipient)):
            for pos, ref in enumerate(refs):
                key = actor_key(ref)
                seen = actors.get(key)
                if seen is None or (seen["kind"] == "unknown" and ref.kind != "unknown"):
                    actors[key] = {"key": key, "code": ref.code, "sector": ref.sector,
                                   "entity_name": ref.entity_name, "kind": ref.kind,
                                   "identifier_id": ref.identifier_id or (seen or {}).get("identifier_id")}
                elif seen["identifier_id"] is None and ref.identifier_id:
                    seen["identifier_id"] = ref.identifier_id
                links.append({"event_id": ev.id, "role": role, "position": pos, "code": ref.code,
                              "sector": ref.sector, "entity_name": ref.entity_name,
                              "entity_text": ref.entity_text, "actor_key": key})
    return list(actors.values()), links


def _actor_upsert() -> Any:
    """Insert an actor, or fill in its kind and identifier where this sighting knows more."""
    stmt = sqlite_insert(t.actors)
    return stmt.on_conflict_do_update(
        index_elements=["key"],
        set_={
            "kind": case((stmt.excluded.kind != "unknown", stmt.excluded.kind), else_=t.actors.c.kind),
            "identifier_id": func.coalesce(t.actors.c.identifier_id, stmt.excluded.identifier_id),
        },
    )


def _as_phrase(query: str) -> str:
    """The query as one FTS5 phrase, for input that is not valid FTS5 syntax."""
    return '"' + query.replace('"', '""') + '"'


# --------------------------------------------------------------------------- opening


def _resolve(db: str | Path) -> tuple[str | None, str]:
    """(filesystem path or None for in-memory, printable location) from a path or sqlite URL."""
    if isinstance(db, str) and "://" in db:
        url = make_url(db)
        if not url.drivername.startswith("sqlite"):
            raise DetenteError("E301", f"no storage backend for {url.drivername!r} (only sqlite)", db=db)
        if not url.database or url.database == ":memory:":
            return None, ":memory:"
        return url.database, url.database
    if str(db) == ":memory:":
        return None, ":memory:"
    return str(db), str(db)


def _engine(path: str | None, readonly: bool) -> Engine:
    """An engine whose connections have WAL, foreign keys and a busy timeout set."""
    if path is None:
        engine = create_engine("sqlite://", creator=lambda: sqlite3.connect(":memory:", check_same_thread=False),
                               poolclass=StaticPool)
    elif readonly:
        uri = Path(path).resolve().as_uri() + "?mode=ro"
        engine = create_engine("sqlite://", poolclass=QueuePool, creator=lambda: sqlite3.connect(
            uri, uri=True, timeout=_BUSY_TIMEOUT_S, check_same_thread=False))
    else:
        engine = create_engine("sqlite://", poolclass=QueuePool, creator=lambda: sqlite3.connect(
            path, timeout=_BUSY_TIMEOUT_S, check_same_thread=False))

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: sqlite3.Connection, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _on_begin)
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA foreign_keys = ON")
        if path is not None and not readonly:
            cur.execute("PRAGMA journal_mode = WAL")
            cur.execute("PRAGMA synchronous = NORMAL")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Connection) -> None:
        write = conn.get_execution_options().get("detente_write", False)
        conn.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")

    return engine


def open_store(db: str | Path, readonly: bool = False) -> SQLiteStore:
    """Open (creating and migrating unless readonly) the store at a path or sqlite:/// URL.

    Raises DetenteError E302 when the schema is newer than this code, E301 when
    the database cannot be opened (missing, not a database, or needing a
    migration while opened read-only).
    """
    path, location = _resolve(db)
    if path is not None and Path(path).is_dir():
        raise DetenteError("E301", f"{location} is a directory, not a database file", db=location)
    if path is not None and readonly and not Path(path).exists():
        raise DetenteError("E301", f"{location} does not exist", db=location)
    engine = _engine(path, readonly)
    try:
        with engine.connect().execution_options(detente_write=not readonly) as conn:
            with conn.begin():
                _check_or_migrate(conn, location, readonly)
    except DetenteError:
        engine.dispose()
        raise
    except (DBAPIError, sqlite3.Error) as exc:
        engine.dispose()
        raise DetenteError("E301", f"{location}: {getattr(exc, 'orig', exc)}", db=location) from exc
    return SQLiteStore(engine, location, readonly)


def _check_or_migrate(conn: Connection, location: str, readonly: bool) -> None:
    have, want = migrations.current_version(conn), migrations.latest_version()
    if have > want:
        raise DetenteError("E302", f"{location} has schema version {have}; this detente knows up to {want}",
                           db=location, schema_version=have, supported=want)
    if have < want:
        if readonly:
            raise DetenteError("E301", f"{location} has schema version {have} and needs migrating to {want};"
                               " open it once without read-only", db=location, schema_version=have)
        migrations.apply_pending(conn)
