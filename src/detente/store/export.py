"""Export stored events: PLOVER JSON lines, a flat CSV, or a Parquet events table.

PLOVER JSON lines keep every field (`Event.to_plover`); CSV flattens one event
to one row for spreadsheets (lists joined with ";"); Parquet has the same flat
columns, typed, plus the nested fields as JSON strings for analysis in
pandas, polars or DuckDB.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TextIO

from detente.errors import DetenteError
from detente.records import ActorRef, Article, Event, EventFilter
from detente.store.base import Store

FORMATS = ("plover-jsonl", "csv", "parquet")

#: Flat columns, in order, shared by CSV and Parquet.
FLAT_COLUMNS = [
    "id", "date", "event", "mode", "quad_code", "modality",
    "actor_codes", "recipient_codes", "speaker", "outlets", "condition", "confidence", "primary",
    "article_id", "sentence",
    "actor_sectors", "actor_names", "recipient_sectors", "recipient_names",
    "object", "context", "date_precision", "date_raw", "date_fallback",
    "location", "country_code", "lat", "lon", "geonameid",
    "trigger", "trigger_start", "trigger_end", "cue", "hedges", "cameo",
    "url", "title", "outlet", "published",
]

#: Nested fields written to Parquet as JSON strings.
JSON_COLUMNS = ["actor", "recipient", "event_loc", "size", "quantities", "date_info", "attribution", "acled"]


def export_events(store: Store, fmt: str, out: Path | TextIO, flt: EventFilter | None = None) -> int:
    """Write the store's events (all, or those matching `flt`) in `fmt`; return rows written.

    `out` is a path or an open text stream (a stream only for plover-jsonl and
    csv).  For parquet a path ending in .parquet is a file; any other path is
    a directory that receives events.parquet.  An unknown format raises E203.
    """
    if fmt not in FORMATS:
        raise DetenteError("E203", f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}",
                           format=fmt)
    pairs = list(_with_articles(store, store.events(flt or EventFilter())))
    if fmt == "parquet":
        if not isinstance(out, (str, Path)):
            raise DetenteError("E203", "parquet export needs a file or directory path, not a stream")
        return _write_parquet(pairs, Path(out))
    writer = _write_jsonl if fmt == "plover-jsonl" else _write_csv
    if isinstance(out, (str, Path)):
        with open(out, "w", encoding="utf-8", newline="") as fh:
            return writer(pairs, fh)
    return writer(pairs, out)


def _with_articles(store: Store, events: list[Event]) -> Iterator[tuple[Event, Article | None]]:
    """Each event with its article (looked up once per article), for citation fields."""
    cache: dict[str, Article | None] = {}
    for ev in events:
        aid = ev.evidence.article_id
        if aid not in cache:
            cache[aid] = store.article(aid)
        yield ev, cache[aid]


def _write_jsonl(pairs: list[tuple[Event, Article | None]], fh: TextIO) -> int:
    for ev, article in pairs:
        fh.write(json.dumps(ev.to_plover(article), ensure_ascii=False) + "\n")
    return len(pairs)


def _write_csv(pairs: list[tuple[Event, Article | None]], fh: TextIO) -> int:
    writer = csv.DictWriter(fh, fieldnames=FLAT_COLUMNS)
    writer.writeheader()
    for ev, article in pairs:
        writer.writerow({k: "" if v is None else v for k, v in flat_row(ev, article).items()})
    return len(pairs)


def _write_parquet(pairs: list[tuple[Event, Article | None]], out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = out if out.suffix in (".parquet", ".pq") else out / "events.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    schema = _parquet_schema()
    rows = [flat_row(ev, article) | nested_json(ev) for ev, article in pairs]
    columns = {name: [r[name] for r in rows] for name in schema.names}
    pq.write_table(pa.Table.from_pydict(columns, schema=schema), target)
    return len(rows)


def _join(values: list[str | None]) -> str:
    return ";".join(v or "" for v in values)


def _name(ref: ActorRef) -> str:
    return ref.entity_name or ref.entity_text


def flat_row(ev: Event, article: Article | None) -> dict[str, Any]:
    """One event as a flat dict of scalars (lists joined with ';'), keyed by FLAT_COLUMNS."""
    loc, att, evid = ev.event_loc, ev.attribution, ev.evidence
    return {
        "id": ev.id,
        "date": ev.date.date,
        "event": ev.event,
        "mode": ev.mode,
        "quad_code": ev.quad_code,
        "modality": ev.modality.value,
        "actor_codes": _join([a.code for a in ev.actor]),
        "recipient_codes": _join([a.code for a in ev.recipient]),
        "speaker": _join([_name(s) for s in att.speaker]) or att.speaker_text,
        "outlets": _join(att.outlets),
        "condition": ev.condition,
        "confidence": ev.confidence,
        "primary": ev.primary,
        "article_id": evid.article_id,
        "sentence": evid.sentence,
        "actor_sectors": _join([a.sector for a in ev.actor]),
        "actor_names": _join([_name(a) for a in ev.actor]),
        "recipient_sectors": _join([a.sector for a in ev.recipient]),
        "recipient_names": _join([_name(a) for a in ev.recipient]),
        "object": ev.object,
        "context": _join(ev.context),
        "date_precision": ev.date.precision,
        "date_raw": ev.date.raw,
        "date_fallback": ev.date.fallback,
        "location": loc.name if loc else None,
        "country_code": loc.country_code if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "geonameid": loc.geonameid if loc else None,
        "trigger": evid.trigger,
        "trigger_start": evid.trigger_start,
        "trigger_end": evid.trigger_end,
        "cue": att.cue,
        "hedges": _join(att.hedges),
        "cameo": ev.cameo,
        "url": article.url if article else None,
        "title": article.title if article else None,
        "outlet": article.outlet if article else None,
        "published": article.published.isoformat() if article and article.published else None,
    }


def nested_json(ev: Event) -> dict[str, str | None]:
    """The nested fields of an event as JSON strings, keyed by JSON_COLUMNS."""
    def dump(value: Any) -> str | None:
        return None if value is None else json.dumps(value, ensure_ascii=False)

    return {
        "actor": dump([a.model_dump(mode="json") for a in ev.actor]),
        "recipient": dump([a.model_dump(mode="json") for a in ev.recipient]),
        "event_loc": dump(ev.event_loc.model_dump(mode="json") if ev.event_loc else None),
        "size": dump(dict(ev.size)),
        "quantities": dump([q.model_dump(mode="json") for q in ev.quantities]),
        "date_info": dump(ev.date.model_dump(mode="json")),
        "attribution": dump(ev.attribution.model_dump(mode="json")),
        "acled": dump(ev.acled),
    }


def _parquet_schema() -> Any:
    import pyarrow as pa

    types = {"quad_code": pa.int8(), "confidence": pa.float64(), "primary": pa.bool_(),
             "date_fallback": pa.bool_(), "lat": pa.float64(), "lon": pa.float64(),
             "geonameid": pa.int64(), "trigger_start": pa.int64(), "trigger_end": pa.int64()}
    return pa.schema([(name, types.get(name, pa.string())) for name in FLAT_COLUMNS + JSON_COLUMNS])

