"""Exports: PLOVER JSON lines, flat CSV, Parquet (read back with pyarrow)."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest

from detente.errors import DetenteError
from detente.records import EventFilter
from detente.store.export import FLAT_COLUMNS, JSON_COLUMNS, export_events


def test_plover_jsonl_to_stream(filled, sample_a):
    buf = io.StringIO()
    assert export_events(filled, "plover-jsonl", buf) == 5
    records = [json.loads(line) for line in buf.getvalue().splitlines()]
    assert len(records) == 5
    art, ana = sample_a
    by_id = {r["id"]: r for r in records}
    agree = next(e for e in ana.events if e.event == "AGREE")
    assert by_id[agree.id] == json.loads(json.dumps(agree.to_plover(art)))
    assert by_id[agree.id]["cite_info"]["url"] == "https://example.org/a"
    assert by_id[agree.id]["quad_code"] == 1


def test_plover_jsonl_to_path_with_filter(filled, tmp_path):
    out = tmp_path / "events.jsonl"
    n = export_events(filled, "plover-jsonl", out, EventFilter(actor="CST"))
    assert n == 2
    assert [json.loads(line)["event"] for line in out.read_text().splitlines()] == ["ACCUSE", "THREATEN"]


def test_csv_is_flat(filled, tmp_path):
    out = tmp_path / "events.csv"
    assert export_events(filled, "csv", out) == 5
    with open(out, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert list(rows[0]) == FLAT_COLUMNS
    assert FLAT_COLUMNS[:15] == ["id", "date", "event", "mode", "quad_code", "modality", "actor_codes",
                                 "recipient_codes", "speaker", "outlets", "condition", "confidence",
                                 "primary", "article_id", "sentence"]
    consult = next(r for r in rows if r["event"] == "CONSULT")
    assert consult["actor_codes"] == "NOR;SUD" and consult["actor_sectors"] == "GOV;"
    assert consult["location"] == "Lakeside" and consult["lat"] == "60.1"
    agree = next(r for r in rows if r["event"] == "AGREE")
    assert agree["speaker"] == "Mediation Office" and agree["outlets"] == "Example Wire"
    assert agree["primary"] == "True" and agree["recipient_codes"] == "SUD"
    threat = next(r for r in rows if r["event"] == "THREATEN")
    assert threat["date"] == "" and threat["modality"] == "conditional"
    assert threat["condition"] == "if the truce collapses"


def test_parquet_directory_and_file(filled, tmp_path):
    n = export_events(filled, "parquet", tmp_path / "out")
    assert n == 5
    table = pq.read_table(tmp_path / "out" / "events.parquet")
    assert table.num_rows == 5
    assert table.column_names == FLAT_COLUMNS + JSON_COLUMNS
    rows = table.to_pylist()
    retreat = next(r for r in rows if r["event"] == "RETREAT")
    assert retreat["quad_code"] == 2 and retreat["confidence"] == pytest.approx(0.7)
    assert json.loads(retreat["size"]) == {"arrested": 40.0}
    assert [a["code"] for a in json.loads(retreat["actor"])] == ["SUD"]
    assert retreat["event_loc"] is None
    assert export_events(filled, "parquet", tmp_path / "one.parquet") == 5
    assert pq.read_table(tmp_path / "one.parquet").num_rows == 5


def test_empty_store_exports_zero_rows(store, tmp_path):
    assert export_events(store, "parquet", tmp_path / "empty.parquet") == 0
    assert pq.read_table(tmp_path / "empty.parquet").column_names == FLAT_COLUMNS + JSON_COLUMNS
    buf = io.StringIO()
    assert export_events(store, "csv", buf) == 0
    assert buf.getvalue().strip() == ",".join(FLAT_COLUMNS)


def test_bad_format_or_target(filled):
    with pytest.raises(DetenteError) as err:
        export_events(filled, "xlsx", io.StringIO())
    assert err.value.code == "E203"
    with pytest.raises(DetenteError) as err:
        export_events(filled, "parquet", io.StringIO())
    assert err.value.code == "E203"


def test_flatten_plover_record(sample_a):
    from detente.store.export import flatten

    art, ana = sample_a
    agree = next(e for e in ana.events if e.event == "AGREE")
    flat = flatten(agree.to_plover(art))
    assert list(flat) == FLAT_COLUMNS
    assert flat["recipient_names"] == "Sudmark Armed Forces" and flat["hedges"] == "reportedly"
    assert flat["trigger"] == "agreed" and flat["trigger_start"] == art.text.index("agreed")
    assert flat["outlet"] == "Example Wire" and flat["published"] == art.published.isoformat()
    # a bare record (no article, few fields) still flattens
    bare = flatten({"id": "x", "event": "AGREE"})
    assert bare["actor_codes"] == "" and bare["url"] is None
