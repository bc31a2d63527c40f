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
from detente.records import Article, Event, EventFilter
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
        writer.writerow({k: "" if v is None else v for k, v in flatten(ev.to_plover(article)).items()})
    return len(pairs)


def _write_parquet(pairs: list[tuple[Event, Article | None]], out: Path) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    target = out if out.suffix in (".parquet", ".pq") else out / "events.parquet"
    target.parent.mkdir(parents=True, exist_ok=True)
    schema = _parquet_schema()
    records = [ev.to_plover(article) for ev, article in pairs]
    rows = [flatten(r) | nested_json(r) for r in records]
    columns = {name: [r[name] for r in rows] for name in schema.names}
    pq.write_table(pa.Table.from_pydict(columns, schema=schema), target)
    return len(rows)


def _join(values: list[str | None]) -> str:
    return ";".join(v or "" for v in values)


def _names(refs: list[dict[str, Any]]) -> str:
    return _join([r.get("entity_name") or r.get("entity_text") for r in refs])


def flatten(record: dict[str, Any]) -> dict[str, Any]:
    """One PLOVER record (`Event.to_plover()`) as a flat dict of scalars keyed by FLAT_COLUMNS.

    Lists are joined with ';' (kept aligned: an actor without a sector leaves
    an empty slot in actor_sectors).
    """
    actors, recipients = record.get("actor") or [], record.get("recipient") or []
    loc = record.get("event_loc") or {}
    att = record.get("attribution") or {}
    date_info = record.get("date_info") or {}
    text_info = record.get("text_info") or {}
    cite = record.get("cite_info") or {}
    return {
        "id": record.get("id"),
        "date": record.get("date"),
        "event": record.get("event"),
        "mode": record.get("mode"),
        "quad_code": record.get("quad_code"),
        "modality": record.get("modality"),
        "actor_codes": _join([a.get("code") for a in actors]),
        "recipient_codes": _join([a.get("code") for a in recipients]),
        "speaker": _names(att.get("speaker") or []) or att.get("speaker_text"),
        "outlets": _join(att.get("outlets") or []),
        "condition": record.get("condition"),
        "confidence": record.get("confidence"),
        "primary": record.get("primary"),
        "article_id": record.get("article_id") or cite.get("article_id"),
        "sentence": record.get("text"),
        "actor_sectors": _join([a.get("sector") for a in actors]),
        "actor_names": _names(actors),
        "recipient_sectors": _join([a.get("sector") for a in recipients]),
        "recipient_names": _names(recipients),
        "object": record.get("object"),
        "context": _join(record.get("context") or []),
        "date_precision": date_info.get("precision"),
        "date_raw": date_info.get("raw"),
        "date_fallback": date_info.get("fallback"),
        "location": loc.get("name"),
        "country_code": loc.get("country_code"),
        "lat": loc.get("lat"),
        "lon": loc.get("lon"),
        "geonameid": loc.get("geonameid"),
        "trigger": record.get("event_text"),
        "trigger_start": text_info.get("trigger_start"),
        "trigger_end": text_info.get("trigger_end"),
        "cue": att.get("cue"),
        "hedges": _join(att.get("hedges") or []),
        "cameo": record.get("cameo"),
        "url": cite.get("url"),
        "title": cite.get("title"),
        "outlet": cite.get("publication"),
        "published": cite.get("published"),
    }


def nested_json(record: dict[str, Any]) -> dict[str, str | None]:
    """The nested fields of a PLOVER record as JSON strings, keyed by JSON_COLUMNS."""
    return {name: None if record.get(name) is None else json.dumps(record[name], ensure_ascii=False)
            for name in JSON_COLUMNS}


def _parquet_schema() -> Any:
    import pyarrow as pa

    types = {"quad_code": pa.int8(), "confidence": pa.float64(), "primary": pa.bool_(),
             "date_fallback": pa.bool_(), "lat": pa.float64(), "lon": pa.float64(),
             "geonameid": pa.int64(), "trigger_start": pa.int64(), "trigger_end": pa.int64()}
    return pa.schema([(name, types.get(name, pa.string())) for name in FLAT_COLUMNS + JSON_COLUMNS])

