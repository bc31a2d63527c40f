"""Read-only queries behind the pages: aggregates and slices the store does not offer.

The pages must stay fast on a database of 100,000+ events, so nothing here loads
every event: counts are SQL aggregates, lists are LIMITed, and ledger records are
read per table (never the whole ledger).  Every statement is parameterised and
runs on a connection opened with SQLite's `mode=ro`, so a page can never write.
"""

from __future__ import annotations

import os
import sqlite3
import threading
from collections import OrderedDict, defaultdict
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Iterator, TypeVar

from detente.errors import DetenteError
from detente.ledger.records import Agreement, Allegation, EventCluster, Position
from detente.records import Event

MAX_BUCKETS = 160
CACHE_SIZE = 256
T = TypeVar("T")


@contextmanager
def read_only(db: str) -> Iterator[sqlite3.Connection]:
    """A read-only sqlite3 connection to the database file (E301 when it cannot be opened)."""
    path = Path(db)
    if not path.is_file():
        raise DetenteError("E301", f"{db} does not exist", db=str(db))
    conn = sqlite3.connect(path.resolve().as_uri() + "?mode=ro", uri=True, timeout=5.0,
                           check_same_thread=False)
    try:
        yield conn
    finally:
        conn.close()


# --------------------------------------------------------------------------- cache


_cache: OrderedDict[tuple, Any] = OrderedDict()
_cache_lock = threading.Lock()


def db_token(db: str) -> tuple:
    """What changes whenever the database changes: size and mtime of the file and of its WAL."""
    token: list = [str(Path(db).resolve())]
    for suffix in ("", "-wal"):
        try:
            st = os.stat(f"{db}{suffix}")
            token += [st.st_mtime_ns, st.st_size]
        except FileNotFoundError:
            token += [None, None]
    return tuple(token)


def memo(db: str, key: tuple, compute: Callable[[], T]) -> T:
    """`compute()`, remembered until the database file changes (LRU of CACHE_SIZE entries).

    Whole-table aggregates (counts per day, per party) cost hundreds of ms on 100,000
    events without a covering index; the pages read a database that only changes on
    ingest, so a result keyed by the file's state is exact until the next write.
    """
    full = (db_token(db), *key)
    with _cache_lock:
        if full in _cache:
            _cache.move_to_end(full)
            return _cache[full]
    value = compute()
    with _cache_lock:
        _cache[full] = value
        while len(_cache) > CACHE_SIZE:
            _cache.popitem(last=False)
    return value


def clear_cache() -> None:
    """Forget every remembered result (the benchmark measures cold requests with it)."""
    with _cache_lock:
        _cache.clear()


# --------------------------------------------------------------------------- events


@dataclass(frozen=True)
class EventQuery:
    """The timeline's filters, all optional."""

    event: str | None = None
    quad: int | None = None
    party: str | None = None
    since: str | None = None
    until: str | None = None

    def where(self) -> tuple[str, list]:
        """A WHERE clause over `events AS e` and its parameters."""
        parts, params = ["1=1"], []
        if self.event:
            parts.append("e.event = ?")
            params.append(self.event.upper())
        if self.quad:
            parts.append("e.quad_code = ?")
            params.append(int(self.quad))
        if self.party:
            # unary + keeps the planner on the date index (newest first) rather than driving by the list
            parts.append("+e.id IN (SELECT event_id FROM event_actors WHERE code = ?)")
            params.append(self.party.upper())
        if self.since:
            parts.append("e.date IS NOT NULL AND substr(e.date, 1, 10) >= ?")
            params.append(self.since)
        if self.until:
            parts.append("e.date IS NOT NULL AND substr(e.date, 1, 10) <= ?")
            params.append(self.until)
        return " AND ".join(parts), params


def day_counts(conn: sqlite3.Connection, q: EventQuery) -> list[tuple[str | None, str, int, int]]:
    """(day or month prefix, event type, quad class, count) for every event matching q.

    Undated events come with None as the day, so the counts sum to the number of
    matching events (one pass over the table serves both the chart and the total).
    """
    where, params = q.where()
    # Plain columns in GROUP BY (dates are ISO, at most 10 characters) let SQLite stream
    # the groups from an index on (date, event, quad_code) where the schema has one.
    sql = (f"SELECT e.date, e.event, e.quad_code, count(*) FROM events AS e "
           f"WHERE {where} GROUP BY e.date, e.event, e.quad_code")
    return [(d, ev, int(quad), int(n)) for d, ev, quad, n in conn.execute(sql, params)]


def count_events(conn: sqlite3.Connection, q: EventQuery) -> int:
    where, params = q.where()
    return int(conn.execute(f"SELECT count(*) FROM events AS e WHERE {where}", params).fetchone()[0])


def list_events(conn: sqlite3.Connection, q: EventQuery, limit: int = 100, offset: int = 0) -> list[Event]:
    """The newest events matching q first, undated last (the order of ix_events_date, read backwards)."""
    where, params = q.where()
    sql = (f"SELECT e.record FROM events AS e WHERE {where} "
           f"ORDER BY e.date DESC, e.article_id DESC, e.trigger_start DESC LIMIT ? OFFSET ?")
    return [Event.model_validate_json(r) for (r,) in conn.execute(sql, [*params, limit, offset])]


def search_events(conn: sqlite3.Connection, text: str, limit: int = 50) -> list[Event]:
    """Events whose evidence sentence, trigger or object contains `text` (case-insensitive)."""
    needle = "%" + text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%"
    sql = ("SELECT e.record FROM evidence AS v JOIN events AS e ON e.id = v.event_id "
           "WHERE v.sentence LIKE ? ESCAPE '\\' OR v.trigger LIKE ? ESCAPE '\\' "
           "ORDER BY e.date DESC LIMIT ?")
    return [Event.model_validate_json(r) for (r,) in conn.execute(sql, [needle, needle, limit])]


def sentence_starts(conn: sqlite3.Connection, event_ids: list[str]) -> dict[str, int]:
    """event id -> start offset of its evidence sentence (for `#s-{start}` links)."""
    out: dict[str, int] = {}
    ids = sorted(set(event_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i:i + 500]
        marks = ",".join("?" * len(chunk))
        for eid, start in conn.execute(
                f"SELECT event_id, sentence_start FROM evidence WHERE event_id IN ({marks})", chunk):
            out[eid] = int(start)
    return out


def actor_names(conn: sqlite3.Connection, code: str) -> list[tuple[str | None, str | None, int]]:
    """(sector, entity name, events) of every stored actor with this code, most events first."""
    sql = ("SELECT a.sector, a.entity_name, count(DISTINCT ea.event_id) FROM actors AS a "
           "LEFT JOIN event_actors AS ea ON ea.actor_key = a.key WHERE a.code = ? "
           "GROUP BY a.key ORDER BY 3 DESC LIMIT 50")
    return [(s, n, int(c)) for s, n, c in conn.execute(sql, [code.upper()])]


def party_codes(conn: sqlite3.Connection, limit: int = 300) -> list[str]:
    """Every actor code, alphabetically, for the timeline's party filter (from the small actors table)."""
    sql = "SELECT DISTINCT code FROM actors ORDER BY code LIMIT ?"
    return [c for (c,) in conn.execute(sql, [limit])]


# --------------------------------------------------------------------------- ledger


def agreements(conn: sqlite3.Connection) -> list[Agreement]:
    rows = conn.execute("SELECT record FROM ledger_agreements ORDER BY first_date IS NULL, first_date, id")
    return [Agreement.model_validate_json(r) for (r,) in rows]


def agreement(conn: sqlite3.Connection, agreement_id: str) -> Agreement | None:
    row = conn.execute("SELECT record FROM ledger_agreements WHERE id = ?", [agreement_id]).fetchone()
    return Agreement.model_validate_json(row[0]) if row else None


def allegations_of(conn: sqlite3.Connection, agreement_id: str) -> list[Allegation]:
    rows = conn.execute("SELECT record FROM ledger_allegations WHERE agreement_id = ? "
                        "ORDER BY date IS NULL, date, id", [agreement_id])
    return [Allegation.model_validate_json(r) for (r,) in rows]


def allegation_counts(conn: sqlite3.Connection) -> dict[str, int]:
    rows = conn.execute("SELECT agreement_id, count(*) FROM ledger_allegations GROUP BY agreement_id")
    return {a: int(n) for a, n in rows}


def positions(conn: sqlite3.Connection, party: str | None = None, topic: str | None = None) -> list[Position]:
    sql, params = "SELECT record FROM ledger_positions WHERE 1=1", []
    if party:
        sql += " AND party = ?"
        params.append(party.upper())
    if topic:
        sql += " AND topic = ?"
        params.append(topic)
    rows = conn.execute(sql + " ORDER BY party, topic, id", params)
    return [Position.model_validate_json(r) for (r,) in rows]


def ledger_counts(conn: sqlite3.Connection) -> dict[str, int]:
    tables = {"clusters": "ledger_clusters", "positions": "ledger_positions",
              "agreements": "ledger_agreements", "allegations": "ledger_allegations"}
    return {k: int(conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]) for k, t in tables.items()}


@dataclass
class ArticleLinks:
    """The ledger records that cite one article, by the event ids they cite."""

    agreements: dict[str, list[Agreement]]
    positions: dict[str, list[Position]]
    allegations: dict[str, list[Allegation]]
    clusters: dict[str, list[EventCluster]]


def records_citing(conn: sqlite3.Connection, article_id: str) -> ArticleLinks:
    """Every ledger record whose JSON names this article, indexed by the event ids it cites."""
    links = ArticleLinks(defaultdict(list), defaultdict(list), defaultdict(list), defaultdict(list))
    specs = [("ledger_agreements", Agreement, links.agreements), ("ledger_positions", Position, links.positions),
             ("ledger_allegations", Allegation, links.allegations), ("ledger_clusters", EventCluster, links.clusters)]
    for table, model, index in specs:
        for (raw,) in conn.execute(f"SELECT record FROM {table} WHERE instr(record, ?) > 0", [article_id]):
            record = model.model_validate_json(raw)
            for eid in _cited_event_ids(record):
                if record not in index[eid]:
                    index[eid].append(record)
    return links


def _cited_event_ids(record: Agreement | Position | Allegation | EventCluster) -> set[str]:
    if isinstance(record, EventCluster):
        return set(record.event_ids)
    if isinstance(record, Agreement):
        ids = {m.event_id for m in record.mentions}
        ids.update(e.event_id for h in record.history for e in h.evidence)
        return ids
    if isinstance(record, Position):
        return {e.event_id for e in record.evidence} | {h.evidence.event_id for h in record.history}
    ids = {e.event_id for e in record.evidence}
    ids.update(d.evidence.event_id for d in record.denials)
    return ids


# --------------------------------------------------------------------------- dates


@lru_cache(maxsize=8192)
def parse_day(value: str | None) -> date | None:
    """A date from an ISO prefix: YYYY-MM-DD, YYYY-MM (the 1st) or YYYY (1 January); None if unreadable."""
    if not value:
        return None
    parts = value[:10].split("-")
    try:
        nums = [int(p) for p in parts[:3]] + [1] * (3 - len(parts[:3]))
        return date(nums[0], nums[1], nums[2])
    except (ValueError, IndexError, OverflowError):  # "9223372036854775808": past any year
        return None


def bucket_start(day: date, unit: str) -> date:
    """The first day of the day/week/month bucket holding `day` (weeks start on Monday)."""
    if unit == "week":
        return day - timedelta(days=day.weekday())
    if unit == "month":
        return day.replace(day=1)
    return day


def choose_unit(first: date, last: date, wanted: str | None) -> str:
    """The requested bucket unit, coarsened until the chart has at most MAX_BUCKETS bars."""
    order = ["day", "week", "month"]
    unit = wanted if wanted in order else "week"
    span = (last - first).days + 1
    sizes = {"day": 1, "week": 7, "month": 30}
    while unit != "month" and span / sizes[unit] > MAX_BUCKETS:
        unit = order[order.index(unit) + 1]
    return unit
