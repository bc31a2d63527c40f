"""The CLI in-process (Typer's runner) on temporary databases."""

from __future__ import annotations

import csv
import io
import json

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from detente.cli import app

pytestmark = pytest.mark.model
runner = CliRunner()

STORY = ("Negotiators from both governments met in Geneva on Tuesday, officials said. "
         "Moscow rejected a proposal for a 10-day truce, while Kyiv demanded the return of deported children.\n")


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    db = tmp_path_factory.mktemp("demo") / "demo.db"
    result = runner.invoke(app, ["demo", "--db", str(db)])
    assert result.exit_code == 0, result.output
    assert "event type" in result.output
    return db


def run(*args, env=None):
    result = runner.invoke(app, [str(a) for a in args], env=env)
    return result


def test_demo_codes_every_event_type(demo_db):
    records = json.loads(run("events", "--db", demo_db, "--format", "json").stdout)
    assert len(records) > 50
    assert len({r["event"] for r in records}) >= 14
    assert {"asserted", "negated", "conditional", "proposed"} <= {r["modality"] for r in records}


def test_events_filters_and_formats(demo_db):
    rej = [json.loads(line) for line in run("events", "--db", demo_db, "--type", "reject",
                                            "--format", "jsonl").stdout.splitlines()]
    assert rej and all(r["event"] == "REJECT" for r in rej)
    rus = json.loads(run("events", "--db", demo_db, "--actor", "RUS", "--format", "json").stdout)
    assert rus and all("RUS" in {e["code"] for e in r["actor"] + r["recipient"]} for r in rus)
    late = json.loads(run("events", "--db", demo_db, "--since", "2025-04-01", "--format", "json").stdout)
    assert late and all(r["date"] >= "2025-04-01"[: len(r["date"])] for r in late)  # coarse dates overlap
    rows = list(csv.DictReader(io.StringIO(run("events", "--db", demo_db, "--format", "csv").stdout)))
    assert rows and "event" in rows[0]
    table = run("events", "--db", demo_db, "--limit", "5")
    assert table.exit_code == 0 and "events" in table.stdout


def test_db_from_environment(demo_db):
    result = run("events", "--format", "json", env={"DETENTE_DB": str(demo_db)})
    assert result.exit_code == 0 and json.loads(result.stdout)


def test_show_marks_the_article(demo_db):
    first = json.loads(run("events", "--db", demo_db, "--format", "json").stdout)[0]
    result = run("show", first["article_id"][:8], "--db", demo_db)
    assert result.exit_code == 0
    assert first["event_text"] in result.stdout
    missing = run("show", "ffffffffffff", "--db", demo_db)
    assert missing.exit_code == 1 and "E303" in missing.output


def test_export_formats(demo_db, tmp_path):
    out = run("export", "--db", demo_db, "--format", "plover-jsonl")
    lines = [json.loads(x) for x in out.stdout.splitlines() if x.startswith("{")]
    assert lines and {"id", "date", "event", "actor", "modality", "attribution"} <= set(lines[0])
    pq_path = tmp_path / "events.parquet"
    assert run("export", "--db", demo_db, "--format", "parquet", "-o", pq_path).exit_code == 0
    assert pq.read_table(pq_path).num_rows == len(lines)
    assert run("export", "--db", demo_db, "--format", "parquet").exit_code == 2


def test_ingest_reports_bad_inputs_and_exit_code(tmp_path):
    (tmp_path / "good.txt").write_text(STORY, encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    db = tmp_path / "t.db"
    result = run("ingest", tmp_path / "good.txt", tmp_path / "empty.txt", "--db", db, "-q")
    assert result.exit_code == 1
    assert "empty.txt" in result.output and "E102" in result.output
    assert "1 stored" in result.output and "1 failed" in result.output
    again = run("ingest", tmp_path / "good.txt", "--db", db, "-q")
    assert again.exit_code == 0 and "1 already stored" in again.output


def test_ingest_from_stdin(tmp_path):
    db = tmp_path / "t.db"
    result = runner.invoke(app, ["ingest", "-", "--db", str(db), "-q"], input=STORY)
    assert result.exit_code == 0, result.output
    records = json.loads(run("events", "--db", db, "--format", "json").stdout)
    assert any(r["event"] == "REJECT" and "RUS" in {a["code"] for a in r["actor"]} for r in records)


def test_eval_writes_report(tmp_path):
    gold = tmp_path / "gold.csv"
    gold.write_text("text,label,source,target\n"
                    "\"Rebels shelled the town of Avdiivka overnight, the army said.\",ASSAULT,Rebels,\n"
                    "\"The minister rejected the offer of talks.\",REJECT,minister,\n"
                    "\"France sent 40 tonnes of medical supplies to Lebanon.\",AID,France,Lebanon\n",
                    encoding="utf-8")
    report = tmp_path / "r.json"
    result = run("eval", gold, "--labels", "plover16", "--report", report)
    assert result.exit_code == 0, result.output
    data = json.loads(report.read_text())
    assert {"macro_f1", "weighted_f1", "accuracy", "per_label", "confusion", "actor_match"} <= set(data)
    assert data["accuracy"] >= 2 / 3


def test_settings_and_bad_config(tmp_path):
    assert "DETENTE_DB" in run("settings").stdout
    bad = tmp_path / "bad.toml"
    bad.write_text("[detente\n", encoding="utf-8")
    result = run("--config", bad, "events", "--db", tmp_path / "x.db")
    assert result.exit_code == 2 and "E202" in result.output


def test_error_catalogue_listed():
    from detente.errors import CATALOGUE, DetenteError

    listing = run("errors").stdout
    assert all(code in listing for code in CATALOGUE)
    shape = DetenteError("E303", "no article with id 'x'", article_id="x").to_json()
    assert shape == {"error": {"code": "E303", "title": CATALOGUE["E303"].title,
                               "message": "no article with id 'x'", "detail": {"article_id": "x"}}}


def test_parquet_folder_holds_every_table_for_duckdb_and_pandas(demo_db, tmp_path):
    folder = tmp_path / "pq"
    folder.mkdir()
    assert run("export", "--db", demo_db, "--format", "parquet", "-o", folder).exit_code == 0
    names = {p.stem for p in folder.glob("*.parquet")}
    assert {"events", "articles", "positions", "agreements"} <= names
    n_events = len(json.loads(run("events", "--db", demo_db, "--format", "json").stdout))
    assert pq.read_table(folder / "events.parquet").to_pandas().shape[0] == n_events
    duckdb = pytest.importorskip("duckdb")
    ((count,),) = duckdb.connect().execute(f"SELECT count(*) FROM '{folder / 'articles.parquet'}'").fetchall()
    assert count == 17
