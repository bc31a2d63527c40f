"""An article with no publication date gets a flagged fallback date, a warning, and a ledger."""

from __future__ import annotations

import os
from datetime import datetime, timezone

import pytest

from detente import api
from detente.errors import DetenteError
from detente.ingest import read_source
from detente.settings import Settings, load_settings

UNDATED = ("Truce talks resume in the capital\n"
           "Sudan's army and the Rapid Support Forces agreed on Tuesday to a seven-day ceasefire, "
           "the Saudi foreign ministry said.\n")


def _write(tmp_path, text=UNDATED):
    path = tmp_path / "undated.txt"
    path.write_text(text, encoding="utf-8")
    stamp = datetime(2023, 5, 21, 12, 0, tzinfo=timezone.utc).timestamp()
    os.utime(path, (stamp, stamp))
    return path


def test_file_modification_time_by_default(tmp_path):
    (art,) = read_source(_write(tmp_path), Settings())
    assert art.published == datetime(2023, 5, 21, 12, 0, tzinfo=timezone.utc)
    assert art.metadata["published_fallback"] == "mtime"


def test_ingest_time_or_none_by_setting(tmp_path):
    path = _write(tmp_path)
    before = datetime.now(timezone.utc)
    (art,) = read_source(path, Settings(undated="ingest"))
    assert art.published >= before and art.metadata["published_fallback"] == "ingest"
    (art,) = read_source(path, Settings(undated="none"))
    assert art.published is None and "published_fallback" not in art.metadata
    with pytest.raises(DetenteError) as exc:
        read_source(path, Settings(undated="yesterday"))
    assert exc.value.code == "E201"


@pytest.mark.model
def test_undated_article_warns_and_reaches_the_ledger(tmp_path):
    path = _write(tmp_path)
    settings = load_settings(db=str(tmp_path / "u.db"), env={})
    seen = []
    report = api.ingest_paths([path], settings, on_warning=seen.append)
    assert report.failed == 0 and report.stored == 1
    assert [w.code for w in report.warnings] == ["W101"] == [p.code for p in seen]
    assert "modification time" in report.warnings[0].reason
    ledger = api.ledger(settings)
    assert ledger.clusters, "the undated article's events reach the ledger"
    assert all(c.date is None or c.date.startswith("2023-05") for c in ledger.clusters)


def test_field_header_gives_the_date_title_and_outlet(tmp_path):
    path = tmp_path / "fields.txt"
    path.write_text("Title: Truce talks resume in the capital\nDate: 2023-05-21\nSource: Horn Wire\n"
                    "URL: https://hornwire.example/truce\n\n" + UNDATED.split("\n", 1)[1], encoding="utf-8")
    (art,) = read_source(path, Settings())
    assert art.published == datetime(2023, 5, 21, tzinfo=timezone.utc)
    assert "published_fallback" not in art.metadata and art.metadata["layout"] == "field-header"
    assert (art.title, art.outlet, art.url) == ("Truce talks resume in the capital", "Horn Wire",
                                                "https://hornwire.example/truce")
    assert art.text.startswith("Sudan's army")


def test_a_line_that_only_looks_like_a_field_is_text(tmp_path):
    path = tmp_path / "quote.txt"
    path.write_text("Warning: the truce is fragile\nSudan's army said on Tuesday it would observe the truce.\n",
                    encoding="utf-8")
    (art,) = read_source(path, Settings())
    assert art.text.startswith("Warning:") and art.metadata["published_fallback"] == "mtime"


def test_a_headline_then_a_published_line_dates_the_page(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text("Truce talks resume in the capital\nPublished: 21 May 2023\n" + UNDATED.split("\n", 1)[1],
                    encoding="utf-8")
    (art,) = read_source(path, Settings())
    assert art.published.date().isoformat() == "2023-05-21" and "published_fallback" not in art.metadata
    assert art.title == "Truce talks resume in the capital" and art.text.startswith("Sudan's army")


def test_a_headline_then_a_line_that_is_no_date_stays_undated(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_text("Truce talks resume in the capital\nPublished: by the wire desk\n" + UNDATED.split("\n", 1)[1],
                    encoding="utf-8")
    (art,) = read_source(path, Settings())
    assert art.metadata["published_fallback"] == "mtime"


def test_a_date_printed_on_a_line_of_its_own_is_the_pages_date(tmp_path):
    text = ("Truce talks resume in the capital\nBy Staff Reporter\nSaturday, 20 May 2023, 19:42 GMT\n\n"
            + UNDATED.split("\n", 1)[1])
    (art,) = read_source(_write(tmp_path, text), Settings())
    assert art.published == datetime(2023, 5, 20, 19, 42, tzinfo=timezone.utc)
    assert art.metadata["published_from"] == "date_line" and "published_fallback" not in art.metadata


def test_a_dated_caption_or_sentence_is_no_date_line(tmp_path):
    text = ("Truce talks resume in the capital\nA soldier stands guard in Khartoum on May 2, 2023\n"
            "The truce first agreed on 20 May 2023 has been renewed.\n" + UNDATED.split("\n", 1)[1])
    (art,) = read_source(_write(tmp_path, text), Settings())
    assert art.metadata["published_fallback"] == "mtime" and "published_from" not in art.metadata
